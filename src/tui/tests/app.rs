//! The app driven by keys with injected time, as a specialist would use it; no terminal.

use super::common;

use chrono::TimeDelta;
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::{ClockState, EventKind, Timestamp};
use sonote::store;
use sonote::tui::app::{App, Overlay, Pending, Screen};
use sonote::tui::outcome::StatusKind;
use sonote::tui::theme::Theme;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, c: char, now: Timestamp) {
    app.on_key(key(KeyCode::Char(c)), now);
}

fn on_disk(path: &std::path::Path) -> sonote::model::Session {
    store::load(path).unwrap()
}

#[test]
fn space_starts_and_the_start_is_on_disk_at_once() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    let saved = on_disk(&path);
    assert_eq!(saved.state(), ClockState::Running);
    assert_eq!(saved.clock.started_at(), Some(at(0, 0)));
}

#[test]
fn extending_asks_first_and_adds_the_fee() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'x', at(25, 0));
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::Extend)));
    assert!(app.confirm_text(Pending::Extend).contains("¥5,500"));
    press(&mut app, 'n', at(25, 1));
    assert_eq!(on_disk(&path).clock.extensions_used(), 0, "no means no");
    press(&mut app, 'x', at(25, 2));
    press(&mut app, 'y', at(25, 3));
    let saved = on_disk(&path);
    assert_eq!(saved.clock.extensions_used(), 1);
    // Charged once the time used runs past the base time (issue 17), not when granted.
    assert_eq!(saved.fee.total, 5500);
    press(&mut app, ' ', at(40, 0));
    assert_eq!(on_disk(&path).fee.total, 11000);
}

#[test]
fn a_second_extension_is_refused_with_a_message() {
    let (_dir, mut app, _path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'x', at(25, 0));
    press(&mut app, 'y', at(25, 0));
    press(&mut app, 'x', at(50, 0));
    assert_eq!(
        app.overlay, None,
        "no question is asked for what cannot be done"
    );
    let status = app.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains("延長"), "{}", status.text);
}

#[test]
fn ending_asks_first_and_a_second_end_is_refused() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'e', at(20, 0));
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::End)));
    app.on_key(key(KeyCode::Esc), at(20, 1));
    assert_eq!(on_disk(&path).state(), ClockState::Running);
    press(&mut app, 'e', at(21, 0));
    press(&mut app, 'y', at(21, 0));
    assert_eq!(on_disk(&path).clock.ended_at(), Some(at(21, 0)));
    press(&mut app, 'e', at(22, 0));
    assert_eq!(app.overlay, None);
    assert_eq!(app.status.clone().unwrap().kind, StatusKind::Error);
}

#[test]
fn the_bell_rings_once_at_each_threshold() {
    let (_dir, mut app, _path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    let mut rings = Vec::new();
    for second in (1..=31 * 60).step_by(1) {
        let now = at(0, second);
        app.on_tick(now);
        if std::mem::take(&mut app.bell) {
            rings.push(second / 60);
        }
    }
    assert_eq!(
        rings,
        [20, 25, 30],
        "at 10 and 5 minutes left and at time up"
    );
}

#[test]
fn the_bell_can_be_switched_off() {
    let mut config = Config::embedded();
    config.session.bell = false;
    let (_dir, mut app, _path) = open_app(config);
    press(&mut app, ' ', at(0, 0));
    app.on_tick(at(20, 0));
    assert!(!app.bell);
    assert!(
        app.status.clone().unwrap().text.contains("10"),
        "the warning is still shown"
    );
}

#[test]
fn a_computer_that_slept_pauses_the_clock_at_the_last_tick() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    for second in 1..=300 {
        app.on_tick(at(0, second));
    }
    assert_eq!(
        app.session_view().unwrap().open.session.state(),
        ClockState::Running
    );
    // Two hours of lid closed: no ticks until 12:05.
    app.on_tick(at(125, 0));
    let saved = on_disk(&path);
    assert_eq!(saved.state(), ClockState::Paused);
    let pause = saved.clock.events.last().unwrap();
    assert_eq!((pause.kind, pause.at), (EventKind::Pause, at(5, 0)));
    assert!(pause.note.is_some());
    assert_eq!(saved.clock.elapsed(at(125, 0)), TimeDelta::minutes(5));
    assert!(app.status.clone().unwrap().text.contains("10:05"));
}

#[test]
fn typing_in_the_notes_is_saved_by_the_next_tick() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, 'm', at(0, 0));
    for c in "所見：標準治療".chars() {
        press(&mut app, c, at(0, 1));
    }
    // Letters are text while editing: 'x' and 'e' and 'q' do not act.
    for c in "xeq".chars() {
        press(&mut app, c, at(0, 1));
    }
    assert!(!app.should_quit);
    assert_eq!(
        on_disk(&path).memo,
        "",
        "typing itself never waits for the disk"
    );
    app.on_tick(at(0, 2));
    assert_eq!(on_disk(&path).memo, "所見：標準治療xeq");
    app.on_key(key(KeyCode::Esc), at(0, 3));
    press(&mut app, 'q', at(0, 4));
    assert!(app.should_quit);
}

#[test]
fn ctrl_c_quits_from_a_text_field_and_saves() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, 'm', at(0, 0));
    press(&mut app, '字', at(0, 0));
    app.on_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(0, 0),
    );
    assert!(app.should_quit);
    assert_eq!(on_disk(&path).memo, "字");
}

#[test]
fn a_failing_disk_keeps_the_text_and_asks_before_quitting() {
    let (dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, 'm', at(0, 0));
    press(&mut app, 'あ', at(0, 0));
    // The session's folder disappears (a removed USB disk, say).
    std::fs::remove_dir_all(dir.path().join("data")).unwrap();
    app.on_tick(at(0, 1));
    let view = app.session_view().unwrap();
    assert!(view.open.save_error().is_some());
    assert_eq!(view.open.session.memo, "あ", "nothing typed is dropped");
    app.on_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(0, 2),
    );
    assert!(!app.should_quit);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::QuitUnsaved)));
    // The disk comes back: the next tick saves and the banner goes.
    press(&mut app, 'n', at(0, 3));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    app.on_tick(at(0, 4));
    assert!(app.session_view().unwrap().open.save_error().is_none());
    assert_eq!(on_disk(&path).memo, "あ");
}

#[test]
fn n_on_the_home_screen_creates_a_session_with_a_japanese_name() {
    let (_dir, store) = temp_store();
    let mut app = App::new(Config::embedded(), store, Theme { color: true }, today());
    press(&mut app, 'n', at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    assert!(
        matches!(app.screen, Screen::NewSession(_)),
        "a name is required"
    );
    for c in "山田 太郎".chars() {
        press(&mut app, c, at(0, 0));
    }
    // Reading, patient ID, the scheduled day (today unless changed), then the mode.
    app.on_key(key(KeyCode::Tab), at(0, 0));
    app.on_key(key(KeyCode::Tab), at(0, 0));
    app.on_key(key(KeyCode::Tab), at(0, 0));
    app.on_key(key(KeyCode::Tab), at(0, 0));
    app.on_key(key(KeyCode::Right), at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    let view = app.session_view().expect("the new session is open");
    assert_eq!(view.open.session.patient.name, "山田 太郎");
    assert_eq!(view.open.session.mode, sonote::model::Mode::Online);
    assert_eq!(view.open.session.scheduled_date, today());
    assert_eq!(on_disk(view.open.path()).id, "2026-11-21-01");
    // Back on the home screen, it is listed as today's.
    app.on_key(key(KeyCode::Esc), at(0, 1));
    let Screen::Home(home) = &app.screen else {
        panic!("Esc goes home");
    };
    assert_eq!(home.rows.len(), 1);
    assert_eq!(home.rows[0].patient, "山田 太郎");
}

#[test]
fn a_second_specialist_opens_read_only_and_follows_the_first() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mut first = App::new(
        config.clone(),
        store.clone(),
        Theme { color: true },
        today(),
    );
    first.open_session(&path, at(0, 0)).unwrap();
    let mut second = App::new(config, store, Theme { color: true }, today());
    second.open_session(&path, at(0, 0)).unwrap();
    assert!(!first.session_view().unwrap().read_only());
    assert!(second.session_view().unwrap().read_only());
    assert_eq!(
        second.status.clone().unwrap().kind,
        StatusKind::Error,
        "it says so"
    );

    press(&mut second, ' ', at(0, 1));
    assert_eq!(
        on_disk(&path).state(),
        ClockState::Ready,
        "the read-only one cannot start"
    );

    press(&mut first, ' ', at(0, 2));
    // Make sure the file's timestamp moves even on coarse file systems.
    std::thread::sleep(std::time::Duration::from_millis(20));
    second.on_tick(at(0, 3));
    assert_eq!(
        second.session_view().unwrap().open.session.state(),
        ClockState::Running
    );

    // Once the first closes, the session can be opened for writing again.
    drop(first);
    let (_dir2, store2) = temp_store();
    let mut third = App::new(Config::embedded(), store2, Theme { color: true }, today());
    third.open_session(&path, at(0, 4)).unwrap();
    assert!(!third.session_view().unwrap().read_only());
}

#[test]
fn ending_lists_what_the_opinion_still_lacks_without_blocking() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'e', at(20, 0));
    let question = app.confirm_text(Pending::End);
    assert!(question.contains("終了しますか"), "{question}");
    assert!(
        question.contains("未記入"),
        "the gaps are listed: {question}"
    );
    press(&mut app, 'y', at(20, 1));
    assert_eq!(
        on_disk(&path).state(),
        ClockState::Ended,
        "and it does not block"
    );
}

/// A session whose report was sent asks before its first change, takes back what was
/// typed until the answer is yes, and then lets the specialist write; browsing asks
/// nothing. Pasted and burst-typed text are held back the same way.
#[test]
fn changing_a_sent_session_asks_first() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.end(at(25, 0)).unwrap();
    session.memo = "送付前のメモ".into();
    session.report.exported_at = Some(at(40, 0));
    session.report.sent_at = Some(at(50, 0));
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(60, 0)).unwrap();

    // Looking around asks nothing.
    for f in 1..=5 {
        app.on_key(key(KeyCode::F(f)), at(60, 0));
        app.on_key(key(KeyCode::Down), at(60, 0));
    }
    assert_eq!(app.overlay, None);
    app.on_key(key(KeyCode::F(1)), at(60, 0));
    press(&mut app, 'm', at(60, 1));
    press(&mut app, '追', at(60, 1));
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::EditSent)));
    let text = app.confirm_text(Pending::EditSent);
    assert!(text.contains("送付済み"), "{text}");
    let memo = |app: &App| app.session_view().unwrap().open.session.memo.clone();
    assert_eq!(memo(&app), "送付前のメモ", "the change is taken back");
    press(&mut app, 'n', at(60, 2));
    app.on_event(
        ratatui::crossterm::event::Event::Paste("貼り付け".into()),
        at(60, 3),
    );
    press(&mut app, 'm', at(60, 3));
    app.on_event(
        ratatui::crossterm::event::Event::Paste("貼り付け".into()),
        at(60, 3),
    );
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::EditSent)));
    assert_eq!(memo(&app), "送付前のメモ");
    press(&mut app, 'y', at(60, 4));
    press(&mut app, 'm', at(60, 5));
    press(&mut app, '追', at(60, 5));
    assert_eq!(app.overlay, None);
    assert_eq!(memo(&app), "送付前のメモ追");
    app.on_tick(at(60, 6));
    assert_eq!(on_disk(&path).memo, "送付前のメモ追");
}
