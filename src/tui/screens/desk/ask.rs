//! What the desk asks before it changes a session, and how it words what came of it: how
//! the fee (or a balance, or a refund) was paid, whether to mark the report sent, to delete
//! a mistaken session, why a session is cancelled.

use super::{DeskScreen, PAYMENT};
use crate::config::Config;
use crate::core::desk::{DeskDone, DeskError};
use crate::i18n::desk::DeskTexts;
use crate::i18n::fill;
use crate::i18n::keys::KeyTexts;
use crate::model::desk;
use crate::model::fee::format_amount;
use crate::model::money::{CancelError, Settlement};
use crate::model::{ClockState, Session};
use crate::tui::keymap::{entries, hint_line};
use crate::tui::outcome::{DeskAsk, Effect, Status};

impl DeskScreen {
    /// Ask how the balance of the selected session is paid (or paid back); nothing to ask
    /// when it is settled.
    pub(super) fn ask_payment(&mut self, texts: &DeskTexts, due_days: u32) -> Option<Status> {
        let entry = self.selected_session(due_days)?;
        let id = &entry.summary.id;
        let account = desk::account(&entry.summary);
        if account.settlement() == Settlement::Nothing {
            let words = if entry.summary.payment.is_some() {
                texts.already_paid
            } else {
                texts.nothing_due
            };
            return Some(Status::error(fill(words, &[("id", id)])));
        }
        self.asking_payment = true;
        None
    }

    /// The question shown while asking how the balance is paid, or paid back.
    pub fn payment_question(
        &self,
        texts: &DeskTexts,
        keys: &'static KeyTexts,
        due_days: u32,
    ) -> String {
        let ways = hint_line(&entries(PAYMENT, |command| command.words(keys)));
        let Some(entry) = self.selected_session(due_days) else {
            return String::new();
        };
        let money = |amount| format_amount(amount, &entry.summary.fee_currency);
        let (prompt, amount) = match desk::account(&entry.summary).settlement() {
            Settlement::Refund(amount) => (texts.refund_prompt, money(amount)),
            Settlement::Collect(amount) => (texts.pay_prompt, money(amount)),
            Settlement::Nothing => (texts.pay_prompt, money(0)),
        };
        fill(prompt, &[("amount", &amount), ("keys", &ways)])
    }

    /// Check that the selected session allows `ask`, then have the app ask it.
    pub(super) fn ask(
        &self,
        ask: DeskAsk,
        texts: &DeskTexts,
        due_days: u32,
    ) -> (Option<Status>, Option<Effect>) {
        let Some(entry) = self.selected_session(due_days) else {
            return (None, None);
        };
        let session = &entry.summary;
        let started = session.state != ClockState::Ready;
        let refused = match ask {
            DeskAsk::MarkSent if session.sent_at.is_some() => Some(texts.already_sent),
            DeskAsk::MarkSent if session.exported_at.is_none() => Some(texts.not_exported),
            DeskAsk::Cancel if session.cancelled => Some(texts.already_cancelled),
            DeskAsk::Cancel if started => Some(texts.cannot_cancel),
            DeskAsk::Delete if started => Some(texts.cannot_delete),
            _ => None,
        };
        match refused {
            Some(words) => (
                Some(Status::error(fill(words, &[("id", &session.id)]))),
                None,
            ),
            None => (None, Some(Effect::DeskAsk(ask))),
        }
    }

    /// The words of a question about the selected session (`{id}`, `{patient}` filled).
    pub fn ask_text(&self, words: &str, due_days: u32) -> String {
        match self.selected_session(due_days) {
            Some(entry) => fill(
                words,
                &[
                    ("id", &entry.summary.id),
                    ("patient", entry.summary.patient_label()),
                ],
            ),
            None => String::new(),
        }
    }

    /// What came of a clerk's change to session `id`, worded for the status line.
    pub fn done(id: &str, result: Result<DeskDone, DeskError>, config: &Config) -> Status {
        let texts = config.ui.language.desk_texts();
        let path = |out: &std::path::Path| out.display().to_string();
        match result {
            Ok(DeskDone::Paid(session, settled)) => paid(id, &session, settled, texts),
            Ok(DeskDone::Sent(true)) => Status::info(fill(texts.sent_msg, &[("id", id)])),
            Ok(DeskDone::Sent(false)) => Status::error(fill(texts.already_sent, &[("id", id)])),
            Ok(DeskDone::NotExported) => Status::error(fill(texts.not_exported, &[("id", id)])),
            Ok(DeskDone::Exported(out)) => {
                Status::info(fill(texts.exported, &[("id", id), ("path", &path(&out))]))
            }
            Ok(DeskDone::ExportedFhir(out, findings)) => {
                let words = config.ui.language.report_texts();
                Status::info(
                    fill(texts.exported, &[("id", id), ("path", &path(&out))])
                        + &words.unmet(&findings),
                )
            }
            Ok(DeskDone::Receipt(out)) => Status::info(fill(
                texts.receipt_written,
                &[("id", id), ("path", &path(&out))],
            )),
            Ok(DeskDone::Cancelled(Ok(()))) => {
                Status::info(fill(texts.cancelled_msg, &[("id", id)]))
            }
            Ok(DeskDone::Cancelled(Err(err))) => {
                let words = match err {
                    CancelError::Started => texts.cannot_cancel,
                    CancelError::AlreadyCancelled => texts.already_cancelled,
                    CancelError::NoReason => texts.cancel_reason_required,
                };
                Status::error(fill(words, &[("id", id)]))
            }
            Ok(DeskDone::Deleted(plan)) => Status::info(fill(
                texts.deleted,
                &[
                    ("id", id),
                    ("removed", &plan.remove.len().to_string()),
                    ("kept", &plan.keep.len().to_string()),
                ],
            )),
            Err(DeskError::Busy) => Status::error(fill(texts.busy, &[("id", id)])),
            Err(DeskError::Started) => Status::error(fill(texts.cannot_delete, &[("id", id)])),
            Err(DeskError::Update(err)) => Status::error(
                config
                    .ui
                    .language
                    .messages()
                    .update_error(&err, std::path::Path::new(id)),
            ),
            Err(DeskError::Export(err)) => {
                let words = config.ui.language.report_texts();
                Status::error(format!("{id}: {}", words.export_error(&err)))
            }
        }
    }
}

/// A payment, a balance or a refund recorded: how much, and how.
fn paid(id: &str, session: &Session, settled: Settlement, texts: &DeskTexts) -> Status {
    let method = session
        .payments()
        .last()
        .map(|p| texts.method(p.method))
        .unwrap_or_default();
    let money = |amount| format_amount(amount, &session.fee.currency);
    let (words, amount) = match settled {
        Settlement::Collect(amount) => (texts.paid_msg, money(amount)),
        Settlement::Refund(amount) => (texts.refunded_msg, money(amount)),
        Settlement::Nothing => return Status::error(fill(texts.already_paid, &[("id", id)])),
    };
    Status::info(fill(
        words,
        &[("id", id), ("amount", &amount), ("method", method)],
    ))
}
