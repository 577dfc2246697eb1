//! Confirmation and correction on the report tab.

use super::common;

use common::*;
use sonote::config::Config;
use sonote::store;

/// On the screen: C on the report tab confirms (after y), edits are then refused with the
/// way out, R asks for the reason of a correction, and then the record may change.
#[test]
fn the_report_tab_confirms_and_corrects_with_a_reason() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use sonote::tui::app::{App, Overlay};
    use sonote::tui::theme::Theme;
    let (_guard, _data, path) = ended();
    let (_d, store) = temp_store();
    let key = |app: &mut App, code: KeyCode| {
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE), common::at(45, 0))
    };
    let mut app = App::new(
        Config::embedded(),
        store,
        Theme { color: true },
        common::today(),
    );
    app.open_session(&path, common::at(45, 0)).unwrap();
    key(&mut app, KeyCode::F(4));
    key(&mut app, KeyCode::Char('C'));
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    key(&mut app, KeyCode::Char('y'));
    assert!(
        store::load(&path).unwrap().record.locked(),
        "{:?}",
        app.status
    );

    // Notes: refused, and the message says how to correct.
    key(&mut app, KeyCode::F(1));
    key(&mut app, KeyCode::Char('m'));
    let said = format!("{:?}", app.status);
    assert!(said.contains("訂正"), "{said}");

    // The confirmed letter is exported from the report tab.
    key(&mut app, KeyCode::F(4));
    key(&mut app, KeyCode::Char('m'));
    let exported = app.session_view().unwrap().open.session.report.exported_at;
    assert!(exported.is_some(), "{:?}", app.status);
    key(&mut app, KeyCode::Char('R'));
    assert_eq!(app.overlay, Some(Overlay::Correction));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::Correction), "a reason is needed");
    for c in "誤記".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    let on_disk = store::load(&path).unwrap();
    assert!(!on_disk.record.locked());
    assert_eq!(on_disk.record.corrections[0].reason, "誤記");
}
