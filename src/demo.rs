//! The embedded sample session, so a new user sees sonote at work without any set-up.

use std::path::Path;

use chrono::NaiveDate;

use crate::config::Lang;
use crate::intake_file;
use crate::model::NewSession;
use crate::tomlfile::FileError;

const DEMO_JA: &str = include_str!("../templates/demo.ja.toml");
const DEMO_EN: &str = include_str!("../templates/demo.en.toml");

/// The sample session's contents (an intake file), scheduled for `date`.
pub fn demo_session(lang: Lang, date: NaiveDate) -> Result<NewSession, FileError> {
    let (name, text) = match lang {
        Lang::Ja => ("templates/demo.ja.toml", DEMO_JA),
        Lang::En => ("templates/demo.en.toml", DEMO_EN),
    };
    let mut draft = intake_file::parse(Path::new(name), text)?;
    draft.scheduled_date = date;
    draft.demo = true;
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_samples_parse_as_intake_files() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for lang in [Lang::Ja, Lang::En] {
            let draft = demo_session(lang, date).unwrap();
            assert!(draft.demo);
            assert!(draft.questions.len() >= 3);
            assert!(draft.intake.referral.received);
            assert_eq!(draft.scheduled_date, date);
        }
    }

    #[test]
    fn the_intake_example_parses() {
        let text = include_str!("../templates/intake.example.toml");
        let draft = intake_file::parse(Path::new("intake.example.toml"), text).unwrap();
        assert_eq!(draft.patient.name, "見本 花子");
        assert_eq!(draft.intake.materials.len(), 2);
    }
}
