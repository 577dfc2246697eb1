//! The command line, run as a clerk or a script would: exit codes and messages.

use std::process::{Command, Output};

fn sonote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sonote"))
        .args(args)
        .env_remove("SONOTE_CONFIG")
        .env_remove("SONOTE_DATA_DIR")
        // No user configuration of the machine's: the embedded defaults.
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("sonote-no-config-home"),
        )
        .output()
        .expect("run sonote")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_the_embedded_defaults() {
    let out = sonote(&["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn check_names_file_line_and_key_of_a_bad_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hospital.toml");
    std::fs::write(&path, "[fee]\nbase = 33000\n\n[session]\nminutes = -5\n").unwrap();
    let out = sonote(&["--config", path.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("hospital.toml:5"), "{err}");
    assert!(err.contains("session.minutes"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A control character made by an escape (TOML holds none raw) would reach every report,
/// where a Word document cannot hold it: check names the file, the line and the key, in the
/// configuration and in its report template.
#[test]
fn check_names_a_control_character_in_the_config_and_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hospital.toml");
    std::fs::write(&path, "[institution]\nname = \"病院\\u0007\"\n").unwrap();
    let out = sonote(&["--config", path.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("hospital.toml:2: 項目 `institution.name`"),
        "{err}"
    );
    assert!(err.contains("U+0007"), "{err}");

    let template = dir.path().join("ours.ja.toml");
    let ours = include_str!("../templates/report.ja.toml").replace(
        "title = \"セカンドオピニオン外来 報告書\"",
        "title = \"報告書\\b\"",
    );
    std::fs::write(&template, &ours).unwrap();
    std::fs::write(&path, "[report]\ntemplate = \"ours.ja.toml\"\n").unwrap();
    let out = sonote(&["--config", path.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let line = ours
        .lines()
        .position(|l| l.starts_with("title = "))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("ours.ja.toml:{line}: 項目 `text.title`")),
        "{err}"
    );
    assert!(err.contains("U+0008"), "{err}");
}

#[test]
fn the_config_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "[ui]\nlanguage = \"de\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sonote"))
        .arg("check")
        .env("SONOTE_CONFIG", &path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("c.toml:2"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn new_then_list_in_a_chosen_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = sonote(&[
        "--data-dir",
        data,
        "new",
        "--patient",
        "山田 太郎",
        "--mode",
        "online",
        "--date",
        "2026-12-01",
        "--time",
        "14:30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "2026-12-01-01");
    let out = sonote(&["--data-dir", data, "list"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "2026-12-01-01\t2026-12-01\tscheduled\tonline\t山田 太郎\n"
    );
}

#[test]
fn the_data_dir_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sonote"))
        .args(["new", "--patient", "A", "--date", "2026-12-02"])
        .env("SONOTE_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("sessions/2026-12-02-01.toml").is_file());
}

#[test]
fn opening_a_broken_session_names_the_file_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let path = sessions.join("2026-12-03-01.toml");
    std::fs::write(
        &path,
        "format = 1\nid = \"x\"\ncreated_at = \"yesterday\"\n",
    )
    .unwrap();
    let out = sonote(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "open",
        "2026-12-03-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("2026-12-03-01.toml:3"), "{err}");
    assert!(err.contains("created_at"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "format = 1\nid = \"x\"\ncreated_at = \"yesterday\"\n",
        "the bad file is left as it was"
    );
}

#[test]
fn list_reports_unreadable_files_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("bad.toml"), "x = [").unwrap();
    let out = sonote(&["--data-dir", dir.path().to_str().unwrap(), "list"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("bad.toml:1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn global_options_go_before_the_command() {
    let out = sonote(&["list", "--data-dir", "/tmp"]);
    assert!(!out.status.success());
}

#[test]
fn loose_permissions_are_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = sonote(&[
        "--data-dir",
        data,
        "new",
        "--patient",
        "A",
        "--date",
        "2026-12-01",
    ]);
    assert!(out.status.success());
    let file = dir.path().join("sessions/2026-12-01-01.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = sonote(&["--data-dir", data, "list"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("2026-12-01-01.toml") && err.contains("644"),
        "{err}"
    );
    assert!(err.contains("chmod 600"), "{err}");
}

/// Sessions of `dates` (for patient 古い 人) in data directory `data`, each with its report
/// exported as Markdown to the file given beside its date.
fn sessions_with_reports(data: &str, dates: &[(&str, &std::path::Path)]) {
    for (date, report) in dates {
        let out = sonote(&[
            "--data-dir",
            data,
            "new",
            "--patient",
            "古い 人",
            "--date",
            date,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let id = format!("{date}-01");
        let out = sonote(&[
            "--data-dir",
            data,
            "export",
            &id,
            "--format",
            "md",
            "--out",
            report.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
}

#[test]
fn purge_removes_old_sessions_and_their_exports_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let old = dir.path().join("sessions/2020-01-10-01.toml");
    let report = dir.path().join("old-report.md");
    let new_report = dir.path().join("new-report.md");
    sessions_with_reports(
        data,
        &[("2020-01-10", &report), ("2099-01-10", &new_report)],
    );

    // Without a terminal to ask on, nothing goes without --yes.
    let out = sonote(&["--data-dir", data, "purge", "--older-than", "30"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("2020-01-10-01"),
        "the list is shown"
    );
    assert!(old.exists() && report.exists());

    let out = sonote(&["--data-dir", data, "purge", "--older-than", "30", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!old.exists() && !report.exists());
    assert!(!dir.path().join("sessions/2020-01-10-01.journal").exists());
    assert!(dir.path().join("sessions/2099-01-10-01.toml").exists());
}

/// purge deleted whatever file a session recorded as its export: after the clerk edited
/// and signed the letter, and, purging a copy of the data directory, a live report
/// outside it. It now removes a report only while it is what sonote wrote there for
/// that very session file, and lists every path first.
#[test]
fn purge_keeps_a_report_edited_after_export_and_one_exported_from_another_copy() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let data = live.to_str().unwrap();
    let signed = dir.path().join("signed.md");
    let untouched = dir.path().join("untouched.md");
    sessions_with_reports(data, &[("2020-01-10", &signed), ("2020-01-11", &untouched)]);
    // The clerk edits and signs one letter.
    let mut letter = std::fs::read_to_string(&signed).unwrap();
    letter.push_str("\n署名済み\n");
    std::fs::write(&signed, letter).unwrap();

    // A copy of the data directory, purged: the live reports stay.
    let copy = dir.path().join("copy");
    let status = std::process::Command::new("cp")
        .args(["-a", data, copy.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = sonote(&[
        "--data-dir",
        copy.to_str().unwrap(),
        "purge",
        "--older-than",
        "30",
        "--yes",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("別のセッションファイル"), "{said}");
    assert!(signed.exists() && untouched.exists(), "{said}");

    // The live data directory: the untouched report goes, the signed one stays.
    let out = sonote(&["--data-dir", data, "purge", "--older-than", "30", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(&format!("削除 {}", untouched.display())),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "残す {}（出力後に変更されています）",
            signed.display()
        )),
        "{said}"
    );
    assert!(signed.exists(), "the signed letter is kept");
    assert!(!untouched.exists());
}

#[test]
fn exporting_a_session_that_does_not_exist_names_it_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out_dir = dir.path().join("out");
    let out = sonote(&[
        "--data-dir",
        data,
        "export",
        "2026-01-01-09",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("2026-01-01-09.toml"),
        "{}",
        text(&out.stderr)
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A name holding escape sequences could set the window title, clear the screen or write
/// the clipboard (OSC 52) through `list` and `questions list`: they print it inert.
#[test]
fn list_and_questions_list_never_print_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let hostile = "見本\u{1b}]0;owned\u{7}\u{1b}]52;c;aGk=\u{7}\u{1b}[2J";
    let out = sonote(&[
        "--data-dir",
        data,
        "new",
        "--patient",
        hostile,
        "--date",
        "2026-12-01",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let questions = dir.path().join("q.txt");
    std::fs::write(&questions, format!("{hostile}の質問\n")).unwrap();
    let q = questions.to_str().unwrap();
    let out = sonote(&[
        "--data-dir",
        data,
        "questions",
        "import",
        "2026-12-01-01",
        q,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for args in [vec!["list"], vec!["questions", "list", "2026-12-01-01"]] {
        let mut all = vec!["--data-dir", data];
        all.extend(args);
        let out = sonote(&all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(!out.stdout.contains(&0x1b), "{}", text(&out.stdout));
        assert!(!out.stdout.contains(&0x07));
        assert!(text(&out.stdout).contains("見本"));
    }
}

/// export and mark-sent on any path made a lock file beside it (as root,
/// /etc/.hostname.lock): only a session gets one now.
#[test]
fn export_and_mark_sent_of_a_file_that_is_no_session_leave_no_lock_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let hostname = dir.path().join("hostname");
    std::fs::write(&hostname, "clinic-pc\n").unwrap();
    let missing = dir.path().join("2026-01-01-09.toml");
    for args in [
        vec!["export", hostname.to_str().unwrap(), "--out", "-"],
        vec![
            "export",
            hostname.to_str().unwrap(),
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
        vec!["mark-sent", hostname.to_str().unwrap()],
        vec!["mark-sent", missing.to_str().unwrap()],
    ] {
        let mut all = vec!["--data-dir", data.to_str().unwrap()];
        all.extend(args.iter().copied());
        let out = sonote(&all);
        assert!(!out.status.success(), "{args:?}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Without a terminal the error was "terminal: No such device or address", and `demo` had
/// made a session before failing; TERM=dumb was ignored. Now each says what it needs and
/// nothing is made.
#[test]
fn the_screens_without_a_terminal_say_so_and_make_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = sonote(&["--data-dir", data, "demo"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("画面を出すには端末が必要です"), "{err}");
    let sessions = dir.path().join("sessions");
    let made = std::fs::read_dir(&sessions).map(|d| d.count()).unwrap_or(0);
    assert_eq!(made, 0, "the demo made a session before failing");
    assert!(out.stdout.is_empty(), "nothing drawn into the output");
}

/// Fees had no upper bound and the total wrapped (¥9,223,372,036,854,775,805 on screen):
/// a fee past ¥100,000,000 is refused, naming the file, line and key.
#[test]
fn a_fee_past_any_consultations_is_refused_naming_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hospital.toml");
    std::fs::write(
        &path,
        "[fee]\nbase = 5500\nextension = 9223372036854775807\n",
    )
    .unwrap();
    let out = sonote(&["--config", path.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("hospital.toml:3"), "{err}");
    assert!(err.contains("fee.extension"), "{err}");
}

/// The specialist's private notes leave in a JSON export only when asked for.
#[test]
fn json_carries_the_private_notes_only_with_with_memo() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = sonote::store::Store::open(&data).unwrap();
    let config = sonote::config::Config::embedded();
    let mut session = sonote::model::Session::new(
        sonote::model::NewSession {
            scheduled_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            ..Default::default()
        },
        config.clock_rules(),
        config.fee.clone(),
        sonote::core::now(),
    );
    session.memo = "内々の所感".into();
    let clerk = sonote::store::journal::Author::new("受付", "clerk");
    let path = store
        .create(&mut session, &clerk, sonote::core::now())
        .unwrap();
    let p = path.to_str().unwrap();
    let d = data.to_str().unwrap();
    let plain = sonote(&[
        "--data-dir",
        d,
        "export",
        p,
        "--format",
        "json",
        "--out",
        "-",
    ]);
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    assert!(!text(&plain.stdout).contains("内々の所感"));
    let asked = sonote(&[
        "--data-dir",
        d,
        "export",
        p,
        "--format",
        "json",
        "--with-memo",
        "--out",
        "-",
    ]);
    assert!(asked.status.success(), "{}", text(&asked.stderr));
    assert!(text(&asked.stdout).contains("内々の所感"));
}

/// mark-sent on a missing session printed its path twice.
#[test]
fn mark_sent_on_a_missing_session_names_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = sonote(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "mark-sent",
        "2026-01-01-09",
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.matches("2026-01-01-09.toml").count(), 1, "{err}");
}

/// The completion scripts come from the same definitions as the options: every command is
/// offered, and the bash script is one bash can read. They need no configuration at all,
/// even a broken one.
#[test]
fn completions_offer_every_command_and_need_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[fee\n").unwrap();
    let out = sonote(&["--config", broken.to_str().unwrap(), "completions", "bash"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let script = text(&out.stdout);
    for command in [
        "export",
        "mark-sent",
        "confirm",
        "correct",
        "history",
        "verify",
        "desk",
    ] {
        assert!(
            script.contains(command),
            "{command} missing from the bash completions"
        );
    }
    let script_path = dir.path().join("sonote.bash");
    std::fs::write(&script_path, &out.stdout).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&script_path).output();
    if let Ok(syntax) = syntax {
        assert!(syntax.status.success(), "{}", text(&syntax.stderr));
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = sonote(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("mark-sent"), "{shell}");
    }
    let out = sonote(&["completions", "tcsh"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

/// The manual page is roff for section 1 and documents the options and the commands.
#[test]
fn man_page_documents_options_and_commands() {
    let out = sonote(&["man"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(
        page.contains(".TH sonote 1"),
        "{}",
        &page[..page.len().min(300)]
    );
    for word in ["\\-\\-data\\-dir", "\\-\\-user", "mark\\-sent", "export"] {
        assert!(page.contains(word), "{word} missing from the manual page");
    }
}

/// A session file given by its path from outside the data directory had its lock made
/// beside it, in someone else's folder: it is kept in the data directory's locks/ now
/// (0700), named by a hash of the file's path.
#[test]
fn a_session_outside_the_data_directory_keeps_its_lock_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let elsewhere = dir.path().join("shared");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let made = sonote(&[
        "--data-dir",
        data.to_str().unwrap(),
        "new",
        "--patient",
        "外部 太郎",
    ]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let id = text(&made.stdout).trim().to_string();
    let file = elsewhere.join(format!("{id}.toml"));
    std::fs::copy(data.join("sessions").join(format!("{id}.toml")), &file).unwrap();
    for args in [
        vec!["confirm", file.to_str().unwrap()],
        vec!["history", file.to_str().unwrap()],
    ] {
        let mut all = vec!["--data-dir", data.to_str().unwrap()];
        all.extend(args.iter().copied());
        sonote(&all);
    }
    let beside: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".lock"))
        .collect();
    assert!(
        beside.is_empty(),
        "locks left in the other folder: {beside:?}"
    );
    let kept: Vec<_> = std::fs::read_dir(data.join("locks"))
        .map(|entries| entries.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        !kept.is_empty(),
        "the lock is in the data directory's locks/"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(data.join("locks"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}
