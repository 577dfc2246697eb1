//! What is wrong with a file a person wrote, as facts: the faces word them
//! (`i18n::messages`), in the user's language.

use crate::model::ClockFault;

/// What is wrong with a file, as facts the faces word. `Other` is a rule whose words are
/// only the English `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Other,
    /// The file does not exist.
    Missing,
    /// The system refused to read it (its words, e.g. permission denied).
    Unreadable(std::io::ErrorKind),
    /// A folder, a device or a pipe.
    NotRegular,
    /// Larger than sonote reads: its size in MB (one decimal) and the limit in MB.
    TooLarge {
        megabytes: String,
        limit: u64,
    },
    /// It grew past the limit while it was read.
    Grew,
    /// Not UTF-8 text.
    NotUtf8,
    /// Not TOML: the parser's own words are in `message`.
    Syntax,
    /// A value of the wrong kind for its field: the parser's own words are in `message`.
    BadValue,
    /// A field the file's kind does not have (a misspelling?).
    UnknownField,
    /// A field the file's kind needs.
    MissingField,
    /// A number where one of a few words is expected.
    WordsOnly,
    /// A number outside `min..=max`.
    Between {
        min: i64,
        max: i64,
    },
    /// A number under `min`.
    AtLeast(i64),
    /// An empty text where one is needed.
    Empty,
    /// A number over `max`.
    AtMost(u64),
    /// A year outside `min..=max`.
    YearBetween {
        min: i32,
        max: i32,
    },
    /// A date of birth after the appointment.
    BornAfter,
    /// Not a time such as 14:30 (what was written).
    NotATime(String),
    /// Not a 10-digit insurance medical institution number (what was written).
    InstitutionNumber(String),
    /// Not insurer:symbol:number:branch (what was written).
    InsuranceId(String),
    /// Neither the patient nor a companion attends.
    NobodyAttends,
    /// Not a three-letter currency code.
    Currency,
    /// A warning minute outside `1..minutes` (the value, the session's minutes).
    WarnMinute {
        value: u32,
        minutes: u32,
    },
    /// A question file with no question in it.
    NoQuestions,
    /// Questions imported into a consultation already started.
    AlreadyStarted,
    /// A value that is already in the list (its name).
    ListedTwice(String),
    /// A word wider than a card holds: its width and the most that fit, in columns.
    TooWide {
        width: usize,
        max: usize,
    },
    /// The same word as another field's (that field).
    SameWordAs(String),
    /// Written for a newer sonote: the format found, the one this sonote reads.
    NewerFormat {
        found: u32,
        reads: u32,
    },
    /// A format number other than the one this sonote reads.
    FormatMustBe(u32),
    /// An empty font name.
    NoFont,
    /// A phrase whose braces are not a placeholder: one left open, or a name that is not one.
    Braces,
    /// A text holding a control character a Word document cannot hold (its code point).
    ControlCharacter(u32),
    /// A time zone the system's database does not know.
    UnknownTimeZone,
    /// A part file beside another session's file: the session it names, and this one.
    NotOurs(Box<(String, String)>),
    /// A clock event the commands could not have made at that place.
    Clock(ClockFault),
    /// A placeholder the phrase does not take: its name, and those it takes (boxed, so that
    /// every `FileError` stays small).
    UnknownPlaceholder(Box<(String, Vec<String>)>),
}
