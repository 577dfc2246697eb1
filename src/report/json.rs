//! The report as JSON: the session's facts with stable names, and the document as worded.
//!
//! This is an export format of its own, not the session file: the field names below (and
//! those of [`Facts`] and [`Report`]) are kept stable, and `format_version` is raised when
//! one changes meaning. Bookkeeping about the export itself (when it was exported or sent)
//! is left out, so exporting again gives the same bytes.

use serde::Serialize;

use super::template::SectionKey;
use super::{Facts, Report};
use crate::config::Lang;

/// Raised when a field of the json export changes meaning or is removed. 2: the opinion
/// became structured (`session.opinion`, the `findings`, `options` and `parts` bodies),
/// `session.summary` moved into it, and questions carry their state and both answers.
/// 3: `session.memo`, the specialist's private notes, is left out unless the template
/// prints the memo section.
pub(crate) const FORMAT_VERSION: u32 = 3;

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
    render_with(report, false)
}

/// The same; `with_memo` (`sonote export --format json --with-memo`) asks for the
/// specialist's private notes whatever the template prints.
pub fn render_with(report: &Report, with_memo: bool) -> String {
    // The memo is the specialist's own: it goes out only where the hospital's template
    // prints it in the letter too, or where it is asked for.
    let printed = with_memo || report.sections.iter().any(|s| s.key == SectionKey::Memo);
    let private;
    let memo_corrected = |f: &Facts| {
        f.corrections.iter().any(|c| {
            c.changes
                .iter()
                .any(|change| change.field.starts_with("memo"))
        })
    };
    let facts = match printed || (report.facts.memo.is_none() && !memo_corrected(&report.facts)) {
        true => &report.facts,
        false => {
            // Nor through a correction of it.
            let mut corrections = report.facts.corrections.clone();
            for correction in &mut corrections {
                correction
                    .changes
                    .retain(|change| !change.field.starts_with("memo"));
            }
            private = Facts {
                memo: None,
                corrections,
                ..report.facts.clone()
            };
            &private
        }
    };
    let export = Export {
        format: "sonote-report",
        format_version: FORMAT_VERSION,
        generator: format!("sonote {}", env!("CARGO_PKG_VERSION")),
        language: report.language,
        session: facts,
        document: report,
    };
    // Serializing plain structs of strings, numbers and dates cannot fail.
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_default();
    text.push('\n');
    text
}
