//! The clock's keys on an open session: start (with a reason when requirements are
//! missing), pause, extend and end, each confirmed where it cannot be undone.

use super::{App, Overlay, Pending, Screen};
use crate::i18n::fill;
use crate::model::clock::format_duration;
use crate::model::fee::format_amount;
use crate::model::{ClockState, ExtensionCharge, Role, Timestamp};
use crate::tui::action::Action;
use crate::tui::outcome::Status;
use crate::tui::widgets::text_field;

impl App {
    pub(super) fn on_session(&mut self, action: Action, now: Timestamp) {
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
        // A confirmed record changes only through a correction (the report tab's keys).
        let record = &view.open.session.record;
        let about_the_record =
            matches!(&action, Action::Key(key) if view.key_about_the_record(key));
        if record.locked() && !looks && !about_the_record {
            let version = record.version().to_string();
            self.status = Some(Status::error(fill(texts.record_locked, &[("n", &version)])));
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
                // A sent report: the first change is taken back and asked about.
                let before = view
                    .asks_before_a_change()
                    .then(|| view.open.session.clone());
                let outcome = view.key(key, texts, now);
                if view.took_back(before, outcome.changed, now) {
                    self.overlay = Some(Overlay::Confirm(Pending::EditSent));
                    return;
                }
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
                let before = view
                    .asks_before_a_change()
                    .then(|| view.open.session.clone());
                let outcome = view.paste(&text, now);
                if view.took_back(before, outcome.changed, now) {
                    self.overlay = Some(Overlay::Confirm(Pending::EditSent));
                } else if outcome.status.is_some() {
                    self.status = outcome.status;
                }
            }
            Action::Type(text) => {
                let before = view
                    .asks_before_a_change()
                    .then(|| view.open.session.clone());
                let outcome = view.type_text(&text, now);
                if view.took_back(before, outcome.changed, now) {
                    self.overlay = Some(Overlay::Confirm(Pending::EditSent));
                } else if outcome.status.is_some() {
                    self.status = outcome.status;
                }
            }
            // A session scheduled for another day: started today only when confirmed.
            Action::ToggleClock
                if view.open.session.state() == ClockState::Ready
                    && view.open.session.cancelled.is_none()
                    && !view.open.session.demo
                    && view.open.session.scheduled_date != now.date_naive() =>
            {
                let today = now.date_naive();
                self.overlay = Some(Overlay::Confirm(Pending::StartOtherDay(today)));
            }
            Action::ToggleClock => self.toggle_clock(now),
            Action::AskExtend => match view.open.session.clock.can_extend() {
                Ok(()) => self.overlay = Some(Overlay::Confirm(Pending::Extend)),
                // No extension left, the last one unused: the key offers to take it back.
                Err(crate::model::ClockError::NoExtensionLeft { .. })
                    if view.open.session.clock.can_withdraw(now).is_ok() =>
                {
                    self.overlay = Some(Overlay::Confirm(Pending::Withdraw));
                }
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

    /// Start (asking for a reason when requirements are missing), pause or resume.
    fn toggle_clock(&mut self, now: Timestamp) {
        let texts = self.texts();
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        if view.open.session.state() == ClockState::Ready
            && view.open.session.cancelled.is_none()
            && !view.open.session.missing_requirements().is_empty()
        {
            self.override_reason = text_field::single_line("");
            self.overlay = Some(Overlay::Override);
            return;
        }
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

    /// A key in a popup that asks for a reason: edits the reason, or cancels; on Enter,
    /// the reason typed (the popup closed), or None with an error while it is empty.
    pub(super) fn reason_typed(&mut self, action: Action) -> Option<String> {
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
            Action::Type(text) => {
                self.override_reason.insert_str(text);
            }
            Action::Submit => {
                let reason = text_field::text_of(&self.override_reason);
                if reason.trim().is_empty() {
                    self.status = Some(Status::error(texts.override_reason_required));
                    return None;
                }
                self.overlay = None;
                return Some(reason);
            }
            _ => {}
        }
        None
    }

    /// Typing the reason for starting although requirements are missing.
    pub(super) fn on_override(&mut self, action: Action, now: Timestamp) {
        let texts = self.texts();
        let Some(reason) = self.reason_typed(action) else {
            return;
        };
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        match view.open.session.start_with_override(&reason, now) {
            Ok(()) => {
                view.open.changed(now);
                self.status = Some(Status::info(texts.started_with_override));
                self.save_now();
            }
            Err(err) => self.status = Some(Status::error(texts.clock_error(&err))),
        }
    }

    /// The reason for a correction of the confirmed record, typed in its popup.
    pub(super) fn on_correction(&mut self, action: Action, now: Timestamp) {
        let texts = self.texts();
        let Some(reason) = self.reason_typed(action) else {
            return;
        };
        let by = crate::core::author(&self.config, "specialist");
        let Screen::Session(view) = &mut self.screen else {
            return;
        };
        let version = view.open.session.record.version().to_string();
        let messages = self.config.ui.language.messages();
        self.status = Some(
            match crate::core::record::correct_open(&mut view.open, &by, &reason, now) {
                Ok(()) => Status::info(fill(texts.correction_opened, &[("n", &version)])),
                Err(err) => {
                    let err = messages.record_failure(&err, view.open.path());
                    Status::error(fill(texts.record_failed, &[("err", &err)]))
                }
            },
        );
    }

    pub(super) fn confirmed(&mut self, pending: Pending, now: Timestamp) {
        let texts = self.texts();
        match pending {
            Pending::QuitUnsaved => {
                self.should_quit = true;
                return;
            }
            Pending::MarkSent | Pending::Delete => return self.desk_confirmed(pending, now),
            Pending::StartOtherDay(_) => return self.toggle_clock(now),
            _ => {}
        }
        if pending == Pending::EditSent {
            if let Screen::Session(view) = &mut self.screen {
                view.sent_edit_allowed = true;
            }
            self.status = Some(Status::info(texts.edit_sent_allowed));
            return;
        }
        if pending == Pending::ConfirmRecord {
            let by = crate::core::author(&self.config, "specialist");
            let Screen::Session(view) = &mut self.screen else {
                return;
            };
            self.status = Some(
                match crate::core::record::confirm_open(&mut view.open, &by, now) {
                    Ok(version) => {
                        Status::info(fill(texts.record_confirmed, &[("n", &version.to_string())]))
                    }
                    Err(err) => {
                        let messages = self.config.ui.language.messages();
                        let err = messages.record_failure(&err, view.open.path());
                        Status::error(fill(texts.record_failed, &[("err", &err)]))
                    }
                },
            );
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
        } else if pending == Pending::Withdraw {
            session
                .withdraw_extension(now)
                .map(|()| texts.withdrawn.to_string())
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
                let words = match session.fee_schedule.extension_charge {
                    ExtensionCharge::Used => texts.confirm_extend_used,
                    ExtensionCharge::Granted => texts.confirm_extend,
                };
                fill(words, &[("m", &minutes), ("fee", &fee)])
            }
            (Pending::Withdraw, Some(view)) => {
                let minutes = view.open.session.clock.rules.extension_minutes.to_string();
                fill(texts.confirm_withdraw, &[("m", &minutes)])
            }
            (Pending::StartOtherDay(today), Some(view)) => {
                let date = view.open.session.scheduled_date.to_string();
                let today = today.to_string();
                fill(
                    texts.confirm_start_other_day,
                    &[("date", &date), ("today", &today)],
                )
            }
            (Pending::MarkSent | Pending::Delete, _) => self.desk_confirm_text(pending),
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
            (Pending::ConfirmRecord, _) => texts.confirm_record.to_string(),
            (Pending::EditSent, view) => {
                let sent = view
                    .and_then(|v| v.open.session.report.sent_at)
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                fill(texts.confirm_edit_sent, &[("at", &sent)])
            }
            _ => texts.confirm_quit_unsaved.to_string(),
        }
    }
}
