//! Shared by the integration tests: fixed times, a sample session, a temporary store (all
//! from the crate's own src/test_fixtures.rs, which the screen tests inside the crate share),
//! the binary and the external tools, and a pseudo-terminal harness.
#![allow(dead_code)]

pub mod consultation;
#[path = "../../src/test_fixtures.rs"]
mod fixtures;
pub mod pdf;
pub mod pty;
pub mod samples;
pub mod schema;

pub use fixtures::*;

/// Run the real binary on data directory `data`, without the user's environment settings.
pub fn sonote(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sonote"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SONOTE_CONFIG")
        .env_remove("SONOTE_DATA_DIR")
        // No user configuration of the machine's: the embedded defaults.
        .env("XDG_CONFIG_HOME", data.join("no-config-home"))
        .output()
        .expect("run sonote")
}

/// Whether the external programs a test needs can be started (`probe` runs each with
/// `args`). When one cannot, the test is skipped with a note, except where the environment
/// asks for every tool (`SONOTE_REQUIRE_TOOLS=1`, set by `.ci/run`, or `CI`): there a
/// missing tool fails the test rather than let it pass without checking anything.
pub fn tools_present(programs: &[&str], args: &[&str], hint: &str) -> bool {
    let missing: Vec<&str> = programs
        .iter()
        .copied()
        .filter(|program| {
            std::process::Command::new(program)
                .args(args)
                .output()
                .is_err()
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var("SONOTE_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
        || std::env::var_os("CI").is_some();
    assert!(!required, "{} not installed: {hint}", missing.join(", "));
    eprintln!("skipped: {} not installed ({hint})", missing.join(", "));
    false
}
