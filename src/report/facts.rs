//! Session → facts: the session read into plain data with stable names, one function per
//! part. Text left empty in the session is None here, and the wording says "not recorded" or
//! leaves it out; a field added to the session is fed in by the function of its part. This
//! is the only place that knows the session's fields.

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use serde::Serialize;

use crate::config::Config;
use crate::model::intake::{MaterialKind, Medium, Missing, age_on};
use crate::model::opinion::{
    DiagnosisView, DrugClass, Ecog, PlanAgreement, Recommendation, TreatmentKind,
};
use crate::model::{
    Asker, ClockState, EventKind, FeeItem, Mode, QuestionState, Session, Timestamp,
};

use super::text::{clean_line, some_line, some_text};

/// The session as the report sees it: plain data with stable names, serialized as is in
/// the json export. Empty texts are `None`, so "not recorded" is never an empty string.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    pub session_id: String,
    pub demo: bool,
    pub institution: InstitutionFacts,
    /// The date the report carries: the day the consultation ended, else its scheduled day.
    pub report_date: NaiveDate,
    /// The day of the consultation: the day the clock started, else the scheduled day.
    pub consultation_date: NaiveDate,
    pub scheduled_date: NaiveDate,
    pub scheduled_time: Option<String>,
    pub mode: Mode,
    pub referral: ReferralFacts,
    pub patient: PatientFacts,
    pub specialist: SpecialistFacts,
    /// Who took part: the patient (when present) first, then the companions.
    pub attendees: Vec<Attendee>,
    pub patient_attends: bool,
    pub materials: Vec<MaterialFacts>,
    /// The specialist began although a requirement of the intake was missing.
    pub eligibility_override: Option<EligibilityFacts>,
    pub time: TimeFacts,
    pub questions: Vec<QuestionFacts>,
    pub opinion: OpinionFacts,
    /// The specialist's own notes during the consultation: private, left out of the json
    /// export unless the template prints them (see `json::render`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    pub fee: FeeFacts,
    pub clock_events: Vec<ClockEventFacts>,
    /// The version confirmed last (0: not confirmed) and the corrections before it.
    pub version: u32,
    /// When that version was confirmed, in the clinic's zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<Timestamp>,
    pub corrections: Vec<CorrectionFacts>,
}

/// A correction of a confirmed record, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectionFacts {
    pub at: Timestamp,
    pub by: String,
    pub reason: String,
    pub of_version: u32,
    pub changes: Vec<crate::model::record::Corrected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstitutionFacts {
    pub name: String,
    pub address: String,
    /// The 10-digit insurance medical institution number, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// The referral letter: the primary physician who wrote it, where they work, and what it
/// says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ReferralFacts {
    pub received: bool,
    pub date: Option<NaiveDate>,
    pub institution: Option<String>,
    pub department: Option<String>,
    pub address: Option<String>,
    pub physician: Option<String>,
    /// The referring institution's 10-digit insurance medical institution number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_number: Option<String>,
    /// The diagnosis and stage as the referral states them.
    pub diagnosis: Option<String>,
    /// What the referral asks of this consultation.
    pub question: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatientFacts {
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Age in whole years on the consultation date.
    pub age: Option<u32>,
    pub hospital_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<crate::model::intake::Sex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `insurer:symbol:number:branch`, as recorded at intake.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insurance_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialistFacts {
    pub name: Option<String>,
    pub department: Option<String>,
}

/// Someone who took part in the consultation: the patient, family, a companion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    pub name: String,
    /// Relationship to the patient, in the intake's words ("長女"); None for the patient.
    pub relationship: Option<String>,
    pub is_patient: bool,
}

/// Test material lent by the primary physician.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialFacts {
    /// `blood_test`, `ultrasound`, `x_ray`, `ct`, `mri`, `pathology` or `other`.
    pub kind: &'static str,
    /// `film`, `cd_r` or `paper`.
    pub medium: &'static str,
    pub description: Option<String>,
    pub received_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeFacts {
    pub state: ClockState,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// Time the clock ran, pauses excluded; known once the consultation has ended.
    pub duration_seconds: Option<i64>,
    pub allowed_minutes: i64,
    pub extensions: u32,
    pub extension_minutes: i64,
    pub pauses: u32,
    pub paused_seconds: i64,
}

/// The clock was started although the intake lacked something: what, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EligibilityFacts {
    /// The specialist's reason, as typed.
    pub reason: Option<String>,
    pub at: Timestamp,
    /// `{"kind": "referral_letter" | "consent_form" | "relationship_document"}`, or
    /// `{"kind": "declined", "reason": <exclusion>}`.
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionFacts {
    pub text: String,
    pub asker: Asker,
    /// Who asked, in the intake's words ("長女 見本 美咲").
    pub asked_by: Option<String>,
    pub state: QuestionState,
    /// Both terminals' answers as one text, the specialist's first.
    pub answer: Option<String>,
    pub specialist_answer: Option<String>,
    pub companion_answer: Option<String>,
    /// The specialist chose to print the companion's notes, as the family's.
    pub companion_in_letter: bool,
    pub answered_at: Option<Timestamp>,
    /// Time on the consultation clock while it was the current question; known once the
    /// consultation has ended (before, it would depend on the moment of the export).
    pub seconds_spent: Option<i64>,
}

/// The specialist's structured opinion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct OpinionFacts {
    pub referral_diagnosis: Option<String>,
    pub referral_stage: Option<String>,
    pub diagnosis_view: Option<DiagnosisView>,
    pub own_diagnosis: Option<String>,
    /// ECOG grade, 0 to 4.
    pub performance_status: Option<Ecog>,
    pub patient_wishes: Option<String>,
    /// One per option shown (`Opinion::kinds`), in the order of the screen and the report.
    pub treatments: Vec<TreatmentFacts>,
    pub plan_agreement: Option<PlanAgreement>,
    pub plan_differences: Option<String>,
    pub summary: Option<String>,
    pub suggestions: Option<String>,
    pub note: Option<String>,
}

/// The specialist's opinion on one treatment option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentFacts {
    pub kind: TreatmentKind,
    pub recommendation: Recommendation,
    /// Only for drug therapy.
    pub drug_classes: Vec<DrugClass>,
    pub reasoning: Option<String>,
    pub benefit: Option<String>,
    pub risks: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeFacts {
    pub currency: String,
    pub tax_included: bool,
    pub total: u64,
    pub lines: Vec<FeeLineFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeLineFacts {
    pub item: &'static str,
    pub amount: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockEventFacts {
    pub kind: &'static str,
    pub at: Timestamp,
    pub minutes: Option<u32>,
    pub note: Option<String>,
}

/// Read a session into the facts its report is worded from.
pub fn facts(session: &Session, config: &Config) -> Facts {
    let local = |at: Timestamp| config.institution.zone.local(at);
    let mut time = time_facts(session);
    // Every time the report prints or exports is the clinic's: a computer set to another
    // zone recorded its own offset.
    time.started_at = time.started_at.map(local);
    time.ended_at = time.ended_at.map(local);
    let consultation_date = time
        .started_at
        .map(|at| at.date_naive())
        .unwrap_or(session.scheduled_date);
    let report_date = time
        .ended_at
        .map(|at| at.date_naive())
        .unwrap_or(session.scheduled_date);
    Facts {
        session_id: session.id.clone(),
        demo: session.demo,
        institution: InstitutionFacts {
            name: clean_line(&config.institution.name),
            address: clean_line(&config.institution.address),
            number: some_line(&config.institution.number),
        },
        report_date,
        consultation_date,
        scheduled_date: session.scheduled_date,
        scheduled_time: session
            .scheduled_time
            .map(|time: NaiveTime| time.format("%H:%M").to_string()),
        mode: session.mode,
        referral: referral(session),
        patient: patient_facts(session, consultation_date),
        specialist: SpecialistFacts {
            name: some_line(&session.specialist.name),
            department: some_line(&session.specialist.department),
        },
        attendees: attendees(session),
        patient_attends: session.intake.patient_attends,
        materials: materials(session),
        eligibility_override: eligibility_override(session).map(|mut e| {
            e.at = local(e.at);
            e
        }),
        questions: questions(session, time.ended_at)
            .into_iter()
            .map(|mut q| {
                q.answered_at = q.answered_at.map(local);
                q
            })
            .collect(),
        time,
        opinion: opinion(session, config),
        memo: some_text(&session.memo),
        fee: fee_facts(session),
        clock_events: session
            .clock
            .events
            .iter()
            .map(|event| ClockEventFacts {
                kind: crate::model::clock::kind_name(event.kind),
                at: local(event.at),
                minutes: event.minutes,
                note: event.note.as_deref().and_then(some_text),
            })
            .collect(),
        version: session.record.version(),
        confirmed_at: session.record.confirmations.last().map(|c| local(c.at)),
        // The corrections confirmed: an open one is not part of any version yet.
        corrections: session
            .record
            .corrections
            .iter()
            .filter(|c| c.of_version < session.record.version())
            .map(|c| CorrectionFacts {
                at: local(c.at),
                by: c.by.clone(),
                reason: c.reason.clone(),
                of_version: c.of_version,
                changes: c.changes.clone(),
            })
            .collect(),
    }
}

/// The referral letter as the intake recorded it.
fn referral(session: &Session) -> ReferralFacts {
    let referral = &session.intake.referral;
    ReferralFacts {
        received: referral.received,
        date: referral.date,
        institution: some_line(&referral.institution),
        department: some_line(&referral.department),
        address: some_line(&referral.address),
        physician: some_line(&referral.physician),
        institution_number: some_line(&referral.institution_number),
        diagnosis: some_text(&referral.diagnosis),
        question: some_text(&referral.question),
    }
}

fn patient_facts(session: &Session, on: NaiveDate) -> PatientFacts {
    let patient = &session.patient;
    PatientFacts {
        name: some_line(&patient.name),
        name_kana: some_line(&patient.name_kana),
        date_of_birth: patient.date_of_birth,
        // A birth date after the consultation is a typing error: no age rather than 0.
        age: patient
            .date_of_birth
            .filter(|born| *born <= on)
            .map(|born| age_on(born, on)),
        hospital_id: some_line(&patient.hospital_id),
        sex: patient.sex,
        address: some_line(&patient.address),
        insurance_id: some_line(&patient.insurance_id),
    }
}

/// Who attended, from the intake: the patient unless they stayed away, then each
/// companion with their relationship. Who asked a question is not taken for an attendee.
fn attendees(session: &Session) -> Vec<Attendee> {
    let intake = &session.intake;
    let patient = intake
        .patient_attends
        .then(|| some_line(&session.patient.name))
        .flatten()
        .map(|name| Attendee {
            name,
            relationship: None,
            is_patient: true,
        });
    let companions = intake.companions.iter().filter_map(|companion| {
        Some(Attendee {
            name: some_line(&companion.name)?,
            relationship: some_line(&companion.relationship),
            is_patient: false,
        })
    });
    patient.into_iter().chain(companions).collect()
}

/// The materials the primary physician lent, as the intake recorded them.
fn materials(session: &Session) -> Vec<MaterialFacts> {
    session
        .intake
        .materials
        .iter()
        .map(|material| MaterialFacts {
            kind: match material.kind {
                MaterialKind::BloodTest => "blood_test",
                MaterialKind::Ultrasound => "ultrasound",
                MaterialKind::XRay => "x_ray",
                MaterialKind::Ct => "ct",
                MaterialKind::Mri => "mri",
                MaterialKind::Pathology => "pathology",
                MaterialKind::Other => "other",
            },
            medium: match material.medium {
                Medium::Film => "film",
                Medium::CdR => "cd_r",
                Medium::Paper => "paper",
            },
            description: some_text(&material.description),
            received_on: material.received_on,
        })
        .collect()
}

fn time_facts(session: &Session) -> TimeFacts {
    let clock = &session.clock;
    let ended_at = clock.ended_at();
    let mut pauses = 0;
    let mut paused = TimeDelta::zero();
    let mut paused_since: Option<Timestamp> = None;
    for event in &clock.events {
        match event.kind {
            EventKind::Pause => {
                pauses += 1;
                paused_since = Some(event.at);
            }
            EventKind::Resume | EventKind::End => {
                if let Some(since) = paused_since.take() {
                    paused += (event.at - since).max(TimeDelta::zero());
                }
            }
            EventKind::Start | EventKind::Extend | EventKind::Withdraw => {}
        }
    }
    let allowed = clock.allowed().num_minutes();
    TimeFacts {
        state: clock.state(),
        started_at: clock.started_at(),
        ended_at,
        // Once ended, the elapsed time no longer depends on the moment it is asked.
        duration_seconds: ended_at.map(|end| clock.elapsed(end).num_seconds()),
        allowed_minutes: allowed,
        // Once ended, the extension the time used reached into, as the fee counts it: an
        // extension granted and not used is no part of the record of the time.
        extensions: match ended_at {
            Some(end) => clock.extensions_entered(end),
            None => clock.extensions_used(),
        },
        extension_minutes: match ended_at {
            Some(end) => (clock.minutes_used(end) - i64::from(clock.rules.session_minutes)).max(0),
            None => allowed - i64::from(clock.rules.session_minutes),
        },
        pauses,
        paused_seconds: paused.num_seconds(),
    }
}

/// The clock was started without a requirement: what was missing and the specialist's
/// reason, as the session recorded them when it started.
fn eligibility_override(session: &Session) -> Option<EligibilityFacts> {
    let record = session.intake.eligibility_override.as_ref()?;
    Some(EligibilityFacts {
        reason: some_text(&record.reason),
        at: record.at,
        missing: record.missing.clone(),
    })
}

/// The questions with who asked, what became of them and the answers of both terminals.
/// Deleted questions are not reported.
fn questions(session: &Session, ended_at: Option<Timestamp>) -> Vec<QuestionFacts> {
    session
        .questions
        .iter()
        .filter_map(|question| {
            Some(QuestionFacts {
                text: some_text(&question.text)?,
                asker: question.asker,
                asked_by: some_line(&question.asked_by),
                state: question.state,
                answer: some_text(&question.full_answer()),
                specialist_answer: some_text(&question.answer),
                companion_answer: some_text(&question.companion_answer),
                companion_in_letter: question.companion_in_letter,
                answered_at: question.answered_at,
                seconds_spent: ended_at
                    .map(|end| session.time_on_question(&question.id, end).num_seconds()),
            })
        })
        .collect()
}

/// The structured opinion, with a row for every option the opinion tab shows.
fn opinion(session: &Session, config: &Config) -> OpinionFacts {
    let o = &session.opinion;
    let treatments = o
        .kinds(&config.opinion.optional_kinds())
        .into_iter()
        .map(|kind| {
            let row = o.treatment(kind);
            let text = |pick: fn(&crate::model::opinion::TreatmentOpinion) -> &str| {
                row.and_then(|row| some_text(pick(row)))
            };
            TreatmentFacts {
                kind,
                recommendation: o.recommendation(kind),
                drug_classes: match kind {
                    TreatmentKind::DrugTherapy => {
                        row.map(|row| row.drug_classes.clone()).unwrap_or_default()
                    }
                    _ => Vec::new(),
                },
                reasoning: text(|row| &row.reasoning),
                benefit: text(|row| &row.benefit),
                risks: text(|row| &row.risks),
                reference: text(|row| &row.reference),
                note: text(|row| &row.note),
            }
        })
        .collect();
    OpinionFacts {
        referral_diagnosis: some_text(&o.referral_diagnosis),
        referral_stage: some_text(&o.referral_stage),
        diagnosis_view: o.diagnosis_view,
        own_diagnosis: some_text(&o.own_diagnosis),
        performance_status: o.performance_status,
        patient_wishes: some_text(&o.patient_wishes),
        treatments,
        plan_agreement: o.plan_agreement,
        plan_differences: some_text(&o.plan_differences),
        summary: some_text(&o.summary),
        suggestions: some_text(&o.suggestions),
        note: some_text(&o.note),
    }
}

fn fee_facts(session: &Session) -> FeeFacts {
    let fee = &session.fee;
    FeeFacts {
        currency: fee.currency.clone(),
        tax_included: fee.tax_included,
        total: fee.total,
        lines: fee
            .lines
            .iter()
            .map(|line| FeeLineFacts {
                item: match line.item {
                    FeeItem::Base => "base",
                    FeeItem::Online => "online",
                    FeeItem::Extension => "extension",
                },
                amount: line.amount,
            })
            .collect(),
    }
}
