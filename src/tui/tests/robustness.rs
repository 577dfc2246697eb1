//! Bad input never panics and never passes silently: thousands of damaged session, config,
//! intake, template and part files (a fixed, seeded budget), huge files, and every screen
//! drawn at every size from 20x5 to 300x100 and through rapid resizes. Devices and pipes
//! given to the binary: tests/robustness_cli.rs.

use super::common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::tui::app::App;
use sonote::tui::session_view::Tab;
use sonote::tui::theme::Theme;

/// Pieces that break TOML in interesting ways, and text that is valid but unexpected.
const SPLINTERS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\n",
    "#",
    ",",
    "{",
    "}",
    "\\",
    "\u{0}",
    "0x",
    "-1",
    "1e999",
    "9999999999999999999999",
    "true",
    "\"\"\"",
    "あ",
    "𠮷",
    "\u{feff}",
    "\n[clock]\n",
    "\n[[clock.events]]\nkind = \"end\"\n",
    "\nformat = 99\n",
    "\nat = \"2026-13-40T99:00:00+09:00\"\n",
    "\nminutes = -30\n",
    "T",
    ":",
    ".",
];

/// Damage `text`: flip, insert, delete, duplicate or cut, a few times.
fn damage(text: &str, random: &mut Random) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + random.below(4) {
        let at = random.below(bytes.len() + 1);
        match random.below(6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << random.below(8);
            }
            1 => {
                let piece = SPLINTERS[random.below(SPLINTERS.len())];
                bytes.splice(at..at, piece.bytes());
            }
            2 => {
                let end = (at + random.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + random.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = random.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            4 => bytes.truncate(at),
            _ => {
                let i = random.below(bytes.len() + 1);
                bytes.insert(i.min(bytes.len()), b'\n');
            }
        }
    }
    bytes
}

/// Run `load` on `rounds` damaged copies of `text`: it must never panic, and every error
/// must name the file it was given. Returns (accepted, refused).
fn hammer<T, E: std::fmt::Display>(
    name: &str,
    text: &str,
    rounds: usize,
    seed: u64,
    load: impl Fn(&Path) -> Result<T, E>,
) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut random = Random(seed);
    let (mut accepted, mut refused) = (0, 0);
    for round in 0..rounds {
        let bytes = damage(text, &mut random);
        std::fs::write(&path, &bytes).unwrap();
        let started = std::time::Instant::now();
        let loaded = catch_unwind(AssertUnwindSafe(|| load(&path)));
        // A loop in a parser shows as a round that takes seconds, not a test that never ends.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name} round {round} (seed {seed}) took {:?}",
            started.elapsed()
        );
        match loaded {
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(err)) => {
                refused += 1;
                assert!(
                    err.to_string().starts_with(&path.display().to_string()),
                    "{name} round {round}: the error does not name the file: {err}"
                );
                assert_eq!(
                    std::fs::read(&path).unwrap(),
                    bytes,
                    "{name} round {round}: a refused file was changed"
                );
            }
            Err(_) => panic!(
                "{name} round {round} (seed {seed}) panicked on:\n{}",
                String::from_utf8_lossy(&bytes)
            ),
        }
    }
    println!("{name}: {rounds} damaged files, {accepted} still valid, {refused} refused");
    (accepted, refused)
}

fn sample_session_text() -> String {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.extend(at(25, 0)).unwrap();
    session.memo = "所見\nPS 1".into();
    let path = common::create(&store, &mut session).unwrap();
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn damaged_session_files_are_refused_with_their_name() {
    let (_, refused) = hammer(
        "2026-11-21-01.toml",
        &sample_session_text(),
        600,
        0x5e55_1001,
        sonote::store::load,
    );
    assert!(refused > 300, "most damage must be noticed");
}

#[test]
fn damaged_configs_are_refused_with_their_name() {
    hammer(
        "config.toml",
        sonote::config::DEFAULT_CONFIG,
        400,
        0x0c0f_1002,
        Config::load,
    );
}

#[test]
fn damaged_intake_files_are_refused_with_their_name() {
    hammer(
        "intake.toml",
        include_str!("../../../templates/intake.example.toml"),
        400,
        0x017a_1003,
        sonote::intake_file::read,
    );
}

#[test]
fn damaged_report_templates_are_refused_with_their_name() {
    hammer(
        "report.ja.toml",
        include_str!("../../../templates/report.ja.toml"),
        300,
        0x007e_1004,
        sonote::report::template::ReportTemplate::load,
    );
}

#[test]
fn damaged_part_files_are_refused_with_their_name() {
    let text = "format = 1\nsession = \"2026-11-21-01\"\n\n[[answers]]\nquestion = \"q1\"\ntext = \"通院しながら\"\n\n[[added]]\nid = \"c1\"\ntext = \"費用は？\"\n";
    hammer(
        "2026-11-21-01.companion.toml",
        text,
        300,
        0x009a_1005,
        |path| sonote::store::load_part(path, "2026-11-21-01"),
    );
}

/// The undamaged text loads: the damage, not the sample, is what gets refused.
fn loads<T, E: std::fmt::Display>(name: &str, text: &str, load: impl Fn(&Path) -> Result<T, E>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    if let Err(err) = load(&path) {
        panic!("the undamaged {name} is refused: {err}");
    }
}

#[test]
fn damaged_desk_parts_are_refused_with_their_name() {
    let text = "format = 1\nsession = \"2026-11-21-01\"\n\n[payment]\nat = 2026-11-21T10:40:00+09:00\nmethod = \"card\"\namount = 5500\n\n[report]\nexported_at = 2026-11-21T11:00:00+09:00\nexported_path = \"/tmp/2026-11-21-01.docx\"\n";
    // The desk part is found beside its session file.
    let load = |path: &Path| {
        let session = path.with_file_name("2026-11-21-01.toml");
        sonote::store::load_desk_part(&session, "2026-11-21-01")
            .map_err(|err| err.to_string())?
            .ok_or_else(|| format!("{}: no desk part read", path.display()))
    };
    loads("2026-11-21-01.desk.toml", text, load);
    hammer("2026-11-21-01.desk.toml", text, 300, 0x00de_1006, load);
}

#[test]
fn damaged_question_lists_are_refused_with_their_name() {
    let text = "# 聞きたいこと\n!手術はできますか。\n薬の副作用は？\n\n仕事は続けられますか。\n";
    let load = sonote::core::import::read_question_file;
    loads("questions.txt", text, load);
    hammer("questions.txt", text, 300, 0x0071_1007, load);
}

/// A journal is read line by line as JSON: damage to any line is refused with the file and
/// the line, never a panic.
#[test]
fn damaged_journals_are_refused_with_their_name() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = common::create(&store, &mut session).unwrap();
    session.memo = "所見\nPS 1".into();
    session.toggle_clock(at(0, 0)).unwrap();
    let by = sonote::store::journal::Author::new("試験 医師", "specialist");
    sonote::store::save(&path, &session, &by, at(0, 1)).unwrap();
    let text = std::fs::read_to_string(path.with_extension("journal")).unwrap();
    let load = sonote::store::journal::read;
    loads("2026-11-21-01.journal", &text, load);
    hammer("2026-11-21-01.journal", &text, 300, 0x0010_1008, load);
}

#[test]
fn a_fifty_megabyte_file_is_refused_quickly_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026-11-21-01.toml");
    let line = "memo = \"".to_string() + &"あ".repeat(1000) + "\"\n";
    let mut text = String::new();
    while text.len() < 50_000_000 {
        text.push_str(&line);
    }
    std::fs::write(&path, &text).unwrap();
    let started = std::time::Instant::now();
    let err = sonote::store::load(&path).unwrap_err();
    assert!(err.message.contains("MB"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), text.len() as u64);
    let err = Config::load(&path).unwrap_err();
    assert!(err.message.contains("MB"), "{err}");
    let err = sonote::intake_file::read(&path).unwrap_err();
    assert!(err.message.contains("MB"), "{err}");
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn draw(app: &mut App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| sonote::tui::view::draw(frame, app, at(31, 0)))
        .unwrap();
}

/// How to get from the home screen to one screen or overlay.
type ScreenEntry = Box<dyn Fn(&mut App)>;

const SIZES: &[(u16, u16)] = &[
    (20, 5),
    (21, 6),
    (25, 8),
    (33, 9),
    (40, 12),
    (60, 15),
    (80, 24),
    (120, 40),
    (200, 50),
    (300, 100),
];

#[test]
fn every_screen_draws_at_every_size_without_panic() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let mut session = new_session(&config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.memo = "長い所見".repeat(50);
    let path = common::create(&store, &mut session).unwrap();
    let mut app = App::new(config, store, Theme { color: true }, today());

    let mut screens: Vec<ScreenEntry> = vec![
        Box::new(|_app: &mut App| {}),
        Box::new(|app: &mut App| app.on_key(key(KeyCode::Char('?')), at(31, 0))),
        Box::new(|app: &mut App| app.on_key(key(KeyCode::Char('n')), at(31, 0))),
        Box::new(|app: &mut App| app.show_desk(today())),
    ];
    for index in 0..Tab::ALL.len() {
        let plain = path.clone();
        screens.push(Box::new(move |app: &mut App| {
            app.open_session(&plain, at(31, 0)).unwrap();
            app.on_key(key(KeyCode::F(index as u8 + 1)), at(31, 0));
        }));
        let with_help = path.clone();
        screens.push(Box::new(move |app: &mut App| {
            app.open_session(&with_help, at(31, 0)).unwrap();
            app.on_key(key(KeyCode::F(index as u8 + 1)), at(31, 0));
            app.on_key(key(KeyCode::Char('?')), at(31, 0));
        }));
    }
    let path_for_confirm = path.clone();
    screens.push(Box::new(move |app: &mut App| {
        app.open_session(&path_for_confirm, at(31, 0)).unwrap();
        app.on_key(key(KeyCode::Char('e')), at(31, 0));
    }));

    for (index, enter) in screens.iter().enumerate() {
        // Each screen from a clean start: the home screen, Esc'd back to as needed.
        app.overlay = None;
        app.show_home(today());
        enter(&mut app);
        for &(width, height) in SIZES {
            let result = catch_unwind(AssertUnwindSafe(|| draw(&mut app, width, height)));
            assert!(
                result.is_ok(),
                "screen {index} panicked at {width}x{height}"
            );
        }
        // A burst of resizes, as a window being dragged.
        let mut random = Random(0xd1a9 + index as u64);
        for _ in 0..60 {
            let (width, height) = (20 + random.below(281) as u16, 5 + random.below(96) as u16);
            let result = catch_unwind(AssertUnwindSafe(|| draw(&mut app, width, height)));
            assert!(
                result.is_ok(),
                "screen {index} panicked at {width}x{height}"
            );
        }
    }
}
