//! Drawing the questions tab: the frame from the tab's state, nothing written.

#[allow(unused_imports)]
use super::*;

impl QuestionsTab {
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
            Mode::Add(form) => draw_add(frame, detail_area, form, t, ctx),
            Mode::EditText { field, .. } => {
                draw_field(frame, detail_area, field, t.edit_title, t.field_text, ctx)
            }
            Mode::Import { field } => draw_field(
                frame,
                detail_area,
                field,
                t.import_title,
                t.import_field,
                ctx,
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

    pub(super) fn draw_list(
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
            // The current question's row is bold and coloured as well as marked, so it is
            // never taken for the selected one (reversed).
            let text_style = if stands_out(question, level) {
                theme.clock(level)
            } else if is_current {
                theme.title()
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
                Span::styled(
                    format!("{:>2} ", index + 1),
                    if is_current {
                        theme.title()
                    } else {
                        theme.dim()
                    },
                ),
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
pub(super) fn pace_line(
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
pub(super) fn draw_detail(
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
    // Another question is the one being discussed: said where the answer is written, so
    // that an answer never goes to the selected question for the current one.
    let elsewhere = session
        .current_question()
        .filter(|_| !is_current)
        .and_then(|id| session.question_position(id))
        .map(|at| fill(t.current_is, &[("q", &(at + 1).to_string())]));
    let mut title = format!(" Q{} · {}", index + 1, t.state(question.state));
    if question.priority != Priority::Normal {
        title.push_str(&format!(" · {}", t.priority(question.priority)));
    }
    if is_current {
        title.push_str(&format!(" · {}", t.current));
    }
    title.push(' ');
    let mut title = vec![Span::styled(title, theme.title())];
    if let Some(elsewhere) = &elsewhere {
        title.push(Span::styled(format!(" {elsewhere} "), theme.error()));
    }
    let block = Block::new().borders(Borders::TOP).title(Line::from(title));
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
        match &elsewhere {
            Some(elsewhere) => (
                format!(
                    "{} — Q{} ({elsewhere})",
                    t.answer_editing.trim_end(),
                    index + 1
                ),
                theme.error(),
            ),
            None => (t.answer_editing.to_string(), theme.key()),
        }
    } else {
        (format!("{}{}", t.answer, t.answer_hint), theme.title())
    };
    let mine_block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(label, label_style));
    match field {
        Some(field) => text_field::draw(frame, mine_area, field, mine_block, Some(ctx.caret)),
        None => {
            let lines: Vec<Line> = shown(mine_lines, mine_area);
            frame.render_widget(Paragraph::new(lines).block(mine_block), mine_area);
        }
    }
    if other_height > 0 {
        let mut label = match role {
            Role::Specialist => t.companion_answer,
            Role::Companion => t.specialist_answer,
        }
        .to_string();
        if role == Role::Specialist && question.companion_in_letter {
            label.push_str(t.in_letter);
        }
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(label, theme.title()));
        let lines: Vec<Line> = shown(other_lines, other_area);
        frame.render_widget(Paragraph::new(lines).block(block), other_area);
    }
}
