//! Drawing the whole frame: the screen, its overlays and the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay, Screen};
use super::help;
use super::outcome::{DrawContext, StatusKind};
use super::widgets::{popup, text_field};
use crate::model::Timestamp;

pub fn draw(frame: &mut Frame, app: &mut App, now: Timestamp) {
    text_field::forget_focused();
    let texts = app.texts();
    let theme = app.theme;
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
    match &mut app.screen {
        Screen::Home(home) => home.draw(frame, main, texts, &theme),
        Screen::Desk(desk) => desk.draw(frame, main, &app.config, &theme),
        Screen::Session(view) => {
            let ctx = DrawContext {
                texts,
                theme: &theme,
                config: &app.config,
                now,
            };
            view.draw(frame, main, &ctx);
        }
        Screen::NewSession(form) => form.draw(frame, main, texts, &theme),
    }

    let save_error = app.session_view().and_then(|view| view.open.save_error());
    let status_line = if let Some(err) = save_error {
        Line::styled(format!(" {}: {err}", texts.not_saved), theme.error())
    } else if let Some(status) = &app.status {
        let style = match status.kind {
            StatusKind::Info => theme.info(),
            StatusKind::Error => theme.error(),
        };
        Line::from(Span::styled(format!(" {}", status.text), style))
    } else {
        Line::styled(format!(" {}", help::hints(app)), theme.dim())
    };
    frame.render_widget(Paragraph::new(status_line), status);

    match app.overlay {
        Some(Overlay::Help) => {
            let rows = help::rows(app);
            let close = help::close_line(texts);
            popup::draw_help(frame, main, texts, &theme, &rows, &close)
        }
        Some(Overlay::Confirm(pending)) => {
            let question = app.confirm_text(pending);
            popup::draw_confirm(frame, main, &question, &theme)
        }
        Some(Overlay::Override) => {
            let missing: Vec<String> = app
                .session_view()
                .map(|view| view.open.session.missing_requirements())
                .unwrap_or_default()
                .iter()
                .map(|m| texts.missing(m))
                .collect();
            popup::draw_override(
                frame,
                main,
                texts,
                &theme,
                &missing,
                &mut app.override_reason,
            )
        }
        None => {}
    }
    if let Screen::Desk(desk) = &app.screen
        && desk.asking_payment
    {
        let desk_texts = app.config.ui.language.desk_texts();
        let due_days = app.config.desk.report_due_days;
        let question = desk.payment_question(desk_texts, texts.keys, due_days);
        popup::draw_confirm(frame, main, &question, &theme);
    }
}
