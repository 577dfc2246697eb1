//! The application state and its update: actions in, state changes and saves out.
//!
//! `now` always comes from the caller (the event loop, or a test), never from the clock.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keymap::{Context, action_for};
use super::outcome::{Effect, Status};
use super::screens::desk::DeskScreen;
use super::screens::home::HomeScreen;
use super::screens::new_session::NewSessionScreen;
use super::session_view::SessionView;
use super::theme::Theme;
use super::widgets::text_field;
use crate::config::Config;
use crate::core::export::{self, Destination, Job, Source};
use crate::core::{OpenSession, SessionEvent, sessions};
use crate::i18n::{Texts, fill};
use crate::model::alerts::Alarm;
use crate::model::clock::format_duration;
use crate::model::fee::format_amount;
use crate::model::{ClockState, Role, Timestamp};
use crate::store::Store;

pub enum Screen {
    Home(HomeScreen),
    Desk(Box<DeskScreen>),
    Session(Box<SessionView>),
    NewSession(Box<NewSessionScreen>),
}

/// A question put to the user before something that cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Extend,
    End,
    QuitUnsaved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Pending),
    /// Requirements are missing: the clock starts only with the specialist's reason.
    Override,
}

pub struct App {
    pub config: Config,
    pub store: Store,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub should_quit: bool,
    /// Ring the terminal bell after the next draw.
    pub bell: bool,
    /// The reason typed in the override overlay.
    pub override_reason: TextArea<'static>,
    /// Which terminal this is (`sonote open --role`); sessions open in this role.
    pub role: Role,
    /// Write typed text on a thread of its own, so no key waits for the disk. The event
    /// loop sets it; tests leave it off, so that the disk can be read right after a tick.
    pub write_behind: bool,
}

impl App {
    pub fn new(config: Config, store: Store, theme: Theme, today: NaiveDate) -> App {
        let home = HomeScreen::new(sessions::list(&store), today);
        App::with_home(config, store, theme, home)
    }

    /// An app that starts on a session or the desk, which replace the home screen before
    /// the first frame: its list is made only when it is shown. (It reads every session
    /// file changed since the last listing, all of them when there is no listing cache: 30
    /// ms with a year of sessions, BENCHMARKS.md.)
    pub fn starting_elsewhere(config: Config, store: Store, theme: Theme, today: NaiveDate) -> App {
        let home = HomeScreen {
            rows: Vec::new(),
            selected: 0,
            today,
            list_error: None,
        };
        App::with_home(config, store, theme, home)
    }

    fn with_home(config: Config, store: Store, theme: Theme, home: HomeScreen) -> App {
        App {
            config,
            store,
            theme,
            screen: Screen::Home(home),
            overlay: None,
            status: None,
            should_quit: false,
            bell: false,
            override_reason: text_field::single_line(""),
            role: Role::Specialist,
            write_behind: false,
        }
    }

    /// Write typed text on a thread of its own from now on (the event loop's choice).
    pub fn set_write_behind(&mut self, on: bool) {
        self.write_behind = on;
        if let Screen::Session(view) = &mut self.screen {
            view.open.set_write_behind(on);
        }
    }

    pub fn texts(&self) -> &'static Texts {
        self.config.ui.language.texts()
    }

    /// Open a session file; on error stay where we are and return why.
    pub fn open_session(&mut self, path: &Path, now: Timestamp) -> Result<(), String> {
        let open =
            OpenSession::open(path, self.role, &self.config, now).map_err(|err| err.to_string())?;
        self.show_session(open);
        Ok(())
    }

    /// Show a session: writable if this process could take its lock, else read-only.
    fn show_session(&mut self, mut open: OpenSession) {
        open.set_write_behind(self.write_behind);
        if open.read_only() {
            self.status = Some(Status::error(self.texts().read_only));
        }
        let templates = export::templates(&self.config);
        let view = SessionView::new(open, &self.config, templates);
        self.screen = Screen::Session(Box::new(view));
    }

    /// The open session, if any.
    pub fn session_view(&self) -> Option<&SessionView> {
        match &self.screen {
            Screen::Session(view) => Some(view),
            _ => None,
        }
    }

    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Override) => Context::Override,
            None => match &self.screen {
                Screen::Home(_) => Context::Home,
                // Choosing how the fee was paid: every key answers.
                Screen::Desk(desk) if desk.asking_payment => Context::Editing,
                Screen::Desk(_) => Context::Desk,
                Screen::Session(view) if view.editing() => Context::Editing,
                Screen::Session(_) => Context::Session,
                Screen::NewSession(_) => Context::NewForm,
            },
        }
    }

    /// The text field that has the caret, if any: what a typed key changes.
    pub fn focused_field(&self) -> Option<&TextArea<'static>> {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Override), _) => Some(&self.override_reason),
            (Some(_), _) => None,
            (None, Screen::Session(view)) => view.focused_field(),
            (None, Screen::NewSession(form)) => form.focused_field(),
            (None, Screen::Home(_) | Screen::Desk(_)) => None,
        }
    }

    pub fn on_event(&mut self, event: Event, now: Timestamp) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key, now),
            Event::Paste(text) => self.handle(Action::Paste(text), now),
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, now: Timestamp) {
        if let Some(action) = action_for(self.context(), key) {
            self.handle(action, now);
        }
    }

    pub fn handle(&mut self, action: Action, now: Timestamp) {
        if let Screen::Session(view) = &mut self.screen {
            view.open.seen(now);
        }
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit(),
            (Some(Overlay::Help), Action::ToggleHelp | Action::Back) => self.overlay = None,
            (Some(Overlay::Confirm(pending)), Action::Yes) => {
                self.overlay = None;
                self.confirmed(pending, now);
            }
            (Some(Overlay::Confirm(_)), Action::No) => {
                self.overlay = None;
                self.status = Some(Status::info(self.texts().cancelled));
            }
            (Some(Overlay::Override), action) => self.on_override(action, now),
            (Some(_), _) => {}
            (None, Action::ToggleHelp) => self.overlay = Some(Overlay::Help),
            (None, action) => match &self.screen {
                Screen::Home(_) => self.on_home(action, now),
                Screen::Desk(_) => self.on_desk(action, now),
                Screen::NewSession(_) => self.on_new_session(action, now),
                Screen::Session(_) => self.on_session(action, now),
            },
        }
    }

    fn on_home(&mut self, action: Action, now: Timestamp) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        match action {
            Action::Up => home.select_previous(),
            Action::Down => home.select_next(),
            Action::Reload => *home = HomeScreen::new(sessions::list(&self.store), home.today),
            Action::Desk => {
                let today = home.today;
                self.show_desk(today);
            }
            Action::NewSession if self.role == Role::Companion => {
                let message = self.config.ui.language.questions_texts().no_new_session;
                self.status = Some(Status::info(message));
            }
            Action::NewSession => {
                let today = home.today;
                self.screen = Screen::NewSession(Box::new(NewSessionScreen::new(today)));
            }
            Action::Open => {
                if let Some(path) = home.selected_path().map(Path::to_path_buf)
                    && let Err(err) = self.open_session(&path, now)
                {
                    self.status = Some(Status::error(err));
                }
            }
            _ => {}
        }
    }

    /// The home screen, its list read afresh.
    pub fn show_home(&mut self, today: NaiveDate) {
        self.screen = Screen::Home(HomeScreen::new(sessions::list(&self.store), today));
    }

    pub fn show_desk(&mut self, today: NaiveDate) {
        let desk = DeskScreen::new(sessions::list(&self.store), today);
        self.screen = Screen::Desk(Box::new(desk));
    }

    fn on_desk(&mut self, action: Action, now: Timestamp) {
        let Screen::Desk(desk) = &mut self.screen else {
            return;
        };
        match action {
            Action::Back => self.go_home(now),
            Action::Key(key) => {
                let (status, effect) = desk.key(key, &self.config);
                if status.is_some() {
                    self.status = status;
                }
                if let Some(effect) = effect {
                    self.carry_out(effect, now);
                }
            }
            _ => {}
        }
    }

    /// Do the IO a screen asked for, through the core, and show what came of it.
    fn carry_out(&mut self, effect: Effect, now: Timestamp) {
        match (effect, &mut self.screen) {
            (Effect::Open(path), _) => {
                if let Err(err) = self.open_session(&path, now) {
                    self.status = Some(Status::error(err));
                }
            }
            (Effect::ReloadList, Screen::Desk(desk)) => desk.reload(sessions::list(&self.store)),
            (Effect::Desk { path, id, change }, Screen::Desk(desk)) => {
                let root = self.store.root();
                let result = crate::core::desk::apply(&path, change, &self.config, root, now);
                self.status = Some(DeskScreen::done(&id, result, &self.config));
                desk.reload(sessions::list(&self.store));
            }
            (Effect::Export { format, lang }, Screen::Session(view)) => {
                let outcome = match view.report.template_of(lang) {
                    Ok(template) => {
                        let job = Job {
                            config: &self.config,
                            template,
                            format,
                            force: false,
                        };
                        let destination = Destination::Dir(export::exports_dir(self.store.root()));
                        let open = &mut view.open;
                        let path = open.path().to_path_buf();
                        let source = Source::Open {
                            session: &mut open.session,
                            path: &path,
                        };
                        let result = export::export(source, &job, &destination, now);
                        view.report.exported(format, result)
                    }
                    // The tab checked it before asking.
                    Err(_) => return,
                };
                let outcome = view.absorb(outcome, now);
                self.status = outcome.status;
            }
            (Effect::ImportQuestions(path), Screen::Session(view)) => {
                let role = view.role();
                let result = crate::core::import::into_session(&mut view.open.session, &path, role)
                    .map_err(|err| err.to_string());
                let outcome = view.questions.imported(result);
                let outcome = view.absorb(outcome, now);
                self.status = outcome.status;
            }
            // The screen that asked is gone.
            _ => {}
        }
    }

    fn on_new_session(&mut self, action: Action, now: Timestamp) {
        let Screen::NewSession(form) = &mut self.screen else {
            return;
        };
        match action {
            Action::Back => self.go_home(now),
            Action::NextField => form.next_field(),
            Action::PrevField => form.previous_field(),
            Action::Key(key) => form.edit(key),
            Action::Paste(text) => form.paste(&text),
            Action::Submit => self.create_session(now),
            _ => {}
        }
    }

    fn on_session(&mut self, action: Action, now: Timestamp) {
        let texts = self.texts();
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        let looks = match &action {
            Action::Back | Action::SwitchTab(_) | Action::NextTab | Action::PreviousTab => true,
            Action::Key(key) => view.key_only_looks(key),
            _ => false,
        };
        if view.read_only() && !looks {
            self.status = Some(Status::error(texts.read_only));
            return;
        }
        match action {
            Action::Back => self.go_home(now),
            Action::SwitchTab(index) => view.switch_to(index),
            Action::NextTab => view.cycle_tab(true),
            Action::PreviousTab => view.cycle_tab(false),
            Action::ToggleClock | Action::AskExtend | Action::AskEnd
                if view.role() == Role::Companion =>
            {
                let message = self.config.ui.language.questions_texts().clock_refused;
                self.status = Some(Status::info(message));
            }
            // Typing is saved by the tick, at most a second later, so that a keystroke
            // never waits for the disk.
            Action::Key(key) => {
                let was_editing = view.editing();
                let outcome = view.key(key, texts, now);
                if outcome.status.is_some() {
                    self.status = outcome.status;
                } else if view.editing() != was_editing {
                    // A field opened or closed: its key hints replace an old message.
                    self.status = None;
                }
                if let Some(effect) = outcome.effect {
                    self.carry_out(effect, now);
                }
            }
            Action::Paste(text) => {
                let outcome = view.paste(&text, now);
                if outcome.status.is_some() {
                    self.status = outcome.status;
                }
            }
            Action::ToggleClock
                if view.open.session.state() == ClockState::Ready
                    && !view.open.session.missing_requirements().is_empty() =>
            {
                self.override_reason = text_field::single_line("");
                self.overlay = Some(Overlay::Override);
            }
            Action::ToggleClock => {
                let before = view.open.session.state();
                match view.open.session.toggle_clock(now) {
                    Ok(()) => {
                        view.open.changed(now);
                        let message = match before {
                            ClockState::Ready => texts.started,
                            ClockState::Running => texts.paused_msg,
                            _ => texts.resumed,
                        };
                        self.status = Some(Status::info(message));
                        self.save_now();
                    }
                    Err(err) => self.status = Some(Status::error(texts.clock_error(&err))),
                }
            }
            Action::AskExtend => match view.open.session.clock.can_extend() {
                Ok(()) => self.overlay = Some(Overlay::Confirm(Pending::Extend)),
                Err(err) => self.status = Some(Status::error(texts.clock_error(&err))),
            },
            Action::AskEnd => match view.open.session.state() {
                ClockState::Running | ClockState::Paused => {
                    self.overlay = Some(Overlay::Confirm(Pending::End))
                }
                ClockState::Ready => {
                    let err = crate::model::ClockError::NotStarted;
                    self.status = Some(Status::error(texts.clock_error(&err)));
                }
                ClockState::Ended => {
                    let err = crate::model::ClockError::AlreadyEnded;
                    self.status = Some(Status::error(texts.clock_error(&err)));
                }
            },
            _ => {}
        }
    }

    /// Typing the reason for starting although requirements are missing.
    fn on_override(&mut self, action: Action, now: Timestamp) {
        let texts = self.texts();
        match action {
            Action::No | Action::Back => {
                self.overlay = None;
                self.status = Some(Status::info(texts.cancelled));
            }
            Action::Key(key) => {
                self.override_reason.input(key);
            }
            Action::Paste(text) => {
                self.override_reason
                    .insert_str(text.replace(['\r', '\n'], " "));
            }
            Action::Submit => {
                let reason = text_field::text_of(&self.override_reason);
                if reason.trim().is_empty() {
                    self.status = Some(Status::error(texts.override_reason_required));
                    return;
                }
                let Screen::Session(view) = &mut self.screen else {
                    return;
                };
                self.overlay = None;
                match view.open.session.start_with_override(&reason, now) {
                    Ok(()) => {
                        view.open.changed(now);
                        self.status = Some(Status::info(texts.started_with_override));
                        self.save_now();
                    }
                    Err(err) => self.status = Some(Status::error(texts.clock_error(&err))),
                }
            }
            _ => {}
        }
    }

    fn confirmed(&mut self, pending: Pending, now: Timestamp) {
        let texts = self.texts();
        if pending == Pending::QuitUnsaved {
            self.should_quit = true;
            return;
        }
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        let session = &mut view.open.session;
        let result = if pending == Pending::Extend {
            session.extend(now).map(|()| {
                let minutes = session.clock.rules.extension_minutes;
                fill(texts.extended, &[("m", &minutes.to_string())])
            })
        } else {
            session.end(now).map(|()| {
                let took = session.clock.elapsed(now);
                fill(texts.ended_msg, &[("d", &format_duration(took))])
            })
        };
        match result {
            Ok(message) => {
                view.open.changed(now);
                self.status = Some(Status::info(message));
                self.save_now();
            }
            Err(err) => self.status = Some(Status::error(texts.clock_error(&err))),
        }
    }

    /// The question asked before extending (with the fee it adds), ending, or quitting.
    pub fn confirm_text(&self, pending: Pending) -> String {
        let texts = self.texts();
        match (pending, self.session_view()) {
            (Pending::Extend, Some(view)) => {
                let session = &view.open.session;
                let fee = format_amount(session.fee_schedule.extension, &session.fee.currency);
                let minutes = session.clock.rules.extension_minutes.to_string();
                fill(texts.confirm_extend, &[("m", &minutes), ("fee", &fee)])
            }
            (Pending::End, view) => {
                // A gentle reminder of what the opinion still lacks; it never blocks.
                let lang = self.config.ui.language;
                let gaps = view
                    .map(|v| {
                        v.open
                            .session
                            .opinion
                            .gaps(&self.config.opinion.optional_kinds())
                    })
                    .unwrap_or_default();
                match lang
                    .opinion_texts()
                    .gap_line(&gaps, self.config.opinion.scale(lang))
                {
                    Some(gaps) => format!("{}\n{gaps}", texts.confirm_end),
                    None => texts.confirm_end.to_string(),
                }
            }
            _ => texts.confirm_quit_unsaved.to_string(),
        }
    }

    fn create_session(&mut self, now: Timestamp) {
        let texts = self.texts();
        let Screen::NewSession(form) = &self.screen else {
            return;
        };
        let Some(draft) = form.draft() else {
            self.status = Some(Status::error(texts.name_required));
            return;
        };
        match sessions::create(&self.store, &self.config, draft, now) {
            Ok((session, path)) => {
                let message = fill(texts.created, &[("id", &session.id)]);
                let open = OpenSession::with(session, path, self.role, &self.config, now);
                self.show_session(open);
                self.status = Some(Status::info(message));
            }
            Err(err) => self.status = Some(Status::error(err)),
        }
    }

    fn go_home(&mut self, now: Timestamp) {
        if !self.save_now() {
            return;
        }
        let mut home = HomeScreen::new(sessions::list(&self.store), now.date_naive());
        if let Screen::Session(view) = &self.screen {
            home.select_path(view.open.path());
        }
        self.screen = Screen::Home(home);
    }

    fn quit(&mut self) {
        if self.save_now() {
            self.should_quit = true;
        } else {
            self.overlay = Some(Overlay::Confirm(Pending::QuitUnsaved));
        }
    }

    /// Save the open session if anything changed. Returns whether everything is on disk;
    /// when the disk refuses, the red banner says so and the next look tries again.
    fn save_now(&mut self) -> bool {
        let Screen::Session(view) = &mut self.screen else {
            return true;
        };
        match view.open.save_now() {
            Ok(event) => {
                if let Some(event) = event {
                    self.on_session_events(vec![event]);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Do what the open session has due at `now` (the event loop calls it when
    /// `next_due` says so): saves, the other terminal's edits, the clock's warnings.
    pub fn poll(&mut self, now: Timestamp) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.poll(now);
            self.on_session_events(events);
        }
    }

    /// How long the event loop may wait before the open session has something due.
    pub fn next_due(&self, now: Timestamp) -> Option<std::time::Duration> {
        Some(self.session_view()?.open.next_due(now))
    }

    /// Everything at once, as if a second had passed: notice a computer that slept, ring
    /// the warnings, take in the other terminal's edits, save typed text.
    pub fn on_tick(&mut self, now: Timestamp) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.poll_all(now);
            self.on_session_events(events);
        }
    }

    /// Take in what the other terminal saved, and save what was typed here.
    pub fn on_sync(&mut self) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.sync();
            self.on_session_events(events);
        }
    }

    /// Write typed text whose autosave interval has passed. Cheap when nothing waits.
    pub fn autosave(&mut self, now: Timestamp) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.autosave(now);
            self.on_session_events(events);
        }
    }

    /// Word the open session's events on the status line, and let the screens show them.
    fn on_session_events(&mut self, events: Vec<SessionEvent>) {
        let texts = self.texts();
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        let questions = view.questions.texts();
        for event in events {
            let shown = view.after(&event);
            let status = match event {
                // The red banner says it, from the session's save error.
                SessionEvent::SaveFailed(_) => None,
                SessionEvent::SavedAgain => Some(Status::info(texts.saved_again)),
                SessionEvent::Merged => shown,
                SessionEvent::Adopted(n) => Some(Status::info(fill(
                    questions.adopted,
                    &[("n", &n.to_string())],
                ))),
                SessionEvent::PeerUnreadable(err) => {
                    let message = if view.read_only() {
                        err
                    } else {
                        fill(questions.peer_unreadable, &[("err", &err)])
                    };
                    Some(Status::error(message))
                }
                SessionEvent::Slept { from, to } => Some(Status::info(fill(
                    texts.slept,
                    &[("from", &from), ("to", &to)],
                ))),
                SessionEvent::Alarm(alarm) => {
                    // One bell in the room is enough: the specialist's terminal rings it.
                    self.bell = self.config.session.bell && view.role() == Role::Specialist;
                    Some(Status::info(match alarm {
                        Alarm::MinutesLeft(m) => fill(texts.warn_left, &[("m", &m.to_string())]),
                        Alarm::TimeUp => texts.time_up.to_string(),
                    }))
                }
            };
            if status.is_some() {
                self.status = status;
            }
        }
    }

    /// After a crash: write what is in memory, if a session is open. Returns whether all
    /// is on disk.
    pub fn save_before_exit(&mut self) -> bool {
        self.save_now()
    }

    /// The file of the session open on screen, if any.
    pub fn open_path(&self) -> Option<&Path> {
        self.session_view().map(|view| view.open.path())
    }
}
