//! Typed text written on a thread of its own (`App::write_behind`, as the event loop runs):
//! it reaches the disk, a failing disk still shows, and leaving or quitting waits for it.

use super::common;

use std::time::{Duration, Instant};

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::Timestamp;
use sonote::store;
use sonote::tui::app::{App, Overlay, Pending, Screen};
use sonote::tui::theme::Theme;

fn press(app: &mut App, c: char, now: Timestamp) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
}

fn open_app() -> (tempfile::TempDir, App, std::path::PathBuf) {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.write_behind = true;
    app.open_session(&path, at(0, 0)).unwrap();
    (dir, app, path)
}

fn memo_on_disk(path: &std::path::Path) -> String {
    store::load(path).unwrap().memo
}

/// Let the event loop's calls run until `done`, for at most five seconds.
fn until(app: &mut App, now: Timestamp, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !done(app) {
        assert!(Instant::now() < deadline, "timed out");
        app.autosave(now);
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn typed_text_reaches_the_disk_from_the_writing_thread() {
    let (_dir, mut app, path) = open_app();
    press(&mut app, 'm', at(0, 0));
    for c in "所見".chars() {
        press(&mut app, c, at(0, 1));
    }
    app.on_sync();
    let view = app.session_view().unwrap();
    assert!(!view.open.needs_save(), "the write is under way");
    until(&mut app, at(0, 1), |_| memo_on_disk(&path) == "所見");
    // Typing on while the write runs: the next sync writes it.
    press(&mut app, '中', at(0, 2));
    app.on_sync();
    until(&mut app, at(0, 2), |_| memo_on_disk(&path) == "所見中");
    assert!(app.session_view().unwrap().open.save_error().is_none());
}

#[test]
fn quitting_waits_for_the_write_and_saves_the_rest() {
    let (_dir, mut app, path) = open_app();
    press(&mut app, 'm', at(0, 0));
    press(&mut app, 'あ', at(0, 1));
    app.on_sync();
    press(&mut app, 'い', at(0, 1));
    app.on_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(0, 2),
    );
    assert!(app.should_quit);
    assert_eq!(memo_on_disk(&path), "あい");
}

#[test]
fn leaving_the_session_waits_for_the_write() {
    let (_dir, mut app, path) = open_app();
    press(&mut app, 'm', at(0, 0));
    press(&mut app, 'う', at(0, 1));
    app.on_sync();
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(0, 2));
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(0, 2));
    assert!(matches!(app.screen, Screen::Home(_)));
    assert_eq!(memo_on_disk(&path), "う");
}

#[test]
fn a_failing_disk_shows_and_the_text_is_kept() {
    let (dir, mut app, path) = open_app();
    press(&mut app, 'm', at(0, 0));
    press(&mut app, 'え', at(0, 0));
    std::fs::remove_dir_all(dir.path().join("data")).unwrap();
    app.on_sync();
    until(&mut app, at(0, 1), |app| {
        app.session_view().unwrap().open.save_error().is_some()
    });
    assert_eq!(app.session_view().unwrap().open.session.memo, "え");
    app.on_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(0, 2),
    );
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::QuitUnsaved)));
    press(&mut app, 'n', at(0, 3));
    // The disk comes back: the next sync writes, and the banner goes.
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    app.on_sync();
    until(&mut app, at(0, 4), |app| {
        app.session_view().unwrap().open.save_error().is_none()
    });
    assert_eq!(memo_on_disk(&path), "え");
}
