//! Money on the consultation screen: an unused extension is withdrawn and the fee follows.

use super::common::*;
use sonote::config::Config;
use sonote::model::ExtensionCharge;

/// On the consultation screen: x on an unused extension with none left offers to withdraw
/// it; the clock record names the withdrawal without minutes added, and the fee follows.
#[test]
fn x_withdraws_an_unused_extension_on_the_consultation_screen() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use sonote::tui::app::{Overlay, Pending};

    let mut config = Config::embedded();
    config.fee.extension_charge = ExtensionCharge::Granted;
    let (_dir, mut app, path) = open_app(config);
    let press = |app: &mut sonote::tui::app::App, c: char, now| {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
    };
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'x', at(20, 0));
    press(&mut app, 'y', at(20, 0));
    assert_eq!(sonote::store::load(&path).unwrap().fee.total, 11000);
    press(&mut app, 'x', at(21, 0));
    assert_eq!(app.overlay, Some(Overlay::Confirm(Pending::Withdraw)));
    press(&mut app, 'y', at(21, 0));
    let saved = sonote::store::load(&path).unwrap();
    assert_eq!(saved.fee.total, 5500);
    assert_eq!(saved.clock.allowed().num_minutes(), 30);

    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, &mut app, at(22, 0)))
        .unwrap();
    let screen = format!("{}", terminal.backend());
    let line = screen
        .lines()
        .find(|line| line.contains("延長取消"))
        .unwrap_or_else(|| panic!("the record names the withdrawal:\n{screen}"));
    assert!(!line.contains("+30"), "{line}");
    assert!(screen.contains("延長を取り消しました"), "{screen}");
}
