//! The FHIR export from outside: every sample parses as a FHIR R4 Bundle with
//! fhir.resources (the FHIR R4 model library of Python, installed by .ci/run) and its
//! narrative as XML; `sonote export --format fhir` and `sonote check SESSION` on the real
//! binary; the new identifiers refused when malformed, naming file, line and field.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use sonote::config::Config;
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format};

/// Parses each file given as a FHIR R4 Bundle (failing on any element R4 does not define),
/// parses every narrative `div` as XML, and prints each file's resource types.
const PARSE: &str = r#"
import json, sys, xml.etree.ElementTree as ET
import fhir.resources
from fhir.resources.bundle import Bundle
assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__
def divs(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "div":
                yield item
            else:
                yield from divs(item)
    elif isinstance(value, list):
        for item in value:
            yield from divs(item)
for path in sys.argv[1:]:
    bundle = Bundle.parse_file(path)
    for div in divs(json.load(open(path, encoding="utf-8"))):
        ET.fromstring(div)
    print(path, ",".join(e.resource.resource_type for e in bundle.entry))
"#;

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("SONOTE_FHIR_PYTHON") {
        return python.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_default();
    cache.join("sonote-ci/fhir-venv/bin/python")
}

#[test]
fn every_sample_parses_as_a_fhir_r4_bundle() {
    let python = python();
    let program = python.to_string_lossy().into_owned();
    if !tools_present(
        &[&program],
        &["--version"],
        "fhir.resources in a venv, see .ci/run",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::embedded();
    let mut files = Vec::new();
    for numbered in [false, true] {
        if numbered {
            config.institution.number = "1319999999".into();
        }
        for (name, session, lang) in samples::all(&config) {
            let report = report::build(&session, &config, &ReportTemplate::embedded(lang));
            let path = dir.path().join(format!("{name}-{numbered}.fhir.json"));
            std::fs::write(&path, report::render(&report, Format::Fhir).unwrap()).unwrap();
            files.push(path);
        }
    }
    let out = Command::new(&python)
        .arg("-c")
        .arg(PARSE)
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), files.len(), "{stdout}");
    for line in stdout.lines() {
        let kinds = line.rsplit(' ').next().unwrap_or_default();
        assert!(
            kinds.starts_with("Composition,Patient,Practitioner")
                && kinds.contains("Organization,Organization,Encounter")
                && kinds.ends_with("CarePlan"),
            "{line}"
        );
    }
}

fn config_file(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn new_from_example(data: &Path, intake: &str) -> String {
    let path = data.join("intake.toml");
    std::fs::write(&path, intake).unwrap();
    let out = sonote(data, &["new", "--intake", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn check_lists_the_rules_before_export_and_export_writes_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let example = include_str!("../templates/intake.example.toml");
    let id = new_from_example(&data, example);
    // Without the hospital's number: its rules are listed, and check exits 1.
    let out = sonote(&data, &["check", &id]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{listed}");
    assert!(listed.contains("R1021 (eReferral)"), "{listed}");
    assert!(listed.contains("institution.number"), "{listed}");
    assert!(listed.contains("R2152 (JP-CLINS)"), "{listed}");
    // The example intake records every identifier: with the number configured, only the
    // uncoded diagnosis is left, and the date of a consultation not held yet.
    let config = config_file(dir.path(), "[institution]\nnumber = \"1319999999\"\n");
    let out = sonote(&data, &["--config", &config, "check", &id]);
    let listed = String::from_utf8_lossy(&out.stdout);
    let rules: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert_eq!(rules, ["composition-date", "diagnosis-code"], "{listed}");
    let exports = dir.path().join("out");
    let export = || {
        let out_dir = exports.to_str().unwrap();
        let args = [
            "--config",
            &config,
            "export",
            &id,
            "--format",
            "fhir",
            "--out-dir",
            out_dir,
        ];
        sonote(&data, &args)
    };
    let out = export();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(
        warned.contains("FHIR 文書が 2 件の規則を満たしていません"),
        "{warned}"
    );
    let file = exports.join(format!("{id}.fhir.json"));
    let text = std::fs::read_to_string(&file).unwrap();
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        bundle["identifier"]["value"],
        format!("1319999999^2026^{id}")
    );
    // Exporting again gives the same bytes, and the session records the export.
    let again = export();
    assert!(again.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let session =
        std::fs::read_to_string(data.join("sessions").join(format!("{id}.toml"))).unwrap();
    assert!(
        session.contains("exported_format = \"fhir.json\""),
        "{session}"
    );
}

#[test]
fn a_malformed_institution_number_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let config = config_file(dir.path(), "[institution]\nnumber = \"131234\"\n");
    let out = sonote(&data, &["--config", &config, "check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("config.toml:2") && err.contains("institution.number"),
        "{err}"
    );
    let intake = include_str!("../templates/intake.example.toml").replace(
        "institution_number = \"1312345678\"",
        "institution_number = \"1392345678\"",
    );
    let path = dir.path().join("intake.toml");
    std::fs::write(&path, intake).unwrap();
    let out = sonote(&data, &["new", "--intake", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("referral.institution_number"), "{err}");
    assert!(err.contains("intake.toml:"), "{err}");
    let intake = include_str!("../templates/intake.example.toml")
        .replace("06139999:見本:1234567:01", "0613:見本:1234567");
    std::fs::write(&path, intake).unwrap();
    let out = sonote(&data, &["new", "--intake", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("intake.toml:") && err.contains("patient.insurance_id"),
        "{err}"
    );
}

#[test]
fn the_batch_export_writes_fhir_documents_and_names_their_gaps() {
    let (dir, store) = temp_store();
    let config = Config::embedded();
    let mut session = full_session(&config);
    let path = create(&store, &mut session).unwrap();
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let out_dir = dir.path().join("batch");
    let out = sonote(
        store.root(),
        &[
            "export",
            "--ended",
            "--out-dir",
            out_dir.to_str().unwrap(),
            "--format",
            "fhir",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(out_dir.join(format!("{id}.fhir.json")).is_file());
    assert!(stderr.contains(&format!("{id}: FHIR 文書が")), "{stderr}");
    assert!(stderr.contains("R1012 (JP-CLINS)"), "{stderr}");
}
