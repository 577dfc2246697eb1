//! The terminal user interface: keys in, frames out.

pub mod action;
pub mod app;
pub mod echo;
pub mod help;
pub mod keymap;
pub mod outcome;
pub mod panic_hook;
pub mod run;
pub mod screens;
pub mod session_view;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod view;
pub mod widgets;
