//! Wrapping by display width for Japanese and English alike.
//!
//! Japanese has no spaces between words, so a word wrapper treats a whole sentence as one
//! word; this breaks anywhere in CJK text and at spaces in Latin text.

use unicode_width::UnicodeWidthChar;

const NO_LINE_START: &str =
    "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョ)]},.;:!?%";

/// Split `text` into lines of at most `width` columns. Explicit line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            if line_width + w > width {
                // Kinsoku: closing punctuation never starts a line; take a character along.
                let carried = if NO_LINE_START.contains(c) && line.chars().count() > 1 {
                    line.pop()
                } else {
                    None
                };
                let (head, mut tail) = split_at_last_space(&line);
                tail.extend(carried);
                lines.push(head);
                line = tail;
                line_width = display_width(&line);
                if c == ' ' && line.is_empty() {
                    continue;
                }
            }
            line.push(c);
            line_width += w;
        }
        lines.push(line);
    }
    lines
}

/// Break a Latin line at its last space, if that space is not too far back.
fn split_at_last_space(line: &str) -> (String, String) {
    match line.rfind(' ') {
        Some(at) if at > 0 && line.len() - at < 20 && line[at..].is_ascii() => {
            (line[..at].to_string(), line[at + 1..].to_string())
        }
        _ => (line.to_string(), String::new()),
    }
}

pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_breaks_anywhere_within_the_width() {
        let lines = wrap("緩和ケアは今の段階から受けてもよいのでしょうか。", 10);
        assert!(lines.iter().all(|l| display_width(l) <= 10), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "緩和ケアは今の段階から受けてもよいのでしょうか。"
        );
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            wrap("Can I start palliative care", 12),
            ["Can I start", "palliative", "care"]
        );
    }

    #[test]
    fn a_wide_char_never_straddles_the_edge() {
        let lines = wrap("aあいう", 4);
        assert_eq!(lines, ["aあ", "いう"]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_line() {
        assert_eq!(wrap("あいうえ。", 4), ["あい", "う", "え。"]);
    }

    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(wrap("一\n二", 10), ["一", "二"]);
    }
}
