//! The report as a Word document (.docx): A4 with Japanese margins, Mincho body and Gothic
//! headings, the institution in the page header and "page N of M" in the footer.
//!
//! The letter's paragraphs are written by [`xml`], the package around them (styles,
//! settings, fonts, properties, the zip) by [`package`]: see there why not by docx-rs.
//!
//! The same report always gives the same bytes: paragraph ids are numbered in the order
//! they are written, the document's metadata carries the end of the consultation, and the
//! zip entries carry the zip format's earliest time.

use super::{
    Body, Conclusion, Field, FooterPart, Layout, OptionsTable, Part, QuestionItem, Report, Section,
};
use crate::config::Lang;
use xml::{Align, Border, Cell, Indent, Para, Style, TableProps, Then};

mod package;
mod xml;

/// A4 in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// The margins of a Japanese Word document: 35 mm top, 30 mm elsewhere.
const MARGIN_TOP: i32 = 1985;
const MARGIN_BOTTOM: i32 = 1701;
const MARGIN_SIDE: i32 = 1701;
const TEXT_WIDTH: i32 = PAGE_WIDTH as i32 - 2 * MARGIN_SIDE;
/// Where the sender and signature blocks start: the right part of the page.
const BLOCK_INDENT: i32 = TEXT_WIDTH / 2 + 400;

/// A block of facts of this many rows or fewer is kept on one page.
const SHORT_BLOCK: usize = 4;

/// The title's size: 16 pt.
const TITLE_HALF_POINTS: usize = 32;

const GREY: &str = "595959";
const RULE: &str = "808080";

/// Write the report as docx bytes.
pub fn render(report: &Report) -> std::io::Result<Vec<u8>> {
    let l = &report.layout;
    let mut writer = Writer {
        report,
        layout: l,
        keep_tail: false,
        body: xml::Body::new(&l.heading_font, &l.latin_heading_font, 64 * 1024),
    };
    // The page header and footer first: they take the first paragraph ids.
    writer.header();
    let header = writer.body.take();
    writer.footer();
    let footer = writer.body.take();
    // The document is written whole into the body's buffer: at 400 KB, a copy costs.
    writer.body.raw(&package::document_start());
    writer.letter_head();
    let last = report.sections.len().saturating_sub(1);
    for (index, section) in report.sections.iter().enumerate() {
        // The end of the body is kept with the closing, so the closing and the signature
        // never stand alone on the last page.
        writer.keep_tail = index == last;
        writer.section(section);
    }
    writer.letter_end();
    let page = package::Page {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        top: MARGIN_TOP,
        bottom: MARGIN_BOTTOM,
        side: MARGIN_SIDE,
        header: 851,
        footer: 992,
    };
    writer.body.raw(&package::document_end(&page));
    let content = package::Content {
        document: writer.body.into_xml(),
        header,
        footer,
    };
    let package = package::Package {
        title: &report.title,
        author: &report.facts.institution.name,
        timestamp: &l.timestamp,
        language: match report.language {
            Lang::Ja => "ja-JP",
            Lang::En => "en-US",
        },
        fonts: package::Fonts {
            body: &l.body_font,
            latin_body: &l.latin_body_font,
            heading: &l.heading_font,
            latin_heading: &l.latin_heading_font,
        },
        body_half_points: l.body_half_points,
        heading_half_points: heading_size(l),
        line_twips: line_pitch(report),
    };
    package::write(&package, content)
}

/// The distance from one line to the next, exactly: 1.4 times the body size in Japanese
/// (a Mincho wants air between its lines), 1.2 in English, a little more than Times set
/// "single". An exact pitch lays the letter out alike whatever font stands in for the
/// Mincho: Noto Serif CJK, LibreOffice's usual stand-in, is half as tall again as ＭＳ 明朝
/// at "single" spacing, which cost a page.
fn line_pitch(report: &Report) -> i32 {
    let half_points = report.layout.body_half_points as i32;
    match report.language {
        Lang::Ja => half_points * 14,
        Lang::En => half_points * 12,
    }
}

/// The section headings' size: a little larger than the body.
fn heading_size(layout: &Layout) -> usize {
    layout.body_half_points + 2
}

struct Writer<'a> {
    report: &'a Report,
    layout: &'a Layout,
    /// The section being written is the last: its last block keeps with the closing.
    keep_tail: bool,
    body: xml::Body,
}

impl Writer<'_> {
    fn small(&self) -> usize {
        self.layout.body_half_points.saturating_sub(3).max(12)
    }

    /// The page header: the institution, small, grey and right, over a thin rule.
    fn header(&mut self) {
        let p = Para::new().align(Align::Right).border_below(Border {
            space: 4,
            size: 4,
            color: RULE,
        });
        let style = Style::plain().size(self.small()).color(GREY).heading();
        self.body.paragraph_of(&p, style, &self.report.header);
    }

    /// The page footer: the template's text with the page number and count as fields.
    fn footer(&mut self) {
        let style = Style::plain().size(self.small()).color(GREY);
        self.body.paragraph(&Para::new().align(Align::Center));
        for part in &self.layout.footer {
            match part {
                FooterPart::Text(text) => self.body.run(style, text, Then::Nothing),
                FooterPart::Page => self.body.field(style, "PAGE"),
                FooterPart::Pages => self.body.field(style, "NUMPAGES"),
            }
        }
        self.body.end_paragraph();
    }

    /// Everything before the sections: date, addressee, sender, title, opening.
    fn letter_head(&mut self) {
        let r = self.report;
        let body = self.layout.body_half_points;
        let right = Para::new().align(Align::Right);
        if !r.date.is_empty() {
            self.body.paragraph_of(&right, Style::plain(), &r.date);
        }
        if !r.confidential.trim().is_empty() {
            let style = Style::plain().bold().heading();
            self.body.paragraph_of(&Para::new(), style, &r.confidential);
        }
        for line in &r.addressee {
            // The addressee stands out a little, as on a letter.
            let style = Style::plain().size(body + 3);
            self.body.paragraph_of(&Para::new(), style, line);
        }
        self.spacer(120, false);
        for line in &r.sender {
            self.body.paragraph_of(&right, Style::plain(), line);
        }
        // The title is larger than the body's line pitch: it keeps its own.
        let title = Para::new()
            .align(Align::Center)
            .before(240)
            .after(240)
            .exact_line(TITLE_HALF_POINTS as i32 * 15);
        let style = Style::plain().size(TITLE_HALF_POINTS).bold().heading();
        self.body.paragraph_of(&title, style, &r.title);
        for (index, line) in r.opening.iter().enumerate() {
            // A Japanese letter starts the salutation at the margin and indents the prose.
            let indent = self.report.language == Lang::Ja && index > 0;
            self.prose(line, indent, false);
        }
    }

    /// Everything after the sections: closing phrases, the closing word, the signature.
    /// The closing and the signature move to a new page together (each paragraph but the
    /// last is kept with the next): a signature alone on the last page would sign nothing
    /// that is on it.
    fn letter_end(&mut self) {
        let r = self.report;
        let s = &r.signature;
        let ja = self.report.language == Lang::Ja;
        self.spacer(120, true);
        for line in &r.closing {
            self.prose(line, ja, true);
        }
        if !r.closing_word.trim().is_empty() {
            let align = if ja { Align::Right } else { Align::Left };
            let p = Para::new().align(align).before(120).keep_next(true);
            self.body.paragraph_of(&p, Style::plain(), &r.closing_word);
        }
        let sign_here = !s.sign_here.trim().is_empty();
        self.spacer(120, true);
        // A Japanese letter signs on the right; an English one under its closing, left.
        let block_indent = if ja { BLOCK_INDENT } else { 0 };
        let block = Para::new()
            .indent(Indent::left(block_indent))
            .keep_next(true);
        let title = Style::plain().size(self.small()).color(GREY).heading();
        self.body.paragraph_of(&block, title, &s.title);
        if !s.department.is_empty() {
            self.body
                .paragraph_of(&block, Style::plain(), &s.department);
        }
        let name = Style::plain().size(self.layout.body_half_points + 3);
        // The name ends the letter unless a line to sign on follows.
        self.body
            .paragraph_of(&block.keep_next(sign_here), name, &s.name);
        if sign_here {
            // A line to sign on: the label, then the rule under the rest of the block, which
            // spans to the margin on the right side, half the text width on the left.
            let sign_end = if ja { 0 } else { TEXT_WIDTH / 2 };
            let p = Para::new()
                .indent(Indent::left(block_indent).right(sign_end).first_line(0))
                .before(280)
                .border_below(Border {
                    space: 0,
                    size: 6,
                    color: "auto",
                });
            let label = Style::plain().size(self.small()).color(GREY);
            self.body.paragraph_of(&p, label, &s.sign_here);
        }
    }

    fn section(&mut self, section: &Section) {
        let heading = Style::plain()
            .bold()
            .size(heading_size(self.layout))
            .heading();
        let p = Para::new()
            .style(package::HEADING)
            .keep_next(true)
            .before(160)
            .after(80)
            .border_below(rule(1));
        self.body.paragraph_of(&p, heading, &section.heading);
        match &section.body {
            Body::Fields(fields) => self.fields(fields),
            Body::List(items) => {
                let bullet = match self.report.language {
                    Lang::Ja => "・",
                    Lang::En => "•\u{a0}",
                };
                let last = items.len().saturating_sub(1);
                for (index, item) in items.iter().enumerate() {
                    // Two items stay on one page, like a block of facts; a longer list (the
                    // open questions) may break after its first two items, so a page does
                    // not end a quarter empty before it.
                    let keep = match self.keep_tail {
                        true => index == last,
                        false if items.len() <= 2 => index < last,
                        false => index == 0,
                    };
                    let p = Para::new()
                        .keep_next(keep)
                        .indent(Indent::left(420).hanging(210));
                    self.body.paragraph(&p);
                    self.body.run(Style::plain(), bullet, Then::Nothing);
                    self.body.run(Style::plain(), item, Then::Nothing);
                    self.body.end_paragraph();
                }
            }
            Body::Paragraphs(paragraphs) => {
                for text in paragraphs {
                    let indent = self.report.language == Lang::Ja;
                    self.prose(text, indent, false);
                }
            }
            Body::Questions(questions) => {
                let indent = questions
                    .iter()
                    .map(|q| self.label_width(&q.label))
                    .max()
                    .unwrap_or(0);
                for question in questions {
                    self.question(question, indent);
                }
            }
            Body::Parts(parts) => {
                for part in parts {
                    self.part(part);
                }
            }
            Body::Options(table) => self.opinion_table(table),
            Body::Conclusion(conclusion) => self.conclusion(conclusion),
            Body::NotRecorded(phrase) => {
                let p = Para::new().indent(Indent::left(210));
                self.body
                    .paragraph_of(&p, Style::plain().color(GREY), phrase);
            }
        }
    }

    /// Label and value pairs as a table without borders, so the values line up.
    fn fields(&mut self, fields: &[Field]) {
        // Wide enough for the longest label on one line, within reason.
        let widest = fields
            .iter()
            .map(|f| self.label_width(&f.label))
            .max()
            .unwrap_or(0);
        let label_width = (widest + 200).clamp(1800, TEXT_WIDTH / 3) as usize;
        let value_width = TEXT_WIDTH as usize - label_width;
        let last = fields.len().saturating_sub(1);
        self.body.table(&TableProps {
            width: TEXT_WIDTH,
            columns: &[label_width, value_width],
            lines: None,
            margins: [20, 100, 20, 100],
            indent: Some(100),
        });
        // The running text's exact pitch, said again: label (Gothic) and value (Mincho, or
        // Latin only) differ in their natural heights, and their baselines would not line
        // up; a block of facts takes no more room than prose.
        let line = Para::new().exact_line(line_pitch(self.report));
        let label = Style::plain().color(GREY).heading();
        for (index, field) in fields.iter().enumerate() {
            // Keep the rows together: a short block of facts reads badly split. A longer one
            // may break, but never before its second row or after its last but one: the
            // findings kept whole left page 1 a sixth empty. At the end of the body only the
            // last row keeps with the closing: the whole block and the closing together left
            // the page before a third empty.
            let p = match self.keep_tail {
                true => line.keep_next(index == last),
                false if fields.len() <= SHORT_BLOCK => line.keep_next(index < last),
                false => line.keep_next(index == 0 || index + 2 == fields.len()),
            };
            self.body.row(false);
            self.body.cell(Cell::Top(label_width));
            self.body.paragraph_of(&p, label, &field.label);
            self.body.end_cell();
            self.body.cell(Cell::Plain(value_width));
            self.body.paragraph_of(&p, Style::plain(), &field.value);
            self.body.end_cell();
            self.body.end_row();
        }
        self.body.end_table();
    }

    /// A question and its answer. Each label is followed by a tab to the hanging indent, so
    /// wrapped lines start under the text, not under the label.
    fn question(&mut self, q: &QuestionItem, question_indent: i32) {
        let small = self.small();
        let p = Para::new()
            .keep_next(true)
            .before(60)
            .indent(Indent::left(question_indent).hanging(question_indent));
        self.body.paragraph(&p);
        let label = Style::plain().bold().heading();
        self.body.run(label, &q.label, Then::Tab);
        self.body.run(Style::plain(), &q.text, Then::Nothing);
        if !q.asked_by.is_empty() {
            let style = Style::plain().size(small).color(GREY);
            self.body.run(style, &q.asked_by, Then::Nothing);
        }
        self.body.end_paragraph();
        let answer_indent = self.label_width(&q.answer_label);
        let a = Para::new()
            .indent(Indent::left(question_indent + answer_indent).hanging(answer_indent));
        self.body.paragraph(&a);
        let grey = Style::plain().color(GREY);
        self.body.run(grey.heading(), &q.answer_label, Then::Tab);
        if !q.note.is_empty() {
            // What became of the question, then what was written about it on a new line.
            self.body.run(grey, &q.note, Then::LineBreak);
        }
        let answer = if q.answered { Style::plain() } else { grey };
        self.body.run(answer, &q.answer, Then::Nothing);
        self.body.end_paragraph();
        if let Some(note) = &q.family_note {
            // The family's words under their own label, grey: never read as the letter's.
            let indent = self.label_width(&note.label);
            let p = Para::new()
                .before(40)
                .indent(Indent::left(question_indent + indent).hanging(indent));
            self.body.paragraph(&p);
            self.body.run(grey.heading(), &note.label, Then::Tab);
            self.body.run(grey, &note.value, Then::Nothing);
            self.body.end_paragraph();
        }
    }

    /// The conclusion: the position on the plan and the summary opinion as prose, then one
    /// line per option with its recommendation, as label and value.
    fn conclusion(&mut self, conclusion: &Conclusion) {
        let ja = self.report.language == Lang::Ja;
        if let Some(asked) = &conclusion.asked {
            self.fields(std::slice::from_ref(asked));
            self.spacer(60, true);
        }
        // The conclusion reads as one block: its prose stays with the options under it.
        let keep = !conclusion.options.is_empty();
        for text in &conclusion.paragraphs {
            self.prose(text, ja, keep);
        }
        if !conclusion.options.is_empty() {
            self.fields(&conclusion.options);
        }
    }

    /// Room for a label and the gap (one full-width character) after it, in twips.
    fn label_width(&self, label: &str) -> i32 {
        self.text_width(label) + self.layout.body_half_points as i32 * 10
    }

    /// The width of a line of text at body size, in twips: a full-width character is the
    /// body size; a Latin letter is taken as 0.6 of it, which holds for the fonts that
    /// stand in for Times and Arial where those are missing (they are wider).
    fn text_width(&self, text: &str) -> i32 {
        let em = self.layout.body_half_points as i32 * 10;
        text.chars()
            .map(
                |c| match unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) {
                    0 => 0,
                    1 => em * 6 / 10,
                    _ => em,
                },
            )
            .sum()
    }

    /// A labelled part of the overall opinion: a small Gothic label kept with its text, the
    /// paragraphs indented under it.
    fn part(&mut self, part: &Part) {
        let p = Para::new()
            .keep_next(true)
            .before(80)
            .after(20)
            .indent(Indent::left(100));
        self.body
            .paragraph_of(&p, Style::plain().heading().bold(), &part.label);
        let ja = self.report.language == Lang::Ja;
        let mut indent = Indent::left(310);
        if ja {
            indent = indent.first_line(self.one_char());
        }
        for text in &part.paragraphs {
            // Each typed line is a paragraph of its own, so each keeps the indent.
            let lines: Vec<&str> = text.split('\n').collect();
            let last = lines.len() - 1;
            for (index, line) in lines.into_iter().enumerate() {
                let after = if index == last { 120 } else { 0 };
                let p = Para::new().after(after).indent(indent);
                self.body.paragraph_of(&p, Style::plain(), line);
            }
        }
    }

    /// The opinion by treatment option: each option a line of its own (its name, Gothic,
    /// and the recommendation), kept with its details under it across the full width. The
    /// recommendations are on page 1 already; a three-column table here left the details
    /// half the page's width and ran over a page and a half.
    fn opinion_table(&mut self, table: &OptionsTable) {
        let small = self.small();
        let colon = match self.report.language {
            Lang::Ja => "：",
            Lang::En => ": ",
        };
        let gap = match self.report.language {
            Lang::Ja => "\u{3000}",
            Lang::En => "\u{a0}\u{a0}",
        };
        for row in &table.rows {
            let head = Para::new()
                .keep_next(!row.details.is_empty())
                .before(80)
                .after(20)
                .indent(Indent::left(100))
                .border_below(Border {
                    space: 1,
                    size: 2,
                    color: RULE,
                });
            self.body.paragraph(&head);
            self.body
                .run(Style::plain().heading().bold(), &row.option, Then::Nothing);
            self.body.run(Style::plain(), gap, Then::Nothing);
            self.body
                .run(Style::plain(), &row.recommendation, Then::Nothing);
            self.body.end_paragraph();
            let last = row.details.len().saturating_sub(1);
            for (index, detail) in row.details.iter().enumerate() {
                // The label small and grey before its text, as in a form. A detail keeps
                // with the next, so an option's first lines never end a page alone.
                let p = Para::new()
                    .keep_next(index == 0 && index < last)
                    .indent(Indent::left(310));
                self.body.paragraph(&p);
                let label = Style::plain().size(small).color(GREY).heading();
                let label_text = format!("{}{colon}", detail.label);
                self.body.run(label, &label_text, Then::Nothing);
                self.body.run(Style::plain(), &detail.value, Then::Nothing);
                self.body.end_paragraph();
            }
        }
    }

    /// A paragraph of running text; Japanese prose starts one character in.
    /// Each typed line is a paragraph of its own, so each keeps the indent.
    fn prose(&mut self, text: &str, indent_first_line: bool, keep_next: bool) {
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines.len() - 1;
        for (index, line) in lines.into_iter().enumerate() {
            let after = if index == last { 120 } else { 0 };
            let mut p = Para::new().after(after).keep_next(keep_next);
            if indent_first_line {
                p = p.indent(Indent::left(0).first_line(self.one_char()));
            }
            self.body.paragraph_of(&p, Style::plain(), line);
        }
    }

    /// One full-width character at body size, in twips (twenty to a point, ten to a
    /// half-point).
    fn one_char(&self) -> i32 {
        self.layout.body_half_points as i32 * 10
    }

    /// An empty paragraph that leaves `twips` of space.
    fn spacer(&mut self, twips: u32, keep_next: bool) {
        self.body
            .paragraph(&Para::new().after(twips).keep_next(keep_next));
        self.body.end_paragraph();
    }
}

/// A thin grey rule under a paragraph, `space` points below its text.
fn rule(space: u32) -> Border {
    Border {
        space,
        size: 4,
        color: RULE,
    }
}
