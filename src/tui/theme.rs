//! Colours, or none at all when NO_COLOR is set (https://no-color.org).

use ratatui::style::{Color, Modifier, Style};

use crate::model::alerts::Urgency;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The remaining-time figure: calm, then yellow, then red, then red background.
    pub fn clock(&self, urgency: Urgency) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return match urgency {
                Urgency::Calm | Urgency::Warn => bold,
                Urgency::Urgent => bold.add_modifier(Modifier::UNDERLINED),
                Urgency::Overtime => bold.add_modifier(Modifier::REVERSED),
            };
        }
        match urgency {
            Urgency::Calm => bold.fg(Color::Green),
            Urgency::Warn => bold.fg(Color::Yellow),
            Urgency::Urgent => bold.fg(Color::LightRed),
            Urgency::Overtime => bold.fg(Color::White).bg(Color::Red),
        }
    }

    pub fn gauge(&self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Calm => self.fg(Color::Green),
            Urgency::Warn => self.fg(Color::Yellow),
            Urgency::Urgent | Urgency::Overtime => self.fg(Color::Red),
        }
    }
}
