//! The letterhead out of the box (issue 14): `sonote check` warns while it is the embedded
//! sample; `sonote init` writes a commented configuration to the platform's config
//! directory, which is then read by default; `--config` and `SONOTE_CONFIG` still override.

use std::path::Path;
use std::process::{Command, Output};

/// sonote with `home` as the config directory's root (XDG_CONFIG_HOME on Linux).
fn sonote(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sonote"))
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("SONOTE_CONFIG")
        .env_remove("SONOTE_DATA_DIR")
        .output()
        .expect("run sonote")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn init_writes_a_config_read_by_default_and_check_warns_until_the_letterhead_is_set() {
    let home = tempfile::tempdir().unwrap();
    let out = sonote(home.path(), &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("注意: レターヘッドが埋め込みの見本"), "{err}");
    assert!(err.contains("sonote init"), "{err}");

    let out = sonote(home.path(), &["init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = home.path().join("sonote").join("config.toml");
    assert_eq!(text(&out.stdout).trim(), file.display().to_string());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# sonote configuration, written by `sonote init`."));
    assert!(written.contains("[institution]") && written.contains("# The clinic's time zone"));
    // Not over a file already there.
    let again = sonote(home.path(), &["init"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again.stderr));
    assert!(text(&again.stderr).contains("--force"));

    // Still the sample: check names the file to edit.
    let out = sonote(home.path(), &["check"]);
    let err = text(&out.stderr);
    assert!(text(&out.stdout).contains(&format!("{}: 問題ありません", file.display())));
    assert!(
        err.contains(&format!("{} の [institution]", file.display())),
        "{err}"
    );

    // Edited: read by default, no warning.
    let edited = written
        .replace(
            "サンプル総合病院 セカンドオピニオン外来",
            "見本市立病院 セカンドオピニオン外来",
        )
        .replace(
            "〒100-0000 東京都千代田区サンプル1-2-3",
            "〒100-0002 東京都千代田区見本1-1",
        );
    std::fs::write(&file, edited).unwrap();
    let out = sonote(home.path(), &["check"]);
    assert!(out.status.success());
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );

    // --config overrides the default file.
    let other = home.path().join("other.toml");
    std::fs::write(&other, "[fee]\nbase = 33000\n").unwrap();
    let out = sonote(home.path(), &["--config", other.to_str().unwrap(), "check"]);
    assert!(text(&out.stdout).contains("other.toml: 問題ありません"));
    assert!(!text(&out.stdout).contains("sonote/config.toml"));
    assert!(text(&out.stderr).contains("注意: レターヘッド"));
}

#[test]
fn a_mistake_in_the_default_file_is_named_there() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sonote");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[session]\nminutes = -5\n").unwrap();
    let out = sonote(home.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("sonote/config.toml:2"), "{err}");
    assert!(err.contains("session.minutes"), "{err}");
}
