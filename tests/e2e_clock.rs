//! End to end in a real pseudo-terminal: the demo session's clock is started, seen going
//! down, extended, ended; then the session file on disk holds all of it.

mod common;

use std::time::Duration;

use common::pty::Pty;
use sonote::model::{ClockState, EventKind};

const WAIT: Duration = Duration::from_secs(10);

/// The "残り mm:ss" figure on the screen, in seconds.
fn remaining_seconds(screen: &str) -> Option<i64> {
    let after = screen.split("残り ").nth(1)?;
    let mmss: String = after.chars().take(5).collect();
    let (m, s) = mmss.split_once(':')?;
    Some(m.parse::<i64>().ok()? * 60 + s.parse::<i64>().ok()?)
}

#[test]
fn start_extend_end_quit_and_find_it_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::sonote(data.path(), &["demo"], 80, 24);
    app.wait_for("開始前", WAIT);
    app.wait_for("見本 花子", WAIT);

    app.send(" ");
    let screen = app.wait_for("進行中", WAIT);
    let first = remaining_seconds(&screen).expect("the time left is shown");
    assert!((1790..=1800).contains(&first), "{screen}");
    // The clock moves by itself, once a second.
    let later = app.wait_until("the clock to go down", WAIT, |s| {
        remaining_seconds(s).is_some_and(|r| r <= first - 2)
    });
    assert!(remaining_seconds(&later).unwrap() >= first - 5);

    app.send("x");
    app.wait_for("延長しますか", WAIT);
    app.send("y");
    app.wait_for("延長 1/1", WAIT);
    let screen = app.wait_for("/ 1:00:00", WAIT);
    // Charged once its time is used (issue 17): not yet.
    assert!(screen.contains("料金 ¥5,500"), "{screen}");

    // No extension left, and this one unused: x offers to take it back; n keeps it.
    app.send("x");
    app.wait_for("取り消しますか", WAIT);
    app.send("n");
    app.wait_gone("取り消しますか", WAIT);

    app.send("e");
    app.wait_for("終了しますか", WAIT);
    app.send("y");
    app.wait_for("[終了]", WAIT);

    app.send("q");
    let status = app.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");

    let path = data
        .path()
        .join("sessions")
        .join(format!("{}-01.toml", chrono::Local::now().date_naive()));
    let session = sonote::store::load(&path).expect("the session file reads back");
    assert_eq!(session.state(), ClockState::Ended);
    let kinds: Vec<_> = session.clock.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Start, EventKind::Extend, EventKind::End]);
    // Ended within the base time: the extension granted was not used, nor charged.
    assert_eq!(session.fee.total, 5500);
    assert!(session.demo);
    let took = session.clock.elapsed(session.clock.ended_at().unwrap());
    assert!(took.num_seconds() >= 2 && took.num_seconds() < 60, "{took}");
}

#[test]
fn reopening_a_killed_session_shows_the_consultation_went_on() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::sonote(data.path(), &["demo"], 80, 24);
    app.wait_for("開始前", WAIT);
    app.send(" ");
    app.wait_for("進行中", WAIT);
    // The process dies without a chance to save anything more.
    app.kill();
    std::thread::sleep(Duration::from_millis(2200));

    let id = format!("{}-01", chrono::Local::now().date_naive());
    let mut again = Pty::sonote(data.path(), &["open", &id], 80, 24);
    let screen = again.wait_for("進行中", WAIT);
    let left = remaining_seconds(&screen).unwrap();
    assert!(left <= 1800 - 2, "the time in between counted: {screen}");
    again.send("q");
    assert!(again.wait_exit(WAIT).success());
}

#[test]
fn resizing_and_japanese_notes_keep_the_cursor_at_the_caret() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::sonote(data.path(), &["demo"], 80, 24);
    app.wait_for("開始前", WAIT);
    app.send("m");
    app.wait_for("編集中", WAIT);
    app.send("所見あり");
    app.wait_for("所見あり", WAIT);
    // Four double-width characters: the caret, and the IME, sit at column 8.
    let (row, _) = app.wait_for_cursor_column(8, WAIT);
    let screen_row = app
        .screen()
        .lines()
        .nth(usize::from(row))
        .unwrap_or("")
        .to_string();
    assert!(screen_row.starts_with("所見あり"), "{screen_row:?}");

    app.resize(120, 40);
    app.wait_until("a redraw at 120 columns", WAIT, |s| {
        s.lines().any(|l| l.contains("所見あり"))
            && s.lines().next().is_some_and(|l| l.contains("見本 花子"))
    });
    app.resize(40, 12);
    app.resize(200, 50);
    // A key pressed while the resizes are still being handled must not be lost (it was,
    // one time in two, with crossterm's default edge-triggered event source).
    app.send("\x1b");
    app.wait_for("メモ (m で編集)", WAIT);
    app.send("q");
    assert!(app.wait_exit(WAIT).success());
    let id = format!("{}-01", chrono::Local::now().date_naive());
    let session =
        sonote::store::load(&data.path().join("sessions").join(format!("{id}.toml"))).unwrap();
    assert_eq!(session.memo, "所見あり");
}

#[test]
fn no_color_means_no_colour_at_all() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::sonote_with_env(data.path(), &["demo"], &[("NO_COLOR", "1")], 80, 24);
    app.wait_for("開始前", WAIT);
    app.send(" ");
    app.wait_for("進行中", WAIT);
    app.send("?");
    app.wait_for("キー一覧", WAIT);
    assert_eq!(app.coloured_cells(), 0, "{}", app.screen());
    app.send("\x1b");
    app.wait_gone("キー一覧", WAIT);
    app.send("q");
    assert!(app.wait_exit(WAIT).success());

    // And with colour allowed, the same screens do use it.
    let mut app = Pty::sonote(
        data.path(),
        &["open", &format!("{}-01", chrono::Local::now().date_naive())],
        80,
        24,
    );
    app.wait_for("進行中", WAIT);
    assert!(app.coloured_cells() > 0);
}
