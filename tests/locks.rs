//! One writer per file, always: a second terminal of a role reads, a lock that cannot be
//! taken or checked means read-only, and a lock taken away is noticed.

mod common;

use chrono::TimeDelta;
use common::{at, new_session, temp_store};
use sonote::config::Config;
use sonote::core::{OpenSession, SessionEvent};
use sonote::model::Role;
use sonote::store;

fn created() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let clerk = store::journal::Author::new("test", "clerk");
    let path = store.create(&mut session, &clerk, at(0, 0)).unwrap();
    (dir, path)
}

fn open(path: &std::path::Path, role: Role) -> OpenSession {
    OpenSession::open(path, role, &Config::embedded(), at(0, 0)).unwrap()
}

fn lock_file(path: &std::path::Path, stem: &str) -> std::path::PathBuf {
    path.with_file_name(format!(".{stem}.lock"))
}

/// Two companions' terminals on one session overwrote each other's part file (the first
/// one's answer was missing from the report in 5 of 5 rounds): the second now reads only.
#[test]
fn a_second_companion_terminal_opens_read_only_and_the_first_ones_answer_stays() {
    let (_dir, path) = created();
    let mut first = open(&path, Role::Companion);
    let mut second = open(&path, Role::Companion);
    assert!(!first.read_only());
    assert!(second.read_only(), "the second companion must not write");
    assert!(
        second.lock_error().is_none(),
        "another terminal holds it: no error"
    );

    first.session.questions[0].companion_answer = "痛みは弱まった".into();
    first.changed(at(0, 1));
    first.save_now().unwrap();
    second.session.questions[0].companion_answer = "別の端末".into();
    second.changed(at(0, 2));
    second.save_now().unwrap();
    drop(second);
    drop(first);
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.questions[0].companion_answer, "痛みは弱まった");
}

#[cfg(unix)]
#[test]
fn a_lock_that_cannot_be_checked_means_read_only_with_the_reason() {
    let (dir, path) = created();
    let id = path.file_stem().unwrap().to_str().unwrap().to_string();
    // A link to a file that does not exist yet: following it would create the file.
    let elsewhere = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, lock_file(&path, &id)).unwrap();
    let opened = open(&path, Role::Specialist);
    assert!(opened.read_only());
    assert!(opened.lock_error().is_some());
    assert!(!elsewhere.exists(), "the link was followed");
}

#[test]
fn a_removed_lock_file_is_taken_again_and_a_later_terminal_still_reads_only() {
    let (_dir, path) = created();
    let id = path.file_stem().unwrap().to_str().unwrap().to_string();
    let mut first = open(&path, Role::Specialist);
    std::fs::remove_file(lock_file(&path, &id)).unwrap();
    let events = first.poll(at(0, 1));
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, SessionEvent::LockLost(_)))
    );
    assert!(!first.read_only());
    assert!(open(&path, Role::Specialist).read_only());
}

#[test]
fn a_lock_taken_over_by_another_process_stops_this_one_saving() {
    let (_dir, path) = created();
    let id = path.file_stem().unwrap().to_str().unwrap().to_string();
    let mut first = open(&path, Role::Specialist);
    first.session.memo = "一台目".into();
    first.changed(at(0, 1));
    first.save_now().unwrap();
    std::fs::remove_file(lock_file(&path, &id)).unwrap();
    let mut second = open(&path, Role::Specialist);
    assert!(
        !second.read_only(),
        "the lock file was gone: it took a new one"
    );
    let events = first.poll(at(0, 1) + TimeDelta::seconds(1));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, SessionEvent::LockLost(_))),
        "{events:?}"
    );
    assert!(first.read_only());
    first.session.memo = "一台目の続き".into();
    first.changed(at(0, 3));
    first.save_now().unwrap();
    second.session.memo = "二台目".into();
    second.changed(at(0, 3));
    second.save_now().unwrap();
    assert_eq!(store::load(&path).unwrap().memo, "二台目");
    assert_eq!(first.session.memo, "一台目の続き", "kept on screen");
}

/// Saves that would make a file sonote cannot read back (18 pastes of 1 MB did) are
/// refused, the text stays on screen, and the file on disk still opens.
#[test]
fn a_save_past_the_read_limit_is_refused_and_the_text_stays() {
    let (_dir, path) = created();
    let mut opened = open(&path, Role::Specialist);
    opened.session.memo = "所".repeat(6 * 1024 * 1024);
    opened.changed(at(0, 1));
    let err = opened.save_now().unwrap_err();
    let SessionEvent::SaveFailed(message) = err else {
        panic!("{err:?}")
    };
    assert!(message.contains("16 MB"), "{message}");
    assert_eq!(
        opened.session.memo.len(),
        18 * 1024 * 1024,
        "kept on screen"
    );
    assert!(opened.save_error().is_some());
    drop(opened);
    assert!(store::load(&path).is_ok(), "the file on disk still opens");
}

/// `sonote new` on a full disk left an empty session file that took the id and made every
/// later `list` fail. A file size limit stands in for the full disk.
#[cfg(unix)]
#[test]
fn new_on_a_full_disk_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1; trap '' XFSZ; exec \"$0\" --data-dir \"$1\" new --patient 見本 --date 2026-12-01")
        .arg(env!("CARGO_BIN_EXE_sonote"))
        .arg(&data)
        .env_remove("SONOTE_CONFIG")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let left: Vec<_> = std::fs::read_dir(data.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let list = common::sonote(&data, &["list"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
}

/// A damaged companion's part locked the specialist and the desk out of the session: it is
/// now set aside (kept, for a person to look at) and the rest of the session stays usable.
#[test]
fn a_damaged_companion_part_is_set_aside_and_the_session_stays_usable() {
    let (_dir, path) = created();
    let part = store::part_path(&path);
    std::fs::write(&part, "format = 1\nsession = \"x\nanswers = [").unwrap();
    assert!(
        store::load(&path).is_ok(),
        "the desk and the list still read it"
    );
    let mut opened = open(&path, Role::Specialist);
    let events = opened.poll(at(0, 1));
    let said = format!("{events:?}");
    assert!(said.contains("set aside as"), "{said}");
    assert!(!part.exists());
    let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".companion.toml.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    opened.session.memo = "続けて書ける".into();
    opened.changed(at(0, 2));
    opened.save_now().unwrap();
    assert_eq!(store::load(&path).unwrap().memo, "続けて書ける");
}

/// Fields this version does not know were silently dropped when the file was rewritten:
/// such a session now opens read-only, and nothing rewrites it.
#[test]
fn a_session_with_fields_this_version_does_not_know_is_kept_as_it_is() {
    let (_dir, path) = created();
    let text = std::fs::read_to_string(&path).unwrap();
    let newer = format!("signature = \"第2版で追加\"\n{text}");
    std::fs::write(&path, &newer).unwrap();
    let opened = open(&path, Role::Specialist);
    assert!(opened.read_only());
    let why = opened.lock_error().unwrap();
    assert!(why.to_string().contains("signature"), "{why}");
    drop(opened);
    let config = Config::embedded();
    let paid = sonote::core::desk::apply(
        &path,
        sonote::core::desk::DeskChange::Pay(sonote::model::payment::PaymentMethod::Cash),
        &config,
        path.parent().unwrap(),
        at(1, 0),
    );
    assert!(paid.is_err(), "the desk must not rewrite it");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}
