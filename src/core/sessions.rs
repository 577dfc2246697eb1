//! The sessions of the data directory: listing them, and making a new one.

use std::path::PathBuf;

use crate::config::Config;
use crate::model::{NewSession, Session, Timestamp};
use crate::store::{Listed, Store};

/// The sessions as the store lists them, or why its folder cannot be read (named).
pub(crate) type Listing = Result<Vec<Listed>, String>;

pub(crate) fn list(store: &Store) -> Listing {
    store
        .list()
        .map_err(|err| format!("{}: {err}", store.sessions_dir().display()))
}

/// A new session from `draft`, with the configuration's clock and fees, written to the
/// store under a fresh id. Returns it with its file, or why it could not be written.
pub(crate) fn create(
    store: &Store,
    config: &Config,
    draft: NewSession,
    now: Timestamp,
) -> Result<(Session, PathBuf), String> {
    let mut session = Session::new(draft, config.clock_rules(), config.fee.clone(), now);
    match store.create(&mut session, &super::author(config, "clerk"), now) {
        Ok(path) => Ok((session, path)),
        Err(err) => Err(format!("{}: {err}", store.sessions_dir().display())),
    }
}
