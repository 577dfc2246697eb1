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
pub mod tomlfile;
pub mod tui;
