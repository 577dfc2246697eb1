//! Confirming the record (確定) and opening a correction (訂正), for the report tab and the
//! command line. The content confirmed is kept, unchanged, beside the session as
//! `<id>.v<N>.toml` (its SHA-256 is in the confirmation), so a correction can say what it
//! replaced and `sonote verify` can check every version.

use std::path::Path;

use serde_json::Value;

use super::OpenSession;
use crate::model::record::{Corrected, RecordError};
use crate::model::{ClockState, Session, Timestamp};
use crate::store::journal::{self, Author, change};
use crate::store::{self, UpdateError};

/// Why the record could not be confirmed or corrected.
#[derive(Debug, thiserror::Error)]
pub enum RecordFailure {
    #[error("{0}")]
    Record(#[from] RecordError),
    #[error("the consultation has not ended: end it first")]
    NotEnded,
    #[error("the session is read-only on this terminal")]
    ReadOnly,
    #[error("{0}")]
    Update(UpdateError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Confirm the session open on this terminal, and save it.
pub fn confirm_open(
    open: &mut OpenSession,
    by: &Author,
    now: Timestamp,
) -> Result<u32, RecordFailure> {
    if open.read_only() {
        return Err(RecordFailure::ReadOnly);
    }
    let path = open.path().to_path_buf();
    let version = confirm(&path, &mut open.session, by, now)?;
    open.changed(now);
    open.save_now()
        .map_err(|_| RecordFailure::Io(std::io::Error::other("the session could not be saved")))?;
    Ok(version)
}

/// Open a correction of the session open on this terminal, and save it.
pub fn correct_open(
    open: &mut OpenSession,
    by: &Author,
    reason: &str,
    now: Timestamp,
) -> Result<(), RecordFailure> {
    if open.read_only() {
        return Err(RecordFailure::ReadOnly);
    }
    open.session.record.correct(now, &by.name, reason)?;
    open.changed(now);
    open.save_now()
        .map_err(|_| RecordFailure::Io(std::io::Error::other("the session could not be saved")))?;
    Ok(())
}

/// `sonote confirm SESSION`: under the session's lock (refused while a screen has it open).
pub fn confirm_file(path: &Path, by: &Author, now: Timestamp) -> Result<u32, RecordFailure> {
    let (_, confirmed) = store::update(path, by, now, |session| confirm(path, session, by, now))
        .map_err(RecordFailure::Update)?;
    confirmed
}

/// `sonote correct SESSION --reason TEXT`.
pub fn correct_file(
    path: &Path,
    by: &Author,
    reason: &str,
    now: Timestamp,
) -> Result<(), RecordFailure> {
    let (_, corrected) = store::update(path, by, now, |session| {
        session.record.correct(now, &by.name, reason)
    })
    .map_err(RecordFailure::Update)?;
    Ok(corrected?)
}

/// Keep the content as its version's file, then record the confirmation in the session.
fn confirm(
    path: &Path,
    session: &mut Session,
    by: &Author,
    now: Timestamp,
) -> Result<u32, RecordFailure> {
    if session.record.locked() {
        return Err(RecordError::AlreadyConfirmed(session.record.version()).into());
    }
    if session.state() != ClockState::Ended {
        return Err(RecordFailure::NotEnded);
    }
    let text = store::serialize_within_limit(session)?;
    let version = session.record.version() + 1;
    let changed = match session.record.version() {
        0 => Vec::new(),
        last => corrected_fields(&store::version_path(path, last), session),
    };
    store::write_atomically(&store::version_path(path, version), text.as_bytes())?;
    Ok(session
        .record
        .confirm(now, &by.name, journal::hash(text.as_bytes()), changed)?)
}

/// What changed from the version kept at `earlier` to `now`: each field, with its text
/// before and after (the record and the report's export status left out: they change
/// by themselves).
fn corrected_fields(earlier: &Path, now: &Session) -> Vec<Corrected> {
    let Some(before) = std::fs::read_to_string(earlier)
        .ok()
        .and_then(|text| toml::from_str::<Session>(&text).ok())
        .and_then(|session| serde_json::to_value(session).ok())
    else {
        return Vec::new();
    };
    let Ok(after) = serde_json::to_value(now) else {
        return Vec::new();
    };
    let mut fields: Vec<Corrected> = Vec::new();
    for changed in change::diff(&before, &after) {
        let top = change::path_text(&changed.at[..1.min(changed.at.len())]);
        if ["record", "report"].contains(&top.as_str()) {
            continue;
        }
        let field = change::path_text(&changed.at);
        if fields.iter().any(|f| f.field == field) {
            continue;
        }
        fields.push(Corrected {
            before: shown(lookup(&before, &changed.at)),
            after: shown(lookup(&after, &changed.at)),
            field,
        });
    }
    fields
}

fn lookup<'v>(value: &'v Value, at: &[change::Step]) -> Option<&'v Value> {
    at.iter().try_fold(value, |value, step| match step {
        change::Step::Key(key) => value.get(key),
        change::Step::Index(index) => value.get(index),
    })
}

fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}
