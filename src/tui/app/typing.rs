//! A burst of typed characters taken into the field with the caret as one insertion.
//!
//! ratatui-textarea lays the field's whole text out again after every edit, so ten
//! characters an input method commits at once, given one `insert_char` each, cost ten
//! layouts: 25.6 ms in the 25 KB notes of the large session, against 1.4 ms for one
//! `insert_str` of the same ten (BENCHMARKS.md). The event loop hands the events of a burst
//! here: characters the field takes as text wait, and go in together when something else
//! comes (Enter, an arrow, a key of the screen's) and at the end of the burst, so the order
//! of everything typed is kept. The field's undo takes such a run back in one step.

use std::mem;

use ratatui::crossterm::event::Event;

use super::App;
use crate::model::Timestamp;
use crate::tui::action::Action;

/// The characters of a burst not yet given to the field.
#[derive(Debug, Default)]
pub struct Typing {
    text: String,
}

impl Typing {
    /// Take the next event of a burst: a character the field with the caret takes as text
    /// waits for those after it; anything else goes to the app after the characters
    /// before it.
    pub fn take(&mut self, app: &mut App, event: Event, now: Timestamp) {
        if let Event::Key(key) = &event
            && let Some(c) = app.typed_char(key)
        {
            self.text.push(c);
            return;
        }
        self.finish(app, now);
        app.on_event(event, now);
    }

    /// The end of the burst: the characters that wait go into the field, as one insertion.
    pub fn finish(&mut self, app: &mut App, now: Timestamp) {
        if !self.text.is_empty() {
            app.handle(Action::Type(mem::take(&mut self.text)), now);
        }
    }
}
