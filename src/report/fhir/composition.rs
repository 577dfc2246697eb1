//! The Composition of the eReferral document (JP_Composition_eReferral): its fixed codes,
//! identifiers and version, and its sections in the guide's order, each with the report's
//! own words as narrative.

use serde_json::{Value, json};

use crate::report::Report;
use crate::report::template::SectionKey;

use super::ids;
use super::narrative;
use super::resources::{meta, reference};
use super::*;

/// A section: its code and fixed title, its narrative, and the resources it holds.
struct Sec {
    code: &'static str,
    title: &'static str,
    display: &'static str,
    narrative: Option<String>,
    entries: Vec<Value>,
    subsections: Vec<Value>,
}

impl Sec {
    fn new(code: &'static str, title: &'static str, display: &'static str) -> Sec {
        Sec {
            code,
            title,
            display,
            narrative: None,
            entries: Vec::new(),
            subsections: Vec::new(),
        }
    }

    fn text(mut self, narrative: Option<String>) -> Sec {
        self.narrative = narrative;
        self
    }

    fn entry(mut self, urn: &str, kind: &str) -> Sec {
        self.entries.push(reference(urn, kind));
        self
    }

    /// A section needs narrative, entries or sub-sections (FHIR's cmp-2); one with
    /// nothing recorded says so with an empty reason instead.
    fn json(self) -> Value {
        let mut section = json!({
            "title": self.title,
            "code": { "coding": [{
                "system": SECTION_SYSTEM,
                "code": self.code,
                "display": self.display,
            }] },
        });
        if let Some(html) = self.narrative {
            section["text"] = json!({ "status": "additional", "div": narrative::div(&html) });
        }
        let empty =
            section.get("text").is_none() && self.entries.is_empty() && self.subsections.is_empty();
        if !self.entries.is_empty() {
            section["entry"] = json!(self.entries);
        }
        if !self.subsections.is_empty() {
            section["section"] = json!(self.subsections);
        }
        if empty {
            section["emptyReason"] = json!({ "coding": [{
                "system": EMPTY_REASON,
                "code": "unavailable",
            }] });
        }
        section
    }
}

/// The Composition: what the document is, about whom, by whom, and its sections.
pub(super) fn composition(report: &Report, urns: &Urns, has_condition: bool) -> Value {
    let facts = &report.facts;
    let issued = ids::issued(facts);
    let date = ids::document_date(facts);
    let sender_lines = report
        .sender
        .iter()
        .chain([&report.signature.department, &report.signature.name])
        .map(String::as_str);
    let sender = Sec::new("920", "紹介元情報", "紹介元情報セクション")
        .text(narrative::lines(sender_lines))
        .entry(&urns.sender, "Organization")
        .entry(&urns.author, "Practitioner");
    let mut addressee = Sec::new("910", "紹介先情報", "紹介先情報セクション")
        .text(narrative::lines(
            report.addressee.iter().map(String::as_str),
        ))
        .entry(&urns.addressee, "Organization");
    if let Some(referrer) = &urns.referrer {
        addressee = addressee.entry(referrer, "Practitioner");
    }
    let purpose = Sec::new("950", "紹介目的", "紹介目的セクション")
        .text(narrative::sections(
            report,
            &[SectionKey::Consultation, SectionKey::Overview],
        ))
        .entry(&urns.encounter, "Encounter");
    let mut problem = Sec::new("340", "傷病名・主訴", "傷病名・主訴セクション")
        .text(narrative::sections(report, &[SectionKey::Findings]));
    if has_condition {
        problem = problem.entry(&urns.condition, "Condition");
    }
    // The history is the referral's: its diagnosis and stage as the primary physician
    // wrote them.
    let history_lines = [&facts.referral.diagnosis, &facts.opinion.referral_stage]
        .into_iter()
        .flatten()
        .map(String::as_str);
    let history =
        Sec::new("360", "現病歴", "現病歴セクション").text(narrative::lines(history_lines));
    let course = Sec::new("330", "臨床経過", "臨床経過セクション").text(narrative::sections(
        report,
        &[SectionKey::Questions, SectionKey::OpenQuestions],
    ));
    let plan = Sec::new("420", "診療方針指示", "診療方針指示セクション")
        .text(narrative::sections(
            report,
            // The conclusion (with the referral's question it answers) heads the plan.
            &[
                SectionKey::Conclusion,
                SectionKey::Opinion,
                SectionKey::Summary,
            ],
        ))
        .entry(&urns.care_plan, "CarePlan");
    let mut structured = Sec::new("300", "構造情報", "構造情報セクション");
    structured.subsections = [purpose, problem, history, course, plan]
        .into_iter()
        .map(Sec::json)
        .collect();
    let mut sections = vec![sender.json(), addressee.json(), structured.json()];
    // The rest of the letter (who came, the materials, the times, the corrections of a
    // reissue): remarks, when the template prints any of it.
    let remarks = narrative::sections(
        report,
        &[
            SectionKey::Patient,
            SectionKey::Attendees,
            SectionKey::Materials,
            SectionKey::Time,
            SectionKey::Memo,
            SectionKey::Corrections,
        ],
    );
    if remarks.is_some() {
        let remarks = Sec::new("220", "備考・連絡情報", "備考・連絡情報セクション").text(remarks);
        sections.push(remarks.json());
    }
    json!({
        "resourceType": "Composition",
        "meta": meta(&issued, COMPOSITION_PROFILE),
        "language": language(report),
        "extension": [{ "url": VERSION_EXTENSION, "valueString": ids::version(facts) }],
        "identifier": {
            "system": RESOURCE_INSTANCE_ID,
            "value": ids::composition_identifier(facts),
        },
        "status": "final",
        "type": { "coding": [{
            "system": DOC_TYPE_SYSTEM,
            "code": "57133-1",
            "display": "診療情報提供書",
        }] },
        "category": [{ "coding": [{
            "system": DOC_SUBTYPE_SYSTEM,
            "code": "OUTPATIENT",
            "display": "外来文書",
        }] }],
        "subject": reference(&urns.patient, "Patient"),
        "encounter": reference(&urns.encounter, "Encounter"),
        "date": date,
        "author": [
            reference(&urns.author, "Practitioner"),
            reference(&urns.sender, "Organization"),
        ],
        "title": "診療情報提供書",
        "custodian": reference(&urns.sender, "Organization"),
        "event": [{
            "code": [{ "text": "診療情報提供書発行" }],
            "period": { "start": date },
        }],
        "section": sections,
    })
}

/// The document's language: the report's.
pub(super) fn language(report: &Report) -> &'static str {
    match report.language {
        crate::config::Lang::Ja => "ja",
        crate::config::Lang::En => "en",
    }
}
