//! The key tables are the keys' one source of truth: every binding has words in both
//! languages, no two bindings of a context share a key, the `?` help on screen lists
//! exactly the bindings of the context in view, and the help and the hint lines fit 80x24.

use super::common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::{Config, Lang};
use sonote::model::Role;
use sonote::tui::app::App;
use sonote::tui::help::{self, KeyContext, every_context};
use sonote::tui::keymap::Key;
use sonote::tui::theme::Theme;
use sonote::tui::view;
use unicode_width::UnicodeWidthStr;

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

fn context(lang: Lang, name: &str) -> KeyContext {
    every_context(lang)
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no context {name}"))
}

#[test]
fn every_binding_has_words_in_both_languages() {
    for lang in LANGS {
        let contexts = every_context(lang);
        assert!(contexts.len() >= 20, "{} contexts", contexts.len());
        for context in contexts {
            for entry in &context.entries {
                let name = format!("{lang:?}, {}: {}", context.name, entry.label);
                assert!(!entry.keys.is_empty(), "{name}: no key");
                let what = entry.text();
                assert!(
                    !what.help.trim().is_empty(),
                    "{name}: no words for the help"
                );
                // One line of the help for all the keys of a binding: they must say the same.
                assert!(
                    entry.words.iter().all(|words| *words == what),
                    "{name}: its keys do different things"
                );
                if entry.hint.is_some() {
                    assert!(
                        what.hint.is_some_and(|hint| !hint.trim().is_empty()),
                        "{name}: on the hint line without a word"
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_bindings_of_a_context_share_a_key() {
    for context in every_context(Lang::Ja) {
        let mut seen: Vec<(Key, &str)> = Vec::new();
        for entry in &context.entries {
            for key in &entry.keys {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == key) {
                    panic!(
                        "{}: {key:?} is in \"{other}\" and in \"{}\"",
                        context.name, entry.label
                    );
                }
                seen.push((*key, entry.label));
            }
        }
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE), at(1, 0));
}

fn app_in(lang: Lang, role: Role) -> (tempfile::TempDir, App, std::path::PathBuf) {
    let mut config = Config::embedded();
    config.ui.language = lang;
    let (dir, store) = temp_store();
    let mut session = full_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: false }, today());
    app.role = role;
    (dir, app, path)
}

/// The lines of the help popup on an 80x24 screen, inside its border: the bindings, a blank
/// line and how to close it.
fn help_on_screen(app: &mut App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, app, at(1, 0)))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // The popup is 64 columns wide, centred: its border is at columns 8 and 71.
    let corner = |c: &str| (0..24).find(|&y| buffer[(8, y)].symbol() == c);
    let (Some(top), Some(bottom)) = (corner("┌"), corner("└")) else {
        panic!("the popup is not whole on screen:\n{}", terminal.backend());
    };
    let rows: Vec<u16> = (top + 1..bottom).collect();
    rows.iter()
        .map(|&y| {
            let mut line = String::new();
            let mut x = 9;
            while x < 71 {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The width of the help's key column: its longest key label.
fn label_width(context: &KeyContext) -> usize {
    context
        .entries
        .iter()
        .map(|e| e.label.width())
        .max()
        .unwrap_or(0)
}

/// What the help of `context` says, as the popup lays it out.
fn expected_help(context: &KeyContext, close: &str) -> Vec<String> {
    let width = label_width(context);
    let mut lines: Vec<String> = context
        .entries
        .iter()
        .map(|e| {
            let pad = " ".repeat(width - e.label.width());
            format!(" {}{pad} {}", e.label, e.text().help)
                .trim_end()
                .to_string()
        })
        .collect();
    lines.push(String::new());
    lines.push(format!(" {close}"));
    lines
}

#[test]
fn the_help_on_screen_lists_exactly_the_bindings_of_the_context_in_view() {
    let tabs = [
        (1, Role::Specialist, "consult tab, browsing"),
        (2, Role::Specialist, "questions tab, Browse, Specialist"),
        (2, Role::Companion, "questions tab, Browse, Companion"),
        (3, Role::Specialist, "opinion tab, browsing"),
        (4, Role::Specialist, "report tab"),
        (5, Role::Specialist, "intake tab, browsing"),
    ];
    for lang in LANGS {
        let close = help::close_line(lang.texts());
        let (_dir, mut app, path) = app_in(lang, Role::Specialist);
        press(&mut app, KeyCode::Char('?'));
        let home = context(lang, "home");
        assert_eq!(help_on_screen(&mut app), expected_help(&home, &close));

        press(&mut app, KeyCode::Esc);
        app.show_desk(today());
        press(&mut app, KeyCode::Char('?'));
        let desk = context(lang, "desk");
        assert_eq!(help_on_screen(&mut app), expected_help(&desk, &close));

        for (f, role, name) in tabs {
            let (_dir, mut app, _) = app_in(lang, role);
            app.open_session(&path, at(1, 0)).unwrap();
            press(&mut app, KeyCode::F(f));
            press(&mut app, KeyCode::Char('?'));
            let shown = help_on_screen(&mut app);
            assert_eq!(shown, expected_help(&context(lang, name), &close), "{name}");
        }
    }
}

#[test]
fn every_help_fits_its_popup_on_80x24() {
    for lang in LANGS {
        for context in every_context(lang) {
            let width = label_width(&context);
            for entry in &context.entries {
                // 64 columns: a border and a space each side, the keys, a space, the words.
                let line = 1 + width + 1 + entry.text().help.width();
                assert!(line <= 62, "{lang:?}, {}: {}", context.name, entry.label);
            }
            // 23 rows above the status line: the border, the bindings, a blank line, how
            // to close, the border.
            assert!(context.entries.len() + 4 <= 23, "{}", context.name);
        }
    }
}

/// The hint line of what the keys lead to, from the session list, at each step.
fn hint_lines(lang: Lang, role: Role) -> Vec<String> {
    let (_dir, mut app, path) = app_in(lang, role);
    let mut lines = vec![help::hints(&app)];
    press(&mut app, KeyCode::Char('n'));
    lines.push(help::hints(&app));
    press(&mut app, KeyCode::Esc);
    app.show_desk(today());
    lines.push(help::hints(&app));
    app.open_session(&path, at(1, 0)).unwrap();
    // Each tab, and each of its ways of typing or choosing, left with Esc.
    let modes: [(u8, &[char]); 5] = [
        (1, &['m']),
        (2, &['a', 'l', 's', 'd', 'i', 't', '\n']),
        (3, &['\n']),
        (4, &[]),
        (5, &['\n']),
    ];
    for (f, keys) in modes {
        press(&mut app, KeyCode::F(f));
        lines.push(help::hints(&app));
        for &c in keys {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            press(&mut app, code);
            lines.push(help::hints(&app));
            press(&mut app, KeyCode::Esc);
        }
    }
    lines
}

#[test]
fn every_hint_line_fits_80_columns() {
    for lang in LANGS {
        for role in [Role::Specialist, Role::Companion] {
            let lines = hint_lines(lang, role);
            assert!(lines.len() > 15);
            for line in lines {
                // The status line starts with a space.
                assert!(line.width() <= 79, "{lang:?} {role:?}: {line}");
            }
        }
    }
}

#[test]
fn the_hint_lines_name_the_keys_of_the_tables() {
    let lines = hint_lines(Lang::En, Role::Specialist);
    let want = [
        "↑↓ select  Enter open  n new  d desk  ? keys  q quit",
        "←/→ mode  Tab next field  Enter create  Esc cancel",
        "↑↓ select  Enter open  p paid  x export  s sent  f filter  ←/→ day  Esc back",
        "Space start/pause  x extend  e end  m notes  Esc list  ? keys  q quit",
        "↑↓ PgUp/PgDn g/G scroll  d Word  m Markdown  j JSON  L 日本語/English  ? keys",
        "1-5 1 not yet 2 asked 3 answered 4 skipped 5 primary  Esc cancel",
        "y delete  n cancel",
    ];
    for want in want {
        assert!(lines.iter().any(|l| l == want), "{want} not in {lines:#?}");
    }
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        at(1, 0),
    );
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo_as_the_help_says() {
    let (_dir, mut app, path) = app_in(Lang::Ja, Role::Specialist);
    app.open_session(&path, at(1, 0)).unwrap();
    let memo = |app: &App| app.session_view().unwrap().open.session.memo.clone();
    let before = memo(&app);
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(memo(&app), format!("{before}xy"));
    ctrl(&mut app, 'z');
    assert_eq!(memo(&app), format!("{before}x"));
    ctrl(&mut app, 'y');
    assert_eq!(memo(&app), format!("{before}xy"));

    // An opinion field: the free note, the last one.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    let note = |app: &App| {
        app.session_view()
            .unwrap()
            .open
            .session
            .opinion
            .note
            .clone()
    };
    let before = note(&app);
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(note(&app), format!("{before}z"));
    ctrl(&mut app, 'z');
    assert_eq!(note(&app), before);
    ctrl(&mut app, 'y');
    assert_eq!(note(&app), format!("{before}z"));
}

/// The state chooser's keys say which number is which state, in the words the question
/// list shows for the states.
#[test]
fn the_state_keys_name_each_state_by_its_number() {
    for lang in LANGS {
        let words = &lang.texts().keys.questions.set_state;
        let states = lang.questions_texts().states_short;
        for (n, state) in states.iter().enumerate() {
            let number = (n + 1).to_string();
            let at = words
                .help
                .find(&number)
                .unwrap_or_else(|| panic!("{lang:?}: no {number} in {}", words.help));
            let state_word = state.split_whitespace().next().unwrap();
            assert!(
                words.help[at..].contains(state_word),
                "{lang:?}: {state} after {number} in {}",
                words.help
            );
        }
    }
}
