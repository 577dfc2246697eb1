//! The questions tab (F2) driven by keys with injected time, on the specialist's terminal
//! and on the companion's, two apps sharing one data directory as two terminals would;
//! and what it looks like at 80x24 in Japanese.

use super::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::model::{Asker, ClockState, Priority, QuestionState, Role, Session, Timestamp};
use sonote::store;
use sonote::tui::app::App;
use sonote::tui::outcome::StatusKind;
use sonote::tui::session_view::Tab;
use sonote::tui::theme::Theme;
use sonote::tui::view;

fn key(app: &mut App, code: KeyCode, now: Timestamp) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), now);
}

fn press(app: &mut App, c: char, now: Timestamp) {
    key(app, KeyCode::Char(c), now);
}

fn type_text(app: &mut App, text: &str, now: Timestamp) {
    for c in text.chars() {
        press(app, c, now);
    }
}

fn session_of(app: &App) -> &Session {
    &app.session_view().expect("a session is open").open.session
}

fn status(app: &App) -> String {
    app.status.clone().map(|s| s.text).unwrap_or_default()
}

/// A store with the sample session, and the path of its file.
fn stored_session() -> (tempfile::TempDir, sonote::store::Store, PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    (dir, store, path)
}

/// An app on `path` in `role`, on the questions tab.
fn app_on(store: &sonote::store::Store, path: &Path, role: Role) -> App {
    let mut app = app_in_role(store, path, role);
    key(&mut app, KeyCode::F(2), at(0, 0));
    app
}

#[test]
fn n_starts_with_the_first_question_then_answers_and_moves_on() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    press(&mut app, ' ', at(0, 0));
    press(&mut app, 'n', at(0, 0));
    assert_eq!(session_of(&app).current_question(), Some("q1"));
    press(&mut app, 'n', at(4, 0));
    let s = session_of(&app);
    assert_eq!(s.current_question(), Some("q2"));
    assert_eq!(s.questions[0].state, QuestionState::Answered);
    assert!(status(&app).contains("Q2"), "{}", status(&app));
    app.on_tick(at(4, 1));
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.questions[0].answered_at, Some(at(4, 0)));
    assert_eq!(
        saved.time_on_question("q1", at(10, 0)),
        chrono::TimeDelta::minutes(4)
    );
}

#[test]
fn enter_writes_the_answer_esc_stops_and_the_tick_saves_it() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    key(&mut app, KeyCode::Down, at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    assert!(app.session_view().unwrap().editing());
    // While writing, the global keys are text: Space, x, e, q do not act.
    type_text(&mut app, "休まずに通院できる xeq", at(0, 1));
    key(&mut app, KeyCode::Enter, at(0, 1));
    type_text(&mut app, "二行目", at(0, 1));
    assert_eq!(session_of(&app).state(), ClockState::Ready);
    assert!(!app.should_quit);
    key(&mut app, KeyCode::Esc, at(0, 2));
    assert!(!app.session_view().unwrap().editing(), "Esc ends writing");
    assert!(
        app.session_view().is_some(),
        "and does not leave the session"
    );
    app.on_tick(at(0, 3));
    assert_eq!(
        store::load(&path).unwrap().questions[1].answer,
        "休まずに通院できる xeq\n二行目"
    );
}

#[test]
fn a_adds_a_question_with_who_asked_it() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    press(&mut app, 'a', at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    assert_eq!(
        app.status.clone().unwrap().kind,
        StatusKind::Error,
        "text required"
    );
    type_text(&mut app, "仕事の復帰時期は？", at(0, 0));
    key(&mut app, KeyCode::Tab, at(0, 0));
    key(&mut app, KeyCode::Left, at(0, 0)); // specialist → companion
    key(&mut app, KeyCode::Tab, at(0, 0));
    type_text(&mut app, "長男 試験 一郎", at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    let q = session_of(&app)
        .question("s1")
        .expect("added with a specialist id");
    assert_eq!(q.text, "仕事の復帰時期は？");
    assert_eq!(
        (q.asker, q.asked_by.as_str()),
        (Asker::Companion, "長男 試験 一郎")
    );
    assert_eq!(q.owner, Role::Specialist);
}

#[test]
fn questions_are_reworded_reordered_prioritised_set_and_deleted() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    // t rewords; Esc would cancel, Enter saves.
    press(&mut app, 't', at(0, 0));
    type_text(&mut app, "（薬物療法も）", at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    assert_eq!(
        session_of(&app).questions[0].text,
        "手術以外の治療法はありますか。（薬物療法も）"
    );
    press(&mut app, 'E', at(0, 0));
    type_text(&mut app, "捨てる", at(0, 0));
    key(&mut app, KeyCode::Esc, at(0, 0));
    assert!(
        session_of(&app).questions[0]
            .text
            .ends_with("（薬物療法も）")
    );
    // J moves it down, Alt+↑ back up; the selection follows the question.
    press(&mut app, 'J', at(0, 0));
    assert_eq!(session_of(&app).questions[1].id, "q1");
    app.on_key(KeyEvent::new(KeyCode::Up, KeyModifiers::ALT), at(0, 0));
    assert_eq!(session_of(&app).questions[0].id, "q1");
    press(&mut app, 'p', at(0, 0));
    assert_eq!(session_of(&app).questions[0].priority, Priority::High);
    press(&mut app, 's', at(0, 0));
    press(&mut app, '5', at(1, 0));
    assert_eq!(
        session_of(&app).questions[0].state,
        QuestionState::ForPrimaryPhysician
    );
    // d asks first; n keeps it, y deletes it.
    press(&mut app, 'd', at(2, 0));
    press(&mut app, 'n', at(2, 0));
    assert_eq!(session_of(&app).questions.len(), 2);
    press(&mut app, 'd', at(2, 0));
    press(&mut app, 'y', at(2, 0));
    let s = session_of(&app);
    assert_eq!(s.questions.len(), 1);
    assert_eq!(s.deleted_questions[0].id, "q1");
}

#[test]
fn picks_from_the_prompt_list_are_added_once() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    press(&mut app, 'l', at(0, 0));
    key(&mut app, KeyCode::Right, at(0, 0)); // second topic
    key(&mut app, KeyCode::Down, at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    let added = session_of(&app).questions.last().unwrap().clone();
    let list = sonote::prompts::prompt_list(sonote::config::Lang::Ja).unwrap();
    assert_eq!(added.text, list.topics[1].questions[1]);
    assert_eq!(added.asker, Asker::Patient);
    key(&mut app, KeyCode::Enter, at(0, 0));
    assert_eq!(session_of(&app).questions.len(), 3, "not twice");
    key(&mut app, KeyCode::Esc, at(0, 0));
    assert!(!app.session_view().unwrap().editing());
}

#[test]
fn i_reads_questions_from_a_file_and_a_bad_path_can_be_corrected() {
    let (dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    let file = dir.path().join("質問.txt");
    fs::write(&file, "# 前日に家族で\n入院の期間は？\n!費用の目安は？\n").unwrap();
    press(&mut app, 'i', at(0, 0));
    type_text(&mut app, &format!("{}x", file.display()), at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    assert_eq!(app.status.clone().unwrap().kind, StatusKind::Error);
    assert!(
        app.session_view().unwrap().editing(),
        "the path stays to be fixed"
    );
    key(&mut app, KeyCode::Backspace, at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    let s = session_of(&app);
    assert_eq!(s.questions.len(), 4);
    assert_eq!(s.questions[3].priority, Priority::High);
    assert!(status(&app).contains('2'), "{}", status(&app));
}

#[test]
fn the_companions_terminal_refuses_the_clock_and_the_specialists_fields_calmly() {
    let (_dir, store, path) = stored_session();
    let before = fs::read(&path).unwrap();
    let mut app = app_on(&store, &path, Role::Companion);
    for c in [' ', 'x', 'e'] {
        press(&mut app, c, at(0, 0));
        let status = app.status.clone().unwrap();
        assert_eq!(status.kind, StatusKind::Info);
        assert_eq!(status.text, "時計は担当医の端末で操作します。");
    }
    assert_eq!(app.overlay, None);
    for c in ['n', 'c', 'd', 's', 'p', 'K'] {
        app.status = None;
        press(&mut app, c, at(0, 0));
        assert!(
            status(&app).contains("担当医の端末"),
            "{c}: {}",
            status(&app)
        );
    }
    // The intake's questions are worded on the specialist's terminal.
    press(&mut app, 't', at(0, 0));
    assert!(!app.session_view().unwrap().editing());
    // The other tabs (the specialist's notes, the opinion) are not shown there.
    key(&mut app, KeyCode::F(1), at(0, 0));
    press(&mut app, ']', at(0, 0));
    assert_eq!(app.session_view().unwrap().tab, Tab::Questions);
    key(&mut app, KeyCode::Enter, at(0, 0));
    type_text(&mut app, "手術もできる", at(0, 1));
    key(&mut app, KeyCode::Esc, at(0, 1));
    app.on_tick(at(0, 2));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the session file is never written"
    );
    let part = store::load_part(&store::part_path(&path), "2026-11-21-01")
        .unwrap()
        .unwrap();
    assert_eq!(part.answer("q1"), Some("手術もできる"));
    assert_eq!(session_of(&app).state(), ClockState::Ready);
}

#[test]
fn two_terminals_see_each_others_edits_at_the_next_sync() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    let mut companion = app_on(&store, &path, Role::Companion);
    press(&mut specialist, ' ', at(0, 0));
    press(&mut specialist, 'n', at(0, 0));
    // The companion writes the answer to q2 while the specialist rewords q1.
    key(&mut companion, KeyCode::Down, at(0, 5));
    key(&mut companion, KeyCode::Enter, at(0, 5));
    press(&mut specialist, 't', at(0, 5));
    for (a, b) in "通院で続けられる".chars().zip("（手術と放射線）".chars()) {
        press(&mut companion, a, at(0, 6));
        press(&mut specialist, b, at(0, 6));
    }
    key(&mut specialist, KeyCode::Enter, at(0, 7));
    // Both save, then each reads the other's file.
    specialist.on_sync();
    companion.on_sync();
    specialist.on_sync();
    for app in [&specialist, &companion] {
        let s = session_of(app);
        assert!(s.questions[0].text.ends_with("（手術と放射線）"));
        assert_eq!(s.questions[1].companion_answer, "通院で続けられる");
        assert_eq!(s.current_question(), Some("q1"), "the clock side too");
        assert_eq!(s.state(), ClockState::Running);
    }
    assert!(companion.session_view().unwrap().editing(), "still writing");
    let main = store::load_main(&path).unwrap();
    assert_eq!(main.questions[1].companion_answer, "通院で続けられる");
    assert!(main.questions[0].text.ends_with("（手術と放射線）"));
}

#[test]
fn a_question_the_companion_adds_reaches_the_specialist() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    let mut companion = app_on(&store, &path, Role::Companion);
    press(&mut companion, 'a', at(0, 0));
    type_text(&mut companion, "家族にできることは？", at(0, 0));
    key(&mut companion, KeyCode::Enter, at(0, 0));
    companion.on_sync();
    specialist.on_sync();
    let q = session_of(&specialist).question("c1").expect("arrived");
    assert_eq!((q.asker, q.owner), (Asker::Companion, Role::Companion));
    // The specialist can prioritise it but not reword it.
    key(&mut specialist, KeyCode::End, at(0, 1));
    press(&mut specialist, 'p', at(0, 1));
    press(&mut specialist, 't', at(0, 1));
    assert!(
        status(&specialist).contains("追加した端末"),
        "{}",
        status(&specialist)
    );
    specialist.on_sync();
    companion.on_sync();
    assert_eq!(
        session_of(&companion).question("c1").unwrap().priority,
        Priority::High
    );
}

#[test]
fn an_answer_being_written_to_a_deleted_question_is_kept() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    let mut companion = app_on(&store, &path, Role::Companion);
    key(&mut companion, KeyCode::Enter, at(0, 0));
    type_text(&mut companion, "別の治療も", at(0, 0));
    press(&mut specialist, 'd', at(0, 0));
    press(&mut specialist, 'y', at(0, 0));
    specialist.on_sync();
    companion.on_sync();
    assert!(
        !companion.session_view().unwrap().editing(),
        "the editor closed"
    );
    assert!(
        status(&companion).contains("削除"),
        "{}",
        status(&companion)
    );
    specialist.on_sync();
    let main = store::load_main(&path).unwrap();
    assert_eq!(main.deleted_questions[0].companion_answer, "別の治療も");
}

#[test]
fn questions_imported_while_the_session_is_open_are_taken_in() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Specialist);
    app.on_sync();
    // The clerk's import writes the file behind the app's back.
    let mut on_disk = store::load(&path).unwrap();
    on_disk.add_question(
        sonote::model::Question::new("imported", Asker::Patient, ""),
        "i",
    );
    store::save_unjournaled(&path, &on_disk).unwrap();
    // Meanwhile the specialist typed something that is not yet saved.
    press(&mut app, 'a', at(0, 0));
    type_text(&mut app, "typed", at(0, 0));
    key(&mut app, KeyCode::Enter, at(0, 0));
    app.on_sync();
    let saved = store::load_main(&path).unwrap();
    let texts: Vec<_> = saved.questions.iter().map(|q| q.text.as_str()).collect();
    assert!(
        texts.contains(&"imported") && texts.contains(&"typed"),
        "{texts:?}"
    );
}

// ---- What it looks like ----

/// The text of each row as a person reads it: a wide character once, not followed by the
/// blank cell it covers.
fn screen_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = area.left();
            while x < area.right() {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                let width = unicode_width::UnicodeWidthStr::width(symbol).max(1);
                x += u16::try_from(width).unwrap_or(1);
            }
            row
        })
        .collect()
}

fn draw(app: &mut App, width: u16, height: u16, now: Timestamp) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    terminal
}

/// The sample session twelve minutes before time: one question answered on both
/// terminals, one being asked, an important one not yet asked.
fn consultation_under_way() -> (tempfile::TempDir, App) {
    let (dir, store, path) = stored_session();
    let mut s = store::load(&path).unwrap();
    s.add_question(
        sonote::model::Question::new(
            "治療方針はいつまでに決める必要がありますか。",
            Asker::Patient,
            "",
        ),
        "q",
    );
    s.questions[2].priority = Priority::High;
    s.toggle_clock(at(0, 0)).unwrap();
    s.set_current(Some("q1"), at(0, 0));
    s.answer_current_and_advance(at(7, 30));
    let q1 = s.question_mut("q1").unwrap();
    q1.answer = "化学療法と放射線の併用も選べる。".into();
    q1.companion_answer =
        "手術だけでなく、放射線と薬を組み合わせる方法もある。\n体力を見て決める。".into();
    store::save_unjournaled(&path, &s).unwrap();
    let mut app = App::new(Config::embedded(), store, Theme { color: true }, today());
    app.open_session(&path, at(0, 0)).unwrap();
    key(&mut app, KeyCode::F(2), at(0, 0));
    (dir, app)
}

#[test]
fn questions_tab_80x24_japanese() {
    let (_dir, mut app) = consultation_under_way();
    // The answered question, with what both terminals wrote.
    key(&mut app, KeyCode::Up, at(20, 0));
    let terminal = draw(&mut app, 80, 24, at(20, 5));
    insta::assert_snapshot!(terminal.backend());
    // Under ten minutes left: the important question not yet asked stands out in the
    // warning colour (the snapshot keeps only the characters).
    let cell = cell_of(&terminal, "治療方針は");
    assert_eq!(cell.symbol(), "治");
    assert_eq!(cell.fg, ratatui::style::Color::Yellow);
    assert_ne!(
        cell_of(&terminal, "副作用で").fg,
        ratatui::style::Color::Yellow,
        "an asked question does not"
    );
}

/// The cell where `text` first starts on the screen.
fn cell_of(terminal: &Terminal<TestBackend>, text: &str) -> ratatui::buffer::Cell {
    let rows = screen_rows(terminal);
    let y = rows.iter().position(|r| r.contains(text)).unwrap();
    let before = &rows[y][..rows[y].find(text).unwrap()];
    let x = unicode_width::UnicodeWidthStr::width(before);
    terminal.backend().buffer()[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())].clone()
}

#[test]
fn writing_an_answer_puts_the_cursor_at_the_caret() {
    let (_dir, mut app) = consultation_under_way();
    key(&mut app, KeyCode::Enter, at(20, 0));
    type_text(&mut app, "はい", at(20, 0));
    let mut terminal = draw(&mut app, 80, 24, at(20, 5));
    let position = terminal.get_cursor_position().unwrap();
    // The caret follows "はい" (4 columns) on the editor's first line, one column in.
    let row = screen_rows(&terminal)[usize::from(position.y)].clone();
    assert!(row.starts_with(" はい "), "{row:?}");
    assert_eq!(position.x, 5);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_help_lists_the_tabs_keys_within_80x24() {
    let (_dir, mut app) = consultation_under_way();
    press(&mut app, '?', at(20, 0));
    let terminal = draw(&mut app, 80, 24, at(20, 0));
    let screen = screen_rows(&terminal).join("\n");
    for key in [
        "Enter",
        "K/J, Alt+↑/↓",
        "テキストファイルから加える",
        "報告書に載せる",
        "Ctrl+C",
    ] {
        assert!(screen.contains(key), "{key} missing");
    }
}

#[test]
fn the_tab_draws_at_every_size_in_every_mode() {
    let (_dir, mut app) = consultation_under_way();
    for keys in [&[][..], &['a'], &['l'], &['s'], &['d'], &['i'], &['t']] {
        for &c in keys {
            press(&mut app, c, at(20, 0));
        }
        for (width, height) in [(1, 1), (20, 5), (40, 10), (80, 24), (300, 100)] {
            draw(&mut app, width, height, at(20, 0));
        }
        key(&mut app, KeyCode::Esc, at(20, 0));
    }
}

#[test]
fn the_companions_terminal_creates_no_sessions() {
    let (_dir, store, path) = stored_session();
    let mut app = app_on(&store, &path, Role::Companion);
    key(&mut app, KeyCode::Esc, at(0, 0));
    assert!(app.session_view().is_none(), "Esc goes to the list");
    press(&mut app, 'n', at(0, 0));
    assert!(status(&app).contains("作成できません"), "{}", status(&app));
    assert_eq!(store.list().unwrap().len(), 1);
    // Opening from the list keeps the role.
    key(&mut app, KeyCode::Enter, at(0, 1));
    assert_eq!(app.session_view().unwrap().role(), Role::Companion);
}

/// The companion puts a question down to the patient or the family, never to the
/// specialist, and can change it afterwards with w, on its own questions only; the
/// specialist's are refused calmly.
#[test]
fn the_companion_sets_and_corrects_who_asked_its_questions() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    let mut companion = app_on(&store, &path, Role::Companion);
    press(&mut companion, 'a', at(0, 0));
    type_text(&mut companion, "家族にできることは？", at(0, 0));
    key(&mut companion, KeyCode::Tab, at(0, 0));
    for _ in 0..5 {
        key(&mut companion, KeyCode::Right, at(0, 0));
    }
    key(&mut companion, KeyCode::Enter, at(0, 0));
    let added = session_of(&companion).question("c1").unwrap();
    assert_eq!(
        added.asker,
        Asker::Patient,
        "five steps from the family: the patient"
    );
    press(&mut companion, 'w', at(0, 1));
    assert_eq!(
        session_of(&companion).question("c1").unwrap().asker,
        Asker::Companion
    );
    press(&mut companion, 'w', at(0, 1));
    assert_eq!(
        session_of(&companion).question("c1").unwrap().asker,
        Asker::Patient
    );
    companion.on_sync();
    specialist.on_sync();
    assert_eq!(
        session_of(&specialist).question("c1").unwrap().asker,
        Asker::Patient
    );

    // The first question is the specialist's file's: not the companion's to change.
    key(&mut companion, KeyCode::Home, at(0, 2));
    let before = session_of(&companion).questions[0].asker;
    press(&mut companion, 'w', at(0, 2));
    assert_eq!(session_of(&companion).questions[0].asker, before);
    assert!(
        status(&companion).contains("追加した端末"),
        "{}",
        status(&companion)
    );
}

/// Writing an answer to a question that is not the current one says which one is, in the
/// answer's own title: the selection wrapped once and an answer went to the wrong question.
#[test]
fn an_answer_to_another_question_than_the_current_one_says_so() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    press(&mut specialist, 'n', at(0, 0));
    specialist.on_sync();
    let mut companion = app_on(&store, &path, Role::Companion);
    companion.on_sync();
    key(&mut companion, KeyCode::End, at(0, 1));
    key(&mut companion, KeyCode::Enter, at(0, 1));
    let rows = screen_rows(&draw(&mut companion, 100, 30, at(0, 1)));
    assert!(
        rows.iter().any(|row| row.contains("現在の質問は Q1")),
        "{rows:#?}"
    );
    key(&mut companion, KeyCode::Esc, at(0, 1));
    key(&mut companion, KeyCode::Home, at(0, 1));
    key(&mut companion, KeyCode::Enter, at(0, 1));
    let rows = screen_rows(&draw(&mut companion, 100, 30, at(0, 1)));
    assert!(
        !rows.iter().any(|row| row.contains("現在の質問は")),
        "{rows:#?}"
    );
}

/// The current question's row is coloured apart from the rest and from the warning colour,
/// and stays so when another row is selected.
#[test]
fn the_current_question_is_coloured_apart_from_the_selection() {
    let (_dir, mut app) = consultation_under_way();
    key(&mut app, KeyCode::Up, at(20, 0));
    let terminal = draw(&mut app, 80, 24, at(20, 5));
    let current = cell_of(&terminal, "副作用で");
    assert_eq!(current.fg, ratatui::style::Color::Cyan);
    assert!(current.modifier.contains(ratatui::style::Modifier::BOLD));
    assert!(
        !current
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

/// The specialist decides, per question, what the letter does with the companion's notes:
/// f prints them labelled as the family's (and f again leaves them out), F copies them into
/// the answer to be worded there; the companion's terminal cannot.
#[test]
fn the_specialist_includes_or_copies_the_family_notes_per_question() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_on(&store, &path, Role::Specialist);
    let mut companion = app_on(&store, &path, Role::Companion);
    key(&mut companion, KeyCode::Enter, at(0, 0));
    type_text(&mut companion, "抗がん剤は外来で", at(0, 0));
    key(&mut companion, KeyCode::Esc, at(0, 0));
    companion.on_tick(at(0, 1));
    specialist.on_sync();
    press(&mut specialist, 'f', at(0, 2));
    let q = &session_of(&specialist).questions[0];
    assert!(q.companion_in_letter, "{}", status(&specialist));
    let rows = screen_rows(&draw(&mut specialist, 100, 30, at(0, 2)));
    assert!(
        rows.iter().any(|r| r.contains("報告書に載せる")),
        "{rows:#?}"
    );
    press(&mut specialist, 'f', at(0, 3));
    assert!(!session_of(&specialist).questions[0].companion_in_letter);
    press(&mut specialist, 'F', at(0, 4));
    let q = &session_of(&specialist).questions[0];
    assert_eq!(q.answer, "抗がん剤は外来で");
    assert!(
        status(&specialist).contains("写しました"),
        "{}",
        status(&specialist)
    );
    // A question without the companion's notes says so; the companion cannot decide.
    key(&mut specialist, KeyCode::Down, at(0, 5));
    press(&mut specialist, 'f', at(0, 5));
    assert!(
        status(&specialist).contains("ありません"),
        "{}",
        status(&specialist)
    );
    press(&mut companion, 'f', at(0, 6));
    assert!(!session_of(&companion).questions[0].companion_in_letter);
}
