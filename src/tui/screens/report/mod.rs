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
use crate::report::{self, Body, Document, Field, Format, OptionsTable, Report};
use crate::tui::action::Action;
use crate::tui::keymap::{
    self, Binding, Context, Edge, Entry, Key, Step, Table, entries, hint_line, lookup,
};
use crate::tui::outcome::{DrawContext, Effect, Status, TabOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::fingerprint;
use crate::tui::widgets::wrap::{display_width, wrap};

mod draw;
mod keys;

// The report's layout, measured by the frame tests.
#[cfg(test)]
pub use draw::layout;
#[allow(unused_imports)]
use draw::*;
#[allow(unused_imports)]
pub(crate) use keys::*;

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
        !matches!(
            lookup(KEYS, key),
            Some(Command::Export(_) | Command::Patient | Command::Confirm | Command::Correct)
        )
    }

    /// Keys that export, confirm or correct the record: what a confirmed record answers
    /// besides looking (an export records only where the report went).
    pub fn about_the_record(key: &KeyEvent) -> bool {
        matches!(
            lookup(KEYS, key),
            Some(Command::Export(_) | Command::Patient | Command::Confirm | Command::Correct)
        )
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
            Some(Command::Export(format)) => return self.export(format, Document::Letter),
            Some(Command::Patient) => return self.export(Format::Docx, Document::Patient),
            Some(Command::Confirm) => return TabOutcome::effect(Effect::ConfirmRecord),
            Some(Command::Correct) => return TabOutcome::effect(Effect::CorrectRecord),
            None => {}
        }
        TabOutcome::default()
    }

    /// Ask the app to export through the open session (this terminal holds its writer's
    /// lock, so the export is recorded on the session in memory and saved with it), with
    /// the template the preview shows, so that the file says what the screen does.
    fn export(&mut self, format: Format, document: Document) -> TabOutcome {
        match self.template() {
            Ok(_) => TabOutcome::effect(Effect::Export {
                format,
                lang: self.lang,
                document,
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
                status: Some(Status::info(
                    fill(
                        words.exported,
                        &[
                            ("format", words.format(format)),
                            ("path", &out.path.display().to_string()),
                        ],
                    ) + &words.unmet(&out.findings),
                )),
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
}

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
