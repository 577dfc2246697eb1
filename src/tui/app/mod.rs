//! The application state and its update: actions in, state changes and saves out.
//!
//! `now` always comes from the caller (the event loop, or a test), never from the clock.

use std::path::Path;

mod clock;
mod desk;
mod effects;
mod typing;

pub use typing::Typing;

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keymap::{Context, action_for};
use super::outcome::Status;
use super::screens::desk::DeskScreen;
use super::screens::home::HomeScreen;
use super::screens::new_session::{DraftError, NewSessionScreen};
use super::session_view::SessionView;
use super::theme::Theme;
use super::widgets::text_field::{self, FieldId};
use crate::config::Config;
use crate::core::export;
use crate::core::{OpenSession, sessions};
use crate::i18n::{Texts, fill};
use crate::model::{Role, Timestamp};
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
    ConfirmRecord,
    /// Take back an extension not yet used.
    Withdraw,
    /// Start the clock of a session scheduled for another day (today's date).
    StartOtherDay(NaiveDate),
    /// The desk: mark the selected session's report sent.
    MarkSent,
    /// The desk: delete the selected session, made by mistake.
    Delete,
    /// A change to a session whose report was already sent.
    EditSent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Pending),
    /// Requirements are missing: the clock starts only with the specialist's reason.
    Override,
    /// A correction of the confirmed record, with its reason.
    Correction,
    /// The desk: the reason the selected session is cancelled.
    CancelReason,
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
        let home = HomeScreen::new(sessions::list(&store), today, config.ui.language);
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
        let messages = self.config.ui.language.messages();
        let open = OpenSession::open(path, self.role, &self.config, now)
            .map_err(|err| messages.file_error(&err))?;
        self.show_session(open);
        Ok(())
    }

    /// Show a session: writable if this process could take its lock, else read-only.
    fn show_session(&mut self, mut open: OpenSession) {
        open.set_write_behind(self.write_behind);
        if let Some(err) = open.lock_error() {
            let err = self.config.ui.language.messages().lock_trouble(err);
            let message = fill(self.texts().read_only_because, &[("err", &err)]);
            self.status = Some(Status::error(message));
        } else if open.read_only() {
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
            Some(Overlay::Override | Overlay::Correction | Overlay::CancelReason) => {
                Context::Override
            }
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

    /// The text field that has the caret, if any, and the screen's name for it: what a
    /// typed key changes.
    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Override | Overlay::Correction | Overlay::CancelReason), _) => {
                Some((FieldId::new("override reason", 0), &self.override_reason))
            }
            (Some(_), _) => None,
            (None, Screen::Session(view)) => view.focused_field(),
            (None, Screen::NewSession(form)) => form.focused_field(),
            (None, Screen::Home(_) | Screen::Desk(_)) => None,
        }
    }

    /// The character `key` types into the field with the caret, when that is all the key
    /// does there: a character, at most with Shift, that neither the context nor the
    /// screen binds. (A run of these may go in as one `Action::Type`.)
    pub fn typed_char(&self, key: &KeyEvent) -> Option<char> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
        if key.kind == KeyEventKind::Release || !plain || c.is_control() {
            return None;
        }
        if action_for(self.context(), *key) != Some(Action::Key(*key)) {
            return None;
        }
        let takes = match (&self.overlay, &self.screen) {
            (Some(Overlay::Override | Overlay::Correction | Overlay::CancelReason), _) => true,
            (Some(_), _) => false,
            (None, Screen::Session(view)) => view.takes_as_text(key),
            (None, Screen::NewSession(form)) => form.focused_field().is_some(),
            (None, Screen::Home(_) | Screen::Desk(_)) => false,
        };
        takes.then_some(c)
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
            (Some(Overlay::Correction), action) => self.on_correction(action, now),
            (Some(Overlay::CancelReason), action) => self.on_cancel_reason(action, now),
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
            Action::Reload => {
                *home = HomeScreen::new(
                    sessions::list(&self.store),
                    home.today,
                    self.config.ui.language,
                )
            }
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
    #[cfg(test)]
    pub fn show_home(&mut self, today: NaiveDate) {
        self.screen = Screen::Home(HomeScreen::new(
            sessions::list(&self.store),
            today,
            self.config.ui.language,
        ));
    }

    pub fn show_desk(&mut self, today: NaiveDate) {
        let desk = DeskScreen::new(sessions::list(&self.store), today, self.config.ui.language);
        self.screen = Screen::Desk(Box::new(desk));
    }

    fn on_desk(&mut self, action: Action, now: Timestamp) {
        let Screen::Desk(desk) = &mut self.screen else {
            return;
        };
        match action {
            Action::Back => self.go_home(now),
            Action::NewSession if self.role != Role::Companion => {
                let today = desk.today;
                self.screen = Screen::NewSession(Box::new(NewSessionScreen::new(today)));
            }
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
            Action::Type(text) => form.type_text(&text),
            Action::Submit => self.create_session(now),
            _ => {}
        }
    }

    fn create_session(&mut self, now: Timestamp) {
        let texts = self.texts();
        let Screen::NewSession(form) = &self.screen else {
            return;
        };
        let draft = match form.draft() {
            Ok(draft) => draft,
            Err(DraftError::NoName) => {
                self.status = Some(Status::error(texts.name_required));
                return;
            }
            Err(DraftError::BadDate(text)) => {
                self.status = Some(Status::error(fill(texts.bad_date, &[("text", &text)])));
                return;
            }
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
        let mut home = HomeScreen::new(
            sessions::list(&self.store),
            now.date_naive(),
            self.config.ui.language,
        );
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
}
