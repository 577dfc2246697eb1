//! The clerk's part file, `<id>.desk.toml`: what the desk records (a payment, the report
//! exported and sent) while the specialist's terminal has the session open and its file
//! locked. The specialist's terminal takes it in, as it takes in the companion's part, and
//! every reader of the session sees it merged.
//!
//! The desk owns the payment and the report's status; the merge only adds what the
//! session lacks or what is newer, so it gives the same result however often it runs.

use serde::{Deserialize, Serialize};

use super::payment::Payment;
use super::report_status::ReportStatus;
use super::session::Session;

/// The version of the desk part's format.
pub(crate) const DESK_PART_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskPart {
    pub format: u32,
    /// The id of the session this part belongs to.
    pub session: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Balances collected and refunds after the first payment (`Session::settlements`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<Payment>,
    #[serde(default, skip_serializing_if = "ReportStatus::is_empty")]
    pub report: ReportStatus,
}

impl DeskPart {
    /// The desk's fields of `session`, as the desk just changed them.
    pub fn of(session: &Session) -> DeskPart {
        DeskPart {
            format: DESK_PART_FORMAT,
            session: session.id.clone(),
            payment: session.payment.clone(),
            settlements: session.settlements.clone(),
            report: session.report.clone(),
        }
    }
}

/// Lay the desk's part over a session: a payment or settlement it lacks, a later export,
/// a sending it lacks. Returns whether anything changed.
pub fn apply_desk(session: &mut Session, part: &DeskPart) -> bool {
    let before = (
        session.payment.clone(),
        session.settlements.len(),
        session.report.clone(),
    );
    if session.payment.is_none() {
        session.payment.clone_from(&part.payment);
    }
    for settlement in &part.settlements {
        if !session.settlements.contains(settlement) {
            session.settlements.push(settlement.clone());
        }
    }
    let (into, from) = (&mut session.report, &part.report);
    let newer = from.exported_at > into.exported_at;
    if newer {
        into.exported_at = from.exported_at;
        into.exported_path.clone_from(&from.exported_path);
        into.exported_format.clone_from(&from.exported_format);
    }
    for path in &from.exported_paths {
        if !into.exported_paths.contains(path) {
            into.exported_paths.push(path.clone());
        }
    }
    for file in &from.exported_files {
        let known = into.exported_files.iter().any(|f| f.path == file.path);
        if !known || newer {
            into.record_written(file.clone());
        }
    }
    if into.sent_at.is_none() && from.sent_at.is_some() {
        into.sent_at = from.sent_at;
        into.sent_version = from.sent_version;
    }
    before
        != (
            session.payment.clone(),
            session.settlements.len(),
            session.report.clone(),
        )
}
