//! The clerk's view of a session: how far it has come, what is owed, when the report is due.
//! Read from its summary, which the desk keeps for every session.

use chrono::{NaiveDate, TimeDelta};

use super::money::Account;
use super::{ClockState, Mode, SessionSummary};

/// Where a session stands, in the order the day goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Progress {
    Cancelled,
    Declined,
    Scheduled,
    InConsultation,
    Ended,
    ReportExported,
    ReportSent,
}

impl Progress {
    /// The name the command line prints (`sonote list`): the same states as the screens,
    /// which word them in the configured language.
    pub fn name(self) -> &'static str {
        match self {
            Progress::Cancelled => "cancelled",
            Progress::Declined => "declined",
            Progress::Scheduled => "scheduled",
            Progress::InConsultation => "in_consultation",
            Progress::Ended => "ended",
            Progress::ReportExported => "report_exported",
            Progress::ReportSent => "report_sent",
        }
    }
}

pub fn progress(session: &SessionSummary) -> Progress {
    if session.cancelled {
        return Progress::Cancelled;
    }
    if session.declined && session.state == ClockState::Ready {
        return Progress::Declined;
    }
    match session.state {
        ClockState::Ready => Progress::Scheduled,
        ClockState::Running | ClockState::Paused => Progress::InConsultation,
        ClockState::Ended if session.sent_at.is_some() => Progress::ReportSent,
        ClockState::Ended if session.exported_at.is_some() => Progress::ReportExported,
        ClockState::Ended => Progress::Ended,
    }
}

/// The day of the consultation: the day it ended, or the day it is scheduled.
pub(crate) fn consultation_day(session: &SessionSummary) -> NaiveDate {
    session
        .ended_at
        .map(|at| at.date_naive())
        .unwrap_or(session.scheduled_date)
}

/// The day the report should reach the referring physician, once the consultation ended.
pub fn report_due(session: &SessionSummary, due_days: u32) -> Option<NaiveDate> {
    let ended = session.ended_at?;
    Some(ended.date_naive() + TimeDelta::days(i64::from(due_days)))
}

/// Reports of online consultations are always mailed.
pub fn report_mailed(session: &SessionSummary) -> bool {
    session.mode != Mode::InPerson
}

/// What the session owes and what changed hands (see `model::money`).
pub fn account(session: &SessionSummary) -> Account {
    let due = match progress(session) {
        Progress::Cancelled | Progress::Declined => 0,
        _ => session.fee_total,
    };
    Account {
        due,
        collected: session.paid,
        refunded: 0,
    }
}

/// The fee still to collect: the balance once part was paid, nothing once it all was or
/// the session was declined or cancelled.
pub fn amount_due(session: &SessionSummary) -> u64 {
    account(session).outstanding()
}

/// What was paid over the fee (it fell, or the session was cancelled), to pay back.
pub fn refund_due(session: &SessionSummary) -> u64 {
    account(session).to_refund()
}

/// What the desk list shows, chosen with one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    All,
    Scheduled,
    InConsultation,
    Ended,
    ReportExported,
    ReportSent,
    Unpaid,
    /// Ended, the report not sent, and its due day reached.
    ReportOverdue,
}

impl StateFilter {
    pub(crate) const ALL: [StateFilter; 8] = [
        StateFilter::All,
        StateFilter::Scheduled,
        StateFilter::InConsultation,
        StateFilter::Ended,
        StateFilter::ReportExported,
        StateFilter::ReportSent,
        StateFilter::Unpaid,
        StateFilter::ReportOverdue,
    ];

    pub(crate) fn next(self) -> StateFilter {
        let index = StateFilter::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or(0);
        StateFilter::ALL[(index + 1) % StateFilter::ALL.len()]
    }

    pub fn matches(self, session: &SessionSummary, today: NaiveDate, due_days: u32) -> bool {
        let progress = progress(session);
        match self {
            StateFilter::All => true,
            StateFilter::Scheduled => progress == Progress::Scheduled,
            StateFilter::InConsultation => progress == Progress::InConsultation,
            StateFilter::Ended => progress == Progress::Ended,
            StateFilter::ReportExported => progress == Progress::ReportExported,
            StateFilter::ReportSent => progress == Progress::ReportSent,
            // A balance either way: still to collect, or to pay back.
            StateFilter::Unpaid => {
                (amount_due(session) > 0 && progress != Progress::Scheduled)
                    || refund_due(session) > 0
            }
            StateFilter::ReportOverdue => {
                progress < Progress::ReportSent
                    && report_due(session, due_days).is_some_and(|due| due <= today)
            }
        }
    }
}
