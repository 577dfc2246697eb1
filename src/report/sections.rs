//! Facts + template → the body sections of the report, one function per section. Every
//! word comes from the template, except the recommendation scale (the configuration's).

use crate::model::QuestionState;
use crate::model::intake::Sex;
use crate::model::opinion::{DiagnosisView, Recommendation};

use super::conclusion::{
    asked_by, conclusion_section, drug_classes, open_questions_section, option_name, plan_sentences,
};
use super::document::{Body, Field, OptionItem, OptionsTable, Part, QuestionItem, Section};
use super::facts::{Facts, QuestionFacts};
use super::overview::{
    attendee_lines, consultation_fields, material_lines, overview_section, time_words,
};
use super::template::{ReportTemplate, SectionKey, fill};
use super::wording::{Words, date_text, field, non_empty, recorded, split_paragraphs};

pub(super) fn body_sections(facts: &Facts, w: &Words) -> Vec<Section> {
    let t = w.t;
    let mut sections = Vec::new();
    let mut keys = t.sections.clone();
    if !keys.contains(&SectionKey::Corrections) {
        keys.push(SectionKey::Corrections);
    }
    for key in keys {
        let body = match key {
            SectionKey::Patient => patient_section(facts, t),
            SectionKey::Consultation => consultation_section(facts, t),
            SectionKey::Attendees => attendees_section(facts, t),
            SectionKey::Materials => materials_section(facts, t),
            SectionKey::Time => time_section(facts, t),
            SectionKey::Overview => overview_section(facts, t),
            SectionKey::Questions => questions_section(facts, w),
            SectionKey::Findings => findings_section(facts, t),
            SectionKey::Opinion => opinion_section(facts, w),
            SectionKey::Summary => summary_section(facts, t),
            SectionKey::Conclusion => conclusion_section(facts, w),
            SectionKey::OpenQuestions => open_questions_section(facts, t),
            SectionKey::Memo => memo_section(facts, t),
            SectionKey::Corrections if facts.corrections.is_empty() => continue,
            SectionKey::Corrections => corrections_section(facts, t),
        };
        if t.omit_empty_sections && matches!(body, Body::NotRecorded(_)) {
            continue;
        }
        let heading = match key {
            SectionKey::Corrections => &t.record.corrections,
            SectionKey::Conclusion => &t.letter.conclusion,
            SectionKey::OpenQuestions => &t.letter.open_questions,
            key => t.headings.of(key),
        };
        let heading = match t.number_headings {
            true => format!("{}. {heading}", sections.len() + 1),
            false => heading.to_string(),
        };
        sections.push(Section { key, heading, body });
    }
    sections
}

/// Each correction, then each field it changed with the text it replaced.
fn corrections_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let mut items = Vec::new();
    for c in &facts.corrections {
        items.push(fill(
            &t.record.correction,
            &[
                ("date", &date_text(t, c.at.date_naive())),
                ("from", &c.of_version.to_string()),
                ("by", &c.by),
                ("reason", &c.reason),
            ],
        ));
        for changed in c.changes.iter().filter(|c| printed(&c.field, t)) {
            items.push(fill(
                &t.record.changed,
                &[
                    ("field", &changed.field),
                    ("before", &changed.before),
                    ("after", &changed.after),
                ],
            ));
        }
    }
    Body::List(items)
}

/// Whether the letter prints the field a correction changed: the specialist's private
/// notes only where the template prints them, and never the clock's or the desk's working.
fn printed(field: &str, t: &ReportTemplate) -> bool {
    let top = field.split(['.', '[']).next().unwrap_or(field);
    match top {
        "memo" => t.sections.contains(&SectionKey::Memo),
        "current_log" | "clock" | "fee" | "payment" | "deleted_questions" => false,
        _ => true,
    }
}

fn patient_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let p = &facts.patient;
    let name = match (&p.name, &p.name_kana) {
        (Some(name), Some(kana)) => {
            fill(&t.values.name_with_kana, &[("name", name), ("kana", kana)])
        }
        (name, _) => recorded(name, t),
    };
    let born = match (p.date_of_birth, p.age) {
        (Some(born), Some(age)) => fill(
            &t.values.date_of_birth,
            &[("date", &date_text(t, born)), ("age", &age.to_string())],
        ),
        (Some(born), None) => date_text(t, born),
        (None, _) => t.text.not_recorded.clone(),
    };
    let mut fields = vec![
        field(&t.labels.name, name),
        field(&t.labels.date_of_birth, born),
    ];
    if let Some(sex) = p.sex {
        let word = match sex {
            Sex::Female => &t.letter.female,
            Sex::Male => &t.letter.male,
            Sex::Other => &t.letter.other,
        };
        fields.push(field(&t.letter.sex, word.clone()));
    }
    fields.push(field(&t.labels.hospital_id, recorded(&p.hospital_id, t)));
    Body::Fields(non_empty_fields(fields))
}

fn consultation_section(facts: &Facts, t: &ReportTemplate) -> Body {
    Body::Fields(consultation_fields(facts, t))
}

fn attendees_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let (mut items, absent) = attendee_lines(facts, t);
    items.extend(absent);
    let items = non_empty(items);
    if items.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    Body::List(items)
}

fn materials_section(facts: &Facts, t: &ReportTemplate) -> Body {
    if facts.materials.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    Body::List(material_lines(facts, t))
}

fn time_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let Some(time) = time_words(facts, t) else {
        return Body::NotRecorded(t.text.not_recorded.clone());
    };
    Body::Fields(vec![
        field(&t.labels.started, time.started),
        field(&t.labels.ended, time.ended),
        field(&t.labels.duration, time.duration),
        field(&t.labels.extension, time.extension),
        field(&t.labels.pauses, time.pauses),
    ])
}

fn questions_section(facts: &Facts, w: &Words) -> Body {
    let t = w.t;
    if facts.questions.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    let v = &t.values;
    // A question left open is said once: where the open questions are listed, it is
    // listed there with what the specialist wrote about it, and not repeated here.
    let listed = t.sections.contains(&SectionKey::OpenQuestions);
    let ended = facts.time.ended_at.is_some();
    let shown = |q: &&QuestionFacts| {
        let open = match q.state {
            QuestionState::NotYet => ended,
            QuestionState::Skipped | QuestionState::ForPrimaryPhysician => true,
            QuestionState::Asked | QuestionState::Answered => false,
        };
        !(listed && open)
    };
    let items: Vec<QuestionItem> = facts
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| shown(q))
        .map(|(index, q)| {
            let asked_by = asked_by(q, t);
            // What became of a question that was not answered, said plainly. One not
            // asked yet is "not taken up" only once the consultation is over.
            let fate = match q.state {
                QuestionState::NotYet if ended => Some(&v.question_not_asked),
                QuestionState::NotYet => None,
                QuestionState::Skipped => Some(&v.question_skipped),
                QuestionState::ForPrimaryPhysician => Some(&v.question_for_primary),
                QuestionState::Asked | QuestionState::Answered => None,
            }
            .filter(|phrase| !phrase.trim().is_empty());
            // The letter speaks for the specialist: the companion's notes are printed
            // only when the specialist chose to, under the family's label.
            let (note, answer) = match (&q.specialist_answer, fate) {
                (Some(answer), Some(fate)) => (fate.clone(), answer.clone()),
                (Some(answer), None) => (String::new(), answer.clone()),
                (None, Some(fate)) => (String::new(), fate.clone()),
                (None, None) if q.state == QuestionState::Answered => {
                    (String::new(), v.answered_unrecorded.clone())
                }
                (None, None) => (String::new(), t.text.no_answer.clone()),
            };
            QuestionItem {
                label: fill(&t.labels.question, &[("n", &(index + 1).to_string())]),
                text: q.text.clone(),
                asked_by,
                answer_label: t.labels.answer.clone(),
                note,
                answer,
                answered: q.specialist_answer.is_some(),
                family_note: q
                    .companion_answer
                    .as_ref()
                    .filter(|_| q.companion_in_letter)
                    .map(|notes| field(&t.letter.family_note, notes.clone())),
            }
        })
        .collect();
    if items.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    Body::Questions(items)
}

/// The specialist's view of the referral's diagnosis, the performance status and the
/// patient's wishes. The stage and the specialist's own view are printed only when written.
fn findings_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let o = &facts.opinion;
    let (l, v) = (&t.labels, &t.values);
    // The opinion starts from the referral's diagnosis; a session from before the opinion
    // existed has only the intake's.
    let diagnosis = o
        .referral_diagnosis
        .as_ref()
        .or(facts.referral.diagnosis.as_ref());
    let nothing = diagnosis.is_none()
        && o.referral_stage.is_none()
        && o.diagnosis_view.is_none()
        && o.own_diagnosis.is_none()
        && o.performance_status.is_none()
        && o.patient_wishes.is_none();
    if nothing {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    let mut fields = vec![field(
        &l.referral_diagnosis,
        recorded(&diagnosis.cloned(), t),
    )];
    if let Some(stage) = &o.referral_stage {
        fields.push(field(&l.referral_stage, stage.clone()));
    }
    let view = o.diagnosis_view.map(|view| match view {
        DiagnosisView::Agrees => v.diagnosis_agrees.clone(),
        DiagnosisView::Differs => v.diagnosis_differs.clone(),
    });
    fields.push(field(&l.diagnosis_view, recorded(&view, t)));
    if let Some(own) = &o.own_diagnosis {
        fields.push(field(&l.own_diagnosis, own.clone()));
    }
    let ps = o.performance_status.map(|ecog| {
        let description = t.ecog.of(ecog);
        fill(
            &v.performance_status,
            &[
                ("grade", &ecog.grade().to_string()),
                ("description", description),
            ],
        )
    });
    fields.push(field(&l.performance_status, recorded(&ps, t)));
    fields.push(field(&l.patient_wishes, recorded(&o.patient_wishes, t)));
    Body::Fields(non_empty_fields(fields))
}

/// The opinion by treatment option: every option the opinion tab shows, with the
/// recommendation in the configuration's words and whatever was written for it. Nothing
/// is filled in that the specialist did not write.
fn opinion_section(facts: &Facts, w: &Words) -> Body {
    let t = w.t;
    let treatments = &facts.opinion.treatments;
    let untouched = treatments.iter().all(|row| {
        row.recommendation == Recommendation::NotDiscussed
            && row.drug_classes.is_empty()
            && [
                &row.reasoning,
                &row.benefit,
                &row.risks,
                &row.reference,
                &row.note,
            ]
            .iter()
            .all(|text| text.is_none())
    });
    if untouched {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    let l = &t.labels;
    let rows = treatments
        .iter()
        .map(|row| {
            let option = option_name(row.kind, t);
            let classes = drug_classes(row, t);
            let details = [
                (&l.drug_classes, &classes),
                (&l.reasoning, &row.reasoning),
                (&l.benefit, &row.benefit),
                (&l.risks, &row.risks),
                (&l.reference, &row.reference),
                (&l.treatment_note, &row.note),
            ]
            .into_iter()
            .take(if w.compact { 2 } else { 6 })
            .filter_map(|(label, value)| value.as_ref().map(|value| field(label, value.clone())))
            .collect();
            OptionItem {
                option: option.to_string(),
                recommendation: w.scale.word(row.recommendation).to_string(),
                details,
            }
        })
        .collect();
    Body::Options(OptionsTable {
        columns: vec![l.option.clone(), l.assessment.clone(), l.notes.clone()],
        rows,
    })
}

/// The overall opinion: agreement with the primary physician's plan and what differs, the
/// summary, suggestions for the primary physician, and the free note; each part only when
/// written.
fn summary_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let o = &facts.opinion;
    let l = &t.labels;
    // What the conclusion printed on page 1 is not printed twice.
    let concluded = t.sections.contains(&SectionKey::Conclusion);
    let (plan, summary) = match concluded {
        true => (Vec::new(), Vec::new()),
        false => (plan_sentences(o, t), split_paragraphs(&o.summary)),
    };
    let parts: Vec<Part> = [
        (&l.plan_agreement, plan),
        (&l.summary, summary),
        (&l.suggestions, split_paragraphs(&o.suggestions)),
        (&l.opinion_note, split_paragraphs(&o.note)),
    ]
    .into_iter()
    .map(|(label, paragraphs)| Part {
        label: label.clone(),
        paragraphs: non_empty(paragraphs),
    })
    .filter(|part| !part.paragraphs.is_empty())
    .collect();
    if parts.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    Body::Parts(parts)
}

fn memo_section(facts: &Facts, t: &ReportTemplate) -> Body {
    paragraphs(&facts.memo, t)
}

/// Free text as paragraphs: a blank line separates them, a single line break is kept.
fn paragraphs(text: &Option<String>, t: &ReportTemplate) -> Body {
    match text {
        Some(_) => Body::Paragraphs(split_paragraphs(text)),
        None => Body::NotRecorded(t.text.not_recorded.clone()),
    }
}

/// Fields whose label or value the template left empty are left out.
fn non_empty_fields(fields: Vec<Field>) -> Vec<Field> {
    fields
        .into_iter()
        .filter(|f| !f.value.trim().is_empty())
        .collect()
}
