//! Saving and exporting the large session, in-process and step by step: what an autosave
//! costs (the copy the event loop hands to the writing thread, serializing, writing with
//! fsync), and where an export's time goes (loading, building the report, rendering docx or
//! Markdown, writing). An export loads the session, then builds, renders and writes the
//! report on one thread while the other stages the session's record of it (serializing and
//! writing it beside the session file, `store::stage_session`), which is renamed into place
//! once the report is on disk. And listing a data directory of 300 past sessions beside the
//! large one (the home screen, the desk, `sonote list`): from the summaries kept in memory,
//! from the listing cache file, without it, and every session read the old way. And the
//! clerk's import of a list of 1,000, 10,000 and 100,000 questions into a new session
//! (`sonote questions import`, without starting the process), with its steps at the largest.
//!
//! `cargo bench --bench save [-- --quick]`. The data directory is a temporary directory on
//! the disk the session files live on (`TMPDIR` picks another).

#[path = "support/large_session.rs"]
mod large_session;
#[path = "support/stats.rs"]
mod stats;

use std::hint::black_box;
use std::time::{Duration, Instant};

use sonote::config::Config;
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format};
use sonote::store::{self, Store};

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..rounds.div_ceil(10) {
        black_box(f());
    }
    (0..rounds)
        .map(|_| {
            let started = Instant::now();
            black_box(f());
            started.elapsed()
        })
        .collect()
}

fn show(name: &str, samples: &[Duration]) -> stats::Summary {
    let s = stats::summarize(samples);
    println!("{}", stats::line(name, &s));
    stats::record("save", name, &s, &[]);
    s
}

/// The journal's share of an autosave, on the journal thread (never the event loop's):
/// the content as JSON, the diff after ten characters typed into the notes, and the whole
/// append (JSON, diff, one write without fsync).
fn journal_steps(
    session: &sonote::model::Session,
    text: &str,
    file: &std::path::Path,
    rounds: usize,
) {
    use sonote::store::journal::{Author, JournalWriter, Tail, change};
    let value = serde_json::to_value(session).expect("json");
    let mut typed = session.clone();
    typed.memo.push_str("所見を追記します。十字");
    let typed_value = serde_json::to_value(&typed).expect("json");
    show(
        "journal: content as JSON",
        &time(rounds, || serde_json::to_value(session).expect("json")),
    );
    show(
        "journal: diff, 10 characters typed",
        &time(rounds, || change::diff(&value, &typed_value)),
    );
    let tail = Tail::of(file, Some(text.as_bytes()), value).expect("tail");
    let mut writer = JournalWriter::open(file, tail).expect("journal");
    let by = Author::new("bench", "specialist");
    let mut flip = false;
    show(
        "journal: append a typed change (no fsync)",
        &time(rounds, || {
            flip = !flip;
            let next = if flip { &typed } else { session };
            let value = serde_json::to_value(next).expect("json");
            writer
                .record(&by, sonote::core::now(), value, String::new())
                .expect("append")
        }),
    );
}

fn main() {
    let quick = stats::quick();
    let (cpu_rounds, disk_rounds) = if quick { (20, 10) } else { (200, 60) };
    let dir = tempfile::tempdir_in(std::env::temp_dir()).expect("a temporary directory");
    let (_, path, session) = large_session::write(&dir.path().join("data"));
    let config = Config::embedded();
    let text = toml::to_string(&session).expect("serialize");
    println!(
        "large session: {} B of TOML; {} questions",
        text.len(),
        session.questions.len()
    );

    println!(
        "\nsaving: the event loop's copy; the journal thread's append; the save thread's \
         serialize and write; store::save as the desk and the command line call it"
    );
    println!("{}", stats::HEADER);
    show(
        "clone (the event loop's share)",
        &time(cpu_rounds, || session.clone()),
    );
    show(
        "serialize (toml::to_string)",
        &time(cpu_rounds, || toml::to_string(&session).expect("serialize")),
    );
    journal_steps(
        &session,
        &text,
        &dir.path().join("data/sessions/journaled.toml"),
        cpu_rounds,
    );
    let copy = dir.path().join("data/sessions/copy.toml");
    let write = show(
        "write_atomically (2 fsyncs)",
        &time(disk_rounds, || {
            store::write_atomically(&copy, text.as_bytes()).expect("write")
        }),
    );
    let save = show(
        "store::save, whole (desk, command line)",
        &time(disk_rounds, || {
            store::save(
                &path,
                &session,
                &sonote::store::journal::Author::new("bench", "specialist"),
                sonote::core::now(),
            )
            .expect("save")
        }),
    );
    let plain = dir.path().join("data/sessions/plain.toml");
    show(
        "plain write, no fsync (for scale)",
        &time(disk_rounds, || {
            std::fs::write(&plain, text.as_bytes()).expect("write")
        }),
    );

    println!("\nexport, step by step (in-process)");
    println!("{}", stats::HEADER);
    show(
        "load (read + parse + check)",
        &time(cpu_rounds, || store::load(&path).expect("load")),
    );
    let lang = report::language(&config, None);
    let template = ReportTemplate::for_config(&config, lang).expect("template");
    show(
        "template",
        &time(cpu_rounds, || {
            ReportTemplate::for_config(&config, lang).expect("template")
        }),
    );
    show(
        "build the report",
        &time(cpu_rounds, || report::build(&session, &config, &template)),
    );
    let built = report::build(&session, &config, &template);
    show(
        "render docx",
        &time(cpu_rounds, || {
            report::render(&built, Format::Docx).expect("docx")
        }),
    );
    show(
        "render Markdown",
        &time(cpu_rounds, || {
            report::render(&built, Format::Markdown).expect("md")
        }),
    );
    let docx = report::render(&built, Format::Docx).expect("docx");
    let docx_path = dir.path().join("large.docx");
    show(
        "write the docx (2 fsyncs)",
        &time(disk_rounds, || {
            store::write_atomically(&docx_path, &docx).expect("write")
        }),
    );
    show(
        "stage the record (serialize, fsync)",
        &time(disk_rounds, || {
            store::stage_session(
                &path,
                &session,
                &sonote::store::journal::Author::new("bench", "clerk"),
                sonote::core::now(),
            )
            .expect("stage")
        }),
    );
    println!(
        "\nstore::save (the desk, the command line: it reads the journal's end first) takes \
         {:.2} ms (median), {:.2} ms at p99; of it, the two fsyncs and the rename {:.2} ms",
        save.median, save.p99, write.median
    );
    listing(dir.path(), if quick { 5 } else { 30 });
    import(dir.path(), quick);
}

/// One line of a prepared list: short enough that 100,000 of them fit in a session file
/// sonote reads back (16 MB); every tenth marked important.
fn question_line(n: usize) -> String {
    let mark = if n.is_multiple_of(10) { "!" } else { "-" };
    format!("{mark} 質問 {n}: 副作用はどのくらい続きますか\n")
}

fn import(dir: &std::path::Path, quick: bool) {
    use sonote::core::import;
    use sonote::model::{Asker, Role};
    let data = dir.join("import");
    let store = Store::open(&data).expect("open");
    let config = Config::embedded();
    // Today's consultation as the intake left it: the demo's patient and its few questions.
    let mut draft =
        sonote::demo::demo_session(config.ui.language, large_session::day()).expect("the demo");
    draft.demo = false;
    let mut session = sonote::model::Session::new(
        draft,
        config.clock_rules(),
        config.fee.clone(),
        large_session::start(),
    );
    let path = store
        .create(
            &mut session,
            &sonote::store::journal::Author::new("test", "clerk"),
            sonote::core::now(),
        )
        .expect("create");
    let pristine = std::fs::read(&path).expect("read");
    println!("\nimport of a list into a new session (import::import_file, whole)");
    println!("{}", stats::HEADER);
    for (count, rounds) in [(1_000, 20), (10_000, 10), (100_000, 5)] {
        let rounds = if quick { rounds.min(3) } else { rounds };
        let list = dir.join(format!("questions-{count}.txt"));
        std::fs::write(&list, (1..=count).map(question_line).collect::<String>())
            .expect("write the list");
        // A fresh session each round, put back before the clock starts.
        let samples: Vec<Duration> = (0..rounds)
            .map(|_| {
                std::fs::write(&path, &pristine).expect("put the session back");
                // And its journal: a file older than its journal would be caught up.
                let _ = std::fs::remove_file(store::journal::path_for(&path));
                let started = Instant::now();
                let imported = import::import_file(
                    &path,
                    &list,
                    Asker::Patient,
                    "",
                    &sonote::store::journal::Author::new("bench", "clerk"),
                    sonote::core::now(),
                )
                .expect("import");
                let took = started.elapsed();
                assert_eq!(imported.added, count);
                took
            })
            .collect();
        show(&format!("import {count} questions"), &samples);
    }
    // Where the time of the largest goes, step by step.
    let list = dir.join("questions-100000.txt");
    println!("{}", stats::HEADER);
    let rounds = if quick { 3 } else { 5 };
    show(
        "  read and parse the list",
        &time(rounds, || import::read_question_file(&list).expect("list")),
    );
    let listed = import::read_question_file(&list).expect("list");
    std::fs::write(&path, &pristine).expect("put the session back");
    let _ = std::fs::remove_file(store::journal::path_for(&path));
    let empty = store::load(&path).expect("load");
    show(
        "  add them to the session (in memory)",
        &time(rounds, || {
            let mut session = empty.clone();
            session.import_questions(&listed, "i", Role::Specialist, Asker::Patient, "")
        }),
    );
    let mut full = empty.clone();
    full.import_questions(&listed, "i", Role::Specialist, Asker::Patient, "");
    show(
        "  save (serialize, write, 2 fsyncs)",
        &time(rounds, || {
            store::save(
                &path,
                &full,
                &sonote::store::journal::Author::new("bench", "specialist"),
                sonote::core::now(),
            )
            .expect("save")
        }),
    );
    println!(
        "  (a session file of {:.1} MB)",
        std::fs::metadata(&path).expect("size").len() as f64 / 1e6
    );
}

/// Past consultations beside the large session for the listing.
const PAST_SESSIONS: usize = 300;

fn listing(dir: &std::path::Path, rounds: usize) {
    let data = dir.join("full");
    let (store, _, _) = large_session::write(&data);
    large_session::write_past(&data, PAST_SESSIONS);
    // Summaries are kept only of files left alone for 2 s, as a clinic's past sessions are.
    std::thread::sleep(Duration::from_secs(3));
    let count = store.list().expect("list").len();
    println!("\nlisting {count} sessions (the large one and {PAST_SESSIONS} past, 21 KB each)");
    println!("{}", stats::HEADER);
    show(
        "list: summaries in memory",
        &time(rounds, || store.list().expect("list")),
    );
    show(
        "list: from the cache file",
        &time(rounds, || {
            Store::open(&data).expect("open").list().expect("list")
        }),
    );
    show(
        "list: no cache (every session read)",
        &time(rounds, || {
            let store = Store::open(&data).expect("open");
            std::fs::remove_file(store.listing_cache_path()).expect("remove the cache");
            store.list().expect("list")
        }),
    );
    let paths: Vec<_> = store
        .list()
        .expect("list")
        .into_iter()
        .map(|l| l.path)
        .collect();
    show(
        "every session loaded, one thread (before)",
        &time(rounds, || {
            paths
                .iter()
                .map(|path| store::load(path).map(|s| s.summary()))
                .collect::<Vec<_>>()
        }),
    );
}
