//! Drawing again only the rows that changed (sonote's patch, PATCHED.md).
//!
//! A key typed into a long text changes one or two rows of what shows. Each draw keeps a
//! fingerprint of every row of the viewport: a hash of everything the row's cells are made
//! of. `render_changes` works the viewport out as a draw does, compares the fingerprints, and
//! draws only the rows between the first and the last that differ, each over blank cells.
//! In a buffer that holds the last draw, the result is the whole draw's, cell for cell
//! (`redraw_is_the_whole_draw` checks it after random edits, moves and scrolls).

use crate::textarea::TextArea;
use crate::util::num_digits;
use crate::widget::View;
use ratatui_core::buffer::Buffer;
use ratatui_core::layout::Rect;
use ratatui_core::widgets::Widget;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

/// What the last draw showed, row by row.
#[derive(Clone, Debug, Default)]
pub(crate) struct DrawnRows {
    /// Where the text was drawn (inside the block).
    area: Rect,
    /// One fingerprint a row of the viewport; empty when the draw cannot be compared
    /// (the placeholder showed).
    rows: Vec<u64>,
}

/// The fingerprint of a row below the end of the text, which a draw leaves as it was.
const BLANK_ROW: u64 = 0;

impl TextArea<'_> {
    /// Keep the fingerprints of what a draw in `view` showed.
    pub(crate) fn remember_rows(&self, view: &View) {
        let rows = if view.placeholder {
            Vec::new()
        } else {
            self.row_prints(view)
        };
        *self.drawn_rows.borrow_mut() = DrawnRows {
            area: view.text_area,
            rows,
        };
    }

    /// Everything a row's cells depend on, hashed, for each row of the viewport: the text's
    /// fragment and where it sits in its line, the cursor when it is on that line, and what
    /// all rows share (styles, selection, scroll, width, the line numbers' width).
    fn row_prints(&self, view: &View) -> Vec<u64> {
        let mut shared = DefaultHasher::new();
        (
            self.style(),
            self.cursor_style,
            self.cursor_line_style(),
            self.line_number_style(),
            self.select_style,
            self.tab_length(),
            self.mask_char(),
            self.alignment(),
        )
            .hash(&mut shared);
        (
            view.top_col,
            view.text_area.width,
            num_digits(self.lines().len()),
            self.selection_range(),
        )
            .hash(&mut shared);
        #[cfg(feature = "search")]
        self.search_pattern().map(|p| p.as_str()).hash(&mut shared);
        let shared = shared.finish();

        let cursor = self.cursor();
        let selecting = self.selection_range().is_some();
        let screen_lines = self.screen_lines.borrow();
        (0..usize::from(view.text_area.height))
            .map(|i| {
                let Some(screen) = screen_lines.get(usize::from(view.top_row) + i) else {
                    return BLANK_ROW;
                };
                let w = &screen.wrapped;
                let line = &self.lines()[w.row];
                let mut row = DefaultHasher::new();
                shared.hash(&mut row);
                // The line number shows on a line's first row.
                (w.row, w.first_in_row).hash(&mut row);
                line[w.start_byte..w.end_byte].hash(&mut row);
                if w.row == cursor.0 {
                    // The cursor's line has its style, and the cursor shows in one fragment.
                    let col = cursor.1;
                    let past_start = w.start_col <= col;
                    let in_segment = if w.last_in_row {
                        past_start && col <= w.end_col
                    } else {
                        past_start && col < w.end_col
                    };
                    (true, in_segment.then(|| col - w.start_col)).hash(&mut row);
                }
                // A selection, or a match, is cut to the fragment by byte offsets in the line.
                #[cfg(feature = "search")]
                let searching = self.search_pattern().is_some();
                #[cfg(not(feature = "search"))]
                let searching = false;
                if selecting || searching {
                    (w.start_byte, w.end_byte, w.last_in_row).hash(&mut row);
                }
                if searching {
                    line.hash(&mut row);
                }
                row.finish().max(1)
            })
            .collect()
    }

    /// Draw in `buf` what changed since this text area was last drawn in `area` (by a
    /// render or by this), as a whole render would draw it, and return the rows drawn,
    /// counted from the top of the text's area (inside the block). Those rows are blanked
    /// first; the others are left as they are, and hold what the last draw put there. When
    /// the last draw was elsewhere, or showed the placeholder, or there is a block, this is
    /// a whole render and every row is returned.
    pub fn render_changes(&self, area: Rect, buf: &mut Buffer) -> Range<u16> {
        let view = self.view(area);
        let drawn = std::mem::take(&mut *self.drawn_rows.borrow_mut());
        let rows = if view.placeholder {
            Vec::new()
        } else {
            self.row_prints(&view)
        };
        let comparable = self.block().is_none()
            && drawn.area == view.text_area
            && !drawn.rows.is_empty()
            && drawn.rows.len() == rows.len();
        let changed = if comparable {
            let differs = |(old, new): (&u64, &u64)| old != new;
            let pairs = || drawn.rows.iter().zip(&rows);
            match pairs().position(differs) {
                None => 0..0,
                Some(first) => {
                    let last = rows.len() - pairs().rev().position(differs).unwrap_or(0);
                    first as u16..last as u16
                }
            }
        } else {
            0..view.text_area.height
        };
        *self.drawn_rows.borrow_mut() = DrawnRows {
            area: view.text_area,
            rows,
        };

        if !comparable {
            if let Some(block) = self.block() {
                block.render(area, buf);
            }
        }
        let target = Rect {
            y: view.text_area.y + changed.start,
            height: changed.end - changed.start,
            ..view.text_area
        }
        .intersection(buf.area);
        for y in target.top()..target.bottom() {
            for x in target.left()..target.right() {
                buf[(x, y)].reset();
            }
        }
        self.text_paragraph(&view, changed.clone())
            .render(target, buf);
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CursorMove, WrapMode};
    use ratatui_core::style::{Color, Style};

    /// A small random number generator (xorshift), so that the test needs no crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "a",
        "b",
        " ",
        "word ",
        "あ",
        "漢字",
        "ｶﾞ",
        "ﾞ",
        "한",
        "🙂",
        "\t",
        "e\u{301}",
        "x\u{7}",
        "長い日本語の文章です。",
        "longer words here ",
    ];

    fn whole_draw(textarea: &TextArea<'_>, area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        textarea.render(area, &mut buf);
        buf
    }

    #[test]
    fn redraw_is_the_whole_draw() {
        for mode in [
            WrapMode::None,
            WrapMode::Word,
            WrapMode::Glyph,
            WrapMode::WordOrGlyph,
        ] {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ mode as u64);
            let area = Rect::new(3, 2, 17, 6);
            let mut textarea = TextArea::new(vec!["first line".into(), "second".into()]);
            textarea.set_wrap_mode(mode);
            textarea.set_cursor_line_style(Style::new().fg(Color::Yellow));
            let mut shown = whole_draw(&textarea, area);
            for step in 0..2_000 {
                match rng.below(12) {
                    0..=4 => textarea.insert_str(PIECES[rng.below(PIECES.len())]),
                    5 => textarea.delete_char(),
                    6 => textarea.delete_next_char(),
                    7 => {
                        textarea.insert_newline();
                        true
                    }
                    8 => {
                        let moves = [
                            CursorMove::Up,
                            CursorMove::Down,
                            CursorMove::Back,
                            CursorMove::Forward,
                            CursorMove::Head,
                            CursorMove::End,
                            CursorMove::Top,
                            CursorMove::Bottom,
                        ];
                        textarea.move_cursor(moves[rng.below(moves.len())]);
                        true
                    }
                    9 => {
                        if textarea.is_selecting() {
                            textarea.cancel_selection();
                        } else {
                            textarea.start_selection();
                        }
                        true
                    }
                    10 if rng.below(20) == 0 => {
                        textarea.set_line_number_style(Style::new().fg(Color::DarkGray));
                        true
                    }
                    10 => textarea.undo(),
                    _ => {
                        // Another draw elsewhere, as when the screen was resized.
                        if rng.below(30) == 0 {
                            shown = whole_draw(&textarea, Rect::new(0, 0, 11, 4));
                            shown.resize(area);
                            shown.reset();
                        }
                        true
                    }
                };
                let rows = textarea.render_changes(area, &mut shown);
                let expected = whole_draw(&textarea, area);
                assert_eq!(shown, expected, "{mode:?}, step {step}, rows {rows:?}");
            }
        }
    }

    #[test]
    fn a_typed_character_redraws_its_rows_only() {
        let area = Rect::new(0, 0, 20, 10);
        let lines = (0..30)
            .map(|i| format!("line {i} with some words"))
            .collect();
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(CursorMove::Jump(2, 0));
        let mut shown = whole_draw(&textarea, area);
        textarea.insert_char('x');
        let rows = textarea.render_changes(area, &mut shown);
        assert_eq!(shown, whole_draw(&textarea, area));
        // Line 2 wraps onto rows 4 and 5; the typed character changes row 4 alone.
        assert_eq!(rows, 4..5);
        // Nothing changed: nothing drawn.
        assert_eq!(textarea.render_changes(area, &mut shown), 0..0);
    }
}
