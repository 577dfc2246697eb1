//! The journal: who changed what and when, chained so that an edit made outside sonote is
//! found, and complete enough to bring a file up to date after a crash.

mod common;

use chrono::TimeDelta;
use common::{at, new_session, sonote, temp_store};
use sonote::config::Config;
use sonote::core::OpenSession;
use sonote::model::Role;
use sonote::store::{self, journal};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `sonote verify PATH`: its exit code and what it printed.
fn verify(data: &std::path::Path, path: &std::path::Path) -> (Option<i32>, String) {
    let out = sonote(data, &["verify", path.to_str().unwrap()]);
    (out.status.code(), text(&out.stdout))
}

/// Open the session as the specialist's terminal does, add `typed` to the notes, save.
fn type_more(path: &std::path::Path, typed: &str) {
    let config = Config::embedded();
    let mut open = OpenSession::open(path, Role::Specialist, &config, at(3, 0)).unwrap();
    open.session.memo.push_str(typed);
    open.changed(at(3, 0) + TimeDelta::seconds(1));
    open.save_now().unwrap();
}

/// A session created by the clerk and typed in by a named specialist through the open
/// session, as the app does: (guard, data dir, session path).
fn typed_session() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut config = Config::embedded();
    let mut session = new_session(&config);
    let clerk = journal::Author::new("受付 田中", "clerk");
    let path = store.create(&mut session, &clerk, at(0, 0)).unwrap();
    config.user.name = "山田 医師".into();
    let mut open = OpenSession::open(&path, Role::Specialist, &config, at(0, 0)).unwrap();
    open.session.memo = "腫瘍径 3cm".into();
    open.changed(at(1, 0));
    open.save_now().unwrap();
    open.session.memo.push_str("、リンパ節転移なし");
    open.changed(at(2, 0));
    open.save_now().unwrap();
    drop(open);
    (dir, store.root().to_path_buf(), path)
}

#[test]
fn every_save_is_journaled_with_its_author_and_what_changed() {
    let (_guard, data, path) = typed_session();
    let read = journal::read(&journal::path_for(&path)).unwrap();
    let entries: Vec<_> = read.entries.iter().map(|(e, _)| e).collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert_eq!(entries[0].by, journal::Author::new("受付 田中", "clerk"));
    assert!(entries[0].from.is_empty(), "created from nothing");
    assert_eq!(
        entries[1].by,
        journal::Author::new("山田 医師", "specialist")
    );
    // Typing is journaled as the text added, not the whole notes again.
    let last = serde_json::to_string(&entries[2].changes).unwrap();
    assert!(last.contains("、リンパ節転移なし"), "{last}");
    assert!(!last.contains("腫瘍径"), "{last}");

    let out = sonote(&data, &["history", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("山田 医師 (specialist)"), "{shown}");
    assert!(shown.contains("受付 田中 (clerk)"), "{shown}");
    assert!(shown.contains("memo: +9 文字"), "{shown}");

    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("問題ありません（記録 3 件）"), "{said}");
}

#[test]
fn verify_finds_an_edit_made_outside_sonote_and_names_it() {
    let (_guard, data, path) = typed_session();
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("転移なし", "転移あり")).unwrap();
    let out = sonote(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stdout);
    assert!(said.contains(path.to_str().unwrap()), "{said}");
    assert!(
        said.contains("3 番目の記録の後に、ファイルが sonote の外で変更されました"),
        "{said}"
    );
    // The session still opens as it is: the journal does not overrule the file.
    assert!(store::load(&path).unwrap().memo.contains("転移あり"));
}

#[test]
fn verify_finds_a_journal_line_changed_or_removed() {
    let (_guard, data, path) = typed_session();
    let journal_path = journal::path_for(&path);
    let lines: Vec<String> = std::fs::read_to_string(&journal_path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    // A line's author rewritten.
    let forged = lines[1].replace("山田 医師", "佐藤 医師");
    std::fs::write(
        &journal_path,
        format!("{}\n{forged}\n{}\n", lines[0], lines[2]),
    )
    .unwrap();
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("3 番目の記録"), "{said}");
    // A line removed.
    std::fs::write(&journal_path, format!("{}\n{}\n", lines[0], lines[2])).unwrap();
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("2 番目の記録"), "{said}");
}

/// A kill after the journal line was written but before the file was replaced: the file
/// is one save behind. Every reader sees the journal's state, the next save continues
/// the chain, and verify is content.
#[test]
fn a_file_behind_its_journal_is_brought_up_to_date_on_reading() {
    let (_guard, data, path) = typed_session();
    let latest = std::fs::read(&path).unwrap();
    // The file as it was before the last save, as a kill would leave it.
    let mut older = store::load(&path).unwrap();
    older.memo = "腫瘍径 3cm".into();
    let older_text = toml::to_string(&older).unwrap();
    std::fs::write(&path, &older_text).unwrap();
    let read = journal::read(&journal::path_for(&path)).unwrap();
    assert_eq!(read.entries[1].0.to, journal::hash(older_text.as_bytes()));

    assert_eq!(
        store::load(&path).unwrap().memo,
        "腫瘍径 3cm、リンパ節転移なし"
    );
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("うち 1 件はまだファイルに反映されていません"));

    // Opened and saved again, the file is the journal's state and the chain goes on.
    type_more(&path, "。");
    assert_ne!(std::fs::read(&path).unwrap(), latest);
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("問題ありません（記録 4 件）"), "{said}");
}

#[test]
fn a_line_cut_short_by_a_crash_is_reported_and_cut_off_by_the_next_writer() {
    let (_guard, data, path) = typed_session();
    let journal_path = journal::path_for(&path);
    let mut bytes = std::fs::read(&journal_path).unwrap();
    bytes.extend_from_slice(b"{\"n\":4,\"at\":\"2026-");
    std::fs::write(&journal_path, &bytes).unwrap();
    assert!(store::load(&path).is_ok(), "the session still reads");
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("4 番目の記録: 最後の行が途中で切れています"));

    type_more(&path, "。");
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn history_never_prints_control_characters_from_patient_text() {
    let (_guard, data, path) = typed_session();
    type_more(&path, "\u{1b}]0;owned\u{7}\u{1b}[2J");
    let out = sonote(&data, &["history", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "{}", text(&out.stdout));
    assert!(!out.stdout.contains(&0x07));
}

/// A session written by an earlier sonote has no journal: it opens and exports as before,
/// and its journal starts at its first change, from the file as it was.
#[test]
fn a_session_from_before_the_journal_starts_one_at_its_first_change() {
    let (dir, store) = temp_store();
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.id = "2026-11-21-01".into();
    let path = store.path_of(&session.id);
    store::save_unjournaled(&path, &session).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(!journal::path_for(&path).exists());
    let data = store.root().to_path_buf();
    let out = sonote(
        &data,
        &[
            "export",
            path.to_str().unwrap(),
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let mut open = OpenSession::open(&path, Role::Specialist, &config, at(0, 0)).unwrap();
    open.session.memo = "初めての変更".into();
    open.changed(at(0, 1));
    open.save_now().unwrap();
    drop(open);
    let read = journal::read(&journal::path_for(&path)).unwrap();
    assert_eq!(read.entries.len(), 1);
    assert_eq!(read.entries[0].0.from, journal::hash(&before));
    let (code, said) = verify(&data, &path);
    assert_eq!(code, Some(0), "{said}");
    drop(dir);
}
