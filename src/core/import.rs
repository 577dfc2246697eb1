//! Reading a plain text file of prepared questions, one per line, for
//! `sonote questions import` and the questions tab; and the clerk's import of such a file
//! into a session file.

use std::path::Path;

use crate::model::question::{ListedQuestion, parse_question_list};
use crate::model::{Asker, ClockState, Role, Session, Timestamp};
use crate::store;
use crate::store::journal::Author;
use crate::tomlfile::FileError;

/// Read and parse a question list (format: `model::question::parse_question_list`).
/// The file must be UTF-8; an error names the file and, when it can, the line.
pub fn read_question_file(path: &Path) -> Result<Vec<ListedQuestion>, FileError> {
    let text = crate::tomlfile::read_text(path)?;
    let questions = parse_question_list(&text);
    if questions.is_empty() {
        return Err(FileError::new(
            path,
            "no questions found: write one question per line (blank lines and lines \
             starting with # are skipped)",
        )
        .with(crate::tomlfile::Problem::NoQuestions));
    }
    Ok(questions)
}

/// What an import into a session file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub session_id: String,
    pub added: usize,
    /// Lines whose wording the session already showed (or that the file repeats).
    pub skipped: usize,
}

/// The clerk's import before the day (`sonote questions import`): the questions of `file`
/// added to the session at `session_path` with ids `i1`, `i2`, … It writes the session
/// file, so it refuses once the clock has started: from then on the specialist's terminal
/// owns that file. (A terminal that has the session open before the start takes the new
/// questions in within a second.) Nothing is written when nothing is new.
pub fn import_file(
    session_path: &Path,
    file: &Path,
    asker: Asker,
    asked_by: &str,
    by: &Author,
    at: Timestamp,
) -> Result<Imported, FileError> {
    let mut session = store::load(session_path)?;
    if session.state() != ClockState::Ready {
        return Err(FileError::new(
            session_path,
            "the consultation has already started; add questions on its screen instead \
             (F2: a to add, i to read a file)",
        )
        .with(crate::tomlfile::Problem::AlreadyStarted));
    }
    let listed = read_question_file(file)?;
    let (added, skipped) =
        session.import_questions(&listed, "i", Role::Specialist, asker, asked_by);
    if added > 0 {
        save_within_limit(session_path, &session, by, at)?;
    }
    Ok(Imported {
        session_id: session.id,
        added,
        skipped,
    })
}

/// Save the session, unless its file would be larger than sonote reads back: then the
/// import is refused and the file left as it was.
fn save_within_limit(
    path: &Path,
    session: &Session,
    by: &Author,
    at: Timestamp,
) -> Result<(), FileError> {
    store::save(path, session, by, at).map_err(|err| match err.kind() {
        std::io::ErrorKind::FileTooLarge => {
            FileError::new(path, format!("{err} (nothing was imported)"))
        }
        _ => FileError::new(path, err.to_string()),
    })
}

/// Expand a leading `~/` to the home directory, as a shell would: people type paths that
/// way in the questions tab.
pub(crate) fn expand_home(typed: &str) -> std::path::PathBuf {
    let typed = typed.trim();
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => Path::new(typed).to_path_buf(),
    }
}

/// Read the question list at `path` into the session, as questions of `role`'s terminal
/// put down to its default asker; questions already there are skipped. Returns how many
/// were added and skipped.
pub(crate) fn into_session(
    session: &mut crate::model::Session,
    path: &Path,
    role: crate::model::Role,
) -> Result<(usize, usize), FileError> {
    let listed = read_question_file(path)?;
    Ok(session.import_questions(&listed, role.id_prefix(), role, role.default_asker(), ""))
}
