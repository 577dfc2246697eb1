//! The clerk's documents and records from the command line and the core (issue 17): the
//! receipt (領収書) with the fee lines, a cancellation kept with its reason, a mistaken
//! session deleted with the exports sonote wrote.

mod common;

use common::*;
use sonote::config::{Config, Lang};
use sonote::core::desk::{DeskChange, DeskDone, DeskError, apply, delete};
use sonote::model::desk::{self, Progress};
use sonote::model::payment::PaymentMethod;
use sonote::model::{ExtensionCharge, PaymentTiming};
use sonote::report::receipt::{self, ReceiptError, ReceiptWords};
use sonote::report::template::ReportTemplate;

fn markdown(session: &sonote::model::Session, config: &Config, lang: Lang) -> String {
    let words = ReceiptWords::embedded(lang).unwrap();
    let report = receipt::build(session, config, &ReportTemplate::embedded(lang), &words).unwrap();
    let bytes = sonote::report::render(&report, sonote::report::Format::Markdown).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_receipt_lists_the_fee_lines_the_payments_and_what_was_received() {
    let mut config = Config::embedded();
    config.fee.payment = PaymentTiming::Before;
    let mut session = new_session(&config);
    let words = ReceiptWords::embedded(Lang::Ja).unwrap();
    let template = ReportTemplate::embedded(Lang::Ja);
    assert_eq!(
        receipt::build(&session, &config, &template, &words).err(),
        Some(ReceiptError::NothingPaid),
        "no receipt before anything was paid"
    );
    session.settle(PaymentMethod::Cash, at(-3, 0));
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    session.end(at(41, 0)).unwrap();
    let owing = markdown(&session, &config, Lang::Ja);
    assert!(owing.contains("未収：¥5,500"), "{owing}");
    session.settle(PaymentMethod::Card, at(42, 0));

    let text = markdown(&session, &config, Lang::Ja);
    for line in [
        "# 領収書",
        "試験 太郎 様",
        "金額 ¥11,000（税込）",
        "- 相談料：¥5,500",
        "- 延長料金：¥5,500",
        "- 合計：¥11,000",
        "：¥5,500（現金）",
        "：¥5,500（カード）",
        "- 領収額：¥11,000",
        "上記の金額を正に領収いたしました。",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    assert!(!text.contains("未収"), "{text}");
    let english = markdown(&session, &config, Lang::En);
    assert!(english.contains("# Receipt"), "{english}");
    assert!(english.contains("- Total: ¥11,000"), "{english}");
}

#[test]
fn a_refund_is_printed_as_money_paid_back() {
    let mut config = Config::embedded();
    config.fee.extension_charge = ExtensionCharge::Granted;
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(10, 0)).unwrap();
    session.settle(PaymentMethod::Cash, at(11, 0));
    session.withdraw_extension(at(12, 0)).unwrap();
    session.settle(PaymentMethod::Cash, at(13, 0));
    let text = markdown(&session, &config, Lang::Ja);
    assert!(text.contains("−¥5,500（現金、返金）"), "{text}");
    assert!(text.contains("- 領収額：¥5,500"), "{text}");
    assert!(text.contains("金額 ¥5,500（税込）"), "{text}");
}

#[test]
fn sonote_receipt_writes_it_records_it_and_delete_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = sonote(&data, &["new", "--patient", "取消 太郎"]);
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let exports = dir.path().join("out");
    let exports_arg = exports.to_str().unwrap();

    let refused = sonote(&data, &["receipt", &id, "--out-dir", exports_arg]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("まだ支払いがない"), "{said}");

    let path = data.join("sessions").join(format!("{id}.toml"));
    let config = Config::embedded();
    let paid = apply(
        &path,
        DeskChange::Pay(PaymentMethod::Cash),
        &config,
        &data,
        sonote::core::now(),
    );
    assert!(matches!(paid, Ok(DeskDone::Paid(..))), "{paid:?}");
    for format in ["docx", "md"] {
        let out = sonote(
            &data,
            &["receipt", &id, "--format", format, "--out-dir", exports_arg],
        );
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("領収書を出力しました"));
    }
    let docx = exports.join(format!("{id}.receipt.docx"));
    let md = exports.join(format!("{id}.receipt.md"));
    assert!(docx.is_file() && md.is_file());
    let session = sonote::store::load(&path).unwrap();
    assert_eq!(
        session.report.exported_at, None,
        "a receipt is not the report"
    );
    assert_eq!(session.report.exported_files.len(), 2);

    // Cancelled, with the reason, and then deleted as a mistake: the receipts go too,
    // except one that was changed since.
    let out = sonote(&data, &["cancel", &id, "--reason", "二重登録"]);
    assert!(out.status.success(), "{out:?}");
    let session = sonote::store::load(&path).unwrap();
    assert_eq!(session.cancelled.as_ref().unwrap().reason, "二重登録");
    assert_eq!(desk::progress(&session.summary()), Progress::Cancelled);
    assert_eq!(desk::refund_due(&session.summary()), 5500);
    std::fs::write(&md, "signed by hand").unwrap();
    let store = sonote::store::Store::open(&data).unwrap();
    let Ok(DeskDone::Deleted(plan)) = delete(&store, &path) else {
        panic!("deleted");
    };
    assert!(!path.exists() && !docx.exists());
    assert!(md.exists(), "a changed export is left: {plan:?}");
    assert_eq!(plan.keep.len(), 1);
}

#[test]
fn a_session_whose_consultation_began_is_not_deleted() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    let path = common::create(&store, &mut session).unwrap();
    assert!(matches!(delete(&store, &path), Err(DeskError::Started)));
    assert!(path.exists());
    // Nor cancelled.
    let cancelled = apply(
        &path,
        DeskChange::Cancel("誤り".into()),
        &config,
        store.root(),
        at(1, 0),
    );
    assert!(
        matches!(cancelled, Ok(DeskDone::Cancelled(Err(_)))),
        "{cancelled:?}"
    );
}
