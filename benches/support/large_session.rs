//! The large session every benchmark uses: 200 prepared questions, all answered in writing,
//! and about 50 KB of Japanese text in the specialist's notes and opinion; and its
//! 5,000-question variant, for what grows with the questions. Deterministic: fixed dates and
//! text chosen by index, so every run measures the same bytes.
//!
//! Shared by `benches/*.rs` and `examples/large_session.rs` through `#[path]`.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use sonote::config::{Config, Lang};
use sonote::model::opinion::{
    DiagnosisView, DrugClass, Ecog, Opinion, PlanAgreement, TreatmentText,
};
use sonote::model::{Asker, Priority, Question, Recommendation, Session, TreatmentKind};
use sonote::store::Store;

pub const QUESTIONS: usize = 200;
/// The variant's questions: far more than any consultation has, to show what grows with them.
pub const MANY_QUESTIONS: usize = 5_000;
/// How many of the questions were worked through (marked answered) on the clock; the rest
/// have written answers too, typed ahead or by the companion.
pub const ANSWERED_ON_CLOCK: usize = 150;
/// Bytes of Japanese text in the notes and in the opinion (about half each).
pub const NOTES_BYTES: usize = 25_000;
pub const OPINION_BYTES: usize = 25_000;

/// The consultation day and the clock's start (the demo's appointment).
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("a valid date")
}

pub fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+09:00").expect("a valid time")
}

/// The moment the frame benchmarks draw at: the clock running, extended, 50 minutes in.
pub fn now() -> DateTime<FixedOffset> {
    start() + TimeDelta::seconds(50 * 60 + 30)
}

const SENTENCES: [&str; 40] = [
    "造影CTでは膵体部に約三センチの腫瘤を認め、上腸間膜動脈への接触は百八十度未満と読めます。",
    "主治医の先生からは、まず化学療法を四か月ほど行い、その後に手術を検討すると聞いています。",
    "CA19-9は前回より上昇していますが、黄疸はなく、食事も以前と変わらずとれています。",
    "治療中も仕事を続けたいという希望があり、週に三日は出勤したいと話されています。",
    "病理ではEUS-FNAで腺癌と確定しており、追加の生検は現時点では不要と考えます。",
    "遠隔転移を示唆する所見はなく、腹水や腹膜播種を疑う像も指摘されていません。",
    "術前化学療法としては、FOLFIRINOXまたはゲムシタビンとナブパクリタキセルの併用が標準的です。",
    "体力と年齢を考えると、強い治療にも耐えられる可能性が高いと判断しています。",
    "しびれや脱毛などの副作用について、ご家族も一緒に説明を聞きたいとのことでした。",
    "放射線治療は化学療法の効果を見てから追加を検討する位置づけになります。",
    "手術の可否は、化学療法後の再評価のCTで血管への浸潤がどう変化したかで決まります。",
    "緩和ケアは終末期だけのものではなく、診断の時点から痛みや不安に対して受けられます。",
    "痛みは今のところ鎮痛薬なしで過ごせており、夜もよく眠れていると伺いました。",
    "治験については、現在の病期で参加できるものがあるか、主治医と確認することを勧めます。",
    "長女の方は通院の付き添いを続けられるか、仕事との調整を心配されていました。",
    "糖尿病の悪化がみられるため、内分泌内科との連携も治療と並行して進めるのがよいでしょう。",
    "体重は三か月で二キロ減っており、栄養指導を早めに受けることをお勧めします。",
    "セカンドオピニオンの結果は紹介元に文書でお返しし、治療は紹介元で続ける前提です。",
    "副作用が強く出た場合には、減量や休薬で調整しながら続けることができます。",
    "手術を選んだ場合の入院期間はおよそ三週間で、術後の補助化学療法も必要になります。",
    "遺伝子パネル検査は、標準治療が終わる見込みの時点で検討するのが一般的です。",
    "ご本人は、できる限り自宅で家族と過ごす時間を大切にしたいと話されました。",
    "今回の資料の範囲では、紹介状の病期診断に異論はありません。",
    "重粒子線治療は局所進行膵がんで保険適用となっており、施設を紹介することも可能です。",
    "治療の開始はあまり遅らせない方がよく、二週間以内に方針を決めるのが望ましいです。",
    "食欲が落ちたときは、少量を回数多くとる工夫や栄養補助食品の利用が役に立ちます。",
    "発熱時の連絡先と受診の目安を、治療開始前に必ず確認しておいてください。",
    "再評価のCTは化学療法開始から二か月後を目安に撮影するのがよいと考えます。",
    "家族性の膵がんを疑う病歴はなく、遺伝カウンセリングは現時点で必須ではありません。",
    "主治医の治療方針は妥当であり、当院でも同様の順序で治療を進めると思われます。",
    "ご質問の多くは、治療と生活の両立に関するもので、具体的な工夫を一緒に考えました。",
    "高額療養費制度や傷病手当金について、病院の相談窓口で説明を受けられます。",
    "胆管ステントが必要になった場合には、内視鏡で比較的短時間に留置できます。",
    "抗がん剤の点滴は外来で行うことができ、通院は二週間に一度が目安です。",
    "末梢神経障害が強く出た場合は、オキサリプラチンを休止して続ける方法があります。",
    "手術後の生活では、膵臓の機能低下に応じて消化酵素薬や血糖の管理が必要です。",
    "ご家族からは、告知の範囲や今後の話し合い方についても質問がありました。",
    "当日の説明内容は、ご本人とご家族の双方が理解された様子でした。",
    "画像上は門脈への接触も軽度で、切除可能境界に近い局所進行と考えられます。",
    "今後の経過で迷うことがあれば、再度のセカンドオピニオンも遠慮なくご利用ください。",
];

const QUESTION_STEMS: [&str; 20] = [
    "手術以外の治療法はありますか",
    "抗がん剤の副作用はどのくらい続きますか",
    "治療中も仕事を続けられますか",
    "放射線治療を追加する意味はありますか",
    "治療の効果はいつ頃わかりますか",
    "緩和ケアは今から受けてもよいのでしょうか",
    "食事で気をつけることはありますか",
    "治験に参加できる可能性はありますか",
    "手術ができるようになる見込みはどのくらいですか",
    "家族として何を手伝えばよいでしょうか",
    "痛みが出たときはどうすればよいですか",
    "治療費はどのくらいかかりますか",
    "セカンドオピニオンの結果は主治医に伝わりますか",
    "遺伝子検査は受けた方がよいですか",
    "重粒子線治療は選択肢になりますか",
    "再発した場合の治療はどうなりますか",
    "旅行や運動は続けてもよいですか",
    "糖尿病の治療はどう変わりますか",
    "治療をしない選択をした場合はどうなりますか",
    "次の受診までに準備しておくことはありますか",
];

/// Japanese prose of at least `bytes` bytes, sentences picked by `seed`; a line break every
/// `per_line` sentences (0: one paragraph).
pub fn prose(seed: usize, bytes: usize, per_line: usize) -> String {
    let mut text = String::new();
    let mut k: usize = 0;
    while text.len() < bytes {
        if per_line > 0 && k > 0 && k.is_multiple_of(per_line) {
            text.push('\n');
        }
        text.push_str(SENTENCES[(seed * 7 + k * 13) % SENTENCES.len()]);
        k += 1;
    }
    text
}

fn question(i: usize) -> Question {
    let stem = QUESTION_STEMS[i % QUESTION_STEMS.len()];
    let round = i / QUESTION_STEMS.len();
    let text = if round == 0 {
        format!("{stem}。")
    } else {
        format!("{stem}（{}回目の確認です）。", round + 1)
    };
    let (asker, asked_by) = if i % 3 == 2 {
        (Asker::Companion, "長女 見本 美咲")
    } else {
        (Asker::Patient, "本人")
    };
    let mut q = Question::new(text, asker, asked_by);
    if i.is_multiple_of(7) {
        q.priority = Priority::High;
    }
    q.answer = prose(i, 240 + (i % 4) * 120, 2);
    if i % 4 == 1 {
        q.companion_answer = prose(i + 100, 150, 0);
    }
    q
}

fn opinion() -> Opinion {
    let mut opinion = Opinion {
        referral_diagnosis: "膵がん（膵体部）、cStage III（局所進行）".into(),
        referral_stage: "cT4N1M0".into(),
        diagnosis_view: Some(DiagnosisView::Agrees),
        own_diagnosis: prose(1, 600, 0),
        performance_status: Ecog::new(1),
        patient_wishes: prose(2, 2_400, 3),
        plan_agreement: Some(PlanAgreement::PartlyDiffers),
        plan_differences: prose(3, 2_400, 3),
        summary: prose(4, 3_600, 3),
        suggestions: prose(5, 2_400, 3),
        note: prose(6, 1_200, 3),
        treatments: Vec::new(),
    };
    let recommendations = [
        Recommendation::Consider,
        Recommendation::Recommended,
        Recommendation::Consider,
        Recommendation::Recommended,
    ];
    let sizes = [1_500, 700, 700, 400, 200];
    for (k, (kind, value)) in TreatmentKind::CORE
        .into_iter()
        .zip(recommendations)
        .enumerate()
    {
        opinion.set_recommendation(kind, value);
        let row = opinion.treatment_mut(kind);
        for (part, size) in TreatmentText::ALL.into_iter().zip(sizes) {
            *row.text_mut(part) = prose(10 + k * 5 + size % 7, size, 3);
        }
    }
    opinion.toggle_drug_class(DrugClass::Chemotherapy);
    opinion
}

/// The large session in memory: the demo's patient and intake, 200 answered questions, the
/// clock started at 10:00 and extended at 10:25, 150 questions worked through on it, the
/// notes and the opinion.
pub fn build(config: &Config) -> Session {
    build_with(config, QUESTIONS)
}

/// The large session with `questions` prepared questions instead of 200 (the first
/// `ANSWERED_ON_CLOCK` worked through, all of them when there are fewer); the clock, the
/// notes and the opinion the same, so that sizes compare.
pub fn build_with(config: &Config, questions: usize) -> Session {
    let mut draft = sonote::demo::demo_session(Lang::Ja, day()).expect("the embedded demo");
    draft.demo = false;
    draft.questions = (0..questions).map(question).collect();
    let mut session = Session::new(
        draft,
        config.clock_rules(),
        config.fee.clone(),
        start() - TimeDelta::minutes(5),
    );
    session.toggle_clock(start()).expect("the clock starts");
    // With fewer questions than this the clock runs on all the same (nothing is left to
    // advance to): the extension and the clock's record stay those of the 200.
    for n in 0..ANSWERED_ON_CLOCK {
        let at = start() + TimeDelta::seconds(20 * n as i64);
        if at == start() + TimeDelta::minutes(25) {
            session.extend(at).expect("one extension");
        }
        session.answer_current_and_advance(at);
    }
    session.memo = prose(0, NOTES_BYTES, 2);
    session.opinion = opinion();
    session
}

/// Bytes of text typed into the session: answers, notes and opinion.
pub fn typed_bytes(session: &Session) -> (usize, usize) {
    let answers = session
        .questions
        .iter()
        .map(|q| q.answer.len() + q.companion_answer.len())
        .sum();
    let o = &session.opinion;
    let mut notes = session.memo.len()
        + o.own_diagnosis.len()
        + o.patient_wishes.len()
        + o.plan_differences.len()
        + o.summary.len()
        + o.suggestions.len()
        + o.note.len();
    for row in &o.treatments {
        notes += TreatmentText::ALL
            .iter()
            .map(|part| row.text(*part).len())
            .sum::<usize>();
    }
    (answers, notes)
}

/// Write the large session into the store at `data_dir`; returns the store, the session's
/// file and the session (its id set).
pub fn write(data_dir: &std::path::Path) -> (Store, std::path::PathBuf, Session) {
    write_with(data_dir, QUESTIONS)
}

/// [`write`] with `questions` prepared questions (see [`build_with`]).
pub fn write_with(
    data_dir: &std::path::Path,
    questions: usize,
) -> (Store, std::path::PathBuf, Session) {
    let config = Config::embedded();
    let store = Store::open(data_dir).expect("open the data directory");
    let mut session = build_with(&config, questions);
    let path = store
        .create(
            &mut session,
            &sonote::store::journal::Author::new("test", "clerk"),
            sonote::core::now(),
        )
        .expect("write the session");
    (store, path, session)
}

/// All the session's text as a plain file (questions, answers, notes, opinion), for the
/// editor the keystroke benchmark compares with.
pub fn plain_text(session: &Session) -> String {
    let mut text = String::new();
    for q in &session.questions {
        for part in [&q.text, &q.answer, &q.companion_answer] {
            if !part.is_empty() {
                text.push_str(part);
                text.push('\n');
            }
        }
    }
    text.push_str(&session.memo);
    text.push('\n');
    let o = &session.opinion;
    for part in [
        &o.own_diagnosis,
        &o.patient_wishes,
        &o.plan_differences,
        &o.summary,
        &o.suggestions,
        &o.note,
    ] {
        text.push_str(part);
        text.push('\n');
    }
    for row in &o.treatments {
        for part in TreatmentText::ALL {
            text.push_str(row.text(part));
            text.push('\n');
        }
    }
    text
}

/// A past consultation as a data directory holds them by the hundred: 12 questions with
/// answers, a few kilobytes of notes and opinion, the clock ended. About 25 KB of TOML.
pub fn past(config: &Config, days_ago: i64) -> Session {
    let mut draft = sonote::demo::demo_session(Lang::Ja, day()).expect("the embedded demo");
    draft.demo = false;
    draft.scheduled_date = day() - TimeDelta::days(days_ago);
    draft.questions = (0..12).map(|i| question(i + days_ago as usize)).collect();
    let begin = start() - TimeDelta::days(days_ago);
    let mut session = Session::new(
        draft,
        config.clock_rules(),
        config.fee.clone(),
        begin - TimeDelta::minutes(5),
    );
    session.toggle_clock(begin).expect("the clock starts");
    for n in 0..12 {
        session.answer_current_and_advance(begin + TimeDelta::minutes(2 * n));
    }
    session
        .end(begin + TimeDelta::minutes(28))
        .expect("the clock ends");
    session.memo = prose(days_ago as usize, 3_000, 2);
    let mut opinion = opinion();
    opinion.summary = prose(days_ago as usize + 1, 1_500, 3);
    for row in &mut opinion.treatments {
        for part in TreatmentText::ALL {
            row.text_mut(part).truncate(0);
        }
        row.reasoning = prose(days_ago as usize + 2, 300, 0);
    }
    opinion.patient_wishes = prose(days_ago as usize + 3, 600, 0);
    opinion.plan_differences = prose(days_ago as usize + 4, 600, 0);
    opinion.suggestions = prose(days_ago as usize + 5, 600, 0);
    opinion.note.clear();
    session.opinion = opinion;
    session
}

/// Write `count` past consultations, one a day before the large session's day.
pub fn write_past(data_dir: &std::path::Path, count: usize) {
    let config = Config::embedded();
    let store = Store::open(data_dir).expect("open the data directory");
    for days_ago in 1..=count as i64 {
        let mut session = past(&config, days_ago);
        store
            .create(
                &mut session,
                &sonote::store::journal::Author::new("test", "clerk"),
                sonote::core::now(),
            )
            .expect("write a past session");
    }
}
