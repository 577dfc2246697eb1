//! Every user intent, as one enum: keys map to these, screens handle them.

use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Save and quit (asks first if something could not be saved).
    Quit,
    ToggleHelp,
    /// Close an overlay, stop editing, or go back to the session list.
    Back,
    Up,
    Down,
    Open,
    NewSession,
    Reload,
    ToggleClock,
    AskExtend,
    AskEnd,
    EditMemo,
    Yes,
    No,
    NextField,
    PrevField,
    ModeLeft,
    ModeRight,
    Submit,
    /// A key for the text field being edited.
    Edit(KeyEvent),
    Paste(String),
}
