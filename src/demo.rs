//! The embedded sample session, so a new user sees sonote at work without any set-up.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::config::Lang;
use crate::model::{Mode, NewSession, Patient, Question, Specialist};
use crate::tomlfile::{self, FileError};

const DEMO_JA: &str = include_str!("../templates/demo.ja.toml");
const DEMO_EN: &str = include_str!("../templates/demo.en.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTemplate {
    mode: Mode,
    time: String,
    patient: Patient,
    specialist: Specialist,
    questions: Vec<Question>,
}

/// The sample session's contents, scheduled for `date`.
pub fn demo_session(lang: Lang, date: NaiveDate) -> Result<NewSession, FileError> {
    let (name, text) = match lang {
        Lang::Ja => ("templates/demo.ja.toml", DEMO_JA),
        Lang::En => ("templates/demo.en.toml", DEMO_EN),
    };
    let path = Path::new(name);
    let template: DemoTemplate = tomlfile::parse(path, text)?;
    let time = NaiveTime::parse_from_str(&template.time, "%H:%M")
        .map_err(|err| FileError::at_field(path, text, "time", err.to_string()))?;
    Ok(NewSession {
        id: String::new(),
        scheduled_date: date,
        scheduled_time: Some(time),
        mode: template.mode,
        patient: template.patient,
        specialist: template.specialist,
        questions: template.questions,
        demo: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_samples_parse() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for lang in [Lang::Ja, Lang::En] {
            let draft = demo_session(lang, date).unwrap();
            assert!(draft.demo);
            assert!(draft.questions.len() >= 3);
            assert!(!draft.patient.name.is_empty());
        }
    }
}
