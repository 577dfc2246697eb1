//! The report as Markdown, to paste into an electronic chart: plain enough to read as text,
//! structured enough to render. Any text renders under CommonMark as it was typed, and only
//! what CommonMark would read as a mark is escaped (see [`escape`]).

use std::fmt::Write as _;

use super::{Body, Field, OptionsTable, Part, QuestionItem, Report};
use crate::config::Lang;
use escape::{At, Pairs};

mod escape;

/// Write the report as Markdown, ending with a newline.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let colon = match report.language {
        Lang::Ja => "：",
        Lang::En => ": ",
    };
    let _ = writeln!(out, "# {}\n", escape::heading(&report.title));
    if !report.confidential.trim().is_empty() {
        out.push_str("**");
        let confidential = escape::one_line(&report.confidential);
        escape::line(
            &mut out,
            &confidential,
            At::Inline,
            &Pairs::of(&[&confidential], true),
        );
        out.push_str("**\n\n");
    }
    paragraph(&mut out, &report.date);
    block(&mut out, &report.addressee);
    block(&mut out, &report.sender);
    for text in &report.opening {
        paragraph(&mut out, text);
    }
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", escape::heading(&section.heading));
        match &section.body {
            Body::Fields(fields) => {
                for Field { label, value } in fields {
                    item(&mut out, "- ", label, colon, value);
                }
                out.push('\n');
            }
            Body::List(items) => {
                for text in items {
                    item(&mut out, "- ", text, "", "");
                }
                out.push('\n');
            }
            Body::Paragraphs(paragraphs) => {
                for text in paragraphs {
                    paragraph(&mut out, text);
                }
            }
            Body::Questions(questions) => {
                for q in questions {
                    question(&mut out, q, colon);
                }
            }
            Body::Parts(parts) => {
                for Part { label, paragraphs } in parts {
                    strong_line(&mut out, label);
                    for text in paragraphs {
                        paragraph(&mut out, text);
                    }
                }
            }
            Body::Options(table) => options(&mut out, table, colon),
            Body::Conclusion(conclusion) => {
                if let Some(Field { label, value }) = &conclusion.asked {
                    item(&mut out, "- ", label, colon, value);
                    out.push('\n');
                }
                for text in &conclusion.paragraphs {
                    paragraph(&mut out, text);
                }
                for Field { label, value } in &conclusion.options {
                    item(&mut out, "- ", label, colon, value);
                }
                out.push('\n');
            }
            Body::NotRecorded(phrase) => paragraph(&mut out, phrase),
        }
    }
    for text in &report.closing {
        paragraph(&mut out, text);
    }
    if !report.closing_word.trim().is_empty() {
        paragraph(&mut out, &report.closing_word);
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
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Free text as a paragraph (or several, where it holds blank lines), its line breaks kept
/// as hard breaks.
fn paragraph(out: &mut String, text: &str) {
    if text.trim_matches([' ', '\t', '\n']).is_empty() {
        return;
    }
    escape::text(out, text, At::Block, "", &Pairs::of(&[text], false));
    out.push_str("\n\n");
}

/// A bold line of its own (the label of a part of the opinion).
fn strong_line(out: &mut String, text: &str) {
    let text = escape::one_line(text);
    out.push_str("**");
    escape::line(out, &text, At::Inline, &Pairs::of(&[&text], true));
    out.push_str("**\n\n");
}

/// Lines printed as one block, each on its own line.
fn block(out: &mut String, lines: &[String]) {
    let joined = lines
        .iter()
        .map(|line| escape::one_line(line))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    paragraph(out, &joined);
}

/// A list item (`bullet` and the indent that follows from it): a label, then `colon` and
/// free text continuing on the item's next lines.
fn item(out: &mut String, bullet: &str, label: &str, colon: &str, value: &str) {
    let label = escape::one_line(label);
    let pairs = Pairs::of(&[&label, value], false);
    out.push_str(bullet);
    escape::line(out, &label, At::Block, &pairs);
    out.push_str(colon);
    let indent = " ".repeat(bullet.len());
    escape::text(out, value, At::Inline, &indent, &pairs);
    out.push('\n');
}

/// A question, then its answer on the next line (a hard break, so it sits right under it).
fn question(out: &mut String, q: &QuestionItem, colon: &str) {
    let label = escape::one_line(&q.label);
    let answer_label = escape::one_line(&q.answer_label);
    let texts = [
        &label,
        &q.text,
        &q.asked_by,
        &answer_label,
        &q.note,
        &q.answer,
    ];
    let pairs = Pairs::of(&texts.map(String::as_str), true);
    out.push_str("**");
    escape::line(out, &label, At::Inline, &pairs);
    out.push_str("** ");
    escape::text(out, &q.text, At::Inline, "", &pairs);
    escape::text(out, &escape::one_line(&q.asked_by), At::Inline, "", &pairs);
    out.push_str("  \n");
    escape::line(out, &answer_label, At::Continuation, &pairs);
    out.push_str(colon);
    let mut at = At::Inline;
    if !q.note.is_empty() {
        escape::text(out, &q.note, at, "", &pairs);
        out.push_str("  \n");
        at = At::Continuation;
    }
    escape::text(out, &q.answer, at, "", &pairs);
    out.push_str("\n\n");
    if let Some(Field { label, value }) = &q.family_note {
        // The family's words, marked as such: a quotation under its label.
        let label = escape::one_line(label);
        let pairs = Pairs::of(&[&label, value], true);
        out.push_str("> *");
        escape::line(out, &label, At::Inline, &pairs);
        out.push('*');
        out.push_str(colon);
        escape::text(out, value, At::Inline, "> ", &pairs);
        out.push_str("\n\n");
    }
}

/// The opinion table as a list, one item per option with its details under it: a pipe
/// table would squeeze long reasoning into one line, which reads badly pasted as text.
fn options(out: &mut String, table: &OptionsTable, colon: &str) {
    for row in &table.rows {
        let option = escape::one_line(&row.option);
        let recommendation = escape::one_line(&row.recommendation);
        let pairs = Pairs::of(&[&option, &recommendation], true);
        out.push_str("- **");
        escape::line(out, &option, At::Inline, &pairs);
        out.push_str("**");
        out.push_str(colon);
        escape::line(out, &recommendation, At::Inline, &pairs);
        out.push('\n');
        for Field { label, value } in &row.details {
            item(out, "  - ", label, colon, value);
        }
    }
    out.push('\n');
}
