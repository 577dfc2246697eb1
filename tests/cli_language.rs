//! The command line speaks the configured language (`[ui] language`): its results, its
//! refusals and the lower layers' errors it passes on, run as a clerk would run it, once
//! with a Japanese configuration and once with an English one.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Duration;

use common::*;
use sonote::config::Config;
use sonote::store::{self, Store};

/// A data directory with one ended session and one never started, and a configuration
/// in `lang`.
struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    config: PathBuf,
    ended: String,
    scheduled: String,
}

fn setup(lang: &str) -> Setup {
    let (dir, store) = temp_store();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[ui]\nlanguage = \"{lang}\"\n")).unwrap();
    let rules = Config::embedded();
    let mut ended = new_session(&rules);
    ended.toggle_clock(at(0, 0)).unwrap();
    ended.end(at(31, 0)).unwrap();
    create(&store, &mut ended).unwrap();
    let mut scheduled = new_session(&rules);
    create(&store, &mut scheduled).unwrap();
    Setup {
        _dir: dir,
        store,
        config,
        ended: ended.id,
        scheduled: scheduled.id,
    }
}

impl Setup {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_sonote"))
            .arg("--config")
            .arg(&self.config)
            .arg("--data-dir")
            .arg(self.store.root())
            .args(args)
            .env_remove("SONOTE_CONFIG")
            .env_remove("SONOTE_DATA_DIR")
            .env("XDG_CONFIG_HOME", self.store.root().join("no-config-home"))
            .output()
            .expect("run sonote")
    }

    /// What a person reads of each message the samples below produce, in order: a locked
    /// session, a missing one, a bad TOML line, an export, verify, and list on a terminal.
    fn samples(&self) -> Vec<(&'static str, String)> {
        let text = |out: &Output| {
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr)
        };
        let mut said = Vec::new();

        let path = self.store.path_of(&self.ended);
        let lock = store::try_lock(&path).unwrap().expect("the lock is free");
        let out = self.run(&["mark-sent", &self.ended]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        said.push(("locked", text(&out)));
        drop(lock);

        let out = self.run(&["export", "2026-01-01-09", "--format", "md"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        said.push(("missing", text(&out)));

        let intake = self.store.root().join("intake.toml");
        std::fs::write(&intake, "[patient]\nname = = \"試験 花子\"\n").unwrap();
        let out = self.run(&["new", "--intake", intake.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let err = text(&out);
        assert!(err.contains("intake.toml:2"), "the file and line: {err}");
        said.push(("bad toml", err));

        let out_dir = self.store.root().join("out");
        let out_arg = out_dir.to_str().unwrap();
        let out = self.run(&["export", "--ended", "--out-dir", out_arg, "--format", "md"]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(out_dir.join(format!("{}.md", self.ended)).is_file());
        said.push(("export", text(&out)));
        let out = self.run(&["mark-sent", &self.scheduled]);
        said.push(("mark-sent before export", text(&out)));

        let out = self.run(&["verify", &self.ended]);
        assert!(out.status.success(), "{}", text(&out));
        said.push(("verify", text(&out)));

        said.push(("list", self.list_on_a_terminal()));
        said
    }

    /// `sonote list` in a pseudo-terminal: a person's view, with its header.
    fn list_on_a_terminal(&self) -> String {
        let config = self.config.to_str().unwrap();
        let no_home = self.store.root().join("no-config-home");
        let mut pty = pty::Pty::sonote_with_env(
            self.store.root(),
            &["--config", config, "list"],
            &[("XDG_CONFIG_HOME", no_home.to_str().unwrap())],
            100,
            10,
        );
        for _ in 0..50 {
            pty.pump(Duration::from_millis(100));
            if pty.screen().contains(&self.scheduled) {
                break;
            }
        }
        pty.screen()
    }
}

/// Three words of Latin letters in a row, outside paths, `quoted` fields and command
/// names: an English phrase.
fn english_phrase(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "、。：:（）()".contains(c)) {
        let word = word.trim_matches(|c: char| ",.;!?".contains(c));
        let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
        let machine = word.contains('/') || word.contains('`') || word.starts_with('-');
        match plain && !machine && word != "sonote" {
            true => run.push(word),
            false => run.clear(),
        }
        if run.len() == 3 {
            return Some(run.join(" "));
        }
    }
    None
}

/// A Japanese sentence's ending.
fn japanese_sentence(text: &str) -> bool {
    ["ます", "です", "ません", "ました", "ください"]
        .iter()
        .any(|end| text.contains(end))
}

#[test]
fn a_japanese_setup_hears_japanese() {
    let expect = [
        ("locked", "このセッションは別の端末で開かれています"),
        ("missing", "ファイルがありません"),
        ("bad toml", "TOML の書き方に誤りがあります"),
        ("export", "報告書 1 件を"),
        ("mark-sent before export", "報告書がまだ出力されていません"),
        ("verify", "問題ありません（記録 2 件）"),
        ("list", "日付"),
    ];
    hears(&setup("ja").samples(), &expect, |text| {
        english_phrase(text).is_none()
    });
}

#[test]
fn an_english_setup_hears_english() {
    let expect = [
        ("locked", "the session is open on another terminal"),
        ("missing", "cannot read the file: it does not exist"),
        ("bad toml", "intake.toml:2"),
        ("export", "1 report(s) exported"),
        (
            "mark-sent before export",
            "the report has not been exported yet",
        ),
        ("verify", ": ok, 2 entries"),
        ("list", "DATE"),
    ];
    hears(&setup("en").samples(), &expect, |text| {
        !japanese_sentence(text)
    });
}

/// Each sample has its words, and only words of its language (`only`).
fn hears(said: &[(&str, String)], expect: &[(&str, &str)], only: impl Fn(&str) -> bool) {
    assert_eq!(said.len(), expect.len());
    for ((what, text), (named, words)) in said.iter().zip(expect) {
        assert_eq!(what, named);
        assert!(text.contains(words), "{what}: {text}");
        assert!(only(text), "{what}: another language: {text}");
    }
}

/// The detector itself: it finds a phrase, and lets paths and field names be.
#[test]
fn an_english_phrase_is_found_and_a_path_is_not_one() {
    assert_eq!(
        english_phrase("x: the session is open"),
        Some("the session is".into())
    );
    assert_eq!(
        english_phrase("/tmp/a b/c.toml:3: 項目 `session.minutes`"),
        None
    );
    assert_eq!(english_phrase("sonote check SESSION で確認"), None);
}
