//! Every user intent, as one enum: keys map to these, screens handle them.

use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Save and quit (asks first if something could not be saved).
    Quit,
    ToggleHelp,
    /// Close an overlay, or go back to the session list.
    Back,
    Up,
    Down,
    Open,
    NewSession,
    Reload,
    /// The clerk's desk.
    Desk,
    ToggleClock,
    AskExtend,
    AskEnd,
    /// Show the session's tab with this index (F1 is 0).
    SwitchTab(usize),
    NextTab,
    PreviousTab,
    Yes,
    No,
    NextField,
    PrevField,
    Submit,
    /// A key for whatever has the focus: the open tab, or the field being edited.
    Key(KeyEvent),
    Paste(String),
    /// Characters typed together (an input method's commit, fast typing) into the field
    /// with the caret, which takes them as one insertion: the event loop gathers them
    /// (`App::typed_char`).
    Type(String),
}
