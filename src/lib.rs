//! sonote: the day of a second-opinion consultation, in a terminal.

pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod export;
pub mod i18n;
pub mod import;
pub mod intake_file;
pub mod model;
pub mod prompts;
pub mod report;
pub mod store;
pub mod tomlfile;
pub mod tui;
