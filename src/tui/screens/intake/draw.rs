//! Drawing the intake tab: the frame from the tab's state, nothing written.

#[allow(unused_imports)]
use super::*;
use crate::tui::widgets::one_line;

impl IntakeTab {
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let t = ctx.config.ui.language.intake_texts();
        let theme = ctx.theme;
        let missing = session.missing_requirements();
        let status_lines: Vec<Line> = if missing.is_empty() {
            vec![Line::styled(format!(" {}", t.eligible), theme.info())]
        } else {
            missing
                .iter()
                .flat_map(|m| {
                    wrap(
                        &ctx.texts.missing(m),
                        usize::from(area.width).saturating_sub(3),
                    )
                })
                .map(|piece| Line::styled(format!(" ・{piece}"), theme.error()))
                .collect()
        };
        let status_height = (status_lines.len() as u16).min(area.height / 3).max(1);
        let [status, form] =
            Layout::vertical([Constraint::Length(status_height), Constraint::Min(0)]).areas(area);
        frame.render_widget(Paragraph::new(status_lines), status);

        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(t.title, theme.title()));
        let inner = block.inner(form);
        frame.render_widget(block, form);
        let rows = rows(session, t);
        let label_width = 22usize.min(usize::from(inner.width) / 2);
        let mut lines: Vec<Line> = Vec::new();
        let mut focus_line = 0;
        let mut field_index = 0;
        let mut caret: Option<(u16, u16)> = None;
        for row in rows {
            match row {
                Row::Heading(heading) => {
                    lines.push(Line::styled(format!("■ {heading}"), theme.title()))
                }
                Row::Field(field) => {
                    let focused = field_index == self.focus;
                    let label = label(field, t);
                    let pad = label_width
                        .saturating_sub(crate::tui::widgets::wrap::display_width(&label));
                    let label_span = Span::styled(
                        format!("  {label}{}", " ".repeat(pad)),
                        if focused {
                            theme.selected()
                        } else {
                            theme.dim()
                        },
                    );
                    // Values get the columns after the label; a long one is cut with
                    // "…", and scrolled to keep the caret in view while it is typed.
                    let value_x = label_width + 3;
                    let room = usize::from(inner.width).saturating_sub(value_x + 1);
                    let (shown, style) = match &self.editor {
                        Some((editing, editor)) if *editing == field && focused => {
                            let text = text_field::text_of(editor);
                            let shown = one_line::window(&text, Some(editor.cursor().1), room);
                            let col = value_x + shown.caret.unwrap_or(0);
                            caret = Some((lines.len() as u16, col as u16));
                            (shown.text, theme.key())
                        }
                        _ => {
                            let shown = value(session, field, ctx.texts, t);
                            if shown.is_empty() {
                                (t.unset.to_string(), theme.dim())
                            } else {
                                (
                                    one_line::window(&shown, None, room).text,
                                    ratatui::style::Style::new(),
                                )
                            }
                        }
                    };
                    if focused {
                        focus_line = lines.len();
                    }
                    lines.push(Line::from(vec![
                        label_span,
                        Span::raw(" "),
                        Span::styled(shown, style),
                    ]));
                    field_index += 1;
                }
            }
        }
        // Keep the focused field in view, a few lines from the edges.
        let height = usize::from(inner.height);
        let top = focus_line.saturating_sub(height.saturating_sub(3).min(height / 2));
        let top = top.min(lines.len().saturating_sub(height));
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(top).collect::<Vec<_>>()),
            inner,
        );
        if let Some((row, col)) = caret {
            let row = row.saturating_sub(top as u16);
            if row < inner.height && col < inner.width {
                frame.set_cursor_position((inner.x + col, inner.y + row));
            }
        }
    }
}

impl Default for IntakeTab {
    fn default() -> Self {
        Self::new()
    }
}
