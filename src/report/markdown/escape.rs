//! Text made safe for CommonMark, escaping only what CommonMark would read as a mark where
//! the text lands, so the Markdown pasted as plain text still reads as typed.
//!
//! A mark depends on its place: `# `, `> `, `- `, `1. `, a fence (```` ``` ````, `~~~`) or
//! a rule (`---`) only at the start of a line, and some of them (`===` and `---` under a
//! line, which make it a heading; `2)`, which only starts a list at the start of a block)
//! only there; emphasis, code spans and links only when a partner is in the same paragraph
//! (see [`Pairs`]); `&`, `<` and `\` only before what makes them an entity, a tag or an
//! escape. A line's leading spaces and tabs go (four would make code, and a rendering drops
//! them anyway); a blank line stays a paragraph break.

/// What CommonMark takes for blank: spaces and tabs (not U+3000, a Japanese paragraph's
/// indent, which stays).
const BLANK: [char; 2] = [' ', '\t'];

/// Where a line of text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// At the start of a block: a paragraph, or a list item's first line.
    Block,
    /// On a paragraph's next line, after a hard line break.
    Continuation,
    /// Within a line, after other text.
    Inline,
}

/// What could pair up into a mark somewhere in one paragraph, all of whose texts are
/// given: emphasis needs two delimiter runs (`*a*`), a code span two backtick runs, a link a
/// `[` and a `](` (or `][`, or a definition's `]:`). Without a partner a lone `*`, `` ` ``
/// or `[` is text and stays as typed. (Backticks are escaped all or none: a backslash does
/// not stop a backtick from closing a code span.)
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pairs {
    star: bool,
    underscore: bool,
    code: bool,
    link: bool,
}

impl Pairs {
    /// The pairs in a paragraph of `texts`; `strong` when the writer wraps part of it in
    /// `**` itself, which one more `*` run could pair with.
    pub(super) fn of(texts: &[&str], strong: bool) -> Self {
        let (mut stars, mut underscores) = (usize::from(strong), 0);
        let mut ticks = 0;
        let mut link = (false, false);
        for line in texts.iter().flat_map(|text| text.split('\n')) {
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let end = run_end(&chars, i);
                match c {
                    '*' | '_' if can_open_or_close(&chars, i, end) => match c {
                        '*' => stars += 1,
                        _ => underscores += 1,
                    },
                    '`' => ticks += 1,
                    '[' => link.0 = true,
                    // At a text's end, what the writer puts next may follow (`: `).
                    ']' if matches!(chars.get(end), None | Some('(' | '[' | ':')) => link.1 = true,
                    _ => {}
                }
                i = end;
            }
        }
        Pairs {
            star: stars >= 2,
            underscore: underscores >= 2,
            code: ticks >= 2,
            link: link.0 && link.1,
        }
    }
}

/// `text` (lines split at `\n`) written into `out`, its first line starting `at`, the next
/// ones after a hard line break and `indent` (a list item's), a blank line ending the
/// paragraph.
pub(super) fn text(out: &mut String, text: &str, at: At, indent: &str, pairs: &Pairs) {
    let mut next = at;
    let mut first = true;
    let mut blank = false;
    for line in text.split('\n') {
        let line = line.trim_end_matches(BLANK);
        if line.trim_start_matches(BLANK).is_empty() {
            blank = !first;
            continue;
        }
        if !first {
            out.push_str(if blank { "\n\n" } else { "  \n" });
            out.push_str(indent);
            next = if blank { At::Block } else { At::Continuation };
        }
        self::line(out, line, next, pairs);
        first = false;
        blank = false;
    }
}

/// One line of text, its lines joined with spaces: a heading, a label.
pub(super) fn one_line(text: &str) -> String {
    text.split('\n')
        .map(|line| line.trim_matches(BLANK))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading's text: as a line at the start of a block, and a `#` at its end escaped, which
/// would be read as the heading's closing marks.
pub(super) fn heading(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 4);
    line(&mut out, &text, At::Inline, &Pairs::of(&[&text], false));
    let body = out.trim_end_matches('#');
    if body.len() < out.len() && (body.is_empty() || body.ends_with([' ', '\t'])) {
        out.insert(body.len(), '\\');
    }
    out
}

/// One line (no `\n`).
pub(super) fn line(out: &mut String, line: &str, at: At, pairs: &Pairs) {
    let line = line.trim_start_matches(BLANK);
    let chars: Vec<char> = line.chars().collect();
    let mark = match at {
        At::Inline => None,
        At::Block | At::Continuation => line_start_mark(&chars, at),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '*' | '_' | '`') {
            // A run is escaped whole or not at all: what is left of a run escaped in part
            // is a shorter run, which can pair.
            let end = run_end(&chars, i);
            let paired = match c {
                '*' => pairs.star && can_open_or_close(&chars, i, end),
                '_' => pairs.underscore && can_open_or_close(&chars, i, end),
                _ => pairs.code,
            };
            let escape = mark == Some(i) || paired;
            for &c in &chars[i..end] {
                if escape {
                    out.push('\\');
                }
                out.push(c);
            }
            i = end;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let escape = mark == Some(i)
            || match c {
                '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
                '&' => is_reference(&chars[i + 1..]),
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                '[' => pairs.link,
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

/// Where a line's first character is a block mark, the index of the character to escape:
/// `#` of a heading, `>` of a quote, a list's bullet or its number's `.` or `)`, the first
/// of a fence or of a rule, and `=` or `-` under a line (which would make it a heading).
fn line_start_mark(chars: &[char], at: At) -> Option<usize> {
    let first = *chars.first()?;
    let rest = &chars[1..];
    let spaced = |chars: &[char]| chars.first().is_none_or(|c| matches!(c, ' ' | '\t'));
    // Text after a list item's marker: an empty item does not interrupt a paragraph.
    let content = |chars: &[char]| chars.iter().any(|c| !BLANK.contains(c));
    let only = |c: char| chars.iter().all(|&x| x == c || x == ' ' || x == '\t');
    let count = |c: char| chars.iter().filter(|&&x| x == c).count();
    match first {
        '>' => Some(0),
        '#' => {
            let hashes = chars.iter().take_while(|&&c| c == '#').count();
            (hashes <= 6 && spaced(&chars[hashes..])).then_some(0)
        }
        '`' | '~' => (chars.iter().take_while(|&&c| c == first).count() >= 3).then_some(0),
        '=' => (at == At::Continuation && only('=')).then_some(0),
        '-' | '*' | '_' | '+' => {
            let rule = first != '+' && only(first) && count(first) >= 3;
            let underline = first == '-' && only('-') && at == At::Continuation;
            let bullet = first != '_' && spaced(rest) && (at == At::Block || content(rest));
            (rule || underline || bullet).then_some(0)
        }
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let after = &chars[digits..];
            let number =
                (digits <= 9 && matches!(after.first(), Some('.' | ')')) && spaced(&after[1..]))
                    .then_some(digits)?;
            // A paragraph's next line starts a list only at 1, and not an empty item.
            let interrupts =
                chars[..digits].iter().collect::<String>() == "1" && content(&after[1..]);
            (at == At::Block || interrupts).then_some(number)
        }
        _ => None,
    }
}

/// The end (exclusive) of the run of `chars[at]`.
fn run_end(chars: &[char], at: usize) -> usize {
    at + chars[at..].iter().take_while(|&&c| c == chars[at]).count()
}

/// Whether the delimiter run `chars[start..end]` of `*` or `_` may open or close emphasis.
/// Erring towards yes: a run is inert only between two spaces (or line ends), or, for `_`,
/// within a word (snake_case), where CommonMark's flanking rules hold whatever the
/// characters; elsewhere the rules turn on which characters count as punctuation (all of
/// Unicode's punctuation and symbols, emoji included), and an escape too many is harmless.
fn can_open_or_close(chars: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(end).copied();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let inert = space(before) && space(after) || chars[start] == '_' && word(before) && word(after);
    !inert
}

/// Whether `&` followed by `rest` is a character reference: `&name;`, `&#123;`, `&#x1F;`.
fn is_reference(rest: &[char]) -> bool {
    let Some(semicolon) = rest.iter().take(33).position(|&c| c == ';') else {
        return false;
    };
    let name = &rest[..semicolon];
    match name {
        ['#', 'x' | 'X', hex @ ..] => {
            (1..=6).contains(&hex.len()) && hex.iter().all(char::is_ascii_hexdigit)
        }
        ['#', digits @ ..] => {
            (1..=7).contains(&digits.len()) && digits.iter().all(char::is_ascii_digit)
        }
        [first, ..] => first.is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric),
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> String {
        let mut out = String::new();
        self::text(&mut out, text, At::Block, "", &Pairs::of(&[text], false));
        out
    }

    #[test]
    fn marks_are_escaped_where_they_are_marks() {
        assert_eq!(block("# not a heading"), "\\# not a heading");
        assert_eq!(block("#hashtag"), "#hashtag");
        assert_eq!(block("> not a quote"), "\\> not a quote");
        assert_eq!(block("- not a list"), "\\- not a list");
        assert_eq!(block("-5 mm"), "-5 mm");
        assert_eq!(block("1. not numbered"), "1\\. not numbered");
        assert_eq!(block("2) two"), "2\\) two");
        assert_eq!(block("a\n2) two"), "a  \n2) two");
        assert_eq!(block("a\n1) one"), "a  \n1\\) one");
        assert_eq!(block("2026.11.21"), "2026.11.21");
        assert_eq!(block("a\n==="), "a  \n\\===");
        assert_eq!(block("a\n---"), "a  \n\\---");
        assert_eq!(block("~~~\ncode"), "\\~~~  \ncode");
        assert_eq!(block("&lt;5mm & more"), "\\&lt;5mm & more");
        assert_eq!(block("a < b <b>"), "a < b \\<b>");
        assert_eq!(block("C:\\dir \\* x\\"), "C:\\dir \\\\* x\\\\");
    }

    #[test]
    fn a_lone_mark_stays_as_typed() {
        assert_eq!(
            block("5*3 snake_case a`b [x] y"),
            "5*3 snake_case a`b [x] y"
        );
        assert_eq!(block("*a* _b_"), "\\*a\\* \\_b\\_");
        assert_eq!(block("`a` [l](u)"), "\\`a\\` \\[l](u)");
        assert_eq!(block("見本 花子（みほん）"), "見本 花子（みほん）");
    }

    #[test]
    fn leading_spaces_go_and_blank_lines_part_paragraphs() {
        assert_eq!(block("    code?\n\n\n  next"), "code?\n\nnext");
        assert_eq!(block("\u{3000}字下げ"), "\u{3000}字下げ");
        let mut out = String::new();
        text(&mut out, "a\nb", At::Inline, "  ", &Pairs::default());
        assert_eq!(out, "a  \n  b");
    }

    #[test]
    fn a_heading_keeps_a_closing_hash() {
        assert_eq!(heading("Notes #"), "Notes \\#");
        assert_eq!(heading("C#"), "C#");
    }
}
