//! The home screen: the sessions in the data directory, today's first, with their state.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::config::Lang;
use crate::core::sessions::Listing;
use crate::i18n::Texts;
use crate::i18n::desk::DeskTexts;
use crate::model::Mode;
use crate::model::desk::{self, Progress};
use crate::tui::theme::Theme;

pub struct HomeRow {
    pub path: PathBuf,
    pub id: String,
    pub date: Option<NaiveDate>,
    pub patient: String,
    pub mode: Mode,
    /// Where the session stands, in the words the desk and the commands use too.
    pub progress: Progress,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

pub struct HomeScreen {
    pub rows: Vec<HomeRow>,
    pub selected: usize,
    pub today: NaiveDate,
    /// The sessions folder could not be listed.
    pub list_error: Option<String>,
}

impl HomeScreen {
    /// The sessions as the store listed them, today's first.
    /// `lang` words the files that cannot be read.
    pub fn new(listing: Listing, today: NaiveDate, lang: Lang) -> HomeScreen {
        let (listed, list_error) = match listing {
            Ok(listed) => (listed, None),
            Err(err) => (Vec::new(), Some(err)),
        };
        let mut rows: Vec<HomeRow> = listed
            .into_iter()
            .map(|entry| {
                let file_id = entry
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match entry.summary {
                    Ok(summary) => HomeRow {
                        progress: desk::progress(&summary),
                        patient: summary.patient_label().to_string(),
                        id: summary.id,
                        date: Some(summary.scheduled_date),
                        mode: summary.mode,
                        path: entry.path,
                        error: None,
                    },
                    Err(err) => HomeRow {
                        id: file_id,
                        date: None,
                        patient: String::new(),
                        mode: Mode::InPerson,
                        progress: Progress::Scheduled,
                        path: entry.path,
                        error: Some(lang.messages().file_error(&err)),
                    },
                }
            })
            .collect();
        // Today first, then the most recent dates; unreadable files last.
        rows.sort_by(|a, b| {
            let key = |r: &HomeRow| {
                (
                    r.date != Some(today),
                    r.date.is_none(),
                    std::cmp::Reverse(r.date),
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        HomeScreen {
            rows,
            selected: 0,
            today,
            list_error,
        }
    }

    pub fn select_next(&mut self) {
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
        }
    }

    pub fn select_previous(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn select_path(&mut self, path: &Path) {
        if let Some(index) = self.rows.iter().position(|r| r.path == path) {
            self.selected = index;
        }
    }

    pub fn selected_path(&self) -> Option<&Path> {
        self.rows.get(self.selected).map(|r| r.path.as_path())
    }

    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        texts: &Texts,
        desk_texts: &DeskTexts,
        theme: &Theme,
    ) {
        let block = Block::new().borders(Borders::TOP).title(Line::from(vec![
            Span::styled(" sonote ", theme.title()),
            Span::styled(format!("─ {} ", texts.sessions), theme.title()),
        ]));
        if let Some(err) = &self.list_error {
            frame.render_widget(
                Paragraph::new(err.as_str())
                    .style(theme.error())
                    .block(block),
                area,
            );
            return;
        }
        if self.rows.is_empty() {
            frame.render_widget(Paragraph::new(texts.no_sessions).block(block), area);
            return;
        }
        let header = Row::new([
            texts.col_date,
            texts.col_id,
            texts.col_patient,
            texts.col_mode,
            texts.col_state,
        ])
        .style(theme.dim());
        let rows = self.rows.iter().map(|row| {
            let date = match row.date {
                Some(date) if date == self.today => format!("{date} ({})", texts.today),
                Some(date) => date.to_string(),
                None => String::new(),
            };
            match &row.error {
                Some(err) => Row::new([
                    Cell::from(date),
                    Cell::from(row.id.clone()),
                    Cell::from(format!("{}: {err}", texts.unreadable)).style(theme.error()),
                ]),
                None => Row::new([
                    Cell::from(date),
                    Cell::from(row.id.clone()),
                    Cell::from(row.patient.clone()),
                    Cell::from(texts.mode(row.mode)),
                    Cell::from(desk_texts.progress(row.progress)),
                ]),
            }
        });
        let table = Table::new(
            rows,
            [
                Constraint::Length(18),
                Constraint::Length(14),
                Constraint::Min(12),
                Constraint::Length(12),
                // As wide as the longest state name (報告書送付済, report exported).
                Constraint::Length(desk_texts.progress_width()),
            ],
        )
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected());
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
    }
}
