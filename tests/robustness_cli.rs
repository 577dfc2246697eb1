//! Special files given to the binary are refused at once, naming the file: a device or a
//! pipe in place of a configuration, a pipe in place of a session's journal.

mod common;

/// The 16 MB limit was bypassed by special files: /dev/zero was read until memory ran out,
/// a FIFO blocked forever (and froze the consultation screen when questions were imported
/// from it). Both are refused at once, naming the file.
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("questions.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let data = dir.path().join("data");
    for file in [std::path::Path::new("/dev/zero"), fifo.as_path()] {
        let started = std::time::Instant::now();
        let out = common::sonote(&data, &["--config", file.to_str().unwrap(), "check"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("通常のファイルではありません"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}

/// A pipe planted where a session's journal goes blocked every reader of the session (the
/// journal was read without the regular-file check): now `list`, `history` and `verify`
/// come back at once, and the commands that read it name it.
#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_a_journal_blocks_nothing() {
    let (dir, store) = common::temp_store();
    let mut session = common::new_session(&sonote::config::Config::embedded());
    let path = common::create(&store, &mut session).unwrap();
    let journal = path.with_extension("journal");
    std::fs::remove_file(&journal).ok();
    let made = std::process::Command::new("mkfifo")
        .arg(&journal)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        vec!["list"],
        vec!["history", session.id.as_str()],
        vec!["verify", session.id.as_str()],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sonote"))
            .env_remove("SONOTE_CONFIG")
            .arg("--data-dir")
            .arg(store.root())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(10) {
                child.kill().ok();
                panic!("{args:?} hung on the pipe");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if args[0] != "list" {
            assert!(!status.success(), "{args:?}");
            let said = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
            assert!(
                said.contains("通常のファイルではありません"),
                "{args:?}: {said}"
            );
        }
    }
    drop(dir);
}
