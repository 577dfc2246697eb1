//! Shared by the integration tests: fixed times, a sample session, a temporary store, and
//! a pseudo-terminal harness.
#![allow(dead_code)]

pub mod consultation;
pub mod pdf;
pub mod pty;
pub mod samples;
pub mod schema;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use sonote::config::Config;
use sonote::model::intake::{Companion, Referral, Sex};
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, PlanAgreement, Recommendation, TreatmentKind,
};
use sonote::model::{
    Asker, Intake, Mode, NewSession, Patient, Question, QuestionState, Role, Session, Specialist,
};
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
            ..Patient::default()
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

/// A consultation as a specialist would leave it: the referral letter had not arrived (the
/// clock was started with a reason), five questions in every state, answers from both
/// terminals, and the structured opinion written out.
pub fn full_session(config: &Config) -> Session {
    let mut session = new_session(config);
    session.id = "2026-11-21-02".into();
    let intake = &mut session.intake;
    intake.referral.received = false;
    intake.referral.department = "消化器内科".into();
    intake.referral.diagnosis = "膵体部癌、cStage III（局所進行）".into();
    intake.referral.question = "化学療法を先行する方針についてご意見をお願いします。".into();
    intake.companions = vec![Companion {
        name: "試験 花子".into(),
        relationship: "妻".into(),
    }];
    session.questions.extend([
        Question::new(
            "治療方針はいつまでに決める必要がありますか。",
            Asker::Patient,
            "",
        ),
        Question::new("仕事はどの程度続けられますか。", Asker::Companion, ""),
        Question::new("治験に参加することはできますか。", Asker::Specialist, ""),
    ]);
    session.ensure_question_ids();
    session
        .start_with_override(
            "紹介状は郵送中で、主治医から電話で病状の説明を受けたため。",
            at(0, 0),
        )
        .unwrap();
    let ids: Vec<String> = session.questions.iter().map(|q| q.id.clone()).collect();
    // Q1: answered on both terminals. Q2: answered, written only by the companion.
    session.set_current(Some(&ids[0]), at(1, 0));
    session.questions[0].answer = "手術のほかに、化学放射線療法という選択肢があります。".into();
    session.questions[0].companion_answer =
        "放射線と薬を組み合わせる方法もあると説明を受けた。".into();
    session.set_current(Some(&ids[1]), at(6, 0));
    session.set_question_state(&ids[0], QuestionState::Answered, at(6, 0));
    session.questions[1].companion_answer = "吐き気は薬でかなり抑えられる。".into();
    session.set_question_state(&ids[1], QuestionState::Answered, at(10, 0));
    // Q3: left for the primary physician. Q4: skipped, with a line about why. Q5: not asked.
    session.set_question_state(&ids[2], QuestionState::ForPrimaryPhysician, at(11, 0));
    session.set_question_state(&ids[3], QuestionState::Skipped, at(12, 0));
    session.questions[3].answer = "時間の都合で、次回の外来でご相談ください。".into();

    let o = &mut session.opinion;
    o.referral_stage = "cStage III".into();
    o.diagnosis_view = Some(DiagnosisView::Agrees);
    o.performance_status = Ecog::new(1);
    o.patient_wishes = "できるだけ自宅で過ごし、仕事も続けたい。".into();
    o.set_recommendation(TreatmentKind::Surgery, Recommendation::Consider);
    let surgery = o.treatment_mut(TreatmentKind::Surgery);
    surgery.reasoning =
        "腹腔動脈への浸潤があり現時点では切除不能。化学療法で縮小すれば切除を再検討する。".into();
    surgery.risks = "腹腔動脈合併切除は合併症が多い。".into();
    o.set_recommendation(TreatmentKind::DrugTherapy, Recommendation::Recommended);
    o.toggle_drug_class(DrugClass::Chemotherapy);
    let drugs = o.treatment_mut(TreatmentKind::DrugTherapy);
    drugs.reasoning = "局所進行膵癌の標準治療。".into();
    drugs.benefit = "腫瘍の縮小と生存期間の延長。".into();
    drugs.risks = "骨髄抑制、末梢神経障害、倦怠感。".into();
    drugs.reference = "膵癌診療ガイドライン 2022年版".into();
    o.set_recommendation(TreatmentKind::PalliativeCare, Recommendation::Recommended);
    o.treatment_mut(TreatmentKind::PalliativeCare).note = "診断時から治療と並行して。".into();
    o.plan_agreement = Some(PlanAgreement::Agrees);
    o.summary = "化学療法を先行する方針は標準治療に沿った妥当なものと考えます。\n\n\
                 効果判定の際に切除の可能性を再評価されることをお勧めします。"
        .into();
    o.suggestions = "効果判定時に外科と切除可能性をご検討ください。".into();
    o.note = "ご家族は緩和ケアに関心をお持ちです。".into();
    session.end(at(31, 0)).unwrap();
    session
}

/// Create `session` in `store` as the clerk's desk does, now: its path.
pub fn create(store: &Store, session: &mut Session) -> std::io::Result<std::path::PathBuf> {
    let clerk = sonote::store::journal::Author::new("test", "clerk");
    store.create(session, &clerk, sonote::core::now())
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
    let path = create(&store, &mut session).unwrap();
    let theme = sonote::tui::theme::Theme { color: true };
    let mut app = sonote::tui::app::App::new(config, store, theme, today());
    app.open_session(&path, at(0, 0)).unwrap();
    (dir, app, path)
}

/// An app on the session at `path` in `role` (two of them are the two terminals of one
/// consultation), opened at 10:00.
pub fn app_in_role(store: &Store, path: &std::path::Path, role: Role) -> sonote::tui::app::App {
    let theme = sonote::tui::theme::Theme { color: true };
    let mut app = sonote::tui::app::App::new(Config::embedded(), store.clone(), theme, today());
    app.role = role;
    app.open_session(path, at(0, 0)).unwrap();
    app
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

/// Run the app's autosave at `now` until the session file on disk satisfies `saved`: the
/// write itself happens on the writer thread. Panics after five seconds.
pub fn autosave_until(
    app: &mut sonote::tui::app::App,
    now: chrono::DateTime<FixedOffset>,
    path: &std::path::Path,
    saved: impl Fn(&Session) -> bool,
) -> Session {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        app.autosave(now);
        if let Ok(session) = sonote::store::load(path)
            && saved(&session)
        {
            return session;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the autosave never landed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Run the real binary on data directory `data`, without the user's environment settings.
pub fn sonote(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sonote"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SONOTE_CONFIG")
        .env_remove("SONOTE_DATA_DIR")
        // No user configuration of the machine's: the embedded defaults.
        .env("XDG_CONFIG_HOME", data.join("no-config-home"))
        .output()
        .expect("run sonote")
}

/// Whether the external programs a test needs can be started (`probe` runs each with
/// `args`). When one cannot, the test is skipped with a note, except where the environment
/// asks for every tool (`SONOTE_REQUIRE_TOOLS=1`, set by `.ci/run`, or `CI`): there a
/// missing tool fails the test rather than let it pass without checking anything.
pub fn tools_present(programs: &[&str], args: &[&str], hint: &str) -> bool {
    let missing: Vec<&str> = programs
        .iter()
        .copied()
        .filter(|program| {
            std::process::Command::new(program)
                .args(args)
                .output()
                .is_err()
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var("SONOTE_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
        || std::env::var_os("CI").is_some();
    assert!(!required, "{} not installed: {hint}", missing.join(", "));
    eprintln!("skipped: {} not installed ({hint})", missing.join(", "));
    false
}
