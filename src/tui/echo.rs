//! Showing a typed character at once. A whole frame draws everything on screen (the
//! question list, the clock, the other answers) and compares every cell with the last
//! frame: most of a millisecond on a large session. A key typed into a text field changes
//! that field alone, so the event loop first draws the field by itself, where the last
//! frame had it, and sends the cells that changed; then it draws the whole frame as always,
//! which brings anything else the key changed (BENCHMARKS.md, "keystroke to screen"). Of the
//! field, only the rows the key changed are drawn: the text area keeps a fingerprint of each
//! row it drew (`TextArea::render_changes`, vendor/ratatui-textarea/PATCHED.md).
//!
//! The echo writes to the terminal behind ratatui's back, so ratatui's idea of the screen
//! is out of date in the cells it sent: the next whole frame marks exactly those cells to
//! be sent again (`CellDiffOption::AlwaysUpdate`, made for another renderer drawing over
//! the same area), so the screen ends up exactly as if there had been no echo. A field that
//! moved or grew with the key is wrong for the moment between the two frames at most.
//!
//! Which field, and where: the whole frame says where it drew the text of the field with
//! the caret (`text_field::CaretSlot`, which the screens fill as they draw) and the app names
//! that field (`text_field::FieldId`); the echo draws a field only when the app names it the
//! same after the keys, in that place. Nothing else is shared with the drawing.

use std::io::{self, Write};

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::TextArea;

use super::widgets::text_field::{self, Caret, FieldId};

#[derive(Default)]
pub struct Echo {
    /// The field with the caret in the last whole frame, and where its text was drawn.
    caret: Option<Caret>,
    /// What is on screen where the focused field is: the last whole frame's cells there,
    /// then each echo's.
    shown: Buffer,
    /// The echo draws here (the rows a key changed), a buffer kept so that no key
    /// allocates one.
    drawn: Buffer,
    /// Cells an echo sent since the last whole frame, which sends them again, and whether
    /// what the echo sent there was a wide character (which covers the next column too).
    sent: Vec<(Position, bool)>,
}

/// Whether the event only edits text or moves within it, which a focused field takes.
/// (Enter, Tab and Esc may submit a form or move to another: not these.)
pub fn edits_text(event: &Event) -> bool {
    match event {
        Event::Paste(_) => true,
        Event::Key(key) if key.kind != KeyEventKind::Release => match key.code {
            KeyCode::Char(_) => (key.modifiers - KeyModifiers::SHIFT).is_empty(),
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::Home
            | KeyCode::End => key.modifiers.is_empty(),
            _ => false,
        },
        _ => false,
    }
}

impl Echo {
    /// In a whole frame, after the view is drawn: send again what the echoes sent.
    pub fn resend(&mut self, buffer: &mut Buffer) {
        for (position, wide) in self.sent.drain(..) {
            let Some(cell) = buffer.cell_mut(position) else {
                continue;
            };
            cell.set_diff_option(CellDiffOption::AlwaysUpdate);
            // The column an echoed wide character covered: sent again when this frame puts
            // a narrow one in its place. (Never the second half of a wide one: writing
            // there would erase it.)
            if wide && cell.cell_width() < 2 {
                let next = Position::new(position.x + 1, position.y);
                if let Some(cell) = buffer.cell_mut(next) {
                    cell.set_diff_option(CellDiffOption::AlwaysUpdate);
                }
            }
        }
    }

    /// After a whole frame: keep which field had the caret in it, and the frame's cells
    /// where that field's text is.
    pub fn keep(&mut self, frame: &Buffer, caret: Option<Caret>) {
        self.caret = caret;
        let rect = caret
            .map(|caret| caret.rect.intersection(frame.area))
            .unwrap_or_default();
        if self.shown.area != rect {
            self.shown.resize(rect);
        }
        for y in rect.top()..rect.bottom() {
            for x in rect.left()..rect.right() {
                if let (Some(from), Some(to)) = (frame.cell((x, y)), self.shown.cell_mut((x, y))) {
                    to.clone_from(from);
                    to.set_diff_option(CellDiffOption::None);
                }
            }
        }
    }

    /// What the echo takes to be on screen where the field with the caret is.
    pub fn shown(&self) -> &Buffer {
        &self.shown
    }

    /// Show the field with the caret, `id`, as the last key left it, if the last whole frame
    /// had the caret in this field; true when it did. What changed and the cursor go to
    /// `out` in one write, so that the terminal shows the key and the caret at once.
    pub fn draw(
        &mut self,
        out: &mut impl Write,
        id: FieldId,
        field: &TextArea<'static>,
    ) -> io::Result<bool> {
        let Some(caret) = self.caret.filter(|caret| caret.field == id) else {
            return Ok(false);
        };
        // (A field not wholly inside the frame is left to the whole frame.)
        let rect = self.shown.area;
        if rect.is_empty() || rect != caret.rect {
            return Ok(false);
        }
        if self.drawn.area != rect {
            self.drawn = Buffer::empty(rect);
        }
        // Only the rows the key changed are drawn (the field knows which from its last
        // draw, the whole frame's), and only their cells are compared.
        let rows = field.render_changes(rect, &mut self.drawn);
        let width = usize::from(rect.width);
        let cells = usize::from(rows.start) * width..usize::from(rows.end) * width;
        let area = Rect {
            y: rect.y + rows.start,
            height: rows.end - rows.start,
            ..rect
        };
        let before = Buffer {
            area,
            content: self.shown.content[cells.clone()].to_vec(),
        };
        let after = Buffer {
            area,
            content: self.drawn.content[cells.clone()].to_vec(),
        };
        let changes = before.diff(&after);
        self.sent.extend(
            changes
                .iter()
                .map(|&(x, y, cell)| (Position::new(x, y), cell.cell_width() > 1)),
        );
        let cursor = text_field::cursor_position(caret.rect, field);
        let mut bytes = Vec::with_capacity(256);
        let mut backend = CrosstermBackend::new(&mut bytes);
        backend.draw(changes.into_iter())?;
        match cursor {
            Some(position) => {
                backend.show_cursor()?;
                backend.set_cursor_position(position)?;
            }
            None => backend.hide_cursor()?,
        }
        out.write_all(&bytes)?;
        out.flush()?;
        self.shown.content[cells.clone()].clone_from_slice(&self.drawn.content[cells]);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEvent, KeyEventState};

    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn typing_and_moving_in_the_text_are_echoed() {
        for event in [
            key(KeyCode::Char('a'), KeyModifiers::NONE),
            key(KeyCode::Char('あ'), KeyModifiers::NONE),
            key(KeyCode::Char('A'), KeyModifiers::SHIFT),
            key(KeyCode::Backspace, KeyModifiers::NONE),
            key(KeyCode::Left, KeyModifiers::NONE),
            key(KeyCode::End, KeyModifiers::NONE),
            Event::Paste("貼り付け".into()),
        ] {
            assert!(edits_text(&event), "{event:?}");
        }
    }

    #[test]
    fn keys_that_may_leave_or_submit_the_field_are_not() {
        for event in [
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Tab, KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::F(2), KeyModifiers::NONE),
            key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            key(KeyCode::Left, KeyModifiers::ALT),
            Event::FocusGained,
        ] {
            assert!(!edits_text(&event), "{event:?}");
        }
        let mut release = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(!edits_text(&Event::Key(release)));
    }
}
