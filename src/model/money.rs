//! Money that adds up: what a session owes (its fee, or nothing once cancelled or
//! declined), what changed hands (payments less refunds), and the balance either way.
//!
//! A payment is never rewritten: a fee that grew after it (an extension used) is collected
//! as a further payment of the balance, and a fee that fell (an extension withdrawn, a
//! cancellation) is paid back as a refund, each recorded with its time and method.

use chrono::SubsecRound;
use serde::{Deserialize, Serialize};

use super::clock::{ClockState, Timestamp};
use super::payment::{Payment, PaymentMethod};
use super::session::Session;

/// A session called off before its consultation, kept with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    pub at: Timestamp,
    pub reason: String,
}

/// Why a session cannot be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CancelError {
    #[error("the consultation has already begun")]
    Started,
    #[error("the session is already cancelled")]
    AlreadyCancelled,
    #[error("a reason is required")]
    NoReason,
}

/// What a session owes and what changed hands, in whole units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Account {
    /// The fee owed: nothing for a cancelled or declined session.
    pub due: u64,
    /// Every payment collected.
    pub collected: u64,
    /// Every refund paid back.
    pub refunded: u64,
}

impl Account {
    /// Collected less refunded.
    pub fn paid(&self) -> u64 {
        self.collected.saturating_sub(self.refunded)
    }

    /// Still to collect.
    pub fn outstanding(&self) -> u64 {
        self.due.saturating_sub(self.paid())
    }

    /// Still to pay back.
    pub fn to_refund(&self) -> u64 {
        self.paid().saturating_sub(self.due)
    }

    /// What settling now would record.
    pub fn settlement(&self) -> Settlement {
        match (self.outstanding(), self.to_refund()) {
            (0, 0) => Settlement::Nothing,
            (0, refund) => Settlement::Refund(refund),
            (collect, _) => Settlement::Collect(collect),
        }
    }
}

/// What settling a session does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settlement {
    Collect(u64),
    Refund(u64),
    Nothing,
}

/// The account of what a session's payments add up to, owing `due`.
pub(crate) fn account<'a>(due: u64, payments: impl Iterator<Item = &'a Payment>) -> Account {
    let mut account = Account {
        due,
        ..Account::default()
    };
    for payment in payments {
        let sum = if payment.refund {
            &mut account.refunded
        } else {
            &mut account.collected
        };
        // Saturating: a session file written by hand with absurd amounts shows the
        // largest number, never one wrapped round.
        *sum = sum.saturating_add(payment.amount);
    }
    account
}

impl Session {
    /// Every payment and refund, in order.
    pub fn payments(&self) -> impl Iterator<Item = &Payment> {
        self.payment.iter().chain(&self.settlements)
    }

    /// The fee owed: nothing once cancelled, or declined before it began.
    pub fn amount_owed(&self) -> u64 {
        let declined = self.intake.declined.is_some() && self.state() == ClockState::Ready;
        if self.cancelled.is_some() || declined {
            0
        } else {
            self.fee.total
        }
    }

    pub fn account(&self) -> Account {
        account(self.amount_owed(), self.payments())
    }

    /// Collect the balance, or pay back what was paid over the fee, by `method`; returns
    /// what was recorded.
    pub fn settle(&mut self, method: PaymentMethod, now: Timestamp) -> Settlement {
        let settlement = self.account().settlement();
        let (amount, refund) = match settlement {
            Settlement::Collect(amount) => (amount, false),
            Settlement::Refund(amount) => (amount, true),
            Settlement::Nothing => return settlement,
        };
        let payment = Payment {
            at: now.trunc_subsecs(0),
            method,
            amount,
            refund,
        };
        if self.payment.is_none() {
            self.payment = Some(payment);
        } else {
            self.settlements.push(payment);
        }
        settlement
    }

    /// Call the consultation off before it began, with why; the session is kept.
    pub fn cancel(&mut self, reason: &str, now: Timestamp) -> Result<(), CancelError> {
        if self.cancelled.is_some() {
            return Err(CancelError::AlreadyCancelled);
        }
        if self.state() != ClockState::Ready {
            return Err(CancelError::Started);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CancelError::NoReason);
        }
        self.cancelled = Some(Cancellation {
            at: now.trunc_subsecs(0),
            reason: reason.to_string(),
        });
        Ok(())
    }
}
