//! Text fields on ratatui-textarea, with the terminal cursor placed at the caret so that an
//! input method (Japanese IME) composes where the text will go.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Widget};
use ratatui_textarea::{TextArea, WrapMode};

thread_local! {
    /// The field that had the caret in the frame last drawn (by address) and where it was
    /// drawn: a key typed into that same field is shown by drawing it alone, before the
    /// whole frame (`tui::echo`).
    static FOCUSED: Cell<Option<(usize, Rect)>> = const { Cell::new(None) };
}

/// A multi-line field that wraps long lines (answers and notes are prose).
pub fn multi_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// A one-line field (names, ids).
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

pub fn text_of(area: &TextArea) -> String {
    area.lines().join("\n")
}

/// Draw a field in `rect` inside `block`. When `focused`, the caret shows and the terminal
/// cursor is moved onto it; otherwise the field is drawn without a caret.
pub fn draw(
    frame: &mut Frame,
    rect: Rect,
    area: &mut TextArea<'static>,
    block: Block<'static>,
    focused: bool,
) {
    // The block is drawn here, not by the field, so that the echo draws the text alone.
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let caret = if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    area.set_cursor_style(caret);
    frame.render_widget(&*area, inner);
    if focused {
        FOCUSED.set(Some((address(area), inner)));
        if let Some(position) = cursor_position(inner, area) {
            frame.set_cursor_position(position);
        }
    }
}

/// Where the last frame drew the text of the field that had the caret (inside its block).
pub fn focused_rect() -> Option<Rect> {
    FOCUSED.get().map(|(_, rect)| rect)
}

/// Draw the field's text into `buffer` at the place the last frame had it, as `draw` did
/// (the field keeps its caret style), and say where the terminal cursor goes. None, drawing
/// nothing, when the last frame did not have this field focused. The buffer may cover only
/// the top of the field: the text is laid out for the whole of it all the same.
pub fn redraw_focused(buffer: &mut Buffer, area: &TextArea<'static>) -> Option<Option<Position>> {
    let (drawn, rect) = FOCUSED.get()?;
    if drawn != address(area) {
        return None;
    }
    area.render(rect, buffer);
    Some(cursor_position(rect, area))
}

/// Forget the focused field: called before each whole frame, which records it again.
pub fn forget_focused() {
    FOCUSED.set(None);
}

/// The field's identity while it lives: a key that replaces the field (a new form) gives
/// another one.
pub fn address(area: &TextArea<'static>) -> usize {
    std::ptr::from_ref(area) as usize
}

/// The caret's place on screen, when it is inside the field's `inner` area.
fn cursor_position(inner: Rect, area: &TextArea<'static>) -> Option<Position> {
    let screen = area.screen_cursor();
    let (top_row, top_col) = area.scroll_offset();
    let row = (screen.row as u16).saturating_sub(top_row);
    let col = (screen.col as u16).saturating_sub(top_col);
    (row < inner.height && col < inner.width).then(|| Position::new(inner.x + col, inner.y + row))
}
