//! The .docx against the Office Open XML schemas: openxml-audit (a port of Microsoft's Open
//! XML SDK validator) finds no error in the six samples, Japanese and English.
//!
//! Word drops what it finds out of the schema's order (a heading's font, bold and colour)
//! and Word for the web refuses such a file as corrupt, while docx-rs and LibreOffice, which
//! the other tests read with, take it silently. Set `SONOTE_KEEP_SAMPLES=DIR` to keep the
//! six files for a look.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;
use sonote::config::{Config, Lang};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, FooterPart, Format};

/// The validator's rules: those of Office 2019, as in the issue's measurements.
const FORMAT: &str = "office2019";

#[test]
fn every_sample_validates_without_errors() {
    if !tools_present(
        &["openxml-audit"],
        &["--help"],
        "pip install openxml-audit, see .ci/run",
    ) {
        return;
    }
    let config = Config::embedded();
    let temp = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("SONOTE_KEEP_SAMPLES");
    let dir = keep.as_deref().map(Path::new).unwrap_or(temp.path());
    std::fs::create_dir_all(dir).unwrap();
    let mut failures = Vec::new();
    for (name, session, lang) in samples::all(&config) {
        let template = ReportTemplate::embedded(lang);
        // The letter, and the summary for the patient from the same record.
        for (name, document) in [
            (name.clone(), report::Document::Letter),
            (format!("{name}.patient"), report::Document::Patient),
        ] {
            let report = report::build_document(&session, &config, &template, document);
            let path = dir.join(format!("{name}.docx"));
            std::fs::write(&path, report::render(&report, Format::Docx).unwrap()).unwrap();
            let errors = audit(&path);
            if !errors.is_empty() {
                failures.push(format!(
                    "{name}: {} errors\n{}",
                    errors.len(),
                    errors.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Whatever the words of the template and configuration hold (they are checked when read,
/// but a report is plain data), no part of the docx holds a character XML 1.0 cannot.
#[test]
fn control_characters_in_the_words_never_reach_a_part() {
    let config = Config::embedded();
    let session = samples::adversarial(&config);
    let mut report = report::build(&session, &config, &ReportTemplate::embedded(Lang::Ja));
    let bad = "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}[0m\u{1f}\u{fffe}\u{ffff}\r";
    let dirty = |text: &mut String| text.push_str(bad);
    for text in [
        &mut report.header,
        &mut report.title,
        &mut report.date,
        &mut report.confidential,
        &mut report.closing_word,
        &mut report.signature.name,
        &mut report.signature.sign_here,
        &mut report.layout.body_font,
        &mut report.layout.heading_font,
        &mut report.layout.latin_body_font,
        &mut report.layout.latin_heading_font,
        &mut report.facts.institution.name,
    ] {
        dirty(text);
    }
    for section in &mut report.sections {
        dirty(&mut section.heading);
    }
    report.layout.footer.push(FooterPart::Text(bad.into()));
    let bytes = report::render(&report, Format::Docx).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        let forbidden = text.chars().find(|&c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
        });
        assert_eq!(forbidden, None, "{}", part.name());
    }
}

/// The validator's errors about a file, one line each: part, path and description.
fn audit(path: &Path) -> Vec<String> {
    let output = Command::new("openxml-audit")
        .args(["--format", FORMAT, "--output", "json", "--max-errors", "0"])
        .arg(path)
        .output()
        .expect("openxml-audit runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|error| {
        panic!(
            "openxml-audit's output is not JSON ({error}): {text}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    // One report per file validated.
    let errors = json[0]["errors"].as_array().cloned().unwrap_or_default();
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "  {} {}: {}",
                e["part_uri"].as_str().unwrap_or("?"),
                e["path"].as_str().unwrap_or("?"),
                e["description"].as_str().unwrap_or(&e.to_string())
            )
        })
        .collect();
    // A file the validator could not read at all reports no list but fails.
    if lines.is_empty() && !output.status.success() {
        return vec![format!("openxml-audit failed: {text}")];
    }
    lines
}

/// The receipt (領収書) is written by the same writer: with a balance collected after an
/// extension and a refund, in both languages, it validates too.
#[test]
fn the_receipt_validates_without_errors() {
    if !tools_present(
        &["openxml-audit"],
        &["--help"],
        "pip install openxml-audit, see .ci/run",
    ) {
        return;
    }
    use sonote::model::payment::PaymentMethod;
    use sonote::report::receipt::{self, ReceiptWords};
    let mut config = Config::embedded();
    config.fee.extension_charge = sonote::model::ExtensionCharge::Granted;
    let mut session = new_session(&config);
    session.settle(PaymentMethod::Cash, at(-3, 0));
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(20, 0)).unwrap();
    session.settle(PaymentMethod::Card, at(21, 0));
    session.withdraw_extension(at(22, 0)).unwrap();
    session.settle(PaymentMethod::Card, at(23, 0));
    session.end(at(29, 0)).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        let words = ReceiptWords::embedded(lang).unwrap();
        let template = ReportTemplate::embedded(lang);
        let report = receipt::build(&session, &config, &template, &words).unwrap();
        let path = temp.path().join(format!("receipt-{lang:?}.docx"));
        std::fs::write(&path, report::render(&report, Format::Docx).unwrap()).unwrap();
        let errors = audit(&path);
        if !errors.is_empty() {
            failures.push(format!("{lang:?}: {}", errors.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
