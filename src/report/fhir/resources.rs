//! The resources of the document other than the Composition, each from the report's facts
//! in the JP eCS profiles' shape: Patient, Practitioner, Organization, Encounter, Condition
//! and CarePlan. A profile's element the record lacks is left out, never invented: the
//! rules (`rules.rs`) then say what is missing.

use serde_json::{Value, json};

use crate::model::ClockState;
use crate::model::intake::Sex;
use crate::model::opinion::{DiagnosisView, Recommendation};
use crate::report::{Body, Facts, Report};

use super::ids::serial;
use super::*;

/// `meta` of a resource: when it was last changed (the document's issue time) and its
/// profile.
pub(super) fn meta(issued: &str, profile: &str) -> Value {
    json!({ "lastUpdated": issued, "profile": [profile] })
}

/// A reference to a resource in the bundle by its fullUrl.
pub(super) fn reference(urn: &str, kind: &str) -> Value {
    json!({ "reference": urn, "type": kind })
}

// ---------------------------------------------------------------------------------------
// People

/// A Japanese name as JP Core writes it: the whole in `text`, the family name first, the
/// given names after a space; `IDE` for the written (kanji) form, `SYL` for kana. The
/// full-width space people type between the two becomes a half-width one (rule R1113).
pub(super) fn human_name(written: &str, representation: &str) -> Value {
    let text = written
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>();
    let mut name = json!({
        "extension": [{
            "url": NAME_REPRESENTATION,
            "valueCode": representation,
        }],
        "use": "official",
        "text": text.join(" "),
    });
    if let Some((family, given)) = text.split_first() {
        name["family"] = json!(family);
        if !given.is_empty() {
            name["given"] = json!(given);
        }
    }
    name
}

/// Kana as JP-CLINS wants it, in katakana: hiragana typed at intake is converted, the
/// rest kept.
pub(super) fn katakana(kana: &str) -> String {
    kana.chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

pub(super) fn patient(facts: &Facts, issued: &str) -> Value {
    let p = &facts.patient;
    let mut identifiers = Vec::new();
    // The local patient ID is qualified by this hospital's number (R1010): without it the
    // ID cannot be written in the form the guide requires.
    if let (Some(id), Some(number)) = (&p.hospital_id, &facts.institution.number) {
        identifiers.push(json!({ "system": format!("{LOCAL_PATIENT_ID}{number}"), "value": id }));
    }
    if let Some(member) = &p.insurance_id {
        identifiers.push(json!({ "system": INSURANCE_MEMBER_ID, "value": member }));
    }
    let mut names = Vec::new();
    if let Some(name) = &p.name {
        names.push(human_name(name, "IDE"));
    }
    if let Some(kana) = &p.name_kana {
        names.push(human_name(&katakana(kana), "SYL"));
    }
    let mut patient = json!({
        "resourceType": "Patient",
        "meta": meta(issued, &format!("{ECS}JP_Patient_eCS")),
    });
    if !identifiers.is_empty() {
        patient["identifier"] = json!(identifiers);
    }
    if !names.is_empty() {
        patient["name"] = json!(names);
    }
    if let Some(sex) = p.sex {
        patient["gender"] = json!(match sex {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
        });
    }
    if let Some(born) = p.date_of_birth {
        patient["birthDate"] = json!(born.format("%Y-%m-%d").to_string());
    }
    if let Some(address) = &p.address {
        patient["address"] = json!([{ "text": address, "country": "JP" }]);
    }
    patient
}

pub(super) fn practitioner(name: Option<&str>, issued: &str) -> Value {
    let mut practitioner = json!({
        "resourceType": "Practitioner",
        "meta": meta(issued, &format!("{ECS}JP_Practitioner_eCS")),
    });
    if let Some(name) = name {
        practitioner["name"] = json!([human_name(name, "IDE")]);
    }
    practitioner
}

// ---------------------------------------------------------------------------------------
// Institutions

/// What the record knows of an institution.
pub(super) struct Institution<'a> {
    pub(super) name: Option<&'a str>,
    pub(super) number: Option<&'a str>,
    pub(super) address: Option<&'a str>,
    pub(super) department: Option<&'a str>,
}

pub(super) fn organization(institution: &Institution, issued: &str) -> Value {
    let mut extensions = Vec::new();
    // The number's parts are JP Core's extensions of their own: prefecture (2 digits),
    // category (1: medical, 3: dental...) and the 7-digit number.
    if let Some(number) = institution
        .number
        .filter(|n| crate::config::is_institution_number(n))
    {
        extensions.push(json!({
            "url": EXT_PREFECTURE,
            "valueCoding": { "system": PREFECTURE_SYSTEM, "code": &number[..2] },
        }));
        extensions.push(json!({
            "url": EXT_CATEGORY,
            "valueCoding": { "system": CATEGORY_SYSTEM, "code": &number[2..3] },
        }));
        extensions.push(json!({
            "url": EXT_ORGANIZATION_NO,
            "valueIdentifier": { "system": ORGANIZATION_NO_SYSTEM, "value": &number[3..] },
        }));
    }
    if let Some(department) = institution.department {
        extensions.push(json!({
            "url": EXT_DEPARTMENT,
            "valueCodeableConcept": { "text": department },
        }));
    }
    let mut organization = json!({
        "resourceType": "Organization",
        "meta": meta(issued, &format!("{ECS}JP_Organization_eCS")),
        "type": [{ "coding": [{ "system": ORGANIZATION_TYPE, "code": "prov" }] }],
    });
    if !extensions.is_empty() {
        organization["extension"] = json!(extensions);
    }
    if let Some(number) = institution.number {
        organization["identifier"] = json!([{ "system": INSTITUTION_NO, "value": number }]);
    }
    if let Some(name) = institution.name {
        organization["name"] = json!(name);
    }
    if let Some(address) = institution.address {
        organization["address"] = json!([{ "text": address, "country": "JP" }]);
    }
    organization
}

// ---------------------------------------------------------------------------------------
// The consultation

/// The consultation itself: its times, and the referral's question as its reason (section
/// 950, 紹介目的).
pub(super) fn encounter(facts: &Facts, urns: &Urns, issued: &str) -> Value {
    let status = match facts.time.state {
        ClockState::Ready => "planned",
        ClockState::Running | ClockState::Paused => "in-progress",
        ClockState::Ended => "finished",
    };
    let mut encounter = json!({
        "resourceType": "Encounter",
        "meta": meta(issued, &format!("{ECS}JP_Encounter_eCS")),
        "identifier": [{
            "system": RESOURCE_INSTANCE_ID,
            "value": format!("{}-encounter", serial(&facts.session_id)),
        }],
        "status": status,
        // A second opinion is an outpatient service, online ones too.
        "class": { "system": ACT_CODE, "code": "AMB", "display": "外来" },
        "subject": reference(&urns.patient, "Patient"),
        "serviceProvider": reference(&urns.sender, "Organization"),
    });
    let mut period = serde_json::Map::new();
    if let Some(start) = facts.time.started_at {
        period.insert("start".into(), json!(start.to_rfc3339()));
    }
    if let Some(end) = facts.time.ended_at {
        period.insert("end".into(), json!(end.to_rfc3339()));
    }
    if !period.is_empty() {
        encounter["period"] = Value::Object(period);
    }
    if let Some(question) = &facts.referral.question {
        encounter["reasonCode"] = json!([{ "text": question }]);
    }
    encounter
}

/// The diagnosis the specialist stands by (section 340): their own when they differ from
/// the referral, else the referral's, with its stage. None when none was recorded.
pub(super) fn condition(facts: &Facts, urns: &Urns, issued: &str) -> Option<Value> {
    let o = &facts.opinion;
    let referral = o
        .referral_diagnosis
        .as_ref()
        .or(facts.referral.diagnosis.as_ref());
    let (text, verification, stage) = match (o.diagnosis_view, &o.own_diagnosis) {
        (Some(DiagnosisView::Differs), Some(own)) => (own, "provisional", None),
        (view, _) => {
            let verification = match view {
                Some(DiagnosisView::Agrees) => "confirmed",
                _ => "unconfirmed",
            };
            (referral?, verification, o.referral_stage.as_ref())
        }
    };
    let mut condition = json!({
        "resourceType": "Condition",
        "meta": meta(issued, &format!("{ECS}JP_Condition_eCS")),
        "identifier": [{
            "system": RESOURCE_INSTANCE_ID,
            "value": format!("{}-condition", serial(&facts.session_id)),
        }],
        "clinicalStatus": { "coding": [{ "system": CONDITION_CLINICAL, "code": "active" }] },
        "verificationStatus": {
            "coding": [{ "system": CONDITION_VERIFICATION, "code": verification }],
        },
        "category": [{
            "coding": [{ "system": CONDITION_CATEGORY, "code": "problem-list-item" }],
        }],
        "code": { "text": text },
        "subject": reference(&urns.patient, "Patient"),
        "encounter": reference(&urns.encounter, "Encounter"),
    });
    if let Some(stage) = stage {
        condition["stage"] = json!([{ "summary": { "text": stage } }]);
    }
    Some(condition)
}

/// The opinion as a plan for the primary physician (section 420, 診療方針指示): each
/// treatment option the report prints, with its recommendation and what was written for
/// it; the summary as the plan's description. A "not recommended" option is an activity
/// not to perform.
pub(super) fn care_plan(report: &Report, urns: &Urns, condition: bool, issued: &str) -> Value {
    let facts = &report.facts;
    let rows = report.sections.iter().find_map(|s| match &s.body {
        Body::Options(table) => Some(&table.rows),
        _ => None,
    });
    let activities: Vec<Value> = rows
        .into_iter()
        .flat_map(|rows| rows.iter().zip(&facts.opinion.treatments))
        .filter(|(row, facts)| {
            facts.recommendation != Recommendation::NotDiscussed || !row.details.is_empty()
        })
        .map(|(row, facts)| {
            let mut description = vec![row.recommendation.clone()];
            description.extend(
                row.details
                    .iter()
                    .map(|d| format!("{}: {}", d.label, d.value)),
            );
            json!({
                "detail": {
                    "code": { "text": row.option },
                    "status": "not-started",
                    "doNotPerform": facts.recommendation == Recommendation::NotRecommended,
                    "description": description.join("\n"),
                }
            })
        })
        .collect();
    let mut plan = json!({
        "resourceType": "CarePlan",
        "meta": meta(issued, &format!("{ECS}JP_CarePlan_eCS")),
        "status": "active",
        "intent": "plan",
        "category": [{ "coding": [{ "system": CAREPLAN_CATEGORY, "code": "followup-plan" }] }],
        "subject": reference(&urns.patient, "Patient"),
        "encounter": reference(&urns.encounter, "Encounter"),
        "created": issued,
        "author": reference(&urns.author, "Practitioner"),
    });
    if let Some(summary) = &facts.opinion.summary {
        plan["description"] = json!(summary);
    }
    if condition {
        plan["addresses"] = json!([reference(&urns.condition, "Condition")]);
    }
    if !activities.is_empty() {
        plan["activity"] = json!(activities);
    }
    let notes: Vec<Value> = [&facts.opinion.plan_differences, &facts.opinion.suggestions]
        .into_iter()
        .flatten()
        .map(|text| json!({ "text": text }))
        .collect();
    if !notes.is_empty() {
        plan["note"] = json!(notes);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_splits_at_the_first_space_and_loses_full_width_spaces() {
        let name = human_name("見本\u{3000}花子", "IDE");
        assert_eq!(name["text"], "見本 花子");
        assert_eq!(name["family"], "見本");
        assert_eq!(name["given"], json!(["花子"]));
        let one = human_name("見本花子", "IDE");
        assert_eq!(one["family"], "見本花子");
        assert!(one.get("given").is_none());
    }

    #[test]
    fn hiragana_becomes_katakana() {
        assert_eq!(katakana("みほん はなこ"), "ミホン ハナコ");
        assert_eq!(katakana("ミホン ゞ ABC"), "ミホン ヾ ABC");
    }
}
