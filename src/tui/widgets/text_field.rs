//! Text fields on ratatui-textarea, with the terminal cursor placed at the caret so that an
//! input method (Japanese IME) composes where the text will go.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

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
    let inner = block.inner(rect);
    area.set_block(block);
    let caret = if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    area.set_cursor_style(caret);
    frame.render_widget(&*area, rect);
    if focused && inner.width > 0 && inner.height > 0 {
        let screen = area.screen_cursor();
        let (top_row, top_col) = area.scroll_offset();
        let row = (screen.row as u16).saturating_sub(top_row);
        let col = (screen.col as u16).saturating_sub(top_col);
        if row < inner.height && col < inner.width {
            frame.set_cursor_position(Position::new(inner.x + col, inner.y + row));
        }
    }
}
