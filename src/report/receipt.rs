//! The receipt (領収書): the fee's lines, what was paid and paid back, and the amount
//! received, as a document the docx and Markdown writers render like the letter.
//!
//! Its words are the receipt templates' (`templates/receipt.*.toml`); its fonts and page
//! furniture are the report template's, so the two documents look alike. Pure, like the
//! letter: the date is the last payment's, so the same session gives the same receipt.

use std::path::Path;

use serde::Deserialize;

use super::document::{Body, Report, Section, Signature};
use super::facts::facts;
use super::letter::layout;
use super::template::{ReportTemplate, SectionKey, fill};
use super::wording::{date_text, field, non_empty};
use crate::config::{Config, Lang};
use crate::model::fee::format_amount;
use crate::model::payment::PaymentMethod;
use crate::model::{FeeItem, Session};
use crate::tomlfile::{self, FileError};

const RECEIPT_JA: &str = include_str!("../../templates/receipt.ja.toml");
const RECEIPT_EN: &str = include_str!("../../templates/receipt.en.toml");

/// The receipt's words, one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptWords {
    pub title: String,
    pub issued: String,
    pub addressee: String,
    pub amount: String,
    pub tax_included: String,
    pub tax_excluded: String,
    pub purpose: String,
    pub lines_heading: String,
    pub base: String,
    pub online: String,
    pub extension: String,
    pub total: String,
    pub payments_heading: String,
    pub paid_at: String,
    pub paid: String,
    pub refund: String,
    pub cash: String,
    pub card: String,
    pub transfer: String,
    pub received: String,
    pub outstanding: String,
    pub to_refund: String,
    pub closing: String,
    pub issuer: String,
    pub sign_here: String,
}

impl ReceiptWords {
    /// The built-in words of a language.
    pub fn embedded(lang: Lang) -> Result<ReceiptWords, FileError> {
        let (name, text) = match lang {
            Lang::Ja => ("templates/receipt.ja.toml", RECEIPT_JA),
            Lang::En => ("templates/receipt.en.toml", RECEIPT_EN),
        };
        tomlfile::parse(Path::new(name), text)
    }

    fn method(&self, method: PaymentMethod) -> &str {
        match method {
            PaymentMethod::Cash => &self.cash,
            PaymentMethod::Card => &self.card,
            PaymentMethod::Transfer => &self.transfer,
        }
    }

    fn item(&self, item: FeeItem) -> &str {
        match item {
            FeeItem::Base => &self.base,
            FeeItem::Online => &self.online,
            FeeItem::Extension => &self.extension,
        }
    }
}

/// Why no receipt can be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error("nothing has been paid yet")]
    NothingPaid,
}

/// The receipt of a session: refused until something was paid.
pub fn build(
    session: &Session,
    config: &Config,
    template: &ReportTemplate,
    words: &ReceiptWords,
) -> Result<Report, ReceiptError> {
    let last = session.payments().last().ok_or(ReceiptError::NothingPaid)?;
    let facts = facts(session, config);
    let zone = &config.institution.zone;
    let currency = &session.fee.currency;
    let money = |amount: u64| format_amount(amount, currency);
    let account = session.account();
    let tax = if session.fee.tax_included {
        &words.tax_included
    } else {
        &words.tax_excluded
    };
    let when = |at| {
        let local = zone.local(at);
        (
            date_text(template, local.date_naive()),
            local.format("%H:%M").to_string(),
        )
    };

    let mut lines: Vec<_> = session
        .fee
        .lines
        .iter()
        .map(|line| field(words.item(line.item), money(line.amount)))
        .collect();
    lines.push(field(&words.total, money(account.due)));

    let mut payments: Vec<_> = session
        .payments()
        .map(|payment| {
            let (date, time) = when(payment.at);
            let at = fill(&words.paid_at, &[("date", &date), ("time", &time)]);
            let phrase = if payment.refund {
                &words.refund
            } else {
                &words.paid
            };
            let values = [
                ("amount", money(payment.amount)),
                ("method", words.method(payment.method).to_string()),
            ];
            let values = values.each_ref().map(|(key, value)| (*key, value.as_str()));
            field(&at, fill(phrase, &values))
        })
        .collect();
    payments.push(field(&words.received, money(account.paid())));
    if account.outstanding() > 0 {
        payments.push(field(&words.outstanding, money(account.outstanding())));
    }
    if account.to_refund() > 0 {
        payments.push(field(&words.to_refund, money(account.to_refund())));
    }

    let patient = facts.patient.name.clone().unwrap_or_default();
    let (issued, _) = when(last.at);
    let section = |heading: &str, body| Section {
        // The receipt has no section of the letter; the writers do not look at the key.
        key: SectionKey::Consultation,
        heading: heading.to_string(),
        body,
    };
    Ok(Report {
        language: template.language,
        layout: layout(&facts, template),
        header: facts.institution.name.clone(),
        confidential: String::new(),
        date: fill(&words.issued, &[("date", &issued)]),
        addressee: non_empty([fill(&words.addressee, &[("patient", &patient)])]),
        sender: non_empty([
            facts.institution.name.clone(),
            facts.institution.address.clone(),
        ]),
        title: words.title.clone(),
        opening: non_empty([
            fill(
                &words.amount,
                &[("amount", &money(account.paid())), ("tax", tax)],
            ),
            words.purpose.clone(),
        ]),
        sections: vec![
            section(&words.lines_heading, Body::Fields(lines)),
            section(&words.payments_heading, Body::Fields(payments)),
        ],
        closing: non_empty([words.closing.clone()]),
        closing_word: String::new(),
        signature: Signature {
            title: words.issuer.clone(),
            department: String::new(),
            name: facts.institution.name.clone(),
            sign_here: words.sign_here.clone(),
        },
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_built_in_receipts_read() {
        for lang in [Lang::Ja, Lang::En] {
            let words = ReceiptWords::embedded(lang).expect("the built-in words read");
            assert!(!words.title.is_empty());
        }
    }
}
