//! The desk's questions, put by the app: yes or no before marking a report sent and before
//! deleting a session, the reason for cancelling one; and what is done once answered.

use super::{App, Overlay, Pending, Screen};
use crate::core::desk::{self, DeskChange};
use crate::core::sessions;
use crate::model::Timestamp;
use crate::tui::action::Action;
use crate::tui::outcome::{DeskAsk, Status};
use crate::tui::screens::desk::DeskScreen;
use crate::tui::widgets::text_field;

impl App {
    /// Put the desk's question.
    pub(super) fn desk_ask(&mut self, ask: DeskAsk) {
        self.overlay = Some(match ask {
            DeskAsk::MarkSent => Overlay::Confirm(Pending::MarkSent),
            DeskAsk::Delete => Overlay::Confirm(Pending::Delete),
            DeskAsk::Cancel => {
                self.override_reason = text_field::single_line("");
                Overlay::CancelReason
            }
        });
    }

    /// The desk's yes or no, answered yes.
    pub(super) fn desk_confirmed(&mut self, pending: Pending, now: Timestamp) {
        let due_days = self.config.desk.report_due_days;
        let Screen::Desk(screen) = &mut self.screen else {
            return;
        };
        match pending {
            Pending::MarkSent => {
                if let Some(effect) = screen.change(DeskChange::MarkSent, due_days) {
                    self.carry_out(effect, now);
                }
            }
            Pending::Delete => {
                let Some(entry) = screen.selected_session(due_days) else {
                    return;
                };
                let id = entry.summary.id.clone();
                let result = desk::delete(&self.store, &entry.path);
                self.status = Some(DeskScreen::done(&id, result, &self.config));
                screen.reload(sessions::list(&self.store), self.config.ui.language);
            }
            _ => {}
        }
    }

    /// The question before marking sent or deleting, naming the session.
    pub(super) fn desk_confirm_text(&self, pending: Pending) -> String {
        let texts = self.config.ui.language.desk_texts();
        let due_days = self.config.desk.report_due_days;
        let (Screen::Desk(screen), Some(words)) = (
            &self.screen,
            match pending {
                Pending::MarkSent => Some(texts.confirm_sent),
                Pending::Delete => Some(texts.confirm_delete),
                _ => None,
            },
        ) else {
            return String::new();
        };
        screen.ask_text(words, due_days)
    }

    /// The hint over the cancel reason, naming the session.
    pub fn cancel_hint(&self) -> String {
        let texts = self.config.ui.language.desk_texts();
        match &self.screen {
            Screen::Desk(screen) => {
                screen.ask_text(texts.cancel_hint, self.config.desk.report_due_days)
            }
            _ => String::new(),
        }
    }

    /// Typing the reason a session is cancelled; Enter cancels it.
    pub(super) fn on_cancel_reason(&mut self, action: Action, now: Timestamp) {
        let texts = self.config.ui.language.desk_texts();
        if action == Action::Submit && text_field::text_of(&self.override_reason).trim().is_empty()
        {
            self.status = Some(Status::error(texts.cancel_reason_required));
            return;
        }
        let Some(reason) = self.reason_typed(action) else {
            return;
        };
        let due_days = self.config.desk.report_due_days;
        let Screen::Desk(screen) = &self.screen else {
            return;
        };
        if let Some(effect) = screen.change(DeskChange::Cancel(reason), due_days) {
            self.carry_out(effect, now);
        }
    }
}
