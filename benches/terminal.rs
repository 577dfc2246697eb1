//! sonote in a real pseudo-terminal beside `vim -u NONE` (and `cat` on a raw terminal, the
//! floor: what the pty and the harness take), in one run, on the large session:
//! keystroke to screen (ASCII and Japanese), start-up to the first drawn frame, and peak
//! memory; then keystroke to screen in the answer, the notes and an opinion field with 200
//! and with 5,000 questions, one key at a time and ten committed at once (`fields`).
//! `cargo bench --bench terminal [-- --quick] [-- startup | fields]`; needs `vim` on the
//! PATH.
//!
//! A keystroke's latency runs from just before its bytes are written to the pty master to
//! the moment the read that completed the screen's update returned: the parsed screen
//! (vt100) shows the character (of a burst, the last) just left of the cursor, the cursor
//! having moved. The same rule for both programs. Keystrokes are 20 ms apart so each is
//! measured alone; sonote saves typed text while this runs, and each keystroke is classed by
//! whether a save's write (`wchar` of `/proc/PID/io`) fell in its window or in the gap just
//! before it.

#[path = "terminal/fields.rs"]
mod fields;
#[path = "support/large_session.rs"]
mod large_session;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/stats.rs"]
mod stats;
#[path = "terminal/typing.rs"]
mod typing;

use std::time::Duration;

use stats::Summary;
use typing::{
    ASCII, COLS, GAP, JAPANESE, KEY_TIMEOUT, Program, ROWS, Sample, Setup, Start, Typist,
    first_frame_drawn,
};

const KEYS: usize = 200;

const TARGET_RATIO: f64 = 1.5;
const TARGET_P99_MS: f64 = 5.0;
const TARGET_STARTUP_MS: f64 = 50.0;
const TARGET_RSS_MB: f64 = 30.0;

/// Past consultations beside the large session in the second data directory: 300, a year
/// of a clinic, unless `SONOTE_BENCH_PAST` says otherwise.
fn past_sessions() -> usize {
    std::env::var("SONOTE_BENCH_PAST")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
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
    // SONOTE_BENCH_BIN measures another build (an earlier commit's, say) the same way.
    let sonote_bin =
        std::env::var("SONOTE_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_sonote").into());
    let field_counts = fields::Counts::new(quick);
    if std::env::args().any(|a| a == "fields") {
        // The fields alone (`-- fields`).
        let (rows, timeouts) = fields::run(dir.path(), &sonote_bin, &field_counts);
        print_verdicts(fields::report(&rows, timeouts));
        return;
    }
    let (_, session_path, session) = large_session::write(&dir.path().join("data"));
    let text_file = dir.path().join("large.txt");
    std::fs::write(&text_file, large_session::plain_text(&session)).expect("write the text");
    let setup = Setup {
        sonote: sonote_bin.clone(),
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
                let samples = typist.type_keys(chars, KEYS);
                runs[set * 2 + k].extend(samples);
            }
            floor_runs[set].extend(floor.type_keys(chars, KEYS).iter().map(|s| s.latency));
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

    // Each field at both sizes, both ways of typing.
    let (field_rows, field_timeouts) = fields::run(dir.path(), &sonote_bin, &field_counts);

    let mut verdicts = report(
        &runs,
        &floor_runs,
        &start_times,
        &full_times,
        rss,
        timeouts,
        &during,
        seen,
    );
    verdicts.extend(fields::report(&field_rows, field_timeouts));
    print_verdicts(verdicts);
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
) -> Vec<String> {
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
        verdicts.push(keystroke_verdict(chars, &s, &v));
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
    verdicts
}

/// One keystroke measure against the targets: sonote's median within `TARGET_RATIO` of
/// vim's, its p99 under `TARGET_P99_MS`.
fn keystroke_verdict(name: &str, s: &Summary, v: &Summary) -> String {
    let ratio = s.median / v.median;
    format!(
        "{name}: median {:.3} ms vs vim {:.3} ms = {ratio:.2}x (target <= {TARGET_RATIO}x: {}); \
         p99 {:.3} ms (target < {TARGET_P99_MS} ms: {})",
        s.median,
        v.median,
        verdict(ratio <= TARGET_RATIO),
        s.p99,
        verdict(s.p99 < TARGET_P99_MS),
    )
}

fn print_verdicts(verdicts: Vec<String>) {
    println!();
    for line in verdicts {
        println!("{line}");
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
