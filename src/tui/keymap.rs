//! Keys to actions, by what has the keyboard at the moment.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Consult,
    /// A text field has the keyboard: letters are text, not commands.
    Editing,
    NewForm,
    Help,
    Confirm,
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
        Context::Editing => match key.code {
            KeyCode::Esc => Some(Action::Back),
            _ => Some(Action::Edit(key)),
        },
        Context::NewForm => match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Tab | KeyCode::Down => Some(Action::NextField),
            KeyCode::BackTab | KeyCode::Up => Some(Action::PrevField),
            KeyCode::Enter => Some(Action::Submit),
            _ => Some(Action::Edit(key)),
        },
        Context::Home => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('n') => Some(Action::NewSession),
            KeyCode::Char('r') => Some(Action::Reload),
            _ => None,
        },
        Context::Consult => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Char(' ') => Some(Action::ToggleClock),
            KeyCode::Char('x') => Some(Action::AskExtend),
            KeyCode::Char('e') => Some(Action::AskEnd),
            KeyCode::Char('m') | KeyCode::Tab => Some(Action::EditMemo),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
    }
}
