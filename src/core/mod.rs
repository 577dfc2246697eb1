//! The application core: the use cases and the open session that the command line and the
//! terminal share. It imports no ratatui, crossterm, clap or i18n: it returns typed results
//! and events, and the faces word them.

pub mod clock;
pub mod desk;
pub mod export;
pub mod import;
pub(crate) mod open_session;
mod peer;
pub(crate) mod record;
pub(crate) mod sessions;
mod writer;

pub use clock::now;

use crate::config::Config;
use crate::store::journal::Author;

/// Who the journal names for a change made here in `role` ("specialist", "companion",
/// "clerk"): the configured person (`--user` or `[user] name`), else the login name.
pub(crate) fn author(config: &Config, role: &str) -> Author {
    Author {
        name: config.user.name_or_login(),
        role: role.to_string(),
    }
}
pub use open_session::{LockTrouble, OpenSession, SessionEvent};
