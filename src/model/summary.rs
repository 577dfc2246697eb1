//! What a list of sessions shows of each (the home screen, the clerk's desk, `sonote list`):
//! a few fields, taken from the session as read whole and checked. Small, so that a summary
//! of every session in the data directory can be kept between listings (`store::listing`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::clock::{ClockState, Timestamp};
use super::fee::PaymentTiming;
use super::payment::Payment;
use super::session::{Mode, Session};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    /// The embedded sample, not a real patient.
    pub demo: bool,
    pub scheduled_date: NaiveDate,
    pub mode: Mode,
    pub patient_name: String,
    pub state: ClockState,
    /// When the clock ended, if it did.
    pub ended_at: Option<Timestamp>,
    /// The request was declined at intake.
    pub declined: bool,
    /// The fee as it stands (`Session::fee`).
    pub fee_total: u64,
    pub fee_currency: String,
    pub payment_timing: PaymentTiming,
    pub payment: Option<Payment>,
    /// Collected less refunded, every payment counted.
    #[serde(default)]
    pub paid: u64,
    /// The session was cancelled (kept, not held).
    #[serde(default)]
    pub cancelled: bool,
    pub exported_at: Option<Timestamp>,
    pub sent_at: Option<Timestamp>,
    /// The version of the confirmed record that was sent (0: sent unconfirmed).
    #[serde(default)]
    pub sent_version: u32,
}

impl Session {
    /// What a list of sessions shows of this one.
    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            id: self.id.clone(),
            demo: self.demo,
            scheduled_date: self.scheduled_date,
            mode: self.mode,
            patient_name: self.patient.name.clone(),
            state: self.state(),
            ended_at: self.clock.ended_at(),
            declined: self.intake.declined.is_some(),
            fee_total: self.fee.total,
            fee_currency: self.fee.currency.clone(),
            payment_timing: self.fee_schedule.payment,
            payment: self.payment.clone(),
            paid: self.account().paid(),
            cancelled: self.cancelled.is_some(),
            exported_at: self.report.exported_at,
            sent_at: self.report.sent_at,
            sent_version: self.report.sent_version.unwrap_or(0),
        }
    }
}

impl SessionSummary {
    /// The patient, or a placeholder when none was entered (as `Session::patient_label`).
    pub(crate) fn patient_label(&self) -> &str {
        super::session::patient_label(&self.patient_name)
    }
}
