//! The day in a pseudo-terminal, as the specialist and the companion live it: the keys
//! that once surprised them (the opinion's arrows at 120 columns, a field emptied and
//! brought back, Esc on the intake tab, who asked a question, which question is current).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::{Pty, keys};
use sonote::model::{Asker, Role};

const BIN: &str = env!("CARGO_BIN_EXE_sonote");
const WAIT: Duration = Duration::from_secs(10);
const CTRL_L: &str = "\x0c";
const CTRL_Z: &str = "\x1a";

fn sonote(data_dir: &Path, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .env_remove("SONOTE_CONFIG")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("sonote runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// A session with three prepared questions; its id.
fn session_with_questions(data_dir: &Path) -> String {
    let id = sonote(data_dir, &["new", "--patient", "端末 試子"]);
    let file = data_dir.join("questions.txt");
    std::fs::create_dir_all(data_dir).unwrap();
    std::fs::write(
        &file,
        "手術はできますか。\n薬の副作用は。\n仕事は続けられますか。\n",
    )
    .unwrap();
    sonote(
        data_dir,
        &["questions", "import", &id, file.to_str().unwrap()],
    );
    id
}

fn session_file(data_dir: &Path, id: &str) -> sonote::model::Session {
    sonote::store::load(&data_dir.join("sessions").join(format!("{id}.toml")))
        .expect("the session file reads back")
}

#[test]
fn the_specialists_keys_go_where_the_screen_shows() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let id = session_with_questions(&data_dir);
    let mut term = Pty::sonote(&data_dir, &["open", &id], 120, 40);
    term.wait_for("F1 相談", WAIT);

    // The opinion at 120 columns: the conclusion is drawn under the overview, and ↓ from
    // the patient's wishes goes there.
    term.send(keys::f(3));
    term.wait_for("全体像", WAIT);
    for _ in 0..5 {
        term.send(keys::DOWN);
    }
    term.wait_for(">患者さんの希望", WAIT);
    term.send(keys::DOWN);
    term.wait_for(">主治医の方針", WAIT);
    term.send(keys::DOWN);
    term.send(keys::DOWN);
    term.wait_for(">総合所見", WAIT);
    term.send(keys::ENTER);
    term.wait_for("入力中", WAIT);
    term.send("手術の理由として書いた文");
    term.wait_for("手術の理由として書いた文", WAIT);
    term.send(CTRL_L);
    term.wait_gone("手術の理由として書いた文", WAIT);
    term.send(CTRL_Z);
    term.wait_for("手術の理由として書いた文", WAIT);
    // Esc and the next key apart, or the terminal reads them as one Alt key.
    term.send(keys::ESC);
    term.wait_for("Tab 次のカード", WAIT);

    // The intake tab: Esc keeps what was typed, as everywhere else.
    term.send(keys::f(5));
    term.wait_for("■ 患者", WAIT);
    term.send("c");
    term.wait_for("同行者1", WAIT);
    term.send(keys::ENTER);
    term.send("試験 花子");
    term.wait_for("試験 花子", WAIT);
    term.send(keys::ESC);
    term.wait_for("Enter 編集", WAIT);
    term.send("q");
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");

    let session = session_file(&data_dir, &id);
    assert_eq!(session.opinion.summary, "手術の理由として書いた文");
    assert_eq!(
        session.opinion.treatments.len(),
        0,
        "nothing went into a card"
    );
    assert_eq!(session.intake.companions[0].name, "試験 花子");
}

#[test]
fn the_companion_sees_which_question_is_current_and_who_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let id = session_with_questions(&data_dir);
    let mut specialist = Pty::sonote(&data_dir, &["open", &id], 100, 30);
    specialist.wait_for("F1 相談", WAIT);
    specialist.send(keys::f(2));
    specialist.wait_for("手術はできますか", WAIT);
    specialist.send("n");
    specialist.wait_for("現在の質問", WAIT);

    let mut companion = Pty::sonote(&data_dir, &["open", &id, "--role", "companion"], 100, 30);
    companion.wait_for("手術はできますか", WAIT);
    // The last question selected, the first current: the answer's title says so.
    companion.send(keys::END);
    companion.send(keys::ENTER);
    companion.wait_for("現在の質問は Q1", WAIT);
    companion.send(keys::ESC);
    companion.wait_gone("記入中", WAIT);

    // A question of the companion's: put down to the family, then corrected to the patient.
    companion.send("a");
    companion.wait_for("質問を追加", WAIT);
    companion.send("家族にできることは？");
    companion.send(keys::ENTER);
    companion.wait_for("Q4 を追加", WAIT);
    companion.send("w");
    companion.wait_for("Q4: 本人", WAIT);
    companion.send("q");
    assert!(companion.wait_exit(WAIT).success());
    specialist.send("q");
    assert!(specialist.wait_exit(WAIT).success());

    let session = session_file(&data_dir, &id);
    let added = session.questions.last().unwrap();
    assert_eq!(added.text, "家族にできることは？");
    assert_eq!(
        (added.asker, added.owner),
        (Asker::Patient, Role::Companion)
    );
}
