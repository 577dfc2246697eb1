//! A key typed into a text field is shown by drawing the field alone first, behind
//! ratatui's back (`tui::echo`), then the whole frame. In a real pseudo-terminal: after
//! typing, deleting and inserting Japanese and ASCII text across the field's line ends,
//! slowly or fast, the screen must be exactly what sonote draws from scratch.

mod common;

use std::time::{Duration, Instant};

use common::pty::{Pty, keys};

const WAIT: Duration = Duration::from_secs(10);
const COLS: u16 = 60;
const ROWS: u16 = 30;
/// No output for this long: the frames for the keys so far are all on screen.
const QUIET: Duration = Duration::from_millis(150);

fn typing() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let text = "あいうえおかきくけこ abc def ghi さしすせそ、たちつてと。jkl mno pqr なにぬねの";
    keys.extend(text.chars().map(String::from));
    keys.extend(std::iter::repeat_n(keys::BACKSPACE.to_string(), 3));
    keys.extend(std::iter::repeat_n(keys::LEFT.to_string(), 12));
    // An insertion in the middle wraps the rest of the paragraph again.
    keys.extend("漢字を挿入 x".chars().map(String::from));
    keys.push(keys::HOME.to_string());
    keys.extend("先頭".chars().map(String::from));
    keys.push(keys::END.to_string());
    // (Not a wide character deleted last: vt100 blanks the half a narrow caret leaves of
    // one in the caret's colours, where terminals such as tmux use the default ones. It
    // happens alike without the echo; the deletions above show wide ones going.)
    keys.extend(["z", keys::BACKSPACE].map(String::from));
    keys
}

/// `typing()` as an input method commits it: runs of up to ten characters in one write
/// each (which sonote takes in as one insertion), the other keys alone.
fn committed() -> Vec<String> {
    let mut writes = Vec::new();
    let mut run = String::new();
    for key in typing() {
        let mut chars = key.chars();
        let character = matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_control());
        if character && run.chars().count() < 10 {
            run.push_str(&key);
            continue;
        }
        if !run.is_empty() {
            writes.push(std::mem::take(&mut run));
        }
        if character {
            run.push_str(&key);
        } else {
            writes.push(key);
        }
    }
    if !run.is_empty() {
        writes.push(run);
    }
    writes
}

/// In the demo, press `open` (waiting for each text after its key) to put the caret in a
/// field, type `typing()` with `pause` after each key, and check the screen against a
/// fresh draw.
fn type_and_compare(open: &[(&str, &str)], pause: Duration) {
    type_these_and_compare(open, typing(), pause);
}

/// The same with the writes `keys`.
fn type_these_and_compare(open: &[(&str, &str)], keys: Vec<String>, pause: Duration) {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::sonote(data.path(), &["demo"], COLS, ROWS);
    app.wait_for("開始前", WAIT);
    for (key, shows) in open {
        app.send(key);
        app.wait_for(shows, WAIT);
    }
    for key in keys {
        app.send(&key);
        if pause.is_zero() {
            continue;
        }
        let until = Instant::now() + pause;
        while Instant::now() < until {
            app.pump(until - Instant::now());
        }
    }
    app.settle(QUIET);
    let typed = (app.looks(), app.cursor(), app.screen());
    assert!(typed.2.contains("漢字を挿入 x"), "{}", typed.2);

    // A size change makes sonote clear the terminal and draw everything anew.
    app.resize(COLS + 1, ROWS);
    app.wait_until("the wider frame", WAIT, |screen| screen != typed.2);
    app.resize(COLS, ROWS);
    let trimmed = |screen: &str| -> Vec<String> {
        screen.lines().map(|l| l.trim_end().to_string()).collect()
    };
    let typed_lines = trimmed(&typed.2);
    app.wait_until("the frame at the first size", WAIT, |screen| {
        trimmed(screen) == typed_lines
    });
    app.settle(QUIET);
    let fresh = app.looks();
    let differ: Vec<String> = (0..fresh.len())
        .filter(|&row| fresh[row] != typed.0[row])
        .map(|row| {
            format!(
                "row {row}:\n typed: {}\n fresh: {}",
                typed.0[row], fresh[row]
            )
        })
        .collect();
    assert!(
        differ.is_empty() && app.cursor() == typed.1,
        "after typing (cursor {:?}):\n{}\ndrawn from scratch (cursor {:?}):\n{}\n{}",
        typed.1,
        typed.2,
        app.cursor(),
        app.screen(),
        differ.join("\n")
    );
}

const ANSWER: &[(&str, &str)] = &[("\x1bOQ", "Q1"), (keys::ENTER, "記入中")];
const NOTES: &[(&str, &str)] = &[("m", "編集中")];
const OPINION: &[(&str, &str)] = &[("\x1bOR", "所見"), (keys::ENTER, "入力中")];

#[test]
fn an_answer_typed_slowly_is_exactly_a_fresh_draw() {
    type_and_compare(ANSWER, Duration::from_millis(20));
}

#[test]
fn an_answer_typed_fast_is_exactly_a_fresh_draw() {
    type_and_compare(ANSWER, Duration::ZERO);
}

#[test]
fn notes_typed_fast_are_exactly_a_fresh_draw() {
    type_and_compare(NOTES, Duration::ZERO);
}

#[test]
fn an_opinion_typed_fast_is_exactly_a_fresh_draw() {
    type_and_compare(OPINION, Duration::ZERO);
}

#[test]
fn notes_committed_ten_characters_at_a_time_are_exactly_a_fresh_draw() {
    type_these_and_compare(NOTES, committed(), Duration::from_millis(20));
}

#[test]
fn an_answer_committed_ten_characters_at_a_time_is_exactly_a_fresh_draw() {
    type_these_and_compare(ANSWER, committed(), Duration::from_millis(20));
}
