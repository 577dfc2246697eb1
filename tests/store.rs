//! Session files on disk: ids, atomic private writes, reopening, and refusing bad files.

mod common;

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

use chrono::TimeDelta;
use common::*;
use sonote::config::Config;
use sonote::model::{ClockError, ClockFault, ClockState, EventKind};
use sonote::store;
use sonote::tomlfile::Problem;

#[test]
fn ids_follow_the_date_and_never_collide() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut first = new_session(&config);
    let mut second = new_session(&config);
    common::create(&store, &mut first).unwrap();
    common::create(&store, &mut second).unwrap();
    assert_eq!(first.id, "2026-11-21-01");
    assert_eq!(second.id, "2026-11-21-02");
    assert_eq!(store.next_id(today()), "2026-11-21-03");
}

#[cfg(unix)]
#[test]
fn files_and_directories_are_private() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(store.root()), 0o700);
    assert_eq!(mode(&store.sessions_dir()), 0o700);
    let journal = sonote::store::journal::path_for(&path);
    assert_eq!(mode(&journal), 0o600);
    // No temporary file is left behind: the session and its journal only.
    let names: Vec<_> = fs::read_dir(store.sessions_dir()).unwrap().collect();
    assert_eq!(names.len(), 2);
}

#[cfg(unix)]
#[test]
fn opening_one_session_checks_its_own_files_and_the_folders_only() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut mine = new_session(&config);
    let mine = common::create(&store, &mut mine).unwrap();
    let mut other = new_session(&config);
    let other = common::create(&store, &mut other).unwrap();
    let loose = |p: &std::path::Path| fs::set_permissions(p, fs::Permissions::from_mode(0o644));
    loose(&other).unwrap();
    let paths = |found: Vec<(std::path::PathBuf, u32)>| -> Vec<_> {
        found.into_iter().map(|(path, _)| path).collect()
    };
    assert_eq!(
        paths(store.loose_permissions()),
        std::slice::from_ref(&other)
    );
    assert!(
        store.loose_permissions_of(&mine).is_empty(),
        "not the other's"
    );
    // Its own file, its companion's part and the data directory are checked.
    loose(&mine).unwrap();
    let part = store::part_path(&mine);
    fs::write(&part, "").unwrap();
    loose(&part).unwrap();
    fs::set_permissions(store.root(), fs::Permissions::from_mode(0o755)).unwrap();
    let found = store.loose_permissions_of(&mine);
    assert_eq!(
        paths(found.clone()),
        [store.root().to_path_buf(), mine.clone(), part]
    );
    assert!(
        found.iter().all(|(_, mode)| *mode & 0o077 != 0),
        "{found:?}"
    );
}

#[test]
fn a_saved_session_reads_back_the_same() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    // Paused in the extension's time: the fee charges it (issue 17: by the time used).
    session.toggle_clock(at(40, 0)).unwrap();
    session.memo = "所見メモ\n二行目".into();
    let path = common::create(&store, &mut session).unwrap();
    assert_eq!(store::load(&path).unwrap(), session);
    assert_eq!(session.fee.total, 11000);
}

#[test]
fn a_staged_file_takes_its_place_only_when_committed() {
    let (dir, _store) = temp_store();
    let path = dir.path().join("report.docx");
    fs::write(&path, b"old").unwrap();
    let files = || fs::read_dir(dir.path()).unwrap().count();
    let before = files();

    let staged = store::stage(&path, b"new").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"old");
    assert_eq!(files(), before + 1, "the staged file beside it");
    drop(staged);
    assert_eq!(fs::read(&path).unwrap(), b"old");
    assert_eq!(files(), before, "dropped, the staged file is removed");

    store::stage(&path, b"new").unwrap().commit().unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(files(), before);
}

#[test]
fn a_running_clock_is_restored_from_its_timestamps() {
    // The app died at 10:07 while the consultation went on in the room; reopened at 10:20.
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    let path = common::create(&store, &mut session).unwrap();
    let reopened = store::load(&path).unwrap();
    assert_eq!(reopened.state(), ClockState::Running);
    assert_eq!(reopened.clock.elapsed(at(20, 0)), TimeDelta::minutes(20));
}

#[test]
fn session_arguments_are_ids_or_paths() {
    let (_dir, store) = temp_store();
    assert_eq!(
        store.resolve("2026-11-21-01"),
        store.path_of("2026-11-21-01")
    );
    assert_eq!(
        store.resolve("/elsewhere/x.toml"),
        std::path::PathBuf::from("/elsewhere/x.toml")
    );
}

#[test]
fn a_truncated_file_is_refused_with_its_line_and_left_alone() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let cut = &text[..text.find("[clock.rules]").unwrap() + 8];
    fs::write(&path, cut).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(err.line.is_some(), "{err}");
    assert!(err.to_string().starts_with(&path.display().to_string()));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        cut,
        "the bad file is not touched"
    );
}

#[test]
fn an_impossible_clock_names_the_event() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.end(at(10, 0)).unwrap();
    let path = common::create(&store, &mut session).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("kind = \"end\"", "kind = \"resume\"");
    fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("clock.events[1]"));
    let line = err.line.unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap(), "kind = \"resume\"");
    // The fault is a fact the faces word in the user's language.
    assert_eq!(
        err.problem,
        Problem::Clock(ClockFault::NotPossible(
            EventKind::Resume,
            ClockError::NotPaused
        ))
    );
}

#[test]
fn a_wrong_type_names_the_field() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("base = 5500", "base = \"five thousand\"");
    fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("fee_schedule.base"));
    assert!(err.line.is_some());
}

#[test]
fn the_listing_shows_unreadable_files_instead_of_failing() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    common::create(&store, &mut session).unwrap();
    fs::write(store.path_of("2026-11-20-01"), "not = [toml").unwrap();
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed.iter().filter(|l| l.summary.is_err()).count(), 1);
}

/// Temporary files left by a crash (full session copies, partial reports) were never
/// cleaned up: sonote's own, older than an hour, go when the data directory is opened.
#[test]
fn temporary_files_a_crash_left_are_removed_when_stale() {
    let (dir, store) = temp_store();
    let sessions = store.sessions_dir();
    let stale = sessions.join(".2026-11-21-01.toml.tmp-a1B2c3");
    let fresh = sessions.join(".2026-11-21-01.toml.tmp-d4E5f6");
    let other = sessions.join("notes.txt");
    for file in [&stale, &fresh, &other] {
        fs::write(file, "x").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    sonote::store::Store::open(store.root()).unwrap();
    assert!(!stale.exists(), "a stale temporary file is removed");
    assert!(fresh.exists(), "a write under way is left alone");
    assert!(other.exists(), "only sonote's own temporary files");
    drop(dir);
}

/// The temporary file of a save has a name nobody can guess and is made exclusively, so a
/// link planted beside the session is never written through.
#[cfg(unix)]
#[test]
fn a_planted_link_is_never_written_through() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    let clerk = sonote::store::journal::Author::new("test", "clerk");
    let path = store
        .create(&mut session, &clerk, sonote::core::now())
        .unwrap();
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "keep").unwrap();
    // The names the old scheme used (pid and a counter), all planted.
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    for serial in 0..50 {
        let planted = path.with_file_name(format!(".{name}.tmp-{}-{serial}", std::process::id()));
        std::os::unix::fs::symlink(&outside, planted).unwrap();
    }
    session.memo = "所見".into();
    sonote::store::save(&path, &session, &clerk, sonote::core::now()).unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
    assert_eq!(sonote::store::load(&path).unwrap().memo, "所見");
}
