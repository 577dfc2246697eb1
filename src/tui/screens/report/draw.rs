//! Drawing the report tab: the frame from the tab's state, nothing written.

#[allow(unused_imports)]
use super::*;

impl ReportTab {
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let theme = ctx.theme;
        let words = self.words();
        let ui = ctx.config.ui.language;
        let width = area.width.min(MAX_WIDTH);
        let column = Rect {
            x: area.x + (area.width - width) / 2,
            width,
            ..area
        };
        // One column of air each side.
        let inner = usize::from(width.saturating_sub(2)).max(10);
        let check = check_lines(session, ctx.config, ui, words, inner, theme);
        let [top, rule, body] = Layout::vertical([
            Constraint::Length(check.len() as u16),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(column);
        frame.render_widget(Paragraph::new(pad(check)), top);

        let lang = self.lang;
        let recheck = std::mem::take(&mut self.recheck);
        let fresh = self
            .preview
            .as_mut()
            .is_some_and(|p| p.still_fresh(session, lang, inner, ctx.now, recheck));
        if !fresh {
            let lines = match self.template() {
                Ok(template) => {
                    let report = report::build(session, ctx.config, template);
                    layout(&report, inner, theme)
                }
                Err(err) => wrap(&fill(words.template_error, &[("err", err)]), inner)
                    .into_iter()
                    .map(|line| Line::styled(line, theme.error()))
                    .collect(),
            };
            self.preview = Some(Preview {
                lang,
                width: inner,
                fingerprint: fingerprint::of(session),
                checked_at: ctx.now,
                lines,
            });
        }
        let lines: &[Line<'static>] = self.preview.as_ref().map_or(&[], |p| &p.lines);
        self.page = usize::from(body.height).max(1);
        self.max_scroll = lines.len().saturating_sub(self.page);
        self.scroll = self.scroll.min(self.max_scroll);
        let shown = lines.len().min(self.scroll + self.page);
        let position = fill(
            words.lines,
            &[
                ("from", &(self.scroll + 1).min(shown).to_string()),
                ("to", &shown.to_string()),
                ("total", &lines.len().to_string()),
            ],
        );
        let title = fill(words.preview, &[("lang", words.language(lang))]);
        frame.render_widget(
            Paragraph::new(rule_line(&title, &position, usize::from(width), theme)),
            rule,
        );
        let visible: Vec<Line<'static>> = lines
            .iter()
            .skip(self.scroll)
            .take(self.page)
            .cloned()
            .collect();
        frame.render_widget(Paragraph::new(pad(visible)), body);
    }
}

/// What is still empty (never blocking), then where the report was last exported.
pub(super) fn check_lines(
    session: &Session,
    config: &Config,
    ui: Lang,
    words: &ReportTexts,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut note = |text: String, style: Style| {
        for piece in wrap(&text, width).into_iter().take(2) {
            lines.push(Line::styled(piece, style));
        }
    };
    let gaps = session.opinion.gaps(&config.opinion.optional_kinds());
    let gap_line = ui.opinion_texts().gap_line(&gaps, config.opinion.scale(ui));
    let open = open_questions_line(session, words, width);
    if gap_line.is_none() && open.is_none() {
        note(words.complete.to_string(), theme.info());
    }
    if let Some(gaps) = gap_line {
        note(gaps, theme.key());
    }
    if let Some(open) = open {
        note(open, theme.key());
    }
    let status = &session.report;
    let exported = match (status.exported_at, &status.exported_path) {
        (Some(at), Some(path)) => {
            let mut text = fill(
                words.last_export,
                &[
                    ("at", &at.format("%Y-%m-%d %H:%M").to_string()),
                    ("format", status.exported_format.as_deref().unwrap_or("")),
                    ("path", path),
                ],
            );
            if let Some(sent) = status.sent_at {
                text.push_str(" · ");
                let at = sent.format("%Y-%m-%d %H:%M").to_string();
                text.push_str(&fill(words.sent, &[("at", &at)]));
            }
            text
        }
        _ => words.never_exported.to_string(),
    };
    note(exported, theme.dim());
    lines
}

/// "まだ回答のない質問: Q1、Q5、…" (None when every question is answered). Two lines of it
/// show: numbers are added only until they fill those, not for each of 5,000 questions.
pub(super) fn open_questions_line(
    session: &Session,
    words: &ReportTexts,
    width: usize,
) -> Option<String> {
    let mut open = session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.state.is_open())
        .map(|(index, _)| fill(words.question_ref, &[("n", &(index + 1).to_string())]));
    let mut list = open.next()?;
    // Wrapping never changes a line it has finished: once what stands before the list and
    // the numbers so far wrap onto a third line, the first two are those of the whole list.
    let before = match words.open_questions.split_once("{list}") {
        Some((before, after)) if !after.contains("{list}") => Some(before),
        _ => None,
    };
    let mut list_width = display_width(&list);
    let mut looked_at = 0;
    for item in open {
        if let Some(before) = before
            && list_width >= 2 * width
            && list_width >= looked_at + width / 2
        {
            if wrap(&format!("{before}{list}"), width).len() > 2 {
                break;
            }
            looked_at = list_width;
        }
        list.push_str(words.list_separator);
        list.push_str(&item);
        list_width += display_width(words.list_separator) + display_width(&item);
    }
    Some(fill(words.open_questions, &[("list", &list)]))
}

/// "─ 報告書（日本語） ───────── 1-15/140行 ─"
pub(super) fn rule_line(title: &str, position: &str, width: usize, theme: &Theme) -> Line<'static> {
    let used = 3 + display_width(title) + 1 + 1 + display_width(position) + 2;
    let fill = width.saturating_sub(used);
    Line::from(vec![
        Span::styled("─ ", theme.dim()),
        Span::styled(title.to_string(), theme.title()),
        Span::styled(format!(" {} ", "─".repeat(fill + 1)), theme.dim()),
        Span::styled(position.to_string(), theme.dim()),
        Span::styled(" ─", theme.dim()),
    ])
}

/// One column of air on the left.
pub(super) fn pad(lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|mut line| {
            line.spans.insert(0, Span::raw(" "));
            line
        })
        .collect()
}

/// The report as lines of at most `width` columns, in the order of the document.
pub fn layout(report: &Report, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut doc = Doc {
        lines: Vec::new(),
        width,
        theme: *theme,
        ja: report.language == Lang::Ja,
    };
    doc.right(&report.date, Style::new());
    if !report.confidential.trim().is_empty() {
        doc.text(&report.confidential, theme.title());
    }
    for line in &report.addressee {
        doc.text(line, Style::new().add_modifier(Modifier::BOLD));
    }
    doc.blank();
    for line in &report.sender {
        doc.right(line, Style::new());
    }
    doc.blank();
    doc.center(&report.title, theme.title());
    doc.blank();
    for line in &report.opening {
        doc.text(line, Style::new());
    }
    for section in &report.sections {
        doc.blank();
        doc.heading(&section.heading);
        match &section.body {
            Body::Fields(fields) => doc.fields(fields),
            Body::List(items) => {
                let bullet = if doc.ja { "・" } else { "• " };
                for item in items {
                    doc.hanging(
                        vec![Span::raw(format!("  {bullet}"))],
                        2 + display_width(bullet),
                        &[(item, Style::new())],
                    );
                }
            }
            Body::Paragraphs(paragraphs) => {
                for (index, text) in paragraphs.iter().enumerate() {
                    if index > 0 {
                        doc.blank();
                    }
                    doc.indented(2, text, Style::new());
                }
            }
            Body::Parts(parts) => {
                for part in parts {
                    doc.indented(1, &part.label, Style::new().add_modifier(Modifier::BOLD));
                    for text in &part.paragraphs {
                        doc.indented(3, text, Style::new());
                    }
                }
            }
            Body::Questions(questions) => {
                let label_width = questions
                    .iter()
                    .map(|q| display_width(&q.label))
                    .max()
                    .unwrap_or(0);
                for (index, q) in questions.iter().enumerate() {
                    if index > 0 {
                        doc.blank();
                    }
                    doc.question(q, label_width);
                }
            }
            Body::Options(table) => doc.options(table),
            Body::Conclusion(conclusion) => {
                doc.fields(conclusion.asked.as_slice());
                for text in &conclusion.paragraphs {
                    doc.indented(2, text, Style::new());
                }
                doc.fields(&conclusion.options);
            }
            Body::NotRecorded(phrase) => doc.indented(2, phrase, theme.dim()),
        }
    }
    doc.blank();
    for line in &report.closing {
        doc.text(line, Style::new());
    }
    if !report.closing_word.trim().is_empty() {
        match doc.ja {
            true => doc.right(&report.closing_word, Style::new()),
            false => doc.text(&report.closing_word, Style::new()),
        }
    }
    doc.blank();
    doc.signature(report);
    doc.lines
}

/// Lines being laid out.
pub(super) struct Doc {
    pub(super) lines: Vec<Line<'static>>,
    pub(super) width: usize,
    pub(super) theme: Theme,
    pub(super) ja: bool,
}

impl Doc {
    pub(super) fn blank(&mut self) {
        self.lines.push(Line::raw(""));
    }

    pub(super) fn text(&mut self, text: &str, style: Style) {
        self.indented(0, text, style);
    }

    pub(super) fn indented(&mut self, indent: usize, text: &str, style: Style) {
        self.hanging(
            vec![Span::raw(" ".repeat(indent))],
            indent,
            &[(text, style)],
        );
    }

    pub(super) fn right(&mut self, text: &str, style: Style) {
        for piece in wrap(text, self.width) {
            let gap = self.width.saturating_sub(display_width(&piece));
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(gap)),
                Span::styled(piece, style),
            ]));
        }
    }

    pub(super) fn center(&mut self, text: &str, style: Style) {
        for piece in wrap(text, self.width) {
            let gap = self.width.saturating_sub(display_width(&piece)) / 2;
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(gap)),
                Span::styled(piece, style),
            ]));
        }
    }

    /// "1. 患者 ──────": the heading and a rule to the right edge.
    pub(super) fn heading(&mut self, heading: &str) {
        let pieces = wrap(heading, self.width);
        let last = pieces.len().saturating_sub(1);
        for (index, piece) in pieces.into_iter().enumerate() {
            let rest = self.width.saturating_sub(display_width(&piece) + 1);
            let mut spans = vec![Span::styled(piece, self.theme.title())];
            if index == last && rest > 0 {
                spans.push(Span::styled(
                    format!(" {}", "─".repeat(rest)),
                    self.theme.dim(),
                ));
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// `head` (as wide as `indent`) starts the first line; each chunk is wrapped on lines
    /// of its own, indented by `indent`.
    pub(super) fn hanging(
        &mut self,
        head: Vec<Span<'static>>,
        indent: usize,
        chunks: &[(&str, Style)],
    ) {
        let text_width = self.width.saturating_sub(indent).max(2);
        let mut head = Some(head);
        for (text, style) in chunks {
            for piece in wrap(text, text_width) {
                let mut spans = head
                    .take()
                    .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
                spans.push(Span::styled(piece, *style));
                self.lines.push(Line::from(spans));
            }
        }
        if let Some(head) = head {
            self.lines.push(Line::from(head));
        }
    }

    /// Label and value pairs, the values lined up.
    pub(super) fn fields(&mut self, fields: &[Field]) {
        let label_width = fields
            .iter()
            .map(|f| display_width(&f.label))
            .max()
            .unwrap_or(0)
            .min(self.width / 3);
        let value_width = self.width.saturating_sub(2 + label_width + 2).max(2);
        for field in fields {
            let labels = wrap(&field.label, label_width.max(2));
            let values = wrap(&field.value, value_width);
            for row in 0..labels.len().max(values.len()) {
                let label = labels.get(row).map(String::as_str).unwrap_or("");
                let value = values.get(row).cloned().unwrap_or_default();
                self.lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(pad_to(label, label_width), self.theme.dim()),
                    Span::raw("  "),
                    Span::raw(value),
                ]));
            }
        }
    }

    pub(super) fn question(&mut self, q: &report::QuestionItem, label_width: usize) {
        let indent = label_width + 1;
        self.hanging(
            vec![Span::styled(pad_to(&q.label, indent), self.theme.key())],
            indent,
            &[(&q.text, Style::new())],
        );
        // Who asked, dimmed, after the question: on its last line when there is room.
        let who = q.asked_by.trim();
        if !who.is_empty() {
            let room = self.width.saturating_sub(indent);
            let last = self.lines.last_mut().filter(|line| {
                display_width(&line_text(line)) + display_width(&q.asked_by) <= indent + room
            });
            match last {
                Some(line) => line
                    .spans
                    .push(Span::styled(q.asked_by.clone(), self.theme.dim())),
                None => self.indented(indent, who, self.theme.dim()),
            }
        }
        let answer_indent = indent + display_width(&q.answer_label) + 1;
        let head = vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(
                pad_to(&q.answer_label, answer_indent - indent),
                self.theme.dim(),
            ),
        ];
        let answer_style = match q.answered {
            true => Style::new(),
            false => self.theme.dim(),
        };
        let mut chunks = Vec::new();
        if !q.note.is_empty() {
            chunks.push((q.note.as_str(), self.theme.dim()));
        }
        chunks.push((q.answer.as_str(), answer_style));
        self.hanging(head, answer_indent, &chunks);
        if let Some(note) = &q.family_note {
            let label = format!("{}: ", note.label);
            let head = vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(label, self.theme.dim()),
            ];
            self.hanging(
                head,
                answer_indent,
                &[(note.value.as_str(), self.theme.dim())],
            );
        }
    }

    /// The opinion table: ruled columns when there is room, else one block per option.
    pub(super) fn options(&mut self, table: &OptionsTable) {
        let column = |i: usize| table.columns.get(i).map(String::as_str).unwrap_or("");
        let widest = |i: usize, cells: &mut dyn Iterator<Item = &String>| {
            cells
                .map(|c| display_width(c))
                .fold(display_width(column(i)), usize::max)
        };
        let first = widest(0, &mut table.rows.iter().map(|r| &r.option)).min(20);
        let second = widest(1, &mut table.rows.iter().map(|r| &r.recommendation)).min(16);
        // Four rules and a space each side of each cell.
        let third = self.width.saturating_sub(first + second + 10);
        if self.width < TABLE_MIN_WIDTH || third < 20 {
            return self.option_blocks(table);
        }
        let widths = [first, second, third];
        let dim = self.theme.dim();
        let rule = |left: &str, middle: &str, right: &str| {
            let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
            Line::styled(format!("{left}{}{right}", parts.join(middle)), dim)
        };
        self.lines.push(rule("┌", "┬", "┐"));
        let header: Vec<Cell> = (0..3)
            .map(|i| cell_lines(&[(column(i), self.theme.title())], widths[i]))
            .collect();
        self.table_row(&header, widths);
        for row in &table.rows {
            self.lines.push(rule("├", "┼", "┤"));
            let mut details = Cell::new();
            for detail in &row.details {
                details.extend(detail_lines(detail, widths[2], self.ja, dim));
            }
            let cells = [
                cell_lines(&[(&row.option, Style::new())], widths[0]),
                cell_lines(&[(&row.recommendation, self.theme.key())], widths[1]),
                details,
            ];
            self.table_row(&cells, widths);
        }
        self.lines.push(rule("└", "┴", "┘"));
    }

    pub(super) fn table_row(&mut self, cells: &[Cell], widths: [usize; 3]) {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let dim = self.theme.dim();
        for row in 0..height {
            let mut spans = vec![Span::styled("│", dim)];
            for (cell, &width) in cells.iter().zip(&widths) {
                spans.push(Span::raw(" "));
                let used = match cell.get(row) {
                    Some((line, used)) => {
                        spans.extend(line.iter().cloned());
                        *used
                    }
                    None => 0,
                };
                spans.push(Span::raw(" ".repeat(width.saturating_sub(used) + 1)));
                spans.push(Span::styled("│", dim));
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// The opinion on a narrow screen: the option and its recommendation, the details
    /// indented under them.
    pub(super) fn option_blocks(&mut self, table: &OptionsTable) {
        let dim = self.theme.dim();
        for row in &table.rows {
            let colon = if self.ja { "：" } else { ": " };
            let bold = Style::new().add_modifier(Modifier::BOLD);
            let head = [row.option.as_str(), colon, row.recommendation.as_str()];
            if 2 + head.iter().map(|t| display_width(t)).sum::<usize>() <= self.width {
                self.lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(row.option.clone(), bold),
                    Span::raw(colon),
                    Span::styled(row.recommendation.clone(), self.theme.key()),
                ]));
            } else {
                self.indented(2, &row.option, bold);
                self.indented(2, &row.recommendation, self.theme.key());
            }
            let text_width = self.width.saturating_sub(4).max(2);
            for detail in &row.details {
                for (line, _) in detail_lines(detail, text_width, self.ja, dim) {
                    let mut spans = vec![Span::raw("    ")];
                    spans.extend(line);
                    self.lines.push(Line::from(spans));
                }
            }
        }
    }

    /// The signature block: on the right half in Japanese, as on the letter.
    pub(super) fn signature(&mut self, report: &Report) {
        let s = &report.signature;
        let indent = if self.ja { self.width / 2 } else { 0 };
        let dim = self.theme.dim();
        self.indented(indent, &s.title, dim);
        if !s.department.is_empty() {
            self.indented(indent, &s.department, Style::new());
        }
        self.indented(indent, &s.name, Style::new().add_modifier(Modifier::BOLD));
        if !s.sign_here.trim().is_empty() {
            let rule = self
                .width
                .saturating_sub(indent + display_width(&s.sign_here) + 1)
                .min(30);
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(format!("{} {}", s.sign_here, "_".repeat(rule)), dim),
            ]));
        }
    }
}

/// The lines of a table cell, each with its width.
pub(super) type Cell = Vec<(Vec<Span<'static>>, usize)>;

pub(super) fn cell_lines(chunks: &[(&str, Style)], width: usize) -> Cell {
    chunks
        .iter()
        .flat_map(|(text, style)| {
            wrap(text, width).into_iter().map(move |piece| {
                let used = display_width(&piece);
                (vec![Span::styled(piece, *style)], used)
            })
        })
        .collect()
}

/// "判断の理由：…" wrapped, the label dimmed, as in the document.
pub(super) fn detail_lines(detail: &Field, width: usize, ja: bool, dim: Style) -> Cell {
    let label = format!("{}{}", detail.label, if ja { "：" } else { ": " });
    let text = format!("{label}{}", detail.value);
    // What of the label is still to come: each line starts with the rest of it, but for
    // the space wrapping drops at a line's start.
    let mut rest = label.as_str();
    wrap(&text, width)
        .into_iter()
        .map(|piece| {
            let used = display_width(&piece);
            if !piece.starts_with(' ') {
                rest = rest.trim_start();
            }
            let split = piece
                .char_indices()
                .zip(rest.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((at, c), _)| at + c.len_utf8());
            rest = &rest[split..];
            let (head, tail) = piece.split_at(split);
            let mut spans = Vec::new();
            if !head.is_empty() {
                spans.push(Span::styled(head.to_string(), dim));
            }
            if !tail.is_empty() {
                spans.push(Span::raw(tail.to_string()));
            }
            (spans, used)
        })
        .collect()
}

pub(super) fn pad_to(text: &str, width: usize) -> String {
    let gap = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(gap))
}

pub(super) fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}
