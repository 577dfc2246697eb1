//! The second document from the same record (issue 14): a plain-language summary for the
//! patient and family — the conclusion, the questions with their answers, what to discuss
//! with the primary physician. It is worded by its own templates (`templates/patient.*.toml`,
//! in the report templates' layout) and addressed to the patient.

use std::path::Path;

use crate::config::{Config, Lang};
use crate::model::Session;

use super::Report;
use super::facts::{ReferralFacts, facts};
use super::letter::from_facts;
use super::template::ReportTemplate;

const PATIENT_JA: &str = include_str!("../../templates/patient.ja.toml");
const PATIENT_EN: &str = include_str!("../../templates/patient.en.toml");

/// Which document of a session: the letter to the referring physician, or the summary
/// for the patient and family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Document {
    #[default]
    Letter,
    Patient,
}

/// The built-in template of the patient's summary in `lang`. Both are checked by a test.
pub fn patient_template(lang: Lang) -> ReportTemplate {
    let (name, text) = match lang {
        Lang::Ja => ("<built-in templates/patient.ja.toml>", PATIENT_JA),
        Lang::En => ("<built-in templates/patient.en.toml>", PATIENT_EN),
    };
    ReportTemplate::from_text(Path::new(name), text)
        .expect("the built-in patient templates are valid")
}

/// The summary for the patient: the letter's model, addressed to the patient (the
/// template's addressee and salutation take the patient's name as `{physician}`).
pub fn build_patient(session: &Session, config: &Config, template: &ReportTemplate) -> Report {
    let mut facts = facts(session, config);
    facts.referral = ReferralFacts {
        physician: facts.patient.name.clone(),
        institution: None,
        department: None,
        address: None,
        ..facts.referral
    };
    from_facts(facts, config, template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_patient_templates_are_valid() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(patient_template(lang).language, lang);
        }
    }
}
