//! Keys to actions, by what has the keyboard at the moment.
//!
//! On an open session some keys are global to every tab (the clock, quitting, help, tab
//! switching); tabs must not use them. All other keys go to the tab.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Desk,
    Session,
    /// A text field has the keyboard: every key but Ctrl+C goes to it (Esc ends editing).
    Editing,
    NewForm,
    Help,
    Confirm,
    /// The reason for starting the clock although requirements are missing.
    Override,
}

pub fn action_for(context: Context, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match context {
        Context::Help => match key.code {
            KeyCode::Char('?') | KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => {
                Some(Action::ToggleHelp)
            }
            _ => None,
        },
        Context::Confirm => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Yes),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::No),
            _ => None,
        },
        Context::Editing => Some(Action::Key(key)),
        Context::Override => match key.code {
            KeyCode::Esc => Some(Action::No),
            KeyCode::Enter => Some(Action::Submit),
            _ => Some(Action::Key(key)),
        },
        Context::NewForm => match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Tab | KeyCode::Down => Some(Action::NextField),
            KeyCode::BackTab | KeyCode::Up => Some(Action::PrevField),
            KeyCode::Enter => Some(Action::Submit),
            _ => Some(Action::Key(key)),
        },
        Context::Home => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('n') => Some(Action::NewSession),
            KeyCode::Char('r') => Some(Action::Reload),
            KeyCode::Char('d') => Some(Action::Desk),
            _ => None,
        },
        Context::Desk => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Esc => Some(Action::Back),
            _ => Some(Action::Key(key)),
        },
        Context::Session => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Char(' ') => Some(Action::ToggleClock),
            KeyCode::Char('x') => Some(Action::AskExtend),
            KeyCode::Char('e') => Some(Action::AskEnd),
            KeyCode::Char(']') => Some(Action::NextTab),
            KeyCode::Char('[') => Some(Action::PreviousTab),
            KeyCode::F(n @ 1..=9) => Some(Action::SwitchTab(usize::from(n) - 1)),
            KeyCode::Esc => Some(Action::Back),
            _ => Some(Action::Key(key)),
        },
    }
}
