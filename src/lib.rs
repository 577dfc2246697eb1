//! sonote: the day of a second-opinion consultation, in a terminal.

pub mod cli;
pub mod config;
pub mod core;
pub mod demo;
pub(crate) mod i18n;
pub mod intake_file;
pub mod model;
pub(crate) mod prompts;
pub mod report;
pub mod store;
#[cfg(test)]
mod test_fixtures;
pub mod tomlfile;
pub(crate) mod tui;

/// What benches/render.rs drives to time the screens' frames, and nothing more: the app,
/// its theme and tabs, the keystroke echo, and the two ways to draw a frame. Not an API (the
/// terminal app is internal; the library is model, store, report, core, config and the
/// files people write); hidden from the documentation.
#[doc(hidden)]
pub mod bench {
    pub use crate::tui::app::App;
    pub use crate::tui::echo::Echo;
    pub use crate::tui::session_view::Tab;
    pub use crate::tui::theme::Theme;

    /// The frame, whole (`draw`) or reporting where it drew the caret (`draw_with_caret`).
    pub mod view {
        pub use crate::tui::view::{draw, draw_with_caret};
    }
}

// The screen tests inside the crate name it `sonote::`, as the integration tests do, so that
// they and the fixtures they share with tests/ (test_fixtures.rs) read the same from both
// sides.
#[cfg(test)]
extern crate self as sonote;
