//! The letter speaks for the specialist (issue 14): the companion's notes only when the
//! specialist includes them, labelled as the family's; the questions left open listed; the
//! intake facts a physician needs and none it does not; snapshots of the Markdown.

mod common;

use common::consultation::consultation;
use common::*;
use sonote::config::{Config, Lang};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format};

fn markdown(session: &sonote::model::Session, config: &Config, lang: Lang) -> String {
    let report = report::build(session, config, &ReportTemplate::embedded(lang));
    String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap()
}

#[test]
fn the_companions_notes_are_out_unless_the_specialist_includes_them() {
    let config = Config::embedded();
    let mut session = full_session(&config);
    let notes = "放射線と薬を組み合わせる方法もあると説明を受けた。";
    let text = markdown(&session, &config, Lang::Ja);
    assert!(!text.contains(notes), "{text}");

    // Included: under the family's label, after the specialist's answer.
    session.questions[0].companion_in_letter = true;
    let text = markdown(&session, &config, Lang::Ja);
    let answer = text.find("回答：手術のほかに").unwrap();
    let labelled = text.find(&format!("> *ご家族のメモ*：{notes}")).unwrap();
    assert!(answer < labelled, "{text}");
    let report = report::build(&session, &config, &ReportTemplate::embedded(Lang::En));
    let md = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    assert!(md.contains(&format!("> *Family's notes*: {notes}")), "{md}");

    // Copied into the answer: the specialist's words now, no longer labelled.
    assert!(session.questions[0].copy_companion_answer());
    assert!(!session.questions[0].copy_companion_answer(), "copied once");
    let text = markdown(&session, &config, Lang::Ja);
    assert!(
        text.contains(&format!("選択肢があります。  \n{notes}")),
        "{text}"
    );
    assert!(!text.contains("ご家族のメモ"), "{text}");
}

#[test]
fn the_intake_facts_a_physician_needs_and_none_other() {
    let config = Config::embedded();
    let mut session = consultation(&config, Lang::Ja);
    session.memo = "費用の件は後日。".into();
    let text = markdown(&session, &config, Lang::Ja);
    for want in [
        "〒100-0001 東京都千代田区見本町4-5-6  \nみほん市民病院",
        "- 性別：男性",
        "- 紹介状の日付：2026年11月10日",
    ] {
        assert!(text.contains(want), "lacks {want:?}:\n{text}");
    }
    // Never the fee, the payment or the private memo.
    for never in ["費用の件", "11,000", "11000", "円"] {
        assert!(!text.contains(never), "{never:?} in\n{text}");
    }
}

#[test]
fn compact_lists_the_open_questions_once_and_gives_the_reasoning_only() {
    let mut config = Config::embedded();
    let session = consultation(&config, Lang::Ja);
    let full = markdown(&session, &config, Lang::Ja);
    config.report.compact = true;
    let compact = markdown(&session, &config, Lang::Ja);
    // Question 11 was skipped with a line written: never with the answers, listed once
    // with what the specialist wrote about it, in both letters.
    for letter in [&full, &compact] {
        assert!(!letter.contains("**質問11**"), "{letter}");
        assert!(
            letter.contains(
                "- 質問11　セカンドオピニオンの結果を主治医にどう伝えればよいですか。（ご本人）\
                 \u{3000}今回の面談では見送りました。 時間の都合で取り上げませんでしたが、"
            ),
            "{letter}"
        );
    }
    assert!(full.contains("期待される効果"));
    assert!(!compact.contains("期待される効果"));
    assert!(compact.contains("判断の理由"));
    assert!(compact.len() < full.len());
}

/// The whole letter of the consultation, as Markdown, in both languages.
#[test]
fn the_consultation_letter_as_markdown() {
    let config = Config::embedded();
    for lang in [Lang::Ja, Lang::En] {
        let mut session = consultation(&config, lang);
        // The specialist includes the family's notes on the question about palliative care.
        session.questions[3].companion_in_letter = true;
        let name = format!("letter_{lang:?}").to_lowercase();
        insta::assert_snapshot!(name, markdown(&session, &config, lang));
    }
}

/// The summary for the patient and family, from the same record, in both languages: the
/// conclusion in plain words, the questions with the answers, what to discuss.
#[test]
fn the_summary_for_the_patient_as_markdown() {
    let config = Config::embedded();
    for lang in [Lang::Ja, Lang::En] {
        let session = consultation(&config, lang);
        let template = sonote::report::patient_template(lang);
        let report = sonote::report::build_patient(&session, &config, &template);
        let text = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
        // Addressed to the patient; nothing of the physician's letter around it.
        let (patient, never) = match lang {
            Lang::Ja => ("見本 太郎 様", "御侍史"),
            Lang::En => ("Dear Taro Mihon,", "Dr. Ichiro Shokai"),
        };
        assert!(text.contains(patient), "{text}");
        assert!(!text.contains(never), "{text}");
        let name = format!("patient_{lang:?}").to_lowercase();
        insta::assert_snapshot!(name, text);
    }
}
