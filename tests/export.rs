//! The `export` and `mark-sent` commands, run as the clerk runs them.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::*;
use sonote::config::Config;
use sonote::model::Session;
use sonote::store::{self, Store};

fn sonote(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sonote"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SONOTE_CONFIG")
        .env_remove("SONOTE_DATA_DIR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ended(config: &Config) -> Session {
    let mut session = new_session(config);
    session.toggle_clock(at(0, 0)).unwrap();
    session.end(at(31, 0)).unwrap();
    session
}

fn saved(store: &Store, mut session: Session) -> String {
    common::create(store, &mut session).unwrap();
    session.id
}

#[test]
fn export_writes_the_file_and_the_session_records_it() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let out_dir = dir.path().join("reports");
    let out = sonote(
        store.root(),
        &["export", &id, "--out-dir", out_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = out_dir.join(format!("{id}.docx"));
    assert_eq!(stdout(&out).trim(), file.display().to_string());
    let first = fs::read(&file).unwrap();
    assert!(first.starts_with(b"PK"), "a zip");

    let session = store::load(&store.path_of(&id)).unwrap();
    let status = &session.report;
    assert!(status.exported_at.is_some());
    assert_eq!(status.exported_path.as_deref(), file.to_str());
    assert_eq!(status.exported_format.as_deref(), Some("docx"));
    assert_eq!(status.sent_at, None);

    // Exported again a second later: the same bytes (the zip's DOS time is 2 s coarse, so
    // wait past one tick), and the file may be replaced since it is this session's own.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let out = sonote(
        store.root(),
        &["export", &id, "--out-dir", out_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&file).unwrap() == first, "same bytes");
}

#[test]
fn markdown_and_json_go_to_standard_output_without_recording() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let out = sonote(
        store.root(),
        &["export", &id, "--format", "md", "--out", "-"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("# セカンドオピニオン外来 報告書\n"),
        "{text}"
    );
    assert!(text.contains("- 相談時間：10:00〜10:31（31分）"), "{text}");

    let out = sonote(
        store.root(),
        &[
            "export", &id, "--format", "json", "--lang", "en", "--out", "-",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    schema::assert_valid(&json);
    assert_eq!(json["language"], "en");
    assert_eq!(
        json["document"]["title"],
        "Second Opinion Consultation Report"
    );
    assert_eq!(json["session"]["time"]["duration_seconds"], 31 * 60);

    let session = store::load(&store.path_of(&id)).unwrap();
    assert!(
        session.report.is_empty(),
        "standard output is not an export"
    );
}

#[test]
fn another_file_is_not_overwritten_without_force() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let target = dir.path().join("letter.docx");
    fs::write(&target, b"someone else's letter").unwrap();
    let target_arg = target.to_str().unwrap();
    let out = sonote(store.root(), &["export", &id, "--out", target_arg]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read(&target).unwrap(), b"someone else's letter");
    // Nothing recorded: the record, written beside the session while the report was
    // made, is gone with the refusal.
    let session = store::load(&store.path_of(&id)).unwrap();
    assert_eq!(session.report.exported_at, None);
    let left: Vec<_> = fs::read_dir(store.sessions_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let out = sonote(
        store.root(),
        &["export", &id, "--out", target_arg, "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&target).unwrap().starts_with(b"PK"));
}

#[test]
fn an_unreadable_session_names_file_line_and_field() {
    let config = Config::embedded();
    let (_dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let path = store.path_of(&id);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("mode = \"in_person\"", "mode = \"by_pigeon\"");
    fs::write(&path, &text).unwrap();
    let out = sonote(
        store.root(),
        &["export", &id, "--out", "-", "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let line = text.lines().position(|l| l.starts_with("mode =")).unwrap() + 1;
    let expected = format!("{}:{line}: 項目 `mode`", path.display());
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
}

#[test]
fn the_batch_exports_each_ended_session_once() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let first = saved(&store, ended(&config));
    let second = saved(&store, ended(&config));
    let not_ended = saved(&store, new_session(&config));
    let mut demo = ended(&config);
    demo.demo = true;
    let demo = saved(&store, demo);
    let out_dir = dir.path().join("out");
    let out_arg = out_dir.to_str().unwrap();

    let out = sonote(store.root(), &["export", "--ended", "--out-dir", out_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Not a terminal: one plain line per report, oldest first, no progress bar.
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{first}\t{}",
                out_dir.join(format!("{first}.docx")).display()
            ),
            format!(
                "{second}\t{}",
                out_dir.join(format!("{second}.docx")).display()
            ),
        ]
    );
    assert!(
        !stderr(&out).contains('\r'),
        "no bar when not on a terminal"
    );
    assert!(
        stderr(&out).contains("報告書 2 件を") && stderr(&out).contains("見本のセッション 1 件"),
        "{}",
        stderr(&out)
    );
    assert!(!out_dir.join(format!("{not_ended}.docx")).exists());
    assert!(!out_dir.join(format!("{demo}.docx")).exists());

    // Run again: nothing is left to export.
    let out = sonote(store.root(), &["export", "--ended", "--out-dir", out_arg]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("出力を待つ終了済みのセッションはありません"));

    // --ended needs a directory, and takes no SESSION.
    let out = sonote(store.root(), &["export", "--ended"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sonote(
        store.root(),
        &["export", &first, "--ended", "--out-dir", out_arg],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_report_is_marked_sent_after_its_export() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let out = sonote(store.root(), &["mark-sent", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("報告書がまだ出力されていません"),
        "{}",
        stderr(&out)
    );

    let out_arg = dir.path().join("out");
    let out = sonote(
        store.root(),
        &["export", &id, "--out-dir", out_arg.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sonote(store.root(), &["mark-sent", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = store::load(&store.path_of(&id)).unwrap().report.sent_at;
    assert!(sent.is_some());

    // Marking twice keeps the first time.
    let out = sonote(store.root(), &["mark-sent", &id]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("送付済みです"));
    assert_eq!(
        store::load(&store.path_of(&id)).unwrap().report.sent_at,
        sent
    );
}

#[test]
fn check_and_export_report_a_broken_template_by_file_line_and_key() {
    let (dir, store) = temp_store();
    let template = dir.path().join("ours.ja.toml");
    let text = sonote::report::template::REPORT_JA.replace(
        "addressee_physician = \"{physician} 先生 御侍史\"",
        "addressee_physician = \"{doctor} 先生 御侍史\"",
    );
    fs::write(&template, &text).unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[report]\ntemplate = \"ours.ja.toml\"\n").unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("addressee_physician"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{line}: 項目 `text.addressee_physician`: {{doctor}} はここでは使えません",
        template.display()
    );

    let run = |args: &[&str]| {
        let mut all = vec!["--config", config.to_str().unwrap()];
        all.extend_from_slice(args);
        sonote(store.root(), &all)
    };
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));

    let id = saved(&store, ended(&Config::embedded()));
    let out = run(&["export", &id, "--format", "md", "--out", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));

    // Fixed, the hospital's wording is used for its language, the built-in one for the other.
    fs::write(
        &template,
        text.replace("{doctor}", "{physician}")
            .replace("親展", "厳秘"),
    )
    .unwrap();
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("ours.ja.toml（報告書テンプレート、ja）: 問題ありません"));
    let out = run(&["export", &id, "--format", "md", "--out", "-"]);
    assert!(stdout(&out).contains("**厳秘**"), "{}", stdout(&out));
    let out = run(&[
        "export", &id, "--format", "md", "--out", "-", "--lang", "en",
    ]);
    assert!(
        stdout(&out).contains("**Confidential**"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_batch_draws_a_progress_bar_on_a_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let config = Config::embedded();
    let (dir, store) = temp_store();
    saved(&store, ended(&config));
    saved(&store, ended(&config));
    let out_dir = dir.path().join("out");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_sonote"));
    command.arg("--data-dir");
    command.arg(store.root());
    command.args(["export", "--ended", "--out-dir"]);
    command.arg(&out_dir);
    command.env_remove("SONOTE_CONFIG");
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let collector = std::thread::spawn(move || {
        let mut seen = Vec::new();
        // Reading ends with an error (EIO) or EOF once the program has exited.
        let _ = reader.read_to_end(&mut seen);
        String::from_utf8_lossy(&seen).into_owned()
    });
    assert!(child.wait().unwrap().success());
    drop(pair.master);
    let screen = collector.join().unwrap();
    assert!(screen.contains("\r\x1b[2K["), "{screen:?}");
    assert!(
        screen.contains("[##############################] 2/2"),
        "{screen:?}"
    );
    assert!(screen.contains("報告書 2 件を"), "{screen:?}");
    // On a terminal the bar replaces the per-report lines.
    assert!(!screen.contains(".docx"), "{screen:?}");
    assert_eq!(fs::read_dir(&out_dir).unwrap().count(), 2);
}

#[test]
fn a_session_open_on_another_terminal_is_left_alone() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let path = store.path_of(&id);
    let before = fs::read(&path).unwrap();
    // The consultation screen holds the writer's lock while the session is open.
    let lock = store::try_lock(&path).unwrap().expect("the lock is free");
    let out_dir = dir.path().join("out");
    let out = sonote(
        store.root(),
        &["export", &id, "--out-dir", out_dir.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("別の端末で開かれています"),
        "{}",
        stderr(&out)
    );
    assert!(!out_dir.join(format!("{id}.docx")).exists());
    let out = sonote(store.root(), &["mark-sent", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("別の端末で開かれています"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the session file is untouched"
    );
    // Reading it is fine: standard output records nothing.
    let out = sonote(
        store.root(),
        &["export", &id, "--format", "md", "--out", "-"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    drop(lock);
    let out = sonote(
        store.root(),
        &["export", &id, "--out-dir", out_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The summary for the patient goes beside the letter, `<id>.patient.<format>`, and does
/// not count as the report's export: the desk still shows the report to be done.
#[test]
fn the_patients_summary_is_exported_beside_the_letter_without_counting_as_it() {
    let config = Config::embedded();
    let (dir, store) = temp_store();
    let id = saved(&store, ended(&config));
    let out_dir = dir.path().join("reports");
    let out_arg = out_dir.to_str().unwrap();
    let args = [
        "export",
        &id,
        "--patient",
        "--format",
        "md",
        "--out-dir",
        out_arg,
    ];
    let out = sonote(store.root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = out_dir.join(format!("{id}.patient.md"));
    assert_eq!(stdout(&out).trim(), file.display().to_string());
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# セカンドオピニオン外来 ご相談のまとめ"),
        "{text}"
    );
    assert!(text.contains("試験 太郎 様"), "{text}");
    let session = store::load(&store.path_of(&id)).unwrap();
    assert_eq!(session.report.exported_at, None);
    // Exported again: the session's own file, replaced.
    let out = sonote(store.root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    // The batch is for the letters only.
    let out = sonote(
        store.root(),
        &["export", "--ended", "--patient", "--out-dir", out_arg],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
