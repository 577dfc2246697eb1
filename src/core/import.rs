//! Reading a plain text file of prepared questions, one per line, for
//! `sonote questions import` and the questions tab.

use std::path::Path;

use crate::model::question::{ListedQuestion, parse_question_list};
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
        ));
    }
    Ok(questions)
}

/// Expand a leading `~/` to the home directory, as a shell would: people type paths that
/// way in the questions tab.
pub fn expand_home(typed: &str) -> std::path::PathBuf {
    let typed = typed.trim();
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => Path::new(typed).to_path_buf(),
    }
}

/// Read the question list at `path` into the session, as questions of `role`'s terminal
/// put down to its default asker; questions already there are skipped. Returns how many
/// were added and skipped.
pub fn into_session(
    session: &mut crate::model::Session,
    path: &Path,
    role: crate::model::Role,
) -> Result<(usize, usize), FileError> {
    let listed = read_question_file(path)?;
    Ok(session.import_questions(&listed, role.id_prefix(), role, role.default_asker(), ""))
}
