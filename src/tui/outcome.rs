//! What screens hand back to the app: a status line, whether the session changed, and an
//! effect (IO) for the app to carry out through `core`; and what they draw with.

use std::path::PathBuf;

use super::theme::Theme;
use super::widgets::text_field::CaretSlot;
use crate::config::{Config, Lang};
use crate::core::desk::DeskChange;
use crate::i18n::Texts;
use crate::model::Timestamp;
use crate::report::{Document, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// The message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            kind: StatusKind::Info,
        }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            kind: StatusKind::Error,
        }
    }
}

/// IO a screen asks for: screens never touch the disk, the app does it through `core` and
/// tells the screen what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export the open session's report, or the summary for the patient (the report tab),
    /// worded in `lang`.
    Export {
        format: Format,
        lang: Lang,
        document: Document,
    },
    /// Read a list of questions from this file into the open session (the questions tab).
    ImportQuestions(PathBuf),
    /// Open the session in this file (the desk).
    Open(PathBuf),
    /// A clerk's change to the session in this file (the desk); the list is read again.
    Desk {
        path: PathBuf,
        id: String,
        change: DeskChange,
    },
    /// Read the list of sessions again (the desk).
    ReloadList,
    /// Ask to confirm the record (the report tab).
    ConfirmRecord,
    /// Ask for the reason of a correction of the confirmed record (the report tab).
    CorrectRecord,
    /// Ask before a clerk's change to the selected session (the desk).
    DeskAsk(DeskAsk),
}

/// What the desk asks before it changes the selected session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskAsk {
    /// Yes or no, before marking the report sent.
    MarkSent,
    /// Yes or no, before deleting a mistaken session and its exports.
    Delete,
    /// The reason for cancelling.
    Cancel,
}

/// What a tab did with a key.
#[derive(Debug, Default)]
pub struct TabOutcome {
    /// The session changed and must be saved.
    pub changed: bool,
    pub status: Option<Status>,
    pub effect: Option<Effect>,
}

impl TabOutcome {
    pub fn changed() -> Self {
        TabOutcome {
            changed: true,
            ..TabOutcome::default()
        }
    }

    pub fn effect(effect: Effect) -> Self {
        TabOutcome {
            effect: Some(effect),
            ..TabOutcome::default()
        }
    }
}

/// What every tab needs to draw itself.
pub struct DrawContext<'a> {
    pub texts: &'static Texts,
    pub theme: &'a Theme,
    pub config: &'a Config,
    pub now: Timestamp,
    /// Where the field with the caret is drawn: given to that field's `text_field::draw`.
    pub caret: &'a CaretSlot,
}
