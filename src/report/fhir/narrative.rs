//! The FHIR sections' narrative: the report's own sections (the words the docx prints, in
//! the template's language) written as the restricted XHTML that FHIR narrative allows.

use crate::report::template::SectionKey;
use crate::report::{Body, Field, Report, Section};

/// A narrative `div` holding these pieces of XHTML.
pub(super) fn div(inner: &str) -> String {
    format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{inner}</div>")
}

/// The report's sections of these kinds, in the report's order, each under its heading as
/// printed; None when the report has none of them (a template may leave them out).
pub(super) fn sections(report: &Report, keys: &[SectionKey]) -> Option<String> {
    let html: String = report
        .sections
        .iter()
        .filter(|section| keys.contains(&section.key))
        .map(section)
        .collect();
    (!html.is_empty()).then_some(html)
}

/// Lines of plain text, one paragraph each; None when there are none.
pub(super) fn lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let html: String = lines
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("<p>{}</p>", text(line)))
        .collect();
    (!html.is_empty()).then_some(html)
}

fn section(section: &Section) -> String {
    format!(
        "<h3>{}</h3>{}",
        escape(&section.heading),
        body(&section.body)
    )
}

fn body(body: &Body) -> String {
    match body {
        Body::Fields(fields) => fields_table(fields),
        Body::Conclusion(conclusion) => {
            let paragraphs: String = conclusion
                .paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", text(p)))
                .collect();
            format!(
                "{}{paragraphs}{}",
                fields_table(conclusion.asked.as_slice()),
                fields_table(&conclusion.options)
            )
        }
        Body::List(items) => {
            let items: String = items
                .iter()
                .map(|item| format!("<li>{}</li>", text(item)))
                .collect();
            format!("<ul>{items}</ul>")
        }
        Body::Paragraphs(paragraphs) => paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>", text(p)))
            .collect(),
        Body::Parts(parts) => parts
            .iter()
            .map(|part| {
                let paragraphs: String = part
                    .paragraphs
                    .iter()
                    .map(|p| format!("<p>{}</p>", text(p)))
                    .collect();
                format!("<p><b>{}</b></p>{paragraphs}", escape(&part.label))
            })
            .collect(),
        Body::Questions(questions) => questions
            .iter()
            .map(|q| {
                let note = match q.note.is_empty() {
                    true => String::new(),
                    false => format!("{} ", text(&q.note)),
                };
                // The family's notes, when the specialist included them, under their label.
                let family = match &q.family_note {
                    Some(f) => format!("<p>{}: {}</p>", escape(&f.label), text(&f.value)),
                    None => String::new(),
                };
                format!(
                    "<p><b>{}</b> {}{}</p><p>{}: {note}{}</p>{family}",
                    escape(&q.label),
                    text(&q.text),
                    escape(&q.asked_by),
                    escape(&q.answer_label),
                    text(&q.answer)
                )
            })
            .collect(),
        Body::Options(table) => {
            let head: String = table
                .columns
                .iter()
                .map(|c| format!("<th>{}</th>", escape(c)))
                .collect();
            let rows: String = table
                .rows
                .iter()
                .map(|row| {
                    let details: Vec<String> = row
                        .details
                        .iter()
                        .map(|f| format!("{}: {}", escape(&f.label), text(&f.value)))
                        .collect();
                    format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(&row.option),
                        escape(&row.recommendation),
                        details.join("<br/>")
                    )
                })
                .collect();
            format!("<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        }
        Body::NotRecorded(phrase) => format!("<p>{}</p>", escape(phrase)),
    }
}

/// Label and value pairs as a table; nothing for none.
fn fields_table(fields: &[Field]) -> String {
    if fields.is_empty() {
        return String::new();
    }
    let rows: String = fields
        .iter()
        .map(|f| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                escape(&f.label),
                text(&f.value)
            )
        })
        .collect();
    format!("<table><tbody>{rows}</tbody></table>")
}

/// Text that may hold line breaks: each kept as `<br/>`.
fn text(value: &str) -> String {
    value.lines().map(escape).collect::<Vec<_>>().join("<br/>")
}

/// XML escaping for text and attribute values; the apostrophe as a character reference,
/// which HTML readers know too (`&apos;` is XML's only).
pub(super) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_text_is_escaped_and_line_breaks_kept() {
        assert_eq!(text("a<b>&\"c'\nd"), "a&lt;b&gt;&amp;&quot;c&#39;<br/>d");
        assert_eq!(
            lines(["x", " ", "<y>"]).as_deref(),
            Some("<p>x</p><p>&lt;y&gt;</p>")
        );
        assert_eq!(lines([""]), None);
    }
}
