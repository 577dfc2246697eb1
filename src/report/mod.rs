//! The report to the referring physician: a session, the configuration and a template turned
//! into plain sections of text, which the docx, markdown, json and FHIR writers all render.
//!
//! Pure: no IO and no clock. The report's dates come from the session (the end of the
//! consultation, or its scheduled date), so the same session always gives the same report.
//!
//! Two steps. First the session is read into [`Facts`] (`facts.rs`), one function per part
//! (`patient_facts`, `attendees`, `opinion`, …): that is the only place that knows the
//! session's fields, so a field added to the session is fed in there. Then the report is
//! worded from the facts and the template: the letter around the sections (`letter.rs`)
//! and each section (`sections.rs`, `patient_section`, …). Every word comes from the
//! template, never from the screens' strings, except the recommendation scale, which is the
//! configuration's.

mod conclusion;
mod document;
pub(crate) mod docx;
mod facts;
pub mod fhir;
pub(crate) mod json;
mod letter;
pub(crate) mod markdown;
mod overview;
mod patient;
pub mod receipt;
mod sections;
pub mod template;
mod text;
mod wording;

use crate::config::{Config, Lang};
use crate::model::Session;
use template::ReportTemplate;

pub use document::{
    Body, Conclusion, Field, FooterPart, Layout, OptionItem, OptionsTable, Part, QuestionItem,
    Report, Section, Signature,
};
pub use facts::{
    Attendee, ClockEventFacts, EligibilityFacts, Facts, FeeFacts, FeeLineFacts, InstitutionFacts,
    MaterialFacts, OpinionFacts, PatientFacts, QuestionFacts, ReferralFacts, SpecialistFacts,
    TimeFacts, TreatmentFacts, facts,
};
pub(crate) use letter::from_facts;
pub use patient::{Document, build_patient, patient_template};
pub use text::clean;

/// The file formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Markdown,
    Json,
    /// The Japanese eReferral FHIR document (診療情報提供書, HL7 FHIR R4 JSON).
    Fhir,
}

impl Format {
    /// The file name extension, also the name recorded in the session.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Json => "json",
            // Beside a JSON export of the same session, never over it.
            Format::Fhir => "fhir.json",
        }
    }
}

/// Write a report in a format.
pub fn render(report: &Report, format: Format) -> std::io::Result<Vec<u8>> {
    match format {
        Format::Docx => docx::render(report),
        Format::Markdown => Ok(markdown::render(report).into_bytes()),
        Format::Json => Ok(json::render(report).into_bytes()),
        Format::Fhir => Ok(fhir::render(report)),
    }
}

/// The language a report is written in: the one asked for, else the configuration's.
pub fn language(config: &Config, asked: Option<Lang>) -> Lang {
    asked.unwrap_or(config.report.language)
}

/// Build the report of a session.
pub fn build(session: &Session, config: &Config, template: &ReportTemplate) -> Report {
    from_facts(facts(session, config), config, template)
}

/// Build one of a session's documents: the letter with `template`, or the patient's
/// summary with its own template in `template`'s language.
pub fn build_document(
    session: &Session,
    config: &Config,
    template: &ReportTemplate,
    document: Document,
) -> Report {
    match document {
        Document::Letter => build(session, config, template),
        Document::Patient => build_patient(session, config, &patient_template(template.language)),
    }
}
