//! The clerk's changes to a session on disk: a payment (or a balance, or a refund), the
//! report sent, the report or the receipt exported, a cancellation, a mistaken session
//! deleted. Each goes into the session file under its writer lock; while the specialist's
//! terminal has the session open (and the lock), the money and the exports go into the
//! clerk's part file beside it (`<id>.desk.toml`, see `model::desk_part`), which that
//! terminal takes in; a cancellation and a deletion wait until it is closed.

use std::path::{Path, PathBuf};

use super::export::{self, Destination, ExportError, Job, Source};
use crate::config::Config;
use crate::model::desk_part::DeskPart;
use crate::model::money::{CancelError, Settlement};
use crate::model::payment::PaymentMethod;
use crate::model::{ClockState, Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Format};
use crate::store::journal::Author;
use crate::store::{self, PurgePlan, Store, UpdateError};

/// What the clerk asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskChange {
    /// Collect what is owed, or pay back what was paid over the fee (`Session::settle`).
    Pay(PaymentMethod),
    MarkSent,
    /// The report as docx, in the configured report language, into the data folder's
    /// `exports/`.
    Export,
    /// The receipt as docx, in the configured report language, into `exports/`.
    Receipt,
    /// Call the consultation off, with why.
    Cancel(String),
    /// The same as the FHIR referral document (`<id>.fhir.json`).
    ExportFhir,
}

/// What came of it.
#[derive(Debug)]
pub enum DeskDone {
    /// The session as it now is, and what was recorded (nothing: it was settled before).
    Paid(Box<Session>, Settlement),
    /// The report is marked sent (`false`: it already was).
    Sent(bool),
    /// The report was never exported, so it cannot be sent.
    NotExported,
    Exported(PathBuf),
    /// The receipt was written there.
    Receipt(PathBuf),
    /// The session is now marked cancelled (`Err`: why not).
    Cancelled(Result<(), CancelError>),
    /// The session's files are gone, and the exports sonote wrote and nobody changed.
    Deleted(PurgePlan),
    /// The FHIR document was written; the rules of the guides it does not meet.
    ExportedFhir(PathBuf, Vec<crate::report::fhir::Finding>),
}

#[derive(Debug)]
pub enum DeskError {
    /// The session is open for writing on another terminal.
    Busy,
    /// Only a session whose consultation never began may be deleted: the record of one
    /// that took place is kept (cancel it instead).
    Started,
    Update(UpdateError),
    Export(ExportError),
}

/// Apply a clerk's change to the session file at `path`; `data_dir` holds `exports/`.
pub fn apply(
    path: &Path,
    change: DeskChange,
    config: &Config,
    data_dir: &Path,
    now: Timestamp,
) -> Result<DeskDone, DeskError> {
    let by = super::author(config, "clerk");
    match change {
        DeskChange::Pay(method) => {
            let pay = |session: &mut Session| session.settle(method, now);
            let (session, settled) = change_session(path, &by, now, pay)?;
            Ok(DeskDone::Paid(Box::new(session), settled))
        }
        DeskChange::MarkSent => {
            let (_, sent) =
                change_session(path, &by, now, |session| session.mark_report_sent(now))?;
            Ok(match sent {
                Ok(newly) => DeskDone::Sent(newly),
                Err(_) => DeskDone::NotExported,
            })
        }
        DeskChange::Cancel(reason) => {
            let cancel = |session: &mut Session| session.cancel(&reason, now);
            let (_, result) = store::update(path, &by, now, cancel).map_err(|err| match err {
                UpdateError::Busy => DeskError::Busy,
                err => DeskError::Update(err),
            })?;
            Ok(DeskDone::Cancelled(result))
        }
        DeskChange::Export | DeskChange::ExportFhir | DeskChange::Receipt => {
            let format = match change {
                DeskChange::ExportFhir => Format::Fhir,
                _ => Format::Docx,
            };
            let lang = report::language(config, None);
            let template = ReportTemplate::for_config(config, lang)
                .map_err(|err| DeskError::Export(ExportError::Template(Box::new(err))))?;
            let job = Job {
                config,
                template: &template,
                format,
                force: false,
                with_memo: false,
            };
            let destination = Destination::Dir(export::exports_dir(data_dir));
            let receipt = change == DeskChange::Receipt;
            let write = |source: Source| {
                if receipt {
                    export::export_receipt(source, &job, &destination, now)
                } else {
                    export::export(source, &job, &destination, now)
                }
            };
            let exported = match write(Source::File(path)) {
                Ok(exported) => exported,
                Err(ExportError::Busy(_)) => through_part(path, &by, now, |session| {
                    write(Source::Open { session, path })
                })?
                .1
                .map_err(DeskError::Export)?,
                Err(err) => return Err(DeskError::Export(err)),
            };
            Ok(if receipt {
                DeskDone::Receipt(exported.path)
            } else if format == Format::Fhir {
                DeskDone::ExportedFhir(exported.path, exported.findings)
            } else {
                DeskDone::Exported(exported.path)
            })
        }
    }
}

/// Delete a session made by mistake: its files, and the exports sonote wrote that are still
/// as written (`Store::purge`). Refused while it is open on a terminal, and once its
/// consultation began.
pub fn delete(store: &Store, path: &Path) -> Result<DeskDone, DeskError> {
    let session = store::load(path).map_err(|err| DeskError::Update(UpdateError::File(err)))?;
    if session.state() != ClockState::Ready {
        return Err(DeskError::Started);
    }
    store
        .purge(path)
        .map(DeskDone::Deleted)
        .map_err(|err| match err {
            UpdateError::Busy => DeskError::Busy,
            err => DeskError::Update(err),
        })
}

/// A change to the session file, or, while another terminal holds it, to the clerk's part.
fn change_session<T>(
    path: &Path,
    by: &Author,
    now: Timestamp,
    change: impl Fn(&mut Session) -> T,
) -> Result<(Session, T), DeskError> {
    match store::update(path, by, now, &change) {
        Ok(done) => Ok(done),
        Err(UpdateError::Busy) => through_part(path, by, now, change),
        Err(err) => Err(DeskError::Update(err)),
    }
}

/// The change made to the session as read (with its parts), and the desk's fields of it
/// written to the clerk's part, under the part's own lock (one desk at a time).
fn through_part<T>(
    path: &Path,
    by: &Author,
    now: Timestamp,
    change: impl FnOnce(&mut Session) -> T,
) -> Result<(Session, T), DeskError> {
    let _lock = store::try_lock(&store::desk_part_path(path))
        .map_err(|err| DeskError::Update(UpdateError::Io(err)))?
        .ok_or(DeskError::Busy)?;
    let mut session = store::load(path).map_err(|err| DeskError::Update(UpdateError::File(err)))?;
    let result = change(&mut session);
    store::save_desk_part(path, &DeskPart::of(&session), by, now)
        .map_err(|err| DeskError::Update(UpdateError::Io(err)))?;
    Ok((session, result))
}
