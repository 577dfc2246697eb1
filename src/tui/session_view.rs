//! An open session on screen: the core's `OpenSession` and the tabs that show it.
//!
//! Tabs (one file each in `screens/`) get the keys that are not global and say whether
//! they changed the session and what IO they need (`Effect`); the clock keys and the clock
//! bar live here, so every tab has them. Saving, merging and alarms are the core's.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::keymap::Entry;
use super::outcome::{DrawContext, Status, TabOutcome};
use super::screens::consult::ConsultTab;
use super::screens::intake::IntakeTab;
use super::screens::opinion::OpinionTab;
use super::screens::questions::QuestionsTab;
use super::screens::report::ReportTab;
use super::theme::Theme;
use super::widgets::clock_bar;
use super::widgets::text_field::FieldId;
use crate::config::Config;
use crate::core::{OpenSession, SessionEvent};
use crate::i18n::Texts;
use crate::i18n::keys::KeyTexts;
use crate::model::{Role, Timestamp};
use crate::report::template::ReportTemplate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Consult,
    Questions,
    Opinion,
    Report,
    Intake,
}

impl Tab {
    /// In F-key order: F1 is the first.
    pub const ALL: [Tab; 5] = [
        Tab::Consult,
        Tab::Questions,
        Tab::Opinion,
        Tab::Report,
        Tab::Intake,
    ];

    fn title(self, texts: &Texts) -> &'static str {
        match self {
            Tab::Consult => texts.tab_consult,
            Tab::Intake => texts.tab_intake,
            Tab::Opinion => texts.tab_opinion,
            Tab::Questions => texts.tab_questions,
            Tab::Report => texts.tab_report,
        }
    }
}

pub struct SessionView {
    /// The session, its file, its saving: the core's.
    pub open: OpenSession,
    pub tab: Tab,
    /// The screens' language, for the tabs that keep words of their own.
    language: crate::config::Lang,
    pub consult: ConsultTab,
    pub intake: IntakeTab,
    pub opinion: OpinionTab,
    pub questions: QuestionsTab,
    pub report: ReportTab,
    /// The specialist said yes to changing a session whose report was already sent.
    pub sent_edit_allowed: bool,
}

impl SessionView {
    /// `templates`: the report templates in Japanese and English, for the report tab.
    pub fn new(
        open: OpenSession,
        config: &Config,
        templates: [Result<ReportTemplate, String>; 2],
    ) -> Self {
        let session = &open.session;
        let role = open.role();
        SessionView {
            consult: ConsultTab::new(session),
            intake: IntakeTab::new(),
            opinion: OpinionTab::new(session, config),
            questions: QuestionsTab::new(session, role, config.ui.language),
            report: ReportTab::new(config, templates),
            sent_edit_allowed: false,
            language: config.ui.language,
            // The companion's terminal is there for the questions.
            tab: match role {
                Role::Specialist => Tab::Consult,
                Role::Companion => Tab::Questions,
            },
            open,
        }
    }

    /// Whether a change needs asking first: the report already went out, and nobody said
    /// yes to changing it on this screen yet.
    pub fn asks_before_a_change(&self) -> bool {
        self.open.session.report.sent_at.is_some() && !self.sent_edit_allowed
    }

    /// After a key: when it changed a session that asks first (`before` is its state then),
    /// put the session back, close the field it was typed into, and say so (true).
    pub fn took_back(
        &mut self,
        before: Option<crate::model::Session>,
        changed: bool,
        now: Timestamp,
    ) -> bool {
        let Some(before) = before.filter(|_| changed) else {
            return false;
        };
        self.open.session = before;
        self.open.changed(now);
        self.consult = ConsultTab::new(&self.open.session);
        self.opinion.stop_editing();
        self.questions.stop_editing();
        self.intake.stop_editing();
        true
    }

    pub fn role(&self) -> Role {
        self.open.role()
    }

    pub fn read_only(&self) -> bool {
        self.open.read_only()
    }

    /// Whether a text field has the keyboard (then letters are text, not commands).
    pub fn editing(&self) -> bool {
        match self.tab {
            Tab::Consult => self.consult.editing,
            Tab::Intake => self.intake.editing(),
            Tab::Opinion => self.opinion.editing(),
            Tab::Questions => self.questions.editing(),
            Tab::Report => false,
        }
    }

    /// The text field that has the caret, if any.
    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        match self.tab {
            Tab::Consult => self.consult.focused_field(),
            Tab::Intake => self.intake.focused_field(),
            Tab::Opinion => self.opinion.focused_field(),
            Tab::Questions => self.questions.focused_field(),
            Tab::Report => None,
        }
    }

    /// Whether `key` goes into the field with the caret as text: the tab's own keys for
    /// the field (Esc, Enter in a form, ...) do not.
    pub fn takes_as_text(&self, key: &KeyEvent) -> bool {
        match self.tab {
            Tab::Consult => self.consult.takes_as_text(key),
            Tab::Intake => self.intake.takes_as_text(key),
            Tab::Opinion => self.opinion.takes_as_text(key),
            Tab::Questions => self.questions.takes_as_text(key),
            Tab::Report => false,
        }
    }

    /// Whether a key only looks (scrolls, switches the report's language): such keys work
    /// on a session that is read-only here.
    pub fn key_only_looks(&self, key: &KeyEvent) -> bool {
        self.tab == Tab::Report && ReportTab::only_looks(key)
    }

    /// The key confirms or corrects the record (the report tab).
    pub fn key_about_the_record(&self, key: &KeyEvent) -> bool {
        self.tab == Tab::Report && ReportTab::about_the_record(key)
    }

    /// The companion's terminal shows the questions only: the specialist's notes and
    /// opinion are neither theirs to change nor to read over the shoulder.
    fn shown(&self, tab: Tab) -> bool {
        self.role() == Role::Specialist || tab == Tab::Questions
    }

    fn show(&mut self, tab: Tab) {
        if tab == Tab::Report && self.tab != Tab::Report {
            self.report.refresh();
        }
        self.tab = tab;
    }

    pub fn switch_to(&mut self, index: usize) {
        if let Some(tab) = Tab::ALL.get(index)
            && self.shown(*tab)
        {
            self.show(*tab);
        }
    }

    pub fn cycle_tab(&mut self, forward: bool) {
        let count = Tab::ALL.len();
        let mut index = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
        for _ in 0..count {
            index = if forward {
                index + 1
            } else {
                index + count - 1
            } % count;
            if self.shown(Tab::ALL[index]) {
                self.show(Tab::ALL[index]);
                return;
            }
        }
    }

    pub fn key(&mut self, key: KeyEvent, texts: &Texts, now: Timestamp) -> TabOutcome {
        let session = &mut self.open.session;
        let outcome = match self.tab {
            Tab::Consult => self.consult.key(session, key, texts),
            Tab::Intake => {
                let intake_texts = self.language.intake_texts();
                self.intake.key(session, key, texts, intake_texts)
            }
            Tab::Opinion => self.opinion.key(session, key),
            Tab::Questions => self.questions.key(session, key, now),
            Tab::Report => self.report.key(key),
        };
        self.absorb(outcome, now)
    }

    pub fn paste(&mut self, text: &str, now: Timestamp) -> TabOutcome {
        // Terminals send pasted line ends as \r.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.insert(&text, now)
    }

    /// Characters typed together into the field with the caret: one insertion. They hold
    /// no line break (Enter comes as a key of its own), so the tabs' paste, which only
    /// makes line breaks spaces in one-line fields, takes them as typed.
    pub fn type_text(&mut self, text: &str, now: Timestamp) -> TabOutcome {
        self.insert(text, now)
    }

    fn insert(&mut self, text: &str, now: Timestamp) -> TabOutcome {
        let session = &mut self.open.session;
        let outcome = match self.tab {
            Tab::Consult => self.consult.paste(session, text),
            Tab::Intake => self.intake.paste(text),
            Tab::Opinion => self.opinion.paste(session, text),
            Tab::Questions => self.questions.paste(session, text),
            Tab::Report => TabOutcome::default(),
        };
        self.absorb(outcome, now)
    }

    /// A tab's change to the session is the core's to save.
    pub fn absorb(&mut self, outcome: TabOutcome, now: Timestamp) -> TabOutcome {
        if outcome.changed {
            self.open.changed(now);
        }
        outcome
    }

    /// Show what the core's events changed on screen; returns what to say about them.
    pub fn after(&mut self, event: &SessionEvent) -> Option<Status> {
        match event {
            SessionEvent::Merged => {
                if self.read_only() {
                    // The writer's save, followed whole: the notes field shows it anew.
                    self.consult = ConsultTab::new(&self.open.session);
                }
                self.questions.after_merge(&self.open.session)
            }
            _ => None,
        }
    }

    /// The help's lines for the tab as it is (the session's own keys follow them).
    #[cfg(test)]
    pub fn help(&self, texts: &'static Texts) -> Vec<(&'static str, &'static str)> {
        super::keymap::help_rows(&self.key_entries(texts.keys))
    }

    /// The keys of the tab as it is, from its key tables.
    pub fn key_entries(&self, keys: &'static KeyTexts) -> Vec<Entry> {
        match self.tab {
            Tab::Consult => self.consult.key_entries(keys),
            Tab::Intake => self.intake.key_entries(keys),
            Tab::Opinion => self.opinion.key_entries(keys),
            Tab::Questions => self.questions.key_entries(keys),
            Tab::Report => ReportTab::key_entries(keys),
        }
    }

    pub fn hints(&self, texts: &'static Texts) -> String {
        let keys = texts.keys;
        match self.tab {
            Tab::Consult => self.consult.hints(texts),
            Tab::Intake => self.intake.hints(self.language.intake_texts(), keys),
            Tab::Opinion => self.opinion.hints(keys),
            Tab::Questions => self.questions.hints(keys),
            Tab::Report => self.report.hints(keys),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        let [title, tabs, clock, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(clock_bar::HEIGHT),
            Constraint::Min(0),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(self.title_line(ctx.texts, ctx.theme)), title);
        frame.render_widget(Paragraph::new(self.tab_line(ctx.texts, ctx.theme)), tabs);
        clock_bar::draw(
            frame,
            clock,
            &self.open.session,
            ctx.texts,
            ctx.theme,
            &ctx.config.session.warn_minutes,
            ctx.now,
        );
        let session = &self.open.session;
        match self.tab {
            Tab::Consult => self.consult.draw(frame, body, session, ctx),
            Tab::Intake => self.intake.draw(frame, body, session, ctx),
            Tab::Opinion => self.opinion.draw(frame, body, session, ctx),
            Tab::Questions => self.questions.draw(frame, body, session, ctx),
            Tab::Report => self.report.draw(frame, body, session, ctx),
        }
    }

    fn title_line(&self, texts: &Texts, theme: &Theme) -> Line<'static> {
        let session = &self.open.session;
        let mut when = session.scheduled_date.to_string();
        if let Some(time) = session.scheduled_time {
            when.push_str(&time.format(" %H:%M").to_string());
        }
        let mut patient = session.patient_label().to_string();
        if !texts.patient_honorific.is_empty() {
            patient.push(' ');
            patient.push_str(texts.patient_honorific);
        }
        let mut spans = vec![Span::styled(" sonote ", theme.title())];
        // The role first, so that a long name never pushes it off the screen.
        if self.role() == Role::Companion {
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(
                self.questions.texts().companion_terminal,
                theme.key(),
            ));
            spans.push(Span::raw(" "));
        }
        spans.extend([
            Span::raw("│ "),
            Span::styled(patient, theme.title()),
            Span::raw(format!(
                " │ {} │ {} │ {}",
                texts.mode(session.mode),
                when,
                session.id
            )),
        ]);
        if self.read_only() {
            spans.push(Span::styled(
                format!(" [{}]", texts.read_only_mark),
                theme.error(),
            ));
        }
        Line::from(spans)
    }

    fn tab_line(&self, texts: &Texts, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (index, tab) in Tab::ALL.iter().enumerate() {
            if !self.shown(*tab) {
                continue;
            }
            let style = if *tab == self.tab {
                theme.selected()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(
                format!(" F{} {} ", index + 1, tab.title(texts)),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }
}
