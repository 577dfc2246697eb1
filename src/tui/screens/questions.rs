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
use crate::tui::widgets::text_field;
use crate::tui::widgets::wrap::{display_width, wrap};
use crate::tui::widgets::wrapped::Wrapped;

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

    /// The text field that has the caret, if any.
    pub fn focused_field(&self) -> Option<&TextArea<'static>> {
        match &self.mode {
            Mode::Answer { field, .. } | Mode::EditText { field, .. } | Mode::Import { field } => {
                Some(field)
            }
            Mode::Add(form) => Some(match form.focus {
                AddField::Text => &form.text,
                AddField::AskedBy => &form.asked_by,
                AddField::Asker => return None,
            }),
            Mode::Browse
            | Mode::ChooseState { .. }
            | Mode::ConfirmDelete { .. }
            | Mode::Prompts(_) => None,
        }
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

    fn browse_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        selected: Option<usize>,
        now: Timestamp,
    ) -> TabOutcome {
        let t = self.texts;
        let Some(command) = lookup(BROWSE, &key) else {
            return TabOutcome::default();
        };
        if self.role == Role::Companion && command.specialist_only() {
            return info(t.specialist_only);
        }
        // Commands that need no question.
        match command {
            Command::Add => {
                self.mode = Mode::Add(Box::new(AddForm {
                    text: text_field::multi_line(""),
                    asker: match self.role {
                        Role::Specialist => Asker::Specialist,
                        Role::Companion => Asker::Companion,
                    },
                    asked_by: text_field::single_line(""),
                    focus: AddField::Text,
                }));
                return TabOutcome::default();
            }
            Command::Prompts => {
                return match prompt_list(self.lang) {
                    Ok(list) => {
                        self.mode = Mode::Prompts(Box::new(PromptBrowser {
                            lang: self.lang,
                            list,
                            topic: 0,
                            selected: 0,
                        }));
                        TabOutcome::default()
                    }
                    Err(err) => error(err.to_string()),
                };
            }
            Command::Import => {
                self.mode = Mode::Import {
                    field: text_field::single_line(""),
                };
                return TabOutcome::default();
            }
            Command::Advance => return self.advance(session, now),
            _ => {}
        }
        let Some(index) = selected else {
            return TabOutcome::default();
        };
        let count = session.questions.len();
        let id = session.questions[index].id.clone();
        let number = index + 1;
        match command {
            Command::Move(step) => self.move_selected(session, &id, step == Step::Previous),
            Command::Select(Step::Previous) => {
                self.select(session, index.saturating_sub(1));
                TabOutcome::default()
            }
            Command::Select(Step::Next) => {
                self.select(session, (index + 1).min(count - 1));
                TabOutcome::default()
            }
            Command::Edge(Edge::First) => {
                self.select(session, 0);
                TabOutcome::default()
            }
            Command::Edge(Edge::Last) => {
                self.select(session, count - 1);
                TabOutcome::default()
            }
            Command::Answer => {
                let text = session.questions[index].answer_of(self.role);
                self.mode = Mode::Answer {
                    id,
                    field: text_field::multi_line(text),
                };
                TabOutcome::default()
            }
            Command::Reword => {
                let question = &session.questions[index];
                if question.owner != self.role {
                    return info(t.wording_elsewhere);
                }
                self.mode = Mode::EditText {
                    id,
                    field: text_field::multi_line(&one_line(&question.text)),
                };
                TabOutcome::default()
            }
            Command::Delete => {
                self.mode = Mode::ConfirmDelete { id };
                TabOutcome::default()
            }
            Command::ChooseState => {
                self.mode = Mode::ChooseState { id };
                TabOutcome::default()
            }
            Command::MakeCurrent => {
                let q = number.to_string();
                if session.current_question() == Some(id.as_str()) {
                    session.set_current(None, now);
                    changed_with(t.current_cleared)
                } else {
                    session.set_current(Some(&id), now);
                    changed_with(fill(t.made_current, &[("q", &q)]))
                }
            }
            Command::Priority => {
                let question = &mut session.questions[index];
                question.priority = question.priority.next();
                let what = t.priority(question.priority);
                changed_with(fill(
                    t.set_to,
                    &[("q", &number.to_string()), ("what", what)],
                ))
            }
            _ => TabOutcome::default(),
        }
    }

    fn move_selected(&mut self, session: &mut Session, id: &str, up: bool) -> TabOutcome {
        if session.move_question(id, up) {
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        }
    }

    fn advance(&mut self, session: &mut Session, now: Timestamp) -> TabOutcome {
        let t = self.texts;
        let number = |session: &Session, id: &str| {
            session
                .question_position(id)
                .map_or(String::new(), |i| (i + 1).to_string())
        };
        let message = match session.answer_current_and_advance(now) {
            Advance::NothingOpen => return info(t.nothing_open),
            Advance::Started(id) => {
                self.select_id(session, &id);
                fill(t.started_with, &[("q", &number(session, &id))])
            }
            Advance::Next { answered, next } => {
                self.select_id(session, &next);
                let a = number(session, &answered);
                fill(
                    t.answered_next,
                    &[("a", &a), ("q", &number(session, &next))],
                )
            }
            Advance::Finished { answered } => {
                fill(t.answered_last, &[("a", &number(session, &answered))])
            }
        };
        changed_with(message)
    }

    fn answer_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        mut field: TextArea<'static>,
    ) -> (Mode, TabOutcome) {
        if lookup(ANSWER, &key) == Some(Command::StopAnswering) {
            return (Mode::Browse, TabOutcome::default());
        }
        let Some(question) = question_near(session, &id, self.selected_index) else {
            return (Mode::Browse, info(self.texts.question_gone));
        };
        let outcome = if field.input(key) {
            question.set_answer_of(self.role, text_field::text_of(&field));
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        };
        (Mode::Answer { id, field }, outcome)
    }

    fn edit_text_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        mut field: TextArea<'static>,
    ) -> (Mode, TabOutcome) {
        match lookup(FORM, &key) {
            Some(Command::Cancel) => (Mode::Browse, TabOutcome::default()),
            Some(Command::Save) => {
                let text = one_line(&text_field::text_of(&field)).trim().to_string();
                if text.is_empty() {
                    return (
                        Mode::EditText { id, field },
                        error(self.texts.text_required),
                    );
                }
                match session.question_mut(&id) {
                    Some(question) if question.text != text => {
                        question.text = text;
                        (Mode::Browse, TabOutcome::changed())
                    }
                    Some(_) => (Mode::Browse, TabOutcome::default()),
                    None => (Mode::Browse, info(self.texts.question_gone)),
                }
            }
            _ => {
                field.input(key);
                (Mode::EditText { id, field }, TabOutcome::default())
            }
        }
    }

    fn add_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        mut form: Box<AddForm>,
    ) -> (Mode, TabOutcome) {
        let next = |focus: AddField, forward: bool| {
            let order = [AddField::Text, AddField::Asker, AddField::AskedBy];
            let index = order.iter().position(|f| *f == focus).unwrap_or(0);
            order[(index + if forward { 1 } else { 2 }) % 3]
        };
        match lookup(ADD, &key) {
            Some(Command::Cancel) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::AddField(step)) => form.focus = next(form.focus, step == Step::Next),
            Some(Command::AddQuestion) => {
                let text = one_line(&text_field::text_of(&form.text))
                    .trim()
                    .to_string();
                if text.is_empty() {
                    form.focus = AddField::Text;
                    return (Mode::Add(form), error(self.texts.text_required));
                }
                let asked_by = text_field::text_of(&form.asked_by).trim().to_string();
                let question = Question {
                    owner: self.role,
                    ..Question::new(text, form.asker, asked_by)
                };
                let id = session.add_question(question, self.role.id_prefix());
                self.select_id(session, &id);
                let number = session.questions.len().to_string();
                return (
                    Mode::Browse,
                    changed_with(fill(self.texts.added, &[("q", &number)])),
                );
            }
            _ => match form.focus {
                AddField::Text => {
                    form.text.input(key);
                }
                AddField::AskedBy => {
                    form.asked_by.input(key);
                }
                AddField::Asker => {
                    if let Some(Command::Asker(step)) = lookup(ASKER, &key) {
                        form.asker = form.asker.cycle(step == Step::Next);
                    }
                }
            },
        }
        (Mode::Add(form), TabOutcome::default())
    }

    fn state_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        now: Timestamp,
    ) -> (Mode, TabOutcome) {
        let chosen = match lookup(STATE, &key) {
            Some(Command::Cancel) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::SetState(state)) => state,
            _ => return (Mode::ChooseState { id }, TabOutcome::default()),
        };
        if !session.set_question_state(&id, chosen, now) {
            return (Mode::Browse, TabOutcome::default());
        }
        let number = session
            .question_position(&id)
            .map_or(String::new(), |i| (i + 1).to_string());
        let what = self.texts.state(chosen);
        let message = fill(self.texts.set_to, &[("q", &number), ("what", what)]);
        (Mode::Browse, changed_with(message))
    }

    fn delete_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        now: Timestamp,
    ) -> (Mode, TabOutcome) {
        match lookup(DELETE, &key) {
            Some(Command::DeleteYes) => {
                if session.delete_question(&id, now) {
                    (Mode::Browse, changed_with(self.texts.deleted))
                } else {
                    (Mode::Browse, TabOutcome::default())
                }
            }
            Some(Command::DeleteNo) => (Mode::Browse, TabOutcome::default()),
            _ => (Mode::ConfirmDelete { id }, TabOutcome::default()),
        }
    }

    fn prompts_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        mut browser: Box<PromptBrowser>,
    ) -> (Mode, TabOutcome) {
        let topics = browser.list.topics.len();
        let in_topic = browser
            .list
            .topics
            .get(browser.topic)
            .map_or(0, |t| t.questions.len());
        match lookup(PROMPTS, &key) {
            Some(Command::ClosePrompts) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::Topic(Step::Previous)) if topics > 0 => {
                browser.topic = (browser.topic + topics - 1) % topics;
                browser.selected = 0;
            }
            Some(Command::Topic(Step::Next)) if topics > 0 => {
                browser.topic = (browser.topic + 1) % topics;
                browser.selected = 0;
            }
            Some(Command::PromptSelect(Step::Previous)) => {
                browser.selected = browser.selected.saturating_sub(1)
            }
            Some(Command::PromptSelect(Step::Next)) => {
                browser.selected = (browser.selected + 1).min(in_topic.saturating_sub(1));
            }
            Some(Command::PromptLanguage) => {
                let other = match browser.lang {
                    Lang::Ja => Lang::En,
                    Lang::En => Lang::Ja,
                };
                if let Ok(list) = prompt_list(other) {
                    browser.lang = other;
                    browser.list = list;
                    browser.topic = browser
                        .topic
                        .min(browser.list.topics.len().saturating_sub(1));
                    browser.selected = 0;
                }
            }
            Some(Command::TakePrompt) => {
                let Some(text) = browser
                    .list
                    .topics
                    .get(browser.topic)
                    .and_then(|t| t.questions.get(browser.selected))
                else {
                    return (Mode::Prompts(browser), TabOutcome::default());
                };
                if session
                    .questions
                    .iter()
                    .any(|q| q.text.trim() == text.trim())
                {
                    return (Mode::Prompts(browser), info(self.texts.already_there));
                }
                let question = Question {
                    owner: self.role,
                    ..Question::new(text.trim(), self.default_asker(), "")
                };
                let id = session.add_question(question, self.role.id_prefix());
                self.select_id(session, &id);
                let number = session.questions.len().to_string();
                let message = fill(self.texts.added, &[("q", &number)]);
                return (Mode::Prompts(browser), changed_with(message));
            }
            _ => {}
        }
        (Mode::Prompts(browser), TabOutcome::default())
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

    fn import_key(&mut self, key: KeyEvent, mut field: TextArea<'static>) -> (Mode, TabOutcome) {
        match lookup(FORM, &key) {
            Some(Command::Cancel) => (Mode::Browse, TabOutcome::default()),
            Some(Command::Save) => {
                let typed = text_field::text_of(&field);
                if typed.trim().is_empty() {
                    return (Mode::Import { field }, TabOutcome::default());
                }
                // The app reads the file and hands the questions to `imported`; the field
                // stays open until then, so a wrong path can be corrected.
                let path = import::expand_home(&typed);
                (
                    Mode::Import { field },
                    TabOutcome::effect(Effect::ImportQuestions(path)),
                )
            }
            _ => {
                field.input(key);
                (Mode::Import { field }, TabOutcome::default())
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let selected = self.selection(session);
        let t = self.texts;
        let level = session.urgency(ctx.now, &ctx.config.session.warn_minutes);
        let [pace_area, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        frame.render_widget(
            Paragraph::new(pace_line(session, level, t, ctx.theme, ctx.now)),
            pace_area,
        );
        if let Mode::Prompts(browser) = &self.mode {
            draw_prompts(frame, rest, browser, session, t, ctx.theme);
            return;
        }
        let count = u16::try_from(session.questions.len()).unwrap_or(u16::MAX);
        let cap = (rest.height * 2 / 5).max(3);
        let list_height = count.clamp(1, cap).min(rest.height);
        let [list_area, detail_area] =
            Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(rest);
        self.draw_list(frame, list_area, session, selected, level, ctx);
        let role = self.role;
        match &mut self.mode {
            Mode::Add(form) => draw_add(frame, detail_area, form, t, ctx.theme),
            Mode::EditText { field, .. } => draw_field(
                frame,
                detail_area,
                field,
                t.edit_title,
                t.field_text,
                ctx.theme,
            ),
            Mode::Import { field } => draw_field(
                frame,
                detail_area,
                field,
                t.import_title,
                t.import_field,
                ctx.theme,
            ),
            Mode::ChooseState { id } => {
                draw_state_chooser(frame, detail_area, session, id, t, ctx.theme)
            }
            Mode::ConfirmDelete { id } => {
                draw_confirm_delete(frame, detail_area, session, id, t, ctx.theme)
            }
            Mode::Answer { field, .. } => draw_detail(
                frame,
                detail_area,
                session,
                selected,
                Some(field),
                role,
                t,
                ctx,
                &mut self.detail,
            ),
            Mode::Browse | Mode::Prompts(_) => draw_detail(
                frame,
                detail_area,
                session,
                selected,
                None,
                role,
                t,
                ctx,
                &mut self.detail,
            ),
        }
    }

    fn draw_list(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        selected: Option<usize>,
        level: Urgency,
        ctx: &DrawContext,
    ) {
        let (t, theme) = (self.texts, ctx.theme);
        if session.questions.is_empty() {
            let lines: Vec<Line> = wrap(t.no_questions, usize::from(area.width).saturating_sub(1))
                .into_iter()
                .map(|piece| Line::styled(format!(" {piece}"), theme.dim()))
                .collect();
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let height = usize::from(area.height);
        if let Some(index) = selected {
            if index < self.list_offset {
                self.list_offset = index;
            } else if index >= self.list_offset + height {
                self.list_offset = index + 1 - height;
            }
        }
        self.list_offset = self
            .list_offset
            .min(session.questions.len().saturating_sub(height));
        let state_width = t
            .states_short
            .iter()
            .map(|s| display_width(s))
            .max()
            .unwrap_or(0);
        let mark_width = t
            .priority_marks
            .iter()
            .map(|s| display_width(s))
            .max()
            .unwrap_or(0);
        let width = usize::from(area.width);
        // " >12 state prio text… 12:34": the text takes what the fixed columns leave.
        let fixed = 4 + state_width + 1 + mark_width + 1;
        let time_width = 6;
        let text_width = width.saturating_sub(fixed + time_width);
        let current = session.current_question();
        let mut lines = Vec::new();
        for (index, question) in session
            .questions
            .iter()
            .enumerate()
            .skip(self.list_offset)
            .take(height)
        {
            let is_current = current == Some(question.id.as_str());
            let spent = session.time_on_question(&question.id, ctx.now);
            let spent = if spent > TimeDelta::zero() {
                format_duration(spent)
            } else {
                String::new()
            };
            let text_style = if stands_out(question, level) {
                theme.clock(level)
            } else if !question.state.is_open() {
                theme.dim()
            } else {
                Style::new()
            };
            let state_style = match question.state {
                QuestionState::Answered => theme.info(),
                QuestionState::Asked => theme.key(),
                _ => theme.dim(),
            };
            let mark = t.priority_mark(question.priority);
            let mark_style = match question.priority {
                Priority::High => theme.key(),
                _ => theme.dim(),
            };
            let mut line = Line::from(vec![
                Span::styled(
                    if is_current { ">" } else { " " },
                    theme.info().add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("{:>2} ", index + 1), theme.dim()),
                Span::styled(pad(t.state_short(question.state), state_width), state_style),
                Span::raw(" "),
                Span::styled(pad(mark, mark_width), mark_style),
                Span::raw(" "),
                Span::styled(
                    pad(&fit(&one_line(&question.text), text_width), text_width),
                    text_style,
                ),
                Span::styled(format!("{spent:>time_width$}"), theme.dim()),
            ]);
            if Some(index) == selected {
                line = line.style(theme.selected());
            }
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// The line over the list: how many questions are open, the time left, the pace per
/// question, and at the warnings the important ones not yet asked. (The current question
/// and its time are on its row.)
fn pace_line(
    session: &Session,
    level: Urgency,
    t: &QuestionsTexts,
    theme: &Theme,
    now: Timestamp,
) -> Line<'static> {
    if session.questions.is_empty() {
        return Line::raw("");
    }
    let pacing = session.pacing(now);
    let open = pacing.open.to_string();
    let mut spans = vec![Span::raw(" ")];
    let summary = if pacing.open == 0 {
        Span::styled(t.pace_all_done, theme.info())
    } else if let Some(per) = pacing.per_question {
        let text = fill(
            t.pace,
            &[
                ("n", &open),
                ("left", &format_duration(pacing.remaining)),
                ("pace", &format_duration(per)),
            ],
        );
        Span::styled(text, Style::new().add_modifier(Modifier::BOLD))
    } else if session.state() == ClockState::Ended {
        Span::raw(fill(t.pace_open, &[("n", &open)]))
    } else {
        Span::styled(
            fill(t.pace_over, &[("n", &open)]),
            theme.clock(Urgency::Overtime),
        )
    };
    spans.push(summary);
    if level >= Urgency::Warn && pacing.high_not_asked > 0 {
        spans.push(Span::raw(" · "));
        let text = fill(t.pace_high, &[("n", &pacing.high_not_asked.to_string())]);
        spans.push(Span::styled(text, theme.clock(level)));
    }
    Line::from(spans)
}

#[allow(clippy::too_many_arguments)]
fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    selected: Option<usize>,
    field: Option<&mut TextArea<'static>>,
    role: Role,
    t: &QuestionsTexts,
    ctx: &DrawContext,
    wraps: &mut DetailWraps,
) {
    let theme = ctx.theme;
    let Some(index) = selected else {
        return;
    };
    let question = &session.questions[index];
    let is_current = session.current_question() == Some(question.id.as_str());
    let mut title = format!(" Q{} · {}", index + 1, t.state(question.state));
    if question.priority != Priority::Normal {
        title.push_str(&format!(" · {}", t.priority(question.priority)));
    }
    if is_current {
        title.push_str(&format!(" · {}", t.current));
    }
    title.push(' ');
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let text_lines = wraps.text.get(&question.text, width.saturating_sub(1));
    let text_height = text_lines.len().min(3) as u16;
    let mut meta = t.asker(question.asker).to_string();
    if !question.asked_by.is_empty() && question.asked_by != meta {
        meta.push_str(&format!("（{}）", question.asked_by));
    }
    let spent = session.time_on_question(&question.id, ctx.now);
    if spent > TimeDelta::zero() {
        meta.push_str(&format!(" · {} {}", t.spent, format_duration(spent)));
    }
    if let Some(at) = question.answered_at {
        meta.push_str(&format!(" · {} {}", t.answered_at, at.format("%H:%M")));
    }
    let [text_area, meta_area, answers_area] = Layout::vertical([
        Constraint::Length(text_height),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let lines: Vec<Line> = text_lines
        .iter()
        .take(usize::from(text_height))
        .map(|piece| {
            Line::styled(
                format!(" {piece}"),
                Style::new().add_modifier(Modifier::BOLD),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {meta}"), theme.dim())),
        meta_area,
    );

    // A one-column margin, like the lines above.
    let answers_area = Rect {
        x: answers_area.x.saturating_add(1),
        width: answers_area.width.saturating_sub(1),
        ..answers_area
    };
    let width = usize::from(answers_area.width);
    let other_role = match role {
        Role::Specialist => Role::Companion,
        Role::Companion => Role::Specialist,
    };
    let other_text = question.answer_of(other_role);
    let other_lines = if other_text.is_empty() {
        &[]
    } else {
        wraps.other.get(other_text, width)
    };
    let available = answers_area.height;
    let other_height = if other_lines.is_empty() {
        0
    } else {
        (other_lines.len() as u16 + 1).min((available / 2).max(2))
    };
    let editing = field.is_some();
    // While typing, the editor lays the answer out itself.
    let mine_lines = if editing {
        &[]
    } else {
        wraps.mine.get(question.answer_of(role), width)
    };
    // The editor takes all the room there is; a written answer only what it needs, so the
    // other terminal's record sits right under it.
    let mine_height = if editing {
        available.saturating_sub(other_height)
    } else {
        (mine_lines.len() as u16 + 1).clamp(2, available.saturating_sub(other_height).max(2))
    };
    let [mine_area, other_area, _] = Layout::vertical([
        Constraint::Length(mine_height),
        Constraint::Length(other_height),
        Constraint::Min(0),
    ])
    .areas(answers_area);

    let (label, label_style) = if editing {
        (t.answer_editing.to_string(), theme.key())
    } else {
        (format!("{}{}", t.answer, t.answer_hint), theme.title())
    };
    let mine_block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(label, label_style));
    match field {
        Some(field) => text_field::draw(frame, mine_area, field, mine_block, true),
        None => {
            let lines: Vec<Line> = shown(mine_lines, mine_area);
            frame.render_widget(Paragraph::new(lines).block(mine_block), mine_area);
        }
    }
    if other_height > 0 {
        let label = match role {
            Role::Specialist => t.companion_answer,
            Role::Companion => t.specialist_answer,
        };
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(label, theme.title()));
        let lines: Vec<Line> = shown(other_lines, other_area);
        frame.render_widget(Paragraph::new(lines).block(block), other_area);
    }
}

/// The wrapped lines that fit in `area` (under its one-row title), as lines to draw.
fn shown(pieces: &[String], area: Rect) -> Vec<Line<'static>> {
    pieces
        .iter()
        .take(usize::from(area.height))
        .map(|piece| Line::raw(piece.clone()))
        .collect()
}

/// The inside of a form, one column in from the left like the lines around it.
fn form_inner(block: &Block, area: Rect) -> Rect {
    let inner = block.inner(area);
    Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

fn form_block(title: &str, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(format!(" {title} "), theme.key()))
}

fn label_block(label: &str, focused: bool, theme: &Theme) -> Block<'static> {
    let style = if focused { theme.key() } else { theme.dim() };
    Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(label.to_string(), style))
}

fn draw_field(
    frame: &mut Frame,
    area: Rect,
    field: &mut TextArea<'static>,
    title: &str,
    label: &str,
    theme: &Theme,
) {
    let outer = form_block(title, theme);
    let inner = form_inner(&outer, area);
    frame.render_widget(outer, area);
    let height = inner.height.min(4);
    let [rect, _] = Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(inner);
    text_field::draw(frame, rect, field, label_block(label, true, theme), true);
}

fn draw_add(frame: &mut Frame, area: Rect, form: &mut AddForm, t: &QuestionsTexts, theme: &Theme) {
    let outer = form_block(t.add_title, theme);
    let inner = form_inner(&outer, area);
    frame.render_widget(outer, area);
    let [text_area, asker_area, asked_by_area, _] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(inner);
    let focus = form.focus;
    text_field::draw(
        frame,
        text_area,
        &mut form.text,
        label_block(t.field_text, focus == AddField::Text, theme),
        focus == AddField::Text,
    );
    let mut spans = vec![Span::styled(
        format!("{}: ", t.field_asker),
        if focus == AddField::Asker {
            theme.key()
        } else {
            theme.dim()
        },
    )];
    for asker in Asker::ALL {
        let style = if asker == form.asker {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {} ", t.asker(asker)), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), asker_area);
    text_field::draw(
        frame,
        asked_by_area,
        &mut form.asked_by,
        label_block(t.field_asked_by, focus == AddField::AskedBy, theme),
        focus == AddField::AskedBy,
    );
}

fn draw_state_chooser(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    id: &str,
    t: &QuestionsTexts,
    theme: &Theme,
) {
    let Some(index) = session.question_position(id) else {
        return;
    };
    let state = session.questions[index].state;
    let title = fill(t.state_title, &[("q", &(index + 1).to_string())]);
    let lines: Vec<Line> = QuestionState::ALL
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let marker = if *s == state { ">" } else { " " };
            Line::from(vec![
                Span::styled(format!(" {marker} {} ", n + 1), theme.key()),
                Span::raw(t.state(*s)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(form_block(&title, theme)), area);
}

fn draw_confirm_delete(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    id: &str,
    t: &QuestionsTexts,
    theme: &Theme,
) {
    let Some(index) = session.question_position(id) else {
        return;
    };
    let question = &session.questions[index];
    let title = fill(t.confirm_delete, &[("q", &(index + 1).to_string())]);
    let width = usize::from(area.width).saturating_sub(1);
    let mut lines: Vec<Line> = wrap(&question.text, width)
        .into_iter()
        .map(|piece| Line::raw(format!(" {piece}")))
        .collect();
    if question.has_answer() {
        lines.push(Line::raw(""));
        for piece in wrap(t.delete_keeps_answers, width) {
            lines.push(Line::styled(format!(" {piece}"), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(form_block(&title, theme)), area);
}

fn draw_prompts(
    frame: &mut Frame,
    area: Rect,
    browser: &PromptBrowser,
    session: &Session,
    t: &QuestionsTexts,
    theme: &Theme,
) {
    let topics = &browser.list.topics;
    let Some(topic) = topics.get(browser.topic) else {
        return;
    };
    let title = format!(
        " {} ({}/{}) {} ",
        t.prompts_title,
        browser.topic + 1,
        topics.len(),
        topic.title
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [legend, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" {}", t.prompts_in_session),
            theme.dim(),
        )),
        legend,
    );
    // Each question wrapped with a hanging indent; scrolled so the selected one shows whole.
    let text_width = usize::from(list.width).saturating_sub(3);
    let items: Vec<Vec<String>> = topic
        .questions
        .iter()
        .map(|q| wrap(q, text_width))
        .collect();
    let height = usize::from(list.height);
    let mut first = 0;
    while first < browser.selected
        && items[first..=browser.selected.min(items.len().saturating_sub(1))]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            > height
    {
        first += 1;
    }
    let mut lines = Vec::new();
    for (index, (question, pieces)) in topic.questions.iter().zip(&items).enumerate().skip(first) {
        // Below the list's bottom nothing shows: no need to look each one up in the session.
        if lines.len() >= height {
            break;
        }
        let in_session = session
            .questions
            .iter()
            .any(|q| q.text.trim() == question.trim());
        let style = if index == browser.selected {
            theme.selected()
        } else if in_session {
            theme.dim()
        } else {
            Style::new()
        };
        for (row, piece) in pieces.iter().enumerate() {
            let marker = if row == 0 && in_session { " + " } else { "   " };
            lines.push(Line::from(vec![
                Span::styled(marker, theme.info()),
                Span::styled(piece.clone(), style),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// Cut `text` to `width` columns, marking the cut with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Pad `text` with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(display_width(text))));
    out
}

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Select(Step),
    Edge(Edge),
    Answer,
    Advance,
    MakeCurrent,
    ChooseState,
    Priority,
    Add,
    Reword,
    Move(Step),
    Delete,
    Prompts,
    Import,
    StopAnswering,
    /// A one-line form (a question's wording, a file's path).
    Save,
    Cancel,
    AddQuestion,
    AddField(Step),
    Asker(Step),
    SetState(QuestionState),
    DeleteYes,
    DeleteNo,
    Topic(Step),
    PromptSelect(Step),
    TakePrompt,
    PromptLanguage,
    ClosePrompts,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.questions;
        match self {
            Command::Select(_) => &k.select,
            Command::Edge(_) => &k.edges,
            Command::Answer => &k.answer,
            Command::Advance => &k.advance,
            Command::MakeCurrent => &k.current,
            Command::ChooseState | Command::Priority => &k.state_priority,
            Command::Add | Command::Reword => &k.add_reword,
            Command::Move(_) => &k.reorder,
            Command::Delete => &k.delete,
            Command::Prompts => &k.prompts,
            Command::Import => &k.import,
            Command::StopAnswering => &k.stop_answer,
            Command::Save => &k.save,
            Command::Cancel => &k.cancel,
            Command::AddQuestion => &k.add,
            Command::AddField(_) => &k.add_fields,
            Command::Asker(_) => &k.asker,
            Command::SetState(_) => &k.set_state,
            Command::DeleteYes => &k.delete_yes,
            Command::DeleteNo => &k.delete_no,
            Command::Topic(_) => &k.topic,
            Command::PromptSelect(_) => &k.prompt_select,
            Command::TakePrompt => &k.take_prompt,
            Command::PromptLanguage => &k.prompt_language,
            Command::ClosePrompts => &k.close_prompts,
        }
    }

    /// What only the specialist's terminal does (`model::roles`): the companion's is told
    /// so, and its help leaves these keys out.
    pub(crate) fn specialist_only(self) -> bool {
        matches!(
            self,
            Command::Advance
                | Command::MakeCurrent
                | Command::ChooseState
                | Command::Priority
                | Command::Move(_)
                | Command::Delete
        )
    }
}

/// Which tables have the keyboard, by the tab's mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    Browse,
    Answer,
    /// Rewording a question, or the path of a file to read.
    Form,
    Add,
    State,
    Delete,
    Prompts,
}

impl Keys {
    pub(crate) const ALL: [Keys; 7] = [
        Keys::Browse,
        Keys::Answer,
        Keys::Form,
        Keys::Add,
        Keys::State,
        Keys::Delete,
        Keys::Prompts,
    ];

    fn of(mode: &Mode) -> Keys {
        match mode {
            Mode::Browse => Keys::Browse,
            Mode::Answer { .. } => Keys::Answer,
            Mode::EditText { .. } | Mode::Import { .. } => Keys::Form,
            Mode::Add(_) => Keys::Add,
            Mode::ChooseState { .. } => Keys::State,
            Mode::ConfirmDelete { .. } => Keys::Delete,
            Mode::Prompts(_) => Keys::Prompts,
        }
    }

    /// The tables read in this mode (the asker's keys only on the asker's field).
    fn tables(self) -> &'static [Table<Command>] {
        match self {
            Keys::Browse => &[BROWSE],
            Keys::Answer => &[ANSWER],
            Keys::Form => &[FORM],
            Keys::Add => &[ADD, ASKER],
            Keys::State => &[STATE],
            Keys::Delete => &[DELETE],
            Keys::Prompts => &[PROMPTS],
        }
    }

    /// The bindings of the mode on `role`'s terminal, as the help lists them.
    pub(crate) fn entries(self, role: Role, keys: &'static KeyTexts) -> Vec<Entry> {
        let bindings = self.tables().iter().flat_map(|table| table.iter());
        let usable = bindings.filter(|binding| {
            role == Role::Specialist
                || !binding
                    .keys
                    .iter()
                    .any(|(_, command)| command.specialist_only())
        });
        entries(usable, |command| command.words(keys))
    }
}

const UP: Key = Key::code(KeyCode::Up);
const DOWN: Key = Key::code(KeyCode::Down);
const LEFT: Key = Key::code(KeyCode::Left);
const RIGHT: Key = Key::code(KeyCode::Right);
const ENTER: Key = Key::code(KeyCode::Enter);
const ESC: Key = Key::code(KeyCode::Esc);

const BROWSE: Table<Command> = &[
    up_down!(Command::Select(Step::Previous), Command::Select(Step::Next)),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Answer)]),
    Binding::new("n", Some("n"), &[(Key::char('n'), Command::Advance)]),
    Binding::new("c", Some("c"), &[(Key::char('c'), Command::MakeCurrent)]),
    Binding::new(
        "s / p",
        Some("s"),
        &[
            (Key::char('s'), Command::ChooseState),
            (Key::char('p'), Command::Priority),
        ],
    ),
    Binding::new(
        "a / t, E",
        Some("a"),
        &[
            (Key::char('a'), Command::Add),
            (Key::char('t'), Command::Reword),
            (Key::char('E'), Command::Reword),
        ],
    ),
    Binding::new(
        "K/J, Alt+↑/↓",
        None,
        &[
            (Key::char('K'), Command::Move(Step::Previous)),
            (Key::char('J'), Command::Move(Step::Next)),
            (Key::alt(KeyCode::Up), Command::Move(Step::Previous)),
            (Key::alt(KeyCode::Down), Command::Move(Step::Next)),
        ],
    ),
    Binding::new("d", None, &[(Key::char('d'), Command::Delete)]),
    Binding::new("l", Some("l"), &[(Key::char('l'), Command::Prompts)]),
    Binding::new("i", None, &[(Key::char('i'), Command::Import)]),
    home_end!(Command::Edge(Edge::First), Command::Edge(Edge::Last)),
];

/// Writing an answer: every other key is the field's.
const ANSWER: Table<Command> = &[Binding::new("Esc", None, &[(ESC, Command::StopAnswering)])];

const FORM: Table<Command> = &[
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Save)]),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

const ADD: Table<Command> = &[
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::AddQuestion)]),
    Binding::new(
        "Tab / Shift+Tab",
        Some("Tab"),
        &[
            (Key::code(KeyCode::Tab), Command::AddField(Step::Next)),
            (
                Key::code(KeyCode::BackTab),
                Command::AddField(Step::Previous),
            ),
        ],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

/// On the add form's asker field; the text fields take these keys as text.
const ASKER: Table<Command> = &[Binding::new(
    "←/→",
    Some("←/→"),
    &[
        (LEFT, Command::Asker(Step::Previous)),
        (UP, Command::Asker(Step::Previous)),
        (RIGHT, Command::Asker(Step::Next)),
        (DOWN, Command::Asker(Step::Next)),
        (Key::char(' '), Command::Asker(Step::Next)),
    ],
)];

const STATE: Table<Command> = &[
    Binding::new(
        "1-5",
        Some("1-5"),
        &[
            (Key::char('1'), Command::SetState(QuestionState::ALL[0])),
            (Key::char('2'), Command::SetState(QuestionState::ALL[1])),
            (Key::char('3'), Command::SetState(QuestionState::ALL[2])),
            (Key::char('4'), Command::SetState(QuestionState::ALL[3])),
            (Key::char('5'), Command::SetState(QuestionState::ALL[4])),
        ],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

const DELETE: Table<Command> = &[
    Binding::new(
        "y",
        Some("y"),
        &[
            (Key::char('y'), Command::DeleteYes),
            (Key::char('Y'), Command::DeleteYes),
        ],
    ),
    Binding::new(
        "n, Esc",
        Some("n"),
        &[
            (Key::char('n'), Command::DeleteNo),
            (Key::char('N'), Command::DeleteNo),
            (ESC, Command::DeleteNo),
        ],
    ),
];

const PROMPTS: Table<Command> = &[
    Binding::new(
        "←/→, h/l",
        Some("←/→"),
        &[
            (LEFT, Command::Topic(Step::Previous)),
            (Key::char('h'), Command::Topic(Step::Previous)),
            (RIGHT, Command::Topic(Step::Next)),
            (Key::char('l'), Command::Topic(Step::Next)),
        ],
    ),
    up_down!(
        Command::PromptSelect(Step::Previous),
        Command::PromptSelect(Step::Next)
    ),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::TakePrompt)]),
    Binding::new(
        "Tab",
        Some("Tab"),
        &[(Key::code(KeyCode::Tab), Command::PromptLanguage)],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::ClosePrompts)]),
];
