//! Money that adds up (issue 17): the extension charged by the time used (or when granted,
//! by configuration), withdrawn while unused, a balance collected after an extension, a
//! refund when the fee falls, and the record of the time agreeing with the fee.

mod common;

use common::*;
use sonote::config::Config;
use sonote::model::desk;
use sonote::model::desk_part::{DeskPart, apply_desk};
use sonote::model::money::{CancelError, Settlement};
use sonote::model::payment::PaymentMethod;
use sonote::model::{ClockError, ExtensionCharge, PaymentTiming};
use sonote::report::template::ReportTemplate;

fn md(report: &sonote::report::Report) -> String {
    let bytes = sonote::report::render(report, sonote::report::Format::Markdown).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn an_extension_granted_but_not_used_costs_nothing_and_is_not_recorded_as_used() {
    // The case: extended at 25:05, ended at 25:32.
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 5)).unwrap();
    assert_eq!(session.fee.total, 5500, "granted, not yet used");
    session.end(at(25, 32)).unwrap();
    assert_eq!(session.fee.total, 5500);
    assert_eq!(session.fee.lines.len(), 1);
    assert_eq!(desk::amount_due(&session.summary()), 5500);

    let template = ReportTemplate::embedded(sonote::config::Lang::Ja);
    let report = sonote::report::build(&session, &config, &template);
    let markdown = md(&report);
    assert!(markdown.contains("26分"), "{markdown}");
    assert!(!markdown.contains("30分（1回）"), "{markdown}");
    let extension_line = markdown
        .lines()
        .find(|line| line.contains("延長"))
        .expect("the time section names the extension");
    assert!(extension_line.contains("なし"), "{extension_line}");
}

#[test]
fn an_extension_is_charged_once_the_time_used_reaches_into_it() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    // 30 minutes 29 seconds reads as 30 minutes: still the base time.
    let mut just = session.clone();
    just.end(at(30, 29)).unwrap();
    assert_eq!(just.fee.total, 5500);
    session.end(at(42, 10)).unwrap();
    assert_eq!(session.fee.total, 11000);

    let template = ReportTemplate::embedded(sonote::config::Lang::Ja);
    let markdown = md(&sonote::report::build(&session, &config, &template));
    assert!(markdown.contains("12分（1回）"), "{markdown}");
}

#[test]
fn a_schedule_may_charge_the_extension_when_granted() {
    let mut config = Config::embedded();
    config.fee.extension_charge = ExtensionCharge::Granted;
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 5)).unwrap();
    assert_eq!(session.fee.total, 11000);
    session.end(at(25, 32)).unwrap();
    assert_eq!(session.fee.total, 11000);
    let text = toml::to_string(&session.fee_schedule).unwrap();
    assert!(text.contains("extension_charge = \"granted\""), "{text}");
    // The default is left out of the file, so an earlier sonote still reads it.
    let plain = toml::to_string(&config_default_schedule()).unwrap();
    assert!(!plain.contains("extension_charge"), "{plain}");
}

fn config_default_schedule() -> sonote::model::FeeSchedule {
    Config::embedded().fee
}

#[test]
fn an_unused_extension_can_be_withdrawn_and_a_used_one_cannot() {
    let mut config = Config::embedded();
    config.fee.extension_charge = ExtensionCharge::Granted;
    let mut session = new_session(&config);
    assert_eq!(
        session.withdraw_extension(at(0, 0)),
        Err(ClockError::NotStarted)
    );
    session.toggle_clock(at(0, 0)).unwrap();
    assert_eq!(
        session.withdraw_extension(at(1, 0)),
        Err(ClockError::NoExtensionToWithdraw)
    );
    session.extend(at(20, 0)).unwrap();
    assert_eq!(session.clock.allowed().num_minutes(), 60);
    session.withdraw_extension(at(21, 0)).unwrap();
    assert_eq!(session.clock.allowed().num_minutes(), 30);
    assert_eq!(session.fee.total, 5500, "the fee follows the withdrawal");
    // Granted again, and once its time is in use it stays.
    session.extend(at(22, 0)).unwrap();
    assert_eq!(
        session.withdraw_extension(at(31, 0)),
        Err(ClockError::ExtensionInUse)
    );
    session.end(at(40, 0)).unwrap();
    assert_eq!(session.clock.validate(), Ok(()));
    // The withdrawal survives a save and a read, and replays.
    let text = toml::to_string(&session.clock).unwrap();
    assert!(text.contains("withdraw"), "{text}");
    let back: sonote::model::Clock = toml::from_str(&text).unwrap();
    assert_eq!(back, session.clock);
}

#[test]
fn paid_before_then_extended_leaves_a_balance_to_collect() {
    let mut config = Config::embedded();
    config.fee.payment = PaymentTiming::Before;
    let mut session = new_session(&config);
    assert_eq!(
        session.settle(PaymentMethod::Cash, at(-3, 0)),
        Settlement::Collect(5500)
    );
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    session.end(at(50, 0)).unwrap();
    assert_eq!(session.fee.total, 11000);
    let summary = session.summary();
    assert_eq!(summary.paid, 5500);
    assert_eq!(desk::amount_due(&summary), 5500);
    assert!(desk::StateFilter::Unpaid.matches(&summary, today(), 7));

    assert_eq!(
        session.settle(PaymentMethod::Card, at(52, 0)),
        Settlement::Collect(5500)
    );
    assert_eq!(session.payment.as_ref().map(|p| p.amount), Some(5500));
    assert_eq!(session.settlements.len(), 1);
    assert_eq!(session.account().paid(), 11000);
    assert_eq!(desk::amount_due(&session.summary()), 0);
    assert_eq!(
        session.settle(PaymentMethod::Card, at(53, 0)),
        Settlement::Nothing
    );
    assert_eq!(session.settlements.len(), 1, "nothing more recorded");
}

#[test]
fn a_refund_is_recorded_when_the_due_amount_falls() {
    let mut config = Config::embedded();
    config.fee.payment = PaymentTiming::Before;
    config.fee.extension_charge = ExtensionCharge::Granted;
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(10, 0)).unwrap();
    session.settle(PaymentMethod::Cash, at(11, 0));
    assert_eq!(session.account().paid(), 11000);
    session.withdraw_extension(at(12, 0)).unwrap();
    let summary = session.summary();
    assert_eq!(desk::refund_due(&summary), 5500);
    assert!(desk::StateFilter::Unpaid.matches(&summary, today(), 7));
    assert_eq!(
        session.settle(PaymentMethod::Cash, at(13, 0)),
        Settlement::Refund(5500)
    );
    assert!(session.settlements[0].refund);
    let account = session.account();
    assert_eq!((account.collected, account.refunded), (11000, 5500));
    assert_eq!(desk::refund_due(&session.summary()), 0);
}

#[test]
fn a_cancelled_session_is_kept_owes_nothing_and_refunds_what_was_paid() {
    let mut config = Config::embedded();
    config.fee.payment = PaymentTiming::Before;
    let mut session = new_session(&config);
    session.settle(PaymentMethod::Card, at(-4, 0));
    assert_eq!(
        session.cancel("  ", at(-3, 0)),
        Err(CancelError::NoReason),
        "a reason is required"
    );
    session.cancel("患者さんのご都合", at(-3, 0)).unwrap();
    assert_eq!(
        session.cancel("again", at(-2, 0)),
        Err(CancelError::AlreadyCancelled)
    );
    let summary = session.summary();
    assert_eq!(desk::progress(&summary), desk::Progress::Cancelled);
    assert_eq!(desk::amount_due(&summary), 0);
    assert_eq!(desk::refund_due(&summary), 5500);
    assert_eq!(session.toggle_clock(at(0, 0)), Err(ClockError::Cancelled));
    let text = toml::to_string(&session).unwrap();
    let back: sonote::model::Session = toml::from_str(&text).unwrap();
    assert_eq!(back.cancelled.unwrap().reason, "患者さんのご都合");

    let mut started = new_session(&config);
    started.toggle_clock(at(0, 0)).unwrap();
    assert_eq!(started.cancel("x", at(1, 0)), Err(CancelError::Started));
}

#[test]
fn the_desk_part_carries_balances_and_refunds_to_the_open_session() {
    let config = Config::embedded();
    let mut open = new_session(&config);
    open.toggle_clock(at(0, 0)).unwrap();
    open.extend(at(25, 0)).unwrap();
    open.end(at(45, 0)).unwrap();
    let mut desk_side = open.clone();
    open.payment = None;
    desk_side.payment = None;
    desk_side.settle(PaymentMethod::Cash, at(46, 0));
    // Paid 5,500 first as if before, then the balance.
    desk_side.payment.as_mut().unwrap().amount = 5500;
    desk_side.settle(PaymentMethod::Cash, at(47, 0));
    let part = DeskPart::of(&desk_side);
    assert!(apply_desk(&mut open, &part));
    assert!(
        !apply_desk(&mut open, &part),
        "the same part twice adds nothing"
    );
    assert_eq!(open.account().paid(), 11000);
    assert_eq!(open.settlements.len(), 1);
}

#[test]
fn a_session_file_from_before_the_money_fields_still_loads() {
    let config = Config::embedded();
    let session = new_session(&config);
    let text = toml::to_string(&session).unwrap();
    assert!(!text.contains("settlements") && !text.contains("cancelled"));
    assert!(!text.contains("refund"));
    let back: sonote::model::Session = toml::from_str(&text).unwrap();
    assert!(back.settlements.is_empty() && back.cancelled.is_none());
}

#[test]
fn while_the_clock_runs_the_fee_shown_counts_the_time_used_so_far() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    assert_eq!(session.fee_at(at(29, 0)).total, 5500);
    assert_eq!(session.fee_at(at(31, 0)).total, 11000);
    // Paused, the stored fee is settled and is the one shown.
    session.toggle_clock(at(31, 0)).unwrap();
    assert_eq!(session.fee.total, 11000);
    assert_eq!(session.fee_at(at(90, 0)).total, 11000);
}
