//! The Session aggregate: everything recorded about one consultation, as saved on disk.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::clock::{Clock, ClockError, ClockRules, ClockState, Timestamp};
use super::fee::{Fee, FeeSchedule};
use super::intake::{EligibilityOverride, Intake, Missing, Sex, missing_requirements};
use super::money::Cancellation;
use super::opinion::Opinion;
use super::payment::{Payment, PaymentMethod};
use super::question::CurrentMark;
pub use super::question::Question;
use super::record::Record;
use super::report_status::ReportStatus;

/// The version of the session file format; bumped when a field changes meaning.
pub(crate) const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    InPerson,
    Online,
    /// The patient online, family in the room.
    Hybrid,
}

impl Mode {
    pub(crate) const ALL: [Mode; 3] = [Mode::InPerson, Mode::Online, Mode::Hybrid];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Patient {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_kana: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hospital_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// The patient's address, prefecture first ("東京都千代田区…"): the FHIR export's
    /// Patient.address, which JP_Patient_eCS requires.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The health-insurance member ID as JP-CLINS writes it,
    /// `insurer(8 digits):symbol:number:branch(2 digits or empty)`; self-pay consultations
    /// record it only when the clinic sends the reply to the national EHR service.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub insurance_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Specialist {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub department: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub format: u32,
    pub id: String,
    pub created_at: Timestamp,
    /// The embedded sample, not a real patient.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    pub scheduled_date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_time: Option<NaiveTime>,
    #[serde(default)]
    pub mode: Mode,
    pub patient: Patient,
    #[serde(default)]
    pub specialist: Specialist,
    #[serde(default)]
    pub intake: Intake,
    /// The specialist's free notes during the consultation.
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The specialist's structured opinion; absent in files from before it existed.
    #[serde(default, skip_serializing_if = "Opinion::is_empty")]
    pub opinion: Opinion,
    /// Which question was being asked from when: the time spent on each is read from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub current_log: Vec<CurrentMark>,
    /// Deleted questions, kept with their answers so no typed word is lost (see
    /// `delete_question`); not shown, not reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted_questions: Vec<Question>,
    pub clock: Clock,
    pub fee_schedule: FeeSchedule,
    /// The fee as it stands, recomputed on every change of the clock.
    pub fee: Fee,
    /// The fee as collected, once the clerk records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// What changed hands after that first payment, in order: a balance collected after
    /// an extension, a refund after the fee fell (see `model::money`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<Payment>,
    /// The consultation was called off before it began; the session is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<Cancellation>,
    /// Export and sending of the report to the referring physician.
    #[serde(default, skip_serializing_if = "ReportStatus::is_empty")]
    pub report: ReportStatus,
    /// Confirmations and corrections of the record.
    #[serde(default, skip_serializing_if = "Record::is_empty")]
    pub record: Record,
    /// Fields of the file this version does not know (a newer sonote wrote them), as
    /// paths. Never written: a session that has any is opened read-only, so that a save
    /// does not drop them.
    #[serde(skip)]
    pub unknown_fields: Vec<String>,
}

/// What a new session starts from; the rest comes from the configuration.
#[derive(Debug, Clone, Default)]
pub struct NewSession {
    pub id: String,
    pub scheduled_date: NaiveDate,
    pub scheduled_time: Option<NaiveTime>,
    pub mode: Mode,
    pub patient: Patient,
    pub specialist: Specialist,
    pub questions: Vec<Question>,
    pub intake: Intake,
    pub demo: bool,
}

impl Session {
    pub fn new(
        draft: NewSession,
        rules: ClockRules,
        fee_schedule: FeeSchedule,
        now: Timestamp,
    ) -> Self {
        let mut session = Session {
            format: FORMAT_VERSION,
            id: draft.id,
            created_at: now,
            demo: draft.demo,
            scheduled_date: draft.scheduled_date,
            scheduled_time: draft.scheduled_time,
            mode: draft.mode,
            patient: draft.patient,
            specialist: draft.specialist,
            intake: draft.intake,
            memo: String::new(),
            questions: draft.questions,
            opinion: Opinion::default(),
            current_log: Vec::new(),
            deleted_questions: Vec::new(),
            clock: Clock::new(rules),
            fee_schedule,
            fee: Fee::default(),
            payment: None,
            settlements: Vec::new(),
            cancelled: None,
            report: ReportStatus::default(),
            record: Record::default(),
            unknown_fields: Vec::new(),
        };
        session.refresh_fee();
        // The opinion starts from what the referral says; the specialist may correct it.
        session.opinion.referral_diagnosis = session.intake.referral.diagnosis.clone();
        session.ensure_question_ids();
        session
    }

    /// The report was handed over or mailed: recorded once, with the version of the
    /// confirmed record it was (see `ReportStatus::mark_sent`).
    pub fn mark_report_sent(
        &mut self,
        at: Timestamp,
    ) -> Result<bool, super::report_status::SendError> {
        let newly = self.report.mark_sent(at)?;
        if newly && self.record.version() > 0 {
            self.report.sent_version = Some(self.record.version());
        }
        Ok(newly)
    }

    pub fn state(&self) -> ClockState {
        self.clock.state()
    }

    /// Start, pause or resume.
    pub fn toggle_clock(&mut self, now: Timestamp) -> Result<(), ClockError> {
        if self.cancelled.is_some() {
            return Err(ClockError::Cancelled);
        }
        self.clock.toggle(now)?;
        // A pause settles the time used so far, which a fee by time used follows.
        self.refresh_fee();
        Ok(())
    }

    pub fn pause_clock(&mut self, now: Timestamp, note: Option<String>) -> Result<(), ClockError> {
        self.clock.pause_with_note(now, note)?;
        self.refresh_fee();
        Ok(())
    }

    pub fn extend(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.clock.extend(now)?;
        self.refresh_fee();
        Ok(())
    }

    pub fn end(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.clock.end(now)?;
        self.refresh_fee();
        Ok(())
    }

    /// What is missing for a valid consultation on the scheduled day.
    pub fn missing_requirements(&self) -> Vec<Missing> {
        missing_requirements(
            &self.intake,
            self.patient.date_of_birth,
            self.scheduled_date,
        )
    }

    /// Start the clock although requirements are missing: the specialist's decision, kept
    /// with its reason and what was missing, for the report.
    pub fn start_with_override(&mut self, reason: &str, now: Timestamp) -> Result<(), ClockError> {
        if self.cancelled.is_some() {
            return Err(ClockError::Cancelled);
        }
        let missing = self.missing_requirements();
        self.clock.start(now)?;
        let at = self.clock.started_at().unwrap_or(now);
        self.intake.eligibility_override = Some(EligibilityOverride {
            reason: reason.trim().to_string(),
            at,
            missing,
        });
        Ok(())
    }

    /// Record the fee as paid now, for the amount due now (see `settle`).
    pub fn mark_paid(&mut self, method: PaymentMethod, now: Timestamp) {
        self.settle(method, now);
    }

    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        self.refresh_fee();
    }

    /// Take back the last extension while none of its time is used; the fee follows.
    pub fn withdraw_extension(&mut self, now: Timestamp) -> Result<(), ClockError> {
        self.clock.withdraw_extension(now)?;
        self.refresh_fee();
        Ok(())
    }

    /// The fee as it stands at `now`: while the clock runs, the time used so far counts
    /// (the stored `fee` is as of the clock's last event).
    pub fn fee_at(&self, now: Timestamp) -> Fee {
        if self.state() != ClockState::Running {
            return self.fee.clone();
        }
        let extensions = self.fee_schedule.extensions_charged_at(&self.clock, now);
        self.fee_schedule.compute(self.mode, extensions)
    }

    pub(crate) fn refresh_fee(&mut self) {
        let extensions = self.fee_schedule.extensions_charged(&self.clock);
        self.fee = self.fee_schedule.compute(self.mode, extensions);
    }

    /// A short label for lists: the patient, or a placeholder when none was entered.
    pub(crate) fn patient_label(&self) -> &str {
        patient_label(&self.patient.name)
    }
}

/// A patient's name for lists, or a placeholder when none was entered.
pub(super) fn patient_label(name: &str) -> &str {
    if name.trim().is_empty() { "—" } else { name }
}
