//! Drawing one frame of each screen of the large session at 200x50 into ratatui's
//! TestBackend (`Terminal::draw`: the view, the buffer diff, the backend write), and the
//! app's whole work for one typed character in an answer or the notes (the key, then the
//! frame). The same with 10 and 5,000 questions instead of 200: a frame should cost the same.
//!
//! `cargo bench --bench render [-- --quick] [NAME…]`; target: under 1 ms a frame.
//! `SONOTE_BENCH_QUESTIONS=10,200,5000` (the default) sets the sizes measured.

#[path = "support/large_session.rs"]
mod large_session;
#[path = "support/stats.rs"]
mod stats;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::TimeDelta;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sonote::bench::{App, Echo, Tab, Theme, view};
use sonote::config::Config;
use sonote::store::Store;

const COLS: u16 = 200;
const ROWS: u16 = 50;
const TARGET_MS: f64 = 1.0;

fn key(app: &mut App, code: KeyCode) {
    app.on_key(
        KeyEvent::new(code, KeyModifiers::NONE),
        large_session::now(),
    );
}

/// The numbers of questions measured: `SONOTE_BENCH_QUESTIONS` (comma-separated), else 10,
/// 200 (the large session of every other benchmark) and 5,000.
fn sizes() -> Vec<usize> {
    let listed = std::env::var("SONOTE_BENCH_QUESTIONS").unwrap_or_default();
    let sizes: Vec<usize> = listed
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    if sizes.is_empty() {
        vec![10, large_session::QUESTIONS, 5_000]
    } else {
        sizes
    }
}

/// A measurement's name: as it always was for the large session's 200 questions (the bench
/// script looks them up by name), with the number of questions for the other sizes.
fn named(name: &str, questions: usize) -> String {
    if questions == large_session::QUESTIONS {
        name.to_string()
    } else {
        format!("{name} · {questions} q")
    }
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

/// Frames of what `app` shows; each `step` later than the one before (zero: all at the
/// same moment, as while scrolling; a second: the clock's tick redraws a screen at rest).
fn time_frames(app: &mut App, rounds: usize, step: TimeDelta) -> Vec<Duration> {
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    let mut now = large_session::now();
    for _ in 0..rounds / 10 {
        now += step;
        terminal
            .draw(|frame| view::draw(frame, app, now))
            .expect("draw");
    }
    (0..rounds)
        .map(|_| {
            now += step;
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
        let mut caret = None;
        let frame = terminal
            .draw(|frame| {
                caret = view::draw_with_caret(frame, app, now);
                echo.resend(frame.buffer_mut());
            })
            .expect("draw");
        echo.keep(frame.buffer, caret);
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
            let (id, field) = app.focused_field().expect("a field is open");
            let mut out = Vec::new();
            assert!(echo.draw(&mut out, id, field).expect("echo"), "no echo");
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
    // Any argument that is not an option picks the measurements whose name contains it.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    let mut worst: f64 = 0.0;
    for questions in sizes() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (store, path, _) = large_session::write_with(&dir.path().join("data"), questions);
        println!();
        println!(
            "frames of the large session with {questions} questions at {COLS}x{ROWS} \
             (TestBackend), {rounds} each"
        );
        println!("{}", stats::HEADER);
        worst = worst.max(screens(&store, &path, questions, rounds, &wanted));
        typing(&store, &path, questions, rounds, &wanted);
    }
    floor(rounds, &wanted);
    let verdict = if worst < TARGET_MS { "met" } else { "MISSED" };
    println!("slowest screen's median {worst:.3} ms; target < {TARGET_MS} ms: {verdict}");
}

/// One frame of each screen; returns the slowest median.
fn screens(
    store: &Store,
    path: &std::path::Path,
    questions: usize,
    rounds: usize,
    wanted: &dyn Fn(&str) -> bool,
) -> f64 {
    let second = TimeDelta::seconds(1);
    let still = TimeDelta::zero();
    let screens: [(&str, u8, Vec<KeyCode>, Tab, TimeDelta); 8] = [
        ("frame consult (F1)", 1, vec![], Tab::Consult, still),
        (
            "frame consult, notes open",
            1,
            vec![KeyCode::Char('m')],
            Tab::Consult,
            still,
        ),
        ("frame questions (F2)", 2, vec![], Tab::Questions, still),
        (
            "frame questions, answer open",
            2,
            vec![KeyCode::Enter],
            Tab::Questions,
            still,
        ),
        ("frame opinion (F3)", 3, vec![], Tab::Opinion, still),
        ("frame report (F4)", 4, vec![], Tab::Report, still),
        // The clock's tick redraws the report a second later, nothing else having changed.
        (
            "frame report, a second apart",
            4,
            vec![],
            Tab::Report,
            second,
        ),
        ("frame intake (F5)", 5, vec![], Tab::Intake, still),
    ];
    let mut worst: f64 = 0.0;
    for (name, f, keys, tab, step) in screens {
        let name = named(name, questions);
        if !wanted(&name) {
            continue;
        }
        let mut app = app_on(store, path, f, &keys);
        let view = app.session_view().expect("a session on screen");
        assert_eq!(view.tab, tab, "{name}: F{f} shows another tab");
        let rounds = if step.is_zero() { rounds } else { rounds / 10 };
        let s = stats::summarize(&time_frames(&mut app, rounds, step));
        if step.is_zero() {
            worst = worst.max(s.median);
        }
        println!("{}", stats::line(&name, &s));
        stats::record(
            "render",
            &name,
            &s,
            &[
                ("target_ms", TARGET_MS.to_string()),
                ("questions", questions.to_string()),
            ],
        );
    }
    worst
}

/// What any frame costs at this size, whatever the app draws: ratatui's floor (an empty
/// frame: reset, diff, swap) and a screen full of Japanese text in one paragraph.
fn floor(rounds: usize, wanted: &dyn Fn(&str) -> bool) {
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
}

/// One typed key and what shows it, in an answer (F2, Enter) and in the notes (F1, m).
fn typing(
    store: &Store,
    path: &std::path::Path,
    questions: usize,
    rounds: usize,
    wanted: &dyn Fn(&str) -> bool,
) {
    // Back to back, and 20 ms apart as a person types (and the terminal benchmark does):
    // caches and the CPU go cold between keys.
    let pause = Duration::from_millis(20);
    let paused = if stats::quick() { 50 } else { 300 };
    let none = Duration::ZERO;
    let answer: (u8, &[KeyCode]) = (2, &[KeyCode::Enter]);
    let notes: (u8, &[KeyCode]) = (1, &[KeyCode::Char('m')]);
    let mut measures = vec![
        (
            "key + frame, answer, Japanese",
            answer,
            'あ',
            rounds,
            none,
            Shown::Whole,
        ),
        (
            "key + frame, notes, Japanese",
            notes,
            'あ',
            rounds,
            none,
            Shown::Whole,
        ),
        (
            "key + frame, notes, Japanese, 20 ms apart",
            notes,
            'あ',
            paused,
            pause,
            Shown::Whole,
        ),
    ];
    // The rest as they always were, for the large session only.
    if questions == large_session::QUESTIONS {
        measures.extend([
            (
                "key + frame, answer, ASCII",
                answer,
                'a',
                rounds,
                none,
                Shown::Whole,
            ),
            (
                "key + echo, answer, ASCII",
                answer,
                'a',
                rounds,
                none,
                Shown::Echo,
            ),
            (
                "key + echo, answer, Japanese",
                answer,
                'あ',
                rounds,
                none,
                Shown::Echo,
            ),
            (
                "key + echo + frame, Japanese",
                answer,
                'あ',
                rounds,
                none,
                Shown::EchoThenWhole,
            ),
            (
                "key + frame, ASCII, 20 ms apart",
                answer,
                'a',
                paused,
                pause,
                Shown::Whole,
            ),
            (
                "key + frame, Japanese, 20 ms apart",
                answer,
                'あ',
                paused,
                pause,
                Shown::Whole,
            ),
            (
                "key + echo, ASCII, 20 ms apart",
                answer,
                'a',
                paused,
                pause,
                Shown::Echo,
            ),
            (
                "key + echo, Japanese, 20 ms apart",
                answer,
                'あ',
                paused,
                pause,
                Shown::Echo,
            ),
        ]);
    }
    for (name, (f, keys), c, rounds, pause, shown) in measures {
        let name = named(name, questions);
        if !wanted(&name) {
            continue;
        }
        let mut app = app_on(store, path, f, keys);
        let s = stats::summarize(&time_typing(&mut app, rounds, c, pause, shown));
        println!("{}", stats::line(&name, &s));
        stats::record("render", &name, &s, &[("questions", questions.to_string())]);
    }
}
