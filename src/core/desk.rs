//! The clerk's changes to a session on disk: a payment, the report sent, the report
//! exported. Each takes the session's writer lock, so a session open for writing on
//! another terminal is refused and left alone.

use std::path::{Path, PathBuf};

use super::export::{self, Destination, ExportError, Job, Source};
use crate::config::Config;
use crate::model::payment::PaymentMethod;
use crate::model::{Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Format};
use crate::store::{self, UpdateError};

/// What the clerk asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskChange {
    Pay(PaymentMethod),
    MarkSent,
    /// The report as docx, in the configured report language, into the data folder's
    /// `exports/`.
    Export,
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
    let updated = |err| match err {
        UpdateError::Busy => DeskError::Busy,
        other => DeskError::Update(other),
    };
    match change {
        DeskChange::Pay(method) => {
            let pay = |session: &mut Session| {
                if session.payment.is_none() {
                    session.mark_paid(method, now);
                }
            };
            let (session, ()) = store::update(path, &by, now, pay).map_err(updated)?;
            Ok(DeskDone::Paid(Box::new(session)))
        }
        DeskChange::MarkSent => {
            let (_, sent) = store::update(path, &by, now, |session| session.mark_report_sent(now))
                .map_err(updated)?;
            Ok(match sent {
                Ok(newly) => DeskDone::Sent(newly),
                Err(_) => DeskDone::NotExported,
            })
        }
        DeskChange::Export => {
            let lang = report::language(config, None);
            let template = ReportTemplate::for_config(config, lang)
                .map_err(|err| DeskError::Export(ExportError::Template(err)))?;
            let job = Job {
                config,
                template: &template,
                format: Format::Docx,
                force: false,
            };
            let destination = Destination::Dir(export::exports_dir(data_dir));
            match export::export(Source::File(path), &job, &destination, now) {
                Ok(exported) => Ok(DeskDone::Exported(exported.path)),
                Err(ExportError::Busy(_)) => Err(DeskError::Busy),
                Err(err) => Err(DeskError::Export(err)),
            }
        }
    }
}
