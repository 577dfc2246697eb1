//! The consultation tab: the prepared questions at a glance, the clock's record with the
//! fee, and the specialist's notes.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use crate::i18n::keys::{KeyText, KeyTexts};
use crate::i18n::questions::QuestionsTexts;
use crate::i18n::{Texts, fill};
use crate::model::fee::format_amount;
use crate::model::{EventKind, Session};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding, Context, Entry, Key, Table, entries, hint_line, lookup};
use crate::tui::outcome::{DrawContext, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::{self, FieldId};
use crate::tui::widgets::wrap::{display_width, wrap};
use crate::tui::widgets::wrapped::WrapCache;

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    EditNotes,
    StopEditing,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        match self {
            Command::EditNotes => &keys.consult.edit_notes,
            Command::StopEditing => &keys.consult.stop_notes,
        }
    }
}

const NOTES_SHUT: Table<Command> = &[Binding::new(
    "m, Tab, Enter",
    Some("m"),
    &[
        (Key::char('m'), Command::EditNotes),
        (Key::code(KeyCode::Tab), Command::EditNotes),
        (Key::code(KeyCode::Enter), Command::EditNotes),
    ],
)];

/// Writing the notes: every other key is the field's (`text_field::input`).
const NOTES_OPEN: Table<Command> = &[Binding::new(
    "Esc",
    None,
    &[(Key::code(KeyCode::Esc), Command::StopEditing)],
)];

pub struct ConsultTab {
    memo: TextArea<'static>,
    pub editing: bool,
    /// The questions on screen, wrapped, by id: typing in the notes redraws the list at
    /// every key, and it need not be wrapped again.
    question_rows: WrapCache<String>,
}

impl ConsultTab {
    pub fn new(session: &Session) -> Self {
        ConsultTab {
            memo: text_field::multi_line(&session.memo),
            editing: false,
            question_rows: WrapCache::default(),
        }
    }

    pub fn focused_field(&self) -> Option<(FieldId, &TextArea<'static>)> {
        self.editing
            .then_some((FieldId::new("notes", 0), &self.memo))
    }

    /// Whether `key` goes into the notes as text (none of the tab's keys while writing).
    pub fn takes_as_text(&self, key: &KeyEvent) -> bool {
        self.editing && lookup(NOTES_OPEN, key).is_none()
    }

    pub fn key(&mut self, session: &mut Session, key: KeyEvent, _texts: &Texts) -> TabOutcome {
        if !self.editing {
            if lookup(NOTES_SHUT, &key) == Some(Command::EditNotes) {
                self.editing = true;
            }
            return TabOutcome::default();
        }
        let changed = match lookup(NOTES_OPEN, &key) {
            Some(Command::StopEditing) => {
                self.editing = false;
                return TabOutcome::default();
            }
            Some(Command::EditNotes) | None => text_field::input(&mut self.memo, key),
        };
        if changed {
            session.memo = text_field::text_of(&self.memo);
            return TabOutcome::changed();
        }
        TabOutcome::default()
    }

    /// The keys of the tab as it is (the notes shut, or being written), as the help lists
    /// them.
    pub fn key_entries(&self, keys: &'static KeyTexts) -> Vec<Entry> {
        Self::entries_of(self.editing, keys)
    }

    /// The hint line: the clock's keys (the session's, which this tab is for) around the
    /// tab's own, or what to do while writing the notes.
    pub fn hints(&self, texts: &'static Texts) -> String {
        if self.editing {
            return texts.hints_memo.to_string();
        }
        let app = &texts.keys.app;
        let clock = [Action::ToggleClock, Action::AskExtend, Action::AskEnd];
        let way_out = [Action::Back, Action::ToggleHelp, Action::Quit];
        let mut shown = keymap::entries_giving(app, Context::Session, &clock);
        shown.extend(self.key_entries(texts.keys));
        shown.extend(keymap::entries_giving(app, Context::Session, &way_out));
        hint_line(&shown)
    }

    pub fn entries_of(editing: bool, keys: &'static KeyTexts) -> Vec<Entry> {
        let table = if editing { NOTES_OPEN } else { NOTES_SHUT };
        let mut shown = entries(table, |command| command.words(keys));
        if editing {
            shown.extend(text_field::entries_of_fields(keys));
        }
        shown
    }

    pub fn paste(&mut self, session: &mut Session, text: &str) -> TabOutcome {
        if self.editing && self.memo.insert_str(text) {
            session.memo = text_field::text_of(&self.memo);
            return TabOutcome::changed();
        }
        TabOutcome::default()
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let (texts, theme) = (ctx.texts, ctx.theme);
        let memo_height = (area.height / 3).clamp(3, 12);
        let [upper, memo] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(memo_height)]).areas(area);
        let [questions, record] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(upper);
        let words = ctx.config.ui.language.questions_texts();
        let rows = &mut self.question_rows;
        draw_questions(frame, questions, session, texts, words, theme, rows);
        draw_record(frame, record, session, ctx);

        let (title, style) = if self.editing {
            (texts.memo_editing, theme.key())
        } else {
            (texts.memo, theme.title())
        };
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(title, style));
        let caret = self.editing.then_some(ctx.caret);
        text_field::draw(frame, memo, &mut self.memo, block, caret);
    }
}

/// The questions from the top, as many as the panel shows: those below it are not laid
/// out at all, so the frame costs the same with 10 questions or 5,000.
fn draw_questions(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    texts: &Texts,
    words: &QuestionsTexts,
    theme: &Theme,
    rows: &mut WrapCache<String>,
) {
    let block = Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .title(Span::styled(texts.questions, theme.title()));
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    if session.questions.is_empty() {
        lines.push(Line::styled(texts.no_questions, theme.dim()));
    }
    // A hanging indent: the number and state in their own columns, the text wrapped
    // beside them. The questions tab (F2) is where they are worked through.
    let state_width = words
        .states_short
        .iter()
        .map(|s| display_width(s))
        .max()
        .unwrap_or(0);
    let indent = 5 + state_width;
    let text_width = usize::from(inner.width).saturating_sub(indent);
    let current = session.current_question();
    let mut text = String::new();
    for (i, question) in session.questions.iter().enumerate() {
        if lines.len() >= height {
            break;
        }
        let who = if question.asked_by.is_empty() {
            words.asker(question.asker)
        } else {
            &question.asked_by
        };
        text.clear();
        text.push_str(&question.text);
        text.push_str(" (");
        text.push_str(who);
        text.push(')');
        let state = words.state_short(question.state);
        let state_style = if question.state.is_open() {
            theme.dim()
        } else {
            theme.info()
        };
        let pieces = rows.get(question.id.as_str(), &text, text_width);
        for (row, piece) in pieces.iter().enumerate() {
            let mut spans = if row == 0 {
                let marker = if current == Some(question.id.as_str()) {
                    ">"
                } else {
                    " "
                };
                vec![
                    Span::styled(format!("{marker}{:>2} ", i + 1), theme.dim()),
                    Span::styled(state.to_string(), state_style),
                    Span::raw(" ".repeat(state_width - display_width(state) + 1)),
                ]
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.push(Span::raw(piece.clone()));
            lines.push(Line::from(spans));
        }
    }
    rows.sweep();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_record(frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
    let (texts, theme) = (ctx.texts, ctx.theme);
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(texts.record, theme.title()));
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
        // The minutes an extension adds; a withdrawal's name says they were taken back.
        if let Some(minutes) = event.minutes.filter(|_| event.kind == EventKind::Extend) {
            text.push(' ');
            text.push_str(&fill(texts.ev_minutes, &[("m", &minutes.to_string())]));
        }
        lines.push(Line::raw(text));
    }
    lines.push(Line::raw(""));
    // As it stands now: an extension whose time is being used counts already.
    let fee = &session.fee_at(ctx.now);
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
