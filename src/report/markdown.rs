//! The report as Markdown, to paste into an electronic chart: plain enough to read as text,
//! structured enough to render.

use std::fmt::Write as _;

use super::{Body, Field, OptionsTable, Part, QuestionItem, Report};
use crate::config::Lang;

/// Write the report as Markdown, ending with a newline.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let colon = match report.language {
        Lang::Ja => "：",
        Lang::En => ": ",
    };
    let _ = writeln!(out, "# {}\n", inline(&report.title));
    if !report.confidential.trim().is_empty() {
        let _ = writeln!(out, "**{}**\n", escape(&report.confidential));
    }
    let _ = writeln!(out, "{}\n", escape(&report.date));
    block(&mut out, &report.addressee);
    block(&mut out, &report.sender);
    for paragraph in &report.opening {
        let _ = writeln!(out, "{}\n", text(paragraph, ""));
    }
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", inline(&section.heading));
        match &section.body {
            Body::Fields(fields) => {
                for Field { label, value } in fields {
                    let _ = writeln!(out, "- {}{colon}{}", escape(label), text(value, "  "));
                }
                out.push('\n');
            }
            Body::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", text(item, "  "));
                }
                out.push('\n');
            }
            Body::Paragraphs(paragraphs) => {
                for paragraph in paragraphs {
                    let _ = writeln!(out, "{}\n", text(paragraph, ""));
                }
            }
            Body::Questions(questions) => {
                for q in questions {
                    question(&mut out, q, colon);
                }
            }
            Body::Parts(parts) => {
                for Part { label, paragraphs } in parts {
                    let _ = writeln!(out, "**{}**\n", inline(label));
                    for paragraph in paragraphs {
                        let _ = writeln!(out, "{}\n", text(paragraph, ""));
                    }
                }
            }
            Body::Options(table) => options(&mut out, table, colon),
            Body::NotRecorded(phrase) => {
                let _ = writeln!(out, "{}\n", escape(phrase));
            }
        }
    }
    for paragraph in &report.closing {
        let _ = writeln!(out, "{}\n", text(paragraph, ""));
    }
    if !report.closing_word.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape(&report.closing_word));
    }
    let s = &report.signature;
    let signature: Vec<String> = [&s.title, &s.department, &s.name]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .cloned()
        .collect();
    out.push_str("---\n\n");
    block(&mut out, &signature);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn question(out: &mut String, q: &QuestionItem, colon: &str) {
    let _ = write!(out, "**{}** {}", inline(&q.label), text(&q.text, ""));
    let _ = write!(out, "{}", inline(&q.asked_by));
    // Two spaces: a hard line break, so the answer sits right under its question.
    let _ = write!(out, "  \n{}{colon}", escape(&q.answer_label));
    if !q.note.is_empty() {
        let _ = writeln!(out, "{}  ", inline(&q.note));
    }
    let _ = writeln!(out, "{}\n", text(&q.answer, ""));
}

/// The opinion table as a list, one item per option with its details under it: a pipe
/// table would squeeze long reasoning into one line, which reads badly pasted as text.
fn options(out: &mut String, table: &OptionsTable, colon: &str) {
    for row in &table.rows {
        let _ = writeln!(
            out,
            "- **{}**{colon}{}",
            inline(&row.option),
            inline(&row.recommendation)
        );
        for Field { label, value } in &row.details {
            let _ = writeln!(out, "  - {}{colon}{}", escape(label), text(value, "    "));
        }
    }
    out.push('\n');
}

/// Lines printed as one block, each on its own line.
fn block(out: &mut String, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let joined: Vec<String> = lines.iter().map(|line| escape(line)).collect();
    let _ = writeln!(out, "{}\n", joined.join("  \n"));
}

/// Free text with its line breaks kept (as hard breaks), continuation lines indented by
/// `indent` so they stay inside a list item.
fn text(value: &str, indent: &str) -> String {
    value
        .split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join(&format!("  \n{indent}"))
}

/// Escape what Markdown would read as markup inside a line. Only ASCII marks are touched,
/// so Japanese text reads the same pasted raw into a chart as rendered.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape a line that starts a block: also what would make it a heading, a quote or a
/// list item.
fn escape(text: &str) -> String {
    let mut out = inline(text);
    if out.starts_with(['-', '+', '#', '>']) {
        out.insert(0, '\\');
    } else if let Some(mark) = out.find(['.', ')'])
        && mark > 0
        && out[..mark].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(mark, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_japanese_is_not() {
        assert_eq!(escape("見本 花子（みほん）"), "見本 花子（みほん）");
        assert_eq!(escape("a*b_c [x] <y> #1"), "a\\*b\\_c \\[x\\] \\<y> #1");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("> not a quote"), "\\> not a quote");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not numbered"), "1\\. not numbered");
        assert_eq!(escape("2026年"), "2026年");
    }

    #[test]
    fn line_breaks_are_hard_breaks_indented_inside_items() {
        assert_eq!(text("一\n二", "  "), "一  \n  二");
    }
}
