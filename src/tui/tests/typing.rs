//! A burst of keys (an input method's commit, fast typing, a paste without bracketed paste)
//! taken in as the event loop takes it: the first key at once, the characters after it
//! gathered into one insertion (`app::Typing`). It must leave every field, its caret and the
//! session exactly as the same keys one at a time do, and take a run back in one undo.

use super::common;

use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::{Session, Timestamp};
use sonote::tui::app::{App, Screen, Typing};
use sonote::tui::theme::Theme;
use sonote::tui::widgets::text_field::FieldId;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn chars(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The events of one burst, as the event loop gives them to the app.
fn as_burst(app: &mut App, events: &[Event], now: Timestamp) {
    let mut typing = Typing::default();
    let mut events = events.iter().cloned();
    if let Some(first) = events.next() {
        app.on_event(first, now);
    }
    for event in events {
        typing.take(app, event, now);
    }
    typing.finish(app, now);
}

fn one_by_one(app: &mut App, events: &[Event], now: Timestamp) {
    for event in events {
        app.on_event(event.clone(), now);
    }
}

/// What a key can change: the field with the caret (its text and caret), the session, the
/// status line, whether the app quits.
type Seen = (
    Option<(FieldId, Vec<String>, (usize, usize))>,
    Option<Session>,
    Option<String>,
    bool,
);

fn seen(app: &App) -> Seen {
    let field = app.focused_field().map(|(id, field)| {
        let caret = field.cursor();
        (id, field.lines().to_vec(), (caret.0, caret.1))
    });
    let session = app.session_view().map(|view| view.open.session.clone());
    let status = app.status.as_ref().map(|status| status.text.clone());
    (field, session, status, app.should_quit)
}

/// Narrow, wide, half-width kana, an emoji, spaces and punctuation.
const POOL: &[char] = &[
    'a', 'Z', '1', ' ', 'あ', '字', 'ｶ', 'ﾅ', '한', '😀', '、', '。', '-', '.',
];

/// A random burst: mostly characters, some keys that move or edit within the field, and
/// `others` (Enter, where it makes a line break) now and then.
fn burst(random: &mut Random, others: &[KeyCode]) -> Vec<Event> {
    let moves = [
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
    ];
    (0..1 + random.below(12))
        .map(|_| match random.below(10) {
            0 => key(moves[random.below(moves.len())]),
            1 if !others.is_empty() => key(others[random.below(others.len())]),
            _ => key(KeyCode::Char(POOL[random.below(POOL.len())])),
        })
        .collect()
}

/// Two apps brought to the same field by `open`, then given the same random bursts, one
/// as the event loop takes a burst and one key at a time: after every burst they agree.
fn bursts_agree_with_keys(
    name: &str,
    open: impl Fn() -> (tempfile::TempDir, App),
    others: &[KeyCode],
) {
    let (_a, mut gathered) = open();
    let (_b, mut keyed) = open();
    assert!(gathered.focused_field().is_some(), "{name}: no field open");
    let mut random = Random(0x5eed_0000 + name.len() as u64);
    for round in 0..150 {
        let events = burst(&mut random, others);
        as_burst(&mut gathered, &events, at(1, 0));
        one_by_one(&mut keyed, &events, at(1, 0));
        assert_eq!(
            seen(&gathered),
            seen(&keyed),
            "{name}, round {round}: {events:?}"
        );
    }
    let (field, ..) = seen(&gathered);
    let text = field
        .map(|(_, lines, _)| lines.concat())
        .unwrap_or_default();
    assert!(
        text.chars().count() > 100,
        "{name}: little was typed: {text:?}"
    );
}

fn session_open_at(keys: &[Event]) -> (tempfile::TempDir, App) {
    let (dir, mut app, _) = open_app(Config::embedded());
    one_by_one(&mut app, keys, at(0, 0));
    (dir, app)
}

#[test]
fn the_notes_take_a_burst_as_its_keys_one_at_a_time() {
    let open = || session_open_at(&chars("m"));
    bursts_agree_with_keys("notes", open, &[KeyCode::Enter]);
}

#[test]
fn an_answer_takes_a_burst_as_its_keys_one_at_a_time() {
    let open = || session_open_at(&[key(KeyCode::F(2)), key(KeyCode::Enter)]);
    bursts_agree_with_keys("answer", open, &[KeyCode::Enter]);
}

#[test]
fn opinion_fields_take_a_burst_as_their_keys_one_at_a_time() {
    // A one-line field, which Enter closes (the next characters are the tab's keys, the
    // Enter after them opens it again), and a field of several lines.
    let open = || session_open_at(&[key(KeyCode::F(3)), key(KeyCode::Enter)]);
    bursts_agree_with_keys("referral diagnosis", open, &[KeyCode::Enter]);
    let mut keys = vec![key(KeyCode::F(3))];
    keys.extend([key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)]);
    keys.push(key(KeyCode::Enter));
    let open = || session_open_at(&keys);
    bursts_agree_with_keys("own diagnosis", open, &[KeyCode::Enter, KeyCode::Tab]);
}

#[test]
fn the_new_session_form_takes_a_burst_as_its_keys_one_at_a_time() {
    let open = || {
        let (dir, store) = temp_store();
        let mut app = App::new(Config::embedded(), store, Theme { color: true }, today());
        one_by_one(&mut app, &chars("n"), at(0, 0));
        assert!(matches!(app.screen, Screen::NewSession(_)));
        (dir, app)
    };
    // ↑ and ↓ move to another field (the burst's moves include them).
    bursts_agree_with_keys("new session", open, &[KeyCode::Tab]);
}

#[test]
fn a_run_of_characters_is_one_insertion_and_one_undo() {
    let (_dir, mut app, _) = open_app(Config::embedded());
    one_by_one(&mut app, &chars("m"), at(0, 0));
    // The first key is shown at once, alone; the nine after it go in together.
    as_burst(&mut app, &chars("所見は標準治療どおり"), at(0, 1));
    let memo = |app: &App| app.session_view().unwrap().open.session.memo.clone();
    assert_eq!(memo(&app), "所見は標準治療どおり");
    let (_, field) = app.focused_field().unwrap();
    assert_eq!(field.cursor(), (0, 10), "the caret after the tenth");
    let undo = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    app.on_event(undo.clone(), at(0, 2));
    assert_eq!(memo(&app), "所", "one undo takes the run back");
    app.on_event(undo, at(0, 2));
    assert_eq!(memo(&app), "");
}

#[test]
fn a_line_break_in_a_burst_splits_it_and_keeps_the_order() {
    let (_dir, mut app, _) = open_app(Config::embedded());
    one_by_one(&mut app, &chars("m"), at(0, 0));
    let mut events = chars("一行目");
    events.push(key(KeyCode::Enter));
    events.extend(chars("二行目 ok"));
    events.push(key(KeyCode::Left));
    events.extend(chars("!"));
    as_burst(&mut app, &events, at(0, 1));
    let memo = &app.session_view().unwrap().open.session.memo;
    assert_eq!(memo, "一行目\n二行目 o!k");
    let (_, field) = app.focused_field().unwrap();
    assert_eq!(field.cursor(), (1, 6));
}

#[test]
fn keys_a_screen_binds_are_never_gathered_as_text() {
    let (_dir, mut app, _) = open_app(Config::embedded());
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    // No field: q, x, Space are the session's.
    assert_eq!(app.typed_char(&plain('q')), None);
    assert_eq!(app.typed_char(&plain(' ')), None);
    one_by_one(&mut app, &chars("m"), at(0, 0));
    assert_eq!(app.typed_char(&plain('q')), Some('q'));
    assert_eq!(app.typed_char(&plain('字')), Some('字'));
    let shifted = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
    assert_eq!(app.typed_char(&shifted), Some('A'));
    let ctrl = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(app.typed_char(&ctrl), None, "Ctrl+Z is undo");
    let alt = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::ALT);
    assert_eq!(app.typed_char(&alt), None);
    // Esc in the middle of a burst leaves the notes: the q after it quits.
    let mut events = chars("メモ");
    events.push(key(KeyCode::Esc));
    events.extend(chars("q"));
    as_burst(&mut app, &events, at(0, 1));
    assert_eq!(app.session_view().unwrap().open.session.memo, "メモ");
    assert!(app.should_quit);
}

#[test]
fn a_name_typed_in_bursts_keeps_the_space_between_them() {
    let (_dir, store) = temp_store();
    let mut app = App::new(Config::embedded(), store, Theme { color: true }, today());
    one_by_one(&mut app, &chars("n"), at(0, 0));
    // A paste into the form is trimmed; typed text is not.
    as_burst(&mut app, &chars("山田 "), at(0, 0));
    as_burst(&mut app, &chars("太郎"), at(0, 0));
    let (_, field) = app.focused_field().unwrap();
    assert_eq!(field.lines(), ["山田 太郎"]);
}
