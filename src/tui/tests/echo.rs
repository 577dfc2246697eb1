//! The echo in-process (`tui::echo`): the whole frame says which field has the caret and
//! where it drew it, and the echo shows keys only in that field, named by its screen.
//! (`tests/e2e_echo.rs` checks in a terminal that what it shows is what the frame draws.)

use super::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::tui::app::App;
use sonote::tui::echo::Echo;
use sonote::tui::theme::Theme;
use sonote::tui::view;
use sonote::tui::widgets::text_field::Caret;

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(0, 1));
}

/// A whole frame as the event loop draws it, kept by the echo; where the caret was.
fn whole_frame(
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    echo: &mut Echo,
) -> Option<Caret> {
    let mut caret = None;
    let frame = terminal
        .draw(|frame| {
            caret = view::draw_with_caret(frame, app, at(0, 1));
            echo.resend(frame.buffer_mut());
        })
        .unwrap();
    echo.keep(frame.buffer, caret);
    caret
}

/// The echo of the field with the caret now: whether it drew, and what it sent.
fn echo_now(app: &App, echo: &mut Echo) -> (bool, Vec<u8>) {
    let (id, field) = app.focused_field().expect("a field has the caret");
    let mut out = Vec::new();
    let drew = echo.draw(&mut out, id, field).unwrap();
    (drew, out)
}

#[test]
fn the_frame_names_the_field_with_the_caret_and_where_it_drew_it() {
    let (_dir, mut app, _) = open_app(Config::embedded());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut echo = Echo::default();
    assert_eq!(whole_frame(&mut terminal, &mut app, &mut echo), None);
    press(&mut app, KeyCode::Char('m'));
    let caret = whole_frame(&mut terminal, &mut app, &mut echo).expect("the notes");
    let (id, _) = app.focused_field().unwrap();
    assert_eq!(caret.field, id);
    // The terminal cursor is in the field's text, where the frame put it.
    let cursor = terminal.get_cursor_position().unwrap();
    assert!(
        caret.rect.contains(cursor),
        "{cursor:?} outside {:?}",
        caret.rect
    );
    press(&mut app, KeyCode::Char('字'));
    let (drew, sent) = echo_now(&app, &mut echo);
    assert!(drew);
    assert!(String::from_utf8_lossy(&sent).contains('字'));
}

#[test]
fn a_key_that_moves_the_caret_to_another_field_is_not_echoed() {
    let (_dir, store) = temp_store();
    let mut app = App::new(Config::embedded(), store, Theme { color: true }, today());
    press(&mut app, KeyCode::Char('n'));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut echo = Echo::default();
    whole_frame(&mut terminal, &mut app, &mut echo).expect("the name field");
    press(&mut app, KeyCode::Char('山'));
    assert!(
        echo_now(&app, &mut echo).0,
        "typed into the field the frame drew"
    );
    whole_frame(&mut terminal, &mut app, &mut echo);
    // ↓ moves to the next field (an edit-or-move key, taken by the echo when it stays in
    // the field): the frame drew that field elsewhere, so the echo leaves it to the next.
    press(&mut app, KeyCode::Down);
    assert!(
        !echo_now(&app, &mut echo).0,
        "the caret is in another field"
    );
    whole_frame(&mut terminal, &mut app, &mut echo);
    press(&mut app, KeyCode::Char('や'));
    assert!(echo_now(&app, &mut echo).0);
}

/// The cells of `rect` as a person sees them (the symbol and its style), row by row. The
/// column a wide character covers shows nothing of its own: what a buffer holds there is
/// never sent, and is left out.
fn seen(buffer: &ratatui::buffer::Buffer, rect: ratatui::layout::Rect) -> Vec<String> {
    use ratatui::buffer::CellWidth;
    (rect.top()..rect.bottom())
        .map(|y| {
            let mut covered = 0;
            let mut row = String::new();
            for x in rect.left()..rect.right() {
                let cell = &buffer[(x, y)];
                if covered > 0 {
                    covered -= 1;
                    row.push_str("(covered)|");
                    continue;
                }
                covered = usize::from(cell.cell_width()).saturating_sub(1);
                let style = format!("{:?}{:?}{:?}", cell.fg, cell.bg, cell.modifier);
                row.push_str(&format!("{}{style}|", cell.symbol()));
            }
            row
        })
        .collect()
}

#[test]
fn what_the_echo_shows_is_what_the_next_whole_frame_draws() {
    let (_dir, mut app, _) = open_app(Config::embedded());
    let mut terminal = Terminal::new(TestBackend::new(60, 24)).unwrap();
    let mut echo = Echo::default();
    whole_frame(&mut terminal, &mut app, &mut echo);
    press(&mut app, KeyCode::Char('m'));
    whole_frame(&mut terminal, &mut app, &mut echo).expect("the notes");
    // Typing that wraps and unwraps, moves between lines, and deletes across them.
    let mut keys: Vec<KeyCode> = "家族の希望は手術です。long words wrap here, 次の行"
        .chars()
        .map(KeyCode::Char)
        .collect();
    keys.extend([
        KeyCode::Up,
        KeyCode::Home,
        KeyCode::Char('前'),
        KeyCode::End,
    ]);
    keys.extend([
        KeyCode::Down,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Left,
    ]);
    keys.extend(std::iter::repeat_n(KeyCode::Backspace, 30));
    keys.extend([KeyCode::Delete, KeyCode::Char('x'), KeyCode::Home]);
    for (n, code) in keys.into_iter().enumerate() {
        press(&mut app, code);
        let (drew, _) = echo_now(&app, &mut echo);
        assert!(drew, "key {n} ({code:?}) was echoed");
        let echoed = echo.shown().clone();
        whole_frame(&mut terminal, &mut app, &mut echo);
        let rect = echoed.area;
        // (The frame's own cells, which the echo keeps: the test backend's buffer keeps
        // what a wide character covered as no terminal shows it.)
        assert_eq!(echo.shown().area, rect, "the field stayed in place");
        let (echoed, drawn) = (seen(&echoed, rect), seen(echo.shown(), rect));
        for (row, (echoed, drawn)) in echoed.iter().zip(&drawn).enumerate() {
            assert_eq!(echoed, drawn, "after key {n} ({code:?}), row {row}");
        }
    }
}
