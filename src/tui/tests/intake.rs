//! Intake: eligibility at its edges, the intake tab, and the clock blocked (or overridden,
//! with a reason) when a requirement is missing. Intake files: tests/intake_file.rs.

use super::common;

use chrono::NaiveDate;
use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::intake::{Declined, Exclusion, is_minor, missing_requirements};
use sonote::model::{ClockState, Intake, Missing};
use sonote::tui::app::{App, Overlay};
use sonote::tui::theme::Theme;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn with_referral() -> Intake {
    let mut intake = Intake::default();
    intake.referral.received = true;
    intake
}

#[test]
fn the_referral_letter_is_required() {
    let day = date(2026, 11, 21);
    assert_eq!(
        missing_requirements(&Intake::default(), None, day),
        [Missing::ReferralLetter]
    );
    assert!(missing_requirements(&with_referral(), None, day).is_empty());
}

#[test]
fn family_without_the_patient_needs_the_consent_form() {
    let day = date(2026, 11, 21);
    let mut intake = with_referral();
    intake.patient_attends = false;
    let adult = Some(date(1960, 1, 1));
    assert_eq!(
        missing_requirements(&intake, adult, day),
        [Missing::ConsentForm]
    );
    intake.consent_form = true;
    assert!(missing_requirements(&intake, adult, day).is_empty());
}

#[test]
fn for_a_minor_a_relationship_document_replaces_the_consent_form() {
    let day = date(2026, 11, 21);
    let mut intake = with_referral();
    intake.patient_attends = false;
    let seventeen = Some(date(2009, 1, 5));
    assert_eq!(
        missing_requirements(&intake, seventeen, day),
        [Missing::RelationshipDocument]
    );
    intake.consent_form = true;
    assert_eq!(
        missing_requirements(&intake, seventeen, day),
        [Missing::RelationshipDocument],
        "a consent form does not stand in for the relationship document"
    );
    intake.relationship_document = true;
    assert!(missing_requirements(&intake, seventeen, day).is_empty());
}

#[test]
fn on_the_eighteenth_birthday_the_patient_is_no_longer_a_minor() {
    let birthday = date(2026, 11, 21);
    let dob = Some(date(2008, 11, 21));
    assert!(is_minor(dob, date(2026, 11, 20)));
    assert!(!is_minor(dob, birthday));
    let mut intake = with_referral();
    intake.patient_attends = false;
    intake.relationship_document = true;
    assert_eq!(
        missing_requirements(&intake, dob, birthday),
        [Missing::ConsentForm],
        "an adult's family needs the consent form"
    );
    assert!(missing_requirements(&intake, dob, date(2026, 11, 20)).is_empty());
}

#[test]
fn the_patient_attending_needs_no_consent_form() {
    let intake = with_referral();
    assert!(missing_requirements(&intake, Some(date(2015, 5, 5)), date(2026, 11, 21)).is_empty());
}

#[test]
fn a_declined_request_says_why() {
    let mut intake = with_referral();
    intake.declined = Some(Declined {
        reason: Exclusion::ComplaintOrLitigation,
        note: String::new(),
    });
    assert_eq!(
        missing_requirements(&intake, None, date(2026, 11, 21)),
        [Missing::Declined(Exclusion::ComplaintOrLitigation)]
    );
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn a_missing_referral_blocks_the_clock_until_the_specialist_gives_a_reason() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.intake.referral.received = false;
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(0, 0)).unwrap();

    app.on_key(key(KeyCode::Char(' ')), at(0, 0));
    assert_eq!(app.overlay, Some(Overlay::Override));
    app.on_key(key(KeyCode::Esc), at(0, 1));
    assert_eq!(
        sonote::store::load(&path).unwrap().state(),
        ClockState::Ready
    );

    app.on_key(key(KeyCode::Char(' ')), at(0, 2));
    app.on_key(key(KeyCode::Enter), at(0, 3));
    assert_eq!(app.overlay, Some(Overlay::Override), "a reason is required");
    for c in "紹介状は当日持参".chars() {
        app.on_key(key(KeyCode::Char(c)), at(0, 4));
    }
    app.on_key(key(KeyCode::Enter), at(0, 5));
    assert_eq!(app.overlay, None);
    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.state(), ClockState::Running);
    let recorded = saved.intake.eligibility_override.unwrap();
    assert_eq!(recorded.reason, "紹介状は当日持参");
    assert_eq!(recorded.missing, [Missing::ReferralLetter]);
    assert_eq!(recorded.at, at(0, 5));
}

/// The F-key of the intake tab, wherever it stands.
fn intake_f_key() -> u8 {
    let index = sonote::tui::session_view::Tab::ALL
        .iter()
        .position(|tab| *tab == sonote::tui::session_view::Tab::Intake)
        .unwrap();
    index as u8 + 1
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(KeyCode::Char(c)), at(0, 0));
    }
}

#[test]
fn the_intake_tab_edits_fields_and_rows_and_checks_dates() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    app.on_key(key(KeyCode::F(intake_f_key())), at(0, 0));
    // The fourth field is the date of birth.
    for _ in 0..3 {
        app.on_key(key(KeyCode::Down), at(0, 0));
    }
    app.on_key(key(KeyCode::Enter), at(0, 0));
    for _ in 0..10 {
        app.on_key(key(KeyCode::Backspace), at(0, 0));
    }
    type_text(&mut app, "1958-13-02");
    app.on_key(key(KeyCode::Enter), at(0, 0));
    assert!(
        app.status.clone().unwrap().text.contains("2026-11-21"),
        "the error shows the form"
    );
    assert!(
        app.session_view().unwrap().editing(),
        "a bad date stays in the field"
    );
    app.on_key(key(KeyCode::Backspace), at(0, 0));
    app.on_key(key(KeyCode::Backspace), at(0, 0));
    app.on_key(key(KeyCode::Backspace), at(0, 0));
    app.on_key(key(KeyCode::Backspace), at(0, 0));
    app.on_key(key(KeyCode::Backspace), at(0, 0));
    type_text(&mut app, "04-02");
    app.on_key(key(KeyCode::Enter), at(0, 0));
    // A companion, typed in Japanese.
    app.on_key(key(KeyCode::Char('c')), at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    type_text(&mut app, "試験 花子");
    app.on_key(key(KeyCode::Enter), at(0, 0));
    app.on_key(key(KeyCode::Down), at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    type_text(&mut app, "妻");
    app.on_key(key(KeyCode::Enter), at(0, 0));
    // A material: CT on CD-R.
    app.on_key(key(KeyCode::Char('M')), at(0, 0));
    app.on_key(key(KeyCode::Right), at(0, 0)); // other → blood tests (wraps)
    for _ in 0..3 {
        app.on_key(key(KeyCode::Right), at(0, 0));
    }
    app.on_key(key(KeyCode::Down), at(0, 0));
    app.on_key(key(KeyCode::Left), at(0, 0)); // paper → CD-R
    app.on_tick(at(0, 1));

    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.patient.date_of_birth, Some(date(1958, 4, 2)));
    assert_eq!(saved.intake.companions[0].name, "試験 花子");
    assert_eq!(saved.intake.companions[0].relationship, "妻");
    let material = &saved.intake.materials[0];
    assert_eq!(material.kind, sonote::model::intake::MaterialKind::Ct);
    assert_eq!(material.medium, sonote::model::intake::Medium::CdR);

    // D deletes the row under the cursor.
    app.on_key(key(KeyCode::Char('D')), at(0, 2));
    app.on_tick(at(0, 3));
    assert!(
        sonote::store::load(&path)
            .unwrap()
            .intake
            .materials
            .is_empty()
    );
}

#[test]
fn toggling_attendance_shows_what_becomes_missing() {
    let (_dir, mut app, _path) = open_app(Config::embedded());
    app.on_key(key(KeyCode::F(intake_f_key())), at(0, 0));
    // Patient, 5 fields; appointment, 5 fields; then "the patient attends".
    for _ in 0..10 {
        app.on_key(key(KeyCode::Down), at(0, 0));
    }
    app.on_key(key(KeyCode::Enter), at(0, 0));
    let view = app.session_view().unwrap();
    assert!(!view.open.session.intake.patient_attends);
    assert_eq!(
        view.open.session.missing_requirements(),
        [Missing::ConsentForm]
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, &mut app, at(0, 0)))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

/// Esc keeps what was typed on the intake tab, as it does in every other field (it used to
/// throw it away); Ctrl+L empties a field, and a bad date still holds the field open.
#[test]
fn esc_keeps_intake_typing_as_everywhere_else() {
    let (_dir, mut app, path) = open_app(Config::embedded());
    app.on_key(key(KeyCode::F(intake_f_key())), at(0, 0));
    app.on_key(key(KeyCode::Char('c')), at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    type_text(&mut app, "試験 花子");
    app.on_key(key(KeyCode::Esc), at(0, 0));
    assert!(!app.session_view().unwrap().editing());
    app.on_tick(at(0, 1));
    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.intake.companions[0].name, "試験 花子");

    // The date of birth: Ctrl+L empties it, a bad date and Esc keep the field open.
    app.on_key(key(KeyCode::Home), at(0, 2));
    for _ in 0..3 {
        app.on_key(key(KeyCode::Down), at(0, 2));
    }
    app.on_key(key(KeyCode::Enter), at(0, 2));
    app.on_key(
        KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL),
        at(0, 2),
    );
    type_text(&mut app, "1958-13-02");
    app.on_key(key(KeyCode::Esc), at(0, 2));
    assert!(app.session_view().unwrap().editing(), "a bad date stays");
    for _ in 0..5 {
        app.on_key(key(KeyCode::Backspace), at(0, 2));
    }
    type_text(&mut app, "04-02");
    app.on_key(key(KeyCode::Esc), at(0, 2));
    app.on_tick(at(0, 3));
    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.patient.date_of_birth, Some(date(1958, 4, 2)));
}

/// A long one-line value scrolls while it is typed, so the caret stays on screen, and is
/// cut with "…" once kept.
#[test]
fn a_long_intake_value_keeps_the_caret_in_view_and_is_cut_with_an_ellipsis() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let (_dir, mut app, _path) = open_app(Config::embedded());
    app.on_key(key(KeyCode::F(intake_f_key())), at(0, 0));
    app.on_key(key(KeyCode::Char('c')), at(0, 0));
    app.on_key(key(KeyCode::Enter), at(0, 0));
    let long = "東京都千代田区丸の内一丁目九番二号グラントウキョウサウスタワー十階の会議室の前";
    type_text(&mut app, long);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, &mut app, at(0, 1)))
        .unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    assert!(cursor.x < 80, "caret at column {}", cursor.x);
    let buffer = terminal.backend().buffer();
    // Wide characters leave a blank cell after them: compare without blanks.
    let row: String = (0..80)
        .map(|x| buffer[(x, cursor.y)].symbol())
        .collect::<String>()
        .replace(' ', "");
    assert!(row.contains('…'), "{row}");
    assert!(
        row.contains("会議室の前"),
        "the end being typed is shown: {row}"
    );

    app.on_key(key(KeyCode::Enter), at(0, 2));
    // A new terminal: the test backend keeps the cells a wide character covers.
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, &mut app, at(0, 3)))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .replace(' ', "")
        })
        .collect();
    let shown = rows
        .iter()
        .find(|row| row.contains("東京都千代田区"))
        .unwrap_or_else(|| panic!("the kept value is shown: {rows:#?}"));
    assert!(shown.ends_with('…'), "{shown}");
}
