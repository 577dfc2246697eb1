//! The report's times and dates are the clinic's (`institution.time_zone`, Tokyo by
//! default), not those of the computer that recorded them.

mod common;

use chrono::{DateTime, FixedOffset};
use common::*;
use sonote::config::Config;
use sonote::model::Session;
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Body, Format};

/// The full session with every time moved to UTC, as a computer set to UTC records it:
/// the same instants, 10:00 in Tokyo being 01:00 there.
fn recorded_in_utc(config: &Config) -> Session {
    let mut session = full_session(config);
    let utc = FixedOffset::east_opt(0).unwrap();
    let to_utc = |at: &mut DateTime<FixedOffset>| *at = at.with_timezone(&utc);
    for event in &mut session.clock.events {
        to_utc(&mut event.at);
    }
    for question in &mut session.questions {
        if let Some(at) = &mut question.answered_at {
            to_utc(at);
        }
    }
    session
}

fn time_fields(config: &Config, session: &Session) -> (Vec<(String, String)>, serde_json::Value) {
    // The times a section of their own, as a template may still have them; the built-in
    // templates print them on one line of the overview.
    let text = report::template::REPORT_JA.replace("\"overview\"]", "\"overview\", \"time\"]");
    let template = ReportTemplate::from_text(std::path::Path::new("time.toml"), &text).unwrap();
    let report = report::build(session, config, &template);
    let fields = report
        .sections
        .iter()
        .find_map(|s| match (&s.key, &s.body) {
            (report::template::SectionKey::Time, Body::Fields(fields)) => Some(fields.clone()),
            _ => None,
        })
        .expect("a time section");
    let json = serde_json::from_slice(&report::render(&report, Format::Json).unwrap()).unwrap();
    (
        fields.into_iter().map(|f| (f.label, f.value)).collect(),
        json,
    )
}

#[test]
fn times_are_printed_in_the_clinics_zone() {
    let config = Config::embedded();
    assert_eq!(config.institution.time_zone, "Asia/Tokyo");
    let (fields, json) = time_fields(&config, &recorded_in_utc(&config));
    assert!(
        fields.contains(&("開始".into(), "10:00".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("終了".into(), "10:31".into())),
        "{fields:?}"
    );
    assert_eq!(
        json["session"]["time"]["started_at"],
        "2026-11-21T10:00:00+09:00"
    );
    assert_eq!(
        json["session"]["clock_events"][0]["at"],
        "2026-11-21T10:00:00+09:00"
    );
    schema::assert_valid(&json);
}

#[test]
fn another_zone_moves_the_times_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        // A POSIX TZ string: the tests cannot count on a time zone database, from which an
        // IANA name (America/Los_Angeles) is read.
        "[institution]\ntime_zone = \"PST8PDT,M3.2.0,M11.1.0\"\n",
    )
    .unwrap();
    let config = Config::load(&path).unwrap();
    let (fields, json) = time_fields(&config, &full_session(&config));
    // 10:00 in Tokyo on 21 November is 17:00 the day before in Los Angeles.
    assert!(
        fields.contains(&("開始".into(), "17:00".into())),
        "{fields:?}"
    );
    assert_eq!(
        json["session"]["time"]["started_at"],
        "2026-11-20T17:00:00-08:00"
    );
    assert_eq!(json["session"]["consultation_date"], "2026-11-20");

    std::fs::write(&path, "[institution]\ntime_zone = \"Japan Standard\"\n").unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("c.toml:2: field `institution.time_zone`"),
        "{err}"
    );
}
