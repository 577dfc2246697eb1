//! End to end in a pseudo-terminal: the real binary, real keys (Japanese typed as UTF-8, as
//! an input method commits it), and the session file it leaves behind.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::{Pty, keys};
use sonote::model::opinion::{DrugClass, Recommendation, TreatmentKind};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_sonote");
const WAIT: Duration = Duration::from_secs(10);

/// Create a session with `sonote new` and return its id.
fn new_session(data_dir: &Path) -> String {
    let output = Command::new(BIN)
        .env_remove("SONOTE_CONFIG")
        .arg("--data-dir")
        .arg(data_dir)
        .args(["new", "--patient", "端末 試子"])
        .output()
        .expect("sonote new runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// The F-key of a tab, read off the tab line ("F3 所見"), so the test holds whatever
/// position the tab has.
fn f_key_of(lines: &[String], title: &str) -> u8 {
    let line = lines
        .iter()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no tab {title}:\n{}", lines.join("\n")));
    let before = &line[..line.find(title).unwrap()];
    let number = before.trim_end().rsplit('F').next().unwrap();
    number
        .trim()
        .parse()
        .expect("an F-key number before the title")
}

#[test]
fn two_recommendations_and_a_japanese_summary_reach_the_session_file() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let id = new_session(&data_dir);
    let mut term = Pty::sonote(&data_dir, &["open", &id], 80, 24);

    term.wait_for("F1 相談", WAIT);
    let lines = term.lines();
    term.send(keys::f(f_key_of(&lines, "所見")));
    term.wait_for("全体像", WAIT);

    // Surgery: a digit. Drug therapy: → from "not discussed" round to "recommended", and
    // the chemotherapy class.
    term.send(keys::TAB);
    term.wait_for(">手術", WAIT);
    term.send("2");
    term.wait_for("[2 選択肢]", WAIT);
    term.send(keys::TAB);
    term.wait_for(">薬物療法", WAIT);
    term.send(keys::RIGHT);
    term.send("c");
    term.wait_for("[c 化学療法]", WAIT);
    term.wait_until("drug therapy recommended", WAIT, |screen| {
        screen
            .lines()
            .any(|l| l.starts_with(">薬物療法") && l.contains("[1 推奨]"))
    });

    // The summary: the last field but two.
    term.send(keys::END);
    term.wait_for(">自由記載", WAIT);
    term.send(keys::UP);
    term.send(keys::UP);
    term.wait_for(">総合所見", WAIT);
    term.send(keys::ENTER);
    term.wait_for("入力中", WAIT);
    let summary = "標準治療として薬物療法を推奨します。";
    term.send(summary);
    term.wait_for(summary, WAIT);
    let lines = term.lines();
    // The terminal cursor sits at the caret, where an input method would compose.
    let row = lines
        .iter()
        .position(|l| l.starts_with(">総合所見"))
        .unwrap();
    let column = lines[row].find(summary).unwrap();
    let column = lines[row][..column].width() + summary.width();
    let (cursor_row, _) = term.wait_for_cursor_column(column as u16, WAIT);
    assert_eq!(cursor_row, row as u16);
    assert!(
        lines[2].contains("残り"),
        "the clock bar stays: {}",
        lines[2]
    );

    term.send(keys::ESC);
    term.wait_for("Tab 次のカード", WAIT);
    term.send("q");
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");

    let session = sonote::store::load(&data_dir.join("sessions").join(format!("{id}.toml")))
        .expect("the session file reads back");
    let opinion = &session.opinion;
    assert_eq!(
        opinion.recommendation(TreatmentKind::Surgery),
        Recommendation::Consider
    );
    assert_eq!(
        opinion.recommendation(TreatmentKind::DrugTherapy),
        Recommendation::Recommended
    );
    assert_eq!(
        opinion
            .treatment(TreatmentKind::DrugTherapy)
            .unwrap()
            .drug_classes,
        [DrugClass::Chemotherapy]
    );
    assert_eq!(
        opinion.recommendation(TreatmentKind::Radiation),
        Recommendation::NotDiscussed
    );
    assert_eq!(opinion.summary, summary);
}
