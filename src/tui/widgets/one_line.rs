//! A one-line value in a fixed number of columns: cut with "…" where it does not fit, and,
//! while it is typed into, scrolled so that the caret stays in view.

use unicode_width::UnicodeWidthChar;

const ELLIPSIS: char = '…';

/// What to draw of a one-line value in `width` columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub text: String,
    /// The caret's column inside the window, when a caret was given.
    pub caret: Option<usize>,
}

/// `text` in `width` columns. With a caret (a char index), the window starts as far left as
/// keeps the caret's cell in view; a "…" stands for whatever is cut on either side.
pub fn window(text: &str, caret: Option<usize>, width: usize) -> Window {
    let chars: Vec<(char, usize)> = text.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    // starts[i]: the columns taken by chars[..i].
    let mut starts = Vec::with_capacity(chars.len() + 1);
    starts.push(0usize);
    for (_, w) in &chars {
        starts.push(starts.last().copied().unwrap_or(0) + w);
    }
    let total = starts.last().copied().unwrap_or(0);
    let caret = caret.map(|at| at.min(chars.len()));
    // The caret needs its own cell at the end of the text.
    let needed = total + usize::from(caret == Some(chars.len()));
    if needed <= width {
        return Window {
            text: text.to_string(),
            caret: caret.map(|at| starts[at]),
        };
    }
    if width == 0 {
        return Window {
            text: String::new(),
            caret: caret.map(|_| 0),
        };
    }
    let first = match caret {
        None => 0,
        Some(at) => {
            let caret_cell = chars.get(at).map_or(1, |(_, w)| (*w).max(1));
            (0..=at)
                .find(|&start| {
                    let left = usize::from(start > 0);
                    let caret_col = left + starts[at] - starts[start];
                    let rest_fits =
                        caret_col + (total - starts[at]) + usize::from(at == chars.len()) <= width;
                    let right = usize::from(!rest_fits);
                    caret_col + caret_cell + right <= width
                })
                .unwrap_or(at)
        }
    };
    let mut out = String::new();
    let mut used = 0;
    if first > 0 {
        out.push(ELLIPSIS);
        used += 1;
    }
    let mut end = first;
    let rest_fits = |from: usize, used: usize| used + (total - starts[from]) <= width;
    while end < chars.len() {
        let (c, w) = chars[end];
        // Keep a column for the closing "…" unless everything left fits.
        let room = if rest_fits(end, used) {
            width
        } else {
            width - 1
        };
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
        end += 1;
    }
    if end < chars.len() && used < width {
        out.push(ELLIPSIS);
    }
    Window {
        text: out,
        caret: caret.map(|at| usize::from(first > 0) + starts[at] - starts[first]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::wrap::display_width;

    #[test]
    fn a_value_that_fits_is_left_as_it_is() {
        assert_eq!(window("佐藤 一郎", None, 20).text, "佐藤 一郎");
        assert_eq!(window("abc", Some(3), 4).caret, Some(3));
    }

    #[test]
    fn a_cut_value_ends_with_an_ellipsis() {
        let shown = window("東京都千代田区丸の内一丁目", None, 10);
        assert_eq!(shown.text, "東京都千…");
        assert!(display_width(&shown.text) <= 10);
    }

    #[test]
    fn typing_at_the_end_keeps_the_caret_in_view() {
        let text = "東京都千代田区丸の内一丁目";
        let shown = window(text, Some(text.chars().count()), 10);
        assert!(shown.text.starts_with('…'), "{}", shown.text);
        assert!(shown.text.ends_with("一丁目"), "{}", shown.text);
        let caret = shown.caret.unwrap();
        assert_eq!(caret, display_width(&shown.text));
        assert!(caret < 10);
    }

    /// For every text, width and caret: the window fits, the caret's cell is inside it,
    /// and the characters around the caret are the text's own.
    #[test]
    fn the_window_always_fits_and_shows_the_caret() {
        let texts = [
            "",
            "a",
            "abcdefghij",
            "あいうえおかきくけこ",
            "aあbいcうdえeお",
            "🙂x🙂",
        ];
        for text in texts {
            let n = text.chars().count();
            for width in 0..14 {
                for caret in 0..=n {
                    let shown = window(text, Some(caret), width);
                    let cols = display_width(&shown.text);
                    assert!(
                        cols <= width,
                        "{text:?} w{width} c{caret}: {:?}",
                        shown.text
                    );
                    let col = shown.caret.unwrap();
                    if width >= 4 {
                        let cell = text
                            .chars()
                            .nth(caret)
                            .map_or(1, |c| c.width().unwrap_or(0).max(1));
                        assert!(col + cell <= width, "{text:?} w{width} c{caret}: col {col}");
                        // The character just before the caret is drawn just before it
                        // (or the text is cut there).
                        if let Some(c) = text.chars().take(caret).last() {
                            let mut used = 0;
                            let upto: String = shown
                                .text
                                .chars()
                                .take_while(|ch| {
                                    used += ch.width().unwrap_or(0);
                                    used <= col
                                })
                                .collect();
                            assert!(
                                upto.ends_with(c) || upto.ends_with(ELLIPSIS),
                                "{text:?} w{width} c{caret}: {upto:?}"
                            );
                        }
                    }
                    let plain = window(text, None, width);
                    assert!(display_width(&plain.text) <= width);
                }
            }
        }
    }
}
