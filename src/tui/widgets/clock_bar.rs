//! The clock bar, always on the consultation screens: state, time left or over, time used,
//! extensions, and the fee as it stands.

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};

use crate::i18n::Texts;
use crate::model::alerts::{Urgency, urgency};
use crate::model::clock::format_duration;
use crate::model::fee::format_amount;
use crate::model::{ClockState, Session, Timestamp};
use crate::tui::theme::Theme;

pub const HEIGHT: u16 = 2;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    texts: &Texts,
    theme: &Theme,
    warn_minutes: &[u32],
    now: Timestamp,
) {
    let clock = &session.clock;
    let state = clock.state();
    // Whole seconds of time used, and the rest of the allowance from them: cut separately,
    // the two shown figures would add up to a second short of the allowance.
    let elapsed = TimeDelta::seconds(clock.elapsed(now).num_seconds());
    let allowed = clock.allowed();
    let remaining = allowed - elapsed;
    let level = match state {
        ClockState::Ready | ClockState::Ended => Urgency::Calm,
        _ => urgency(remaining, warn_minutes),
    };

    let [figures, gauge] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);

    let state_style = match state {
        ClockState::Running => theme.info().add_modifier(Modifier::BOLD),
        ClockState::Paused => theme.key(),
        _ => Style::new().add_modifier(Modifier::BOLD),
    };
    let time_figure = if state == ClockState::Ended {
        let over = clock.overtime(now);
        if over.is_zero() {
            format!(" {} {} ", texts.took, format_duration(elapsed))
        } else {
            let over = format_duration(over);
            format!(
                " {} {} ({} +{over}) ",
                texts.took,
                format_duration(elapsed),
                texts.overtime
            )
        }
    } else if level == Urgency::Overtime && remaining.num_seconds() < 0 {
        format!(" {} +{} ", texts.overtime, format_duration(-remaining))
    } else {
        format!(" {} {} ", texts.remaining, format_duration(remaining))
    };
    let fee = &session.fee_at(now);
    let line = Line::from(vec![
        Span::styled(format!("[{}]", texts.state(state)), state_style),
        Span::raw(" "),
        Span::styled(time_figure, theme.clock(level)),
        Span::raw(format!(
            "  {} {} / {}",
            texts.elapsed,
            format_duration(elapsed),
            format_duration(allowed)
        )),
        Span::raw(format!(
            "  {} {}/{}",
            texts.extension,
            clock.extensions_used(),
            clock.rules.extensions_allowed
        )),
        Span::raw(format!(
            "  {} {}",
            texts.fee,
            format_amount(fee.total, &fee.currency)
        )),
        Span::styled(format!(" {}", texts.tax(fee.tax_included)), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), figures);

    let ratio = if allowed.num_seconds() > 0 {
        (elapsed.num_seconds() as f64 / allowed.num_seconds() as f64).clamp(0.0, 1.0)
    } else {
        1.0
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .filled_symbol(symbols::line::THICK_HORIZONTAL)
            .unfilled_symbol(symbols::line::HORIZONTAL)
            .filled_style(theme.gauge(level))
            .unfilled_style(theme.dim())
            .label(""),
        gauge,
    );
}
