//! Facts + template → the sections issue 14 added to put the letter in a physician's reading
//! order: the conclusion for page 1, and the questions left open for the primary physician.

use crate::model::opinion::{DrugClass, PlanAgreement, TreatmentKind};
use crate::model::{Asker, QuestionState};

use super::document::{Body, Conclusion, Field};
use super::facts::{Facts, OpinionFacts, QuestionFacts, TreatmentFacts};
use super::template::{ReportTemplate, fill};
use super::wording::{Words, field, non_empty, split_paragraphs};

/// What the referral asked, the position on the plan and the summary opinion, then each
/// option on one line with its recommendation (and the kinds of drug therapy): the details
/// follow in the opinion section.
pub(super) fn conclusion_section(facts: &Facts, w: &Words) -> Body {
    let t = w.t;
    let o = &facts.opinion;
    let mut paragraphs = plan_sentences(o, t);
    paragraphs.extend(split_paragraphs(&o.summary));
    let paragraphs = non_empty(paragraphs);
    let options: Vec<Field> = o
        .treatments
        .iter()
        .filter(|row| row.recommendation != crate::model::opinion::Recommendation::NotDiscussed)
        .map(|row| {
            let word = w.scale.word(row.recommendation).to_string();
            let value = match (drug_classes(row, t), t.language) {
                (Some(classes), crate::config::Lang::Ja) => format!("{word}（{classes}）"),
                (Some(classes), crate::config::Lang::En) => format!("{word} ({classes})"),
                (None, _) => word,
            };
            field(option_name(row.kind, t), value)
        })
        .collect();
    if paragraphs.is_empty() && options.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    let asked = facts
        .referral
        .question
        .as_ref()
        .map(|question| field(&t.labels.referral_question, question.clone()));
    Body::Conclusion(Conclusion {
        asked,
        paragraphs,
        options,
    })
}

/// The questions not answered, each with what became of it and what the specialist wrote
/// about it: the primary physician takes them up. A question not reached is open only once
/// the consultation is over.
pub(super) fn open_questions_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let v = &t.values;
    let ended = facts.time.ended_at.is_some();
    let items: Vec<String> = facts
        .questions
        .iter()
        .enumerate()
        .filter_map(|(index, q)| {
            let fate = match q.state {
                QuestionState::NotYet if ended => &v.question_not_asked,
                QuestionState::Skipped => &v.question_skipped,
                QuestionState::ForPrimaryPhysician => &v.question_for_primary,
                _ => return None,
            };
            let item = fill(
                &t.letter.open_question,
                &[
                    ("n", &(index + 1).to_string()),
                    ("text", &format!("{}{}", q.text, asked_by(q, t))),
                    ("fate", fate),
                ],
            );
            // What the specialist wrote about it follows on the item's next line: the
            // question is listed only here, so this is where the physician reads it.
            Some(match &q.specialist_answer {
                Some(note) if !item.trim().is_empty() => format!("{item}\n{note}"),
                _ => item,
            })
        })
        .collect();
    let items = non_empty(items);
    if items.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    Body::List(items)
}

/// Who asked a question, as the template words it ("（本人）"): the intake's words, else
/// the kind of asker; empty when the template leaves it out.
pub(super) fn asked_by(q: &QuestionFacts, t: &ReportTemplate) -> String {
    let v = &t.values;
    let who = match (&q.asked_by, q.asker) {
        (Some(who), _) => who,
        (None, Asker::Patient) => &v.asker_patient,
        (None, Asker::Companion) => &v.asker_companion,
        (None, Asker::Specialist) => &v.asker_specialist,
    };
    match who.trim().is_empty() {
        true => String::new(),
        false => fill(&v.asked_by, &[("who", who)]),
    }
}

/// The position on the primary physician's plan and what differs, each when recorded.
pub(super) fn plan_sentences(o: &OpinionFacts, t: &ReportTemplate) -> Vec<String> {
    let v = &t.values;
    let mut plan = Vec::new();
    if let Some(agreement) = o.plan_agreement {
        plan.push(match agreement {
            PlanAgreement::Agrees => v.plan_agrees.clone(),
            PlanAgreement::PartlyDiffers => v.plan_partly_differs.clone(),
            PlanAgreement::Differs => v.plan_differs.clone(),
        });
    }
    if let Some(differences) = &o.plan_differences {
        plan.push(fill(&v.plan_differences, &[("differences", differences)]));
    }
    plan
}

/// An option's name in the template's words.
pub(super) fn option_name(kind: TreatmentKind, t: &ReportTemplate) -> &str {
    let o = &t.treatments;
    match kind {
        TreatmentKind::Surgery => &o.surgery,
        TreatmentKind::DrugTherapy => &o.drug_therapy,
        TreatmentKind::Radiation => &o.radiation,
        TreatmentKind::PalliativeCare => &o.palliative_care,
        TreatmentKind::ClinicalTrial => &o.clinical_trial,
        TreatmentKind::WatchfulWaiting => &o.watchful_waiting,
    }
}

/// The kinds of drug therapy chosen, joined by the template's separator; None when none.
pub(super) fn drug_classes(row: &TreatmentFacts, t: &ReportTemplate) -> Option<String> {
    let o = &t.treatments;
    let classes: Vec<&str> = row
        .drug_classes
        .iter()
        .map(|class| match class {
            DrugClass::Chemotherapy => o.chemotherapy.as_str(),
            DrugClass::TargetedTherapy => o.targeted_therapy.as_str(),
            DrugClass::Immunotherapy => o.immunotherapy.as_str(),
            DrugClass::HormoneTherapy => o.hormone_therapy.as_str(),
        })
        .collect();
    Some(classes.join(&t.values.separator)).filter(|c| !c.is_empty())
}
