//! The report as a Word document (.docx): A4 with Japanese margins, Mincho body and Gothic
//! headings, the institution in the page header and "page N of M" in the footer.
//!
//! The same report always gives the same bytes: paragraph ids are numbered here rather than
//! by docx-rs's per-thread counter, the document's metadata carries the end of the
//! consultation, and the zip entries carry the fixed 1980-01-01 time docx-rs writes.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, Header, InstrNUMPAGES,
    InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, ShdType, SpecialIndentType,
    Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::{Body, Field, FooterPart, Layout, OptionsTable, Part, QuestionItem, Report, Section};
use crate::config::Lang;

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

const GREY: &str = "595959";
const RULE: &str = "808080";

/// Write the report as docx bytes.
pub fn render(report: &Report) -> std::io::Result<Vec<u8>> {
    let mut writer = Writer::new(report);
    let docx = writer.document();
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document, &writer.header_rows);
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.into_inner())
}

/// Make table rows header rows (`w:tblHeader`), which docx-rs cannot: the word processor
/// repeats them on each page the table runs over, and never leaves them alone at the foot
/// of a page. Each row is found by the id of a paragraph in it.
fn mark_header_rows(document: &[u8], paragraph_ids: &[String]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut text = text.to_string();
    for id in paragraph_ids {
        let Some(paragraph) = text.find(&format!("w14:paraId=\"{id}\"")) else {
            continue;
        };
        if let Some(row) = text[..paragraph].rfind("<w:trPr>") {
            text.insert_str(row + "<w:trPr>".len(), "<w:tblHeader />");
        }
    }
    text.into_bytes()
}

struct Writer<'a> {
    report: &'a Report,
    layout: &'a Layout,
    next_id: u32,
    /// A paragraph id in each table row to be marked a header row.
    header_rows: Vec<String>,
}

impl<'a> Writer<'a> {
    fn new(report: &'a Report) -> Self {
        Writer {
            report,
            layout: &report.layout,
            next_id: 0,
            header_rows: Vec::new(),
        }
    }

    fn document(&mut self) -> Docx {
        let l = self.layout;
        let fonts = RunFonts::new()
            .east_asia(&l.body_font)
            .ascii(&l.latin_body_font)
            .hi_ansi(&l.latin_body_font)
            .cs(&l.latin_body_font);
        let mut docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN_TOP)
                    .bottom(MARGIN_BOTTOM)
                    .left(MARGIN_SIDE)
                    .right(MARGIN_SIDE)
                    .header(851)
                    .footer(992),
            )
            .default_fonts(fonts)
            .default_size(l.body_half_points)
            .default_line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(264)
                    .after(0),
            )
            .created_at(&l.timestamp)
            .updated_at(&l.timestamp);
        docx = docx.header(self.header()).footer(self.footer());
        for paragraph in self.letter_head() {
            docx = docx.add_paragraph(paragraph);
        }
        let sections = &self.report.sections;
        for section in sections {
            for block in self.section(section) {
                docx = match block {
                    Block::Paragraph(p) => docx.add_paragraph(*p),
                    Block::Table(t) => docx.add_table(*t),
                };
            }
        }
        for paragraph in self.letter_end() {
            docx = docx.add_paragraph(paragraph);
        }
        docx
    }

    /// A paragraph with the next id: see the module comment on determinism.
    fn paragraph(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new().id(format!("{:08X}", self.next_id))
    }

    fn small(&self) -> usize {
        self.layout.body_half_points.saturating_sub(3).max(12)
    }

    fn heading_fonts(&self) -> RunFonts {
        RunFonts::new()
            .east_asia(&self.layout.heading_font)
            .ascii(&self.layout.latin_heading_font)
            .hi_ansi(&self.layout.latin_heading_font)
            .cs(&self.layout.latin_heading_font)
    }

    fn header(&mut self) -> Header {
        let run = text_run(&self.report.header)
            .fonts(self.heading_fonts())
            .size(self.small())
            .color(GREY);
        let p = self.paragraph().align(AlignmentType::Right).add_run(run);
        Header::new().add_paragraph(underlined(p, rule().space(4)))
    }

    fn footer(&mut self) -> Footer {
        let size = self.small();
        let mut p = self.paragraph().align(AlignmentType::Center);
        let style = |run: Run| run.size(size).color(GREY);
        for part in &self.layout.footer {
            let runs = match part {
                FooterPart::Text(text) => vec![text_run(text)],
                FooterPart::Page => field_runs(InstrText::PAGE(InstrPAGE::new())),
                FooterPart::Pages => field_runs(InstrText::NUMPAGES(InstrNUMPAGES::new())),
            };
            for run in runs {
                p = p.add_run(style(run));
            }
        }
        Footer::new().add_paragraph(p)
    }

    /// Everything before the sections: date, addressee, sender, title, opening.
    fn letter_head(&mut self) -> Vec<Paragraph> {
        let r = self.report;
        let body = self.layout.body_half_points;
        let mut out = Vec::new();
        if !r.date.is_empty() {
            let p = self.paragraph().align(AlignmentType::Right);
            out.push(p.add_run(text_run(&r.date)));
        }
        if !r.confidential.trim().is_empty() {
            let run = text_run(&r.confidential).bold().fonts(self.heading_fonts());
            out.push(self.paragraph().add_run(run));
        }
        for line in &r.addressee {
            // The addressee stands out a little, as on a letter.
            let run = text_run(line).size(body + 3);
            out.push(self.paragraph().add_run(run));
        }
        out.push(self.spacer(120));
        for line in &r.sender {
            let p = self.paragraph().align(AlignmentType::Right);
            out.push(p.add_run(text_run(line)));
        }
        let title = text_run(&r.title)
            .bold()
            .size(32)
            .fonts(self.heading_fonts());
        out.push(
            self.paragraph()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(240).after(240))
                .add_run(title),
        );
        for (index, line) in r.opening.iter().enumerate() {
            // A Japanese letter starts the salutation at the margin and indents the prose.
            let indent = self.report.language == Lang::Ja && index > 0;
            out.push(self.prose(line, indent));
        }
        out
    }

    /// Everything after the sections: closing phrases, the closing word, the signature.
    fn letter_end(&mut self) -> Vec<Paragraph> {
        let r = self.report;
        let mut out = vec![self.spacer(120)];
        for line in &r.closing {
            out.push(self.prose(line, self.report.language == Lang::Ja));
        }
        if !r.closing_word.trim().is_empty() {
            let align = match self.report.language {
                Lang::Ja => AlignmentType::Right,
                Lang::En => AlignmentType::Left,
            };
            let p = self
                .paragraph()
                .align(align)
                .line_spacing(LineSpacing::new().before(120));
            out.push(p.add_run(text_run(&r.closing_word)));
        }
        out.push(self.spacer(240));
        let s = &r.signature;
        // A Japanese letter signs on the right; an English one under its closing, left.
        let block_indent = match self.report.language {
            Lang::Ja => BLOCK_INDENT,
            Lang::En => 0,
        };
        let block = |p: Paragraph| p.indent(Some(block_indent), None, None, None);
        // The line to sign on spans the block: to the margin on the right side, half the
        // text width on the left.
        let sign_end = match self.report.language {
            Lang::Ja => 0,
            Lang::En => TEXT_WIDTH / 2,
        };
        let title = text_run(&s.title)
            .size(self.small())
            .color(GREY)
            .fonts(self.heading_fonts());
        let p = self.paragraph();
        out.push(block(p).add_run(title));
        if !s.department.is_empty() {
            let p = self.paragraph();
            out.push(block(p).add_run(text_run(&s.department)));
        }
        let name = text_run(&s.name).size(self.layout.body_half_points + 3);
        let p = self.paragraph();
        out.push(block(p).add_run(name));
        if !s.sign_here.trim().is_empty() {
            // A line to sign on: the label, then the rule under the rest of the block.
            let label = text_run(&s.sign_here).size(self.small()).color(GREY);
            let p = self
                .paragraph()
                .indent(
                    Some(block_indent),
                    Some(SpecialIndentType::FirstLine(0)),
                    Some(sign_end),
                    None,
                )
                .line_spacing(LineSpacing::new().before(360))
                .add_run(label);
            out.push(underlined(
                p,
                ParagraphBorder::new(ParagraphBorderPosition::Bottom).size(6),
            ));
        }
        // The closing and the signature move to a new page together: a signature alone
        // on the last page would sign nothing that is on it.
        let last = out.len().saturating_sub(1);
        out.into_iter()
            .enumerate()
            .map(|(index, p)| if index < last { p.keep_next(true) } else { p })
            .collect()
    }

    fn section(&mut self, section: &Section) -> Vec<Block> {
        let heading = text_run(&section.heading)
            .bold()
            .size(self.layout.body_half_points + 2)
            .fonts(self.heading_fonts());
        let p = self
            .paragraph()
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(240).after(100))
            .add_run(heading);
        let mut out = vec![Block::Paragraph(Box::new(underlined(p, rule().space(1))))];
        match &section.body {
            Body::Fields(fields) => out.push(Block::Table(Box::new(self.fields(fields)))),
            Body::List(items) => {
                let bullet = match self.report.language {
                    Lang::Ja => "・",
                    Lang::En => "•\u{a0}",
                };
                let last = items.len().saturating_sub(1);
                for (index, item) in items.iter().enumerate() {
                    // A short list stays on one page, like a block of facts.
                    let p = self
                        .paragraph()
                        .keep_next(index < last)
                        .indent(Some(420), Some(SpecialIndentType::Hanging(210)), None, None)
                        .add_run(Run::new().add_text(bullet))
                        .add_run(text_run(item));
                    out.push(Block::Paragraph(Box::new(p)));
                }
            }
            Body::Paragraphs(paragraphs) => {
                for text in paragraphs {
                    let indent = self.report.language == Lang::Ja;
                    out.push(Block::Paragraph(Box::new(self.prose(text, indent))));
                }
            }
            Body::Questions(questions) => {
                let indent = questions
                    .iter()
                    .map(|q| self.label_width(&q.label))
                    .max()
                    .unwrap_or(0);
                for question in questions {
                    out.extend(
                        self.question(question, indent)
                            .into_iter()
                            .map(|p| Block::Paragraph(Box::new(p))),
                    );
                }
            }
            Body::Parts(parts) => {
                for part in parts {
                    out.extend(
                        self.part(part)
                            .into_iter()
                            .map(|p| Block::Paragraph(Box::new(p))),
                    );
                }
            }
            Body::Options(table) => out.push(Block::Table(Box::new(self.opinion_table(table)))),
            Body::NotRecorded(phrase) => {
                let run = text_run(phrase).color(GREY);
                let p = self
                    .paragraph()
                    .indent(Some(210), None, None, None)
                    .add_run(run);
                out.push(Block::Paragraph(Box::new(p)));
            }
        }
        out
    }

    /// Label and value pairs as a table without borders, so the values line up.
    fn fields(&mut self, fields: &[Field]) -> Table {
        // Wide enough for the longest label on one line, within reason.
        let widest = fields
            .iter()
            .map(|f| self.label_width(&f.label))
            .max()
            .unwrap_or(0);
        let label_width = (widest + 200).clamp(1800, TEXT_WIDTH / 3) as usize;
        let value_width = TEXT_WIDTH as usize - label_width;
        let last = fields.len().saturating_sub(1);
        // An exact line height: label (Gothic) and value (Mincho, or Latin only) differ in
        // their natural heights, and their baselines would not line up.
        let line = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(self.layout.body_half_points as i32 * 15);
        let rows = fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                // Keep the rows together: a short block of facts reads badly split.
                let keep = index < last;
                let label = text_run(&field.label)
                    .color(GREY)
                    .fonts(self.heading_fonts());
                let label = TableCell::new()
                    .width(label_width, WidthType::Dxa)
                    .vertical_align(VAlignType::Top)
                    .add_paragraph(
                        self.paragraph()
                            .keep_next(keep)
                            .line_spacing(line.clone())
                            .add_run(label),
                    );
                let value = self
                    .paragraph()
                    .keep_next(keep)
                    .line_spacing(line.clone())
                    .add_run(text_run(&field.value));
                let value = TableCell::new()
                    .width(value_width, WidthType::Dxa)
                    .add_paragraph(value);
                TableRow::new(vec![label, value]).cant_split()
            })
            .collect();
        Table::without_borders(rows)
            .set_grid(vec![label_width, value_width])
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .indent(100)
            .margins(TableCellMargins::new().margin(30, 100, 30, 100))
    }

    /// A question and its answer. Each label is followed by a tab to the hanging indent, so
    /// wrapped lines start under the text, not under the label.
    fn question(&mut self, q: &QuestionItem, question_indent: i32) -> Vec<Paragraph> {
        let small = self.small();
        let label = text_run(&q.label).bold().fonts(self.heading_fonts());
        let mut p = self
            .paragraph()
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(120))
            .indent(
                Some(question_indent),
                Some(SpecialIndentType::Hanging(question_indent)),
                None,
                None,
            )
            .add_run(label.add_tab())
            .add_run(text_run(&q.text));
        if !q.asked_by.is_empty() {
            p = p.add_run(text_run(&q.asked_by).size(small).color(GREY));
        }
        let answer_label = text_run(&q.answer_label)
            .fonts(self.heading_fonts())
            .color(GREY)
            .add_tab();
        let answer = match q.answered {
            true => text_run(&q.answer),
            false => text_run(&q.answer).color(GREY),
        };
        let answer_indent = self.label_width(&q.answer_label);
        let mut a = self
            .paragraph()
            .indent(
                Some(question_indent + answer_indent),
                Some(SpecialIndentType::Hanging(answer_indent)),
                None,
                None,
            )
            .add_run(answer_label);
        if !q.note.is_empty() {
            // What became of the question, then what was written about it on a new line.
            a = a.add_run(
                text_run(&q.note)
                    .color(GREY)
                    .add_break(BreakType::TextWrapping),
            );
        }
        vec![p, a.add_run(answer)]
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
    fn part(&mut self, part: &Part) -> Vec<Paragraph> {
        let label = text_run(&part.label).fonts(self.heading_fonts()).bold();
        let mut out = vec![
            self.paragraph()
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(120).after(40))
                .indent(Some(100), None, None, None)
                .add_run(label),
        ];
        let ja = self.report.language == Lang::Ja;
        let one_char = self.layout.body_half_points as i32 * 10;
        for text in &part.paragraphs {
            let first = ja.then_some(SpecialIndentType::FirstLine(one_char));
            let mut p = self.prose(text, false).indent(Some(310), first, None, None);
            if ja {
                p = p.first_line_chars(100);
            }
            out.push(p);
        }
        out
    }

    /// The opinion by treatment option: a ruled table with a shaded header row. The option
    /// and recommendation columns are as wide as their longest word (within limits), so the
    /// details, the longest text, get the rest of the A4 width.
    fn opinion_table(&mut self, table: &OptionsTable) -> Table {
        // Cell margins (100 each side) and a little air, in twips.
        const PAD: i32 = 260;
        // The header is set small: a long word there ("Recommendation") would otherwise
        // widen its column or break in two. Bold Latin letters are wider than plain.
        let header_scale = |width: i32| {
            width * self.small() as i32 / self.layout.body_half_points as i32 * 12 / 10
        };
        let widest = |column: usize, cells: Vec<&String>| {
            let header = table
                .columns
                .get(column)
                .map(|text| header_scale(self.text_width(text)))
                .unwrap_or(0);
            cells
                .into_iter()
                .map(|text| self.text_width(text))
                .fold(header, i32::max)
        };
        let options = table.rows.iter().map(|row| &row.option).collect();
        let words = table.rows.iter().map(|row| &row.recommendation).collect();
        // As wide as the longest name, within limits: a long option wraps (at a space in
        // English) rather than squeeze the details, the longest text.
        let first = (widest(0, options) + PAD).clamp(TEXT_WIDTH * 12 / 100, TEXT_WIDTH * 26 / 100);
        let second = (widest(1, words) + PAD).clamp(TEXT_WIDTH * 10 / 100, TEXT_WIDTH * 25 / 100);
        let widths = [first, second, TEXT_WIDTH - first - second].map(|w| w as usize);
        // The row is found again by its first paragraph, the next one made.
        self.header_rows.push(format!("{:08X}", self.next_id + 1));
        let header = table
            .columns
            .iter()
            .zip(widths)
            .map(|(column, width)| {
                let run = text_run(column)
                    .bold()
                    .size(self.small())
                    .fonts(self.heading_fonts());
                let paragraph = self.paragraph();
                TableCell::new()
                    .width(width, WidthType::Dxa)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("EDEDED"))
                    .add_paragraph(paragraph.add_run(run))
            })
            .collect();
        let mut rows = vec![TableRow::new(header).cant_split()];
        let small = self.small();
        for row in &table.rows {
            let option = TableCell::new()
                .width(widths[0], WidthType::Dxa)
                .add_paragraph(
                    self.paragraph()
                        .add_run(text_run(&row.option).fonts(self.heading_fonts())),
                );
            let word = TableCell::new()
                .width(widths[1], WidthType::Dxa)
                .add_paragraph(self.paragraph().add_run(text_run(&row.recommendation)));
            let mut details = TableCell::new().width(widths[2], WidthType::Dxa);
            if row.details.is_empty() {
                // A cell needs a paragraph; an empty one keeps the cell empty.
                details = details.add_paragraph(self.paragraph());
            }
            let colon = match self.report.language {
                Lang::Ja => "：",
                Lang::En => ": ",
            };
            for detail in &row.details {
                // The label small and grey before its text, as in a form: one line saved
                // per detail keeps the table short, and the labels still stand out.
                let label = text_run(&format!("{}{colon}", detail.label))
                    .size(small)
                    .color(GREY)
                    .fonts(self.heading_fonts());
                let p = self
                    .paragraph()
                    .add_run(label)
                    .add_run(text_run(&detail.value));
                details = details.add_paragraph(p);
            }
            // Rows do not split across pages: half an option on each page reads badly. (A
            // row taller than a page is still split by the word processor.)
            rows.push(TableRow::new(vec![option, word, details]).cant_split());
        }
        let line = |position| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(4)
                .color(RULE)
        };
        let borders = TableBorders::new()
            .set(line(TableBorderPosition::Top))
            .set(line(TableBorderPosition::Bottom))
            .set(line(TableBorderPosition::Left))
            .set(line(TableBorderPosition::Right))
            .set(line(TableBorderPosition::InsideH))
            .set(line(TableBorderPosition::InsideV));
        Table::new(rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .set_borders(borders)
            .margins(TableCellMargins::new().margin(60, 100, 60, 100))
    }

    /// A paragraph of running text; Japanese prose starts one character in.
    fn prose(&mut self, text: &str, indent_first_line: bool) -> Paragraph {
        let mut p = self
            .paragraph()
            .line_spacing(LineSpacing::new().after(120))
            .add_run(text_run(text));
        if indent_first_line {
            // One character: twips are twenty to a point, a half-point is ten.
            let one_char = self.layout.body_half_points as i32 * 10;
            p = p
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(one_char)),
                    None,
                    None,
                )
                .first_line_chars(100);
        }
        p
    }

    fn spacer(&mut self, twips: u32) -> Paragraph {
        self.paragraph()
            .line_spacing(LineSpacing::new().after(twips))
    }
}

enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// A thin grey rule under a paragraph.
fn rule() -> ParagraphBorder {
    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .size(4)
        .color(RULE)
}

/// A paragraph with a border below it only. (docx-rs starts from a box on all four sides.)
fn underlined(mut p: Paragraph, border: ParagraphBorder) -> Paragraph {
    p.property = p
        .property
        .set_borders(ParagraphBorders::with_empty().set(border));
    p
}

/// A run of text keeping its line breaks and tabs: docx-rs would otherwise write `\n` into
/// the text, where Word and LibreOffice ignore it.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (part_index, part) in line.split('\t').enumerate() {
            if part_index > 0 {
                run = run.add_tab();
            }
            if !part.is_empty() {
                run = run.add_text(part);
            }
        }
    }
    run
}

/// A field (PAGE, NUMPAGES) that the word processor fills in when it lays out the page.
/// One run per part, as Word writes it: LibreOffice formats the result by the run that
/// holds it, and a result sharing the run of the field's start comes out unformatted.
fn field_runs(instr: InstrText) -> Vec<Run> {
    vec![
        Run::new().add_field_char(FieldCharType::Begin, false),
        Run::new().add_instr_text(instr),
        Run::new().add_field_char(FieldCharType::Separate, false),
        Run::new().add_text("1"),
        Run::new().add_field_char(FieldCharType::End, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_become_breaks_and_tabs() {
        let run = text_run("一行目\n二行目\tタブ");
        let children = format!("{:?}", run.children);
        assert_eq!(children.matches("Break(").count(), 1, "{children}");
        assert_eq!(children.matches("Tab(").count(), 1, "{children}");
        assert!(!children.contains("\\n"), "{children}");
    }
}
