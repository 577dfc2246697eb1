//! The clerk's changes to a session on disk: a payment, the report sent, the report
//! exported. Each goes into the session file under its writer lock; while the specialist's
//! terminal has the session open (and the lock), into the clerk's part file beside it
//! (`<id>.desk.toml`, see `model::desk_part`), which that terminal takes in.

use std::path::{Path, PathBuf};

use super::export::{self, Destination, ExportError, Job, Source};
use crate::config::Config;
use crate::model::desk_part::DeskPart;
use crate::model::payment::PaymentMethod;
use crate::model::{Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Format};
use crate::store::journal::Author;
use crate::store::{self, UpdateError};

/// What the clerk asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskChange {
    Pay(PaymentMethod),
    MarkSent,
    /// The report as docx, in the configured report language, into the data folder's
    /// `exports/`.
    Export,
    /// The same as the FHIR referral document (`<id>.fhir.json`).
    ExportFhir,
}

/// What came of it.
#[derive(Debug)]
pub enum DeskDone {
    /// The session as it now is (its payment, whether new or recorded before).
    Paid(Box<Session>),
    /// The report is marked sent (`false`: it already was).
    Sent(bool),
    /// The report was never exported, so it cannot be sent.
    NotExported,
    Exported(PathBuf),
    /// The FHIR document was written; the rules of the guides it does not meet.
    ExportedFhir(PathBuf, Vec<crate::report::fhir::Finding>),
}

#[derive(Debug)]
pub enum DeskError {
    /// The session is open for writing on another terminal.
    Busy,
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
            let pay = |session: &mut Session| {
                if session.payment.is_none() {
                    session.mark_paid(method, now);
                }
            };
            let (session, ()) = change_session(path, &by, now, pay)?;
            Ok(DeskDone::Paid(Box::new(session)))
        }
        DeskChange::MarkSent => {
            let (_, sent) =
                change_session(path, &by, now, |session| session.mark_report_sent(now))?;
            Ok(match sent {
                Ok(newly) => DeskDone::Sent(newly),
                Err(_) => DeskDone::NotExported,
            })
        }
        DeskChange::Export | DeskChange::ExportFhir => {
            let format = match change {
                DeskChange::ExportFhir => Format::Fhir,
                _ => Format::Docx,
            };
            let lang = report::language(config, None);
            let template = ReportTemplate::for_config(config, lang)
                .map_err(|err| DeskError::Export(ExportError::Template(err)))?;
            let job = Job {
                config,
                template: &template,
                format,
                force: false,
                with_memo: false,
            };
            let destination = Destination::Dir(export::exports_dir(data_dir));
            let exported = match export::export(Source::File(path), &job, &destination, now) {
                Ok(exported) => exported,
                Err(ExportError::Busy(_)) => through_part(path, &by, now, |session| {
                    let source = Source::Open { session, path };
                    export::export(source, &job, &destination, now)
                })?
                .1
                .map_err(DeskError::Export)?,
                Err(err) => return Err(DeskError::Export(err)),
            };
            Ok(match format {
                Format::Fhir => DeskDone::ExportedFhir(exported.path, exported.findings),
                _ => DeskDone::Exported(exported.path),
            })
        }
    }
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
