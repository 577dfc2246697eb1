//! The opinion tab: the specialist's structured opinion, entered while it is formed. A card
//! per treatment option with its recommendation on a fixed scale, the whole picture around
//! them, and a footer that gently lists what is still empty.
//!
//! Only the field being edited is a text area; the rest is drawn as wrapped text, so the
//! tab stays cheap to draw however much is written.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use crate::config::{Config, Lang, ScaleWords};
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::i18n::opinion::OpinionTexts;
use crate::model::Session;
use crate::model::opinion::{
    DiagnosisView, DrugClass, Ecog, Opinion, PlanAgreement, Recommendation, TreatmentKind,
    TreatmentText,
};
use crate::tui::action::Action;
use crate::tui::keymap::{
    self, Binding, Context, Edge, Entry, Key, Step, Table, entries, hint_line, home_end, lookup,
    up_down,
};
use crate::tui::outcome::{DrawContext, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::{self, CaretSlot, FieldId};
use crate::tui::widgets::wrap::{display_width, wrap};
use crate::tui::widgets::wrapped::WrapCache;

mod draw;
mod keys;
mod layout;

#[allow(unused_imports)]
use draw::*;
#[allow(unused_imports)]
pub(crate) use keys::*;
#[allow(unused_imports)]
use layout::*;

/// Something the focus can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ReferralDiagnosis,
    ReferralStage,
    DiagnosisView,
    OwnDiagnosis,
    PerformanceStatus,
    PatientWishes,
    /// A treatment card's heading; the card's recommendation and drug classes are set from
    /// anywhere on the card, but this is where Tab lands.
    Card(TreatmentKind),
    CardText(TreatmentKind, TreatmentText),
    PlanAgreement,
    PlanDifferences,
    Summary,
    Suggestions,
    Note,
}

/// A run of fields drawn together: the overview, one card, the conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Treatment(TreatmentKind),
    Conclusion,
}

impl Section {
    fn fields(self) -> Vec<Field> {
        match self {
            Section::Overview => vec![
                Field::ReferralDiagnosis,
                Field::ReferralStage,
                Field::DiagnosisView,
                Field::OwnDiagnosis,
                Field::PerformanceStatus,
                Field::PatientWishes,
            ],
            Section::Treatment(kind) => std::iter::once(Field::Card(kind))
                .chain(TreatmentText::ALL.map(|part| Field::CardText(kind, part)))
                .collect(),
            Section::Conclusion => vec![
                Field::PlanAgreement,
                Field::PlanDifferences,
                Field::Summary,
                Field::Suggestions,
                Field::Note,
            ],
        }
    }
}

impl Field {
    fn section(self) -> Section {
        match self {
            Field::Card(kind) | Field::CardText(kind, _) => Section::Treatment(kind),
            Field::PlanAgreement
            | Field::PlanDifferences
            | Field::Summary
            | Field::Suggestions
            | Field::Note => Section::Conclusion,
            _ => Section::Overview,
        }
    }

    /// The treatment card the field is on.
    fn treatment(self) -> Option<TreatmentKind> {
        match self {
            Field::Card(kind) | Field::CardText(kind, _) => Some(kind),
            _ => None,
        }
    }

    /// Names and references are one line; Enter ends their editing instead of breaking it.
    fn is_single_line(self) -> bool {
        matches!(
            self,
            Field::ReferralDiagnosis
                | Field::ReferralStage
                | Field::CardText(_, TreatmentText::Reference)
        )
    }

    fn label(self, words: &OpinionTexts) -> &'static str {
        match self {
            Field::ReferralDiagnosis => words.referral_diagnosis,
            Field::ReferralStage => words.referral_stage,
            Field::DiagnosisView => words.diagnosis_view,
            Field::OwnDiagnosis => words.own_diagnosis,
            Field::PerformanceStatus => words.performance_status,
            Field::PatientWishes => words.patient_wishes,
            Field::Card(kind) => words.treatment(kind),
            Field::CardText(_, part) => match part {
                TreatmentText::Reasoning => words.reasoning,
                TreatmentText::Benefit => words.benefit,
                TreatmentText::Risks => words.risks,
                TreatmentText::Note => words.treatment_note,
                TreatmentText::Reference => words.reference,
            },
            Field::PlanAgreement => words.plan_agreement,
            Field::PlanDifferences => words.plan_differences,
            Field::Summary => words.summary,
            Field::Suggestions => words.suggestions,
            Field::Note => words.note,
        }
    }
}

fn text(opinion: &Opinion, field: Field) -> Option<&str> {
    Some(match field {
        Field::ReferralDiagnosis => &opinion.referral_diagnosis,
        Field::ReferralStage => &opinion.referral_stage,
        Field::OwnDiagnosis => &opinion.own_diagnosis,
        Field::PatientWishes => &opinion.patient_wishes,
        Field::CardText(kind, part) => opinion.treatment(kind).map_or("", |t| t.text(part)),
        Field::PlanDifferences => &opinion.plan_differences,
        Field::Summary => &opinion.summary,
        Field::Suggestions => &opinion.suggestions,
        Field::Note => &opinion.note,
        Field::DiagnosisView | Field::PerformanceStatus | Field::Card(_) | Field::PlanAgreement => {
            return None;
        }
    })
}

fn text_mut(opinion: &mut Opinion, field: Field) -> Option<&mut String> {
    Some(match field {
        Field::ReferralDiagnosis => &mut opinion.referral_diagnosis,
        Field::ReferralStage => &mut opinion.referral_stage,
        Field::OwnDiagnosis => &mut opinion.own_diagnosis,
        Field::PatientWishes => &mut opinion.patient_wishes,
        Field::CardText(kind, part) => opinion.treatment_mut(kind).text_mut(part),
        Field::PlanDifferences => &mut opinion.plan_differences,
        Field::Summary => &mut opinion.summary,
        Field::Suggestions => &mut opinion.suggestions,
        Field::Note => &mut opinion.note,
        Field::DiagnosisView | Field::PerformanceStatus | Field::Card(_) | Field::PlanAgreement => {
            return None;
        }
    })
}

/// The next value of an optional choice, going through "not chosen" as well, so that one
/// key reaches every value and can take a choice back.
fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>, forward: bool) -> Option<T> {
    let mut steps: Vec<Option<T>> = vec![None];
    steps.extend(all.iter().copied().map(Some));
    let at = steps.iter().position(|s| *s == current).unwrap_or(0);
    let n = steps.len();
    steps[(at + if forward { 1 } else { n - 1 }) % n]
}

/// The letter that toggles a drug class, as the key table has it: the card shows it.
fn drug_class_letter(class: DrugClass) -> char {
    BROWSE
        .iter()
        .flat_map(|binding| binding.keys)
        .find_map(|(key, command)| match (key.code, command) {
            (KeyCode::Char(c), Command::Drug(of)) if *of == class => Some(c),
            _ => None,
        })
        .unwrap_or(' ')
}

pub struct OpinionTab {
    lang: Lang,
    /// The options shown, fixed when the session opens so that a row never disappears
    /// from under the focus when it is emptied.
    kinds: Vec<TreatmentKind>,
    focus: Field,
    /// The text area of the field being edited, if one is.
    editor: Option<TextArea<'static>>,
    /// The first row shown in each column, kept between frames so that the view moves
    /// only as far as the focus needs.
    scroll: Vec<usize>,
    /// Each field's text as last wrapped: typing into one field wraps that one again, not
    /// the whole opinion.
    wraps: WrapCache<Field>,
    /// The width of the last frame: ↑↓, ←→ and Tab go through the fields in the order of
    /// the columns drawn at that width (0 before the first frame: one column).
    width: u16,
}

impl OpinionTab {
    pub fn new(session: &Session, config: &Config) -> Self {
        OpinionTab {
            lang: config.ui.language,
            kinds: session.opinion.kinds(&config.opinion.optional_kinds()),
            focus: Field::ReferralDiagnosis,
            editor: None,
            scroll: Vec::new(),
            wraps: WrapCache::default(),
            width: 0,
        }
    }

    /// Close the field being written in, keeping nothing more of it.
    pub(crate) fn stop_editing(&mut self) {
        self.editor = None;
    }

    /// Whether a text field has the keyboard.
    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }

    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        let editor = self.editor.as_ref()?;
        // Named by its place among the tab's fields. (The focus is always one of them; were
        // it not, the name past them all is still one no other field has.)
        let place = self.order().iter().position(|field| *field == self.focus);
        Some((FieldId::new("opinion", place.unwrap_or(usize::MAX)), editor))
    }

    /// Whether `key` goes into the field being written as text (none of the tab's keys).
    pub fn takes_as_text(&self, key: &KeyEvent) -> bool {
        self.editor.is_some() && lookup(EDITING, key).is_none()
    }

    #[cfg(test)]
    pub fn focus(&self) -> Field {
        self.focus
    }

    /// The treatment options on screen, in order.
    #[cfg(test)]
    pub fn kinds(&self) -> &[TreatmentKind] {
        &self.kinds
    }

    fn words(&self) -> &'static OpinionTexts {
        self.lang.opinion_texts()
    }

    /// The keys of the tab as it is, as the help lists them.
    pub fn key_entries(&self, keys: &'static KeyTexts) -> Vec<Entry> {
        Self::entries_of(self.editing(), keys)
    }

    pub fn entries_of(editing: bool, keys: &'static KeyTexts) -> Vec<Entry> {
        let table = if editing { EDITING } else { BROWSE };
        let mut shown = entries(table, |command| command.words(keys));
        if editing {
            shown.extend(text_field::entries_of_fields(keys));
        }
        shown
    }

    pub fn hints(&self, keys: &'static KeyTexts) -> String {
        if self.editing() {
            return self.words().hints_editing.to_string();
        }
        let mut shown = self.key_entries(keys);
        let global = [Action::ToggleHelp, Action::Quit];
        shown.extend(keymap::entries_giving(&keys.app, Context::Session, &global));
        hint_line(&shown)
    }

    fn sections(&self) -> Vec<Section> {
        let mut sections = vec![Section::Overview];
        sections.extend(self.kinds.iter().map(|&kind| Section::Treatment(kind)));
        sections.push(Section::Conclusion);
        sections
    }

    /// The sections in reading order of the layout drawn: down each column, then the next.
    fn reading_sections(&self) -> Vec<Section> {
        self.columns(self.width).concat()
    }

    fn order(&self) -> Vec<Field> {
        self.reading_sections()
            .into_iter()
            .flat_map(Section::fields)
            .collect()
    }

    /// ← or → on a field they have no choice to step through: to the column drawn beside,
    /// at the same place in it as far as it goes. Whether the focus moved.
    fn move_across(&mut self, forward: bool) -> bool {
        let columns: Vec<Vec<Field>> = self
            .columns(self.width)
            .into_iter()
            .map(|sections| sections.into_iter().flat_map(Section::fields).collect())
            .collect();
        let Some((column, row)) = columns.iter().enumerate().find_map(|(c, fields)| {
            fields
                .iter()
                .position(|f| *f == self.focus)
                .map(|row| (c, row))
        }) else {
            return false;
        };
        let target = if forward {
            column + 1
        } else {
            match column.checked_sub(1) {
                Some(target) => target,
                None => return false,
            }
        };
        match columns.get(target) {
            Some(fields) if !fields.is_empty() => {
                self.focus = fields[row.min(fields.len() - 1)];
                true
            }
            _ => false,
        }
    }

    fn move_by(&mut self, delta: isize) {
        let order = self.order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let to = at.saturating_add_signed(delta).min(order.len() - 1);
        self.focus = order[to];
    }

    fn move_to_end(&mut self, last: bool) {
        let order = self.order();
        let end = if last { order.last() } else { order.first() };
        if let Some(field) = end {
            self.focus = *field;
        }
    }

    /// To the start of the next section, or back to the start of this one (then the one
    /// before): the way between cards.
    fn jump(&mut self, forward: bool) {
        let sections = self.reading_sections();
        let current = self.focus.section();
        let at = sections.iter().position(|s| *s == current).unwrap_or(0);
        let first_of_current = current.fields()[0];
        let target = if forward {
            (at + 1).min(sections.len() - 1)
        } else if self.focus != first_of_current {
            at
        } else {
            at.saturating_sub(1)
        };
        self.focus = sections[target].fields()[0];
    }

    pub fn key(&mut self, session: &mut Session, key: KeyEvent) -> TabOutcome {
        if self.editor.is_some() {
            return self.edit_key(session, key);
        }
        // Letters with Ctrl or Alt are not this tab's.
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return TabOutcome::default();
        }
        let Some(command) = lookup(BROWSE, &key) else {
            return TabOutcome::default();
        };
        let opinion = &mut session.opinion;
        let changed = match command {
            Command::Field(step) => {
                self.move_by(if step == Step::Next { 1 } else { -1 });
                false
            }
            Command::Card(step) => {
                self.jump(step == Step::Next);
                false
            }
            Command::Edge(edge) => {
                self.move_to_end(edge == Edge::Last);
                false
            }
            Command::Step(step) => {
                let forward = step == Step::Next;
                if self.has_choice() {
                    self.step(opinion, forward)
                } else {
                    self.move_across(forward);
                    false
                }
            }
            Command::Clear => self.clear(opinion),
            Command::Pick(digit) => self.pick(opinion, digit),
            Command::Drug(class) => {
                let on_drugs = self.focus.treatment() == Some(TreatmentKind::DrugTherapy);
                if on_drugs {
                    opinion.toggle_drug_class(class);
                }
                on_drugs
            }
            Command::Edit => {
                if let Field::Card(kind) = self.focus {
                    self.focus = Field::CardText(kind, TreatmentText::Reasoning);
                }
                self.start_editing(opinion);
                false
            }
            Command::StopEditing | Command::EditField(_) | Command::NewLine => false,
        };
        if changed {
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        }
    }

    /// Whether ← and → step a choice on the focused field: a scale, a view, a grade, or
    /// the recommendation of the card it is on.
    fn has_choice(&self) -> bool {
        matches!(
            self.focus,
            Field::DiagnosisView | Field::PlanAgreement | Field::PerformanceStatus
        ) || self.focus.treatment().is_some()
    }

    /// ← and →: along the card's scale, or through the focused choice.
    fn step(&mut self, opinion: &mut Opinion, forward: bool) -> bool {
        match self.focus {
            Field::DiagnosisView => {
                opinion.diagnosis_view =
                    cycle(&DiagnosisView::ALL, opinion.diagnosis_view, forward);
                true
            }
            Field::PlanAgreement => {
                opinion.plan_agreement =
                    cycle(&PlanAgreement::ALL, opinion.plan_agreement, forward);
                true
            }
            Field::PerformanceStatus => {
                // An ordered scale: arrows stop at its ends rather than wrap.
                let next = match (opinion.performance_status, forward) {
                    (None, _) => Ecog::new(0),
                    (Some(ps), true) => Ecog::new(ps.grade() + 1).or(Some(ps)),
                    (Some(ps), false) => Ecog::new(ps.grade().saturating_sub(1)),
                };
                let changed = next != opinion.performance_status;
                opinion.performance_status = next;
                changed
            }
            field => match field.treatment() {
                Some(kind) => {
                    let next = opinion.recommendation(kind).cycled(forward);
                    opinion.set_recommendation(kind, next)
                }
                None => false,
            },
        }
    }

    /// A digit: a step of the card's scale (1-4), an ECOG grade (0-4), or a choice (1-3).
    fn pick(&mut self, opinion: &mut Opinion, digit: u32) -> bool {
        let index = (digit as usize).checked_sub(1);
        match self.focus {
            Field::DiagnosisView => {
                let Some(view) = index.and_then(|i| DiagnosisView::ALL.get(i)) else {
                    return false;
                };
                opinion.diagnosis_view.replace(*view) != Some(*view)
            }
            Field::PlanAgreement => {
                let Some(agreement) = index.and_then(|i| PlanAgreement::ALL.get(i)) else {
                    return false;
                };
                opinion.plan_agreement.replace(*agreement) != Some(*agreement)
            }
            Field::PerformanceStatus => {
                let Some(ps) = u8::try_from(digit).ok().and_then(Ecog::new) else {
                    return false;
                };
                opinion.performance_status.replace(ps) != Some(ps)
            }
            field => match (field.treatment(), Recommendation::from_digit(digit)) {
                (Some(kind), Some(value)) => opinion.set_recommendation(kind, value),
                _ => false,
            },
        }
    }

    /// Backspace: take back a choice. Text is never cleared from outside the editor.
    fn clear(&mut self, opinion: &mut Opinion) -> bool {
        match self.focus {
            Field::DiagnosisView => opinion.diagnosis_view.take().is_some(),
            Field::PlanAgreement => opinion.plan_agreement.take().is_some(),
            Field::PerformanceStatus => opinion.performance_status.take().is_some(),
            field => match field.treatment() {
                Some(kind) => opinion.set_recommendation(kind, Recommendation::NotDiscussed),
                None => false,
            },
        }
    }

    fn start_editing(&mut self, opinion: &Opinion) {
        if let Some(current) = text(opinion, self.focus) {
            self.editor = Some(if self.focus.is_single_line() {
                // A hand-edited file may hold a line break here; the field shows one line.
                text_field::single_line(&current.replace('\n', " "))
            } else {
                text_field::multi_line(current)
            });
        }
    }

    fn edit_key(&mut self, session: &mut Session, key: KeyEvent) -> TabOutcome {
        let command = lookup(EDITING, &key);
        match command {
            Some(Command::StopEditing) => {
                self.editor = None;
                return TabOutcome::default();
            }
            // Fast entry: Tab finishes this field and goes on writing in the next one.
            Some(Command::EditField(step)) => {
                self.editor = None;
                self.move_by(if step == Step::Next { 1 } else { -1 });
                self.start_editing(&session.opinion);
                return TabOutcome::default();
            }
            Some(Command::NewLine) if self.focus.is_single_line() => {
                self.editor = None;
                return TabOutcome::default();
            }
            _ => {}
        }
        let Some(editor) = &mut self.editor else {
            return TabOutcome::default();
        };
        if !text_field::input(editor, key) {
            return TabOutcome::default();
        }
        self.write_back(session)
    }

    pub fn paste(&mut self, session: &mut Session, pasted: &str) -> TabOutcome {
        let single = self.focus.is_single_line();
        let Some(editor) = &mut self.editor else {
            return TabOutcome::default();
        };
        let pasted = if single {
            pasted.replace('\n', " ")
        } else {
            pasted.to_string()
        };
        if !editor.insert_str(pasted) {
            return TabOutcome::default();
        }
        self.write_back(session)
    }

    fn write_back(&mut self, session: &mut Session) -> TabOutcome {
        let Some(editor) = &self.editor else {
            return TabOutcome::default();
        };
        match text_mut(&mut session.opinion, self.focus) {
            Some(slot) => {
                *slot = text_field::text_of(editor);
                TabOutcome::changed()
            }
            None => TabOutcome::default(),
        }
    }
}
