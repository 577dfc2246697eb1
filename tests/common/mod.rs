//! Shared by the integration tests: fixed times, a sample session, a temporary store, and
//! a pseudo-terminal harness.
#![allow(dead_code)]

pub mod pty;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use sonote::config::Config;
use sonote::model::intake::{Referral, Sex};
use sonote::model::{Asker, Intake, Mode, NewSession, Patient, Question, Session, Specialist};
use sonote::store::Store;

pub fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+09:00").unwrap()
}

pub fn at(minutes: i64, seconds: i64) -> DateTime<FixedOffset> {
    t0() + TimeDelta::minutes(minutes) + TimeDelta::seconds(seconds)
}

pub fn today() -> NaiveDate {
    t0().date_naive()
}

pub fn draft() -> NewSession {
    NewSession {
        id: String::new(),
        scheduled_date: today(),
        scheduled_time: NaiveTime::from_hms_opt(10, 0, 0),
        mode: Mode::InPerson,
        patient: Patient {
            name: "試験 太郎".into(),
            name_kana: "しけん たろう".into(),
            date_of_birth: NaiveDate::from_ymd_opt(1958, 3, 2),
            hospital_id: "T-0001".into(),
            sex: Some(Sex::Male),
        },
        specialist: Specialist {
            name: "佐々木 健".into(),
            department: "腫瘍内科".into(),
        },
        questions: vec![
            Question::new("手術以外の治療法はありますか。", Asker::Patient, "本人"),
            Question::new(
                "副作用で仕事を続けられなくなることはありますか。",
                Asker::Companion,
                "妻 試験 花子",
            ),
        ],
        intake: Intake {
            referral: Referral {
                received: true,
                physician: "紹介 一郎".into(),
                institution: "みほん市民病院".into(),
                ..Referral::default()
            },
            ..Intake::default()
        },
        demo: false,
    }
}

pub fn new_session(config: &Config) -> Session {
    Session::new(draft(), config.clock_rules(), config.fee.clone(), at(-5, 0))
}

/// A store in a fresh temporary directory (kept alive by the returned guard).
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    (dir, store)
}

/// An app on a temporary store with the sample session open, and the guard that keeps its
/// directory.
pub fn open_app(config: Config) -> (tempfile::TempDir, sonote::tui::app::App, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = store.create(&mut session).unwrap();
    let theme = sonote::tui::theme::Theme { color: true };
    let mut app = sonote::tui::app::App::new(config, store, theme, today());
    app.open_session(&path, at(0, 0)).unwrap();
    (dir, app, path)
}

/// A small deterministic random source (xorshift): a failing run can be replayed from
/// its seed.
pub struct Random(pub u64);

impl Random {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `low..high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low).max(1)
    }
}
