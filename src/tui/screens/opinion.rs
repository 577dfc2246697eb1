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
    undo_redo, up_down,
};
use crate::tui::outcome::{DrawContext, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field;
use crate::tui::widgets::wrap::{display_width, wrap};
use crate::tui::widgets::wrapped::WrapCache;

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
        }
    }

    /// Whether a text field has the keyboard.
    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }

    pub fn focused_field(&self) -> Option<&TextArea<'static>> {
        self.editor.as_ref()
    }

    pub fn focus(&self) -> Field {
        self.focus
    }

    /// The treatment options on screen, in order.
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
        entries(table, |command| command.words(keys))
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

    fn order(&self) -> Vec<Field> {
        self.sections()
            .into_iter()
            .flat_map(Section::fields)
            .collect()
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
        let sections = self.sections();
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
            Command::Step(step) => self.step(opinion, step == Step::Next),
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
            Command::StopEditing
            | Command::EditField(_)
            | Command::NewLine
            | Command::Undo
            | Command::Redo => false,
        };
        if changed {
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        }
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
        let changed = match command {
            Some(Command::Undo) => editor.undo(),
            Some(Command::Redo) => editor.redo(),
            _ => editor.input(key),
        };
        if !changed {
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

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let words = self.words();
        let scale = ctx.config.opinion.scale(self.lang);
        let styles = Styles::new(ctx.theme);
        let opinion = &session.opinion;

        let footer = footer_lines(opinion, &self.kinds, words, scale, &styles, area);
        let [body, foot] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(footer.len() as u16)])
                .areas(area);
        frame.render_widget(Paragraph::new(footer), foot);

        let columns = self.columns(area.width);
        if self.scroll.len() != columns.len() {
            self.scroll = vec![0; columns.len()];
        }
        let rects = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(body);
        let label_width = self.label_width();
        let mut wraps = std::mem::take(&mut self.wraps);
        for (index, (sections, rect)) in columns.iter().zip(rects.iter()).enumerate() {
            let mut rect = *rect;
            if index > 0 {
                let block = Block::new().borders(Borders::LEFT).border_style(styles.dim);
                let inner = block.inner(rect);
                frame.render_widget(block, rect);
                rect = inner;
            }
            let geometry = Geometry::new(rect.width, label_width);
            // Every grade of the performance status is described when there is room, not
            // only while it has the focus.
            let mut items = self.items(
                sections,
                opinion,
                &geometry,
                scale,
                &styles,
                rect.height,
                &mut wraps,
            );
            if total_height(&items) > usize::from(rect.height) {
                self.shorten_performance_status(&mut items, opinion, &geometry, &styles);
            }
            space_out(&mut items, rect.height);
            self.draw_column(frame, rect, index, items, &geometry);
        }
        wraps.sweep();
        self.wraps = wraps;
    }

    /// Which sections each column shows: one column on a narrow terminal; the overview and
    /// conclusion beside the cards on a wide one, the cards in two columns on a very wide.
    fn columns(&self, width: u16) -> Vec<Vec<Section>> {
        let cards: Vec<Section> = self
            .kinds
            .iter()
            .map(|&kind| Section::Treatment(kind))
            .collect();
        let frame = vec![Section::Overview, Section::Conclusion];
        if width >= 180 {
            let half = cards.len().div_ceil(2);
            vec![frame, cards[..half].to_vec(), cards[half..].to_vec()]
        } else if width >= 120 {
            vec![frame, cards]
        } else {
            vec![self.sections()]
        }
    }

    /// One label column for all fields, as wide as the widest label (card names are on
    /// their own rule, so they do not count).
    fn label_width(&self) -> u16 {
        let words = self.words();
        let widest = self
            .order()
            .into_iter()
            .filter(|field| !matches!(field, Field::Card(_)))
            .map(|field| display_width(field.label(words)))
            .chain([display_width(words.drug_classes)])
            .max()
            .unwrap_or(0);
        u16::try_from(widest).unwrap_or(u16::MAX)
    }

    /// Short of room, the performance status shows the chosen grade only (all of them with
    /// the focus). Only that item is made again: the others' long texts take time to wrap.
    fn shorten_performance_status(
        &self,
        items: &mut [Item],
        opinion: &Opinion,
        g: &Geometry,
        styles: &Styles,
    ) {
        let field = Field::PerformanceStatus;
        let focused = field == self.focus;
        let words = self.words();
        for item in items.iter_mut().filter(|item| item.field == Some(field)) {
            let grades = ecog_lines(opinion.performance_status, focused, g, words, styles);
            item.lines = labelled(field.label(words), focused, grades, g, styles);
        }
    }

    /// What each field of `sections` shows, with every grade of the performance status.
    #[allow(clippy::too_many_arguments)]
    fn items(
        &self,
        sections: &[Section],
        opinion: &Opinion,
        g: &Geometry,
        scale: &ScaleWords,
        styles: &Styles,
        view: u16,
        wraps: &mut WrapCache<Field>,
    ) -> Vec<Item> {
        let words = self.words();
        let mut items = Vec::new();
        for &section in sections {
            let title = match section {
                Section::Overview => Some(words.overview),
                Section::Conclusion => Some(words.conclusion),
                Section::Treatment(_) => None,
            };
            if let Some(title) = title {
                items.push(Item {
                    field: None,
                    section,
                    lines: vec![rule(title, styles.title, g.width, styles)],
                    editor_height: None,
                });
            }
            for field in section.fields() {
                let focused = field == self.focus;
                let editing = focused && self.editor.is_some();
                let (lines, editor_height) = if editing {
                    let written = text(opinion, field).unwrap_or("");
                    let needed = if field.is_single_line() {
                        1
                    } else {
                        // Room for the next line to appear without the view jumping.
                        wraps.get(&field, written, usize::from(g.value_width)).len() + 1
                    };
                    let height = needed.clamp(1, usize::from(view.max(1)));
                    let label = labelled(field.label(words), true, Vec::new(), g, styles);
                    (label, Some(height as u16))
                } else {
                    let lines = match field {
                        Field::Card(kind) => {
                            card_lines(kind, opinion, focused, g, words, scale, styles)
                        }
                        Field::PerformanceStatus => labelled(
                            field.label(words),
                            focused,
                            ecog_lines(opinion.performance_status, true, g, words, styles),
                            g,
                            styles,
                        ),
                        _ => field_lines(field, opinion, focused, g, words, styles, wraps),
                    };
                    (lines, None)
                };
                items.push(Item {
                    field: Some(field),
                    section,
                    lines,
                    editor_height,
                });
            }
        }
        items
    }

    fn draw_column(
        &mut self,
        frame: &mut Frame,
        rect: Rect,
        column: usize,
        items: Vec<Item>,
        g: &Geometry,
    ) {
        let view = usize::from(rect.height);
        let mut tops = Vec::with_capacity(items.len());
        let mut total = 0;
        for item in &items {
            tops.push(total);
            total += item.height();
        }
        let mut scroll = self.scroll.get(column).copied().unwrap_or(0);
        if let Some(at) = items.iter().position(|i| i.field == Some(self.focus)) {
            // Landing on the first field of a section shows the section from its title,
            // so a card comes into view whole when it fits.
            let section = items[at].section;
            let first_of_section = section.fields().first() == Some(&self.focus);
            let start = if first_of_section {
                items
                    .iter()
                    .position(|i| i.section == section)
                    .unwrap_or(at)
            } else {
                at
            };
            let end = if first_of_section {
                items
                    .iter()
                    .rposition(|i| i.section == section)
                    .map_or(tops[at] + items[at].height(), |last| {
                        tops[last] + items[last].height()
                    })
            } else {
                tops[at] + items[at].height()
            };
            let top = tops[start];
            let height = (end - top).min(view);
            // The focused item itself must be in view even when its section is not.
            let must_end = (tops[at] + items[at].height()).min(tops[at] + view);
            if top < scroll {
                scroll = top;
            } else if top + height > scroll + view {
                scroll = top + height - view;
            }
            if must_end > scroll + view {
                scroll = must_end - view;
            }
            if tops[at] < scroll {
                scroll = tops[at];
            }
        }
        scroll = scroll.min(total.saturating_sub(view));
        if let Some(slot) = self.scroll.get_mut(column) {
            *slot = scroll;
        }

        for (item, &top) in items.iter().zip(&tops) {
            let height = item.height();
            let bottom = top + height;
            if bottom <= scroll || top >= scroll + view {
                continue;
            }
            let skip = scroll.saturating_sub(top);
            let y = rect.y + (top + skip - scroll) as u16;
            let visible = (height - skip).min(scroll + view - (top + skip));
            let area = Rect::new(rect.x, y, rect.width, visible as u16);
            frame.render_widget(
                Paragraph::new(item.lines.clone()).scroll((skip as u16, 0)),
                area,
            );
            if let (Some(_), Some(editor)) = (item.editor_height, self.editor.as_mut()) {
                // The editor is drawn only when wholly in view, which the scrolling above
                // guarantees for the focused field.
                if skip == 0 && visible == height && g.value_width > 0 {
                    let field = Rect::new(
                        rect.x + g.value_x,
                        y,
                        g.value_width.min(rect.width.saturating_sub(g.value_x)),
                        height as u16,
                    );
                    text_field::draw(frame, field, editor, Block::new(), true);
                }
            }
        }
    }
}

/// One thing drawn in a column: a section title or a field, with the lines it takes.
struct Item {
    field: Option<Field>,
    section: Section,
    lines: Vec<Line<'static>>,
    /// Rows kept for the text area when this field is being edited.
    editor_height: Option<u16>,
}

impl Item {
    fn height(&self) -> usize {
        match self.editor_height {
            Some(rows) => usize::from(rows),
            None => self.lines.len().max(1),
        }
    }
}

/// When the column has room for it, a blank row between sections makes the cards easier
/// to tell apart; on a small screen every row goes to content instead.
fn total_height(items: &[Item]) -> usize {
    items.iter().map(Item::height).sum()
}

fn space_out(items: &mut Vec<Item>, view: u16) {
    let total = total_height(items);
    let starts: Vec<usize> = (1..items.len())
        .filter(|&i| items[i].section != items[i - 1].section)
        .collect();
    if total + starts.len() > usize::from(view) {
        return;
    }
    for &at in starts.iter().rev() {
        let section = items[at].section;
        items.insert(
            at,
            Item {
                field: None,
                section,
                lines: vec![Line::raw("")],
                editor_height: None,
            },
        );
    }
}

/// Where labels and values go in a column: a one-column focus marker, the labels, a space,
/// the values, and a free column on the right so text never touches a column's border.
struct Geometry {
    width: u16,
    label_width: u16,
    value_x: u16,
    value_width: u16,
}

impl Geometry {
    fn new(width: u16, widest_label: u16) -> Self {
        // On a cramped column the labels give way to the values.
        let label_width = widest_label.min(width / 3);
        let value_x = 1 + label_width + 1;
        Geometry {
            width,
            label_width,
            value_x,
            value_width: width.saturating_sub(value_x + 1),
        }
    }
}

/// The styles of the tab, derived from the theme (so NO_COLOR is honoured).
struct Styles {
    color: bool,
    title: Style,
    label: Style,
    focused_label: Style,
    marker: Style,
    dim: Style,
    chosen: Style,
    gap_title: Style,
    complete: Style,
}

impl Styles {
    fn new(theme: &Theme) -> Self {
        Styles {
            color: theme.color,
            title: theme.title(),
            label: theme.dim(),
            focused_label: theme.selected(),
            marker: theme.key(),
            dim: theme.dim(),
            chosen: theme.selected().add_modifier(Modifier::BOLD),
            gap_title: theme.key(),
            complete: theme.info(),
        }
    }

    /// The chosen step of the scale: its colour says at a glance where a card stands.
    fn recommendation(&self, value: Recommendation) -> Style {
        if !self.color {
            return self.chosen;
        }
        let color = match value {
            Recommendation::Recommended => Color::Green,
            Recommendation::Consider => Color::Cyan,
            Recommendation::NotRecommended => Color::Red,
            Recommendation::NotDiscussed => return self.chosen,
        };
        Style::new()
            .fg(color)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

/// A title followed by a rule to the edge, like the titled borders of the other tabs.
fn rule(title: &str, style: Style, width: u16, styles: &Styles) -> Line<'static> {
    let used = 1 + display_width(title) + 1;
    Line::from(vec![
        Span::raw(" "),
        Span::styled(title.to_string(), style),
        Span::raw(" "),
        Span::styled(
            "─".repeat(usize::from(width).saturating_sub(used)),
            styles.dim,
        ),
    ])
}

/// Cut `text` to at most `width` columns and pad it to exactly that.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(&c.to_string());
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// The label in its column beside the first line of `body`; later lines are indented.
fn labelled(
    label: &str,
    focused: bool,
    body: Vec<Line<'static>>,
    g: &Geometry,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let mut body = body;
    if body.is_empty() {
        body.push(Line::raw(""));
    }
    let indent = " ".repeat(usize::from(g.value_x));
    body.into_iter()
        .enumerate()
        .map(|(row, line)| {
            let mut spans = if row == 0 {
                let (marker, style) = if focused {
                    (">", styles.focused_label)
                } else {
                    (" ", styles.label)
                };
                vec![
                    Span::styled(marker, styles.marker),
                    Span::styled(fit(label, usize::from(g.label_width)), style),
                    Span::raw(" "),
                ]
            } else {
                vec![Span::raw(indent.clone())]
            };
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// Lay out pieces left to right, starting a new line when the next one does not fit.
fn flow(pieces: Vec<Span<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let w = display_width(&piece.content);
        let gap = usize::from(!line.is_empty());
        if !line.is_empty() && used + gap + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        } else if gap == 1 {
            line.push(Span::raw(" "));
            used += 1;
        }
        used += w;
        line.push(piece);
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// One option of a choice: bracketed when chosen, so the choice reads without colour.
fn option_piece(
    key: impl std::fmt::Display,
    word: &str,
    chosen: Option<Style>,
    dim: Style,
) -> Span<'static> {
    match chosen {
        Some(style) => Span::styled(format!("[{key} {word}]"), style),
        None => Span::styled(format!(" {key} {word} "), dim),
    }
}

/// A field's lines: its label beside its value (a choice, or its text wrapped, taken from
/// `wraps` when the text is as it was).
fn field_lines(
    field: Field,
    opinion: &Opinion,
    focused: bool,
    g: &Geometry,
    words: &OpinionTexts,
    styles: &Styles,
    wraps: &mut WrapCache<Field>,
) -> Vec<Line<'static>> {
    let label = field.label(words);
    let body = match field {
        Field::DiagnosisView => {
            let mut pieces: Vec<Span<'static>> = DiagnosisView::ALL
                .iter()
                .enumerate()
                .map(|(i, view)| {
                    let chosen = (opinion.diagnosis_view == Some(*view)).then_some(styles.chosen);
                    option_piece(i + 1, words.diagnosis_view_word(*view), chosen, styles.dim)
                })
                .collect();
            if opinion.diagnosis_view.is_none() {
                pieces.push(Span::styled(words.not_set, styles.dim));
            }
            flow(pieces, g.value_width)
        }
        Field::PlanAgreement => {
            let mut pieces: Vec<Span<'static>> = PlanAgreement::ALL
                .iter()
                .enumerate()
                .map(|(i, agreement)| {
                    let chosen =
                        (opinion.plan_agreement == Some(*agreement)).then_some(styles.chosen);
                    option_piece(
                        i + 1,
                        words.plan_agreement_word(*agreement),
                        chosen,
                        styles.dim,
                    )
                })
                .collect();
            if opinion.plan_agreement.is_none() {
                pieces.push(Span::styled(words.not_set, styles.dim));
            }
            flow(pieces, g.value_width)
        }
        _ => {
            let written = text(opinion, field).unwrap_or("");
            if written.trim().is_empty() {
                if focused {
                    vec![Line::styled(words.enter_to_write, styles.dim)]
                } else {
                    Vec::new()
                }
            } else {
                wraps
                    .get(&field, written, usize::from(g.value_width))
                    .iter()
                    .map(|piece| Line::styled(piece.clone(), Style::new()))
                    .collect()
            }
        }
    };
    labelled(label, focused, body, g, styles)
}

/// The performance status: the chosen grade with its description; with the focus (or room
/// to spare), every grade with its description, so the choice is made knowing what each
/// means.
fn ecog_lines(
    chosen: Option<Ecog>,
    all_grades: bool,
    g: &Geometry,
    words: &OpinionTexts,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let hang = 4;
    let width = usize::from(g.value_width).saturating_sub(hang).max(1);
    let grade_lines = |ecog: Ecog, is_chosen: bool| -> Vec<Line<'static>> {
        let (mark, mark_style, text_style) = if is_chosen {
            (format!("[{}]", ecog.grade()), styles.chosen, Style::new())
        } else {
            (format!(" {} ", ecog.grade()), styles.dim, styles.dim)
        };
        wrap(words.ecog_description(ecog), width)
            .into_iter()
            .enumerate()
            .map(|(row, piece)| {
                let lead = if row == 0 {
                    Span::styled(format!("{mark} "), mark_style)
                } else {
                    Span::raw(" ".repeat(hang))
                };
                Line::from(vec![lead, Span::styled(piece, text_style)])
            })
            .collect()
    };
    if all_grades {
        (0..=Ecog::MAX)
            .filter_map(Ecog::new)
            .flat_map(|ecog| grade_lines(ecog, Some(ecog) == chosen))
            .collect()
    } else {
        match chosen {
            Some(ecog) => grade_lines(ecog, true),
            None => vec![Line::styled(words.not_set, styles.dim)],
        }
    }
}

/// A card's heading: the option's name and the scale, and for drug therapy the classes.
fn card_lines(
    kind: TreatmentKind,
    opinion: &Opinion,
    focused: bool,
    g: &Geometry,
    words: &OpinionTexts,
    scale: &ScaleWords,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let current = opinion.recommendation(kind);
    let pieces: Vec<Span<'static>> = Recommendation::SCALE
        .iter()
        .map(|&value| {
            let chosen = (value == current).then(|| styles.recommendation(value));
            option_piece(value.digit(), scale.word(value), chosen, styles.dim)
        })
        .collect();
    let scale_width: usize = pieces
        .iter()
        .map(|p| display_width(&p.content))
        .sum::<usize>()
        + pieces.len()
        - 1;
    let name = words.treatment(kind);
    let (marker, name_style) = if focused {
        (">", styles.focused_label)
    } else {
        (" ", styles.title)
    };
    let mut head = vec![
        Span::styled(marker, styles.marker),
        Span::styled(name.to_string(), name_style),
        Span::raw(" "),
    ];
    let used = 1 + display_width(name) + 1;
    let width = usize::from(g.width);
    let mut lines = Vec::new();
    // The scale sits on the heading's rule when it fits there (3 columns of rule at least).
    if used + 3 + 1 + scale_width <= width {
        let rule_width = width - used - 1 - scale_width;
        head.push(Span::styled("─".repeat(rule_width), styles.dim));
        head.push(Span::raw(" "));
        head.extend(flow(pieces, u16::MAX).into_iter().flat_map(|l| l.spans));
        lines.push(Line::from(head));
    } else {
        head.push(Span::styled(
            "─".repeat(width.saturating_sub(used)),
            styles.dim,
        ));
        lines.push(Line::from(head));
        // Under the name, in the value column; or from the left when it fits only there.
        let (indent, room) = if scale_width <= usize::from(g.value_width) {
            (g.value_x, g.value_width)
        } else {
            (2, g.width.saturating_sub(3))
        };
        let indent = " ".repeat(usize::from(indent));
        for line in flow(pieces, room) {
            let mut spans = vec![Span::raw(indent.clone())];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
    }
    if kind == TreatmentKind::DrugTherapy {
        let pieces = DrugClass::ALL
            .iter()
            .map(|&class| {
                let chosen = opinion.has_drug_class(class).then_some(styles.chosen);
                option_piece(
                    drug_class_letter(class),
                    words.drug_class(class),
                    chosen,
                    styles.dim,
                )
            })
            .collect();
        lines.extend(labelled(
            words.drug_classes,
            false,
            flow(pieces, g.value_width),
            g,
            styles,
        ));
    }
    lines
}

/// The gentle check: what is still empty, on at most two lines (three on a tall screen).
fn footer_lines(
    opinion: &Opinion,
    kinds: &[TreatmentKind],
    words: &OpinionTexts,
    scale: &ScaleWords,
    styles: &Styles,
    area: Rect,
) -> Vec<Line<'static>> {
    let width = usize::from(area.width).saturating_sub(1).max(1);
    let Some(gap_line) = words.gap_line(&opinion.gaps(kinds), scale) else {
        return vec![Line::styled(format!(" {}", words.no_gaps), styles.complete)];
    };
    let max_lines = if area.height >= 40 { 3 } else { 2 };
    let mut pieces = wrap(&gap_line, width);
    if pieces.len() > max_lines {
        pieces.truncate(max_lines);
        if let Some(last) = pieces.last_mut() {
            let kept = fit(last, width.saturating_sub(3));
            *last = format!("{}...", kept.trim_end());
        }
    }
    let title_width = words.gaps_title.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(row, piece)| {
            if row == 0 && piece.starts_with(words.gaps_title) {
                let (title, rest) = piece.split_at(title_width);
                Line::from(vec![
                    Span::raw(" "),
                    Span::styled(title.to_string(), styles.gap_title),
                    Span::raw(rest.to_string()),
                ])
            } else {
                Line::raw(format!(" {piece}"))
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Field(Step),
    Card(Step),
    Edge(Edge),
    /// ← and →: along the card's scale, or through the focused choice.
    Step(Step),
    /// A digit: a step of the card's scale (1-4), an ECOG grade (0-4), or a choice (1-3).
    Pick(u32),
    Drug(DrugClass),
    Clear,
    Edit,
    StopEditing,
    EditField(Step),
    /// Enter: a new line, or the end of a one-line field.
    NewLine,
    Undo,
    Redo,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.opinion;
        match self {
            Command::Field(_) => &k.field,
            Command::Card(_) => &k.card,
            Command::Edge(_) => &k.edges,
            Command::Step(_) => &k.step,
            Command::Pick(_) => &k.pick,
            Command::Drug(_) => &k.drugs,
            Command::Clear => &k.clear,
            Command::Edit => &k.edit,
            Command::StopEditing => &k.stop,
            Command::EditField(_) => &k.edit_fields,
            Command::NewLine => &k.new_line,
            Command::Undo | Command::Redo => &keys.app.undo,
        }
    }
}

const ENTER: Key = Key::code(KeyCode::Enter);

const BROWSE: Table<Command> = &[
    up_down!(Command::Field(Step::Previous), Command::Field(Step::Next)),
    Binding::new(
        "Tab / Shift+Tab",
        Some("Tab"),
        &[
            (Key::code(KeyCode::Tab), Command::Card(Step::Next)),
            (Key::code(KeyCode::BackTab), Command::Card(Step::Previous)),
        ],
    ),
    Binding::new(
        "PgDn / PgUp",
        None,
        &[
            (Key::code(KeyCode::PageDown), Command::Card(Step::Next)),
            (Key::code(KeyCode::PageUp), Command::Card(Step::Previous)),
        ],
    ),
    Binding::new(
        "←/→",
        Some("←→"),
        &[
            (Key::code(KeyCode::Left), Command::Step(Step::Previous)),
            (Key::code(KeyCode::Right), Command::Step(Step::Next)),
        ],
    ),
    Binding::new(
        "0-4",
        Some("0-4"),
        &[
            (Key::char('0'), Command::Pick(0)),
            (Key::char('1'), Command::Pick(1)),
            (Key::char('2'), Command::Pick(2)),
            (Key::char('3'), Command::Pick(3)),
            (Key::char('4'), Command::Pick(4)),
        ],
    ),
    Binding::new(
        "c, t, i, h",
        None,
        &[
            (Key::char('c'), Command::Drug(DrugClass::Chemotherapy)),
            (Key::char('t'), Command::Drug(DrugClass::TargetedTherapy)),
            (Key::char('i'), Command::Drug(DrugClass::Immunotherapy)),
            (Key::char('h'), Command::Drug(DrugClass::HormoneTherapy)),
        ],
    ),
    Binding::new(
        "Backspace, Del",
        None,
        &[
            (Key::code(KeyCode::Backspace), Command::Clear),
            (Key::code(KeyCode::Delete), Command::Clear),
        ],
    ),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Edit)]),
    home_end!(Command::Edge(Edge::First), Command::Edge(Edge::Last)),
];

/// Writing in a field: every other key is the field's.
const EDITING: Table<Command> = &[
    Binding::new(
        "Esc",
        None,
        &[(Key::code(KeyCode::Esc), Command::StopEditing)],
    ),
    Binding::new(
        "Tab / Shift+Tab",
        None,
        &[
            (Key::code(KeyCode::Tab), Command::EditField(Step::Next)),
            (
                Key::code(KeyCode::BackTab),
                Command::EditField(Step::Previous),
            ),
        ],
    ),
    Binding::new(
        "Enter",
        None,
        &[
            (ENTER, Command::NewLine),
            (Key::ctrl('m'), Command::NewLine),
            (Key::ctrl('j'), Command::NewLine),
        ],
    ),
    undo_redo!(Command::Undo, Command::Redo),
];
