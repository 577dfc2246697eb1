//! The report as data: the letter and its sections as plain text, which the docx, markdown
//! and json writers render without knowing the session or the template.

use serde::Serialize;

use crate::config::Lang;

use super::Facts;
use super::template::SectionKey;

/// The report, ready to be written in any format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub language: Lang,
    /// What the report says, as data (dates, durations, names), for the json export.
    #[serde(skip)]
    pub facts: Facts,
    /// Fonts and page furniture, for the docx writer only.
    #[serde(skip)]
    pub layout: Layout,
    /// The institution, printed in the page header.
    pub header: String,
    pub confidential: String,
    pub date: String,
    pub addressee: Vec<String>,
    /// The sending institution: name and address.
    pub sender: Vec<String>,
    pub title: String,
    /// Salutation and thanks for the referral.
    pub opening: Vec<String>,
    pub sections: Vec<Section>,
    /// No tests or treatment were done here; the closing sentence.
    pub closing: Vec<String>,
    pub closing_word: String,
    pub signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub key: SectionKey,
    /// The heading as printed, numbered when the template asks for it.
    pub heading: String,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Body {
    /// Label and value pairs.
    Fields(Vec<Field>),
    /// Separate items (attendees, materials).
    List(Vec<String>),
    /// Free text; each string is a paragraph and may hold line breaks.
    Paragraphs(Vec<String>),
    /// Free text under small labels (the parts of the overall opinion).
    Parts(Vec<Part>),
    Questions(Vec<QuestionItem>),
    /// The opinion by treatment option.
    Options(OptionsTable),
    /// The conclusion: a few paragraphs, then one line per option with its recommendation.
    Conclusion(Conclusion),
    /// Nothing was recorded: the template's phrase for it.
    NotRecorded(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A labelled run of paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub label: String,
    /// Each string is a paragraph and may hold line breaks.
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionItem {
    /// "質問1", "Q1".
    pub label: String,
    pub text: String,
    /// Who asked, as worded by the template ("（本人）").
    pub asked_by: String,
    pub answer_label: String,
    /// What happened to a question that was not answered ("今回の面談では見送りました。"),
    /// printed before the written answer; empty for an answered question or when the
    /// phrase is the whole answer.
    pub note: String,
    /// The answer as written, or the template's phrase for what became of the question.
    pub answer: String,
    /// `answer` is text written during the consultation (not a phrase of the template).
    pub answered: bool,
    /// The companion's notes, when the specialist chose to print them, under the template's
    /// label for the family's notes; None otherwise.
    pub family_note: Option<Field>,
}

/// The conclusion on page 1: what the physician reads first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conclusion {
    /// What the referral asked, when recorded: the conclusion answers it.
    pub asked: Option<Field>,
    /// The position on the primary physician's plan, then the summary opinion; each
    /// string is a paragraph.
    pub paragraphs: Vec<String>,
    /// One line per option: the option as the label, the recommendation as the value.
    pub options: Vec<Field>,
}

/// The opinion table: three columns (option, recommendation, details), one row per option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionsTable {
    pub columns: Vec<String>,
    pub rows: Vec<OptionItem>,
}

/// One treatment option: its name, the recommendation word, and the details written for
/// it (only those written, in a fixed order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionItem {
    pub option: String,
    pub recommendation: String,
    pub details: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub title: String,
    pub department: String,
    pub name: String,
    /// The label of the line to sign on; empty to print no line.
    pub sign_here: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub body_font: String,
    pub heading_font: String,
    pub latin_body_font: String,
    pub latin_heading_font: String,
    /// Body size in half-points, as Word counts.
    pub body_half_points: usize,
    /// The page footer, with the places of the page number and the page count.
    pub footer: Vec<FooterPart>,
    /// The document's creation time for its metadata: the end of the consultation.
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FooterPart {
    Text(String),
    Page,
    Pages,
}
