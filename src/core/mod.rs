//! The application core: the use cases and the open session that the command line and the
//! terminal share. It imports no ratatui, crossterm, clap or i18n: it returns typed results
//! and events, and the faces word them.

pub(crate) mod clock;
pub mod desk;
pub mod export;
pub mod import;
pub(crate) mod open_session;
mod peer;
pub(crate) mod sessions;
mod writer;

pub use clock::now;
pub use open_session::{OpenSession, SessionEvent};
