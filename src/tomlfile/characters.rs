//! Characters a Word document cannot hold, found in a file a person wrote (the
//! configuration, a report template) and named by file, line and field.
//!
//! A .docx is XML 1.0, which has no way to write the C0 control characters but tab, line
//! feed and carriage return, nor U+FFFE and U+FFFF. TOML text cannot hold them raw, but a
//! string's escapes can make them (`"\b"`, `"\f"`, `"\u0007"`, `"\e"`): such a word would
//! reach every report. The docx writer drops them whatever comes; this check says where
//! they are, so that `sonote check` refuses the file instead of the report quietly losing a
//! character.

use std::path::Path;

use toml::Value;

use super::{FileError, Problem, parse_table};

/// Whether XML 1.0 cannot hold `c`.
fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The first string in the TOML `text` holding a character XML cannot hold, as an error
/// naming its field and line.
pub(crate) fn check_characters(path: &Path, text: &str) -> Result<(), FileError> {
    // Only an escape can make one: nearly every file has no backslash, and is not parsed
    // a second time.
    if !text.contains('\\') {
        return Ok(());
    }
    let table = parse_table(path, text)?;
    let mut found = None;
    for (key, value) in &table {
        find(value, key, &mut found);
        if found.is_some() {
            break;
        }
    }
    match found {
        None => Ok(()),
        Some((field, c)) => Err(FileError::at_field(
            path,
            text,
            &field,
            format!(
                "holds the control character U+{:04X}, which a Word document cannot hold: \
                 remove it (or its escape)",
                c as u32
            ),
        )
        .with(Problem::ControlCharacter(c as u32))),
    }
}

/// Look through `value` (at the dotted `field`) for a string with a forbidden character.
fn find(value: &Value, field: &str, found: &mut Option<(String, char)>) {
    match value {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|&c| forbidden_in_xml(c)) {
                *found = Some((field.to_string(), c));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                find(item, &format!("{field}[{index}]"), found);
                if found.is_some() {
                    return;
                }
            }
        }
        Value::Table(table) => {
            for (key, item) in table {
                find(item, &format!("{field}.{key}"), found);
                if found.is_some() {
                    return;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), FileError> {
        check_characters(Path::new("ours.toml"), text)
    }

    #[test]
    fn a_control_character_is_named_by_line_and_field() {
        let text =
            "[report]\ntitle = \"ok\"\n\n[[words]]\nname = \"a\"\n[[words]]\nname = \"b\\u0007\"\n";
        let err = check(text).unwrap_err();
        assert_eq!(err.line, Some(7));
        assert_eq!(err.field.as_deref(), Some("words[1].name"));
        assert!(err.message.contains("U+0007"), "{}", err.message);
        let err = check("[a]\nlist = [\"x\", \"\\f\"]\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("a.list[1]"));
        assert!(check("[a]\nb = \"\\uFFFF\"\n").is_err());
    }

    #[test]
    fn tabs_line_breaks_and_other_escapes_are_fine() {
        assert!(check("a = \"tab\\there\\nline\\r\\u00e9 \\\\ \\\"\"\n").is_ok());
        assert!(
            check("a = 'C:\\bin'\n").is_ok(),
            "a literal string has no escapes"
        );
    }
}
