//! Facts + template → the record of the consultation: its facts, who came, the materials and
//! the times, for the four sections of their own or for the overview, one block of facts at
//! the end of the letter (the four sections took half a page for what a physician glances
//! at).

use crate::model::intake::Missing;
use crate::model::{Mode, Timestamp};

use super::document::{Body, Field};
use super::facts::Facts;
use super::template::{ReportTemplate, SectionKey, fill};
use super::wording::{date_text, field, non_empty, recorded};

/// The consultation's facts, then who came (on one line), the times (on one line) and the
/// materials (one to a line). A row with nothing recorded says so, as a section would, or is
/// left out with `omit_empty_sections`.
pub(super) fn overview_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let mut fields = consultation_fields(facts, t);
    // Who came on one line; that the patient did not, on the next.
    let (names, absent) = attendee_lines(facts, t);
    let attendees = match absent {
        Some(absent) if !names.is_empty() => {
            format!("{}\n{absent}", names.join(&t.values.separator))
        }
        _ => names.join(&t.values.separator),
    };
    let time = time_words(facts, t).map(|time| {
        fill(
            &t.letter.time_line,
            &[
                ("started", &time.started),
                ("ended", &time.ended),
                ("duration", &time.duration),
                ("extension", &time.extension),
                ("pauses", &time.pauses),
            ],
        )
    });
    let materials = material_lines(facts, t).join("\n");
    let mut rows = vec![(&t.headings.attendees, Some(attendees))];
    // A template that leaves the times' line empty leaves the row out.
    if !t.letter.time_line.trim().is_empty() {
        rows.push((&t.headings.time, time));
    }
    rows.push((&t.headings.materials, Some(materials)));
    for (label, value) in rows {
        match value.filter(|value| !value.trim().is_empty()) {
            Some(value) => fields.push(field(label, value)),
            None if t.omit_empty_sections => {}
            None => fields.push(field(label, t.text.not_recorded.clone())),
        }
    }
    Body::Fields(fields)
}

/// The consultation's date, specialist, department and mode, the referral's date, and what
/// the intake lacked, if anything.
pub(super) fn consultation_fields(facts: &Facts, t: &ReportTemplate) -> Vec<Field> {
    let mode = match facts.mode {
        Mode::InPerson => &t.values.in_person,
        Mode::Online => &t.values.online,
        Mode::Hybrid => &t.values.hybrid,
    };
    let mut fields = vec![
        field(
            &t.labels.consultation_date,
            date_text(t, facts.consultation_date),
        ),
        field(&t.labels.specialist, recorded(&facts.specialist.name, t)),
        field(
            &t.labels.department,
            recorded(&facts.specialist.department, t),
        ),
        field(&t.labels.mode, mode.clone()),
    ];
    // What the referral said and asked, when the intake recorded it: the physician reads
    // the opinion against it. The diagnosis is printed once: with the findings, where the
    // specialist's view of it stands, when the template has them.
    if !t.sections.contains(&SectionKey::Findings)
        && let Some(diagnosis) = &facts.referral.diagnosis
    {
        fields.push(field(&t.labels.referral_diagnosis, diagnosis.clone()));
    }
    if let Some(date) = facts.referral.date {
        fields.push(field(&t.letter.referral_date, date_text(t, date)));
    }
    // The conclusion prints the question it answers, when the template has it.
    if !t.sections.contains(&SectionKey::Conclusion)
        && let Some(question) = &facts.referral.question
    {
        fields.push(field(&t.labels.referral_question, question.clone()));
    }
    if let Some(sentence) = eligibility_sentence(facts, t) {
        fields.push(field(&t.labels.eligibility, sentence));
    }
    fields
}

/// The neutral sentence saying that the consultation was held although the intake lacked
/// something, and why; None when nothing was lacking (or the template leaves it out).
fn eligibility_sentence(facts: &Facts, t: &ReportTemplate) -> Option<String> {
    let record = facts.eligibility_override.as_ref()?;
    let v = &t.values;
    let missing: Vec<String> = record
        .missing
        .iter()
        .map(|missing| match missing {
            Missing::ReferralLetter => v.missing_referral.clone(),
            Missing::ConsentForm => v.missing_consent.clone(),
            Missing::RelationshipDocument => v.missing_relationship.clone(),
            Missing::Declined(reason) => {
                fill(&v.missing_declined, &[("reason", t.exclusions.of(*reason))])
            }
        })
        .filter(|item| !item.trim().is_empty())
        .collect();
    let reason = recorded(&record.reason, t);
    let sentence = fill(
        &v.eligibility_override,
        &[
            ("missing", &missing.join(&v.separator)),
            ("reason", &reason),
        ],
    );
    Some(sentence).filter(|s| !s.trim().is_empty())
}

/// Who came, each with the relationship; and the line that says the patient did not.
pub(super) fn attendee_lines(facts: &Facts, t: &ReportTemplate) -> (Vec<String>, Option<String>) {
    let items: Vec<String> = facts
        .attendees
        .iter()
        .map(|a| {
            let relationship = match (&a.relationship, a.is_patient) {
                (_, true) => Some(&t.values.patient_self),
                (Some(relationship), false) => Some(relationship),
                (None, false) => None,
            };
            match relationship {
                Some(relationship) => fill(
                    &t.values.attendee,
                    &[("name", &a.name), ("relationship", relationship)],
                ),
                None => a.name.clone(),
            }
        })
        .collect();
    // A family-only consultation says so: the physician should know the patient was not
    // heard in person.
    let absent = (!facts.patient_attends && !items.is_empty())
        .then(|| t.values.patient_absent.clone())
        .filter(|line| !line.trim().is_empty());
    (non_empty(items), absent)
}

/// Each material lent, with its medium and description.
pub(super) fn material_lines(facts: &Facts, t: &ReportTemplate) -> Vec<String> {
    let words = &t.materials;
    facts
        .materials
        .iter()
        .map(|m| {
            let kind = match m.kind {
                "blood_test" => &words.blood_test,
                "ultrasound" => &words.ultrasound,
                "x_ray" => &words.x_ray,
                "ct" => &words.ct,
                "mri" => &words.mri,
                "pathology" => &words.pathology,
                _ => &words.other,
            };
            let medium = match m.medium {
                "film" => &words.film,
                "cd_r" => &words.cd_r,
                _ => &words.paper,
            };
            match &m.description {
                Some(description) => fill(
                    &t.values.material_described,
                    &[
                        ("kind", kind),
                        ("medium", medium),
                        ("description", description),
                    ],
                ),
                None => fill(&t.values.material, &[("kind", kind), ("medium", medium)]),
            }
        })
        .collect()
}

/// The consultation's times as the letter prints them, once the clock was started.
pub(super) struct TimeWords {
    pub(super) started: String,
    pub(super) ended: String,
    pub(super) duration: String,
    pub(super) extension: String,
    pub(super) pauses: String,
}

pub(super) fn time_words(facts: &Facts, t: &ReportTemplate) -> Option<TimeWords> {
    let time = &facts.time;
    let started = time.started_at?;
    let minutes = |seconds: i64| {
        // To the nearest minute: a physician reads "32分", not seconds.
        let minutes = (seconds + 30).div_euclid(60);
        fill(&t.values.minutes, &[("minutes", &minutes.to_string())])
    };
    let clock_time = |at: Timestamp| at.format("%H:%M").to_string();
    let ended = time.ended_at.map(clock_time);
    let extension = match time.extensions {
        0 => t.values.no_extension.clone(),
        count => fill(
            &t.values.extension,
            &[
                ("minutes", &time.extension_minutes.to_string()),
                ("count", &count.to_string()),
            ],
        ),
    };
    let pauses = match time.pauses {
        0 => t.values.no_pauses.clone(),
        count => fill(
            &t.values.pauses,
            &[
                (
                    "minutes",
                    &((time.paused_seconds + 30).div_euclid(60)).to_string(),
                ),
                ("count", &count.to_string()),
            ],
        ),
    };
    Some(TimeWords {
        started: clock_time(started),
        ended: recorded(&ended, t),
        duration: recorded(&time.duration_seconds.map(minutes), t),
        extension,
        pauses,
    })
}
