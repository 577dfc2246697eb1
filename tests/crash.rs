//! Whatever happens to the process, the words typed are kept: a panic saves the session and
//! gives the terminal back without printing patient text.

mod common;

use std::time::Duration;

use common::Random;
use common::pty::Pty;

const WAIT: Duration = Duration::from_secs(10);

fn session_file(data: &std::path::Path) -> std::path::PathBuf {
    data.join("sessions")
        .join(format!("{}-01.toml", chrono::Local::now().date_naive()))
}

/// The demo in a terminal, on the alternate screen, with the notes open for writing; the
/// debug build panics at `!`.
fn notes_that_panic_on_bang(data: &std::path::Path) -> Pty {
    let mut app = Pty::sonote_with_env(data, &["demo"], &[("SONOTE_TEST_PANIC_ON", "!")], 80, 24);
    app.wait_for("開始前", WAIT);
    assert!(app.on_alternate_screen());
    app.send("m");
    app.wait_for("編集中", WAIT);
    app
}

#[test]
fn a_panic_saves_the_session_restores_the_terminal_and_hides_patient_text() {
    let data = tempfile::tempdir().unwrap();
    let mut app = notes_that_panic_on_bang(data.path());
    app.send("秘密の所見");
    app.wait_for("秘密の所見", WAIT);
    // Typed well within a second: the autosave has not run yet.
    app.send("!");
    let status = app.wait_exit(WAIT);
    assert!(!status.success());
    let screen = app.wait_for("internal error", WAIT);
    assert!(!app.on_alternate_screen(), "the terminal is given back");
    assert!(
        !screen.contains("秘密"),
        "no patient text in the message: {screen}"
    );
    assert!(
        !screen.contains("見本"),
        "no patient name in the message: {screen}"
    );
    assert!(screen.contains("saved"), "{screen}");
    let session = sonote::store::load(&session_file(data.path())).unwrap();
    assert_eq!(session.memo, "秘密の所見");
}

/// The key that crashes comes in one write with a phrase before it (an input method's
/// commit): the phrase, gathered to go into the field as one insertion, is saved too.
#[test]
fn a_panic_in_the_middle_of_a_burst_keeps_what_was_typed_before_it() {
    let data = tempfile::tempdir().unwrap();
    let mut app = notes_that_panic_on_bang(data.path());
    app.send("所見は標準治療どおり!");
    assert!(!app.wait_exit(WAIT).success());
    app.wait_for("saved", WAIT);
    let session = sonote::store::load(&session_file(data.path())).unwrap();
    assert_eq!(session.memo, "所見は標準治療どおり");
}

/// Typed continuously, killed with SIGKILL at random moments, 30 rounds: every character
/// typed more than a second before the kill is in the file, which always parses, and the
/// clock keeps its single start.
#[test]
fn sigkill_while_typing_loses_nothing_older_than_a_second() {
    const ROUNDS: usize = 30;
    let seed = std::env::var("SONOTE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("SONOTE_CRASH_SEED={seed}");
    let mut random = Random(seed);
    let data = tempfile::tempdir().unwrap();
    let path = session_file(data.path());
    let alphabet: Vec<char> = "所見あいうえおabcXYZ123、。".chars().collect();
    let mut kept = String::new();
    let mut typed_total = 0usize;
    let mut lost_old = 0usize;

    for round in 0..ROUNDS {
        let mut app = if round == 0 {
            Pty::sonote(data.path(), &["demo"], 80, 24)
        } else {
            let id = path.file_stem().unwrap().to_str().unwrap().to_string();
            Pty::sonote(data.path(), &["open", &id], 80, 24)
        };
        app.wait_for("見本 花子", WAIT);
        if round == 0 {
            app.send(" ");
            app.wait_for("進行中", WAIT);
        }
        app.send("m");
        app.wait_for("編集中", WAIT);

        let kill_after = Duration::from_millis(random.between(200, 2200));
        let start = std::time::Instant::now();
        let mut sent: Vec<(char, std::time::Instant)> = Vec::new();
        while start.elapsed() < kill_after {
            let c = alphabet[random.between(0, alphabet.len() as u64) as usize];
            app.send(&c.to_string());
            sent.push((c, std::time::Instant::now()));
            std::thread::sleep(Duration::from_millis(random.between(5, 40)));
        }
        app.sigkill();
        let killed = std::time::Instant::now();
        typed_total += sent.len();

        let session = sonote::store::load(&path)
            .unwrap_or_else(|err| panic!("round {round} (seed {seed}): {err}"));
        let must_have: String = sent
            .iter()
            .filter(|(_, at)| killed.duration_since(*at) > Duration::from_secs(1))
            .map(|(c, _)| *c)
            .collect();
        let all_sent: String = sent.iter().map(|(c, _)| *c).collect();
        let expected_prefix = format!("{kept}{must_have}");
        if !session.memo.starts_with(&expected_prefix) {
            lost_old += 1;
        }
        assert!(
            session.memo.starts_with(&expected_prefix),
            "round {round} (seed {seed}): the file lost text typed over a second before the kill\n\
             file: {:?}\nneeded: {:?}",
            session.memo,
            expected_prefix
        );
        assert!(
            format!("{kept}{all_sent}").starts_with(&session.memo),
            "round {round}: the file holds text nobody typed: {:?}",
            session.memo
        );
        assert_eq!(
            session.state(),
            sonote::model::ClockState::Running,
            "round {round}"
        );
        assert_eq!(
            session.clock.events.len(),
            1,
            "round {round}: one start, nothing else"
        );
        kept = session.memo;
    }
    println!(
        "{ROUNDS} rounds, {typed_total} characters typed, {} kept, {lost_old} lost from over a second before a kill",
        kept.chars().count()
    );
}
