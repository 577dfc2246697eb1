//! The FHIR identifiers on the intake tab: the clerk records them in their own section at
//! the end of the form.

use super::common::*;
use sonote::config::Config;

/// The clerk records the FHIR identifiers on the intake tab, in their own section at the
/// end of the form; a malformed number or member ID stays in its field with a message.
#[test]
fn the_intake_tab_records_the_identifiers() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use sonote::tui::session_view::Tab;
    let (_dir, mut app, path) = open_app(Config::embedded());
    let press = |app: &mut sonote::tui::app::App, code: KeyCode| {
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(0, 0));
    };
    let typed = |app: &mut sonote::tui::app::App, text: &str| {
        text.chars().for_each(|c| {
            app.on_key(
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                at(0, 0),
            )
        });
    };
    let intake = Tab::ALL.iter().position(|tab| *tab == Tab::Intake).unwrap();
    press(&mut app, KeyCode::F(intake as u8 + 1));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "131234");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.session_view().unwrap().editing(),
        "a short number stays in its field"
    );
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("10桁"), "{status}");
    typed(&mut app, "5678");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "06139999:記号:1234567:01");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "東京都千代田区見本町1-2-3");
    press(&mut app, KeyCode::Enter);
    app.on_tick(at(0, 1));
    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.intake.referral.institution_number, "1312345678");
    assert_eq!(saved.patient.insurance_id, "06139999:記号:1234567:01");
    assert_eq!(saved.patient.address, "東京都千代田区見本町1-2-3");
}
