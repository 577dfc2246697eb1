//! Report templates: the wording, order and fonts of the report, read from TOML and checked.
//!
//! The two built-in templates are embedded; a hospital copies one, edits it and names it in
//! its configuration (`report.template`). Every mistake is reported by file, line and key,
//! and is found when the template is loaded, so rendering a report never fails on wording.

mod checks;
mod phrase;

use std::path::Path;

use serde::Deserialize;

use crate::config::{Config, Lang};
use crate::model::intake::Exclusion;
use crate::model::opinion::Ecog;
use crate::tomlfile::{self, FileError};

pub use checks::check;
use checks::name_missing_key;
pub use phrase::{Piece, fill, pieces};

pub const REPORT_JA: &str = include_str!("../../templates/report.ja.toml");
pub(crate) const REPORT_EN: &str = include_str!("../../templates/report.en.toml");

/// The version of the template layout this sonote reads.
pub(crate) const TEMPLATE_FORMAT: u32 = 1;

/// A body section of the report, as named in a template's `sections` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKey {
    Patient,
    Consultation,
    Attendees,
    Materials,
    Time,
    Questions,
    /// The specialist's view of the diagnosis, the performance status, the patient's wishes.
    Findings,
    Opinion,
    Summary,
    Memo,
    /// The conclusion for page 1: the position on the plan, the summary opinion and one line
    /// per option with its recommendation (worded by `[letter]`).
    Conclusion,
    /// The questions not answered (not asked, skipped, left for the primary physician),
    /// listed for the primary physician to take up (worded by `[letter]`).
    OpenQuestions,
    /// The consultation's record as one block of facts: date, specialist, mode, the
    /// referral's date, who came, the times on one line, the materials (worded by
    /// `[headings] consultation` and `[letter] time_line`).
    Overview,
    /// The corrections of a confirmed record: printed last when a template does not place
    /// them, as every version after the first must list them.
    Corrections,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTemplate {
    pub format: u32,
    pub language: Lang,
    pub sections: Vec<SectionKey>,
    pub number_headings: bool,
    pub omit_empty_sections: bool,
    pub fonts: Fonts,
    pub text: Phrases,
    pub headings: Headings,
    pub labels: Labels,
    pub values: Values,
    pub materials: MaterialWords,
    pub treatments: TreatmentWords,
    pub exclusions: ExclusionWords,
    pub ecog: EcogWords,
    pub record: RecordWords,
    pub letter: LetterWords,
}

/// The words issue 14 added: the conclusion, the open questions, the family's notes and the
/// intake facts a physician needs. A template from before them gets the built-in words.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterWords {
    /// The heading of the conclusion.
    pub conclusion: String,
    /// The heading of the list of open questions.
    pub open_questions: String,
    /// One open question (`{n}`, `{text}`, `{fate}`).
    pub open_question: String,
    /// The label of the companion's notes, when the specialist prints them.
    pub family_note: String,
    pub sex: String,
    pub female: String,
    pub male: String,
    pub other: String,
    pub referral_date: String,
    /// The referring institution's address above its name (`{address}`).
    pub addressee_address: String,
    /// The times of the consultation on one line of the overview (`{started}`, `{ended}`,
    /// `{duration}`, `{extension}`, `{pauses}`). Added after the rest of `[letter]`: a
    /// template without it gets the built-in words (see [`ReportTemplate::from_text`]).
    #[serde(default)]
    pub time_line: String,
}

/// The words of a confirmed record's version and of its corrections (訂正).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordWords {
    /// After the title from the second version on (`{n}`).
    pub version: String,
    /// The heading of the list of corrections.
    pub corrections: String,
    /// One correction (`{date}`, `{from}`: the version corrected, `{by}`, `{reason}`).
    pub correction: String,
    /// One field it changed (`{field}`, `{before}`, `{after}`).
    pub changed: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    pub body: String,
    pub heading: String,
    pub latin_body: String,
    pub latin_heading: String,
    /// Body size in points.
    pub size: f32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    pub title: String,
    pub confidential: String,
    pub date: String,
    pub addressee_institution: String,
    pub addressee_department: String,
    pub addressee_physician: String,
    pub addressee_unknown: String,
    pub salutation: String,
    pub salutation_unknown: String,
    pub thanks: String,
    pub no_tests: String,
    pub closing: String,
    pub closing_word: String,
    pub signature_title: String,
    pub signature_line: String,
    pub not_recorded: String,
    pub no_answer: String,
    pub page: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub patient: String,
    pub consultation: String,
    pub attendees: String,
    pub materials: String,
    pub time: String,
    pub questions: String,
    pub findings: String,
    pub opinion: String,
    pub summary: String,
    pub memo: String,
}

impl Headings {
    pub(crate) fn of(&self, key: SectionKey) -> &str {
        match key {
            SectionKey::Patient => &self.patient,
            SectionKey::Consultation => &self.consultation,
            SectionKey::Attendees => &self.attendees,
            SectionKey::Materials => &self.materials,
            SectionKey::Time => &self.time,
            SectionKey::Questions => &self.questions,
            SectionKey::Findings => &self.findings,
            SectionKey::Opinion => &self.opinion,
            SectionKey::Summary => &self.summary,
            SectionKey::Memo => &self.memo,
            // The overview is the consultation's, with more in it.
            SectionKey::Overview => &self.consultation,
            // Worded by `[record] corrections` and by `[letter]`, which every template has.
            SectionKey::Corrections | SectionKey::Conclusion | SectionKey::OpenQuestions => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub name: String,
    pub date_of_birth: String,
    pub hospital_id: String,
    pub consultation_date: String,
    pub specialist: String,
    pub department: String,
    pub mode: String,
    pub referral_diagnosis: String,
    pub referral_question: String,
    pub started: String,
    pub ended: String,
    pub duration: String,
    pub extension: String,
    pub pauses: String,
    pub question: String,
    pub answer: String,
    pub option: String,
    pub assessment: String,
    pub notes: String,
    pub eligibility: String,
    pub referral_stage: String,
    pub diagnosis_view: String,
    pub own_diagnosis: String,
    pub performance_status: String,
    pub patient_wishes: String,
    pub drug_classes: String,
    pub reasoning: String,
    pub benefit: String,
    pub risks: String,
    pub reference: String,
    pub treatment_note: String,
    pub plan_agreement: String,
    pub summary: String,
    pub suggestions: String,
    pub opinion_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    pub in_person: String,
    pub online: String,
    pub hybrid: String,
    pub name_with_kana: String,
    pub date_of_birth: String,
    pub minutes: String,
    pub extension: String,
    pub no_extension: String,
    pub pauses: String,
    pub no_pauses: String,
    pub asked_by: String,
    pub attendee: String,
    pub patient_self: String,
    pub patient_absent: String,
    pub material: String,
    pub material_described: String,
    pub asker_patient: String,
    pub asker_companion: String,
    pub asker_specialist: String,
    pub question_not_asked: String,
    pub question_skipped: String,
    pub question_for_primary: String,
    pub answered_unrecorded: String,
    pub separator: String,
    pub diagnosis_agrees: String,
    pub diagnosis_differs: String,
    pub performance_status: String,
    pub plan_agrees: String,
    pub plan_partly_differs: String,
    pub plan_differs: String,
    pub plan_differences: String,
    pub eligibility_override: String,
    pub missing_referral: String,
    pub missing_consent: String,
    pub missing_relationship: String,
    pub missing_declined: String,
}

/// Words for the materials lent by the primary physician: their kinds and media.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialWords {
    pub blood_test: String,
    pub ultrasound: String,
    pub x_ray: String,
    pub ct: String,
    pub mri: String,
    pub pathology: String,
    pub other: String,
    pub film: String,
    pub cd_r: String,
    pub paper: String,
}

/// Words for the treatment options of the opinion table and the kinds of drug therapy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentWords {
    pub surgery: String,
    pub drug_therapy: String,
    pub radiation: String,
    pub palliative_care: String,
    pub clinical_trial: String,
    pub watchful_waiting: String,
    pub chemotherapy: String,
    pub targeted_therapy: String,
    pub immunotherapy: String,
    pub hormone_therapy: String,
}

/// Words for the reasons a request may be declined at intake (`values.missing_declined`'s
/// `{reason}`), one key per `Exclusion`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionWords {
    pub not_patient_or_family: String,
    pub family_without_consent: String,
    pub wants_treatment_here: String,
    pub complaint_or_litigation: String,
    pub patient_deceased: String,
    pub primary_physician_not_agreed: String,
    pub no_specialist: String,
}

impl ExclusionWords {
    pub fn of(&self, reason: Exclusion) -> &str {
        match reason {
            Exclusion::NotPatientOrFamily => &self.not_patient_or_family,
            Exclusion::FamilyWithoutConsent => &self.family_without_consent,
            Exclusion::WantsTreatmentHere => &self.wants_treatment_here,
            Exclusion::ComplaintOrLitigation => &self.complaint_or_litigation,
            Exclusion::PatientDeceased => &self.patient_deceased,
            Exclusion::PrimaryPhysicianNotAgreed => &self.primary_physician_not_agreed,
            Exclusion::NoSpecialist => &self.no_specialist,
        }
    }
}

/// The descriptions of the ECOG performance status grades (`values.performance_status`'s
/// `{description}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcogWords {
    pub grade_0: String,
    pub grade_1: String,
    pub grade_2: String,
    pub grade_3: String,
    pub grade_4: String,
}

impl EcogWords {
    pub fn of(&self, ecog: Ecog) -> &str {
        // `Ecog` holds 0 to 4 (`Ecog::MAX`); there is no grade above the last.
        match ecog.grade() {
            0 => &self.grade_0,
            1 => &self.grade_1,
            2 => &self.grade_2,
            3 => &self.grade_3,
            _ => &self.grade_4,
        }
    }
}

impl ReportTemplate {
    /// The built-in template of a language. Both are checked by a test, so this cannot fail.
    pub fn embedded(lang: Lang) -> ReportTemplate {
        let (name, text) = embedded_source(lang);
        Self::from_text(Path::new(name), text).expect("the built-in report templates are valid")
    }

    /// Read and check a template file.
    pub fn load(path: &Path) -> Result<ReportTemplate, FileError> {
        let text = crate::tomlfile::read_text(path)?;
        Self::from_text(path, &text)
    }

    /// The template for a report in `lang`: the configured one when it is written in that
    /// language, else the built-in one. The configured file is read and checked either way,
    /// so a broken template is reported whichever language is asked for.
    pub fn for_config(config: &Config, lang: Lang) -> Result<ReportTemplate, FileError> {
        if let Some(path) = &config.report.template {
            let custom = Self::load(path)?;
            if custom.language == lang {
                return Ok(custom);
            }
        }
        Ok(Self::embedded(lang))
    }

    pub fn from_text(path: &Path, text: &str) -> Result<ReportTemplate, FileError> {
        tomlfile::check_characters(path, text)?;
        let text = with_words_from_before(text);
        let text = text.as_ref();
        let mut template: ReportTemplate =
            tomlfile::parse(path, text).map_err(|err| name_missing_key(err, text))?;
        template.validate(path, text)?;
        if template.letter.time_line.is_empty() && !declares(text, "letter", "time_line") {
            template.letter.time_line = built_in_time_line(template.language);
        }
        Ok(template)
    }
}

/// Tables whose words were sonote's own, not the template's, before templates carried
/// them: a hospital's template from then gets the built-in words of its language, as its
/// reports always had, instead of being refused.
const WORDS_FROM_BEFORE: [&str; 4] = ["exclusions", "ecog", "record", "letter"];

/// `text`, with each of [`WORDS_FROM_BEFORE`] it lacks appended from the built-in template
/// of its language (after its last line, so that the lines of errors stay the file's).
fn with_words_from_before(text: &str) -> std::borrow::Cow<'_, str> {
    // Every template from now on has the tables: no second parse on the ordinary path.
    let headed = |key: &str| text.lines().any(|l| l.trim() == format!("[{key}]"));
    if WORDS_FROM_BEFORE.into_iter().all(headed) {
        return text.into();
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        // The parse below says what is wrong.
        return text.into();
    };
    let lang = match table.get("language").and_then(toml::Value::as_str) {
        Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        _ => return text.into(),
    };
    let missing: Vec<&str> = WORDS_FROM_BEFORE
        .into_iter()
        .filter(|key| !table.contains_key(*key))
        .collect();
    if missing.is_empty() {
        return text.into();
    }
    let Ok(built_in) = embedded_source(lang).1.parse::<toml::Table>() else {
        return text.into();
    };
    let mut added = toml::Table::new();
    for key in missing {
        if let Some(words) = built_in.get(key) {
            added.insert(key.to_string(), words.clone());
        }
    }
    match toml::to_string(&added) {
        Ok(tables) => format!("{text}\n{tables}").into(),
        Err(_) => text.into(),
    }
}

/// Whether the template's `[table]` declares `key` (left empty, it leaves the words out).
fn declares(text: &str, table: &str, key: &str) -> bool {
    text.parse::<toml::Table>()
        .ok()
        .and_then(|parsed| parsed.get(table)?.as_table()?.get(key).cloned())
        .is_some()
}

/// `letter.time_line` of the built-in template of `lang`, for a template from before it.
fn built_in_time_line(lang: Lang) -> String {
    let (_, text) = embedded_source(lang);
    text.parse::<toml::Table>()
        .ok()
        .and_then(|parsed| {
            let line = parsed.get("letter")?.as_table()?.get("time_line")?;
            line.as_str().map(str::to_string)
        })
        .unwrap_or_default()
}

fn embedded_source(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ja => ("<built-in templates/report.ja.toml>", REPORT_JA),
        Lang::En => ("<built-in templates/report.en.toml>", REPORT_EN),
    }
}

pub(crate) fn section_name(key: SectionKey) -> &'static str {
    match key {
        SectionKey::Patient => "patient",
        SectionKey::Consultation => "consultation",
        SectionKey::Attendees => "attendees",
        SectionKey::Materials => "materials",
        SectionKey::Time => "time",
        SectionKey::Questions => "questions",
        SectionKey::Findings => "findings",
        SectionKey::Opinion => "opinion",
        SectionKey::Summary => "summary",
        SectionKey::Memo => "memo",
        SectionKey::Corrections => "corrections",
        SectionKey::Conclusion => "conclusion",
        SectionKey::OpenQuestions => "open_questions",
        SectionKey::Overview => "overview",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_built_in_templates_are_valid_and_list_every_section() {
        for lang in [Lang::Ja, Lang::En] {
            let template = ReportTemplate::embedded(lang);
            assert_eq!(template.language, lang);
            // All but the memo, and the record's four in the one overview.
            assert_eq!(template.sections.len(), 8, "{:?}", template.sections);
            assert!(template.sections.contains(&SectionKey::Overview));
            for key in [
                SectionKey::Memo,
                SectionKey::Consultation,
                SectionKey::Attendees,
                SectionKey::Materials,
                SectionKey::Time,
            ] {
                assert!(!template.sections.contains(&key), "{key:?}");
            }
            assert!(!template.letter.time_line.is_empty());
        }
    }

    /// `letter.time_line` came after the rest of `[letter]`: a template without it gets
    /// the built-in words of its language; one that leaves it empty keeps it empty.
    #[test]
    fn a_template_without_the_time_line_gets_the_built_in_one() {
        let key = REPORT_EN
            .lines()
            .find(|line| line.starts_with("time_line = "))
            .expect("the built-in template has the key");
        let path = Path::new("ours.toml");
        let without = REPORT_EN.replace(key, "");
        let template = ReportTemplate::from_text(path, &without).unwrap();
        let built_in = ReportTemplate::embedded(Lang::En).letter.time_line;
        assert_eq!(template.letter.time_line, built_in);
        let empty = REPORT_EN.replace(key, "time_line = \"\"");
        let template = ReportTemplate::from_text(path, &empty).unwrap();
        assert_eq!(template.letter.time_line, "");
    }
}
