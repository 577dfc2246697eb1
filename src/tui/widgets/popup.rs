//! Overlays drawn over the screen: the key list and the yes/no question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use ratatui_textarea::TextArea;

use crate::i18n::Texts;
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::{self, CaretSlot};
use crate::tui::widgets::wrap::wrap;

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// Clear the popup's rectangle. A double-width character just left of it would have its
/// right half covered by the border, and the terminal would draw it over the border: blank
/// such characters (and the orphaned halves just right of it) first.
fn clear(frame: &mut Frame, rect: Rect) {
    let buffer = frame.buffer_mut();
    let area = buffer.area;
    for y in rect.top()..rect.bottom() {
        if rect.left() > area.left() {
            let cell = &mut buffer[(rect.left() - 1, y)];
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if rect.right() < area.right() {
            let cell = &mut buffer[(rect.right(), y)];
            if cell.symbol().is_empty() {
                cell.set_symbol(" ");
            }
        }
    }
    frame.render_widget(Clear, rect);
}

/// The key list: a line for each binding (its keys, what they do), then how to close it.
pub fn draw_help(
    frame: &mut Frame,
    area: Rect,
    texts: &Texts,
    theme: &Theme,
    rows: &[(&str, &str)],
    close: &str,
) {
    let key_width = rows
        .iter()
        .map(|(key, _)| unicode_width::UnicodeWidthStr::width(*key))
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for (key, what) in rows {
        let pad = key_width - unicode_width::UnicodeWidthStr::width(*key);
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}{} ", " ".repeat(pad)), theme.key()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {close}"), theme.dim()));
    let rect = centered(area, 64, lines.len() as u16 + 2);
    clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::styled(texts.help_title, theme.title()))),
        rect,
    );
}

/// What is missing, and a field for the specialist's reason to start anyway.
/// The words of a popup that asks for a reason.
pub struct ReasonWords<'a> {
    pub title: &'static str,
    /// Listed first, one bullet each.
    pub items: &'a [String],
    pub hint: &'a str,
    pub field: &'static str,
}

/// Requirements are missing: the clock starts only with the specialist's reason.
pub fn draw_override(
    frame: &mut Frame,
    area: Rect,
    texts: &Texts,
    theme: &Theme,
    missing: &[String],
    reason: &mut TextArea<'static>,
    caret: &CaretSlot,
) {
    let words = ReasonWords {
        title: texts.override_title,
        items: missing,
        hint: texts.override_hint,
        field: texts.override_reason,
    };
    draw_reason(frame, area, theme, &words, reason, caret);
}

/// A popup that asks for a reason in a text field, under a list and a hint.
pub fn draw_reason(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    words: &ReasonWords,
    reason: &mut TextArea<'static>,
    caret: &CaretSlot,
) {
    let missing = words.items;
    let width = 70.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for item in missing {
        for (row, piece) in wrap(item, inner_width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let bullet = if row == 0 { "・" } else { "  " };
            lines.push(Line::raw(format!("{bullet}{piece}")));
        }
    }
    lines.push(Line::raw(""));
    for piece in wrap(words.hint, inner_width) {
        lines.push(Line::styled(piece, theme.dim()));
    }
    let height = lines.len() as u16 + 5;
    let rect = centered(area, width, height);
    clear(frame, rect);
    let block = Block::bordered()
        .border_style(theme.error())
        .title(Span::styled(words.title, theme.error()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [text, field] = Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), text);
    let field_block = Block::bordered().title(Span::styled(words.field, theme.key()));
    text_field::draw(frame, field, reason, field_block, Some(caret));
}

/// A yes/no question; its first line is the question, further lines are notes (dimmed).
pub fn draw_confirm(frame: &mut Frame, area: Rect, question: &str, theme: &Theme) {
    let width = 64.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for (index, paragraph) in question.split('\n').enumerate() {
        let style = if index == 0 {
            Style::new()
        } else {
            theme.dim()
        };
        for piece in wrap(paragraph, inner_width) {
            lines.push(Line::styled(piece, style));
        }
    }
    let rect = centered(area, width, lines.len() as u16 + 2);
    clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(theme.key())),
        rect,
    );
}
