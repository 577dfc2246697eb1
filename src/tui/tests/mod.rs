//! The screens' tests: they drive `App` in process with injected time, as the event loop
//! does, and draw into ratatui's TestBackend (insta snapshots in snapshots/). They live in
//! the crate because they test the tui's own state (overlays, tabs, fields, carets), which
//! is not public; the binary and the pseudo-terminal tests stay in tests/.

mod common;

mod app;
mod desk;
mod echo;
mod fhir_intake;
mod frames;
mod intake;
mod keys;
mod money;
mod opinion;
mod questions_tab;
mod record;
mod render;
mod render_opinion;
mod report_tab;
mod robustness;
mod start_on_session;
mod typing;
mod write_behind;
