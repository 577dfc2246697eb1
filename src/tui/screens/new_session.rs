//! A new session from the keyboard: the patient's name, reading, ID, the scheduled day
//! (today unless changed) and the mode.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use crate::i18n::Texts;
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::model::{Mode, NewSession, Patient};
use crate::tui::keymap::{Binding, Entry, Key, Step, Table, entries, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::{self, CaretSlot, FieldId};

const TEXT_FIELDS: usize = 4;
const DATE_FIELD: usize = 3;
const MODE_FIELD: usize = TEXT_FIELDS;

pub struct NewSessionScreen {
    pub today: NaiveDate,
    /// Name, reading (kana), hospital ID, scheduled day.
    pub fields: [TextArea<'static>; TEXT_FIELDS],
    pub mode: Mode,
    pub focus: usize,
}

impl NewSessionScreen {
    pub fn new(today: NaiveDate) -> Self {
        NewSessionScreen {
            today,
            fields: std::array::from_fn(|index| match index {
                DATE_FIELD => text_field::single_line(&today.to_string()),
                _ => text_field::single_line(""),
            }),
            mode: Mode::InPerson,
            focus: 0,
        }
    }

    /// The text field that has the caret (none on the mode choice).
    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        let field = self.fields.get(self.focus)?;
        Some((FieldId::new("new session", self.focus), field))
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % (TEXT_FIELDS + 1);
    }

    pub fn previous_field(&mut self) {
        self.focus = (self.focus + TEXT_FIELDS) % (TEXT_FIELDS + 1);
    }

    pub fn edit(&mut self, key: KeyEvent) {
        if self.focus == MODE_FIELD {
            let index = Mode::ALL.iter().position(|m| *m == self.mode).unwrap_or(0);
            let count = Mode::ALL.len();
            match lookup(MODE, &key) {
                Some(Command::Mode(Step::Previous)) => {
                    self.mode = Mode::ALL[(index + count - 1) % count]
                }
                Some(Command::Mode(Step::Next)) => self.mode = Mode::ALL[(index + 1) % count],
                None => {}
            }
        } else {
            text_field::input(&mut self.fields[self.focus], key);
        }
    }

    /// The form's own keys, as the help lists them (the fields' are `keymap`'s).
    pub fn key_entries(keys: &'static KeyTexts) -> Vec<Entry> {
        let mut shown = entries(MODE, |command| command.words(keys));
        shown.extend(text_field::entries_of_fields(keys));
        shown
    }

    /// Characters typed together into the focused text field: one insertion, as typed
    /// (unlike a paste, not trimmed: the space between two names may end a burst).
    pub fn type_text(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.insert_str(text);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.focus < TEXT_FIELDS {
            // One-line fields: a pasted line break becomes a space.
            let flat = text.replace(['\r', '\n'], " ");
            self.fields[self.focus].insert_str(flat.trim());
        }
    }

    /// The session to create, or why not: the patient's name is empty, or the day cannot
    /// be read.
    pub fn draft(&self) -> Result<NewSession, DraftError> {
        let [name, kana, id, day] = self
            .fields
            .each_ref()
            .map(|f| text_field::text_of(f).trim().to_string());
        if name.is_empty() {
            return Err(DraftError::NoName);
        }
        let scheduled_date = parse_day(&day, self.today).ok_or(DraftError::BadDate(day))?;
        Ok(NewSession {
            scheduled_date,
            mode: self.mode,
            patient: Patient {
                name,
                name_kana: kana,
                hospital_id: id,
                ..Patient::default()
            },
            ..NewSession::default()
        })
    }

    pub fn draw(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        texts: &Texts,
        theme: &Theme,
        caret: &CaretSlot,
    ) {
        let outer = Block::new().borders(Borders::TOP).title(Span::styled(
            format!(" sonote ─ {} ", texts.new_session),
            theme.title(),
        ));
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let rows = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Min(0),
        ])
        .split(inner);
        let labels = [
            texts.field_name,
            texts.field_kana,
            texts.field_hospital_id,
            texts.field_date,
        ];
        for (index, label) in labels.iter().enumerate() {
            let focused = self.focus == index;
            let block = Block::bordered().title(Span::styled(
                *label,
                if focused { theme.key() } else { theme.dim() },
            ));
            let field = &mut self.fields[index];
            text_field::draw(frame, rows[index], field, block, focused.then_some(caret));
        }
        let focused = self.focus == MODE_FIELD;
        let choices: Vec<Span> = Mode::ALL
            .iter()
            .flat_map(|mode| {
                let style = if *mode == self.mode {
                    theme.selected()
                } else {
                    theme.dim()
                };
                [
                    Span::styled(format!(" {} ", texts.mode(*mode)), style),
                    Span::raw("  "),
                ]
            })
            .collect();
        let block = Block::bordered().title(Span::styled(
            texts.field_mode,
            if focused { theme.key() } else { theme.dim() },
        ));
        frame.render_widget(
            Paragraph::new(Line::from(choices)).block(block),
            rows[MODE_FIELD],
        );
    }
}

/// Why the form makes no session yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    NoName,
    /// The scheduled day, as typed, cannot be read.
    BadDate(String),
}

/// A day as a clerk types it: `2026-12-01`, `2026/12/1`, or `12/1` (the next such day from
/// `today` on, so that in December `1/5` is January's); empty is today.
pub(crate) fn parse_day(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Some(today);
    }
    let parts: Vec<&str> = text.split(['-', '/']).map(str::trim).collect();
    let number = |part: &str| part.parse::<u32>().ok();
    match parts.as_slice() {
        [year, month, day] => {
            NaiveDate::from_ymd_opt(year.parse().ok()?, number(month)?, number(day)?)
        }
        [month, day] => {
            let (month, day) = (number(month)?, number(day)?);
            let this_year = NaiveDate::from_ymd_opt(today.year(), month, day)?;
            if this_year >= today {
                Some(this_year)
            } else {
                NaiveDate::from_ymd_opt(today.year() + 1, month, day)
            }
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Keys

/// What the form's own keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Mode(Step),
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        match self {
            Command::Mode(_) => &keys.app.mode,
        }
    }
}

/// On the mode field; the text fields take these keys as text.
const MODE: Table<Command> = &[Binding::new(
    "←/→",
    Some("←/→"),
    &[
        (Key::code(KeyCode::Left), Command::Mode(Step::Previous)),
        (Key::code(KeyCode::Right), Command::Mode(Step::Next)),
        (Key::char(' '), Command::Mode(Step::Next)),
    ],
)];

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_as_a_clerk_types_them() {
        let today = day(2026, 12, 20);
        assert_eq!(parse_day("", today), Some(today));
        assert_eq!(parse_day("2026-12-21", today), Some(day(2026, 12, 21)));
        assert_eq!(parse_day("2027/1/5", today), Some(day(2027, 1, 5)));
        assert_eq!(parse_day("12/24", today), Some(day(2026, 12, 24)));
        assert_eq!(
            parse_day("1/5", today),
            Some(day(2027, 1, 5)),
            "next year's"
        );
        assert_eq!(parse_day("2026-02-30", today), None);
        assert_eq!(parse_day("tomorrow", today), None);
    }
}
