//! Facts + template → the overview: the record of the consultation as one block of facts at
//! the end of the letter, where four sections of their own (the consultation, who came, the
//! materials, the times) took half a page for what a physician glances at.

use super::document::Body;
use super::facts::Facts;
use super::sections::{attendee_lines, consultation_fields, material_lines, time_words};
use super::template::{ReportTemplate, fill};
use super::wording::field;

/// The consultation's facts, then who came (on one line), the times (on one line) and the
/// materials (one to a line). A row with nothing recorded says so, as a section would, or is
/// left out with `omit_empty_sections`.
pub(super) fn overview_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let mut fields = consultation_fields(facts, t);
    // Who came on one line; that the patient did not, on the next.
    let (names, absent) = attendee_lines(facts, t);
    let attendees = match absent {
        Some(absent) if !names.is_empty() => {
            format!("{}\n{absent}", names.join(&t.values.separator))
        }
        _ => names.join(&t.values.separator),
    };
    let time = time_words(facts, t).map(|time| {
        fill(
            &t.letter.time_line,
            &[
                ("started", &time.started),
                ("ended", &time.ended),
                ("duration", &time.duration),
                ("extension", &time.extension),
                ("pauses", &time.pauses),
            ],
        )
    });
    let materials = material_lines(facts, t).join("\n");
    let mut rows = vec![(&t.headings.attendees, Some(attendees))];
    // A template that leaves the times' line empty leaves the row out.
    if !t.letter.time_line.trim().is_empty() {
        rows.push((&t.headings.time, time));
    }
    rows.push((&t.headings.materials, Some(materials)));
    for (label, value) in rows {
        match value.filter(|value| !value.trim().is_empty()) {
            Some(value) => fields.push(field(label, value)),
            None if t.omit_empty_sections => {}
            None => fields.push(field(label, t.text.not_recorded.clone())),
        }
    }
    Body::Fields(fields)
}
