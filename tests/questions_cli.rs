//! `sonote questions import` and `sonote questions list`, run as the clerk would.

mod common;

use common::sonote;

use std::process::Output;

use common::*;
use sonote::config::Config;
use sonote::model::{Asker, Priority};
use sonote::store;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn import_adds_the_lines_once_with_who_prepared_them() {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    let list = dir.path().join("questions.txt");
    std::fs::write(
        &list,
        "\u{feff}# 長女と書いた質問\r\n\r\n1. 入院はどのくらいですか\r\n! 費用の目安は？\r\n手術以外の治療法はありますか。\r\n",
    )
    .unwrap();
    let args = [
        "questions",
        "import",
        "2026-11-21-01",
        list.to_str().unwrap(),
        "--asker",
        "companion",
        "--asked-by",
        "長女 試験 美咲",
    ];
    let out = sonote(store.root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "2026-11-21-01: 質問を 2 件追加しました（1 件はすでにあります）"
    );
    let saved = store::load(&path).unwrap();
    let texts: Vec<_> = saved.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "手術以外の治療法はありますか。",
            "副作用で仕事を続けられなくなることはありますか。",
            "入院はどのくらいですか",
            "費用の目安は？"
        ]
    );
    let fee = &saved.questions[3];
    assert_eq!(fee.id, "i2");
    assert_eq!(fee.priority, Priority::High);
    assert_eq!(
        (fee.asker, fee.asked_by.as_str()),
        (Asker::Companion, "長女 試験 美咲")
    );

    // Again: nothing new.
    let out = sonote(store.root(), &args);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("質問を 0 件追加しました（3 件はすでにあります）")
    );

    let out = sonote(store.root(), &["questions", "list", "2026-11-21-01"]);
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    let last = listing.lines().last().unwrap();
    assert_eq!(
        last,
        "4\ti2\tnot_yet\thigh\tcompanion 長女 試験 美咲\t費用の目安は？"
    );
}

#[test]
fn a_bad_file_is_refused_naming_the_file_and_line() {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    let before = std::fs::read(&path).unwrap();

    let sjis = dir.path().join("sjis.txt");
    std::fs::write(&sjis, b"# ok\nfirst\n\x8e\xbf\x96\xe2\n").unwrap();
    let out = sonote(
        store.root(),
        &[
            "questions",
            "import",
            "2026-11-21-01",
            sjis.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains(&format!("{}:3:", sjis.display())),
        "{message}"
    );
    assert!(message.contains("UTF-8"), "{message}");

    let missing = dir.path().join("missing.txt");
    let out = sonote(
        store.root(),
        &[
            "questions",
            "import",
            "2026-11-21-01",
            missing.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&missing.display().to_string()));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the session is untouched"
    );
}

#[test]
fn import_is_refused_once_the_consultation_has_started() {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    session.toggle_clock(at(0, 0)).unwrap();
    let path = common::create(&store, &mut session).unwrap();
    let before = std::fs::read(&path).unwrap();
    let list = dir.path().join("q.txt");
    std::fs::write(&list, "遅れて思いついた質問\n").unwrap();
    let out = sonote(
        store.root(),
        &[
            "questions",
            "import",
            "2026-11-21-01",
            list.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("相談はすでに始まっています"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn opening_a_missing_session_as_companion_fails_before_taking_the_terminal() {
    let (_dir, store) = temp_store();
    let out = sonote(
        store.root(),
        &["open", "2026-01-01-01", "--role", "companion"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("2026-01-01-01.toml"),
        "{}",
        stderr(&out)
    );
}
