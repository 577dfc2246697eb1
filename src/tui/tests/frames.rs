//! Frames drawn from what the tabs keep between frames (each question's and field's wrapped
//! text, the report's laid-out preview): whatever changes the session, a key, a resize or
//! the other terminal's merge, shows at the next frame exactly as a tab that never drew
//! before shows it (the report's preview within the second it is looked at again).

use super::common;

use std::path::PathBuf;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use sonote::config::{Config, Lang};
use sonote::model::{Role, Session, Timestamp};
use sonote::store::Store;
use sonote::tui::app::{App, Screen};
use sonote::tui::outcome::DrawContext;
use sonote::tui::screens::consult::ConsultTab;
use sonote::tui::screens::opinion::OpinionTab;
use sonote::tui::screens::questions::QuestionsTab;
use sonote::tui::session_view::SessionView;
use sonote::tui::theme::Theme;
use sonote::tui::view;
use sonote::tui::widgets::text_field::CaretSlot;

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(1, 0));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn stored_session() -> (tempfile::TempDir, Store, PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    (dir, store, path)
}

/// The companion's edits saved, then read by the specialist's terminal.
fn sync(companion: &mut App, specialist: &mut App) {
    companion.on_sync();
    specialist.on_sync();
}

/// The whole screen at `width` x `height`, drawn at `now`.
fn screen(app: &mut App, width: u16, height: u16, now: Timestamp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    format!("{}", terminal.backend())
}

fn view_of(app: &mut App) -> &mut SessionView {
    match &mut app.screen {
        Screen::Session(view) => view,
        _ => panic!("a session is open"),
    }
}

fn session_of(app: &App) -> &Session {
    &app.session_view().expect("a session is open").open.session
}

/// What `draw` draws into an area of `width` x `height`.
fn drawn(width: u16, height: u16, draw: impl FnOnce(&mut ratatui::Frame, Rect)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let frame = terminal.draw(|frame| draw(frame, frame.area())).unwrap();
    frame.buffer.clone()
}

/// The tab the app keeps (its caches warm from the frames before) draws what a new tab on
/// the same session draws, cell for cell.
fn assert_tab_as_new(app: &mut App, width: u16, height: u16) {
    let config = Config::embedded();
    let theme = Theme { color: true };
    let caret = CaretSlot::default();
    let ctx = DrawContext {
        texts: Lang::Ja.texts(),
        theme: &theme,
        config: &config,
        now: at(1, 0),
        caret: &caret,
    };
    let view = view_of(app);
    let role = view.role();
    let session = view.open.session.clone();
    let pairs = [
        (
            "consult",
            drawn(width, height, |f, a| {
                view.consult.draw(f, a, &session, &ctx)
            }),
            drawn(width, height, |f, a| {
                ConsultTab::new(&session).draw(f, a, &session, &ctx)
            }),
        ),
        (
            "questions",
            drawn(width, height, |f, a| {
                view.questions.draw(f, a, &session, &ctx)
            }),
            drawn(width, height, |f, a| {
                QuestionsTab::new(&session, role, Lang::Ja).draw(f, a, &session, &ctx)
            }),
        ),
        (
            "opinion",
            drawn(width, height, |f, a| {
                view.opinion.draw(f, a, &session, &ctx)
            }),
            drawn(width, height, |f, a| {
                OpinionTab::new(&session, &config).draw(f, a, &session, &ctx)
            }),
        ),
    ];
    for (tab, kept, new) in pairs {
        assert_eq!(kept, new, "the {tab} tab at {width}x{height}");
    }
}

#[test]
fn the_consult_list_shows_a_reworded_question_a_new_width_and_the_companions_merge() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_in_role(&store, &path, Role::Specialist);
    let mut companion = app_in_role(&store, &path, Role::Companion);
    let first = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(first.contains("手術以外の治療法はありますか。"), "{first}");
    assert_tab_as_new(&mut specialist, 100, 30);

    // Reworded on the questions tab, to a text of the same length.
    key(&mut specialist, KeyCode::F(2));
    key(&mut specialist, KeyCode::Char('t'));
    key(&mut specialist, KeyCode::Backspace);
    type_text(&mut specialist, "？");
    key(&mut specialist, KeyCode::Enter);
    key(&mut specialist, KeyCode::F(1));
    let reworded = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(
        reworded.contains("手術以外の治療法はありますか？"),
        "{reworded}"
    );
    assert!(!reworded.contains("ありますか。"), "{reworded}");
    assert_tab_as_new(&mut specialist, 100, 30);

    // The companion adds a question, then rewords it: each arrives by the merge.
    key(&mut companion, KeyCode::Char('a'));
    type_text(&mut companion, "家族にできることは？");
    key(&mut companion, KeyCode::Enter);
    sync(&mut companion, &mut specialist);
    let added = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(added.contains("家族にできることは？"), "{added}");
    key(&mut companion, KeyCode::Char('t'));
    key(&mut companion, KeyCode::Backspace);
    type_text(&mut companion, "。");
    key(&mut companion, KeyCode::Enter);
    sync(&mut companion, &mut specialist);
    assert_eq!(
        session_of(&specialist).questions[2].text,
        "家族にできることは。"
    );
    let merged = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(merged.contains("家族にできることは。"), "{merged}");
    assert!(!merged.contains("家族にできることは？"), "{merged}");
    assert_tab_as_new(&mut specialist, 100, 30);

    // Narrower: the questions wrap onto more rows, as a new tab wraps them.
    let narrow = screen(&mut specialist, 40, 30, at(1, 0));
    assert!(
        !narrow.contains("手術以外の治療法はありますか？"),
        "{narrow}"
    );
    assert_tab_as_new(&mut specialist, 40, 30);
    assert_tab_as_new(&mut specialist, 100, 30);
}

#[test]
fn the_question_in_detail_shows_the_companions_answer_as_it_changes() {
    let (_dir, store, path) = stored_session();
    let mut specialist = app_in_role(&store, &path, Role::Specialist);
    let mut companion = app_in_role(&store, &path, Role::Companion);
    key(&mut specialist, KeyCode::F(2));
    let before = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(!before.contains("通院で"), "{before}");

    key(&mut companion, KeyCode::Enter);
    type_text(&mut companion, "通院で続けられる");
    sync(&mut companion, &mut specialist);
    let answered = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(answered.contains("通院で続けられる"), "{answered}");
    assert_tab_as_new(&mut specialist, 100, 30);

    // One character changed for another: the same length, another text.
    key(&mut companion, KeyCode::Backspace);
    type_text(&mut companion, "た");
    sync(&mut companion, &mut specialist);
    let changed = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(changed.contains("通院で続けられた"), "{changed}");
    assert!(!changed.contains("通院で続けられる"), "{changed}");
    assert_tab_as_new(&mut specialist, 100, 30);

    // The specialist's own answer: typed into the editor, then shown wrapped when it closes.
    key(&mut specialist, KeyCode::Enter);
    type_text(&mut specialist, "化学放射線療法という選択肢があります。");
    key(&mut specialist, KeyCode::Esc);
    let mine = screen(&mut specialist, 100, 30, at(1, 0));
    assert!(mine.contains("化学放射線療法という選択肢"), "{mine}");
    assert_tab_as_new(&mut specialist, 100, 30);
    assert_tab_as_new(&mut specialist, 30, 30);
}

#[test]
fn an_opinion_field_shows_each_edit_and_a_new_width() {
    let (_dir, store, path) = stored_session();
    let mut app = app_in_role(&store, &path, Role::Specialist);
    key(&mut app, KeyCode::F(3));
    screen(&mut app, 100, 30, at(1, 0));
    // The referral diagnosis, the first field, written, then one character changed.
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "膵体部癌、局所進行");
    key(&mut app, KeyCode::Esc);
    let written = screen(&mut app, 100, 30, at(1, 0));
    assert!(written.contains("膵体部癌、局所進行"), "{written}");
    assert_tab_as_new(&mut app, 100, 30);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "癌");
    key(&mut app, KeyCode::Esc);
    let changed = screen(&mut app, 100, 30, at(1, 0));
    assert!(changed.contains("膵体部癌、局所進癌"), "{changed}");
    assert_tab_as_new(&mut app, 100, 30);
    assert_tab_as_new(&mut app, 50, 30);
}

#[test]
fn the_report_preview_shows_a_merge_a_second_later_or_when_shown_again() {
    // The specialist prints the companion's notes (as the family's) on every question.
    let (_dir, store) = temp_store();
    let mut session = new_session(&Config::embedded());
    for question in &mut session.questions {
        question.companion_in_letter = true;
    }
    let path = common::create(&store, &mut session).unwrap();
    let mut specialist = app_in_role(&store, &path, Role::Specialist);
    let mut companion = app_in_role(&store, &path, Role::Companion);
    key(&mut specialist, KeyCode::F(4));
    let first = screen(&mut specialist, 100, 120, at(1, 0));
    assert!(first.contains("手術以外の治療法"), "{first}");

    key(&mut companion, KeyCode::Enter);
    type_text(&mut companion, "通院で続けられる");
    sync(&mut companion, &mut specialist);
    // Laid out at most once a second: the same second still shows the preview as it was.
    let same_second = screen(&mut specialist, 100, 120, at(1, 0));
    assert!(!same_second.contains("通院で続けられる"), "{same_second}");
    let a_second_later = screen(&mut specialist, 100, 120, at(1, 1));
    assert!(
        a_second_later.contains("通院で続けられる"),
        "{a_second_later}"
    );

    // The same length, and the tab shown again: at once.
    key(&mut companion, KeyCode::Backspace);
    type_text(&mut companion, "た");
    sync(&mut companion, &mut specialist);
    key(&mut specialist, KeyCode::F(1));
    key(&mut specialist, KeyCode::F(4));
    let shown_again = screen(&mut specialist, 100, 120, at(1, 1));
    assert!(shown_again.contains("通院で続けられた"), "{shown_again}");
    assert!(!shown_again.contains("通院で続けられる"), "{shown_again}");

    // Narrower: laid out again at once (the column inside its margins is 58 wide).
    let total = |width| {
        let config = Config::embedded();
        let template = sonote::report::template::ReportTemplate::embedded(Lang::Ja);
        let report = sonote::report::build(session_of(&specialist), &config, &template);
        let theme = Theme { color: false };
        sonote::tui::screens::report::layout(&report, width, &theme).len()
    };
    let (wide, narrow) = (total(98), total(58));
    assert_ne!(wide, narrow);
    assert!(shown_again.contains(&format!("/{wide}行")), "{shown_again}");
    let screen = screen(&mut specialist, 60, 120, at(1, 1));
    assert!(screen.contains(&format!("/{narrow}行")), "{screen}");
}
