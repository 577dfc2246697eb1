//! The clerk's desk: every session with its progress, the fee due and paid, and the day
//! its report is due; filtered by day and state; payments, refunds, receipts, sending,
//! cancelling and deleting from here (the questions asked first: `desk/ask.rs`).

mod ask;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeDelta};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::config::Config;
use crate::core::desk::DeskChange;
use crate::core::sessions::Listing;
use crate::i18n::desk::DeskTexts;
use crate::i18n::fill;
use crate::i18n::keys::{KeyText, KeyTexts};
use crate::model::desk::{self, Progress, StateFilter};
use crate::model::fee::format_amount;
use crate::model::payment::PaymentMethod;
use crate::model::{ClockState, SessionSummary};
use crate::tui::keymap::{Binding, Entry, Key, Step, Table as KeyTable, entries, lookup, up_down};
use crate::tui::outcome::{DeskAsk, Effect, Status};
use crate::tui::theme::Theme;

pub struct DeskEntry {
    pub path: PathBuf,
    pub summary: SessionSummary,
}

pub struct DeskScreen {
    pub entries: Vec<DeskEntry>,
    /// Files that could not be read, with why.
    pub unreadable: Vec<String>,
    pub today: NaiveDate,
    /// Only this day, or every day.
    pub day: Option<NaiveDate>,
    pub filter: StateFilter,
    pub selected: usize,
    /// Asking how the fee was paid.
    pub asking_payment: bool,
}

impl DeskScreen {
    /// `lang` words the files that cannot be read.
    pub fn new(listing: Listing, today: NaiveDate, lang: crate::config::Lang) -> DeskScreen {
        let mut desk = DeskScreen {
            entries: Vec::new(),
            unreadable: Vec::new(),
            today,
            day: None,
            filter: StateFilter::All,
            selected: 0,
            asking_payment: false,
        };
        desk.reload(listing, lang);
        desk
    }

    /// Show the sessions listed afresh, keeping the selected one selected.
    pub fn reload(&mut self, listing: Listing, lang: crate::config::Lang) {
        let selected_path = self.selected_entry_path(u32::MAX).map(Path::to_path_buf);
        self.entries.clear();
        self.unreadable.clear();
        match listing {
            Ok(listed) => {
                for entry in listed {
                    match entry.summary {
                        Ok(summary) => self.entries.push(DeskEntry {
                            path: entry.path,
                            summary,
                        }),
                        Err(err) => self.unreadable.push(lang.messages().file_error(&err)),
                    }
                }
            }
            Err(err) => self.unreadable.push(err),
        }
        // Today's first, then the most recent.
        let today = self.today;
        self.entries.sort_by_key(|e| {
            let day = desk::consultation_day(&e.summary);
            (day != today, std::cmp::Reverse(day), e.summary.id.clone())
        });
        self.selected = 0;
        if let Some(path) = selected_path
            && let Some(index) = self.visible(u32::MAX).iter().position(|e| e.path == path)
        {
            self.selected = index;
        }
    }

    /// The entries the filters let through, in order.
    pub fn visible(&self, due_days: u32) -> Vec<&DeskEntry> {
        self.entries
            .iter()
            .filter(|e| {
                self.day
                    .is_none_or(|day| desk::consultation_day(&e.summary) == day)
            })
            .filter(|e| self.filter.matches(&e.summary, self.today, due_days))
            .collect()
    }

    fn selected_entry_path(&self, due_days: u32) -> Option<&Path> {
        self.visible(due_days)
            .get(self.selected)
            .map(|e| e.path.as_path())
    }

    pub fn select_next(&mut self, due_days: u32) {
        if self.selected + 1 < self.visible(due_days).len() {
            self.selected += 1;
        }
    }

    pub fn select_previous(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// A desk key. Returns a status to show, and what the app should do.
    pub fn key(&mut self, key: KeyEvent, config: &Config) -> (Option<Status>, Option<Effect>) {
        let texts = config.ui.language.desk_texts();
        let due_days = config.desk.report_due_days;
        if self.asking_payment {
            self.asking_payment = false;
            let Some(Command::Paid(method)) = lookup(PAYMENT, &key) else {
                return (
                    Some(Status::info(config.ui.language.texts().cancelled)),
                    None,
                );
            };
            return (None, self.change(DeskChange::Pay(method), due_days));
        }
        let day = self.day.unwrap_or(self.today);
        match lookup(KEYS, &key) {
            Some(Command::Select(Step::Previous)) => self.select_previous(),
            Some(Command::Select(Step::Next)) => self.select_next(due_days),
            Some(Command::Open) => {
                if let Some(path) = self.selected_entry_path(due_days) {
                    return (None, Some(Effect::Open(path.to_path_buf())));
                }
            }
            Some(Command::Filter) => {
                self.filter = self.filter.next();
                self.selected = 0;
            }
            Some(Command::Day(Step::Previous)) => self.show_day(day - TimeDelta::days(1)),
            Some(Command::Day(Step::Next)) => self.show_day(day + TimeDelta::days(1)),
            Some(Command::Today) => self.show_day(self.today),
            Some(Command::AllDates) => {
                self.day = None;
                self.selected = 0;
            }
            Some(Command::Reload) => return (None, Some(Effect::ReloadList)),
            Some(Command::AskPayment) => return (self.ask_payment(texts, due_days), None),
            Some(Command::MarkSent) => return self.ask(DeskAsk::MarkSent, texts, due_days),
            Some(Command::Cancel) => return self.ask(DeskAsk::Cancel, texts, due_days),
            Some(Command::Delete) => return self.ask(DeskAsk::Delete, texts, due_days),
            Some(Command::Receipt) => return (None, self.change(DeskChange::Receipt, due_days)),
            Some(Command::Export) => return self.export(texts, due_days, DeskChange::Export),
            Some(Command::ExportFhir) => {
                return self.export(texts, due_days, DeskChange::ExportFhir);
            }
            Some(Command::Paid(_)) | None => {}
        }
        (None, None)
    }

    /// The desk's keys, as the help lists them (the way out is `keymap`'s).
    pub fn key_entries(keys: &'static KeyTexts) -> Vec<Entry> {
        entries(KEYS, |command| command.words(keys))
    }

    /// The keys of the ways to pay, while asking how the fee was paid (the tests hold them
    /// to the keyboard).
    #[cfg(test)]
    pub fn payment_entries(keys: &'static KeyTexts) -> Vec<Entry> {
        entries(PAYMENT, |command| command.words(keys))
    }

    /// The clerk's change to the selected session, for the app to make on disk.
    pub(crate) fn change(&self, change: DeskChange, due_days: u32) -> Option<Effect> {
        let entry = self.selected_session(due_days)?;
        Some(Effect::Desk {
            path: entry.path.clone(),
            id: entry.summary.id.clone(),
            change,
        })
    }

    /// Export the selected session's report (docx, in the configured report language) into
    /// the data folder's `exports/`, as the report tab does; only once it has ended.
    fn export(
        &self,
        texts: &DeskTexts,
        due_days: u32,
        change: DeskChange,
    ) -> (Option<Status>, Option<Effect>) {
        match self.selected_session(due_days) {
            Some(entry) if entry.summary.state != ClockState::Ended => {
                let id = &entry.summary.id;
                (
                    Some(Status::error(fill(texts.not_ended, &[("id", id)]))),
                    None,
                )
            }
            _ => (None, self.change(change, due_days)),
        }
    }

    fn show_day(&mut self, day: NaiveDate) {
        self.day = Some(day);
        self.selected = 0;
    }

    pub(crate) fn selected_session(&self, due_days: u32) -> Option<&DeskEntry> {
        self.visible(due_days).get(self.selected).copied()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, config: &Config, theme: &Theme) {
        let texts = config.ui.language.desk_texts();
        let due_days = config.desk.report_due_days;
        let visible = self.visible(due_days);
        let day = match self.day {
            Some(day) => day.to_string(),
            None => texts.all_dates.to_string(),
        };
        let [title, table_area, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" sonote ─ {} ", texts.title), theme.title()),
                Span::raw(format!(
                    "─ {day} ─ {}: {}",
                    texts.shown,
                    texts.filter(self.filter)
                )),
            ])),
            title,
        );

        let block = Block::new().borders(Borders::TOP).border_style(theme.dim());
        if visible.is_empty() {
            frame.render_widget(Paragraph::new(texts.nothing).block(block), table_area);
        } else {
            let header = Row::new([
                texts.col_date,
                texts.col_id,
                texts.col_patient,
                texts.col_state,
                texts.col_fee,
                texts.col_paid,
                texts.col_report,
            ])
            .style(theme.dim());
            let rows = visible
                .iter()
                .map(|entry| self.row(entry, texts, theme, due_days));
            let table = Table::new(
                rows,
                [
                    Constraint::Length(10),
                    Constraint::Length(13),
                    Constraint::Min(6),
                    Constraint::Length(12),
                    Constraint::Length(8),
                    Constraint::Length(8),
                    Constraint::Length(15),
                ],
            )
            .header(header)
            .block(block)
            .row_highlight_style(theme.selected());
            let mut state = TableState::default().with_selected(Some(self.selected));
            frame.render_stateful_widget(table, table_area, &mut state);
        }

        let unpaid: Vec<&&DeskEntry> = visible
            .iter()
            .filter(|e| {
                desk::amount_due(&e.summary) > 0 && desk::progress(&e.summary) > Progress::Scheduled
            })
            .collect();
        let amount: u64 = unpaid.iter().map(|e| desk::amount_due(&e.summary)).sum();
        let refunds: Vec<u64> = visible
            .iter()
            .map(|e| desk::refund_due(&e.summary))
            .filter(|amount| *amount > 0)
            .collect();
        let currency = visible
            .first()
            .map(|e| e.summary.fee_currency.clone())
            .unwrap_or_else(|| config.fee.currency.clone());
        let mut line = vec![Span::raw(format!(
            " {}",
            fill(
                texts.totals,
                &[
                    ("count", &unpaid.len().to_string()),
                    ("amount", &format_amount(amount, &currency))
                ]
            )
        ))];
        if !refunds.is_empty() {
            let amount = format_amount(refunds.iter().sum(), &currency);
            let count = refunds.len().to_string();
            line.push(Span::styled(
                format!(
                    "  {}",
                    fill(
                        texts.refund_totals,
                        &[("count", &count), ("amount", &amount)]
                    )
                ),
                theme.key(),
            ));
        }
        if !self.unreadable.is_empty() {
            line.push(Span::styled(
                format!("  {}", self.unreadable.join(" / ")),
                theme.error(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(line)), footer);
    }

    fn row(
        &self,
        entry: &DeskEntry,
        texts: &DeskTexts,
        theme: &Theme,
        due_days: u32,
    ) -> Row<'static> {
        let session = &entry.summary;
        let progress = desk::progress(session);
        let fee = format_amount(session.fee_total, &session.fee_currency);
        // Before the consultation a fee paid afterwards is not owed yet.
        let owed_yet = progress > Progress::Scheduled
            || session.payment_timing == crate::model::PaymentTiming::Before;
        let account = desk::account(session);
        let paid = match &session.payment {
            _ if account.to_refund() > 0 => texts.refund.to_string(),
            // Paid before, then the fee grew (an extension used): the balance.
            Some(_) if account.outstanding() > 0 => texts.balance.to_string(),
            Some(payment) => texts.method(payment.method).to_string(),
            None if progress <= Progress::Declined || !owed_yet => String::new(),
            None => texts.unpaid.to_string(),
        };
        let owed = account.outstanding() > 0 && progress > Progress::Scheduled;
        let paid_style = if owed || account.to_refund() > 0 {
            theme.key()
        } else {
            theme.dim()
        };
        let (report, report_style) = match desk::report_due(session, due_days) {
            Some(due) => {
                let how = if desk::report_mailed(session) {
                    texts.mailed
                } else {
                    texts.handed
                };
                let overdue = progress < Progress::ReportSent && due <= self.today;
                let style = if overdue { theme.error() } else { theme.dim() };
                (format!("{due} {how}"), style)
            }
            None => (String::new(), theme.dim()),
        };
        Row::new([
            Cell::from(desk::consultation_day(session).to_string()),
            Cell::from(session.id.clone()),
            Cell::from(session.patient_label().to_string()),
            Cell::from(match session.sent_version {
                0 => texts.progress(progress).to_string(),
                version => fill(texts.sent_version, &[("n", &version.to_string())]),
            }),
            Cell::from(fee),
            Cell::from(paid).style(paid_style),
            Cell::from(report).style(report_style),
        ])
    }
}

// ---------------------------------------------------------------------------------------
// Keys

/// What the desk's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Select(Step),
    Open,
    /// Ask how the fee was paid.
    AskPayment,
    /// The answer.
    Paid(PaymentMethod),
    Export,
    Receipt,
    ExportFhir,
    MarkSent,
    Cancel,
    Delete,
    Filter,
    Day(Step),
    Today,
    AllDates,
    Reload,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.desk;
        match self {
            Command::Select(_) => &k.select,
            Command::Open => &k.open,
            Command::AskPayment => &k.pay,
            Command::Paid(PaymentMethod::Cash) => &k.cash,
            Command::Paid(PaymentMethod::Card) => &k.card,
            Command::Paid(PaymentMethod::Transfer) => &k.transfer,
            Command::Export => &k.export,
            Command::Receipt => &k.receipt,
            Command::ExportFhir => &k.export_fhir,
            Command::MarkSent => &k.sent,
            Command::Cancel => &k.cancel,
            Command::Delete => &k.delete,
            Command::Filter => &k.filter,
            Command::Day(_) => &k.day,
            Command::Today => &k.today,
            Command::AllDates => &k.all_dates,
            Command::Reload => &k.reload,
        }
    }
}

const KEYS: KeyTable<Command> = &[
    up_down!(Command::Select(Step::Previous), Command::Select(Step::Next)),
    Binding::new(
        "Enter",
        Some("Enter"),
        &[(Key::code(KeyCode::Enter), Command::Open)],
    ),
    Binding::new("p", Some("p"), &[(Key::char('p'), Command::AskPayment)]),
    Binding::new("x", Some("x"), &[(Key::char('x'), Command::Export)]),
    // Off the hint line, which is full at 80 columns; the help (?) lists them.
    Binding::new("R", None, &[(Key::char('R'), Command::Receipt)]),
    Binding::new("X", None, &[(Key::char('X'), Command::ExportFhir)]),
    Binding::new("s", Some("s"), &[(Key::char('s'), Command::MarkSent)]),
    Binding::new("c", None, &[(Key::char('c'), Command::Cancel)]),
    Binding::new("D", None, &[(Key::char('D'), Command::Delete)]),
    Binding::new("f", Some("f"), &[(Key::char('f'), Command::Filter)]),
    Binding::new(
        "←/→",
        Some("←/→"),
        &[
            (Key::code(KeyCode::Left), Command::Day(Step::Previous)),
            (Key::code(KeyCode::Right), Command::Day(Step::Next)),
        ],
    ),
    Binding::new("t", None, &[(Key::char('t'), Command::Today)]),
    Binding::new("a", None, &[(Key::char('a'), Command::AllDates)]),
    Binding::new("r", None, &[(Key::char('r'), Command::Reload)]),
];

/// Asking how the fee was paid: any other key cancels.
const PAYMENT: KeyTable<Command> = &[
    Binding::new(
        "1",
        Some("1"),
        &[(Key::char('1'), Command::Paid(PaymentMethod::Cash))],
    ),
    Binding::new(
        "2",
        Some("2"),
        &[(Key::char('2'), Command::Paid(PaymentMethod::Card))],
    ),
    Binding::new(
        "3",
        Some("3"),
        &[(Key::char('3'), Command::Paid(PaymentMethod::Transfer))],
    ),
];
