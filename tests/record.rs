//! Confirmation (確定) and correction (訂正): a confirmed record is not changed silently; a
//! correction keeps the earlier text and the report says which version it is.

mod common;

use common::{ended, sonote, temp_store};
use sonote::config::Config;
use sonote::core::OpenSession;
use sonote::model::Role;
use sonote::store::{self, journal};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(data: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = sonote(data, args);
    (out.status.success(), text(&out.stdout) + &text(&out.stderr))
}

#[test]
fn a_confirmed_record_is_read_only_until_a_correction_and_then_version_two_lists_it() {
    let (_guard, data, path) = ended();
    let p = path.to_str().unwrap();
    let (ok, said) = run(&data, &["--user", "山田 医師", "confirm", p]);
    assert!(ok, "{said}");
    assert!(said.contains("第1版"), "{said}");
    let v1 = store::version_path(&path, 1);
    assert!(v1.exists(), "the confirmed content is kept");
    let (ok, said) = run(&data, &["list"]);
    assert!(
        ok && said.lines().count() == 1,
        "a kept version is not a session: {said}"
    );
    let (ok, said) = run(&data, &["confirm", p]);
    assert!(!ok && said.contains("記録は確定済みです"), "{said}");

    // Read-only on the specialist's screen.
    let config = Config::embedded();
    let open = OpenSession::open(&path, Role::Specialist, &config, common::at(40, 0)).unwrap();
    assert!(open.session.record.locked());
    drop(open);

    // A correction needs its reason; then the text may change.
    let (ok, said) = run(&data, &["correct", p, "--reason", " "]);
    assert!(!ok && said.contains("訂正には理由が必要です"), "{said}");
    let (ok, said) = run(
        &data,
        &[
            "--user",
            "山田 医師",
            "correct",
            p,
            "--reason",
            "用量の誤記",
        ],
    );
    assert!(ok, "{said}");
    let mut open = OpenSession::open(&path, Role::Specialist, &config, common::at(41, 0)).unwrap();
    let before = open.session.opinion.summary.clone();
    open.session.opinion.summary = format!("{before}（訂正済み）");
    open.changed(common::at(41, 0));
    open.save_now().unwrap();
    drop(open);
    let (ok, said) = run(&data, &["--user", "山田 医師", "confirm", p]);
    assert!(ok && said.contains("第2版"), "{said}");

    let session = store::load(&path).unwrap();
    let correction = &session.record.corrections[0];
    assert_eq!(correction.reason, "用量の誤記");
    assert_eq!(correction.changes.len(), 1, "{:?}", correction.changes);
    assert_eq!(correction.changes[0].field, "opinion.summary");
    assert_eq!(
        correction.changes[0].before, before,
        "the earlier text is kept"
    );

    let (ok, said) = run(&data, &["export", p, "--format", "md", "--out", "-"]);
    assert!(ok, "{said}");
    assert!(said.contains("（第2版）"), "{said}");
    assert!(said.contains("訂正の記録"), "{said}");
    assert!(said.contains("用量の誤記"), "{said}");

    // Sent: the desk shows which version.
    let letter = data.join("letter.md");
    let (ok, said) = run(
        &data,
        &[
            "export",
            p,
            "--format",
            "md",
            "--out",
            letter.to_str().unwrap(),
        ],
    );
    assert!(ok, "{said}");
    let (ok, said) = run(&data, &["mark-sent", p]);
    assert!(ok, "{said}");
    assert_eq!(store::load(&path).unwrap().summary().sent_version, 2);

    let (ok, said) = run(&data, &["verify", p]);
    assert!(ok, "{said}");
    // The kept version changed by hand is found.
    std::fs::write(&v1, "format = 1\n").unwrap();
    let (ok, said) = run(&data, &["verify", p]);
    assert!(!ok && said.contains("第1版"), "{said}");
}

#[test]
fn only_an_ended_consultation_is_confirmed() {
    let (dir, store) = temp_store();
    let mut session = common::new_session(&Config::embedded());
    let clerk = journal::Author::new("受付", "clerk");
    let path = store
        .create(&mut session, &clerk, common::at(0, 0))
        .unwrap();
    let (ok, said) = run(store.root(), &["confirm", path.to_str().unwrap()]);
    assert!(!ok && said.contains("相談が終わっていません"), "{said}");
    drop(dir);
}

/// The clerk could not record a payment or export while the specialist's screen was open,
/// even after the consultation had ended: the desk now writes its own part, and the open
/// screen takes it in.
#[test]
fn the_desk_pays_exports_and_sends_while_the_specialists_screen_is_open() {
    use sonote::core::desk::{DeskChange, DeskDone, apply};
    use sonote::model::payment::PaymentMethod;
    let (_guard, data, path) = ended();
    let config = Config::embedded();
    let mut open = OpenSession::open(&path, Role::Specialist, &config, common::at(40, 0)).unwrap();
    assert!(!open.read_only());

    let paid = apply(
        &path,
        DeskChange::Pay(PaymentMethod::Card),
        &config,
        &data,
        common::at(41, 0),
    );
    assert!(matches!(paid, Ok(DeskDone::Paid(_, _))), "{paid:?}");
    assert!(
        store::load(&path).unwrap().payment.is_some(),
        "every reader sees it"
    );
    let exported = apply(&path, DeskChange::Export, &config, &data, common::at(42, 0));
    let Ok(DeskDone::Exported(letter)) = exported else {
        panic!("{exported:?}")
    };
    assert!(letter.exists());
    let sent = apply(
        &path,
        DeskChange::MarkSent,
        &config,
        &data,
        common::at(43, 0),
    );
    assert!(matches!(sent, Ok(DeskDone::Sent(true))), "{sent:?}");

    // The open screen takes the clerk's part in and writes it into the session file.
    open.poll(common::at(44, 0));
    assert!(open.session.payment.is_some());
    assert!(open.session.report.sent_at.is_some());
    open.save_now().unwrap();
    drop(open);
    let main = store::load_main(&path).unwrap();
    assert!(main.payment.is_some() && main.report.sent_at.is_some());
    assert_eq!(
        main.report.exported_path.as_deref(),
        Some(letter.to_str().unwrap())
    );
    let (ok, said) = run(&data, &["verify", path.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(
        said.contains(".desk.toml: 問題ありません（記録 3 件）"),
        "each file is named: {said}"
    );
    let (ok, said) = run(&data, &["history", path.to_str().unwrap()]);
    assert!(ok && said.contains("# 事務の記入"), "{said}");
}

/// The specialist's private notes stay private through a correction: neither the letter
/// nor the JSON (whose template does not print the notes) carries what they said.
#[test]
fn a_correction_of_the_private_notes_is_not_printed() {
    let (_guard, data, path) = ended();
    let p = path.to_str().unwrap();
    let config = Config::embedded();
    let mut open = OpenSession::open(&path, Role::Specialist, &config, common::at(40, 0)).unwrap();
    open.session.memo = "内々の所感A".into();
    open.changed(common::at(40, 0));
    open.save_now().unwrap();
    drop(open);
    assert!(run(&data, &["confirm", p]).0);
    assert!(run(&data, &["correct", p, "--reason", "書き直し"]).0);
    let mut open = OpenSession::open(&path, Role::Specialist, &config, common::at(41, 0)).unwrap();
    open.session.memo = "内々の所感B".into();
    open.changed(common::at(41, 0));
    open.save_now().unwrap();
    drop(open);
    assert!(run(&data, &["confirm", p]).0);
    assert_eq!(
        store::load(&path).unwrap().record.corrections[0].changes[0].field,
        "memo"
    );
    for format in ["md", "json"] {
        let (ok, said) = run(&data, &["export", p, "--format", format, "--out", "-"]);
        assert!(ok, "{said}");
        assert!(!said.contains("内々の所感"), "{format}: {said}");
    }
}
