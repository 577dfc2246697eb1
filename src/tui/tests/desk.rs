//! The clerk's desk: progress and dues computed from sessions, the desk drawn with Japanese
//! names, its export. End to end (an intake file becomes a session, shows on the desk, gets
//! paid): tests/e2e_desk.rs.

use super::common;

use chrono::NaiveDate;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::desk::{self, Progress, StateFilter};
use sonote::model::payment::PaymentMethod;
use sonote::model::{Mode, PaymentTiming};
use sonote::tui::app::App;
use sonote::tui::outcome::StatusKind;
use sonote::tui::theme::Theme;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn progress_follows_the_day() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    assert_eq!(desk::progress(&session.summary()), Progress::Scheduled);
    session.toggle_clock(at(0, 0)).unwrap();
    assert_eq!(desk::progress(&session.summary()), Progress::InConsultation);
    session.end(at(30, 0)).unwrap();
    assert_eq!(desk::progress(&session.summary()), Progress::Ended);
    session
        .report
        .mark_exported(at(40, 0), "/tmp/r.docx".into(), "docx");
    assert_eq!(desk::progress(&session.summary()), Progress::ReportExported);
    session.report.mark_sent(at(50, 0)).unwrap();
    assert_eq!(desk::progress(&session.summary()), Progress::ReportSent);
}

#[test]
fn the_report_is_due_days_after_the_consultation_and_mailed_when_online() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    assert_eq!(desk::report_due(&session.summary(), 7), None);
    session.toggle_clock(at(0, 0)).unwrap();
    session.end(at(30, 0)).unwrap();
    assert_eq!(
        desk::report_due(&session.summary(), 7),
        Some(date(2026, 11, 28))
    );
    assert!(!desk::report_mailed(&session.summary()));
    session.set_mode(Mode::Online);
    assert!(desk::report_mailed(&session.summary()));
    assert!(StateFilter::ReportOverdue.matches(&session.summary(), date(2026, 11, 28), 7));
    assert!(!StateFilter::ReportOverdue.matches(&session.summary(), date(2026, 11, 27), 7));
}

#[test]
fn what_is_owed_follows_extensions_and_payment() {
    let config = Config::embedded();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(20, 0)).unwrap();
    session.end(at(50, 0)).unwrap();
    assert_eq!(desk::amount_due(&session.summary()), 11000);
    assert!(StateFilter::Unpaid.matches(&session.summary(), today(), 7));
    session.mark_paid(PaymentMethod::Cash, at(55, 0));
    assert_eq!(desk::amount_due(&session.summary()), 0);
    assert_eq!(session.payment.as_ref().unwrap().amount, 11000);
    assert!(!StateFilter::Unpaid.matches(&session.summary(), today(), 7));
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, app, at(60, 0)))
        .unwrap();
    terminal
}

#[test]
fn the_desk_with_japanese_names() {
    let mut config = Config::embedded();
    config.fee.payment = PaymentTiming::Before;
    let (_dir, store) = temp_store();
    let mut ended = new_session(&config);
    ended.toggle_clock(at(0, 0)).unwrap();
    ended.extend(at(25, 0)).unwrap();
    ended.end(at(45, 0)).unwrap();
    common::create(&store, &mut ended).unwrap();
    let mut paid = new_session(&config);
    paid.patient.name = "高橋 美和".into();
    paid.set_mode(Mode::Online);
    paid.mark_paid(PaymentMethod::Card, at(-10, 0));
    common::create(&store, &mut paid).unwrap();
    let mut earlier = new_session(&config);
    earlier.scheduled_date = date(2026, 11, 12);
    earlier.patient.name = "佐藤 一".into();
    earlier.toggle_clock(at(-13000, 0)).unwrap();
    earlier.end(at(-12970, 0)).unwrap();
    common::create(&store, &mut earlier).unwrap();

    let mut app = App::new(config, store, Theme { color: true }, today());
    app.show_desk(today());
    insta::assert_snapshot!(draw(&mut app).backend());

    // The filter keeps what is still to collect.
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for _ in 0..6 {
        app.on_key(key('f'), at(60, 0));
    }
    let screen = format!("{}", draw(&mut app).backend());
    assert!(screen.contains("未収"), "{screen}");
    assert!(
        !screen.contains("高橋"),
        "paid sessions are filtered out: {screen}"
    );
}

/// `x` exports the selected ended session's report into the data folder's exports/, through
/// the session's writer lock: refused calmly while another terminal has it open, and for a
/// consultation that has not ended.
#[test]
fn x_exports_the_report_of_an_ended_session() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut ended = new_session(&config);
    ended.toggle_clock(at(0, 0)).unwrap();
    ended.end(at(30, 0)).unwrap();
    let ended_path = common::create(&store, &mut ended).unwrap();
    let mut waiting = new_session(&config);
    let waiting_path = common::create(&store, &mut waiting).unwrap();
    let exports = store.root().join("exports");
    let docx = exports.join(format!("{}.docx", ended.id));

    let mut app = App::new(config, store, Theme { color: true }, today());
    app.show_desk(today());
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let status = |app: &App| app.status.clone().expect("a message");

    // Open on the specialist's terminal and on another desk: both locks are taken, so
    // nothing is written.
    let lock = sonote::store::try_lock(&ended_path).unwrap().unwrap();
    let desk_part = sonote::store::desk_part_path(&ended_path);
    let desk_lock = sonote::store::try_lock(&desk_part).unwrap().unwrap();
    app.on_key(key('x'), at(40, 0));
    let refused = status(&app);
    assert_eq!(refused.kind, StatusKind::Error);
    assert!(refused.text.contains("別の端末"), "{}", refused.text);
    assert!(!docx.exists());
    // Open on the specialist's terminal only: the export goes through the clerk's part.
    drop(desk_lock);
    app.on_key(key('x'), at(40, 30));
    assert_eq!(status(&app).kind, StatusKind::Info, "{}", status(&app).text);
    assert!(docx.exists() && desk_part.exists());
    let through_part = sonote::store::load(&ended_path).unwrap();
    assert_eq!(through_part.report.exported_at, Some(at(40, 30)));
    drop(lock);

    app.on_key(key('x'), at(41, 0));
    let done = status(&app);
    assert_eq!(done.kind, StatusKind::Info, "{}", done.text);
    assert!(
        done.text.contains(&docx.display().to_string()),
        "where it went: {}",
        done.text
    );
    let bytes = std::fs::read(&docx).unwrap();
    let blocks = docx_rs::read_docx(&bytes).unwrap().document.children.len();
    assert!(blocks > 10, "a whole report, not an empty file");
    let saved = sonote::store::load(&ended_path).unwrap();
    assert_eq!(saved.report.exported_at, Some(at(41, 0)));
    assert_eq!(saved.report.exported_format.as_deref(), Some("docx"));
    let screen = format!("{}", draw(&mut app).backend());
    assert!(screen.contains("報告書出力済"), "{screen}");
    // Again: the session's own earlier export is replaced.
    app.on_key(key('x'), at(42, 0));
    assert_eq!(status(&app).kind, StatusKind::Info);
    let again = sonote::store::load(&ended_path).unwrap();
    assert_eq!(again.report.exported_at, Some(at(42, 0)));

    // A consultation that has not ended has no report to export yet.
    app.on_key(key('j'), at(43, 0));
    app.on_key(key('x'), at(43, 0));
    let early = status(&app);
    assert_eq!(early.kind, StatusKind::Error);
    assert!(early.text.contains("終わっていません"), "{}", early.text);
    assert!(
        sonote::store::load(&waiting_path)
            .unwrap()
            .report
            .exported_at
            .is_none()
    );
    let files = std::fs::read_dir(&exports).unwrap().count();
    assert_eq!(files, 1, "only the ended session's report");
}
