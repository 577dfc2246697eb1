//! The words of the report tab (the preview of the report and its export), in Japanese and
//! English. The report itself is worded by its template, not here.

use crate::config::Lang;
use crate::core::export::ExportError;
use crate::i18n::fill;
use crate::report::Format;

pub struct ReportTexts {
    /// Over the preview: `{lang}` is the report's language, `{lines}` the lines in view.
    pub preview: &'static str,
    pub lines: &'static str,
    /// The report's languages, in the order ja, en.
    pub languages: [&'static str; 2],
    /// Nothing is missing from the opinion and every question has an answer.
    pub complete: &'static str,
    /// `{list}`: the questions still open ("Q3、Q5").
    pub open_questions: &'static str,
    pub question_ref: &'static str,
    pub list_separator: &'static str,
    pub never_exported: &'static str,
    /// `{at}` `{format}` `{path}`.
    pub last_export: &'static str,
    /// `{at}`.
    pub sent: &'static str,
    /// `{format}` `{path}`.
    pub exported: &'static str,
    /// `{path}`.
    pub not_ours: &'static str,
    /// A receipt asked for before anything was paid (`{id}`).
    pub nothing_paid: &'static str,
    /// `{err}`.
    pub failed: &'static str,
    /// `{err}`.
    pub template_error: &'static str,
    /// After a FHIR export: `{n}` rules of the guides not met, `{rules}` their ids.
    pub fhir_unmet: &'static str,
    /// The words of the lower layers' errors, in the same language.
    pub messages: &'static crate::i18n::messages::Messages,
}

pub static JA: ReportTexts = ReportTexts {
    preview: "報告書（{lang}）",
    lines: "{from}-{to}/{total}行",
    languages: ["日本語", "English"],
    complete: "所見はすべて記入され、すべての質問に回答または扱いが記録されています。",
    open_questions: "まだ回答のない質問: {list}",
    question_ref: "Q{n}",
    list_separator: "、",
    never_exported: "未出力 — d で Word、m で Markdown、j で JSON に出力します。",
    last_export: "出力済 {at}（{format}）{path}",
    sent: "送付済 {at}",
    exported: "{format} を出力しました: {path}",
    nothing_paid: "{id} はまだ支払いがないため、領収書は作れません。",
    not_ours: "{path} はこのセッションの出力ではないため、上書きしませんでした。移動してから出力し直してください。",
    failed: "出力できませんでした: {err}",
    template_error: "報告書テンプレートを使えません: {err}",
    fhir_unmet: " — FHIR 規則 {n} 件未充足（{rules}）: sonote check で確認",
    messages: &crate::i18n::messages::JA,
};

pub static EN: ReportTexts = ReportTexts {
    preview: "Report ({lang})",
    lines: "{from}-{to}/{total} lines",
    languages: ["日本語", "English"],
    complete: "The opinion is complete and every question has an answer or a recorded outcome.",
    open_questions: "Questions without an answer yet: {list}",
    question_ref: "Q{n}",
    list_separator: ", ",
    never_exported: "Not exported yet — d for Word, m for Markdown, j for JSON.",
    last_export: "Exported {at} ({format}) {path}",
    sent: "sent {at}",
    exported: "Exported {format}: {path}",
    nothing_paid: "{id}: nothing has been paid yet, so there is no receipt to write.",
    not_ours: "{path} is not an export of this session, so it was left alone. Move it away and export again.",
    failed: "Could not export: {err}",
    template_error: "The report template cannot be used: {err}",
    fhir_unmet: " — {n} rule(s) of the FHIR guides not met ({rules}): see sonote check",
    messages: &crate::i18n::messages::EN,
};

impl Lang {
    pub fn report_texts(self) -> &'static ReportTexts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl ReportTexts {
    pub fn language(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.languages[0],
            Lang::En => self.languages[1],
        }
    }

    /// Why an export failed, as a sentence.
    pub fn export_error(&self, err: &ExportError) -> String {
        match err {
            ExportError::NotOurs(path) => {
                fill(self.not_ours, &[("path", &path.display().to_string())])
            }
            ExportError::Template(err) => fill(
                self.template_error,
                &[("err", &self.messages.file_error(err))],
            ),
            ExportError::NothingPaid(id) => fill(self.nothing_paid, &[("id", id)]),
            ExportError::Busy(_) | ExportError::Session(_) | ExportError::Io(..) => fill(
                self.failed,
                &[("err", &self.messages.export_error(err, false))],
            ),
        }
    }

    /// What to add to the message of a FHIR export that breaks rules of the guides; empty
    /// when it breaks none.
    pub fn unmet(&self, findings: &[crate::report::fhir::Finding]) -> String {
        if findings.is_empty() {
            return String::new();
        }
        let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        fill(
            self.fhir_unmet,
            &[
                ("n", &findings.len().to_string()),
                ("rules", &rules.join(", ")),
            ],
        )
    }

    /// The name of a format, as the keys call it.
    pub fn format(&self, format: Format) -> &'static str {
        match format {
            Format::Docx => "Word (docx)",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Fhir => "FHIR",
        }
    }
}
