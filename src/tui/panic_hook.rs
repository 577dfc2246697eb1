//! The one panic hook of every command: it gives the terminal back when the screens had
//! it, and says where the panic happened, never what (the default message may quote patient
//! text: a string slicing error does). Saving the open session is the event loop's, which
//! catches the panic and saves before it exits (`run::run`).

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::DisableBracketedPaste;
use ratatui::crossterm::execute;

/// Whether the screens hold the terminal (raw mode, the alternate screen, bracketed paste).
static SCREENS_UP: AtomicBool = AtomicBool::new(false);

/// Install the hook; `sonote` does it once, before any command runs.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let screens = SCREENS_UP.load(Ordering::SeqCst);
        if screens {
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            ratatui::restore();
        }
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if screens {
            eprintln!("sonote: internal error{place}; the open session is saved before exit.");
        } else {
            eprintln!("sonote: internal error{place}");
        }
    }));
}

/// The screens took the terminal (true) or gave it back (false).
pub(crate) fn screens_up(up: bool) {
    SCREENS_UP.store(up, Ordering::SeqCst);
}

/// `SONOTE_TEST_PANIC_ON=<char>`: a panic when that key is pressed, so that the tests can
/// check, in debug and release builds alike, that a crash gives the terminal back, saves
/// the session and prints no patient text. Nobody sets it by chance.
pub(crate) fn crash_requested_for_tests(key: &ratatui::crossterm::event::Event) -> bool {
    use ratatui::crossterm::event::{Event, KeyCode};
    match (key, std::env::var("SONOTE_TEST_PANIC_ON")) {
        (Event::Key(key), Ok(trigger)) => trigger
            .chars()
            .next()
            .is_some_and(|c| key.code == KeyCode::Char(c)),
        _ => false,
    }
}
