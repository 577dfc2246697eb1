//! sonote in a real pseudo-terminal beside `vim -u NONE` (and `cat` on a raw terminal, the
//! floor: what the pty and the harness take), in one run, on the large session:
//! keystroke to screen (ASCII and Japanese), start-up to the first drawn frame, and peak
//! memory. `cargo bench --bench terminal [-- --quick]`; needs `vim` on the PATH.
//!
//! A keystroke's latency runs from just before its bytes are written to the pty master to
//! the moment the read that completed the screen's update returned: the parsed screen
//! (vt100) shows the character just left of the cursor, the cursor having moved. The same
//! rule for both programs. Keystrokes are 20 ms apart so each is measured alone; sonote
//! saves typed text while this runs, and each keystroke is classed by whether a save's
//! write (`wchar` of `/proc/PID/io`) fell in its window or in the gap just before it.

#[path = "support/large_session.rs"]
mod large_session;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/stats.rs"]
mod stats;

use std::time::{Duration, Instant};

use pty::Pty;
use stats::Summary;

const COLS: u16 = 200;
const ROWS: u16 = 50;
const KEYS: usize = 200;
const GAP: Duration = Duration::from_millis(20);
const KEY_TIMEOUT: Duration = Duration::from_secs(2);
const ASCII: &str = "abcdefghijklmnopqrstuvwxyz";
const JAPANESE: &str = "あいうえおかきくけこさしすせそたちつてとなにぬねの";
/// Bytes written in a window that mean a session file was saved (the file is ~230 KB;
/// a frame is a few KB at most).
const SAVE_BYTES: u64 = 64 * 1024;

const TARGET_RATIO: f64 = 1.5;
const TARGET_P99_MS: f64 = 5.0;
const TARGET_STARTUP_MS: f64 = 50.0;
const TARGET_RSS_MB: f64 = 30.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Program {
    Sonote,
    Vim,
    /// `cat` on a raw terminal: the pty's and the harness's own share of any latency.
    Cat,
}

impl Program {
    fn name(self) -> &'static str {
        match self {
            Program::Sonote => "sonote",
            Program::Vim => "vim",
            Program::Cat => "cat",
        }
    }
}

/// Past consultations beside the large session in the second data directory: 300, a year
/// of a clinic, unless `SONOTE_BENCH_PAST` says otherwise.
fn past_sessions() -> usize {
    std::env::var("SONOTE_BENCH_PAST")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// The screen sonote starts on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// `open ID`: the large session.
    Session,
    /// No command: the home screen, which lists every session.
    Home,
    /// `desk`: the clerk's desk, which lists every session too.
    Desk,
}

/// The start-ups with the full data directory, in turn: where, whether the listing cache
/// is removed first, and the name's insert (see `full_name`).
const FULL_STARTS: [(Start, bool, &str); 4] = [
    (Start::Session, false, ""),
    (Start::Home, false, " on the home screen"),
    (Start::Desk, false, " on the desk"),
    (Start::Home, true, " on the home screen, no listing cache"),
];

fn full_name(insert: &str) -> String {
    format!("sonote start-up{insert}, {} past beside", past_sessions())
}

/// Where things are for one run.
#[derive(Clone)]
struct Setup {
    sonote: String,
    data: String,
    id: String,
    session_path: std::path::PathBuf,
    text_file: String,
    start: Start,
}

impl Setup {
    fn spawn(&self, program: Program) -> Pty {
        match program {
            Program::Sonote => {
                let mut args = vec!["--data-dir", &self.data];
                match self.start {
                    Start::Session => args.extend(["open", &self.id]),
                    Start::Home => {}
                    Start::Desk => args.push("desk"),
                }
                Pty::spawn(&self.sonote, &args, COLS, ROWS)
            }
            Program::Vim => Pty::spawn("vim", &["-u", "NONE", "-N", &self.text_file], COLS, ROWS),
            Program::Cat => Pty::spawn("sh", &["-c", "stty raw -echo; exec cat"], COLS, ROWS),
        }
    }
}

/// The first frame is whole when its first and last rows are drawn (both programs draw
/// row by row, the status line last).
fn first_frame_drawn(screen: &vt100::Screen) -> bool {
    let rows: Vec<String> = screen.rows(0, COLS).collect();
    rows.first().is_some_and(|r| !r.trim().is_empty())
        && rows.last().is_some_and(|r| !r.trim().is_empty())
}

/// Spawn to first frame, then quit.
fn startup(setup: &Setup, program: Program) -> Duration {
    let mut term = setup.spawn(program);
    let at = term
        .until(Duration::from_secs(10), first_frame_drawn)
        .unwrap_or_else(|| panic!("{} drew no first frame", program.name()));
    let took = at - term.spawned;
    term.drain(Duration::from_millis(100));
    match program {
        Program::Sonote => term.send(b"q"),
        Program::Vim | Program::Cat => term.send(b"\x1b:q!\r"),
    };
    if !term.wait_exit(Duration::from_secs(5)) {
        eprintln!("{} did not quit; killed", program.name());
    }
    took
}

/// The screen shows `c` as typed: the cursor moved from `before`, and the character is just
/// left of it, or (the line wrapped, perhaps scrolling) in `before`'s column on the row just
/// above the cursor.
fn shows(screen: &vt100::Screen, c: &str, width: u16, before: (u16, u16)) -> bool {
    let (row, col) = screen.cursor_position();
    if (row, col) == before {
        return false;
    }
    let at = |r: u16, k: u16| screen.cell(r, k).is_some_and(|cell| cell.contents() == c);
    (col >= width && at(row, col - width)) || (col < before.1 && row >= 1 && at(row - 1, before.1))
}

/// One typed key: its latency, the first output's latency, and whether a save was near.
struct Sample {
    latency: Duration,
    first_output: Duration,
    /// A save's write fell inside the keystroke's window.
    save_during: bool,
    /// A save's write fell in the gap before the keystroke (it may still be syncing).
    save_before: bool,
    /// What the program was doing when the key was written (`pty::activity`).
    activity: &'static str,
}

struct Typist {
    program: Program,
    term: Pty,
    pid: u32,
    typed: String,
    timeouts: usize,
}

impl Typist {
    /// Start the program and open a text field at the end of the text: sonote on the
    /// questions tab (F2) in the current question's answer (Enter); vim on a new last line.
    fn start(setup: &Setup, program: Program) -> Typist {
        let mut term = setup.spawn(program);
        if program != Program::Cat {
            term.until(Duration::from_secs(10), first_frame_drawn)
                .expect("a first frame");
        }
        match program {
            Program::Sonote => {
                term.send(pty::F2.as_bytes());
                term.drain(Duration::from_millis(300));
                term.send(pty::ENTER.as_bytes());
            }
            Program::Vim => {
                term.send(b"Go");
            }
            Program::Cat => {}
        }
        term.drain(Duration::from_millis(500));
        let pid = term.pid().expect("a child pid");
        Typist {
            program,
            term,
            pid,
            typed: String::new(),
            timeouts: 0,
        }
    }

    fn type_keys(&mut self, chars: &str) -> Vec<Sample> {
        let chars: Vec<char> = chars.chars().collect();
        let mut samples = Vec::with_capacity(KEYS);
        let mut written_after_last = pty::written_bytes(self.pid).unwrap_or(0);
        for i in 0..KEYS {
            if self.program == Program::Cat && i % 100 == 0 {
                // cat does not wrap lines as the editors do: start a new one, untimed.
                self.term.send(b"\r\n");
                self.term.drain(GAP);
            }
            let (sample, written_after) = self.key(chars[i % chars.len()], written_after_last);
            samples.push(sample);
            written_after_last = written_after;
            self.term.drain(GAP);
        }
        samples
    }

    /// Type `c` and time it; `written_after_last` is the program's `wchar` after the key
    /// before. Returns the sample and the `wchar` after this key.
    fn key(&mut self, c: char, written_after_last: u64) -> (Sample, u64) {
        let text = c.to_string();
        let width = if c.is_ascii() { 1 } else { 2 };
        // Start from a screen at rest: the program may still be drawing for the key before
        // (sonote draws the field first, then the whole frame, and a busy machine may
        // stop it in between), and a cursor read mid-frame would be the wrong start.
        let deadline = Instant::now() + Duration::from_secs(1);
        while !pty::waits_for_input(&pty::current_syscall(self.pid)) && Instant::now() < deadline {
            self.term.drain(Duration::from_micros(200));
        }
        self.term.drain(Duration::from_millis(2));
        let before = self.term.parser.screen().cursor_position();
        let written_before = pty::written_bytes(self.pid).unwrap_or(0);
        let activity = pty::activity(&pty::current_syscall(self.pid));
        let started = Instant::now();
        self.term.send(text.as_bytes());
        let result = self
            .term
            .until_with_first(KEY_TIMEOUT, |screen| shows(screen, &text, width, before));
        let written_after = pty::written_bytes(self.pid).unwrap_or(0);
        self.typed.push(c);
        let (first, done) = match result {
            Some((first, done)) => (first - started, done - started),
            None => {
                if self.timeouts == 0 {
                    eprintln!(
                        "{}: no screen update for {c:?} (cursor {before:?} -> {:?}); the screen:\n{}",
                        self.program.name(),
                        self.term.parser.screen().cursor_position(),
                        self.term.parser.screen().contents()
                    );
                }
                self.timeouts += 1;
                (KEY_TIMEOUT, KEY_TIMEOUT)
            }
        };
        let sample = Sample {
            latency: done,
            first_output: first,
            save_during: written_after - written_before >= SAVE_BYTES,
            save_before: written_before - written_after_last >= SAVE_BYTES,
            activity,
        };
        (sample, written_after)
    }

    /// The worst case on purpose: after each typed key, wait until a thread of the program
    /// is in fsync (the autosave that key caused), and type the next key right then.
    /// Returns the latencies of the keys typed during a save, and how many saves were seen.
    fn type_during_saves(&mut self, chars: &str, keys: usize) -> (Vec<Duration>, usize) {
        let chars: Vec<char> = chars.chars().collect();
        let mut latencies = Vec::new();
        let mut missed = 0;
        for i in 0..keys {
            let (_, written) = self.key(chars[i % chars.len()], 0);
            let deadline = Instant::now() + Duration::from_secs(1);
            let mut caught = false;
            while Instant::now() < deadline {
                if pty::syncing(self.pid) {
                    caught = true;
                    break;
                }
                std::thread::sleep(Duration::from_micros(50));
            }
            if !caught {
                missed += 1;
                continue;
            }
            let (sample, _) = self.key(chars[(i + 7) % chars.len()], written);
            latencies.push(sample.latency);
            self.term.drain(Duration::from_millis(50));
        }
        let seen = keys - missed;
        (latencies, seen)
    }

    /// Peak resident memory so far, in MB.
    fn peak_rss_mb(&self) -> f64 {
        pty::proc_status_kb(self.pid, "VmHWM").unwrap_or(0) as f64 / 1024.0
    }

    /// Leave the field and quit (sonote saves first; vim writes the file).
    fn quit(mut self) -> String {
        match self.program {
            Program::Sonote => {
                self.term.send(pty::ESC.as_bytes());
                self.term.drain(Duration::from_millis(200));
                self.term.send(b"q");
            }
            Program::Vim => {
                self.term.send(b"\x1b:wq\r");
            }
            Program::Cat => return self.typed,
        }
        if !self.term.wait_exit(Duration::from_secs(10)) {
            eprintln!("{} did not quit; killed", self.program.name());
        }
        self.typed
    }
}

fn print_and_record(name: &str, samples: &[Duration], extra: &[(&str, String)]) -> Summary {
    let s = stats::summarize(samples);
    println!("{}", stats::line(name, &s));
    stats::record("keystroke", name, &s, extra);
    s
}

fn main() {
    let quick = stats::quick();
    let rounds = if quick { 1 } else { 3 };
    let startups = if quick { 3 } else { 15 };
    let startups = std::env::var("SONOTE_BENCH_STARTUPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(startups);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let (_, session_path, session) = large_session::write(&dir.path().join("data"));
    let text_file = dir.path().join("large.txt");
    std::fs::write(&text_file, large_session::plain_text(&session)).expect("write the text");
    let setup = Setup {
        // SONOTE_BENCH_BIN measures another build (an earlier commit's, say) the same way.
        sonote: std::env::var("SONOTE_BENCH_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_sonote").to_string()),
        data: dir.path().join("data").to_string_lossy().into_owned(),
        id: session.id.clone(),
        session_path,
        text_file: text_file.to_string_lossy().into_owned(),
        start: Start::Session,
    };
    println!(
        "large session: {} questions, {} B file; vim on {} B of the same text; {COLS}x{ROWS}",
        session.questions.len(),
        std::fs::metadata(&setup.session_path).map_or(0, |m| m.len()),
        std::fs::metadata(&text_file).map_or(0, |m| m.len()),
    );

    // Start-up, alternating the two programs.
    let mut start_times = [Vec::new(), Vec::new()];
    for _ in 0..startups {
        for (k, program) in [Program::Sonote, Program::Vim].into_iter().enumerate() {
            start_times[k].push(startup(&setup, program));
        }
    }
    // The same with a data directory as a clinic's grows: a year of past consultations,
    // started on the session, on the home screen and on the desk (which list every
    // session), and on the home screen without the listing cache, as the first start after
    // an upgrade (its last start-up writes the cache again for the next round's).
    let full_data = dir.path().join("full");
    let (full_store, _, _) = large_session::write(&full_data);
    large_session::write_past(&full_data, past_sessions());
    // The listing keeps only summaries of files left alone for 2 s: a clinic's past are.
    std::thread::sleep(Duration::from_secs(3));
    let cache = full_store.listing_cache_path();
    let full_setup = |start| Setup {
        data: full_data.to_string_lossy().into_owned(),
        start,
        ..setup.clone()
    };
    // One start on the home screen first, unmeasured, makes the cache as the first use would.
    startup(&full_setup(Start::Home), Program::Sonote);
    let mut full_times: [Vec<Duration>; 4] = Default::default();
    for _ in 0..startups {
        for (k, (start, cold, _)) in FULL_STARTS.into_iter().enumerate() {
            if cold {
                let _ = std::fs::remove_file(&cache);
            }
            full_times[k].push(startup(&full_setup(start), Program::Sonote));
        }
    }
    if std::env::args().any(|a| a == "startup") {
        // Start-up alone, every sample shown (`-- startup`).
        let ms = |times: &[Duration]| {
            let ms: Vec<String> = times
                .iter()
                .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
                .collect();
            ms.join(" ")
        };
        for (k, name) in ["sonote", "vim"].into_iter().enumerate() {
            println!("{name} start-up (ms): {}", ms(&start_times[k]));
        }
        for (k, (_, _, insert)) in FULL_STARTS.into_iter().enumerate() {
            println!("{} (ms): {}", full_name(insert), ms(&full_times[k]));
        }
        return;
    }

    // Typing: both programs open side by side, the runs alternating, round after round.
    let mut typists = [
        Typist::start(&setup, Program::Sonote),
        Typist::start(&setup, Program::Vim),
    ];
    let mut floor = Typist::start(&setup, Program::Cat);
    let mut runs: Vec<Vec<Sample>> = (0..4).map(|_| Vec::new()).collect();
    let mut floor_runs: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (set, chars) in [ASCII, JAPANESE].into_iter().enumerate() {
            for (k, typist) in typists.iter_mut().enumerate() {
                let samples = typist.type_keys(chars);
                runs[set * 2 + k].extend(samples);
            }
            floor_runs[set].extend(floor.type_keys(chars).iter().map(|s| s.latency));
        }
    }
    floor.quit();
    let during_keys = if quick { 10 } else { 40 };
    let (during, seen) = typists[0].type_during_saves(JAPANESE, during_keys);

    // Every tab once, so the peak memory covers every screen of the large session.
    let sonote = &mut typists[0];
    sonote.term.send(pty::ESC.as_bytes());
    for key in [pty::F1, pty::F3, pty::F4, pty::F5, pty::F2] {
        sonote.term.drain(Duration::from_millis(200));
        sonote.term.send(key.as_bytes());
    }
    sonote.term.drain(Duration::from_millis(300));
    let rss = [typists[0].peak_rss_mb(), typists[1].peak_rss_mb()];
    let timeouts = [typists[0].timeouts, typists[1].timeouts];
    let [sonote, vim] = typists;
    let sonote_typed = sonote.quit();
    let vim_typed = vim.quit();
    check_typed(&setup, &sonote_typed, &vim_typed);

    report(
        &runs,
        &floor_runs,
        &start_times,
        &full_times,
        rss,
        timeouts,
        &during,
        seen,
    );
}

/// Every typed character arrived: in the session file's answer, and at the end of vim's
/// file. (A benchmark that lost keys would measure nothing.)
fn check_typed(setup: &Setup, sonote_typed: &str, vim_typed: &str) {
    let session = sonote::store::load(&setup.session_path).expect("the session after typing");
    let found = session
        .questions
        .iter()
        .any(|q| q.answer.ends_with(sonote_typed));
    assert!(found, "sonote's session file lacks the typed text");
    let text = std::fs::read_to_string(&setup.text_file).expect("vim's file");
    assert!(
        text.trim_end().ends_with(vim_typed),
        "vim's file lacks the typed text"
    );
    println!(
        "checked: all {} typed characters are in sonote's session file and vim's file",
        sonote_typed.chars().count()
    );
}

#[allow(clippy::too_many_arguments)]
fn report(
    runs: &[Vec<Sample>],
    floor_runs: &[Vec<Duration>; 2],
    start_times: &[Vec<Duration>; 2],
    full_times: &[Vec<Duration>; 4],
    rss: [f64; 2],
    timeouts: [usize; 2],
    during: &[Duration],
    saves_seen: usize,
) {
    println!("\nkeystroke to screen, {KEYS} keys a run, {GAP:?} apart");
    println!("{}", stats::HEADER);
    let mut verdicts = Vec::new();
    for (set, chars) in ["ASCII", "Japanese"].into_iter().enumerate() {
        let sonote = &runs[set * 2];
        let vim = &runs[set * 2 + 1];
        let latency = |run: &[Sample]| run.iter().map(|s| s.latency).collect::<Vec<_>>();
        let s = print_and_record(&format!("sonote {chars}"), &latency(sonote), &[]);
        let v = print_and_record(&format!("vim {chars}"), &latency(vim), &[]);
        print_and_record(&format!("cat {chars} (pty floor)"), &floor_runs[set], &[]);
        let first = |run: &[Sample]| run.iter().map(|s| s.first_output).collect::<Vec<_>>();
        print_and_record(
            &format!("  sonote {chars}, first output"),
            &first(sonote),
            &[],
        );
        print_and_record(&format!("  vim {chars}, first output"), &first(vim), &[]);
        let near: Vec<Duration> = sonote
            .iter()
            .filter(|s| s.save_during || s.save_before)
            .map(|s| s.latency)
            .collect();
        let clear: Vec<Duration> = sonote
            .iter()
            .filter(|s| !s.save_during && !s.save_before)
            .map(|s| s.latency)
            .collect();
        let during = sonote.iter().filter(|s| s.save_during).count();
        if !near.is_empty() {
            print_and_record(
                &format!("  sonote {chars}, save near ({during} in)"),
                &near,
                &[],
            );
        }
        if !clear.is_empty() {
            print_and_record(&format!("  sonote {chars}, no save near"), &clear, &[]);
        }
        for activity in ["idle", "running", "disk", "other"] {
            let class: Vec<Duration> = sonote
                .iter()
                .filter(|s| s.activity == activity)
                .map(|s| s.latency)
                .collect();
            if !class.is_empty() {
                print_and_record(
                    &format!("  sonote {chars}, key came: {activity}"),
                    &class,
                    &[],
                );
            }
        }
        let ratio = s.median / v.median;
        stats::record_value("keystroke", &format!("ratio {chars}"), ratio, "x");
        verdicts.push(format!(
            "{chars}: median {:.3} ms vs vim {:.3} ms = {ratio:.2}x (target <= {TARGET_RATIO}x: {}); \
             p99 {:.3} ms (target < {TARGET_P99_MS} ms: {})",
            s.median,
            v.median,
            verdict(ratio <= TARGET_RATIO),
            s.p99,
            verdict(s.p99 < TARGET_P99_MS),
        ));
    }
    if timeouts != [0, 0] {
        println!(
            "keys with no screen update within {KEY_TIMEOUT:?}: sonote {}, vim {}",
            timeouts[0], timeouts[1]
        );
    }

    println!("\nkeys typed while sonote's autosave was in fsync ({saves_seen} saves caught)");
    println!("{}", stats::HEADER);
    if during.is_empty() {
        println!("(no save caught in fsync)");
    } else {
        let d = print_and_record("sonote, key during a save", during, &[]);
        // The same keys typed at any moment (the Japanese runs) are the yardstick.
        let any: Vec<Duration> = runs[2].iter().map(|s| s.latency).collect();
        let any = stats::summarize(&any);
        verdicts.push(format!(
            "autosave: a key typed during a save's fsync shows in {:.3} ms median, {:.3} ms \
             max, against {:.3} ms for any key (a save must never delay a key: {})",
            d.median,
            d.max,
            any.median,
            verdict(d.median <= 1.5 * any.median)
        ));
    }

    println!("\nstart-up to the first drawn frame");
    println!("{}", stats::HEADER);
    let s = print_and_record("sonote start-up", &start_times[0], &[]);
    print_and_record("vim start-up", &start_times[1], &[]);
    verdicts.push(format!(
        "start-up: median {:.1} ms, p90 {:.1} ms (target < {TARGET_STARTUP_MS} ms: {})",
        s.median,
        s.p90,
        verdict(s.p90 < TARGET_STARTUP_MS),
    ));
    for (times, (_, _, insert)) in full_times.iter().zip(FULL_STARTS) {
        let name = full_name(insert);
        let f = print_and_record(&name, times, &[]);
        verdicts.push(format!(
            "{name}: median {:.1} ms, p90 {:.1} ms ({})",
            f.median,
            f.p90,
            verdict(f.p90 < TARGET_STARTUP_MS),
        ));
    }

    println!(
        "\npeak resident memory (VmHWM) after typing and every tab: sonote {:.1} MB, vim {:.1} MB",
        rss[0], rss[1]
    );
    stats::record_value("memory", "sonote peak RSS", rss[0], "MB");
    stats::record_value("memory", "vim peak RSS", rss[1], "MB");
    verdicts.push(format!(
        "peak RSS: {:.1} MB (target < {TARGET_RSS_MB} MB: {})",
        rss[0],
        verdict(rss[0] < TARGET_RSS_MB)
    ));
    println!();
    for line in verdicts {
        println!("{line}");
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
