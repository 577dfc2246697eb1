//! Intake: who comes, what the referral says, what materials arrived, and whether the
//! request may be accepted (the hospitals' rules, DOMAIN.md).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::clock::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
}

/// A companion (同行者) and how they are related to the patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Companion {
    pub name: String,
    /// In the intake's words: "長女", "夫", "友人".
    pub relationship: String,
}

/// The referral letter (診療情報提供書 / 紹介状) from the primary physician.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Referral {
    #[serde(default)]
    pub received: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub physician: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub address: String,
    /// The referring institution's 10-digit insurance medical institution number
    /// (保険医療機関番号: prefecture 2, category 1, number 7): the FHIR export's addressee.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institution_number: String,
    /// The diagnosis and stage as the referral states them.
    #[serde(default)]
    pub diagnosis: String,
    /// What the referral asks of this consultation.
    #[serde(default)]
    pub question: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialKind {
    BloodTest,
    Ultrasound,
    XRay,
    Ct,
    Mri,
    Pathology,
    Other,
}

impl MaterialKind {
    pub(crate) const ALL: [MaterialKind; 7] = [
        MaterialKind::BloodTest,
        MaterialKind::Ultrasound,
        MaterialKind::XRay,
        MaterialKind::Ct,
        MaterialKind::Mri,
        MaterialKind::Pathology,
        MaterialKind::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Film,
    CdR,
    Paper,
}

/// Test material lent by the primary physician.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub kind: MaterialKind,
    pub medium: Medium,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
}

/// The seven reasons hospitals list for not accepting a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// 1. Someone other than the patient or family.
    NotPatientOrFamily,
    /// 2. Family without the patient's consent (minors excepted).
    FamilyWithoutConsent,
    /// 3. Wants treatment at this hospital from the start (→ general outpatient).
    WantsTreatmentHere,
    /// 4. Complaints about the primary physician, transfer, malpractice or litigation.
    ComplaintOrLitigation,
    /// 5. The patient has died.
    PatientDeceased,
    /// 6. The primary physician has not agreed.
    PrimaryPhysicianNotAgreed,
    /// 7. No specialist here for the area.
    NoSpecialist,
}

impl Exclusion {
    pub const ALL: [Exclusion; 7] = [
        Exclusion::NotPatientOrFamily,
        Exclusion::FamilyWithoutConsent,
        Exclusion::WantsTreatmentHere,
        Exclusion::ComplaintOrLitigation,
        Exclusion::PatientDeceased,
        Exclusion::PrimaryPhysicianNotAgreed,
        Exclusion::NoSpecialist,
    ];
}

/// Why a request was declined, as recorded by the clerk or the specialist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declined {
    pub reason: Exclusion,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The specialist started the clock although a requirement was missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityOverride {
    pub reason: String,
    pub at: Timestamp,
    /// What was missing at the time.
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    #[serde(default = "yes")]
    pub patient_attends: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<Companion>,
    /// The patient's signed consent (相談同意書), needed when the patient does not attend.
    #[serde(default)]
    pub consent_form: bool,
    /// A document showing the relationship (e.g. a health-insurance card), which replaces
    /// the consent form for a minor patient.
    #[serde(default)]
    pub relationship_document: bool,
    #[serde(default)]
    pub referral: Referral,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Material>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined: Option<Declined>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_override: Option<EligibilityOverride>,
}

fn yes() -> bool {
    true
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            patient_attends: true,
            companions: Vec::new(),
            consent_form: false,
            relationship_document: false,
            referral: Referral::default(),
            materials: Vec::new(),
            declined: None,
            eligibility_override: None,
        }
    }
}

/// A requirement that is not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum Missing {
    /// No referral letter: only general talk is possible, no valid opinion.
    ReferralLetter,
    /// Family without the patient, and no signed consent form.
    ConsentForm,
    /// A minor patient who does not attend: the family must show their relationship.
    RelationshipDocument,
    /// The request was declined for this reason.
    Declined(Exclusion),
}

/// Age in whole years on `day`. One becomes a year older on the birthday; someone born on
/// 29 February becomes older on 1 March in other years (as Japanese law counts it).
pub(crate) fn age_on(date_of_birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut age = day.year() - date_of_birth.year();
    let birthday_this_year =
        NaiveDate::from_ymd_opt(day.year(), date_of_birth.month(), date_of_birth.day())
            .or_else(|| NaiveDate::from_ymd_opt(day.year(), 3, 1));
    if birthday_this_year.is_some_and(|birthday| day < birthday) {
        age -= 1;
    }
    age.max(0) as u32
}

/// Under 18 on the consultation day (the age of majority in Japan since 2022).
pub fn is_minor(date_of_birth: Option<NaiveDate>, day: NaiveDate) -> bool {
    date_of_birth.is_some_and(|dob| age_on(dob, day) < 18)
}

/// What keeps this request from a valid consultation on `day`, in the order to fix them.
pub fn missing_requirements(
    intake: &Intake,
    date_of_birth: Option<NaiveDate>,
    day: NaiveDate,
) -> Vec<Missing> {
    let mut missing = Vec::new();
    if let Some(declined) = &intake.declined {
        missing.push(Missing::Declined(declined.reason));
    }
    if !intake.referral.received {
        missing.push(Missing::ReferralLetter);
    }
    if !intake.patient_attends {
        if is_minor(date_of_birth, day) {
            if !intake.relationship_document {
                missing.push(Missing::RelationshipDocument);
            }
        } else if !intake.consent_form {
            missing.push(Missing::ConsentForm);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(date(2008, 11, 21), date(2026, 11, 20)), 17);
        assert_eq!(age_on(date(2008, 11, 21), date(2026, 11, 21)), 18);
    }

    #[test]
    fn a_leap_day_birthday_turns_on_the_first_of_march() {
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
        assert_eq!(age_on(date(2008, 2, 29), date(2028, 2, 29)), 20);
    }

    #[test]
    fn an_unborn_date_gives_zero_not_a_panic() {
        assert_eq!(age_on(date(2030, 1, 1), date(2026, 1, 1)), 0);
    }
}
