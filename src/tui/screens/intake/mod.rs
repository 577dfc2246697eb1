//! The intake tab: the clerk's form for who comes, the referral letter, the materials and
//! the appointment, with the eligibility check always in view.

use chrono::{NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use crate::i18n::Texts;
use crate::i18n::intake::IntakeTexts;
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::model::Session;
use crate::model::intake::{Companion, Declined, Exclusion, Material, MaterialKind, Medium, Sex};

use crate::tui::keymap::{
    Binding, Edge, Entry, Key, Step, Table, entries, hint_line, home_end, lookup, up_down,
};
use crate::tui::outcome::{DrawContext, Status, TabOutcome};
use crate::tui::widgets::text_field::{self, FieldId};
use crate::tui::widgets::wrap::wrap;

mod draw;
mod keys;

#[allow(unused_imports)]
use draw::*;
#[allow(unused_imports)]
pub(crate) use keys::*;

/// One field of the form, naming what it edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Kana,
    Sex,
    DateOfBirth,
    HospitalId,
    Date,
    Time,
    Mode,
    Specialist,
    Department,
    PatientAttends,
    ConsentForm,
    RelationshipDocument,
    CompanionName(usize),
    CompanionRelationship(usize),
    ReferralReceived,
    ReferralDate,
    Physician,
    Institution,
    ReferralDepartment,
    Address,
    Diagnosis,
    ReferralQuestion,
    MaterialKind(usize),
    MaterialMedium(usize),
    MaterialDescription(usize),
    MaterialReceivedOn(usize),
    DeclinedReason,
    DeclinedNote,
    PatientAddress,
    InsuranceId,
    ReferrerNumber,
}

/// How a field is changed.
enum Kind {
    Text,
    Toggle,
    Choice,
}

impl Field {
    fn kind(self) -> Kind {
        match self {
            Field::Sex
            | Field::Mode
            | Field::MaterialKind(_)
            | Field::MaterialMedium(_)
            | Field::DeclinedReason => Kind::Choice,
            Field::PatientAttends
            | Field::ConsentForm
            | Field::RelationshipDocument
            | Field::ReferralReceived => Kind::Toggle,
            _ => Kind::Text,
        }
    }
}

/// The form's rows: section headings and fields, in order.
enum Row {
    Heading(&'static str),
    Field(Field),
}

fn rows(session: &Session, t: &IntakeTexts) -> Vec<Row> {
    use Field::*;
    let mut rows = vec![
        Row::Heading(t.section_patient),
        Row::Field(Name),
        Row::Field(Kana),
        Row::Field(Sex),
        Row::Field(DateOfBirth),
        Row::Field(HospitalId),
        Row::Heading(t.section_appointment),
        Row::Field(Date),
        Row::Field(Time),
        Row::Field(Mode),
        Row::Field(Specialist),
        Row::Field(Department),
        Row::Heading(t.section_attendance),
        Row::Field(PatientAttends),
        Row::Field(ConsentForm),
        Row::Field(RelationshipDocument),
    ];
    for index in 0..session.intake.companions.len() {
        rows.push(Row::Field(CompanionName(index)));
        rows.push(Row::Field(CompanionRelationship(index)));
    }
    rows.extend([
        Row::Heading(t.section_referral),
        Row::Field(ReferralReceived),
        Row::Field(ReferralDate),
        Row::Field(Physician),
        Row::Field(Institution),
        Row::Field(ReferralDepartment),
        Row::Field(Address),
        Row::Field(Diagnosis),
        Row::Field(ReferralQuestion),
        Row::Heading(t.section_materials),
    ]);
    for index in 0..session.intake.materials.len() {
        rows.push(Row::Field(MaterialKind(index)));
        rows.push(Row::Field(MaterialMedium(index)));
        rows.push(Row::Field(MaterialDescription(index)));
        rows.push(Row::Field(MaterialReceivedOn(index)));
    }
    rows.extend([
        Row::Heading(t.section_decline),
        Row::Field(DeclinedReason),
        Row::Field(DeclinedNote),
        Row::Heading(t.section_fhir),
        Row::Field(PatientAddress),
        Row::Field(InsuranceId),
        Row::Field(ReferrerNumber),
    ]);
    rows
}

fn fields(session: &Session, t: &IntakeTexts) -> Vec<Field> {
    rows(session, t)
        .into_iter()
        .filter_map(|row| match row {
            Row::Field(field) => Some(field),
            Row::Heading(_) => None,
        })
        .collect()
}

fn label(field: Field, t: &IntakeTexts) -> String {
    use Field::*;
    let numbered = |what: &str, index: usize| format!("{what}{} ", index + 1);
    match field {
        Name => t.name.into(),
        Kana => t.kana.into(),
        Sex => t.sex.into(),
        DateOfBirth => t.date_of_birth.into(),
        HospitalId => t.hospital_id.into(),
        Date => t.date.into(),
        Time => t.time.into(),
        Mode => t.mode.into(),
        Specialist => t.specialist.into(),
        Department => t.department.into(),
        PatientAttends => t.patient_attends.into(),
        ConsentForm => t.consent_form.into(),
        RelationshipDocument => t.relationship_document.into(),
        CompanionName(i) => numbered(t.companion, i) + t.name,
        CompanionRelationship(i) => numbered(t.companion, i) + t.relationship,
        ReferralReceived => t.received.into(),
        ReferralDate => t.date.into(),
        Physician => t.physician.into(),
        Institution => t.institution.into(),
        ReferralDepartment => t.department.into(),
        Address => t.address.into(),
        Diagnosis => t.diagnosis.into(),
        ReferralQuestion => t.question.into(),
        MaterialKind(i) => numbered(t.material, i) + t.material,
        MaterialMedium(i) => numbered(t.material, i) + t.medium,
        MaterialDescription(i) => numbered(t.material, i) + t.description,
        MaterialReceivedOn(i) => numbered(t.material, i) + t.received_on,
        DeclinedReason => t.declined.into(),
        DeclinedNote => t.decline_note.into(),
        PatientAddress => t.patient_address.into(),
        InsuranceId => t.insurance_id.into(),
        ReferrerNumber => t.institution_number.into(),
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The field's value as text (for display and to start editing).
fn value(session: &Session, field: Field, texts: &Texts, t: &IntakeTexts) -> String {
    use Field::*;
    let intake = &session.intake;
    let referral = &intake.referral;
    let yes_no = |flag: bool| if flag { t.yes } else { t.no }.to_string();
    let sex_index = |sex: crate::model::intake::Sex| match sex {
        crate::model::intake::Sex::Female => 0,
        crate::model::intake::Sex::Male => 1,
        crate::model::intake::Sex::Other => 2,
    };
    match field {
        Name => session.patient.name.clone(),
        Kana => session.patient.name_kana.clone(),
        Sex => session
            .patient
            .sex
            .map(|s| t.sexes[sex_index(s)].to_string())
            .unwrap_or_default(),
        DateOfBirth => date_text(session.patient.date_of_birth),
        HospitalId => session.patient.hospital_id.clone(),
        Date => session.scheduled_date.to_string(),
        Time => session
            .scheduled_time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        Mode => texts.mode(session.mode).to_string(),
        Specialist => session.specialist.name.clone(),
        Department => session.specialist.department.clone(),
        PatientAttends => yes_no(intake.patient_attends),
        ConsentForm => yes_no(intake.consent_form),
        RelationshipDocument => yes_no(intake.relationship_document),
        CompanionName(i) => intake
            .companions
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        CompanionRelationship(i) => intake
            .companions
            .get(i)
            .map(|c| c.relationship.clone())
            .unwrap_or_default(),
        ReferralReceived => yes_no(referral.received),
        ReferralDate => date_text(referral.date),
        Physician => referral.physician.clone(),
        Institution => referral.institution.clone(),
        ReferralDepartment => referral.department.clone(),
        Address => referral.address.clone(),
        Diagnosis => referral.diagnosis.clone(),
        ReferralQuestion => referral.question.clone(),
        MaterialKind(i) => material_index(
            intake.materials.get(i).map(|m| m.kind),
            &crate::model::intake::MaterialKind::ALL,
        )
        .map(|k| t.kinds[k].to_string())
        .unwrap_or_default(),
        MaterialMedium(i) => material_index(intake.materials.get(i).map(|m| m.medium), &MEDIA)
            .map(|k| t.media[k].to_string())
            .unwrap_or_default(),
        MaterialDescription(i) => intake
            .materials
            .get(i)
            .map(|m| m.description.clone())
            .unwrap_or_default(),
        MaterialReceivedOn(i) => date_text(intake.materials.get(i).and_then(|m| m.received_on)),
        DeclinedReason => match &intake.declined {
            Some(declined) => texts.exclusion(declined.reason).to_string(),
            None => t.not_declined.to_string(),
        },
        DeclinedNote => intake
            .declined
            .as_ref()
            .map(|d| d.note.clone())
            .unwrap_or_default(),
        PatientAddress => session.patient.address.clone(),
        InsuranceId => session.patient.insurance_id.clone(),
        ReferrerNumber => referral.institution_number.clone(),
    }
}

const MEDIA: [Medium; 3] = [Medium::Film, Medium::CdR, Medium::Paper];
const SEXES: [Sex; 3] = [Sex::Female, Sex::Male, Sex::Other];

fn material_index<T: PartialEq + Copy>(value: Option<T>, all: &[T]) -> Option<usize> {
    value.and_then(|v| all.iter().position(|x| *x == v))
}

/// Step through `all` from `current` (None is before the first), wrapping.
fn step<T: PartialEq + Copy>(all: &[T], current: Option<T>, forward: bool) -> T {
    let count = all.len();
    let next = match (material_index(current, all), forward) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    };
    all[next]
}

/// Apply typed text to a text field. Errors say what to type instead.
fn set_text(
    session: &mut Session,
    field: Field,
    text: &str,
    t: &IntakeTexts,
) -> Result<(), String> {
    use Field::*;
    let text = text.trim().to_string();
    let parse_date = |text: &str| -> Result<Option<NaiveDate>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| t.bad_date.to_string())
    };
    let intake = &mut session.intake;
    match field {
        Name if text.is_empty() => return Err(t.empty_name.into()),
        Name => session.patient.name = text,
        Kana => session.patient.name_kana = text,
        DateOfBirth => session.patient.date_of_birth = parse_date(&text)?,
        HospitalId => session.patient.hospital_id = text,
        Date => {
            session.scheduled_date = parse_date(&text)?.ok_or_else(|| t.bad_date.to_string())?
        }
        Time if text.is_empty() => session.scheduled_time = None,
        Time => {
            session.scheduled_time = Some(
                NaiveTime::parse_from_str(&text, "%H:%M").map_err(|_| t.bad_time.to_string())?,
            )
        }
        Specialist => session.specialist.name = text,
        Department => session.specialist.department = text,
        CompanionName(i) => {
            if let Some(c) = intake.companions.get_mut(i) {
                c.name = text
            }
        }
        CompanionRelationship(i) => {
            if let Some(c) = intake.companions.get_mut(i) {
                c.relationship = text
            }
        }
        ReferralDate => intake.referral.date = parse_date(&text)?,
        Physician => intake.referral.physician = text,
        Institution => intake.referral.institution = text,
        ReferralDepartment => intake.referral.department = text,
        Address => intake.referral.address = text,
        Diagnosis => intake.referral.diagnosis = text,
        ReferralQuestion => intake.referral.question = text,
        MaterialDescription(i) => {
            if let Some(m) = intake.materials.get_mut(i) {
                m.description = text
            }
        }
        MaterialReceivedOn(i) => {
            let date = parse_date(&text)?;
            if let Some(m) = intake.materials.get_mut(i) {
                m.received_on = date
            }
        }
        DeclinedNote => match &mut intake.declined {
            Some(declined) => declined.note = text,
            None if text.is_empty() => {}
            None => return Err(t.not_declined.into()),
        },
        PatientAddress => session.patient.address = text,
        InsuranceId if !text.is_empty() && !crate::report::fhir::rules::is_insurance_id(&text) => {
            return Err(t.bad_insurance_id.into());
        }
        InsuranceId => session.patient.insurance_id = text,
        ReferrerNumber if !text.is_empty() && !crate::config::is_institution_number(&text) => {
            return Err(t.bad_institution_number.into());
        }
        ReferrerNumber => intake.referral.institution_number = text,
        _ => {}
    }
    Ok(())
}

/// Toggle a yes/no field, or step a choice.
fn change(session: &mut Session, field: Field, forward: bool) {
    use Field::*;
    let intake = &mut session.intake;
    match field {
        PatientAttends => intake.patient_attends = !intake.patient_attends,
        ConsentForm => intake.consent_form = !intake.consent_form,
        RelationshipDocument => intake.relationship_document = !intake.relationship_document,
        ReferralReceived => intake.referral.received = !intake.referral.received,
        Sex => session.patient.sex = Some(step(&SEXES, session.patient.sex, forward)),
        Mode => session.set_mode(step(&crate::model::Mode::ALL, Some(session.mode), forward)),
        MaterialKind(i) => {
            if let Some(m) = intake.materials.get_mut(i) {
                m.kind = step(
                    &crate::model::intake::MaterialKind::ALL,
                    Some(m.kind),
                    forward,
                )
            }
        }
        MaterialMedium(i) => {
            if let Some(m) = intake.materials.get_mut(i) {
                m.medium = step(&MEDIA, Some(m.medium), forward)
            }
        }
        DeclinedReason => {
            // "Not declined" comes before the first reason and after the last.
            let current = intake.declined.as_ref().map(|d| d.reason);
            let index = material_index(current, &Exclusion::ALL);
            let next = match (index, forward) {
                (None, true) => Some(0),
                (None, false) => Some(Exclusion::ALL.len() - 1),
                (Some(i), true) if i + 1 == Exclusion::ALL.len() => None,
                (Some(i), true) => Some(i + 1),
                (Some(0), false) => None,
                (Some(i), false) => Some(i - 1),
            };
            let note = intake.declined.take().map(|d| d.note).unwrap_or_default();
            intake.declined = next.map(|i| Declined {
                reason: Exclusion::ALL[i],
                note,
            });
        }
        _ => {}
    }
}

pub struct IntakeTab {
    focus: usize,
    /// The field being typed into, and its text so far.
    editor: Option<(Field, TextArea<'static>)>,
}

impl IntakeTab {
    pub fn new() -> Self {
        IntakeTab {
            focus: 0,
            editor: None,
        }
    }

    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }

    /// Close the field being typed in, keeping nothing more of it.
    pub(crate) fn stop_editing(&mut self) {
        self.editor = None;
    }

    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        let (_, editor) = self.editor.as_ref()?;
        Some((FieldId::new("intake", self.focus), editor))
    }

    /// Whether `key` goes into the field being written as text (none of the tab's keys).
    pub fn takes_as_text(&self, key: &KeyEvent) -> bool {
        self.editor.is_some() && lookup(TYPING, key).is_none()
    }

    pub fn key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        texts: &Texts,
        t: &IntakeTexts,
    ) -> TabOutcome {
        if let Some((field, editor)) = &mut self.editor {
            let field = *field;
            return match lookup(TYPING, &key) {
                Some(Command::Keep) => {
                    let text = text_field::text_of(editor);
                    match set_text(session, field, &text, t) {
                        Ok(()) => {
                            self.editor = None;
                            TabOutcome::changed()
                        }
                        Err(message) => TabOutcome {
                            status: Some(Status::error(message)),
                            ..TabOutcome::default()
                        },
                    }
                }
                _ => {
                    text_field::input(editor, key);
                    TabOutcome::default()
                }
            };
        }
        let all = fields(session, t);
        self.focus = self.focus.min(all.len().saturating_sub(1));
        let field = all[self.focus];
        let Some(command) = lookup(BROWSE, &key) else {
            return TabOutcome::default();
        };
        match command {
            Command::Field(Step::Previous) => self.focus = self.focus.saturating_sub(1),
            Command::Field(Step::Next) => self.focus = (self.focus + 1).min(all.len() - 1),
            Command::Edge(Edge::First) => self.focus = 0,
            Command::Edge(Edge::Last) => self.focus = all.len() - 1,
            Command::Enter => match field.kind() {
                Kind::Text => {
                    let current = value(session, field, texts, t);
                    self.editor = Some((field, text_field::single_line(&current)));
                }
                Kind::Toggle | Kind::Choice => {
                    change(session, field, true);
                    return TabOutcome::changed();
                }
            },
            Command::Choose(step) if !matches!(field.kind(), Kind::Text) => {
                change(session, field, step == Step::Next);
                return TabOutcome::changed();
            }
            Command::AddCompanion => {
                session.intake.companions.push(Companion::default());
                let index = session.intake.companions.len() - 1;
                self.focus_on(session, t, Field::CompanionName(index));
                return TabOutcome::changed();
            }
            Command::AddMaterial => {
                session.intake.materials.push(Material {
                    kind: MaterialKind::Other,
                    medium: Medium::Paper,
                    description: String::new(),
                    received_on: None,
                });
                let index = session.intake.materials.len() - 1;
                self.focus_on(session, t, Field::MaterialKind(index));
                return TabOutcome::changed();
            }
            Command::DeleteRow => {
                let removed = match field {
                    Field::CompanionName(i) | Field::CompanionRelationship(i) => {
                        session.intake.companions.remove(i);
                        true
                    }
                    Field::MaterialKind(i)
                    | Field::MaterialMedium(i)
                    | Field::MaterialDescription(i)
                    | Field::MaterialReceivedOn(i) => {
                        session.intake.materials.remove(i);
                        true
                    }
                    _ => false,
                };
                if removed {
                    let count = fields(session, t).len();
                    self.focus = self.focus.min(count - 1);
                    return TabOutcome::changed();
                }
            }
            _ => {}
        }
        TabOutcome::default()
    }

    fn focus_on(&mut self, session: &Session, t: &IntakeTexts, field: Field) {
        if let Some(index) = fields(session, t).iter().position(|f| *f == field) {
            self.focus = index;
        }
    }

    pub fn paste(&mut self, text: &str) -> TabOutcome {
        if let Some((_, editor)) = &mut self.editor {
            editor.insert_str(text.replace('\n', " "));
        }
        TabOutcome::default()
    }

    pub fn hints(&self, t: &'static IntakeTexts, keys: &'static KeyTexts) -> String {
        if self.editing() {
            return t.hints_editing.to_string();
        }
        hint_line(&self.key_entries(keys))
    }

    /// The keys of the tab as it is, as the help lists them.
    pub fn key_entries(&self, keys: &'static KeyTexts) -> Vec<Entry> {
        Self::entries_of(self.editing(), keys)
    }

    pub fn entries_of(editing: bool, keys: &'static KeyTexts) -> Vec<Entry> {
        let table = if editing { TYPING } else { BROWSE };
        let mut shown = entries(table, |command| command.words(keys));
        if editing {
            shown.extend(text_field::entries_of_fields(keys));
        }
        shown
    }
}
