//! A new session from the keyboard: the patient's name, reading, ID and the mode.

use chrono::NaiveDate;
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

const TEXT_FIELDS: usize = 3;
const MODE_FIELD: usize = TEXT_FIELDS;

pub struct NewSessionScreen {
    pub today: NaiveDate,
    /// Name, reading (kana), hospital ID.
    pub fields: [TextArea<'static>; TEXT_FIELDS],
    pub mode: Mode,
    pub focus: usize,
}

impl NewSessionScreen {
    pub fn new(today: NaiveDate) -> Self {
        NewSessionScreen {
            today,
            fields: std::array::from_fn(|_| text_field::single_line("")),
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

    /// The session to create, or None while the patient's name is empty.
    pub fn draft(&self) -> Option<NewSession> {
        let [name, kana, id] = self
            .fields
            .each_ref()
            .map(|f| text_field::text_of(f).trim().to_string());
        if name.is_empty() {
            return None;
        }
        Some(NewSession {
            scheduled_date: self.today,
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
            Constraint::Min(0),
        ])
        .split(inner);
        let labels = [texts.field_name, texts.field_kana, texts.field_hospital_id];
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
