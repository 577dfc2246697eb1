//! A hospital's report template: its words for the reasons a request may be declined and for
//! the ECOG grades reach the report, and a template from before these words keeps the built-in ones.

mod common;

use std::fs;

use common::*;
use sonote::config::{Config, Lang};
use sonote::model::Session;
use sonote::model::intake::{Exclusion, Missing};
use sonote::model::opinion::Ecog;
use sonote::report::template::{REPORT_JA, ReportTemplate};
use sonote::report::{self, Format};

const DECEASED_JA: &str = "患者本人が死亡している";
const DECEASED_OURS: &str = "ご本人がすでにご逝去されていた";
const NO_SPECIALIST_JA: &str = "該当分野の専門医がいない";
const GRADE_2_JA: &str = "歩行可能で、自分の身の回りのことはすべて可能だが、作業はできない。日中の50%以上はベッド外で過ごす。";
const GRADE_2_OURS: &str = "身の回りのことはできるが、働くことはできない。";

/// The sample consultation with performance status 2, begun although the request had been
/// declined twice at intake (the patient had died; no specialist for the area).
fn declined_session(config: &Config) -> Session {
    let mut session = full_session(config);
    session.opinion.performance_status = Ecog::new(2);
    let record = session
        .intake
        .eligibility_override
        .as_mut()
        .expect("the sample session starts with an override");
    record.missing = vec![
        Missing::Declined(Exclusion::PatientDeceased),
        Missing::Declined(Exclusion::NoSpecialist),
    ];
    session
}

/// The built-in Japanese template with one line replaced: `key = "value"`.
fn with_line(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key} = ");
    assert!(
        text.lines().any(|l| l.starts_with(&prefix)),
        "{key} is a key"
    );
    text.lines()
        .map(|l| match l.starts_with(&prefix) {
            true => format!("{prefix}\"{value}\"\n"),
            false => format!("{l}\n"),
        })
        .collect()
}

fn ours() -> String {
    let text = with_line(REPORT_JA, "patient_deceased", DECEASED_OURS);
    with_line(&text, "grade_2", GRADE_2_OURS)
}

fn markdown(session: &Session, template: &ReportTemplate) -> String {
    let report = report::build(session, &Config::embedded(), template);
    let bytes = report::render(&report, Format::Markdown).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_built_in_templates_say_what_the_screens_say() {
    // The words moved from the screens' strings to the templates: the same report as before.
    for lang in [Lang::Ja, Lang::En] {
        let template = ReportTemplate::embedded(lang);
        for reason in Exclusion::ALL {
            assert_eq!(
                template.exclusions.of(reason),
                lang.texts().exclusion(reason)
            );
        }
        for grade in 0..=Ecog::MAX {
            let ecog = Ecog::new(grade).unwrap();
            assert_eq!(
                template.ecog.of(ecog),
                lang.opinion_texts().ecog_description(ecog)
            );
        }
    }
}

#[test]
fn a_template_rewords_an_exclusion_and_an_ecog_grade() {
    let config = Config::embedded();
    let session = declined_session(&config);
    let built_in = markdown(&session, &ReportTemplate::embedded(Lang::Ja));
    assert!(built_in.contains(&format!("受付時の判断：{DECEASED_JA}）")));
    assert!(built_in.contains(&format!("2：{GRADE_2_JA}")));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.ja.toml");
    fs::write(&path, ours()).unwrap();
    let md = markdown(&session, &ReportTemplate::load(&path).unwrap());
    assert!(
        md.contains(&format!("受付時の判断：{DECEASED_OURS}）")),
        "{md}"
    );
    assert!(
        md.contains(&format!("- PS（ECOG）：2：{GRADE_2_OURS}")),
        "{md}"
    );
    assert!(
        !md.contains(DECEASED_JA) && !md.contains(GRADE_2_JA),
        "{md}"
    );
    // The words the template did not change stay as they were.
    assert!(
        md.contains(&format!("受付時の判断：{NO_SPECIALIST_JA}）")),
        "{md}"
    );
}

#[test]
fn check_and_export_use_the_hospitals_words_and_an_older_template_the_built_in_ones() {
    let (dir, store) = temp_store();
    let mut session = declined_session(&Config::embedded());
    common::create(&store, &mut session).unwrap();
    let template = dir.path().join("ours.ja.toml");
    let config = dir.path().join("config.toml");
    fs::write(&config, "[report]\ntemplate = \"ours.ja.toml\"\n").unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--config", config.to_str().unwrap()];
        all.extend_from_slice(args);
        sonote(store.root(), &all)
    };
    let text = |out: &std::process::Output| {
        let mut both = String::from_utf8_lossy(&out.stdout).into_owned();
        both.push_str(&String::from_utf8_lossy(&out.stderr));
        both
    };

    // A copy of the template from before the two tables existed.
    let mut in_new_table = false;
    let older: String = REPORT_JA
        .lines()
        .filter(|l| {
            if l.starts_with('[') {
                in_new_table = *l == "[exclusions]" || *l == "[ecog]";
            }
            !in_new_table
        })
        .map(|l| format!("{l}\n"))
        .collect();
    // It is still good: the two tables were sonote's own words then, and still are for it.
    fs::write(&template, older).unwrap();
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&["export", &session.id, "--format", "md", "--out", "-"]);
    assert!(out.status.success(), "{}", text(&out));
    let md = String::from_utf8_lossy(&out.stdout);
    let built_in = sonote::report::template::ReportTemplate::embedded(sonote::config::Lang::Ja);
    let deceased = built_in
        .exclusions
        .of(sonote::model::intake::Exclusion::PatientDeceased);
    assert!(md.contains(deceased), "{md}");
    assert!(!md.contains(DECEASED_OURS));

    fs::write(&template, ours()).unwrap();
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("ours.ja.toml（報告書テンプレート、ja）: 問題ありません"));
    let out = run(&["export", &session.id, "--format", "md", "--out", "-"]);
    assert!(out.status.success(), "{}", text(&out));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains(DECEASED_OURS) && md.contains(GRADE_2_OURS),
        "{md}"
    );
}
