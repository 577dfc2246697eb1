//! The report as JSON: the session's facts with stable names, and the document as worded.
//!
//! This is an export format of its own, not the session file: the field names below (and
//! those of [`Facts`] and [`Report`]) are kept stable, and `format_version` is raised when
//! one changes meaning. Bookkeeping about the export itself (when it was exported or sent)
//! is left out, so exporting again gives the same bytes.

use serde::Serialize;

use super::{Facts, Report};
use crate::config::Lang;

/// Raised when a field of the json export changes meaning or is removed. 2: the opinion
/// became structured (`session.opinion`, the `findings`, `options` and `parts` bodies),
/// `session.summary` moved into it, and questions carry their state and both answers.
pub(crate) const FORMAT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    format_version: u32,
    generator: String,
    language: Lang,
    session: &'a Facts,
    document: &'a Report,
}

/// Write the report as pretty-printed JSON, ending with a newline.
pub fn render(report: &Report) -> String {
    let export = Export {
        format: "sonote-report",
        format_version: FORMAT_VERSION,
        generator: format!("sonote {}", env!("CARGO_PKG_VERSION")),
        language: report.language,
        session: &report.facts,
        document: report,
    };
    // Serializing plain structs of strings, numbers and dates cannot fail.
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_default();
    text.push('\n');
    text
}
