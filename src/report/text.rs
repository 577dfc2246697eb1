//! Text from the session made printable: the same cleaning for every format, so the docx,
//! the markdown and the json say the same thing.

/// Text from the session as the report may print it: line ends made `\n`, and characters
/// XML forbids (and other control characters) removed, so every format gets the same text.
pub fn clean(text: &str) -> String {
    // Nearly all text is clean already: copied whole, it costs a tenth of the filtering.
    if !text.contains(|c| c == '\r' || !printable(c)) {
        return text.to_string();
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|&c| printable(c)).collect()
}

/// Whether the report keeps a character: line breaks and tabs, not other control
/// characters or the two that XML forbids.
fn printable(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// A one-line value (a name, an id): cleaned, line breaks made spaces, trimmed.
pub fn clean_line(text: &str) -> String {
    clean(text)
        .split(['\n', '\t'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn some_line(text: &str) -> Option<String> {
    Some(clean_line(text)).filter(|line| !line.is_empty())
}

/// Free text: cleaned, trailing spaces of lines and blank edges removed.
pub(super) fn some_text(text: &str) -> Option<String> {
    let cleaned = clean(text);
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let joined = lines.join("\n");
    let trimmed = joined.trim_matches('\n');
    Some(trimmed.to_string()).filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_line_ends_become_newlines() {
        assert_eq!(
            clean("a\r\nb\rc\u{0}\u{8}d\u{1b}[0m\u{fffe}"),
            "a\nb\ncd[0m"
        );
        assert_eq!(clean("tab\there"), "tab\there");
        assert_eq!(clean_line("  佐藤\n 花子\t "), "佐藤 花子");
        assert_eq!(
            some_text("\n\n line one  \nline two\n\n"),
            Some(" line one\nline two".into())
        );
        assert_eq!(some_text(" \n\u{7}\n"), None);
    }
}
