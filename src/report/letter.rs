//! Facts + template → the report: the letter around the body sections (addressee,
//! salutation, closing, signature) and the page furniture.

use crate::config::Config;

use super::document::{FooterPart, Layout, Report, Signature};
use super::facts::{Facts, ReferralFacts};
use super::sections::body_sections;
use super::template::{self, ReportTemplate, fill};
use super::wording::{Words, date_text, non_empty, recorded};

/// Word the report from facts already read from a session. The configuration gives the
/// words of the recommendation scale in the template's language.
pub fn from_facts(facts: Facts, config: &Config, template: &ReportTemplate) -> Report {
    let t = template;
    let words = Words {
        t,
        scale: config.opinion.scale(t.language),
        compact: config.report.compact,
    };
    let sections = body_sections(&facts, &words);
    Report {
        language: t.language,
        layout: compacted(layout(&facts, t), config.report.compact),
        header: facts.institution.name.clone(),
        confidential: t.text.confidential.clone(),
        date: date_text(t, facts.report_date),
        addressee: addressee(&facts.referral, t),
        sender: non_empty([
            facts.institution.name.clone(),
            facts.institution.address.clone(),
        ]),
        title: match facts.version {
            0 | 1 => t.text.title.clone(),
            n => format!(
                "{}{}",
                t.text.title,
                fill(&t.record.version, &[("n", &n.to_string())])
            ),
        },
        opening: non_empty([
            match &facts.referral.physician {
                Some(physician) => fill(&t.text.salutation, &[("physician", physician)]),
                None => t.text.salutation_unknown.clone(),
            },
            t.text.thanks.clone(),
        ]),
        sections,
        closing: non_empty([t.text.no_tests.clone(), t.text.closing.clone()]),
        closing_word: t.text.closing_word.clone(),
        signature: Signature {
            title: t.text.signature_title.clone(),
            department: facts.specialist.department.clone().unwrap_or_default(),
            name: recorded(&facts.specialist.name, t),
            sign_here: t.text.signature_line.clone(),
        },
        facts,
    }
}

/// A compact letter is set a point smaller (10.5 pt: 9.5 pt), never below 8.
fn compacted(mut layout: Layout, compact: bool) -> Layout {
    if compact {
        layout.body_half_points = layout.body_half_points.saturating_sub(2).max(16);
    }
    layout
}

fn addressee(referral: &ReferralFacts, t: &ReportTemplate) -> Vec<String> {
    let mut lines = Vec::new();
    // The address above the institution, as on an envelope: the letter may be mailed.
    if let Some(address) = &referral.address {
        lines.push(fill(&t.letter.addressee_address, &[("address", address)]));
    }
    if let Some(institution) = &referral.institution {
        let line = fill(
            &t.text.addressee_institution,
            &[("institution", institution)],
        );
        lines.push(line);
    }
    if let Some(department) = &referral.department {
        let line = fill(&t.text.addressee_department, &[("department", department)]);
        lines.push(line);
    }
    lines.push(match &referral.physician {
        Some(physician) => fill(&t.text.addressee_physician, &[("physician", physician)]),
        None => t.text.addressee_unknown.clone(),
    });
    non_empty(lines)
}

pub(super) fn layout(facts: &Facts, t: &ReportTemplate) -> Layout {
    let footer = template::pieces(&t.text.page)
        .unwrap_or_default()
        .into_iter()
        .map(|piece| match piece {
            template::Piece::Text(text) => FooterPart::Text(text),
            template::Piece::Slot("pages") => FooterPart::Pages,
            template::Piece::Slot(_) => FooterPart::Page,
        })
        .collect();
    let timestamp = match facts.time.ended_at {
        Some(end) => end
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        None => format!("{}T00:00:00Z", facts.report_date.format("%Y-%m-%d")),
    };
    Layout {
        body_font: t.fonts.body.clone(),
        heading_font: t.fonts.heading.clone(),
        latin_body_font: t.fonts.latin_body.clone(),
        latin_heading_font: t.fonts.latin_heading.clone(),
        body_half_points: (t.fonts.size * 2.0).round() as usize,
        footer,
        timestamp,
    }
}
