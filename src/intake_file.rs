//! Intake files: what the clerk prepares before the day, read into a new session.
//!
//! The file is read and checked whole before anything is created: a missing or malformed
//! field is refused with the file, the line and the field, and no session appears.

use std::path::Path;

use chrono::NaiveTime;
use serde::Deserialize;

use crate::model::intake::{
    Companion, Declined, Exclusion, Material, MaterialKind, Medium, Referral, Sex,
};
use crate::model::{Asker, Intake, Mode, NewSession, Patient, Priority, Question, Specialist};
use crate::tomlfile::{self, FileError, FlexDate, Problem};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntakeFile {
    patient: PatientSection,
    #[serde(default)]
    attendance: AttendanceSection,
    #[serde(default)]
    referral: ReferralSection,
    #[serde(default)]
    materials: Vec<MaterialSection>,
    appointment: AppointmentSection,
    #[serde(default)]
    questions: Vec<QuestionSection>,
    #[serde(default)]
    declined: Option<DeclinedSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatientSection {
    name: String,
    #[serde(default)]
    name_kana: String,
    #[serde(default)]
    sex: Option<Sex>,
    #[serde(default)]
    date_of_birth: Option<FlexDate>,
    #[serde(default)]
    hospital_id: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    insurance_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendanceSection {
    #[serde(default = "yes")]
    patient_attends: bool,
    #[serde(default)]
    consent_form: bool,
    #[serde(default)]
    relationship_document: bool,
    #[serde(default)]
    companions: Vec<CompanionSection>,
}

impl Default for AttendanceSection {
    fn default() -> Self {
        AttendanceSection {
            patient_attends: true,
            consent_form: false,
            relationship_document: false,
            companions: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompanionSection {
    name: String,
    relationship: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferralSection {
    #[serde(default)]
    received: bool,
    #[serde(default)]
    date: Option<FlexDate>,
    #[serde(default)]
    physician: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    institution_number: String,
    #[serde(default)]
    diagnosis: String,
    #[serde(default)]
    question: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MaterialSection {
    kind: MaterialKind,
    medium: Medium,
    #[serde(default)]
    description: String,
    #[serde(default)]
    received_on: Option<FlexDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppointmentSection {
    date: FlexDate,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    mode: Mode,
    #[serde(default)]
    specialist: String,
    #[serde(default)]
    department: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionSection {
    text: String,
    /// In the intake's words: "長女 見本 美咲".
    #[serde(default)]
    asked_by: String,
    /// patient | companion | specialist
    #[serde(default)]
    asker: Asker,
    /// high | normal | low
    #[serde(default)]
    priority: Priority,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeclinedSection {
    reason: Exclusion,
    #[serde(default)]
    note: String,
}

/// Read and check an intake file.
pub fn read(path: &Path) -> Result<NewSession, FileError> {
    let text = tomlfile::read_text(path)?;
    parse(path, &text)
}

/// Parse and check intake text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<NewSession, FileError> {
    let file: IntakeFile = tomlfile::parse(path, text)?;
    let err = |field: &str, message: &str| FileError::at_field(path, text, field, message);
    let empty = |field: &str| err(field, "must not be empty").with(Problem::Empty);

    let name = file.patient.name.trim();
    if name.is_empty() {
        return Err(empty("patient.name"));
    }
    let day = file.appointment.date.0;
    // A year far from today is a typo in the appointment (0000, 2062 for 2026), not a
    // patient born after it.
    if !(2000..=2100).contains(&chrono::Datelike::year(&day)) {
        return Err(err(
            "appointment.date",
            "is not a date a consultation could be on (the year must be between 2000 and 2100)",
        )
        .with(Problem::YearBetween {
            min: 2000,
            max: 2100,
        }));
    }
    let date_of_birth = file.patient.date_of_birth.map(|d| d.0);
    if date_of_birth.is_some_and(|dob| dob > day) {
        return Err(
            err("patient.date_of_birth", "is after the appointment date").with(Problem::BornAfter),
        );
    }
    let time = match &file.appointment.time {
        None => None,
        Some(time) => Some(
            NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| {
                err(
                    "appointment.time",
                    &format!("{time:?} is not a time such as \"14:30\""),
                )
                .with(Problem::NotATime(time.clone()))
            })?,
        ),
    };
    let number = file.referral.institution_number.trim();
    if !number.is_empty() && !crate::config::is_institution_number(number) {
        return Err(err(
            "referral.institution_number",
            &format!(
                "{number:?} is not a 10-digit insurance medical institution number \
                 (2 digits for the prefecture, 1 for the category (1-3), 7 for the number)"
            ),
        )
        .with(Problem::InstitutionNumber(number.to_string())));
    }
    let member = file.patient.insurance_id.trim();
    if !member.is_empty() && !crate::report::fhir::rules::is_insurance_id(member) {
        return Err(err(
            "patient.insurance_id",
            &format!(
                "{member:?} is not insurer(8 digits):symbol:number:branch(2 digits or empty), \
                 as in \"06139999:記号:1234567:01\""
            ),
        )
        .with(Problem::InsuranceId(member.to_string())));
    }
    for (index, companion) in file.attendance.companions.iter().enumerate() {
        if companion.name.trim().is_empty() {
            return Err(empty(&format!("attendance.companions[{index}].name")));
        }
    }
    if !file.attendance.patient_attends && file.attendance.companions.is_empty() {
        return Err(err(
            "attendance.patient_attends",
            "is false, but no companion is listed: somebody must attend",
        )
        .with(Problem::NobodyAttends));
    }
    for (index, question) in file.questions.iter().enumerate() {
        if question.text.trim().is_empty() {
            return Err(empty(&format!("questions[{index}].text")));
        }
    }
    let received_date = |d: Option<FlexDate>| d.map(|d| d.0);

    Ok(NewSession {
        id: String::new(),
        scheduled_date: day,
        scheduled_time: time,
        mode: file.appointment.mode,
        patient: Patient {
            name: name.to_string(),
            name_kana: file.patient.name_kana.trim().to_string(),
            date_of_birth,
            hospital_id: file.patient.hospital_id.trim().to_string(),
            sex: file.patient.sex,
            address: file.patient.address.trim().to_string(),
            insurance_id: file.patient.insurance_id.trim().to_string(),
        },
        specialist: Specialist {
            name: file.appointment.specialist,
            department: file.appointment.department,
        },
        questions: file
            .questions
            .into_iter()
            .map(|q| Question {
                text: q.text.trim().to_string(),
                asked_by: q.asked_by,
                asker: q.asker,
                priority: q.priority,
                ..Question::default()
            })
            .collect(),
        intake: Intake {
            patient_attends: file.attendance.patient_attends,
            companions: file
                .attendance
                .companions
                .into_iter()
                .map(|c| Companion {
                    name: c.name.trim().to_string(),
                    relationship: c.relationship.trim().to_string(),
                })
                .collect(),
            consent_form: file.attendance.consent_form,
            relationship_document: file.attendance.relationship_document,
            referral: Referral {
                received: file.referral.received,
                date: received_date(file.referral.date),
                physician: file.referral.physician,
                institution: file.referral.institution,
                department: file.referral.department,
                address: file.referral.address,
                institution_number: file.referral.institution_number.trim().to_string(),
                diagnosis: file.referral.diagnosis,
                question: file.referral.question,
            },
            materials: file
                .materials
                .into_iter()
                .map(|m| Material {
                    kind: m.kind,
                    medium: m.medium,
                    description: m.description,
                    received_on: received_date(m.received_on),
                })
                .collect(),
            declined: file.declined.map(|d| Declined {
                reason: d.reason,
                note: d.note,
            }),
            eligibility_override: None,
        },
        demo: false,
    })
}
