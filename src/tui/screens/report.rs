//! The report tab: the report to the referring physician as text, worded by the same
//! `report::build` that writes the documents, so what is read here is what is printed. A
//! gentle check of what is still empty stands above it, and three keys export it.
//!
//! The preview is built and laid out again only when what it is made from changed: the
//! language, the width, or the session. A large session's report takes 2 ms to build and
//! wrap, 40 ms and more with 5,000 questions: too much for every scrolling key, and for
//! every second of a screen at rest. Whether the session changed is looked at once a second
//! and when the tab is shown again, by its fingerprint (`widgets::fingerprint`, a fraction
//! of a millisecond even then); a second is as fresh as the other terminal's edits arrive
//! anyway. The template is read once per language, so the language stands for it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::{Config, Lang};
use crate::core::export::{ExportError, Exported};
use crate::i18n::fill;
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::i18n::report::ReportTexts;
use crate::model::{Session, Timestamp};
use crate::report::template::ReportTemplate;
use crate::report::{self, Body, Field, Format, OptionsTable, Report};
use crate::tui::action::Action;
use crate::tui::keymap::{
    self, Binding, Context, Edge, Entry, Key, Step, Table, entries, hint_line, lookup,
};
use crate::tui::outcome::{DrawContext, Effect, Status, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::fingerprint;
use crate::tui::widgets::wrap::{display_width, wrap};

/// Wider lines are hard to read: on a wide terminal the report stands in a centred column.
const MAX_WIDTH: u16 = 100;
/// Below this the opinion table is laid out as a list instead.
const TABLE_MIN_WIDTH: usize = 60;

pub struct ReportTab {
    config: Config,
    /// The language of the report shown and exported.
    lang: Lang,
    /// The first line of the report in view.
    scroll: usize,
    /// From the last draw: the lines in view, and the last useful scroll position.
    page: usize,
    max_scroll: usize,
    /// Read by the app when the session is opened, one per language (a hospital's template
    /// is a file), for the preview and the exports alike: a template edited meanwhile is
    /// read again when the session is opened again.
    templates: [Result<ReportTemplate, String>; 2],
    /// The preview as last laid out, and for what.
    preview: Option<Preview>,
    /// Look at the session's fingerprint at the next draw, not a second later.
    recheck: bool,
}

/// A laid-out preview and what it was laid out for.
struct Preview {
    lang: Lang,
    width: usize,
    /// The session's fingerprint when it was laid out (None: it could not be taken, and the
    /// preview is laid out again at every check).
    fingerprint: Option<u64>,
    /// When the session's fingerprint was last compared with it.
    checked_at: Timestamp,
    lines: Vec<Line<'static>>,
}

impl Preview {
    /// Whether the preview is still that of `session` in `lang` at `width`. The session is
    /// looked at when `recheck` or a second after the last look; in between it is taken as
    /// unchanged.
    fn still_fresh(
        &mut self,
        session: &Session,
        lang: Lang,
        width: usize,
        now: Timestamp,
        recheck: bool,
    ) -> bool {
        if self.lang != lang || self.width != width {
            return false;
        }
        if !recheck && (now - self.checked_at).num_milliseconds().abs() < 1000 {
            return true;
        }
        self.checked_at = now;
        self.fingerprint.is_some() && fingerprint::of(session) == self.fingerprint
    }
}

impl ReportTab {
    /// Look at the session again at the next draw (the tab is shown again): the preview is
    /// laid out afresh if anything changed meanwhile.
    pub fn refresh(&mut self) {
        self.recheck = true;
    }

    /// `templates`: the report templates in Japanese and in English, as read (or why not).
    pub fn new(config: &Config, templates: [Result<ReportTemplate, String>; 2]) -> Self {
        ReportTab {
            config: config.clone(),
            lang: config.report.language,
            scroll: 0,
            page: 1,
            max_scroll: 0,
            templates,
            preview: None,
            recheck: false,
        }
    }

    fn words(&self) -> &'static ReportTexts {
        self.config.ui.language.report_texts()
    }

    pub fn key_entries(keys: &'static KeyTexts) -> Vec<Entry> {
        entries(KEYS, |command| command.words(keys))
    }

    pub fn hints(&self, keys: &'static KeyTexts) -> String {
        let mut shown = Self::key_entries(keys);
        let help = [Action::ToggleHelp];
        shown.extend(keymap::entries_giving(&keys.app, Context::Session, &help));
        hint_line(&shown)
    }

    /// Keys that only move the view or change the language shown: they are allowed where
    /// the session is read-only.
    pub fn only_looks(key: &KeyEvent) -> bool {
        !matches!(lookup(KEYS, key), Some(Command::Export(_)))
    }

    pub fn key(&mut self, key: KeyEvent) -> TabOutcome {
        let page = self.page.saturating_sub(1).max(1);
        match lookup(KEYS, &key) {
            Some(Command::Line(Step::Previous)) => {
                self.scroll = self.scroll.min(self.max_scroll).saturating_sub(1)
            }
            Some(Command::Line(Step::Next)) => self.scroll = (self.scroll + 1).min(self.max_scroll),
            Some(Command::Page(Step::Previous)) => {
                self.scroll = self.scroll.min(self.max_scroll).saturating_sub(page)
            }
            Some(Command::Page(Step::Next)) => {
                self.scroll = (self.scroll + page).min(self.max_scroll)
            }
            Some(Command::Edge(Edge::First)) => self.scroll = 0,
            Some(Command::Edge(Edge::Last)) => self.scroll = self.max_scroll,
            Some(Command::Language) => {
                self.lang = match self.lang {
                    Lang::Ja => Lang::En,
                    Lang::En => Lang::Ja,
                };
            }
            Some(Command::Export(format)) => return self.export(format),
            None => {}
        }
        TabOutcome::default()
    }

    /// Ask the app to export through the open session (this terminal holds its writer's
    /// lock, so the export is recorded on the session in memory and saved with it), with
    /// the template the preview shows, so that the file says what the screen does.
    fn export(&mut self, format: Format) -> TabOutcome {
        match self.template() {
            Ok(_) => TabOutcome::effect(Effect::Export {
                format,
                lang: self.lang,
            }),
            Err(err) => {
                let message = fill(self.words().template_error, &[("err", err)]);
                TabOutcome {
                    status: Some(Status::error(message)),
                    ..TabOutcome::default()
                }
            }
        }
    }

    /// What came of the export the tab asked for.
    pub fn exported(&self, format: Format, result: Result<Exported, ExportError>) -> TabOutcome {
        let words = self.words();
        match result {
            Ok(out) => TabOutcome {
                changed: true,
                status: Some(Status::info(fill(
                    words.exported,
                    &[
                        ("format", words.format(format)),
                        ("path", &out.path.display().to_string()),
                    ],
                ))),
                ..TabOutcome::default()
            },
            Err(err) => TabOutcome {
                status: Some(Status::error(words.export_error(&err))),
                ..TabOutcome::default()
            },
        }
    }

    /// The template of `lang`, as read when the session was opened.
    pub fn template_of(&self, lang: Lang) -> Result<&ReportTemplate, &str> {
        let index = match lang {
            Lang::Ja => 0,
            Lang::En => 1,
        };
        self.templates[index].as_ref().map_err(String::as_str)
    }

    fn template(&self) -> Result<&ReportTemplate, &str> {
        self.template_of(self.lang)
    }

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
fn check_lines(
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
fn open_questions_line(session: &Session, words: &ReportTexts, width: usize) -> Option<String> {
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
fn rule_line(title: &str, position: &str, width: usize, theme: &Theme) -> Line<'static> {
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
fn pad(lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
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
struct Doc {
    lines: Vec<Line<'static>>,
    width: usize,
    theme: Theme,
    ja: bool,
}

impl Doc {
    fn blank(&mut self) {
        self.lines.push(Line::raw(""));
    }

    fn text(&mut self, text: &str, style: Style) {
        self.indented(0, text, style);
    }

    fn indented(&mut self, indent: usize, text: &str, style: Style) {
        self.hanging(
            vec![Span::raw(" ".repeat(indent))],
            indent,
            &[(text, style)],
        );
    }

    fn right(&mut self, text: &str, style: Style) {
        for piece in wrap(text, self.width) {
            let gap = self.width.saturating_sub(display_width(&piece));
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(gap)),
                Span::styled(piece, style),
            ]));
        }
    }

    fn center(&mut self, text: &str, style: Style) {
        for piece in wrap(text, self.width) {
            let gap = self.width.saturating_sub(display_width(&piece)) / 2;
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(gap)),
                Span::styled(piece, style),
            ]));
        }
    }

    /// "1. 患者 ──────": the heading and a rule to the right edge.
    fn heading(&mut self, heading: &str) {
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
    fn hanging(&mut self, head: Vec<Span<'static>>, indent: usize, chunks: &[(&str, Style)]) {
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
    fn fields(&mut self, fields: &[Field]) {
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

    fn question(&mut self, q: &report::QuestionItem, label_width: usize) {
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
    }

    /// The opinion table: ruled columns when there is room, else one block per option.
    fn options(&mut self, table: &OptionsTable) {
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

    fn table_row(&mut self, cells: &[Cell], widths: [usize; 3]) {
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
    fn option_blocks(&mut self, table: &OptionsTable) {
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
    fn signature(&mut self, report: &Report) {
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
type Cell = Vec<(Vec<Span<'static>>, usize)>;

fn cell_lines(chunks: &[(&str, Style)], width: usize) -> Cell {
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
fn detail_lines(detail: &Field, width: usize, ja: bool, dim: Style) -> Cell {
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

fn pad_to(text: &str, width: usize) -> String {
    let gap = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(gap))
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Line(Step),
    Page(Step),
    Edge(Edge),
    Export(Format),
    Language,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.report;
        match self {
            Command::Line(_) => &k.line,
            Command::Page(_) => &k.page,
            Command::Edge(_) => &k.edge,
            Command::Export(Format::Docx) => &k.docx,
            Command::Export(Format::Markdown) => &k.markdown,
            Command::Export(Format::Json) => &k.json,
            Command::Language => &k.language,
        }
    }
}

const KEYS: Table<Command> = &[
    Binding::new(
        "↑/↓",
        Some("↑↓"),
        &[
            (Key::code(KeyCode::Up), Command::Line(Step::Previous)),
            (Key::code(KeyCode::Down), Command::Line(Step::Next)),
        ],
    ),
    Binding::new(
        "PgUp/PgDn",
        Some("PgUp/PgDn"),
        &[
            (Key::code(KeyCode::PageUp), Command::Page(Step::Previous)),
            (Key::code(KeyCode::PageDown), Command::Page(Step::Next)),
        ],
    ),
    Binding::new(
        "g/G, Home/End",
        Some("g/G"),
        &[
            (Key::char('g'), Command::Edge(Edge::First)),
            (Key::code(KeyCode::Home), Command::Edge(Edge::First)),
            (Key::char('G'), Command::Edge(Edge::Last)),
            (Key::code(KeyCode::End), Command::Edge(Edge::Last)),
        ],
    ),
    Binding::new(
        "d",
        Some("d"),
        &[(Key::char('d'), Command::Export(Format::Docx))],
    ),
    Binding::new(
        "m",
        Some("m"),
        &[(Key::char('m'), Command::Export(Format::Markdown))],
    ),
    Binding::new(
        "j",
        Some("j"),
        &[(Key::char('j'), Command::Export(Format::Json))],
    ),
    Binding::new("L", Some("L"), &[(Key::char('L'), Command::Language)]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::template::ReportTemplate;

    fn demo_report(lang: Lang) -> Report {
        let config = Config::embedded();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let draft = crate::demo::demo_session(lang, date).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T09:00:00+09:00").unwrap();
        let mut session = Session::new(draft, config.clock_rules(), config.fee.clone(), now);
        session.opinion.set_recommendation(
            crate::model::TreatmentKind::Surgery,
            crate::model::Recommendation::Consider,
        );
        session
            .opinion
            .treatment_mut(crate::model::TreatmentKind::Surgery)
            .reasoning = "腹腔動脈への浸潤があり、現時点では切除不能と考えます。".repeat(3);
        report::build(&session, &config, &ReportTemplate::embedded(lang))
    }

    #[test]
    fn no_line_is_wider_than_the_column_at_any_width() {
        let theme = Theme { color: false };
        for lang in [Lang::Ja, Lang::En] {
            let report = demo_report(lang);
            for width in [20, 30, 59, 60, 78, 98] {
                for line in layout(&report, width, &theme) {
                    let text = line_text(&line);
                    assert!(display_width(&text) <= width, "{width}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn the_table_is_ruled_when_wide_and_a_list_when_narrow() {
        let theme = Theme { color: false };
        let report = demo_report(Lang::Ja);
        let text = |width| -> Vec<String> {
            layout(&report, width, &theme)
                .iter()
                .map(line_text)
                .collect()
        };
        let wide = text(78);
        assert!(wide.iter().any(|l| l.starts_with("┌") && l.ends_with("┐")));
        assert!(
            wide.iter()
                .any(|l| l.starts_with("│ 手術") && l.contains("│ 選択肢"))
        );
        let narrow = text(40);
        assert!(!narrow.iter().any(|l| l.contains('┌')));
        assert!(narrow.iter().any(|l| l == "  手術：選択肢"), "{narrow:#?}");
        assert!(
            narrow
                .iter()
                .any(|l| l.starts_with("    判断の理由：腹腔動脈"))
        );
    }

    #[test]
    fn a_detail_label_is_dimmed_even_when_it_wraps() {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let detail = Field {
            label: "根拠（ガイドライン等）".into(),
            value: "膵癌診療ガイドライン".into(),
        };
        let dimmed = |lines: Cell| -> String {
            lines
                .iter()
                .flat_map(|(spans, _)| spans.iter())
                .filter(|span| span.style == dim)
                .map(|span| span.content.as_ref())
                .collect()
        };
        assert_eq!(
            dimmed(detail_lines(&detail, 10, true, dim)),
            "根拠（ガイドライン等）："
        );
        // An English label wrapped at its spaces (which wrapping drops): the label's words
        // are dimmed, the text after it is not.
        let detail = Field {
            label: "Risks and side effects".into(),
            value: "nausea".into(),
        };
        let lines = detail_lines(&detail, 12, false, dim);
        let texts: Vec<String> = lines
            .iter()
            .map(|(spans, _)| spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(texts, ["Risks and", "side", "effects:", "nausea"]);
        assert_eq!(dimmed(lines), "Risks andsideeffects:");
    }
}
