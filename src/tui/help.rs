//! The `?` help and the hint line of what is on screen, made from the key tables; and every
//! context's keys in one list, so that the tests can hold each table to its words.

use super::app::{App, Screen};
use super::keymap::{self, Context, Entry, anywhere_entries, context_entries, hint_line};
use super::screens::desk::DeskScreen;
use super::screens::new_session::NewSessionScreen;
use crate::i18n::Texts;
use crate::i18n::keys::KeyTexts;

/// The help's lines for the screen shown: its own keys, its context's, then Ctrl+C.
pub fn rows(app: &App) -> Vec<(&'static str, &'static str)> {
    let keys = app.texts().keys;
    let (own, context) = match &app.screen {
        Screen::Home(_) => (Vec::new(), Context::Home),
        Screen::Desk(_) => (DeskScreen::key_entries(keys), Context::Desk),
        Screen::NewSession(_) => (NewSessionScreen::key_entries(keys), Context::NewForm),
        Screen::Session(view) => (view.key_entries(keys), Context::Session),
    };
    keymap::help_rows(&with_context(own, keys, context))
}

/// The line at the bottom when there is no message: the keys to remember.
pub fn hints(app: &App) -> String {
    let texts = app.texts();
    let keys = texts.keys;
    match &app.screen {
        Screen::Home(_) => hint_line(&context_entries(&keys.app, Context::Home)),
        Screen::Desk(_) => {
            let mut shown = DeskScreen::key_entries(keys);
            shown.extend(context_entries(&keys.app, Context::Desk));
            hint_line(&shown)
        }
        Screen::NewSession(_) => {
            let mut shown = NewSessionScreen::key_entries(keys);
            shown.extend(context_entries(&keys.app, Context::NewForm));
            hint_line(&shown)
        }
        Screen::Session(view) => view.hints(texts),
    }
}

/// The help's last line: how to close it.
pub fn close_line(texts: &'static Texts) -> String {
    hint_line(&context_entries(&texts.keys.app, Context::Help))
}

fn with_context(mut own: Vec<Entry>, keys: &'static KeyTexts, context: Context) -> Vec<Entry> {
    own.extend(context_entries(&keys.app, context));
    own.extend(anywhere_entries(&keys.app));
    own
}

// Only the tests read every context at once; the screens ask for their own.
#[cfg(test)]
pub use every::{KeyContext, every_context};

#[cfg(test)]
mod every {
    use super::with_context;
    use crate::config::Lang;
    use crate::model::Role;
    use crate::tui::keymap::{Context, Entry};
    use crate::tui::screens::consult::ConsultTab;
    use crate::tui::screens::desk::DeskScreen;
    use crate::tui::screens::intake::IntakeTab;
    use crate::tui::screens::new_session::NewSessionScreen;
    use crate::tui::screens::opinion::OpinionTab;
    use crate::tui::screens::questions;
    use crate::tui::screens::report::ReportTab;

    /// A context's bindings: those the keyboard reads, in the order the help lists them (for
    /// the tests that hold the help to the keyboard).
    pub struct KeyContext {
        pub name: String,
        pub entries: Vec<Entry>,
    }

    /// Every context of every screen, with all the tables the keyboard reads there: a tab's
    /// browsing keys come after Ctrl+C and the session's, a field's keys after Ctrl+C alone.
    pub fn every_context(lang: Lang) -> Vec<KeyContext> {
        let keys = lang.texts().keys;
        let context = |name: &str, own: Vec<Entry>, context: Context| KeyContext {
            name: name.to_string(),
            entries: with_context(own, keys, context),
        };
        let mut all = vec![
            context("home", Vec::new(), Context::Home),
            context("desk", DeskScreen::key_entries(keys), Context::Desk),
            context(
                "desk: how paid",
                DeskScreen::payment_entries(keys),
                Context::Editing,
            ),
            context(
                "new session",
                NewSessionScreen::key_entries(keys),
                Context::NewForm,
            ),
            context("help", Vec::new(), Context::Help),
            context("yes or no", Vec::new(), Context::Confirm),
            context("reason to start", Vec::new(), Context::Override),
            context("report tab", ReportTab::key_entries(keys), Context::Session),
        ];
        for editing in [false, true] {
            let within = if editing {
                Context::Editing
            } else {
                Context::Session
            };
            let mode = if editing { "editing" } else { "browsing" };
            let tabs = [
                ("consult", ConsultTab::entries_of(editing, keys)),
                ("opinion", OpinionTab::entries_of(editing, keys)),
                ("intake", IntakeTab::entries_of(editing, keys)),
            ];
            for (tab, own) in tabs {
                all.push(context(&format!("{tab} tab, {mode}"), own, within));
            }
        }
        for mode in questions::Keys::ALL {
            let within = if mode == questions::Keys::Browse {
                Context::Session
            } else {
                Context::Editing
            };
            for role in [Role::Specialist, Role::Companion] {
                let name = format!("questions tab, {mode:?}, {role:?}");
                all.push(context(&name, mode.entries(role, keys), within));
            }
        }
        all
    }
}
