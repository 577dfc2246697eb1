//! Drawing the whole frame: the screen, its overlays and the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay, Screen, StatusKind};
use super::keymap::Context;
use super::widgets::popup;
use crate::model::Timestamp;

pub fn draw(frame: &mut Frame, app: &mut App, now: Timestamp) {
    let texts = app.texts();
    let theme = app.theme;
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
    let context = app.context();
    match &mut app.screen {
        Screen::Home(home) => home.draw(frame, main, texts, &theme),
        Screen::Consult(consult) => consult.draw(frame, main, texts, &theme, &app.config, now),
        Screen::NewSession(form) => form.draw(frame, main, texts, &theme),
    }

    let save_error = match &app.screen {
        Screen::Consult(consult) => consult.save_error.as_deref(),
        _ => None,
    };
    let status_line = if let Some(err) = save_error {
        Line::styled(format!(" {}: {err}", texts.not_saved), theme.error())
    } else if let Some(status) = &app.status {
        let style = match status.kind {
            StatusKind::Info => theme.info(),
            StatusKind::Error => theme.error(),
        };
        Line::from(Span::styled(format!(" {}", status.text), style))
    } else {
        let hints = match context {
            Context::Home => texts.hints_home,
            Context::Editing => texts.hints_memo,
            Context::NewForm => texts.new_hint,
            _ => texts.hints_consult,
        };
        Line::styled(format!(" {hints}"), theme.dim())
    };
    frame.render_widget(Paragraph::new(status_line), status);

    match app.overlay {
        Some(Overlay::Help) => {
            let under = match &app.screen {
                Screen::Home(_) => Context::Home,
                Screen::Consult(c) if c.editing_memo => Context::Editing,
                _ => Context::Consult,
            };
            popup::draw_help(frame, main, texts, &theme, under)
        }
        Some(Overlay::Confirm(pending)) => {
            let question = app.confirm_text(pending);
            popup::draw_confirm(frame, main, &question, &theme)
        }
        None => {}
    }
}
