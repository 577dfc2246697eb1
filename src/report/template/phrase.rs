//! The phrases of a template: literal text and `{placeholders}`, split once and filled in
//! one pass.

use std::fmt::Write as _;

/// One piece of a phrase: literal text or a `{placeholder}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(String),
    Slot(&'a str),
}

/// Split a phrase into text and placeholders; `{{` and `}}` are literal braces.
pub fn pieces(phrase: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = phrase;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if c == '{' {
            let close = rest
                .find('}')
                .ok_or_else(|| "a '{' is not closed (write {{ for a literal brace)".to_string())?;
            let name = &rest[1..close];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(format!(
                    "'{{{name}}}' is not a placeholder (write {{{{ for a literal brace)"
                ));
            }
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(Piece::Slot(name));
            rest = &rest[close + 1..];
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

/// Fill a checked phrase. Substitution is done in one pass, so a value that itself
/// contains `{…}` (a patient's name, say) is printed as it is, never expanded.
pub fn fill(phrase: &str, values: &[(&str, &str)]) -> String {
    let Ok(pieces) = pieces(phrase) else {
        // Templates are checked when loaded; an unchecked phrase is printed as written.
        return phrase.to_string();
    };
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Slot(name) => match values.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    let _ = write!(out, "{{{name}}}");
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_fill_in_one_pass_and_keep_literal_braces() {
        assert_eq!(
            fill("{name}（{kana}）", &[("name", "{kana}"), ("kana", "かな")]),
            "{kana}（かな）"
        );
        assert_eq!(fill("{{literal}} {n}", &[("n", "1")]), "{literal} 1");
        assert!(pieces("open { brace").is_err());
        assert!(pieces("{Not a name}").is_err());
    }
}
