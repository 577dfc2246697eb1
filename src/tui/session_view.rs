//! An open session: the session itself, its saving, its warnings, and the tabs that show it.
//!
//! Tabs (one file each in `screens/`) get the keys that are not global and say whether
//! they changed the session; saving, the clock keys and the clock bar live here, so every
//! tab has them.

use std::io;
use std::path::PathBuf;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::app::Status;
use super::screens::consult::ConsultTab;
use super::screens::intake::IntakeTab;
use super::screens::opinion::OpinionTab;
use super::screens::questions::QuestionsTab;
use super::screens::report::ReportTab;
use super::sync::PeerFiles;
use super::theme::Theme;
use super::widgets::clock_bar;
use crate::config::Config;
use crate::i18n::Texts;
use crate::model::alerts::{Alarm, Alarms};
use crate::model::{ClockState, Role, Session, Timestamp};
use crate::store;

/// A file's modification time and length: enough to notice another process's save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: std::time::SystemTime,
    len: u64,
}

impl FileStamp {
    fn of(path: &std::path::Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }
}

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

/// What a tab did with a key.
#[derive(Debug, Default)]
pub struct TabOutcome {
    /// The session changed and must be saved.
    pub changed: bool,
    pub status: Option<Status>,
}

impl TabOutcome {
    pub fn changed() -> Self {
        TabOutcome {
            changed: true,
            status: None,
        }
    }
}

/// What every tab needs to draw itself.
pub struct DrawContext<'a> {
    pub texts: &'static Texts,
    pub theme: &'a Theme,
    pub config: &'a Config,
    pub now: Timestamp,
}

pub struct SessionView {
    pub session: Session,
    pub path: PathBuf,
    pub tab: Tab,
    /// The screens' language, for the tabs that keep words of their own.
    language: crate::config::Lang,
    pub consult: ConsultTab,
    pub intake: IntakeTab,
    pub opinion: OpinionTab,
    /// Which terminal this is: the specialist's writes the session file, the companion's
    /// only its part file (see `model::roles`).
    pub role: Role,
    pub questions: QuestionsTab,
    pub report: ReportTab,
    peer: PeerFiles,
    /// The session changed since it was last written.
    pub dirty: bool,
    /// When the oldest unsaved change was made: the autosave writes it within its interval.
    dirty_since: Option<Timestamp>,
    /// Why the last save failed; cleared by the next good one.
    pub save_error: Option<String>,
    /// Another process writes this session: look, but do not touch.
    pub read_only: bool,
    /// The writer's lock, held while the session is open for writing.
    _lock: Option<store::SessionLock>,
    /// The file as last read or written, to notice another process's save.
    file_stamp: Option<FileStamp>,
    alarms: Alarms,
    /// The last moment the app was seen alive, to notice a computer that slept.
    last_seen: Timestamp,
}

impl SessionView {
    /// `lock` is the writer's lock, kept while the view lives; `role` says which file this
    /// terminal writes; the report tab exports into `exports_dir`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        session: Session,
        path: PathBuf,
        lock: Option<store::SessionLock>,
        read_only: bool,
        config: &Config,
        now: Timestamp,
        role: Role,
        exports_dir: PathBuf,
    ) -> Self {
        let remaining = session.clock.remaining(now);
        SessionView {
            read_only,
            _lock: lock,
            file_stamp: FileStamp::of(&path),
            consult: ConsultTab::new(&session),
            intake: IntakeTab::new(),
            opinion: OpinionTab::new(&session, config),
            questions: QuestionsTab::new(&session, role, config.ui.language),
            report: ReportTab::new(config, exports_dir),
            peer: PeerFiles::new(&session, role),
            role,
            alarms: Alarms::already_passed(remaining, &config.session.warn_minutes),
            session,
            path,
            language: config.ui.language,
            // The companion's terminal is there for the questions.
            tab: match role {
                Role::Specialist => Tab::Consult,
                Role::Companion => Tab::Questions,
            },
            dirty: false,
            dirty_since: None,
            save_error: None,
            last_seen: now,
        }
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
    pub fn focused_field(&self) -> Option<&TextArea<'static>> {
        match self.tab {
            Tab::Consult => self.consult.focused_field(),
            Tab::Intake => self.intake.focused_field(),
            Tab::Opinion => self.opinion.focused_field(),
            Tab::Questions => self.questions.focused_field(),
            Tab::Report => None,
        }
    }

    /// Whether a key only looks (scrolls, switches the report's language): such keys work
    /// on a session that is read-only here.
    pub fn key_only_looks(&self, key: &KeyEvent) -> bool {
        self.tab == Tab::Report && ReportTab::only_looks(key)
    }

    /// The companion's terminal shows the questions only: the specialist's notes and
    /// opinion are neither theirs to change nor to read over the shoulder.
    fn shown(&self, tab: Tab) -> bool {
        self.role == Role::Specialist || tab == Tab::Questions
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
        let outcome = match self.tab {
            Tab::Consult => self.consult.key(&mut self.session, key, texts),
            Tab::Intake => {
                let intake_texts = self.language.intake_texts();
                self.intake.key(&mut self.session, key, texts, intake_texts)
            }
            Tab::Opinion => self.opinion.key(&mut self.session, key),
            Tab::Questions => self.questions.key(&mut self.session, key, now),
            Tab::Report => self.report.key(&mut self.session, &self.path, key, now),
        };
        self.absorb(outcome, now)
    }

    pub fn paste(&mut self, text: &str, now: Timestamp) -> TabOutcome {
        // Terminals send pasted line ends as \r.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let outcome = match self.tab {
            Tab::Consult => self.consult.paste(&mut self.session, &text),
            Tab::Intake => self.intake.paste(&text),
            Tab::Opinion => self.opinion.paste(&mut self.session, &text),
            Tab::Questions => self.questions.paste(&mut self.session, &text),
            Tab::Report => TabOutcome::default(),
        };
        self.absorb(outcome, now)
    }

    fn absorb(&mut self, outcome: TabOutcome, now: Timestamp) -> TabOutcome {
        if outcome.changed {
            self.dirty = true;
            self.dirty_since.get_or_insert(now);
            self.last_seen = now;
        }
        outcome
    }

    pub fn help(&self, texts: &'static Texts) -> &'static [(&'static str, &'static str)] {
        match self.tab {
            Tab::Consult if self.consult.editing => texts.help_memo,
            Tab::Consult => texts.help_consult,
            Tab::Intake => self.language.intake_texts().help,
            Tab::Opinion => self.opinion.help(),
            Tab::Questions => self.questions.help(),
            Tab::Report => self.report.help(),
        }
    }

    pub fn hints(&self, texts: &'static Texts) -> &'static str {
        match self.tab {
            Tab::Consult if self.consult.editing => texts.hints_memo,
            Tab::Consult => texts.hints_consult,
            Tab::Intake => self.intake.hints(self.language.intake_texts()),
            Tab::Opinion => self.opinion.hints(),
            Tab::Questions => self.questions.hints(),
            Tab::Report => self.report.hints(),
        }
    }

    pub fn needs_save(&self) -> bool {
        self.dirty || self.save_error.is_some()
    }

    /// How long until typed text must be written (None: nothing waits).
    pub fn autosave_wait(&self, now: Timestamp, interval: TimeDelta) -> Option<TimeDelta> {
        let since = self.dirty_since?;
        let wait = (interval - (now - since)).max(TimeDelta::zero());
        // Due while the last background write is still under way: look again shortly
        // rather than spin.
        if self.peer.writing() {
            return Some(wait.max(TimeDelta::milliseconds(5)));
        }
        Some(wait)
    }

    /// Write the session now (never when read-only: another process owns the file).
    pub fn save(&mut self) -> io::Result<()> {
        if self.read_only {
            self.dirty = false;
            return Ok(());
        }
        match self.peer.save(&self.path, &self.session) {
            Ok(()) => {
                self.dirty = false;
                self.dirty_since = None;
                self.save_error = None;
                self.file_stamp = FileStamp::of(&self.path);
                Ok(())
            }
            Err(err) => {
                self.save_error = Some(err.to_string());
                Err(err)
            }
        }
    }

    /// Start writing the session on the writing thread and return at once (typing is saved
    /// this way, so that no key waits for the disk); `take_written` collects the result.
    /// While the last such write is under way, nothing happens: the session stays dirty
    /// and the next call writes it.
    pub fn save_in_background(&mut self) {
        if self.read_only {
            self.dirty = false;
            return;
        }
        if self.peer.save_in_background(&self.path, &self.session) {
            self.dirty = false;
            self.dirty_since = None;
        }
    }

    /// Take in the result of a finished background write: a failure is shown and the
    /// session is written again at the next sync.
    pub fn take_written(&mut self) -> Option<io::Result<()>> {
        let result = self.peer.take_written()?;
        self.note_written(&result);
        Some(result)
    }

    /// Wait for the background write under way, if any, and take in its result.
    pub fn wait_written(&mut self) {
        if let Some(result) = self.peer.wait_written() {
            self.note_written(&result);
        }
    }

    fn note_written(&mut self, result: &io::Result<()>) {
        match result {
            Ok(()) => {
                self.save_error = None;
                self.file_stamp = FileStamp::of(&self.path);
            }
            Err(err) => {
                self.save_error = Some(err.to_string());
                self.dirty = true;
            }
        }
    }

    /// Read-only: take up what the writing process saved since we last looked.
    /// Returns an error message when the file can no longer be read.
    pub fn follow_writer(&mut self) -> Option<String> {
        if !self.read_only {
            return None;
        }
        let stamp = FileStamp::of(&self.path);
        if stamp == self.file_stamp {
            return None;
        }
        match store::load(&self.path) {
            Ok(session) => {
                self.consult = ConsultTab::new(&session);
                self.session = session;
                self.file_stamp = stamp;
                None
            }
            Err(err) => Some(err.to_string()),
        }
    }

    fn questions_texts(&self) -> &'static crate::i18n::questions::QuestionsTexts {
        self.questions.texts()
    }

    /// Look at the other terminal's file and merge it in if it changed. Returns a message
    /// when there is something to say (a file that cannot be read, questions taken in).
    pub fn sync_with_peer(&mut self) -> Option<Status> {
        let texts = self.questions_texts();
        let taken = self.peer.take_in(&self.path, &mut self.session, texts);
        self.dirty |= taken.changed;
        self.questions.after_merge(&self.session).or(taken.status)
    }

    pub fn seen(&mut self, now: Timestamp) {
        self.last_seen = now;
    }

    /// If the clock was running and the app saw nothing for longer than `gap_seconds`, the
    /// computer slept (or the process was stopped): pause at the last moment seen rather
    /// than count time nobody measured. Returns the gap's ends as `HH:MM` for the message.
    pub fn pause_if_slept(&mut self, now: Timestamp, gap_seconds: i64) -> Option<(String, String)> {
        let last_seen = std::mem::replace(&mut self.last_seen, now);
        let slept = now - last_seen > TimeDelta::seconds(gap_seconds);
        if !slept || self.read_only || self.session.state() != ClockState::Running {
            return None;
        }
        let note = format!(
            "no tick from {} to {}",
            last_seen.to_rfc3339(),
            now.to_rfc3339()
        );
        self.session.pause_clock(last_seen, Some(note)).ok()?;
        self.dirty = true;
        Some((
            last_seen.format("%H:%M").to_string(),
            now.format("%H:%M").to_string(),
        ))
    }

    pub fn check_alarms(&mut self, now: Timestamp, warn_minutes: &[u32]) -> Option<Alarm> {
        match self.session.state() {
            ClockState::Running | ClockState::Paused => self
                .alarms
                .check(self.session.clock.remaining(now), warn_minutes),
            ClockState::Ready | ClockState::Ended => None,
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
            &self.session,
            ctx.texts,
            ctx.theme,
            &ctx.config.session.warn_minutes,
            ctx.now,
        );
        match self.tab {
            Tab::Consult => self.consult.draw(frame, body, &self.session, ctx),
            Tab::Intake => self.intake.draw(frame, body, &self.session, ctx),
            Tab::Opinion => self.opinion.draw(frame, body, &self.session, ctx),
            Tab::Questions => self.questions.draw(frame, body, &self.session, ctx),
            Tab::Report => self.report.draw(frame, body, &self.session, ctx),
        }
    }

    fn title_line(&self, texts: &Texts, theme: &Theme) -> Line<'static> {
        let session = &self.session;
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
        if self.role == Role::Companion {
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(
                self.questions_texts().companion_terminal,
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
        if self.read_only {
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
