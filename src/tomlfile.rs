//! Reading TOML files with errors that name the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

mod characters;
mod problem;

pub(crate) use characters::check_characters;
pub use problem::Problem;

/// A problem in a file a person wrote or the app saved: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line, when it could be found.
    pub line: Option<usize>,
    /// Dotted path of the field, e.g. `session.minutes` or `clock.events[2].kind`.
    pub field: Option<String>,
    /// What is wrong, in English: for logs and tests, and the detail a parser gave.
    pub message: String,
    /// What is wrong, as facts, for the faces to word in the user's language
    /// (`i18n::messages`).
    pub problem: Problem,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    pub(crate) fn new(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_path_buf(),
            line: None,
            field: None,
            message: message.into(),
            problem: Problem::Other,
        }
    }

    /// The same error, with what is wrong as facts.
    pub(crate) fn with(self, problem: Problem) -> Self {
        FileError { problem, ..self }
    }

    /// An error about `field`, with its line looked up in the file's text.
    pub(crate) fn at_field(
        path: &Path,
        text: &str,
        field: &str,
        message: impl Into<String>,
    ) -> Self {
        FileError {
            path: path.to_path_buf(),
            line: line_of_field(text, field),
            field: Some(field.to_string()),
            message: message.into(),
            problem: Problem::Other,
        }
    }
}

/// The largest file sonote reads. A real session is a few hundred kilobytes; anything far
/// larger is not a file of ours, and reading it would stall the screen.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Open `path` to read, only if it is a regular file, checked on the open handle (so what
/// is checked is what is read). Opened without waiting: a FIFO would block the open until
/// something wrote to it. None when there is no such file; a folder, device or pipe is an
/// `InvalidInput` error.
pub(crate) fn open_regular(
    path: &Path,
) -> std::io::Result<Option<(std::fs::File, std::fs::Metadata)>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path);
    let file = match file {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a pipe)",
        ));
    }
    Ok(Some((file, meta)))
}

/// All of a regular file, as `std::fs::read` would give it (a missing file is a NotFound
/// error); anything else is refused without being read.
pub(crate) fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let (mut file, meta) =
        open_regular(path)?.ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a text file a person or sonote wrote: refused when missing, too large or not UTF-8,
/// with the file (and the line of the first bad byte) named. A leading BOM is dropped.
pub(crate) fn read_text(path: &Path) -> Result<String, FileError> {
    read_text_if_exists(path)?.ok_or_else(|| {
        FileError::new(path, "cannot read the file: it does not exist").with(Problem::Missing)
    })
}

/// The same, but a missing file is `None`.
pub(crate) fn read_text_if_exists(path: &Path) -> Result<Option<String>, FileError> {
    let cannot = |err: std::io::Error| {
        FileError::new(path, format!("cannot read the file: {err}"))
            .with(Problem::Unreadable(err.kind()))
    };
    let (file, meta) = match open_regular(path) {
        Ok(Some(opened)) => opened,
        Ok(None) => return Ok(None),
        Err(err) if err.kind() == std::io::ErrorKind::InvalidInput => {
            return Err(FileError::new(
                path,
                "is not a regular file (a folder, a device or a pipe): give the path of a file",
            )
            .with(Problem::NotRegular));
        }
        Err(err) => return Err(cannot(err)),
    };
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        let (megabytes, limit) = (
            format!("{:.1}", size as f64 / 1e6),
            MAX_FILE_BYTES / 1024 / 1024,
        );
        return Err(FileError::new(
            path,
            format!("is {megabytes} MB; sonote reads files of at most {limit} MB"),
        )
        .with(Problem::TooLarge { megabytes, limit }));
    }
    // And never more than the limit, should the file grow while it is read.
    let mut bytes = Vec::new();
    {
        use std::io::Read;
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(
            FileError::new(path, "grew past the size sonote reads while it was read")
                .with(Problem::Grew),
        );
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        FileError {
            line: Some(valid.iter().filter(|&&b| b == b'\n').count() + 1),
            // Shift_JIS is what older Windows editors save Japanese text as.
            ..FileError::new(
                path,
                "is not UTF-8 text (Shift_JIS?): save the file as UTF-8",
            )
            .with(Problem::NotUtf8)
        }
    })?;
    Ok(Some(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }))
}

/// Parse TOML text into a table, reporting syntax errors by line.
pub(crate) fn parse_table(path: &Path, text: &str) -> Result<toml::Table, FileError> {
    text.parse::<toml::Table>()
        .map_err(|err| syntax_error(path, text, &err))
}

fn syntax_error(path: &Path, text: &str, err: &toml::de::Error) -> FileError {
    FileError {
        path: path.to_path_buf(),
        line: err.span().map(|span| line_at(text, span.start)),
        field: None,
        message: first_line(err.message()),
        problem: Problem::Syntax,
    }
}

/// Turn a parsed table into `T`, reporting a wrong or unknown field by its path and line.
pub(crate) fn from_table<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    table: toml::Table,
) -> Result<T, FileError> {
    serde_path_to_error::deserialize(toml::Value::Table(table))
        .map_err(|err| field_error(path, text, err))
}

fn field_error(
    path: &Path,
    text: &str,
    err: serde_path_to_error::Error<toml::de::Error>,
) -> FileError {
    let field = err.path().to_string();
    let message = first_line(err.inner().message());
    // serde's words for a number where one of a few words is expected ("invalid type:
    // unit variant, expected string only") tell a clerk nothing.
    match message.contains("expected string only") {
        true => FileError::at_field(
            path,
            text,
            &field,
            "must be one of the words the example file lists for it, in quotes",
        )
        .with(Problem::WordsOnly),
        false => {
            let problem = match &message {
                m if m.starts_with("unknown field") => Problem::UnknownField,
                m if m.starts_with("missing field") => Problem::MissingField,
                _ => Problem::BadValue,
            };
            FileError::at_field(path, text, &field, message).with(problem)
        }
    }
}

/// [`parse`], and the paths of the fields the type does not know (which a type that does
/// not deny them would otherwise drop without a word).
pub(crate) fn parse_noting_unknown<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(T, Vec<String>), FileError> {
    let document = toml::Deserializer::parse(text).map_err(|err| syntax_error(path, text, &err))?;
    let mut unknown = Vec::new();
    if let Ok(value) = serde_ignored::deserialize(document, |at| unknown.push(at.to_string())) {
        return Ok((value, unknown));
    }
    let table = parse_table(path, text)?;
    unknown.clear();
    let _ = serde_ignored::deserialize::<_, _, T>(toml::Value::Table(table.clone()), |at| {
        unknown.push(at.to_string())
    });
    Ok((from_table(path, text, table)?, unknown))
}

/// Parse and deserialize in one go. Straight from the parsed document first, without
/// making a table of owned values or tracking the path of each field (together a third of
/// the time a large session took to read). A file that route cannot read is read
/// the old way, through the table with the path tracked, which is more lenient (it hands
/// a bare TOML date to a field as a string) and names the field that is wrong: every file
/// reads, or fails, as it always did.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, FileError> {
    let document = toml::Deserializer::parse(text).map_err(|err| syntax_error(path, text, &err))?;
    T::deserialize(document).or_else(|_| from_table(path, text, parse_table(path, text)?))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

/// 1-based line number of a byte offset.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line where a dotted field (`session.minutes`, `clock.events[2].kind`,
/// `sections[8]`) is set: where the parsed document's spans put its key (or, for an array
/// element, its value). A field that names a table or an array of tables is on its first
/// header's line.
///
/// The spans are the `toml` crate's own (`toml::de::DeTable`), so comments, multi-line
/// strings, inline tables and arrays spread over lines all land on the right line. The
/// crate gives no span when the text is not TOML or the field is not in it (a missing key,
/// or a field of the defaults a configuration is merged with); only then is the line
/// looked for by hand (`line_of_field_by_hand`), as before spans were used.
pub(crate) fn line_of_field(text: &str, field: &str) -> Option<usize> {
    span_of_field(text, field)
        .map(|span| line_at(text, span.start))
        .or_else(|| line_of_field_by_hand(text, field))
}

/// One step down a dotted field path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `clock.events[2].kind` as steps; None for the document itself (`.` or empty, as
/// serde_path_to_error names it) or an index that is not a number.
fn steps(field: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    for part in field.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = part
            .split_once('[')
            .map_or((part, ""), |(name, rest)| (name, rest));
        if !name.is_empty() {
            steps.push(Step::Key(name));
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            steps.push(Step::Index(index.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The byte range of a field in the text, from the crate's spanned document.
fn span_of_field(text: &str, field: &str) -> Option<std::ops::Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let steps = steps(field)?;
    let document = DeTable::parse(text).ok()?;
    // Where the walk is: None for the document's root table.
    let mut value: Option<&DeValue> = None;
    let mut span = None;
    for step in steps {
        let (at, next) = match step {
            Step::Key(key) => {
                let table = match value {
                    None => document.get_ref(),
                    Some(DeValue::Table(table)) => table,
                    Some(_) => return None,
                };
                let (key, next) = table.get_key_value(key)?;
                (key.span(), next)
            }
            Step::Index(index) => {
                let Some(DeValue::Array(array)) = value else {
                    return None;
                };
                let element = array.get(index)?;
                (element.span(), element)
            }
        };
        span = Some(at);
        value = Some(next.get_ref());
    }
    span
}

/// Find the line where a dotted field is set, by following `[table]` headers and `key =`
/// lines. Array indices (`events[2]`) count `[[…]]` headers. Only for text the `toml` crate
/// gives no span for (see `line_of_field`): it can be fooled by a multi-line string whose
/// lines look like keys, and it returns None when the layout is more exotic.
fn line_of_field_by_hand(text: &str, field: &str) -> Option<usize> {
    let parts: Vec<(String, Option<usize>)> = field
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|part| match part.split_once('[') {
            Some((name, index)) => (
                name.to_string(),
                index.trim_end_matches(']').parse::<usize>().ok(),
            ),
            None => (part.to_string(), None),
        })
        .collect();
    let (key, _) = parts.last()?;
    let wanted_table: Vec<&(String, Option<usize>)> = parts[..parts.len() - 1].iter().collect();

    let mut current: Vec<(String, Option<usize>)> = Vec::new();
    let mut array_counts: std::collections::HashMap<String, usize> = Default::default();
    let mut header_line_of_wanted = None;
    for (number, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(header) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            let name = header.trim().to_string();
            let count = array_counts.entry(name.clone()).or_insert(0);
            current = split_header(&name);
            if let Some(last) = current.last_mut() {
                last.1 = Some(*count);
            }
            *count += 1;
        } else if let Some(header) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = split_header(header.trim());
        } else if table_matches(&current, &wanted_table) {
            let lhs = line
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if line.contains('=') && lhs == key {
                return Some(number + 1);
            }
            continue;
        } else {
            continue;
        }
        // A header: the field may itself be a table or an array of tables.
        if table_matches(&current, &parts.iter().collect::<Vec<_>>()) {
            header_line_of_wanted.get_or_insert(number + 1);
        }
    }
    header_line_of_wanted
}

fn split_header(header: &str) -> Vec<(String, Option<usize>)> {
    header
        .split('.')
        .map(|p| (p.trim().trim_matches('"').to_string(), None))
        .collect()
}

fn table_matches(current: &[(String, Option<usize>)], wanted: &[&(String, Option<usize>)]) -> bool {
    current.len() == wanted.len()
        && current
            .iter()
            .zip(wanted)
            .all(|((name, index), (want, want_index))| {
                name == want && (want_index.is_none() || index == want_index)
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a = 1\n[session]\nminutes = 30\n\n[[clock.events]]\nkind = \"start\"\n[[clock.events]]\nkind = \"pause\"\n";

    #[test]
    fn finds_keys_in_tables_and_arrays_of_tables() {
        assert_eq!(line_of_field(TEXT, "a"), Some(1));
        assert_eq!(line_of_field(TEXT, "session.minutes"), Some(3));
        assert_eq!(line_of_field(TEXT, "clock.events[1].kind"), Some(8));
        assert_eq!(line_of_field(TEXT, "clock.events[0].kind"), Some(6));
        assert_eq!(line_of_field(TEXT, "session.missing"), None);
        assert_eq!(
            line_of_field(TEXT, "clock.events"),
            Some(5),
            "its first header"
        );
        assert_eq!(line_of_field(TEXT, "."), None, "the document itself");
        // The finder by hand, kept for text the crate gives no span for, agrees here.
        for field in [
            "a",
            "session.minutes",
            "clock.events[1].kind",
            "clock.events",
        ] {
            assert_eq!(
                line_of_field_by_hand(TEXT, field),
                line_of_field(TEXT, field),
                "{field}"
            );
        }
    }

    /// The document the line tests read: the line of each key is written beside it.
    const SESSION: &str = "format = 1\n\
        note = \"\"\"\n\
        [session]\n\
        minutes = 45\n\
        \"\"\"\n\
        \n\
        [session]\n\
        minutes = 30\n\
        [session.deep]\n\
        steps = [1,\n\
        2,\n\
        3]\n\
        [[clock.events]]\n\
        kind = \"start\"\n\
        at = 1\n\
        # a comment\n\
        [[clock.events]]\n\
        kind = \"pause\"\n\
        at = 2\n";

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        format: u32,
        note: String,
        session: Sess,
        clock: Clock,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sess {
        minutes: u32,
        deep: Deep,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Deep {
        steps: Vec<u32>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Clock {
        events: Vec<Event>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Start,
        Pause,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Event {
        kind: Kind,
        at: u32,
    }

    fn error_in(text: &str) -> FileError {
        match parse::<Doc>(Path::new("s.toml"), text) {
            Ok(doc) => panic!("read: {doc:?}"),
            Err(err) => err,
        }
    }

    #[test]
    fn the_line_of_an_error_comes_from_the_spans() {
        assert!(parse::<Doc>(Path::new("s.toml"), SESSION).is_ok());

        // A wrong type deep in a table, in an array spread over lines: the element's line.
        let err = error_in(&SESSION.replace("2,\n", "\"two\",\n"));
        assert_eq!(err.field.as_deref(), Some("session.deep.steps[1]"));
        assert_eq!(err.line, Some(11), "{err}");
        assert!(
            err.to_string()
                .starts_with("s.toml:11: field `session.deep.steps[1]`: ")
        );

        // A wrong value in the second of an array of tables.
        let err = error_in(&SESSION.replace("\"pause\"", "\"stop\""));
        assert_eq!(err.field.as_deref(), Some("clock.events[1].kind"));
        assert_eq!(err.line, Some(18), "{err}");

        // A missing field: the line of the table it is missing from.
        let err = error_in(&SESSION.replace("at = 2\n", ""));
        assert_eq!(err.field.as_deref(), Some("clock.events[1]"));
        assert_eq!(err.message, "missing field `at`");
        assert_eq!(err.line, Some(17), "{err}");

        // The key, not the look-alike inside the multi-line string before it (line 4),
        // which is where the finder by hand would point.
        let err = error_in(&SESSION.replace("minutes = 30", "minutes = \"30\""));
        assert_eq!(err.field.as_deref(), Some("session.minutes"));
        assert_eq!(err.line, Some(8), "{err}");
        assert_eq!(line_of_field_by_hand(SESSION, "session.minutes"), Some(4));

        // An unknown key after a comment and a blank line.
        let err = error_in(&SESSION.replace("# a comment\n", "# a comment\n\nkinds = 1\n"));
        assert_eq!(err.field.as_deref(), Some("clock.events[0].kinds"));
        assert_eq!(err.line, Some(18), "{err}");
    }

    #[test]
    fn syntax_errors_are_placed_by_the_crate() {
        // A value left out, an unclosed string, a table defined twice.
        for (text, line) in [
            (SESSION.replace("at = 2", "at ="), 19),
            (SESSION.replace("\"start\"", "\"start"), 14),
            (SESSION.replace("[session.deep]", "[session]"), 9),
        ] {
            let err = error_in(&text);
            assert_eq!(
                (err.line, err.field.as_deref()),
                (Some(line), None),
                "{err}"
            );
            assert!(
                err.to_string().starts_with(&format!("s.toml:{line}: ")),
                "{err}"
            );
        }
    }

    #[test]
    fn text_that_is_not_toml_is_searched_by_hand() {
        // A later error must not hide where an earlier field is.
        let text = "[session]\nminutes = 3\nbroken =\n";
        assert_eq!(span_of_field(text, "session.minutes"), None);
        assert_eq!(line_of_field(text, "session.minutes"), Some(2));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = parse_table(Path::new("x.toml"), "a = 1\nb = \n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("x.toml:2: "), "{err}");
    }

    #[test]
    fn wrong_types_name_the_field_and_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct S {
            session: Inner,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            minutes: u32,
        }
        let text = "[session]\nminutes = \"thirty\"\n";
        let err = parse::<S>(Path::new("c.toml"), text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("session.minutes"));
        assert_eq!(err.line, Some(2));

        let text = "[session]\nminutes = 3\nminuts = 4\n";
        let err = parse::<S>(Path::new("c.toml"), text).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("session.minuts"));
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn bare_dates_read_where_strings_are_expected() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct S {
            day: chrono::NaiveDate,
            note: String,
        }
        // The direct route cannot give a TOML date to these; the table route can.
        let text = "day = 2026-11-21\nnote = 2026-11-22\n";
        let read: S = parse(Path::new("x"), text).unwrap();
        assert_eq!(read.day.to_string(), "2026-11-21");
        assert_eq!(read.note, "2026-11-22");
        let quoted: S = parse(
            Path::new("x"),
            "day = \"2026-11-21\"\nnote = \"2026-11-22\"",
        )
        .unwrap();
        assert_eq!(read, quoted);
    }
}

/// A date written by hand: a TOML date (`2026-11-21`) or a string (`"2026-11-21"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FlexDate(pub chrono::NaiveDate);

impl<'de> serde::Deserialize<'de> for FlexDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let expected = "a date such as 2026-11-21";
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::String(text) => text,
            toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
                (Some(_), None) => datetime.to_string(),
                _ => {
                    return Err(D::Error::custom(format!(
                        "expected {expected}, without a time"
                    )));
                }
            },
            other => {
                return Err(D::Error::custom(format!(
                    "expected {expected}, found {}",
                    other.type_str()
                )));
            }
        };
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(FlexDate)
            .map_err(|err| D::Error::custom(format!("{text:?} is not {expected}: {err}")))
    }
}

#[cfg(test)]
mod flex_date_tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct S {
        d: FlexDate,
    }

    #[test]
    fn bare_and_quoted_dates_both_read() {
        let bare: S = parse(Path::new("x"), "d = 2026-11-21").unwrap();
        let quoted: S = parse(Path::new("x"), "d = \"2026-11-21\"").unwrap();
        assert_eq!(bare.d, quoted.d);
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let err = parse::<S>(Path::new("x"), "\nd = \"2026-13-01\"")
            .err()
            .unwrap();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.field.as_deref(), Some("d"));
        let err = parse::<S>(Path::new("x"), "d = 2026-11-21T10:00:00")
            .err()
            .unwrap();
        assert!(err.message.contains("is not a date such as"), "{err}");
    }
}
