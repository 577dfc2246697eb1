use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, line_ranges};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

/// What a line's layout depends on besides its text: when any of it changes, every line is
/// laid out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LayoutKey {
    wrap: Option<(WrapMode, usize)>,
    tab_len: u8,
    mask: Option<char>,
}

/// One data line laid out: its screen lines (with `wrapped.row` 0, set when used) and the
/// text they were made for.
#[derive(Debug, Clone)]
struct LineLayout {
    text: String,
    rows: Vec<ScreenLine>,
    pure_ascii: bool,
}

/// sonote's patch: the layout of every line, kept between loads. An edit changes one line or
/// a few next to each other, so a load lays out only the lines that differ from the last
/// load's (the run between the common first and the common last lines) and keeps the rest.
/// Before, every load wrapped the whole text: 1 ms a key in a 25 KB note.
#[derive(Debug, Clone, Default)]
pub(crate) struct LayoutCache {
    key: Option<LayoutKey>,
    lines: Vec<LineLayout>,
}

impl TextArea<'_> {
    fn layout_key(&self) -> LayoutKey {
        let wrap = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            (width > 0).then(|| {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                (
                    self.wrap_mode(),
                    effective_wrap_width(width, line_number_len),
                )
            })
        } else {
            None
        };
        LayoutKey {
            wrap,
            tab_len: self.tab_length(),
            mask: self.mask_char(),
        }
    }

    /// One line's screen lines, as the whole-text load made them.
    fn layout_line(line: &str, key: LayoutKey) -> LineLayout {
        let ranges = match key.wrap {
            Some((mode, width)) => line_ranges(line, mode, width, key.tab_len, key.mask),
            None => vec![(0, line.len())],
        };
        let mut rows = Vec::with_capacity(ranges.len());
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let fragment = &line[start_byte..end_byte];
            let char_count = fragment.chars().count();
            let wrapped = WrappedLine {
                row: 0,
                start_byte,
                end_byte,
                start_col,
                end_col: start_col + char_count,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
            };
            start_col += char_count;
            let screen_width = display_width(fragment, key.tab_len, key.mask);
            let cursor_max_col = if wrapped.last_in_row {
                screen_width
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    key.tab_len,
                    key.mask,
                )
            };
            rows.push(ScreenLine {
                wrapped,
                screen_width,
                cursor_max_col,
            });
        }
        LineLayout {
            text: line.to_string(),
            rows,
            pure_ascii: is_pure_ascii(line),
        }
    }

    pub(crate) fn screen_map_load(&self) {
        let key = self.layout_key();
        let mut cache = self.layout_cache.borrow_mut();
        if cache.key != Some(key) {
            cache.key = Some(key);
            cache.lines.clear();
        }

        // The lines the last load laid out that are still the same at the start and at the
        // end: only the run between them is laid out again.
        let old = std::mem::take(&mut cache.lines);
        let same = |a: &LineLayout, b: &String| a.text == *b;
        let shorter = old.len().min(self.lines.len());
        let head = old
            .iter()
            .zip(&self.lines)
            .take_while(|(a, b)| same(a, b))
            .count();
        let tail = old[head..]
            .iter()
            .rev()
            .zip(self.lines[head..].iter().rev())
            .take(shorter - head)
            .take_while(|(a, b)| same(a, b))
            .count();
        let mut old = old.into_iter();
        let mut lines = Vec::with_capacity(self.lines.len());
        lines.extend(old.by_ref().take(head));
        let changed = &self.lines[head..self.lines.len() - tail];
        lines.extend(changed.iter().map(|line| Self::layout_line(line, key)));
        let dropped = old.len() - tail;
        lines.extend(old.skip(dropped));
        debug_assert_eq!(lines.len(), self.lines.len());

        let count = lines.iter().map(|line| line.rows.len()).sum();
        let mut screen_lines = Vec::with_capacity(count);
        let mut data_pointers = Vec::with_capacity(lines.len());
        for (row, line) in lines.iter().enumerate() {
            data_pointers.push(DataLine {
                first_screen_line: screen_lines.len(),
                screen_line_count: line.rows.len(),
                pure_ascii: line.pure_ascii,
            });
            screen_lines.extend(line.rows.iter().map(|screen| {
                let mut screen = *screen;
                screen.wrapped.row = row;
                screen
            }));
        }
        cache.lines = lines;

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    /// The layout 0.9.4 made, from the whole text at once.
    fn whole_layout(textarea: &TextArea<'_>) -> (Vec<ScreenLine>, Vec<DataLine>) {
        let key = textarea.layout_key();
        let rows = match key.wrap {
            Some((mode, width)) => {
                crate::wrap::wrapped_rows(&textarea.lines, mode, width, key.tab_len, key.mask)
            }
            None => textarea
                .lines
                .iter()
                .enumerate()
                .map(|(row, line)| WrappedLine {
                    row,
                    start_byte: 0,
                    end_byte: line.len(),
                    start_col: 0,
                    end_col: line.chars().count(),
                    first_in_row: true,
                    last_in_row: true,
                })
                .collect(),
        };
        let mut screen_lines = Vec::new();
        let mut data_pointers = vec![DataLine::default(); textarea.lines.len()];
        for (screen_idx, wrapped) in rows.into_iter().enumerate() {
            let pointer = &mut data_pointers[wrapped.row];
            if pointer.screen_line_count == 0 {
                pointer.first_screen_line = screen_idx;
                pointer.pure_ascii = is_pure_ascii(&textarea.lines[wrapped.row]);
            }
            pointer.screen_line_count += 1;
            let fragment = &textarea.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, key.tab_len, key.mask)
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    key.tab_len,
                    key.mask,
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width: display_width(fragment, key.tab_len, key.mask),
                cursor_max_col,
            });
        }
        (screen_lines, data_pointers)
    }

    /// sonote's patch: after every edit of a long random run (typing, deleting, joining and
    /// splitting lines, pasting several lines, resizing), the kept layout is the one the whole
    /// text gives, in every wrap mode.
    #[test]
    fn incremental_layout_is_the_whole_texts_layout() {
        use crate::input::{Input, Key};
        let pieces = [
            "a",
            "word ",
            "ことば",
            "、",
            "。",
            "漢字かな交じり文",
            "ｶﾞ",
            "한국어",
            "🙂",
            "\t",
            "long-unbroken-token-without-spaces-at-all",
            " ",
        ];
        let mut seed: u64 = 0x5eed_2026;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for mode in [
            WrapMode::None,
            WrapMode::Word,
            WrapMode::Glyph,
            WrapMode::WordOrGlyph,
        ] {
            let mut textarea = make_textarea(&["first line", "", "third 行"], mode, 17);
            for step in 0..1500 {
                match next(12) {
                    0..=4 => {
                        textarea.insert_str(pieces[next(pieces.len())]);
                    }
                    5 => {
                        textarea.insert_newline();
                    }
                    6 => {
                        textarea.delete_char();
                    }
                    7 => {
                        textarea.delete_next_char();
                    }
                    8 => {
                        textarea.insert_str("pasted\nover\nthree 行");
                    }
                    9 => {
                        let key = [
                            Key::Up,
                            Key::Down,
                            Key::Left,
                            Key::Right,
                            Key::Home,
                            Key::End,
                        ][next(6)];
                        textarea.input(Input {
                            key,
                            ..Input::default()
                        });
                    }
                    10 => {
                        textarea.undo();
                    }
                    _ => {
                        let width = 1 + next(40) as u16;
                        textarea.area.set(Rect {
                            x: 0,
                            y: 0,
                            width,
                            height: 40,
                        });
                        textarea.screen_map_load();
                    }
                }
                let kept = (
                    textarea.screen_lines.borrow().clone(),
                    textarea.data_pointers.borrow().clone(),
                );
                assert_eq!(kept, whole_layout(&textarea), "{mode:?}, step {step}");
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
