//! The intake file the clerk writes: read whole, every error naming its file, line and
//! field; and `sonote new --intake` creates the session or nothing.

use std::path::Path;

use chrono::NaiveDate;
use sonote::intake_file;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const GOOD: &str = r#"
[patient]
name = "山田 太郎"
date_of_birth = 1950-02-03

[attendance]
patient_attends = false
consent_form = true

[[attendance.companions]]
name = "山田 花子"
relationship = "妻"

[referral]
received = true
physician = "紹介 一郎"

[[materials]]
kind = "mri"
medium = "cd_r"

[appointment]
date = "2026-12-01"
time = "14:30"
mode = "online"
"#;

fn parse(text: &str) -> Result<sonote::model::NewSession, sonote::tomlfile::FileError> {
    intake_file::parse(Path::new("intake.toml"), text)
}

#[test]
fn a_good_intake_file_reads_whole() {
    let draft = parse(GOOD).unwrap();
    assert_eq!(draft.patient.name, "山田 太郎");
    assert_eq!(draft.scheduled_date, date(2026, 12, 1));
    assert_eq!(draft.intake.companions[0].relationship, "妻");
    assert!(!draft.intake.patient_attends);
    assert_eq!(draft.mode, sonote::model::Mode::Online);
}

#[test]
fn a_missing_field_is_named_with_its_file() {
    let err = parse(&GOOD.replace("name = \"山田 太郎\"\n", "")).unwrap_err();
    assert!(err.to_string().starts_with("intake.toml"), "{err}");
    assert!(err.message.contains("name"), "{err}");
}

#[test]
fn malformed_fields_are_named_with_their_line() {
    let cases = [
        ("time = \"14:30\"", "time = \"2時半\"", "appointment.time"),
        (
            "date = \"2026-12-01\"",
            "date = \"2026-12-32\"",
            "appointment.date",
        ),
        ("mode = \"online\"", "mode = \"video\"", "appointment.mode"),
        ("kind = \"mri\"", "kind = \"pet\"", "materials[0].kind"),
        (
            "date_of_birth = 1950-02-03",
            "date_of_birth = 2030-02-03",
            "patient.date_of_birth",
        ),
        (
            "relationship = \"妻\"",
            "relation = \"妻\"",
            "attendance.companions[0].relation",
        ),
    ];
    for (good, bad, field) in cases {
        let text = GOOD.replace(good, bad);
        let err = parse(&text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
        let line = err
            .line
            .unwrap_or_else(|| panic!("no line for {field}: {err}"));
        assert!(
            text.lines()
                .nth(line - 1)
                .unwrap()
                .contains(bad.split('=').next().unwrap().trim()),
            "{field}: line {line} is {:?}",
            text.lines().nth(line - 1)
        );
    }
}

#[test]
fn family_only_without_anyone_listed_is_refused() {
    let text = GOOD.replace(
        "[[attendance.companions]]\nname = \"山田 花子\"\nrelationship = \"妻\"\n",
        "",
    );
    let err = parse(&text).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("attendance.patient_attends"));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sjis.toml");
    let mut bytes = b"[patient]\n".to_vec();
    bytes.extend_from_slice(b"name = \"\x8eR\x93c\"\n"); // Shift_JIS
    std::fs::write(&path, bytes).unwrap();
    let err = intake_file::read(&path).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("UTF-8"));
}

#[test]
fn new_with_an_intake_file_creates_the_session_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, GOOD).unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, GOOD.replace("time = \"14:30\"", "time = \"25:00\"")).unwrap();
    let sonote = |file: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sonote"))
            .arg("--data-dir")
            .arg(&data)
            .args(["new", "--intake"])
            .arg(file)
            .env_remove("SONOTE_CONFIG")
            .output()
            .unwrap()
    };
    let out = sonote(&bad);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:") && err.contains("appointment.time"),
        "{err}"
    );
    let sessions = data.join("sessions");
    let count = || std::fs::read_dir(&sessions).map(|d| d.count()).unwrap_or(0);
    assert_eq!(count(), 0, "nothing is created half-way");

    let out = sonote(&good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2026-12-01-01");
    assert_eq!(count(), 2, "the session and its journal");
    let saved = sonote::store::load(&sessions.join("2026-12-01-01.toml")).unwrap();
    assert_eq!(saved.intake.companions.len(), 1);
    assert!(saved.missing_requirements().is_empty());
}

/// `sex = 1` said "expected string only", and an appointment in year 0000 was blamed on
/// the date of birth: each message now names the field at fault and says what it takes.
#[test]
fn a_number_for_a_word_and_an_impossible_appointment_are_named_plainly() {
    let example = include_str!("../templates/intake.example.toml");
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            example.replace("sex = \"female\"", "sex = 1"),
            "patient.sex",
            "one of the words",
        ),
        (
            example.replace("date = 2026-11-21", "date = 0000-11-21"),
            "appointment.date",
            "between 2000 and 2100",
        ),
    ];
    for (index, (text, field, words)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("intake-{index}.toml"));
        std::fs::write(&path, text).unwrap();
        let err = sonote::intake_file::read(&path).unwrap_err().to_string();
        assert!(err.contains(field) && err.contains(words), "{err}");
    }
}
