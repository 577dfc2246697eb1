//! Text fields on ratatui-textarea, with the terminal cursor placed at the caret so that an
//! input method (Japanese IME) composes where the text will go.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

use crate::i18n::keys::KeyTexts;
use crate::tui::keymap::{Binding, Entry, Key, Table, entries, lookup, undo_redo};

/// A screen's name for the text field that has the caret: the field's kind and its place
/// among the screen's fields of that kind (the second field of a form, the answer to the
/// selected question). The echo shows keys at once only in the field the last whole frame
/// drew with the caret (`tui::echo`), and tells it by this name: a key that moves the caret
/// to another field (↓ in the new session's form) changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldId {
    kind: &'static str,
    index: usize,
}

impl FieldId {
    pub const fn new(kind: &'static str, index: usize) -> FieldId {
        FieldId { kind, index }
    }
}

/// Where a whole frame drew the text of the field with the caret (inside its block): the
/// screens fill it as they draw (`DrawContext::caret`), the echo draws there.
#[derive(Debug, Default)]
pub struct CaretSlot(Cell<Option<Rect>>);

impl CaretSlot {
    /// Where the field with the caret was drawn; None when none was (no field has the
    /// caret, or the screen left it out of view).
    pub fn rect(&self) -> Option<Rect> {
        self.0.get()
    }
}

/// The field with the caret in a whole frame: which, and where its text went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    pub field: FieldId,
    pub rect: Rect,
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

/// What every text field does with the same keys, whichever screen it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldCommand {
    Undo,
    Redo,
    /// Empty the field in one step that undo takes back: text typed into the wrong field
    /// goes without a hundred Backspaces.
    Clear,
}

const FIELD_KEYS: Table<FieldCommand> = &[
    undo_redo!(FieldCommand::Undo, FieldCommand::Redo),
    Binding::new("Ctrl+L", None, &[(Key::ctrl('l'), FieldCommand::Clear)]),
];

/// The keys of every text field, for the help of a screen being typed in.
pub(crate) fn entries_of_fields(keys: &'static KeyTexts) -> Vec<Entry> {
    entries(FIELD_KEYS, |command| match command {
        FieldCommand::Undo | FieldCommand::Redo => &keys.app.undo,
        FieldCommand::Clear => &keys.app.clear_field,
    })
}

/// A key typed into a field: the shared field keys first, then the text area's own.
/// Whether the text changed.
pub fn input(area: &mut TextArea<'static>, key: KeyEvent) -> bool {
    match lookup(FIELD_KEYS, &key) {
        Some(FieldCommand::Undo) => area.undo(),
        Some(FieldCommand::Redo) => area.redo(),
        // One edit: undo brings the text back whole.
        Some(FieldCommand::Clear) => area.clear(),
        None => area.input(key),
    }
}

/// Draw a field in `rect` inside `block`. `caret` is the frame's slot when this field has
/// the caret: the caret shows, the terminal cursor is moved onto it, and the slot records
/// where the text went. Otherwise (None) the field is drawn without a caret.
pub fn draw(
    frame: &mut Frame,
    rect: Rect,
    area: &mut TextArea<'static>,
    block: Block<'static>,
    caret: Option<&CaretSlot>,
) {
    // The block is drawn here, not by the field, so that the echo draws the text alone.
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let style = if caret.is_some() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    area.set_cursor_style(style);
    frame.render_widget(&*area, inner);
    if let Some(slot) = caret {
        slot.0.set(Some(inner));
        if let Some(position) = cursor_position(inner, area) {
            frame.set_cursor_position(position);
        }
    }
}

/// The caret's place on screen, when it is inside the field's `inner` area.
pub(crate) fn cursor_position(inner: Rect, area: &TextArea<'static>) -> Option<Position> {
    let screen = area.screen_cursor();
    let (top_row, top_col) = area.scroll_offset();
    let row = (screen.row as u16).saturating_sub(top_row);
    let col = (screen.col as u16).saturating_sub(top_col);
    (row < inner.height && col < inner.width).then(|| Position::new(inner.x + col, inner.y + row))
}
