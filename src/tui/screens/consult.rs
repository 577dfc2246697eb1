//! The consultation screen: the clock, the prepared questions, the record and the notes.

use std::io;
use std::path::PathBuf;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use crate::config::Config;
use crate::i18n::Texts;
use crate::model::alerts::{Alarm, Alarms};
use crate::model::fee::format_amount;
use crate::model::{ClockState, Session, Timestamp};
use crate::store;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;
use crate::tui::widgets::{clock_bar, text_field};

pub struct ConsultScreen {
    pub session: Session,
    pub path: PathBuf,
    pub memo: TextArea<'static>,
    pub editing_memo: bool,
    /// The session changed since it was last written.
    pub dirty: bool,
    /// Why the last save failed; cleared by the next good one.
    pub save_error: Option<String>,
    alarms: Alarms,
    /// The last moment the app was seen alive, to notice a computer that slept.
    last_seen: Timestamp,
}

impl ConsultScreen {
    pub fn new(session: Session, path: PathBuf, config: &Config, now: Timestamp) -> Self {
        let remaining = session.clock.remaining(now);
        ConsultScreen {
            memo: text_field::multi_line(&session.memo),
            alarms: Alarms::already_passed(remaining, &config.session.warn_minutes),
            session,
            path,
            editing_memo: false,
            dirty: false,
            save_error: None,
            last_seen: now,
        }
    }

    pub fn edit_memo(&mut self, key: KeyEvent, now: Timestamp) {
        if self.memo.input(key) {
            self.memo_changed(now);
        }
    }

    pub fn paste_memo(&mut self, text: &str, now: Timestamp) {
        // Terminals send pasted line ends as \r.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if self.memo.insert_str(text) {
            self.memo_changed(now);
        }
    }

    fn memo_changed(&mut self, now: Timestamp) {
        self.session.memo = text_field::text_of(&self.memo);
        self.dirty = true;
        self.last_seen = now;
    }

    pub fn needs_save(&self) -> bool {
        self.dirty || self.save_error.is_some()
    }

    /// Write the session now. A clock change is always written, even if nothing else is.
    pub fn save(&mut self) -> io::Result<()> {
        match store::save(&self.path, &self.session) {
            Ok(()) => {
                self.dirty = false;
                self.save_error = None;
                Ok(())
            }
            Err(err) => {
                self.save_error = Some(err.to_string());
                Err(err)
            }
        }
    }

    pub fn save_with_time(&mut self, now: Timestamp) -> io::Result<()> {
        self.last_seen = now;
        self.save()
    }

    /// If the clock was running and the app saw nothing for longer than `gap_seconds`, the
    /// computer slept (or the process was stopped): pause at the last moment seen rather
    /// than count hours nobody measured. Returns the gap's ends as `HH:MM` for the message.
    pub fn pause_if_slept(&mut self, now: Timestamp, gap_seconds: i64) -> Option<(String, String)> {
        let last_seen = std::mem::replace(&mut self.last_seen, now);
        let slept = now - last_seen > TimeDelta::seconds(gap_seconds);
        if !slept || self.session.state() != ClockState::Running {
            return None;
        }
        let note = format!(
            "no tick from {} to {}",
            last_seen.to_rfc3339(),
            now.to_rfc3339()
        );
        self.session.pause_clock(last_seen, Some(note)).ok()?;
        self.dirty = true;
        Some((
            last_seen.format("%H:%M").to_string(),
            now.format("%H:%M").to_string(),
        ))
    }

    pub fn check_alarms(&mut self, now: Timestamp, warn_minutes: &[u32]) -> Option<Alarm> {
        match self.session.state() {
            ClockState::Running | ClockState::Paused => self
                .alarms
                .check(self.session.clock.remaining(now), warn_minutes),
            ClockState::Ready | ClockState::Ended => None,
        }
    }

    pub fn draw(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        texts: &Texts,
        theme: &Theme,
        config: &Config,
        now: Timestamp,
    ) {
        let [title, clock, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(clock_bar::HEIGHT),
            Constraint::Min(0),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(self.title_line(texts, theme)), title);
        clock_bar::draw(
            frame,
            clock,
            &self.session,
            texts,
            theme,
            &config.session.warn_minutes,
            now,
        );

        let memo_height = (body.height / 3).clamp(3, 12);
        let [upper, memo] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(memo_height)]).areas(body);
        let [questions, record] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(upper);
        self.draw_questions(frame, questions, texts, theme);
        self.draw_record(frame, record, texts, theme);

        let title = if self.editing_memo {
            texts.memo_editing
        } else {
            texts.memo
        };
        let block = Block::new().borders(Borders::TOP).title(Span::styled(
            title,
            if self.editing_memo {
                theme.key()
            } else {
                theme.title()
            },
        ));
        text_field::draw(frame, memo, &mut self.memo, block, self.editing_memo);
    }

    fn title_line(&self, texts: &Texts, theme: &Theme) -> Line<'static> {
        let session = &self.session;
        let mut when = session.scheduled_date.to_string();
        if let Some(time) = session.scheduled_time {
            when.push_str(&time.format(" %H:%M").to_string());
        }
        let mut patient = session.patient_label().to_string();
        if !texts.patient_honorific.is_empty() {
            patient.push(' ');
            patient.push_str(texts.patient_honorific);
        }
        Line::from(vec![
            Span::styled(" sonote ", theme.title()),
            Span::raw("│ "),
            Span::styled(patient, theme.title()),
            Span::raw(format!(
                " │ {} │ {} │ {}",
                texts.mode(session.mode),
                when,
                session.id
            )),
        ])
    }

    fn draw_questions(&self, frame: &mut Frame, area: Rect, texts: &Texts, theme: &Theme) {
        let block = Block::new()
            .borders(Borders::TOP | Borders::RIGHT)
            .title(Span::styled(texts.questions, theme.title()));
        let inner = block.inner(area);
        let mut lines: Vec<Line> = Vec::new();
        if self.session.questions.is_empty() {
            lines.push(Line::styled(texts.no_questions, theme.dim()));
        }
        // A hanging indent: the number in its own column, the text wrapped beside it.
        let text_width = usize::from(inner.width).saturating_sub(4);
        for (i, question) in self.session.questions.iter().enumerate() {
            let mut text = question.text.clone();
            if !question.asked_by.is_empty() {
                text.push_str(&format!(" ({})", question.asked_by));
            }
            for (row, piece) in wrap(&text, text_width).into_iter().enumerate() {
                let number = if row == 0 {
                    format!("{:>2}. ", i + 1)
                } else {
                    "    ".to_string()
                };
                lines.push(Line::from(vec![
                    Span::styled(number, theme.dim()),
                    Span::raw(piece),
                ]));
            }
        }
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn draw_record(&self, frame: &mut Frame, area: Rect, texts: &Texts, theme: &Theme) {
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(texts.record, theme.title()));
        let session = &self.session;
        let mut lines: Vec<Line> = Vec::new();
        let width = usize::from(area.width);
        if session.clock.events.is_empty() {
            for piece in wrap(texts.not_started, width) {
                lines.push(Line::styled(piece, theme.dim()));
            }
        }
        for event in &session.clock.events {
            let mut text = format!(
                "{} {}",
                event.at.format("%H:%M:%S"),
                texts.event(event.kind)
            );
            if let Some(minutes) = event.minutes {
                text.push_str(&format!(" +{minutes}"));
            }
            lines.push(Line::raw(text));
        }
        lines.push(Line::raw(""));
        let fee = &session.fee;
        for line in &fee.lines {
            lines.push(Line::raw(format!(
                "{} {}",
                texts.fee_item(line.item),
                format_amount(line.amount, &fee.currency)
            )));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {}", texts.fee, format_amount(fee.total, &fee.currency)),
                theme.title(),
            ),
            Span::styled(format!(" ({})", texts.tax(fee.tax_included)), theme.dim()),
        ]));
        // Keep the newest lines in view when the record is longer than the panel.
        let inner_height = area.height.saturating_sub(1) as usize;
        let skip = lines.len().saturating_sub(inner_height);
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).block(block),
            area,
        );
    }
}
