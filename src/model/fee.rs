//! The fee: computed from the configured schedule and what the consultation actually used.
//!
//! Schedules differ between hospitals (5,500 yen per 30 minutes paid after; 33,000 yen in
//! person paid before; 44,000 yen online), so amounts, currency and the payment moment are
//! configuration. The schedule in force is frozen into each session when it is created.

use serde::{Deserialize, Serialize};

use super::clock::{Clock, Timestamp};
use super::session::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentTiming {
    /// Paid on the day, before the consultation.
    Before,
    /// Paid after the consultation (the extension is known by then).
    #[default]
    After,
}

/// When an extension is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionCharge {
    /// Once the time used runs past the time before it ("30 minutes 5,500 yen, an
    /// additional 30 minutes 5,500 yen"): granted but unused costs nothing.
    #[default]
    Used,
    /// As soon as it is granted.
    Granted,
}

impl ExtensionCharge {
    fn is_default(&self) -> bool {
        *self == ExtensionCharge::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeSchedule {
    /// The fee for a consultation in person, for the first session minutes.
    pub base: u64,
    /// Added for each extension used.
    pub extension: u64,
    /// Replaces `base` for online and hybrid consultations when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<u64>,
    /// ISO 4217 code, e.g. "JPY".
    pub currency: String,
    /// Whether the amounts include consumption tax (税込).
    pub tax_included: bool,
    #[serde(default)]
    pub payment: PaymentTiming,
    /// Left out of a session file when it is the default, so that files stay readable by
    /// an earlier sonote (files written before it existed read as the default).
    #[serde(default, skip_serializing_if = "ExtensionCharge::is_default")]
    pub extension_charge: ExtensionCharge,
}

impl Default for FeeSchedule {
    fn default() -> Self {
        FeeSchedule {
            base: 5500,
            extension: 5500,
            online: None,
            currency: "JPY".into(),
            tax_included: true,
            payment: PaymentTiming::After,
            extension_charge: ExtensionCharge::Used,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeItem {
    Base,
    Online,
    Extension,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub item: FeeItem,
    pub amount: u64,
}

/// The fee as charged: its lines and their total, stored with the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Fee {
    pub currency: String,
    pub tax_included: bool,
    pub total: u64,
    pub lines: Vec<FeeLine>,
}

impl FeeSchedule {
    /// The extensions this schedule charges for a clock, as its figures stand (up to its
    /// last event).
    pub(crate) fn extensions_charged(&self, clock: &Clock) -> u32 {
        match clock.settled_at() {
            Some(at) => self.extensions_charged_at(clock, at),
            None => 0,
        }
    }

    /// The extensions this schedule charges for a clock's time used up to `at`.
    pub(crate) fn extensions_charged_at(&self, clock: &Clock, at: Timestamp) -> u32 {
        match self.extension_charge {
            ExtensionCharge::Granted => clock.extensions_used(),
            ExtensionCharge::Used => clock.extensions_entered(at),
        }
    }

    pub(crate) fn compute(&self, mode: Mode, extensions_used: u32) -> Fee {
        let mut lines = Vec::new();
        match (mode, self.online) {
            (Mode::Online | Mode::Hybrid, Some(online)) => lines.push(FeeLine {
                item: FeeItem::Online,
                amount: online,
            }),
            _ => lines.push(FeeLine {
                item: FeeItem::Base,
                amount: self.base,
            }),
        }
        for _ in 0..extensions_used {
            lines.push(FeeLine {
                item: FeeItem::Extension,
                amount: self.extension,
            });
        }
        Fee {
            currency: self.currency.clone(),
            tax_included: self.tax_included,
            // Saturating: a session file written by hand with absurd fees shows the
            // largest number, never one wrapped round.
            total: lines
                .iter()
                .fold(0u64, |sum, l| sum.saturating_add(l.amount)),
            lines,
        }
    }
}

/// "¥5,500" for yen, "1,234 EUR" otherwise; amounts are whole units.
pub(crate) fn format_amount(amount: u64, currency: &str) -> String {
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match currency {
        "JPY" => format!("¥{grouped}"),
        other => format!("{grouped} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_fee_in_person_without_extension() {
        let fee = FeeSchedule::default().compute(Mode::InPerson, 0);
        assert_eq!(fee.total, 5500);
        assert_eq!(fee.lines.len(), 1);
    }

    #[test]
    fn extension_adds_its_fee() {
        let fee = FeeSchedule::default().compute(Mode::InPerson, 1);
        assert_eq!(fee.total, 11000);
        assert_eq!(fee.lines[1].item, FeeItem::Extension);
    }

    #[test]
    fn online_fee_replaces_base_for_online_and_hybrid() {
        let schedule = FeeSchedule {
            base: 33000,
            online: Some(44000),
            ..FeeSchedule::default()
        };
        assert_eq!(schedule.compute(Mode::Online, 0).total, 44000);
        assert_eq!(schedule.compute(Mode::Hybrid, 0).total, 44000);
        assert_eq!(schedule.compute(Mode::InPerson, 0).total, 33000);
    }

    #[test]
    fn online_without_online_fee_uses_base() {
        assert_eq!(FeeSchedule::default().compute(Mode::Online, 0).total, 5500);
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(format_amount(5500, "JPY"), "¥5,500");
        assert_eq!(format_amount(100, "JPY"), "¥100");
        assert_eq!(format_amount(1234567, "EUR"), "1,234,567 EUR");
        assert_eq!(format_amount(0, "JPY"), "¥0");
    }
}
