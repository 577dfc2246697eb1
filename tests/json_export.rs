//! The JSON export: every sample validates against `docs/report.schema.json`, and the
//! specialist's private memo goes out only where the report template prints it.

mod common;

use common::*;
use sonote::config::Config;
use sonote::report::template::{ReportTemplate, SectionKey};
use sonote::report::{self, Format};

fn json_of(session: &sonote::model::Session, template: &ReportTemplate) -> serde_json::Value {
    let config = Config::embedded();
    let report = report::build(session, &config, template);
    serde_json::from_slice(&report::render(&report, Format::Json).unwrap()).unwrap()
}

#[test]
fn every_sample_validates_against_the_schema() {
    let config = Config::embedded();
    for (name, session, lang) in samples::all(&config) {
        let json = json_of(&session, &ReportTemplate::embedded(lang));
        eprintln!("{name}");
        schema::assert_valid(&json);
    }
}

#[test]
fn the_schema_refuses_what_the_export_never_writes() {
    let config = Config::embedded();
    let session = full_session(&config);
    let good = json_of(
        &session,
        &ReportTemplate::embedded(sonote::config::Lang::Ja),
    );
    let refused = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut json = good.clone();
        change(&mut json);
        std::panic::catch_unwind(|| schema::assert_valid(&json)).is_err()
    };
    assert!(refused(&|j| j["session"]["mode"] = "by_phone".into()));
    assert!(refused(&|j| j["session"]["patient"]["name"] = "".into()));
    assert!(refused(
        &|j| j["session"]["time"]["started_at"] = "10:00".into()
    ));
    assert!(refused(
        &|j| j["document"]["sections"][0]["body"]["kind"] = "table".into()
    ));
    assert!(refused(&|j| j["session"]["unknown"] = 1.into()));
}

#[test]
fn the_memo_goes_out_only_where_the_template_prints_it() {
    let config = Config::embedded();
    let mut session = full_session(&config);
    session.memo = "秘密の所見：本人には未告知".into();
    let mut template = ReportTemplate::embedded(sonote::config::Lang::Ja);
    assert!(!template.sections.contains(&SectionKey::Memo));
    let json = json_of(&session, &template);
    assert!(
        json["session"].get("memo").is_none(),
        "{:#}",
        json["session"]
    );
    assert!(!json.to_string().contains("秘密の所見"));
    schema::assert_valid(&json);

    template.sections.push(SectionKey::Memo);
    let json = json_of(&session, &template);
    assert_eq!(json["session"]["memo"], "秘密の所見：本人には未告知");
    schema::assert_valid(&json);
}
