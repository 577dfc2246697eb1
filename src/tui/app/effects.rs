//! The app's edge: the IO screens ask for (effects), the open session's saving and timed
//! work, and its events worded on the status line.

use std::path::Path;

use super::{App, Overlay, Pending, Screen};
use crate::core::export::{self, Destination, Job, Source};
use crate::core::{SessionEvent, sessions};
use crate::i18n::fill;
use crate::model::Role;
use crate::model::Timestamp;
use crate::model::alerts::Alarm;
use crate::report::Document;
use crate::tui::outcome::{Effect, Status};
use crate::tui::screens::desk::DeskScreen;

impl App {
    /// Do the IO a screen asked for, through the core, and show what came of it.
    pub(super) fn carry_out(&mut self, effect: Effect, now: Timestamp) {
        match (effect, &mut self.screen) {
            (Effect::Open(path), _) => {
                if let Err(err) = self.open_session(&path, now) {
                    self.status = Some(Status::error(err));
                }
            }
            (Effect::ReloadList, Screen::Desk(desk)) => {
                desk.reload(sessions::list(&self.store), self.config.ui.language)
            }
            (Effect::Desk { path, id, change }, Screen::Desk(desk)) => {
                let root = self.store.root();
                let result = crate::core::desk::apply(&path, change, &self.config, root, now);
                self.status = Some(DeskScreen::done(&id, result, &self.config));
                desk.reload(sessions::list(&self.store), self.config.ui.language);
            }
            (
                Effect::Export {
                    format,
                    lang,
                    document,
                },
                Screen::Session(view),
            ) => {
                let outcome = match view.report.template_of(lang) {
                    Ok(template) => {
                        let job = Job {
                            config: &self.config,
                            template,
                            format,
                            force: false,
                            with_memo: false,
                        };
                        let destination = Destination::Dir(export::exports_dir(self.store.root()));
                        let open = &mut view.open;
                        let path = open.path().to_path_buf();
                        let source = Source::Open {
                            session: &mut open.session,
                            path: &path,
                        };
                        let result = match document {
                            Document::Letter => export::export(source, &job, &destination, now),
                            Document::Patient => {
                                export::export_patient(source, &job, &destination, now)
                            }
                        };
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
                let messages = self.config.ui.language.messages();
                let result = crate::core::import::into_session(&mut view.open.session, &path, role)
                    .map_err(|err| messages.file_error(&err));
                let outcome = view.questions.imported(result);
                let outcome = view.absorb(outcome, now);
                self.status = outcome.status;
            }
            (Effect::ConfirmRecord, Screen::Session(_)) => {
                self.overlay = Some(Overlay::Confirm(Pending::ConfirmRecord));
            }
            (Effect::CorrectRecord, Screen::Session(view)) => {
                if view.open.session.record.locked() {
                    self.override_reason = crate::tui::widgets::text_field::single_line("");
                    self.overlay = Some(Overlay::Correction);
                } else {
                    let messages = self.config.ui.language.messages();
                    let not_confirmed = crate::model::record::RecordError::NotConfirmed;
                    let err = messages.record_error(&not_confirmed);
                    let texts = self.texts();
                    self.status = Some(Status::error(fill(texts.record_failed, &[("err", &err)])));
                }
            }
            (Effect::DeskAsk(ask), Screen::Desk(_)) => self.desk_ask(ask),
            // The screen that asked is gone.
            _ => {}
        }
    }

    /// Save the open session if anything changed. Returns whether everything is on disk;
    /// when the disk refuses, the red banner says so and the next look tries again.
    pub(super) fn save_now(&mut self) -> bool {
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
    /// Whether anything came of it that the screen shows.
    pub fn poll(&mut self, now: Timestamp) -> bool {
        let Screen::Session(view) = &mut self.screen else {
            return false;
        };
        let events = view.open.poll(now);
        let changed = !events.is_empty();
        self.on_session_events(events);
        changed
    }

    /// How long the event loop may wait before the open session has something due.
    pub fn next_due(&self, now: Timestamp) -> Option<std::time::Duration> {
        Some(self.session_view()?.open.next_due(now))
    }

    // on_tick, on_sync and autosave: the tests' ways to run the timer one step at a time;
    // the event loop calls `poll`.

    /// Everything at once, as if a second had passed: notice a computer that slept, ring
    /// the warnings, take in the other terminal's edits, save typed text.
    #[cfg(test)]
    pub fn on_tick(&mut self, now: Timestamp) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.poll_all(now);
            self.on_session_events(events);
        }
    }

    /// Take in what the other terminal saved, and save what was typed here.
    #[cfg(test)]
    pub fn on_sync(&mut self) {
        if let Screen::Session(view) = &mut self.screen {
            let events = view.open.sync();
            self.on_session_events(events);
        }
    }

    /// Write typed text whose autosave interval has passed. Cheap when nothing waits.
    #[cfg(test)]
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
                SessionEvent::LockLost(err) => {
                    let err = self.config.ui.language.messages().lock_trouble(&err);
                    Some(Status::error(fill(texts.lock_lost, &[("err", &err)])))
                }
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
