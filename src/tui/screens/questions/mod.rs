//! The questions tab (F2): the prepared questions tracked live (which one is being asked,
//! their states and priorities, the time each took, the pace left per open question) and
//! the answer editor. The companion's terminal uses the same tab; there it changes only
//! what the companion owns (see `model::roles`) and says so calmly when asked for more.

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthChar;

use crate::config::Lang;
use crate::core::import;
use crate::i18n::fill;
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::i18n::questions::QuestionsTexts;
use crate::model::alerts::Urgency;
use crate::model::clock::format_duration;
use crate::model::question::{Advance, stands_out};
use crate::model::{
    Asker, ClockState, Priority, Question, QuestionState, Role, Session, Timestamp,
};
use crate::prompts::{PromptList, prompt_list};
use crate::tui::action::Action;
use crate::tui::keymap::{
    self, Binding, Context, Edge, Entry, Key, Step, Table, entries, hint_line, home_end, lookup,
    up_down,
};
use crate::tui::outcome::{DrawContext, Effect, Status, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::{self, FieldId};
use crate::tui::widgets::wrap::{display_width, wrap};
use crate::tui::widgets::wrapped::Wrapped;

mod draw;
mod forms;
mod keys;
mod modes;

#[allow(unused_imports)]
use draw::*;
#[allow(unused_imports)]
use forms::*;
#[allow(unused_imports)]
pub(crate) use keys::*;

/// What has the keyboard inside the tab. Anything but `Browse` counts as editing, so that
/// every key (Esc and Space included) comes here rather than to the global keys.
enum Mode {
    Browse,
    Answer {
        id: String,
        field: TextArea<'static>,
    },
    EditText {
        id: String,
        field: TextArea<'static>,
    },
    Add(Box<AddForm>),
    ChooseState {
        id: String,
    },
    ConfirmDelete {
        id: String,
    },
    Prompts(Box<PromptBrowser>),
    Import {
        field: TextArea<'static>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddField {
    Text,
    Asker,
    AskedBy,
}

struct AddForm {
    text: TextArea<'static>,
    asker: Asker,
    asked_by: TextArea<'static>,
    focus: AddField,
}

struct PromptBrowser {
    lang: Lang,
    list: PromptList,
    topic: usize,
    selected: usize,
}

pub struct QuestionsTab {
    role: Role,
    lang: Lang,
    texts: &'static QuestionsTexts,
    /// The selection follows the question, not the row, so that a reorder or a merge from
    /// the other terminal never moves it to another question.
    selected_id: Option<String>,
    /// Where to select when the selected question disappears.
    selected_index: usize,
    list_offset: usize,
    mode: Mode,
    /// The selected question's text and answers as last wrapped for the detail below the
    /// list: a frame while an answer is typed wraps only what the key changed.
    detail: DetailWraps,
}

/// The texts of the detail view, each kept wrapped (see `Wrapped`: a text that changed, by
/// this terminal or the other's merge, or another width, is wrapped again).
#[derive(Default)]
struct DetailWraps {
    text: Wrapped,
    mine: Wrapped,
    other: Wrapped,
}

fn info(text: impl Into<String>) -> TabOutcome {
    TabOutcome {
        status: Some(Status::info(text)),
        ..TabOutcome::default()
    }
}

fn error(text: impl Into<String>) -> TabOutcome {
    TabOutcome {
        status: Some(Status::error(text)),
        ..TabOutcome::default()
    }
}

fn changed_with(text: impl Into<String>) -> TabOutcome {
    TabOutcome {
        changed: true,
        status: Some(Status::info(text)),
        ..TabOutcome::default()
    }
}

/// The question `id`, looked for at `index` first: the answer being typed is the selected
/// question's, and a key need not compare the ids of a long list (a cold cache makes
/// that a good part of a keystroke's time).
fn question_near<'a>(session: &'a mut Session, id: &str, index: usize) -> Option<&'a mut Question> {
    if session.questions.get(index).is_some_and(|q| q.id == id) {
        return session.questions.get_mut(index);
    }
    session.question_mut(id)
}

/// Fields take one line of text; pasted line ends become spaces.
fn one_line(text: &str) -> String {
    text.replace('\n', " ")
}

impl QuestionsTab {
    pub fn new(session: &Session, role: Role, lang: Lang) -> Self {
        QuestionsTab {
            role,
            lang,
            texts: lang.questions_texts(),
            selected_id: session
                .current_question()
                .map(str::to_string)
                .or_else(|| session.questions.first().map(|q| q.id.clone())),
            selected_index: 0,
            list_offset: 0,
            mode: Mode::Browse,
            detail: DetailWraps::default(),
        }
    }

    pub fn editing(&self) -> bool {
        !matches!(self.mode, Mode::Browse)
    }

    /// Leave whatever form or field is open, keeping nothing more of it.
    pub(crate) fn stop_editing(&mut self) {
        self.mode = Mode::Browse;
    }

    /// The text field that has the caret, if any.
    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        let at = self.selected_index;
        match &self.mode {
            Mode::Answer { field, .. } => Some((FieldId::new("answer", at), field)),
            Mode::EditText { field, .. } => Some((FieldId::new("question", at), field)),
            Mode::Import { field } => Some((FieldId::new("import", 0), field)),
            Mode::Add(form) => match form.focus {
                AddField::Text => Some((FieldId::new("new question", 0), &form.text)),
                AddField::AskedBy => Some((FieldId::new("new question", 2), &form.asked_by)),
                AddField::Asker => None,
            },
            Mode::Browse
            | Mode::ChooseState { .. }
            | Mode::ConfirmDelete { .. }
            | Mode::Prompts(_) => None,
        }
    }

    /// Whether `key` goes into the field with the caret as text (none of the form's keys).
    pub fn takes_as_text(&self, key: &KeyEvent) -> bool {
        let table = match &self.mode {
            Mode::Answer { .. } => ANSWER,
            Mode::EditText { .. } | Mode::Import { .. } => FORM,
            Mode::Add(form) if form.focus != AddField::Asker => ADD,
            _ => return false,
        };
        lookup(table, key).is_none()
    }

    pub fn texts(&self) -> &'static QuestionsTexts {
        self.texts
    }

    /// The keys of the tab as it is, as the help lists them.
    pub fn key_entries(&self, keys: &'static KeyTexts) -> Vec<Entry> {
        Keys::of(&self.mode).entries(self.role, keys)
    }

    /// The hint line: the keys of the mode, or what to do while writing an answer.
    pub fn hints(&self, keys: &'static KeyTexts) -> String {
        let mode = Keys::of(&self.mode);
        if mode == Keys::Answer {
            return self.texts.hints_answer.to_string();
        }
        let mut shown = mode.entries(self.role, keys);
        if mode == Keys::Browse {
            // The companion's line has room for quitting; the specialist's has not.
            let global: &[Action] = match self.role {
                Role::Specialist => &[Action::ToggleHelp],
                Role::Companion => &[Action::ToggleHelp, Action::Quit],
            };
            shown.extend(keymap::entries_giving(&keys.app, Context::Session, global));
        }
        hint_line(&shown)
    }

    /// The index of the selected question, re-found by id (None when there are none).
    fn selection(&mut self, session: &Session) -> Option<usize> {
        if session.questions.is_empty() {
            self.selected_id = None;
            return None;
        }
        // Looked for where it was last seen first: comparing the ids of thousands of
        // questions at every frame would cost more than drawing them.
        let at = self.selected_index;
        let index = self
            .selected_id
            .as_deref()
            .and_then(|id| match session.questions.get(at) {
                Some(question) if question.id == id => Some(at),
                _ => session.question_position(id),
            })
            .unwrap_or_else(|| self.selected_index.min(session.questions.len() - 1));
        self.select(session, index);
        Some(index)
    }

    fn select(&mut self, session: &Session, index: usize) {
        if let Some(question) = session.questions.get(index) {
            self.selected_index = index;
            self.selected_id = Some(question.id.clone());
        }
    }

    fn select_id(&mut self, session: &Session, id: &str) {
        if let Some(index) = session.question_position(id) {
            self.select(session, index);
        }
    }

    /// After the other terminal's changes were merged in: leave a form whose question is
    /// gone (deleted on the specialist's terminal).
    pub fn after_merge(&mut self, session: &Session) -> Option<Status> {
        let id = match &self.mode {
            Mode::Answer { id, .. }
            | Mode::EditText { id, .. }
            | Mode::ChooseState { id }
            | Mode::ConfirmDelete { id } => id,
            _ => return None,
        };
        if session.question(id).is_some() {
            return None;
        }
        self.mode = Mode::Browse;
        Some(Status::info(self.texts.question_gone))
    }

    pub fn key(&mut self, session: &mut Session, key: KeyEvent, now: Timestamp) -> TabOutcome {
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        let (mode, outcome) = match mode {
            // Browsing may open a form: it sets `self.mode` itself.
            Mode::Browse => {
                let selected = self.selection(session);
                return self.browse_key(session, key, selected, now);
            }
            Mode::Answer { id, field } => self.answer_key(session, key, id, field),
            Mode::EditText { id, field } => self.edit_text_key(session, key, id, field),
            Mode::Add(form) => self.add_key(session, key, form),
            Mode::ChooseState { id } => self.state_key(session, key, id, now),
            Mode::ConfirmDelete { id } => self.delete_key(session, key, id, now),
            Mode::Prompts(browser) => self.prompts_key(session, key, browser),
            Mode::Import { field } => self.import_key(key, field),
        };
        self.mode = mode;
        outcome
    }

    pub fn paste(&mut self, session: &mut Session, text: &str) -> TabOutcome {
        match &mut self.mode {
            Mode::Answer { id, field } => {
                let Some(question) = question_near(session, id, self.selected_index) else {
                    return TabOutcome::default();
                };
                if field.insert_str(text) {
                    question.set_answer_of(self.role, text_field::text_of(field));
                    return TabOutcome::changed();
                }
            }
            Mode::EditText { field, .. } | Mode::Import { field } => {
                field.insert_str(one_line(text));
            }
            Mode::Add(form) => {
                let field = match form.focus {
                    AddField::Text => &mut form.text,
                    AddField::AskedBy => &mut form.asked_by,
                    AddField::Asker => return TabOutcome::default(),
                };
                field.insert_str(one_line(text));
            }
            _ => {}
        }
        TabOutcome::default()
    }

    fn default_asker(&self) -> Asker {
        self.role.default_asker()
    }

    /// What came of the import the tab asked for (`Effect::ImportQuestions`): the count
    /// added and skipped as duplicates, or why the file could not be read, in which case
    /// the path stays in its field to be corrected.
    pub fn imported(&mut self, result: Result<(usize, usize), String>) -> TabOutcome {
        match result {
            Ok((added, skipped)) => {
                if matches!(self.mode, Mode::Import { .. }) {
                    self.mode = Mode::Browse;
                }
                let message = fill(
                    self.texts.imported,
                    &[("n", &added.to_string()), ("skipped", &skipped.to_string())],
                );
                TabOutcome {
                    changed: added > 0,
                    status: Some(Status::info(message)),
                    ..TabOutcome::default()
                }
            }
            Err(err) => error(err),
        }
    }
}
