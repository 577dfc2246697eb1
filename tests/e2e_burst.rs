//! A burst of keys costs one frame: an input method commits a phrase as one write, a paste
//! without bracketed paste or fast typing sends many keys at once, and the event loop takes
//! in every event already sent before it draws, up to its cap a frame. In a real pty, with
//! the debug build's log of how many events each frame took in (`SONOTE_TEST_BURSTS`).

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{Pty, keys};

const WAIT: Duration = Duration::from_secs(10);
/// No output for this long: the frames for the keys so far are all on screen.
const QUIET: Duration = Duration::from_millis(150);
/// The event loop's cap on events a frame (`BATCH` in `src/tui/run.rs`).
const CAP: usize = 64;

/// How many events each frame took in, from the log, in order.
fn bursts(log: &Path) -> Vec<usize> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|line| line.parse().expect("a number a line"))
        .collect()
}

/// Wait until the frames have taken in `events` events in all; then until the screen is
/// quiet.
fn wait_for_events(app: &mut Pty, log: &Path, events: usize) {
    let deadline = std::time::Instant::now() + WAIT;
    while bursts(log).iter().sum::<usize>() < events {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {events} events; taken in: {:?}; the screen:\n{}",
            bursts(log),
            app.screen()
        );
        app.pump(Duration::from_millis(20));
    }
    app.settle(QUIET);
}

/// The demo with the caret in the current question's answer, the log empty.
fn answer_open(data: &Path, log: &Path) -> Pty {
    let log = log.to_str().expect("utf-8 temp path");
    let mut app = Pty::sonote_with_env(data, &["demo"], &[("SONOTE_TEST_BURSTS", log)], 80, 30);
    app.wait_for("開始前", WAIT);
    app.send(keys::f(2));
    app.wait_for("Q1", WAIT);
    app.send(keys::ENTER);
    app.wait_for("記入中", WAIT);
    app.settle(QUIET);
    std::fs::write(log, "").expect("empty the log");
    app
}

#[test]
fn ten_characters_committed_at_once_take_one_frame() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("bursts");
    let mut app = answer_open(data.path(), &log);
    // An input method's commit: ten characters in one write.
    app.send("あいうえおかきくけこ");
    wait_for_events(&mut app, &log, 10);
    app.wait_for("あいうえおかきくけこ", WAIT);
    assert_eq!(bursts(&log), vec![10], "events taken in per frame");
}

#[test]
fn a_paste_without_bracketed_paste_takes_a_frame_per_cap() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("bursts");
    let mut app = answer_open(data.path(), &log);
    // A terminal without bracketed paste sends the text as typed keys, all at once.
    let text: String = ('a'..='z').cycle().take(100).collect();
    app.send(&text);
    wait_for_events(&mut app, &log, 100);
    assert_eq!(
        bursts(&log),
        vec![CAP, 100 - CAP],
        "events taken in per frame"
    );
}

#[test]
fn keys_typed_apart_take_a_frame_each() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("bursts");
    let mut app = answer_open(data.path(), &log);
    for (n, key) in ["x", "y", "z"].into_iter().enumerate() {
        app.send(key);
        wait_for_events(&mut app, &log, n + 1);
    }
    assert!(app.screen().contains("xyz"), "{}", app.screen());
    assert_eq!(bursts(&log), vec![1, 1, 1], "events taken in per frame");
}
