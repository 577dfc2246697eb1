//! The fixtures every test shares: fixed times, a sample session (plain and fully written),
//! a temporary store, a replayable random source.
//!
//! One file serves both kinds of test: the screen tests inside the crate (`tui/tests/`)
//! reach it as `crate::test_fixtures`, the integration tests include it with
//! `#[path]` from `tests/common/mod.rs`. It names the crate `sonote::` either way (the crate
//! calls itself `sonote` under `cfg(test)`, see lib.rs), so the two stay one copy.
// Each side uses only part of it.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use sonote::config::Config;
use sonote::model::intake::{Companion, Referral, Sex};
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, PlanAgreement, Recommendation, TreatmentKind,
};
use sonote::model::{
    Asker, Intake, Mode, NewSession, Patient, Question, QuestionState, Session, Specialist,
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

/// An ended consultation with a full opinion, saved: (guard, data dir, path).
pub fn ended() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = full_session(&Config::embedded());
    let clerk = sonote::store::journal::Author::new("受付", "clerk");
    let path = store.create(&mut session, &clerk, at(0, 0)).unwrap();
    (dir, store.root().to_path_buf(), path)
}

/// A consultation that ended at 10:25, its report exported at 10:40 and sent at 10:50.
pub fn report_sent(config: &Config) -> Session {
    let mut session = new_session(config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.end(at(25, 0)).unwrap();
    session.report.exported_at = Some(at(40, 0));
    session.report.sent_at = Some(at(50, 0));
    session
}
