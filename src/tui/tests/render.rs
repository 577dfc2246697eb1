//! What the screens look like, drawn into ratatui's TestBackend and kept as insta snapshots.

use super::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::{Config, Lang};
use sonote::model::Timestamp;
use sonote::tui::app::App;
use sonote::tui::theme::Theme;
use sonote::tui::view;

fn draw(app: &mut App, width: u16, height: u16, now: Timestamp) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    terminal
}

fn consult_app(lang: Lang) -> (tempfile::TempDir, App) {
    let mut config = Config::embedded();
    config.ui.language = lang;
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.memo = "PS 1。家族の希望は在宅での治療。".into();
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(0, 0)).unwrap();
    (dir, app)
}

#[test]
fn consult_screen_80x24_japanese() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    let terminal = draw(&mut app, 80, 24, at(12, 34));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn consult_screen_200x50_japanese_in_overtime_after_an_extension() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    app.on_key(
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        at(25, 0),
    );
    app.on_key(
        KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE),
        at(25, 0),
    );
    let terminal = draw(&mut app, 200, 50, at(61, 5));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn consult_screen_80x24_english() {
    let (_dir, mut app) = consult_app(Lang::En);
    let terminal = draw(&mut app, 80, 24, at(27, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn editing_the_notes_puts_the_cursor_at_the_caret() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    app.on_key(
        KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE),
        at(1, 0),
    );
    let mut terminal = draw(&mut app, 80, 24, at(1, 0));
    // "PS 1。家族の希望は在宅での治療。" is 4 + 2 * 14 = 32 columns wide; the memo text starts
    // at column 0 on row 18 (below its title line).
    let position = terminal.get_cursor_position().unwrap();
    assert_eq!((position.x, position.y), (32, 18));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_lists_every_key() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    app.on_key(
        KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
        at(1, 0),
    );
    let terminal = draw(&mut app, 80, 24, at(1, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn home_screen_lists_today_first() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut yesterday = new_session(&config);
    yesterday.scheduled_date = today().pred_opt().unwrap();
    yesterday.patient.name = "昨日 一郎".into();
    common::create(&store, &mut yesterday).unwrap();
    let mut todays = new_session(&config);
    common::create(&store, &mut todays).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    let terminal = draw(&mut app, 80, 24, at(0, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn every_screen_draws_at_tiny_and_huge_sizes() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    for (width, height) in [(1, 1), (20, 5), (40, 10), (80, 24), (300, 100)] {
        draw(&mut app, width, height, at(3, 0));
        app.on_key(
            KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
            at(3, 0),
        );
        draw(&mut app, width, height, at(3, 0));
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(3, 0));
    }
}

/// Time left and time used, both shown to the second, add up to the allowance at every
/// moment, half-seconds included (cut separately they came out a second short).
#[test]
fn time_left_and_time_used_add_up_to_the_allowance() {
    let (_dir, mut app) = consult_app(Lang::Ja);
    let seconds = |figure: &str| -> i64 {
        let (m, s) = figure.split_once(':').unwrap();
        m.parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap()
    };
    for millis in [0, 400, 500, 999, 10_500, 61_250, 1_799_500] {
        let now = at(0, 0) + chrono::TimeDelta::milliseconds(millis);
        let terminal = draw(&mut app, 100, 24, now);
        let buffer = terminal.backend().buffer();
        // Wide characters leave a blank cell after them: skip those cells.
        let mut row = String::new();
        let mut x = 0;
        while x < 100 {
            let symbol = buffer[(x, 2)].symbol();
            row.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        let words: Vec<&str> = row.split_whitespace().collect();
        let after = |word: &str| {
            let at = words.iter().position(|w| *w == word).unwrap_or_else(|| {
                panic!("no {word} in {row}");
            });
            words[at + 1]
        };
        let left = seconds(after("残り"));
        let used = seconds(after("経過").split('/').next().unwrap());
        assert_eq!(left + used, 30 * 60, "at {millis} ms: {row}");
    }
}

/// One set of state names: a sent report reads 報告書送付済 on the home screen as on the
/// desk, and `report_sent` in `sonote list` (it used to read 終了 at home).
#[test]
fn home_desk_and_list_name_a_sent_report_alike() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = report_sent(&config);
    common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    let terminal = draw(&mut app, 100, 24, at(60, 0));
    let rows = format!("{:?}", terminal.backend());
    let words = sonote::model::desk::Progress::ReportSent;
    let name = Lang::Ja.desk_texts().progress(words);
    assert_eq!(name, "報告書送付済");
    assert!(rows.contains(name), "{rows}");
    // `sonote list` names it `report_sent`: tests/list_cli.rs, which runs the binary.
}
