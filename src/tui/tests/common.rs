//! What the screen tests share: the fixtures of every test (src/test_fixtures.rs) and an app
//! opened on them.

pub(crate) use crate::test_fixtures::*;

use chrono::FixedOffset;
use sonote::config::Config;
use sonote::model::{Role, Session};
use sonote::store::Store;

/// An app on a temporary store with the sample session open, and the guard that keeps its
/// directory.
pub fn open_app(config: Config) -> (tempfile::TempDir, sonote::tui::app::App, std::path::PathBuf) {
    let (dir, store) = temp_store();
    let mut session = new_session(&config);
    let path = create(&store, &mut session).unwrap();
    let theme = sonote::tui::theme::Theme { color: true };
    let mut app = sonote::tui::app::App::new(config, store, theme, today());
    app.open_session(&path, at(0, 0)).unwrap();
    (dir, app, path)
}

/// An app on the session at `path` in `role` (two of them are the two terminals of one
/// consultation), opened at 10:00.
pub fn app_in_role(store: &Store, path: &std::path::Path, role: Role) -> sonote::tui::app::App {
    let theme = sonote::tui::theme::Theme { color: true };
    let mut app = sonote::tui::app::App::new(Config::embedded(), store.clone(), theme, today());
    app.role = role;
    app.open_session(path, at(0, 0)).unwrap();
    app
}

/// Run the app's autosave at `now` until the session file on disk satisfies `saved`: the
/// write itself happens on the writer thread. Panics after five seconds.
pub fn autosave_until(
    app: &mut sonote::tui::app::App,
    now: chrono::DateTime<FixedOffset>,
    path: &std::path::Path,
    saved: impl Fn(&Session) -> bool,
) -> Session {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        app.autosave(now);
        if let Ok(session) = sonote::store::load(path)
            && saved(&session)
        {
            return session;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the autosave never landed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
