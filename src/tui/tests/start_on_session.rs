//! Starting on a session (`sonote open`) or the desk reads no home list at start; going home
//! from there shows the whole list all the same. That it checks the permissions of its own
//! files only: tests/e2e_start_on_session.rs.

use super::common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::tui::app::{App, Screen};
use sonote::tui::theme::Theme;

#[test]
fn home_from_a_session_opened_at_start_lists_every_session() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut first = new_session(&config);
    let path = common::create(&store, &mut first).unwrap();
    let mut second = new_session(&config);
    common::create(&store, &mut second).unwrap();

    let mut app = App::starting_elsewhere(config, store, Theme { color: true }, today());
    match &app.screen {
        Screen::Home(home) => assert!(home.rows.is_empty(), "nothing read at start"),
        _ => panic!("the app starts on an empty home screen"),
    }
    app.open_session(&path, at(0, 0)).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(0, 1));
    match &app.screen {
        Screen::Home(home) => {
            assert_eq!(home.rows.len(), 2);
            assert_eq!(home.selected_path(), Some(path.as_path()));
        }
        _ => panic!("Esc leads home"),
    }
}
