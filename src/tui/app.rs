//! The application state and its update: actions in, state changes and saves out.
//!
//! `now` always comes from the caller (the event loop, or a test), never from the clock.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::action::Action;
use super::keymap::{Context, action_for};
use super::screens::consult::ConsultScreen;
use super::screens::home::HomeScreen;
use super::screens::new_session::NewSessionScreen;
use super::theme::Theme;
use crate::config::Config;
use crate::i18n::{Texts, fill};
use crate::model::Timestamp;
use crate::model::clock::format_duration;
use crate::model::fee::format_amount;
use crate::store::{self, Store};

pub enum Screen {
    Home(HomeScreen),
    Consult(Box<ConsultScreen>),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
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
}

impl App {
    pub fn new(config: Config, store: Store, theme: Theme, today: NaiveDate) -> App {
        let home = HomeScreen::load(&store, today);
        App {
            config,
            store,
            theme,
            screen: Screen::Home(home),
            overlay: None,
            status: None,
            should_quit: false,
            bell: false,
        }
    }

    pub fn texts(&self) -> &'static Texts {
        self.config.ui.language.texts()
    }

    /// Open a session file on the consultation screen; on error stay where we are and say why.
    pub fn open_session(&mut self, path: &Path, now: Timestamp) -> Result<(), String> {
        match store::load(path) {
            Ok(session) => {
                let screen = ConsultScreen::new(session, path.to_path_buf(), &self.config, now);
                self.screen = Screen::Consult(Box::new(screen));
                Ok(())
            }
            Err(err) => Err(err.to_string()),
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
    }

    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::Confirm(_)) => return Context::Confirm,
            None => {}
        }
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Consult(consult) if consult.editing_memo => Context::Editing,
            Screen::Consult(_) => Context::Consult,
            Screen::NewSession(_) => Context::NewForm,
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
        let texts = self.texts();
        match (self.overlay, action) {
            (Some(Overlay::Help), Action::ToggleHelp | Action::Back) => self.overlay = None,
            (_, Action::Quit) => self.quit(),
            (Some(Overlay::Confirm(pending)), Action::Yes) => {
                self.overlay = None;
                self.confirmed(pending, now);
            }
            (Some(Overlay::Confirm(_)), Action::No) => {
                self.overlay = None;
                self.info(texts.cancelled);
            }
            (Some(_), _) => {}
            (None, Action::ToggleHelp) => self.overlay = Some(Overlay::Help),
            (None, action) => self.handle_on_screen(action, now),
        }
    }

    fn handle_on_screen(&mut self, action: Action, now: Timestamp) {
        let texts = self.texts();
        match &mut self.screen {
            Screen::Home(home) => match action {
                Action::Up => home.select_previous(),
                Action::Down => home.select_next(),
                Action::Reload => *home = HomeScreen::load(&self.store, home.today),
                Action::NewSession => {
                    let today = home.today;
                    self.screen = Screen::NewSession(Box::new(NewSessionScreen::new(today)));
                }
                Action::Open => {
                    if let Some(path) = home.selected_path().map(Path::to_path_buf)
                        && let Err(err) = self.open_session(&path, now)
                    {
                        self.error(err);
                    }
                }
                _ => {}
            },
            Screen::NewSession(form) => match action {
                Action::Back => self.go_home(now),
                Action::NextField => form.next_field(),
                Action::PrevField => form.previous_field(),
                Action::Edit(key) => form.edit(key),
                Action::Paste(text) => form.paste(&text),
                Action::Submit => self.create_session(now),
                _ => {}
            },
            Screen::Consult(consult) => {
                if consult.editing_memo {
                    match action {
                        Action::Back => {
                            consult.editing_memo = false;
                            self.save_now(now);
                        }
                        Action::Edit(key) => consult.edit_memo(key, now),
                        Action::Paste(text) => consult.paste_memo(&text, now),
                        _ => {}
                    }
                    return;
                }
                match action {
                    Action::Back => self.go_home(now),
                    Action::EditMemo => consult.editing_memo = true,
                    Action::ToggleClock => {
                        let before = consult.session.state();
                        match consult.session.toggle_clock(now) {
                            Ok(()) => {
                                consult.dirty = true;
                                let message = match before {
                                    crate::model::ClockState::Ready => texts.started,
                                    crate::model::ClockState::Running => texts.paused_msg,
                                    _ => texts.resumed,
                                };
                                self.info(message);
                                self.save_now(now);
                            }
                            Err(err) => self.error(texts.clock_error(&err)),
                        }
                    }
                    Action::AskExtend => match consult.session.clock.can_extend() {
                        Ok(()) => self.overlay = Some(Overlay::Confirm(Pending::Extend)),
                        Err(err) => self.error(texts.clock_error(&err)),
                    },
                    Action::AskEnd => match consult.session.state() {
                        crate::model::ClockState::Running | crate::model::ClockState::Paused => {
                            self.overlay = Some(Overlay::Confirm(Pending::End))
                        }
                        _ => {
                            let err = consult.session.clock.end(now).unwrap_err();
                            self.error(texts.clock_error(&err));
                        }
                    },
                    _ => {}
                }
            }
        }
    }

    fn confirmed(&mut self, pending: Pending, now: Timestamp) {
        let texts = self.texts();
        match pending {
            Pending::QuitUnsaved => self.should_quit = true,
            Pending::Extend | Pending::End => {
                let Screen::Consult(consult) = &mut self.screen else {
                    return;
                };
                let result = if pending == Pending::Extend {
                    consult.session.extend(now).map(|()| {
                        let minutes = consult.session.clock.rules.extension_minutes;
                        fill(texts.extended, &[("m", &minutes.to_string())])
                    })
                } else {
                    consult.session.end(now).map(|()| {
                        let took = consult.session.clock.elapsed(now);
                        fill(texts.ended_msg, &[("d", &format_duration(took))])
                    })
                };
                match result {
                    Ok(message) => {
                        consult.dirty = true;
                        self.info(message);
                        self.save_now(now);
                    }
                    Err(err) => self.error(texts.clock_error(&err)),
                }
            }
        }
    }

    /// The question asked before extending, with the fee it adds.
    pub fn confirm_text(&self, pending: Pending) -> String {
        let texts = self.texts();
        match pending {
            Pending::Extend => {
                let (minutes, fee) = match &self.screen {
                    Screen::Consult(c) => (
                        c.session.clock.rules.extension_minutes,
                        format_amount(c.session.fee_schedule.extension, &c.session.fee.currency),
                    ),
                    _ => (self.config.session.extension_minutes, String::new()),
                };
                fill(
                    texts.confirm_extend,
                    &[("m", &minutes.to_string()), ("fee", &fee)],
                )
            }
            Pending::End => texts.confirm_end.to_string(),
            Pending::QuitUnsaved => texts.confirm_quit_unsaved.to_string(),
        }
    }

    fn create_session(&mut self, now: Timestamp) {
        let Screen::NewSession(form) = &self.screen else {
            return;
        };
        let texts = self.texts();
        let Some(draft) = form.draft() else {
            self.error(texts.name_required);
            return;
        };
        let mut session = crate::model::Session::new(
            draft,
            self.config.clock_rules(),
            self.config.fee.clone(),
            now,
        );
        match self.store.create(&mut session) {
            Ok(path) => {
                let message = fill(texts.created, &[("id", &session.id)]);
                self.screen = Screen::Consult(Box::new(ConsultScreen::new(
                    session,
                    path,
                    &self.config,
                    now,
                )));
                self.info(message);
            }
            Err(err) => self.error(format!("{}: {err}", self.store.sessions_dir().display())),
        }
    }

    fn go_home(&mut self, now: Timestamp) {
        if !self.save_now(now) {
            return;
        }
        let today = now.date_naive();
        let mut home = HomeScreen::load(&self.store, today);
        if let Screen::Consult(consult) = &self.screen {
            home.select_path(&consult.path);
        }
        self.screen = Screen::Home(home);
    }

    fn quit(&mut self) {
        let saved = match &mut self.screen {
            Screen::Consult(consult) => consult.save().is_ok(),
            _ => true,
        };
        if saved {
            self.should_quit = true;
        } else {
            self.overlay = Some(Overlay::Confirm(Pending::QuitUnsaved));
        }
    }

    /// Save the open session if anything changed; say so loudly when the disk refuses.
    /// Returns whether everything is on disk.
    fn save_now(&mut self, now: Timestamp) -> bool {
        let Screen::Consult(consult) = &mut self.screen else {
            return true;
        };
        if !consult.needs_save() {
            return true;
        }
        let was_failing = consult.save_error.is_some();
        match consult.save_with_time(now) {
            Ok(()) => {
                if was_failing {
                    self.info(self.texts().saved_again);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Once a second: notice a computer that slept, ring the warnings, save typed notes.
    pub fn on_tick(&mut self, now: Timestamp) {
        let texts = self.texts();
        let Screen::Consult(consult) = &mut self.screen else {
            return;
        };
        let gap = i64::from(self.config.session.suspend_gap_seconds);
        if let Some((from, to)) = consult.pause_if_slept(now, gap) {
            let message = fill(texts.slept, &[("from", &from), ("to", &to)]);
            self.info(message);
            self.save_now(now);
            return;
        }
        if let Some(alarm) = consult.check_alarms(now, &self.config.session.warn_minutes) {
            self.bell = self.config.session.bell;
            let message = match alarm {
                crate::model::alerts::Alarm::MinutesLeft(m) => {
                    fill(texts.warn_left, &[("m", &m.to_string())])
                }
                crate::model::alerts::Alarm::TimeUp => texts.time_up.to_string(),
            };
            self.info(message);
        }
        self.save_now(now);
    }

    /// The session open on screen, if any (for tests and the end-of-run summary).
    pub fn open_path(&self) -> Option<&PathBuf> {
        match &self.screen {
            Screen::Consult(consult) => Some(&consult.path),
            _ => None,
        }
    }
}
