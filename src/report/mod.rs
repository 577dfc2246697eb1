//! The report to the referring physician: a session, the configuration and a template turned
//! into plain sections of text, which the docx, markdown and json writers all render.
//!
//! Pure: no IO and no clock. The report's dates come from the session (the end of the
//! consultation, or its scheduled date), so the same session always gives the same report.
//!
//! Two steps. First the session is read into [`Facts`], one function per part
//! (`patient_facts`, `attendees`, `opinion`, …): that is the only place that knows the
//! session's fields, so a field added to the session is fed in there. Then each section
//! is worded from the facts and the template (`patient_section`, …).

pub mod docx;
pub mod json;
pub mod markdown;
pub mod template;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use serde::Serialize;

use crate::config::{Config, Lang, ScaleWords};
use crate::model::intake::{MaterialKind, Medium, Missing, age_on};
use crate::model::opinion::{
    DiagnosisView, DrugClass, Ecog, PlanAgreement, Recommendation, TreatmentKind,
};
use crate::model::{
    Asker, ClockState, EventKind, FeeItem, Mode, QuestionState, Session, Timestamp,
};
use template::{ReportTemplate, SectionKey, fill};

/// The report, ready to be written in any format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub language: Lang,
    /// What the report says, as data (dates, durations, names), for the json export.
    #[serde(skip)]
    pub facts: Facts,
    /// Fonts and page furniture, for the docx writer only.
    #[serde(skip)]
    pub layout: Layout,
    /// The institution, printed in the page header.
    pub header: String,
    pub confidential: String,
    pub date: String,
    pub addressee: Vec<String>,
    /// The sending institution: name and address.
    pub sender: Vec<String>,
    pub title: String,
    /// Salutation and thanks for the referral.
    pub opening: Vec<String>,
    pub sections: Vec<Section>,
    /// No tests or treatment were done here; the closing sentence.
    pub closing: Vec<String>,
    pub closing_word: String,
    pub signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub key: SectionKey,
    /// The heading as printed, numbered when the template asks for it.
    pub heading: String,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Body {
    /// Label and value pairs.
    Fields(Vec<Field>),
    /// Separate items (attendees, materials).
    List(Vec<String>),
    /// Free text; each string is a paragraph and may hold line breaks.
    Paragraphs(Vec<String>),
    /// Free text under small labels (the parts of the overall opinion).
    Parts(Vec<Part>),
    Questions(Vec<QuestionItem>),
    /// The opinion by treatment option.
    Options(OptionsTable),
    /// Nothing was recorded: the template's phrase for it.
    NotRecorded(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A labelled run of paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub label: String,
    /// Each string is a paragraph and may hold line breaks.
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionItem {
    /// "質問1", "Q1".
    pub label: String,
    pub text: String,
    /// Who asked, as worded by the template ("（本人）").
    pub asked_by: String,
    pub answer_label: String,
    /// What happened to a question that was not answered ("今回の面談では見送りました。"),
    /// printed before the written answer; empty for an answered question or when the
    /// phrase is the whole answer.
    pub note: String,
    /// The answer as written, or the template's phrase for what became of the question.
    pub answer: String,
    /// `answer` is text written during the consultation (not a phrase of the template).
    pub answered: bool,
}

/// The opinion table: three columns (option, recommendation, details), one row per option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionsTable {
    pub columns: Vec<String>,
    pub rows: Vec<OptionItem>,
}

/// One treatment option: its name, the recommendation word, and the details written for
/// it (only those written, in a fixed order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionItem {
    pub option: String,
    pub recommendation: String,
    pub details: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub title: String,
    pub department: String,
    pub name: String,
    /// The label of the line to sign on; empty to print no line.
    pub sign_here: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub body_font: String,
    pub heading_font: String,
    pub latin_body_font: String,
    pub latin_heading_font: String,
    /// Body size in half-points, as Word counts.
    pub body_half_points: usize,
    /// The page footer, with the places of the page number and the page count.
    pub footer: Vec<FooterPart>,
    /// The document's creation time for its metadata: the end of the consultation.
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FooterPart {
    Text(String),
    Page,
    Pages,
}

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
    pub memo: Option<String>,
    pub fee: FeeFacts,
    pub clock_events: Vec<ClockEventFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstitutionFacts {
    pub name: String,
    pub address: String,
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

/// The file formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Markdown,
    Json,
}

impl Format {
    /// The file name extension, also the name recorded in the session.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// Write a report in a format.
pub fn render(report: &Report, format: Format) -> std::io::Result<Vec<u8>> {
    match format {
        Format::Docx => docx::render(report),
        Format::Markdown => Ok(markdown::render(report).into_bytes()),
        Format::Json => Ok(json::render(report).into_bytes()),
    }
}

/// The language a report is written in: the one asked for, else the configuration's.
pub fn language(config: &Config, asked: Option<Lang>) -> Lang {
    asked.unwrap_or(config.report.language)
}

/// Build the report of a session.
pub fn build(session: &Session, config: &Config, template: &ReportTemplate) -> Report {
    from_facts(facts(session, config), config, template)
}

/// Word the report from facts already read from a session. The configuration gives the
/// words of the recommendation scale in the template's language.
pub fn from_facts(facts: Facts, config: &Config, template: &ReportTemplate) -> Report {
    let t = template;
    let words = Words {
        t,
        scale: config.opinion.scale(t.language),
    };
    let sections = body_sections(&facts, &words);
    Report {
        language: t.language,
        layout: layout(&facts, t),
        header: facts.institution.name.clone(),
        confidential: t.text.confidential.clone(),
        date: date_text(t, facts.report_date),
        addressee: addressee(&facts.referral, t),
        sender: non_empty([
            facts.institution.name.clone(),
            facts.institution.address.clone(),
        ]),
        title: t.text.title.clone(),
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

/// The lines that have something to print: a phrase left empty in the template is left out.
fn non_empty(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Session → facts: one function per part. Text left empty in the session is None here, and
// the wording says "not recorded" or leaves it out; a field added to the session is fed in
// by the function of its part.
// ---------------------------------------------------------------------------------------

pub fn facts(session: &Session, config: &Config) -> Facts {
    let time = time_facts(session);
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
        eligibility_override: eligibility_override(session),
        questions: questions(session, time.ended_at),
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
                at: event.at,
                minutes: event.minutes,
                note: event.note.as_deref().and_then(some_text),
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
            EventKind::Start | EventKind::Extend => {}
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
        extensions: clock.extensions_used(),
        extension_minutes: allowed - i64::from(clock.rules.session_minutes),
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

// ---------------------------------------------------------------------------------------
// Facts + template → sections.
// ---------------------------------------------------------------------------------------

/// What the wording of the sections draws on: the template, and the configuration's words
/// for the recommendation scale in the template's language.
struct Words<'a> {
    t: &'a ReportTemplate,
    scale: &'a ScaleWords,
}

fn body_sections(facts: &Facts, w: &Words) -> Vec<Section> {
    let t = w.t;
    let mut sections = Vec::new();
    for &key in &t.sections {
        let body = match key {
            SectionKey::Patient => patient_section(facts, t),
            SectionKey::Consultation => consultation_section(facts, t),
            SectionKey::Attendees => attendees_section(facts, t),
            SectionKey::Materials => materials_section(facts, t),
            SectionKey::Time => time_section(facts, t),
            SectionKey::Questions => questions_section(facts, t),
            SectionKey::Findings => findings_section(facts, t),
            SectionKey::Opinion => opinion_section(facts, w),
            SectionKey::Summary => summary_section(facts, t),
            SectionKey::Memo => memo_section(facts, t),
        };
        if t.omit_empty_sections && matches!(body, Body::NotRecorded(_)) {
            continue;
        }
        let heading = t.headings.of(key);
        let heading = match t.number_headings {
            true => format!("{}. {heading}", sections.len() + 1),
            false => heading.to_string(),
        };
        sections.push(Section { key, heading, body });
    }
    sections
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
    Body::Fields(vec![
        field(&t.labels.name, name),
        field(&t.labels.date_of_birth, born),
        field(&t.labels.hospital_id, recorded(&p.hospital_id, t)),
    ])
}

fn consultation_section(facts: &Facts, t: &ReportTemplate) -> Body {
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
    if let Some(question) = &facts.referral.question {
        fields.push(field(&t.labels.referral_question, question.clone()));
    }
    if let Some(sentence) = eligibility_sentence(facts, t) {
        fields.push(field(&t.labels.eligibility, sentence));
    }
    Body::Fields(fields)
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
            Missing::Declined(reason) => fill(
                &v.missing_declined,
                &[("reason", t.language.texts().exclusion(*reason))],
            ),
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

fn attendees_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let mut items: Vec<String> = facts
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
    if !facts.patient_attends && !items.is_empty() {
        items.push(t.values.patient_absent.clone());
    }
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
    let words = &t.materials;
    Body::List(
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
            .collect(),
    )
}

fn time_section(facts: &Facts, t: &ReportTemplate) -> Body {
    let time = &facts.time;
    let Some(started) = time.started_at else {
        return Body::NotRecorded(t.text.not_recorded.clone());
    };
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
    Body::Fields(vec![
        field(&t.labels.started, clock_time(started)),
        field(&t.labels.ended, recorded(&ended, t)),
        field(
            &t.labels.duration,
            recorded(&time.duration_seconds.map(minutes), t),
        ),
        field(&t.labels.extension, extension),
        field(&t.labels.pauses, pauses),
    ])
}

fn questions_section(facts: &Facts, t: &ReportTemplate) -> Body {
    if facts.questions.is_empty() {
        return Body::NotRecorded(t.text.not_recorded.clone());
    }
    let v = &t.values;
    Body::Questions(
        facts
            .questions
            .iter()
            .enumerate()
            .map(|(index, q)| {
                let who = match (&q.asked_by, q.asker) {
                    (Some(who), _) => who,
                    (None, Asker::Patient) => &v.asker_patient,
                    (None, Asker::Companion) => &v.asker_companion,
                    (None, Asker::Specialist) => &v.asker_specialist,
                };
                let asked_by = match who.trim().is_empty() {
                    true => String::new(),
                    false => fill(&v.asked_by, &[("who", who)]),
                };
                // What became of a question that was not answered, said plainly. One not
                // asked yet is "not taken up" only once the consultation is over.
                let ended = facts.time.ended_at.is_some();
                let fate = match q.state {
                    QuestionState::NotYet if ended => Some(&v.question_not_asked),
                    QuestionState::NotYet => None,
                    QuestionState::Skipped => Some(&v.question_skipped),
                    QuestionState::ForPrimaryPhysician => Some(&v.question_for_primary),
                    QuestionState::Asked | QuestionState::Answered => None,
                }
                .filter(|phrase| !phrase.trim().is_empty());
                let (note, answer) = match (&q.answer, fate) {
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
                    answered: q.answer.is_some(),
                }
            })
            .collect(),
    )
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
        let description = t.language.opinion_texts().ecog_description(ecog);
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
    let (l, o) = (&t.labels, &t.treatments);
    let rows = treatments
        .iter()
        .map(|row| {
            let option = match row.kind {
                TreatmentKind::Surgery => &o.surgery,
                TreatmentKind::DrugTherapy => &o.drug_therapy,
                TreatmentKind::Radiation => &o.radiation,
                TreatmentKind::PalliativeCare => &o.palliative_care,
                TreatmentKind::ClinicalTrial => &o.clinical_trial,
                TreatmentKind::WatchfulWaiting => &o.watchful_waiting,
            };
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
            let classes = Some(classes.join(&t.values.separator)).filter(|c| !c.is_empty());
            let details = [
                (&l.drug_classes, &classes),
                (&l.reasoning, &row.reasoning),
                (&l.benefit, &row.benefit),
                (&l.risks, &row.risks),
                (&l.reference, &row.reference),
                (&l.treatment_note, &row.note),
            ]
            .into_iter()
            .filter_map(|(label, value)| value.as_ref().map(|value| field(label, value.clone())))
            .collect();
            OptionItem {
                option: option.clone(),
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
    let (l, v) = (&t.labels, &t.values);
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
    let parts: Vec<Part> = [
        (&l.plan_agreement, plan),
        (&l.summary, split_paragraphs(&o.summary)),
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

fn split_paragraphs(text: &Option<String>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    text.split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Fields whose label or value the template left empty are left out.
fn non_empty_fields(fields: Vec<Field>) -> Vec<Field> {
    fields
        .into_iter()
        .filter(|f| !f.value.trim().is_empty())
        .collect()
}

fn addressee(referral: &ReferralFacts, t: &ReportTemplate) -> Vec<String> {
    let mut lines = Vec::new();
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

fn layout(facts: &Facts, t: &ReportTemplate) -> Layout {
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

fn field(label: &str, value: String) -> Field {
    Field {
        label: label.to_string(),
        value,
    }
}

fn recorded(value: &Option<String>, t: &ReportTemplate) -> String {
    value.clone().unwrap_or_else(|| t.text.not_recorded.clone())
}

/// A date as the template writes it.
pub fn date_text(t: &ReportTemplate, date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month_name = MONTHS[date.month0() as usize];
    fill(
        &t.text.date,
        &[
            ("year", &date.year().to_string()),
            ("month", &date.month().to_string()),
            ("day", &date.day().to_string()),
            ("month_name", month_name),
            ("era", &era_year(date)),
        ],
    )
}

/// The Japanese era year (和暦), "令和8年"; the first year of an era is "元年".
/// Before the Meiji calendar reform (1873) the western year is given.
pub fn era_year(date: NaiveDate) -> String {
    let eras = [
        ((2019, 5, 1), "令和"),
        ((1989, 1, 8), "平成"),
        ((1926, 12, 25), "昭和"),
        ((1912, 7, 30), "大正"),
        ((1873, 1, 1), "明治"),
    ];
    for ((y, m, d), name) in eras {
        let Some(start) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if date >= start {
            // Meiji counts from 1868, though the solar calendar began in its sixth year.
            let first = if name == "明治" { 1868 } else { y };
            return match date.year() - first + 1 {
                1 => format!("{name}元年"),
                n => format!("{name}{n}年"),
            };
        }
    }
    format!("{}年", date.year())
}

/// Text from the session as the report may print it: line ends made `\n`, and characters
/// XML forbids (and other control characters) removed, so every format gets the same text.
pub fn clean(text: &str) -> String {
    // Nearly all text is clean already: copied whole, it costs a tenth of the filtering.
    if !text.contains(|c| c == '\r' || !printable(c)) {
        return text.to_string();
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|&c| printable(c)).collect()
}

/// Whether the report keeps a character: line breaks and tabs, not other control
/// characters or the two that XML forbids.
fn printable(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// A one-line value (a name, an id): cleaned, line breaks made spaces, trimmed.
pub fn clean_line(text: &str) -> String {
    clean(text)
        .split(['\n', '\t'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn some_line(text: &str) -> Option<String> {
    Some(clean_line(text)).filter(|line| !line.is_empty())
}

/// Free text: cleaned, trailing spaces of lines and blank edges removed.
fn some_text(text: &str) -> Option<String> {
    let cleaned = clean(text);
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let joined = lines.join("\n");
    let trimmed = joined.trim_matches('\n');
    Some(trimmed.to_string()).filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn era_years_follow_the_era_boundaries() {
        assert_eq!(era_year(date(2026, 11, 21)), "令和8年");
        assert_eq!(era_year(date(2019, 5, 1)), "令和元年");
        assert_eq!(era_year(date(2019, 4, 30)), "平成31年");
        assert_eq!(era_year(date(1989, 1, 7)), "昭和64年");
        assert_eq!(era_year(date(1962, 4, 18)), "昭和37年");
        assert_eq!(era_year(date(1926, 12, 24)), "大正15年");
        assert_eq!(era_year(date(1900, 1, 1)), "明治33年");
    }

    #[test]
    fn control_characters_go_and_line_ends_become_newlines() {
        assert_eq!(
            clean("a\r\nb\rc\u{0}\u{8}d\u{1b}[0m\u{fffe}"),
            "a\nb\ncd[0m"
        );
        assert_eq!(clean("tab\there"), "tab\there");
        assert_eq!(clean_line("  佐藤\n 花子\t "), "佐藤 花子");
        assert_eq!(
            some_text("\n\n line one  \nline two\n\n"),
            Some(" line one\nline two".into())
        );
        assert_eq!(some_text(" \n\u{7}\n"), None);
    }
}
