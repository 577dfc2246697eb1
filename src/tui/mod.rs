//! The terminal user interface: keys in, frames out.

pub mod action;
pub mod app;
pub mod echo;
pub mod keymap;
pub mod run;
pub mod screens;
pub mod session_view;
pub mod sync;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod writer;
