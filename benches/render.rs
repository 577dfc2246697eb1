//! Drawing one frame of each screen of the large session at 200x50 into ratatui's
//! TestBackend (`Terminal::draw`: the view, the buffer diff, the backend write), and the
//! app's whole work for one typed character in an answer (the key, then the frame).
//!
//! `cargo bench --bench render [-- --quick]`; target: under 1 ms a frame.

#[path = "support/large_session.rs"]
mod large_session;
#[path = "support/stats.rs"]
mod stats;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::config::Config;
use sonote::store::Store;
use sonote::tui::app::App;
use sonote::tui::echo::Echo;
use sonote::tui::session_view::Tab;
use sonote::tui::theme::Theme;
use sonote::tui::view;

const COLS: u16 = 200;
const ROWS: u16 = 50;
const TARGET_MS: f64 = 1.0;

fn key(app: &mut App, code: KeyCode) {
    app.on_key(
        KeyEvent::new(code, KeyModifiers::NONE),
        large_session::now(),
    );
}

/// A fresh app on the large session, on tab F`f`, with `keys` pressed after.
fn app_on(store: &Store, path: &std::path::Path, f: u8, keys: &[KeyCode]) -> App {
    let config = Config::embedded();
    let mut app = App::new(
        config,
        store.clone(),
        Theme { color: true },
        large_session::day(),
    );
    app.open_session(path, large_session::now())
        .expect("open the large session");
    key(&mut app, KeyCode::F(f));
    for code in keys {
        key(&mut app, *code);
    }
    app
}

fn time_frames(app: &mut App, rounds: usize) -> Vec<Duration> {
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    let now = large_session::now();
    for _ in 0..rounds / 10 {
        terminal
            .draw(|frame| view::draw(frame, app, now))
            .expect("draw");
    }
    (0..rounds)
        .map(|_| {
            let started = Instant::now();
            black_box(
                terminal
                    .draw(|frame| view::draw(frame, app, now))
                    .expect("draw"),
            );
            started.elapsed()
        })
        .collect()
}

/// How a typed key reaches the screen.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// The whole frame.
    Whole,
    /// The echo frame (the field alone, over the last whole frame): what the pty sees first.
    Echo,
    /// The echo frame and then the whole frame: all the event loop does for the key.
    EchoThenWhole,
}

/// One typed character and the frame that shows it, alternately a character and a
/// backspace so the answer keeps its length.
fn time_typing(
    app: &mut App,
    rounds: usize,
    c: char,
    pause: Duration,
    shown: Shown,
) -> Vec<Duration> {
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    let now = large_session::now();
    let mut echo = Echo::default();
    // As the event loop draws: the whole frame sends again what the echo sent.
    let whole = |terminal: &mut Terminal<TestBackend>, app: &mut App, echo: &mut Echo| {
        let frame = terminal
            .draw(|frame| {
                view::draw(frame, app, now);
                echo.resend(frame.buffer_mut());
            })
            .expect("draw");
        echo.keep(frame.buffer);
    };
    whole(&mut terminal, app, &mut echo);
    (0..rounds)
        .map(|i| {
            let code = if i % 2 == 0 {
                KeyCode::Char(c)
            } else {
                KeyCode::Backspace
            };
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            let started = Instant::now();
            app.on_key(KeyEvent::new(code, KeyModifiers::NONE), now);
            if shown == Shown::Whole {
                whole(&mut terminal, app, &mut echo);
                return started.elapsed();
            }
            let field = app.focused_field().expect("the answer is open");
            let mut out = Vec::new();
            assert!(echo.draw(&mut out, field).expect("echo"), "no echo");
            black_box(out);
            let elapsed = started.elapsed();
            // The whole frame follows (and keeps the buffer the next echo starts from).
            whole(&mut terminal, app, &mut echo);
            match shown {
                Shown::Echo => elapsed,
                _ => started.elapsed(),
            }
        })
        .collect()
}

fn main() {
    let rounds = if stats::quick() { 200 } else { 3000 };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (store, path, _) = large_session::write(&dir.path().join("data"));

    println!("frames of the large session at {COLS}x{ROWS} (TestBackend), {rounds} each");
    println!("{}", stats::HEADER);
    let screens: [(&str, u8, Vec<KeyCode>, Tab); 7] = [
        ("frame consult (F1)", 1, vec![], Tab::Consult),
        (
            "frame consult, notes open",
            1,
            vec![KeyCode::Char('m')],
            Tab::Consult,
        ),
        ("frame questions (F2)", 2, vec![], Tab::Questions),
        (
            "frame questions, answer open",
            2,
            vec![KeyCode::Enter],
            Tab::Questions,
        ),
        ("frame opinion (F3)", 3, vec![], Tab::Opinion),
        ("frame report (F4)", 4, vec![], Tab::Report),
        ("frame intake (F5)", 5, vec![], Tab::Intake),
    ];
    // Any argument that is not an option picks the measurements whose name contains it.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    let mut worst: f64 = 0.0;
    for (name, f, keys, tab) in screens.into_iter().filter(|s| wanted(s.0)) {
        let mut app = app_on(&store, &path, f, &keys);
        let view = app.session_view().expect("a session on screen");
        assert_eq!(view.tab, tab, "{name}: F{f} shows another tab");
        let s = stats::summarize(&time_frames(&mut app, rounds));
        worst = worst.max(s.median);
        println!("{}", stats::line(name, &s));
        stats::record("render", name, &s, &[("target_ms", TARGET_MS.to_string())]);
    }
    // What any frame costs at this size, whatever the app draws: ratatui's floor (an empty
    // frame: reset, diff, swap) and a screen full of Japanese text in one paragraph.
    let full_text = large_session::prose(3, 12_000, 1);
    for (name, text) in [
        ("floor: empty frame", None),
        ("floor: screen full of text", Some(&full_text)),
    ]
    .into_iter()
    .filter(|s| wanted(s.0))
    {
        let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
        let paragraph = text.map(|t| {
            ratatui::widgets::Paragraph::new(t.as_str())
                .wrap(ratatui::widgets::Wrap { trim: false })
        });
        let samples: Vec<Duration> = (0..rounds)
            .map(|_| {
                let started = Instant::now();
                black_box(
                    terminal
                        .draw(|frame| {
                            if let Some(p) = &paragraph {
                                frame.render_widget(p, frame.area());
                            }
                        })
                        .expect("draw"),
                );
                started.elapsed()
            })
            .collect();
        let s = stats::summarize(&samples);
        println!("{}", stats::line(name, &s));
        stats::record("render", name, &s, &[]);
    }

    // Back to back, and 20 ms apart as a person types (and the terminal benchmark does):
    // caches and the CPU go cold between keys.
    let pause = Duration::from_millis(20);
    let paused = if stats::quick() { 50 } else { 300 };
    let none = Duration::ZERO;
    for (name, c, rounds, pause, shown) in [
        (
            "key + frame, answer, ASCII",
            'a',
            rounds,
            none,
            Shown::Whole,
        ),
        (
            "key + frame, answer, Japanese",
            'あ',
            rounds,
            none,
            Shown::Whole,
        ),
        ("key + echo, answer, ASCII", 'a', rounds, none, Shown::Echo),
        (
            "key + echo, answer, Japanese",
            'あ',
            rounds,
            none,
            Shown::Echo,
        ),
        (
            "key + echo + frame, Japanese",
            'あ',
            rounds,
            none,
            Shown::EchoThenWhole,
        ),
        (
            "key + frame, ASCII, 20 ms apart",
            'a',
            paused,
            pause,
            Shown::Whole,
        ),
        (
            "key + frame, Japanese, 20 ms apart",
            'あ',
            paused,
            pause,
            Shown::Whole,
        ),
        (
            "key + echo, ASCII, 20 ms apart",
            'a',
            paused,
            pause,
            Shown::Echo,
        ),
        (
            "key + echo, Japanese, 20 ms apart",
            'あ',
            paused,
            pause,
            Shown::Echo,
        ),
    ]
    .into_iter()
    .filter(|s| wanted(s.0))
    {
        let mut app = app_on(&store, &path, 2, &[KeyCode::Enter]);
        let s = stats::summarize(&time_typing(&mut app, rounds, c, pause, shown));
        println!("{}", stats::line(name, &s));
        stats::record("render", name, &s, &[]);
    }
    let verdict = if worst < TARGET_MS { "met" } else { "MISSED" };
    println!("slowest screen's median {worst:.3} ms; target < {TARGET_MS} ms: {verdict}");
}
