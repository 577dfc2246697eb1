//! Importing a list of questions into a session: the same ids, order and duplicates as
//! adding the questions one at a time, and no session file too large to open again.

mod common;

use std::fs;

use common::*;
use sonote::config::Config;
use sonote::core::import::{Imported, import_file};
use sonote::model::question::{ListedQuestion, parse_question_list};
use sonote::model::{Asker, Priority, Question, Role, Session};
use sonote::store;
use sonote::tomlfile::MAX_FILE_BYTES;

/// What an import did before it kept a set of the wordings and counted the ids up: each
/// line checked against every question, each id found by reading every id.
/// The clerk's import of the list at `list` into the session at `path`, now.
fn clerk_imports(
    path: &std::path::Path,
    list: &std::path::Path,
) -> Result<Imported, sonote::tomlfile::FileError> {
    let clerk = sonote::store::journal::Author::new("test", "clerk");
    import_file(path, list, Asker::Patient, "", &clerk, sonote::core::now())
}

fn one_at_a_time(session: &mut Session, listed: &[ListedQuestion]) -> (usize, usize) {
    let (mut added, mut skipped) = (0, 0);
    for item in listed {
        let text = item.text.trim();
        if session.questions.iter().any(|q| q.text.trim() == text) {
            skipped += 1;
            continue;
        }
        let question = Question {
            priority: item.priority,
            ..Question::new(text, Asker::Companion, "長男")
        };
        session.add_question(question, "i");
        added += 1;
    }
    (added, skipped)
}

#[test]
fn an_import_gives_what_adding_one_at_a_time_gave() {
    let mut s = new_session(&Config::embedded());
    // Ids already used by an earlier import, one of them deleted since: never given again.
    s.add_question(Question::new("前に取り込んだ質問", Asker::Patient, ""), "i");
    s.add_question(Question::new("消した質問", Asker::Patient, ""), "i");
    s.add_question(
        Question::new("i の後に数字でない id", Asker::Patient, ""),
        "s",
    );
    s.questions[2].id = "ix".into();
    assert!(s.delete_question("i2", at(0, 0)));
    let mut text = String::new();
    for n in 0..300 {
        // Every seventh line repeats an earlier one; every fifth is important.
        let n = if n % 7 == 6 { n - 3 } else { n };
        let mark = if n % 5 == 0 { "! " } else { "- " };
        text.push_str(&format!("{mark}質問 {n}: 治療の選択肢は？\n"));
    }
    text.push_str("  手術以外の治療法はありますか。  \n消した質問\n");
    let listed = parse_question_list(&text);

    let mut expected = s.clone();
    let counts = one_at_a_time(&mut expected, &listed);
    let imported = s.import_questions(&listed, "i", Role::Specialist, Asker::Companion, "長男");

    assert_eq!(imported, counts);
    assert_eq!(
        imported,
        (259, 43),
        "42 repeats and one already there; a deleted one is new"
    );
    assert_eq!(s, expected);
    assert_eq!(s.questions[4].id, "i3", "after the deleted i2");
    assert_eq!(s.questions[4].priority, Priority::High);
    assert_eq!(
        s.questions.last().map(|q| q.text.as_str()),
        Some("消した質問")
    );
}

#[test]
fn the_clerks_import_writes_the_session_once_and_then_skips_everything() {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    let list = dir.path().join("questions.txt");
    let text: String = (1..=2000).map(|n| format!("質問 {n}\n")).collect();
    fs::write(&list, text).unwrap();

    let imported = clerk_imports(&path, &list).unwrap();
    let id = session.id.clone();
    assert_eq!(
        imported,
        Imported {
            session_id: id.clone(),
            added: 2000,
            skipped: 0
        }
    );
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.questions.len(), 2002);
    assert_eq!(saved.questions[2001].id, "i2000");

    let written = fs::read(&path).unwrap();
    let again = clerk_imports(&path, &list).unwrap();
    assert_eq!((again.added, again.skipped), (0, 2000));
    assert_eq!(
        fs::read(&path).unwrap(),
        written,
        "nothing new, nothing written"
    );
}

#[test]
fn an_import_that_would_make_the_file_too_large_to_open_is_refused() {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    // A session just under the largest file sonote reads.
    let path = common::create(&store, &mut session).unwrap();
    let size = fs::metadata(&path).unwrap().len();
    session.memo = "a".repeat((MAX_FILE_BYTES - size - 1000) as usize);
    store::save_unjournaled(&path, &session).unwrap();
    let before = fs::read(&path).unwrap();
    assert!(before.len() as u64 <= MAX_FILE_BYTES);

    let list = dir.path().join("questions.txt");
    let text: String = (1..=100).map(|n| format!("質問 {n}\n")).collect();
    fs::write(&list, text).unwrap();
    let err = clerk_imports(&path, &list).unwrap_err();
    assert_eq!(err.path, path);
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file is as it was");

    // A few questions still fit.
    fs::write(&list, "質問 1\n").unwrap();
    let imported = clerk_imports(&path, &list).unwrap();
    assert_eq!(imported.added, 1);
    assert!(store::load(&path).is_ok());
}
