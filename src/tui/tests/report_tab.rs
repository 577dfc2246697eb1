//! The report tab: what it shows (insta snapshots at 80x24 and 200x50, Japanese), and
//! exporting from it while the session is open, driven by keys with injected time.

use super::common;

use std::path::{Path, PathBuf};

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::{Config, Lang};
use sonote::model::{Session, Timestamp};
use sonote::report::template::ReportTemplate;
use sonote::tui::app::{App, Screen};
use sonote::tui::outcome::StatusKind;
use sonote::tui::screens::report::layout;
use sonote::tui::session_view::{SessionView, Tab};
use sonote::tui::theme::Theme;
use sonote::tui::view;

fn draw(app: &mut App, width: u16, height: u16, now: Timestamp) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app, now)).unwrap();
    terminal
}

fn press(app: &mut App, code: KeyCode, now: Timestamp) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), now);
}

fn report_f_key() -> u8 {
    let index = Tab::ALL.iter().position(|t| *t == Tab::Report).unwrap();
    index as u8 + 1
}

/// The filled-in consultation, ended at 10:31, open on the report tab.
fn report_app() -> (tempfile::TempDir, App, PathBuf, Session) {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let mut session = full_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());
    app.open_session(&path, at(40, 0)).unwrap();
    press(&mut app, KeyCode::F(report_f_key()), at(40, 0));
    (dir, app, path, session)
}

fn view(app: &App) -> &SessionView {
    app.session_view().expect("a session is open")
}

/// Scroll so that the line starting with `heading` is the first one in view, by pressing
/// ↓ as often as the report's own layout says.
fn scroll_to(app: &mut App, session: &Session, width: usize, heading: &str) {
    let config = Config::embedded();
    let report = sonote::report::build(session, &config, &ReportTemplate::embedded(Lang::Ja));
    let lines = layout(&report, width, &Theme { color: false });
    let at_line = lines
        .iter()
        .position(|line| line.to_string().starts_with(heading))
        .unwrap_or_else(|| panic!("no {heading}"));
    for _ in 0..at_line {
        press(app, KeyCode::Down, at(40, 0));
    }
}

#[test]
fn report_tab_80x24_japanese_on_the_opinion_table() {
    let (_dir, mut app, _path, session) = report_app();
    // Draw once so the tab knows its page, then scroll to the table.
    draw(&mut app, 80, 24, at(40, 0));
    scroll_to(&mut app, &session, 78, "4. 治療の選択肢ごとの意見");
    let terminal = draw(&mut app, 80, 24, at(40, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn report_tab_200x50_japanese_from_the_questions() {
    let (_dir, mut app, _path, session) = report_app();
    draw(&mut app, 200, 50, at(40, 0));
    scroll_to(&mut app, &session, 98, "6. ご質問と回答");
    let terminal = draw(&mut app, 200, 50, at(40, 0));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_help_lists_the_export_keys() {
    let (_dir, mut app, _path, _session) = report_app();
    press(&mut app, KeyCode::Char('?'), at(40, 0));
    let screen = format!("{}", draw(&mut app, 80, 24, at(40, 0)).backend());
    for want in [
        "PgUp/PgDn",
        "Word (docx)",
        "Markdown",
        "JSON",
        "日本語 / English",
    ] {
        assert!(screen.contains(want), "{want} not in\n{screen}");
    }
}

fn exports(app: &App) -> PathBuf {
    app.store.root().join("exports")
}

fn document_text(path: &Path) -> String {
    let docx = docx_rs::read_docx(&std::fs::read(path).unwrap()).unwrap();
    docx.document
        .children
        .iter()
        .filter_map(|child| match child {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn exporting_from_the_tab_writes_the_file_and_records_it_on_the_open_session() {
    let (_dir, mut app, path, session) = report_app();
    let docx = exports(&app).join(format!("{}.docx", session.id));

    press(&mut app, KeyCode::Char('d'), at(45, 0));
    let status = app.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Info, "{}", status.text);
    assert!(
        status.text.contains(&docx.display().to_string()),
        "{}",
        status.text
    );
    assert!(document_text(&docx).contains("セカンドオピニオン外来 報告書"));
    // Recorded on the session open here (this terminal holds its lock), saved with it.
    assert_eq!(view(&app).open.session.report.exported_at, Some(at(45, 0)));
    assert!(view(&app).open.needs_save());
    let saved = autosave_until(&mut app, at(45, 1), &path, |s| {
        s.report.exported_at.is_some()
    });
    assert_eq!(saved.report.exported_at, Some(at(45, 0)));
    assert_eq!(saved.report.exported_format.as_deref(), Some("docx"));

    // Markdown for the chart, then the docx again after a change: each replaces only this
    // session's own earlier file.
    press(&mut app, KeyCode::Char('m'), at(46, 0));
    let markdown = exports(&app).join(format!("{}.md", session.id));
    let text = std::fs::read_to_string(&markdown).unwrap();
    assert!(text.contains("- **薬物療法**：推奨"), "{text}");
    if let Screen::Session(view) = &mut app.screen {
        view.open.session.opinion.note = "次回は家族同席で説明予定。".into();
    }
    press(&mut app, KeyCode::Char('d'), at(47, 0));
    assert_eq!(app.status.clone().unwrap().kind, StatusKind::Info);
    assert!(document_text(&docx).contains("次回は家族同席で説明予定。"));
    assert_eq!(
        view(&app).open.session.report.exported_path.as_deref(),
        Some(docx.to_str().unwrap())
    );

    // L: the report in English, shown and exported.
    press(&mut app, KeyCode::Char('L'), at(48, 0));
    let screen = format!("{}", draw(&mut app, 80, 24, at(48, 0)).backend());
    assert!(screen.contains("報告書（English）"), "{screen}");
    assert!(
        screen.contains("Second Opinion Consultation Report"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('d'), at(48, 0));
    assert!(document_text(&docx).contains("Second Opinion Consultation Report"));

    // Someone else's file of that name is left alone.
    let json = exports(&app).join(format!("{}.json", session.id));
    std::fs::write(&json, "not ours").unwrap();
    press(&mut app, KeyCode::Char('j'), at(49, 0));
    let refused = app.status.clone().unwrap();
    assert_eq!(refused.kind, StatusKind::Error);
    assert!(
        refused.text.contains("上書きしませんでした"),
        "{}",
        refused.text
    );
    assert_eq!(std::fs::read_to_string(&json).unwrap(), "not ours");
}

#[test]
fn a_read_only_view_scrolls_but_does_not_export() {
    let (_dir, mut writer, path, session) = report_app();
    // A second sonote on the same session: the first holds the lock.
    let config = Config::embedded();
    let store = writer.store.clone();
    let mut reader = App::new(config, store, Theme { color: true }, today());
    reader.open_session(&path, at(41, 0)).unwrap();
    assert!(view(&reader).read_only());
    press(&mut reader, KeyCode::F(report_f_key()), at(41, 0));
    assert_eq!(view(&reader).tab, Tab::Report);
    draw(&mut reader, 80, 24, at(41, 0));
    reader.status = None;
    press(&mut reader, KeyCode::PageDown, at(41, 0));
    let screen = format!("{}", draw(&mut reader, 80, 24, at(41, 0)).backend());
    assert!(!screen.contains(" 1-"), "scrolled: {screen}");
    assert!(reader.status.is_none(), "looking is allowed");
    press(&mut reader, KeyCode::Char('d'), at(41, 0));
    assert_eq!(reader.status.clone().unwrap().kind, StatusKind::Error);
    assert!(
        !exports(&reader)
            .join(format!("{}.docx", session.id))
            .exists()
    );
    // The writer still exports.
    press(&mut writer, KeyCode::Char('d'), at(42, 0));
    assert_eq!(writer.status.clone().unwrap().kind, StatusKind::Info);
}
