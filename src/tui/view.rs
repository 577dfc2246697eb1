//! Drawing the whole frame: the screen, its overlays and the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay, Screen};
use super::help;
use super::outcome::{DrawContext, StatusKind};
use super::session_view::Tab;
use super::widgets::popup;
use super::widgets::text_field::{Caret, CaretSlot};
use crate::model::Timestamp;

pub fn draw(frame: &mut Frame, app: &mut App, now: Timestamp) {
    draw_with_caret(frame, app, now);
}

/// Draw the whole frame, and say which field has the caret and where its text went (what
/// the echo draws a key into before the next whole frame).
pub fn draw_with_caret(frame: &mut Frame, app: &mut App, now: Timestamp) -> Option<Caret> {
    let caret = CaretSlot::default();
    draw_into(frame, app, now, &caret);
    let rect = caret.rect()?;
    let (field, _) = app.focused_field()?;
    Some(Caret { field, rect })
}

fn draw_into(frame: &mut Frame, app: &mut App, now: Timestamp, caret: &CaretSlot) {
    let texts = app.texts();
    let theme = app.theme;
    // Where a report is made or sent, a line says while it would go out under the sample
    // hospital's letterhead.
    let letter_screen = match &app.screen {
        Screen::Home(_) | Screen::Desk(_) => true,
        Screen::Session(view) => view.tab == Tab::Report,
        Screen::NewSession(_) => false,
    };
    let warn = letter_screen && app.config.sample_letterhead();
    let [above, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
    let [main, warning] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(u16::from(warn))]).areas(above);
    if warn {
        let line = Line::styled(format!(" {}", texts.sample_letterhead), theme.error());
        frame.render_widget(Paragraph::new(line), warning);
    }
    match &mut app.screen {
        Screen::Home(home) => home.draw(
            frame,
            main,
            texts,
            app.config.ui.language.desk_texts(),
            &theme,
        ),
        Screen::Desk(desk) => desk.draw(frame, main, &app.config, &theme),
        Screen::Session(view) => {
            let ctx = DrawContext {
                texts,
                theme: &theme,
                config: &app.config,
                now,
                caret,
            };
            view.draw(frame, main, &ctx);
        }
        Screen::NewSession(form) => form.draw(frame, main, texts, &theme, caret),
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
            popup::draw_help(frame, above, texts, &theme, &rows, &close)
        }
        Some(Overlay::Confirm(pending)) => {
            let question = app.confirm_text(pending);
            popup::draw_confirm(frame, above, &question, &theme)
        }
        // Two reasons asked in the same popup: a correction's, and a cancellation's.
        Some(overlay @ (Overlay::Correction | Overlay::CancelReason)) => {
            let desk_texts = app.config.ui.language.desk_texts();
            let (title, hint, field) = match overlay {
                Overlay::CancelReason => (
                    desk_texts.cancel_title,
                    app.cancel_hint(),
                    desk_texts.cancel_reason,
                ),
                _ => (
                    texts.correction_title,
                    texts.correction_hint.to_string(),
                    texts.correction_reason,
                ),
            };
            let words = popup::ReasonWords {
                title,
                items: &[],
                hint: &hint,
                field,
            };
            popup::draw_reason(
                frame,
                above,
                &theme,
                &words,
                &mut app.override_reason,
                caret,
            )
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
                above,
                texts,
                &theme,
                &missing,
                &mut app.override_reason,
                caret,
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
        popup::draw_confirm(frame, above, &question, &theme);
    }
}
