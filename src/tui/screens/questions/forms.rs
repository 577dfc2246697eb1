//! The questions tab's forms drawn: adding a question, choosing a state, confirming a
//! deletion, the prompt lists; and the text fitting they share.

#[allow(unused_imports)]
use super::*;

/// The wrapped lines that fit in `area` (under its one-row title), as lines to draw.
pub(super) fn shown(pieces: &[String], area: Rect) -> Vec<Line<'static>> {
    pieces
        .iter()
        .take(usize::from(area.height))
        .map(|piece| Line::raw(piece.clone()))
        .collect()
}

/// The inside of a form, one column in from the left like the lines around it.
pub(super) fn form_inner(block: &Block, area: Rect) -> Rect {
    let inner = block.inner(area);
    Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

pub(super) fn form_block(title: &str, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(format!(" {title} "), theme.key()))
}

pub(super) fn label_block(label: &str, focused: bool, theme: &Theme) -> Block<'static> {
    let style = if focused { theme.key() } else { theme.dim() };
    Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(label.to_string(), style))
}

pub(super) fn draw_field(
    frame: &mut Frame,
    area: Rect,
    field: &mut TextArea<'static>,
    title: &str,
    label: &str,
    ctx: &DrawContext,
) {
    let theme = ctx.theme;
    let outer = form_block(title, theme);
    let inner = form_inner(&outer, area);
    frame.render_widget(outer, area);
    let height = inner.height.min(4);
    let [rect, _] = Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(inner);
    let block = label_block(label, true, theme);
    text_field::draw(frame, rect, field, block, Some(ctx.caret));
}

pub(super) fn draw_add(
    frame: &mut Frame,
    area: Rect,
    form: &mut AddForm,
    t: &QuestionsTexts,
    ctx: &DrawContext,
) {
    let theme = ctx.theme;
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
        (focus == AddField::Text).then_some(ctx.caret),
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
        (focus == AddField::AskedBy).then_some(ctx.caret),
    );
}

pub(super) fn draw_state_chooser(
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

pub(super) fn draw_confirm_delete(
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

pub(super) fn draw_prompts(
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
pub(super) fn fit(text: &str, width: usize) -> String {
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
pub(super) fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(display_width(text))));
    out
}
