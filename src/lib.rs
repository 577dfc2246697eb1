//! sonote: the day of a second-opinion consultation, in a terminal.

pub mod cli;
pub mod config;
pub mod core;
pub mod demo;
pub mod i18n;
pub mod intake_file;
pub mod model;
pub mod prompts;
pub mod report;
pub mod store;
#[cfg(test)]
mod test_fixtures;
pub mod tomlfile;
pub mod tui;

// The screen tests inside the crate name it `sonote::`, as the integration tests do, so that
// they and the fixtures they share with tests/ (test_fixtures.rs) read the same from both
// sides.
#[cfg(test)]
extern crate self as sonote;
