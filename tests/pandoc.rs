//! The .docx read by another program than the word processors: pandoc turns it back into a
//! document tree, in which every text of the report is found, each section is a heading
//! (the outline Word's navigation pane shows), and the opinion table is a table whose header
//! row is its column names.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;
use sonote::config::{Config, Lang};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Body, Format, Report};

/// The text under a node of pandoc's JSON tree, spaces and breaks left out.
fn text(node: &Value) -> String {
    match node {
        Value::Object(fields) => match fields.get("t").and_then(Value::as_str) {
            Some("Str") => fields["c"].as_str().unwrap_or_default().to_string(),
            _ => fields.get("c").map(text).unwrap_or_default(),
        },
        Value::Array(items) => items.iter().map(text).collect(),
        _ => String::new(),
    }
}

/// The text of every paragraph, at any depth (an indented one is read as a block quote).
fn paras(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(fields) => match fields.get("t").and_then(Value::as_str) {
            Some("Para" | "Plain") => out.push(squeezed(&text(&fields["c"]))),
            _ => {
                if let Some(c) = fields.get("c") {
                    paras(c, out);
                }
            }
        },
        Value::Array(items) => items.iter().for_each(|item| paras(item, out)),
        _ => {}
    }
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every text the report prints in its body (the page header and footer are not in
/// pandoc's tree).
fn texts(report: &Report) -> Vec<String> {
    let mut all = vec![report.title.clone(), report.date.clone()];
    all.extend(report.addressee.iter().chain(&report.sender).cloned());
    all.extend(report.opening.iter().chain(&report.closing).cloned());
    all.extend([report.closing_word.clone(), report.signature.name.clone()]);
    for section in &report.sections {
        all.push(section.heading.clone());
        match &section.body {
            Body::Fields(fields) => all.extend(
                fields
                    .iter()
                    .flat_map(|f| [f.label.clone(), f.value.clone()]),
            ),
            Body::List(items) | Body::Paragraphs(items) => all.extend(items.iter().cloned()),
            Body::Parts(parts) => {
                for part in parts {
                    all.push(part.label.clone());
                    all.extend(part.paragraphs.iter().cloned());
                }
            }
            Body::Questions(questions) => all.extend(questions.iter().flat_map(|q| {
                [
                    q.label.clone(),
                    q.text.clone(),
                    q.note.clone(),
                    q.answer.clone(),
                ]
            })),
            // The column names are the JSON's: the letter sets each option as a block.
            Body::Options(table) => {
                for row in &table.rows {
                    all.extend([row.option.clone(), row.recommendation.clone()]);
                    all.extend(row.details.iter().map(|d| d.value.clone()));
                }
            }
            Body::Conclusion(c) => {
                all.extend(
                    c.asked
                        .iter()
                        .flat_map(|f| [f.label.clone(), f.value.clone()]),
                );
                all.extend(c.paragraphs.iter().cloned());
                all.extend(
                    c.options
                        .iter()
                        .flat_map(|f| [f.label.clone(), f.value.clone()]),
                );
            }
            Body::NotRecorded(phrase) => all.push(phrase.clone()),
        }
    }
    all
}

#[test]
fn pandoc_reads_every_text_the_headings_and_each_option() {
    if !tools_present(
        &["pandoc"],
        &["--version"],
        "CI installs pandoc, see .ci/run",
    ) {
        return;
    }
    let config = Config::embedded();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let report = report::build(
            &full_session(&config),
            &config,
            &ReportTemplate::embedded(lang),
        );
        let path = dir.path().join(format!("report-{lang:?}.docx"));
        std::fs::write(&path, report::render(&report, Format::Docx).unwrap()).unwrap();
        let out = Command::new("pandoc")
            .args(["--from", "docx", "--to", "json"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree: Value = serde_json::from_slice(&out.stdout).unwrap();
        let blocks = tree["blocks"].as_array().unwrap();

        let all = squeezed(&text(&tree["blocks"]));
        for want in texts(&report) {
            assert!(
                all.contains(&squeezed(&want)),
                "{lang:?}: {want:?} not in {all}"
            );
        }
        let headings: Vec<String> = blocks
            .iter()
            .filter(|b| b["t"] == "Header")
            .map(|b| text(&b["c"][2]))
            .collect();
        let sections: Vec<String> = report
            .sections
            .iter()
            .map(|s| squeezed(&s.heading))
            .collect();
        assert_eq!(
            headings, sections,
            "{lang:?}: the sections are the headings"
        );
        let rows = report
            .sections
            .iter()
            .find_map(|s| match &s.body {
                Body::Options(table) => Some(&table.rows),
                _ => None,
            })
            .expect("an opinion by option");
        // Each option heads its block: its name and its recommendation in one paragraph.
        let mut paragraphs = Vec::new();
        paras(&tree["blocks"], &mut paragraphs);
        for row in rows {
            let head = squeezed(&format!("{}{}", row.option, row.recommendation));
            assert!(
                paragraphs.contains(&head),
                "{lang:?}: no paragraph {head} in {paragraphs:?}"
            );
        }
    }
}
