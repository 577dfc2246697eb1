//! The paragraphs and tables of the letter (its body, page header and footer), written
//! straight out as WordprocessingML text.
//!
//! The report needs a dozen kinds of element, so they are written here in one pass rather
//! than built as a tree and serialized (docx-rs spent 4 ms of a 20 ms export copying its
//! tree for the 400 KB body of a large session). Every property element is written in the
//! order of its schema sequence (ECMA-376 Part 1, CT_PPrBase, CT_RPr, CT_TblPr, CT_TcPr):
//! Word drops properties it finds out of order, and Word for the web refuses the file.

use std::fmt::Write as _;

/// Paragraph properties (`w:pPr`): what the report sets.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Para {
    /// A paragraph style of `styles.xml` (the section headings' outline level).
    style: Option<&'static str>,
    align: Option<Align>,
    indent: Option<Indent>,
    before: Option<u32>,
    after: Option<u32>,
    /// An exact line height, in twips.
    exact_line: Option<i32>,
    border_below: Option<Border>,
    keep_next: bool,
}

impl Para {
    pub(crate) fn new() -> Self {
        Para::default()
    }

    pub(crate) fn style(mut self, style: &'static str) -> Self {
        self.style = Some(style);
        self
    }

    pub(crate) fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    pub(crate) fn indent(mut self, indent: Indent) -> Self {
        self.indent = Some(indent);
        self
    }

    pub(crate) fn before(mut self, twips: u32) -> Self {
        self.before = Some(twips);
        self
    }

    pub(crate) fn after(mut self, twips: u32) -> Self {
        self.after = Some(twips);
        self
    }

    pub(crate) fn exact_line(mut self, twips: i32) -> Self {
        self.exact_line = Some(twips);
        self
    }

    pub(crate) fn border_below(mut self, border: Border) -> Self {
        self.border_below = Some(border);
        self
    }

    pub(crate) fn keep_next(mut self, keep: bool) -> Self {
        self.keep_next = keep;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

/// `w:ind`, in twips.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Indent {
    left: i32,
    right: i32,
    first: Option<First>,
}

#[derive(Debug, Clone, Copy)]
enum First {
    Line(i32),
    Hanging(i32),
}

impl Indent {
    pub(crate) fn left(left: i32) -> Self {
        Indent {
            left,
            ..Indent::default()
        }
    }

    pub(crate) fn right(mut self, right: i32) -> Self {
        self.right = right;
        self
    }

    pub(crate) fn first_line(mut self, twips: i32) -> Self {
        self.first = Some(First::Line(twips));
        self
    }

    pub(crate) fn hanging(mut self, twips: i32) -> Self {
        self.first = Some(First::Hanging(twips));
        self
    }
}

/// A single line, as `w:pBdr/w:bottom`: its space above the text (points), width (eighths
/// of a point) and colour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Border {
    pub space: u32,
    pub size: u32,
    pub color: &'static str,
}

/// Run properties (`w:rPr`): size in half-points, colour, bold, and the heading fonts
/// rather than the document's default (body) fonts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Style {
    size: Option<usize>,
    color: Option<&'static str>,
    bold: bool,
    heading: bool,
}

impl Style {
    pub(crate) fn plain() -> Self {
        Style::default()
    }

    pub(crate) fn size(mut self, half_points: usize) -> Self {
        self.size = Some(half_points);
        self
    }

    pub(crate) fn color(mut self, color: &'static str) -> Self {
        self.color = Some(color);
        self
    }

    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub(crate) fn heading(mut self) -> Self {
        self.heading = true;
        self
    }
}

/// What ends a run after its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Then {
    Nothing,
    Tab,
    LineBreak,
}

/// A table's properties: its width and column widths (twips), the lines drawn, the cell
/// margins (top, left, bottom, right) and the indent from the margin.
#[derive(Debug, Clone)]
pub(crate) struct TableProps<'a> {
    pub width: i32,
    pub columns: &'a [usize],
    /// Every outer and inner line, or none.
    pub lines: Option<Border>,
    pub margins: [i32; 4],
    pub indent: Option<i32>,
}

/// A table cell's width and look.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell {
    Plain(usize),
    /// Text at the top of the cell.
    Top(usize),
}

const BREAK: &str = "<w:br w:type=\"textWrapping\"/>";
const TAB: &str = "<w:tab/>";

/// The body being written, and the paragraph ids handed out (see the module comment of
/// `docx` on determinism).
pub struct Body {
    xml: String,
    last_id: u32,
    /// `w:rFonts` of the heading fonts, made once.
    heading_fonts: String,
}

impl Body {
    /// A body whose heading runs use `east_asia` for Japanese and `latin` for the rest.
    pub(crate) fn new(east_asia: &str, latin: &str, capacity: usize) -> Self {
        let mut heading_fonts = String::new();
        run_fonts(&mut heading_fonts, east_asia, latin);
        Body {
            xml: String::with_capacity(capacity),
            last_id: 0,
            heading_fonts,
        }
    }

    /// XML written as it is: the document around the body.
    pub(crate) fn raw(&mut self, xml: &str) {
        self.xml.push_str(xml);
    }

    pub(crate) fn into_xml(self) -> String {
        self.xml
    }

    /// What was written so far, leaving the body empty and the ids counting on: the page
    /// header and footer are written first, each taken out as its own part.
    pub(crate) fn take(&mut self) -> String {
        std::mem::take(&mut self.xml)
    }

    /// Open a paragraph: end it with [`Body::end_paragraph`]. Its properties go in the
    /// schema's order: pStyle, keepNext, pBdr, spacing, ind, jc.
    pub(crate) fn paragraph(&mut self, p: &Para) {
        self.last_id += 1;
        let x = &mut self.xml;
        let _ = write!(x, "<w:p w14:paraId=\"{:08X}\">", self.last_id);
        let has_spacing = p.before.is_some() || p.after.is_some() || p.exact_line.is_some();
        if p.style.is_none()
            && !p.keep_next
            && p.border_below.is_none()
            && !has_spacing
            && p.indent.is_none()
            && p.align.is_none()
        {
            return;
        }
        x.push_str("<w:pPr>");
        if let Some(style) = p.style {
            let _ = write!(x, "<w:pStyle w:val=\"{style}\"/>");
        }
        if p.keep_next {
            x.push_str("<w:keepNext/>");
        }
        if let Some(b) = p.border_below {
            let _ = write!(
                x,
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"{}\" w:space=\"{}\" w:color=\"{}\"/>\
                 </w:pBdr>",
                b.size, b.space, b.color
            );
        }
        if has_spacing {
            x.push_str("<w:spacing");
            if let Some(before) = p.before {
                let _ = write!(x, " w:before=\"{before}\"");
            }
            if let Some(after) = p.after {
                let _ = write!(x, " w:after=\"{after}\"");
            }
            if let Some(line) = p.exact_line {
                let _ = write!(x, " w:line=\"{line}\" w:lineRule=\"exact\"");
            }
            x.push_str("/>");
        }
        if let Some(ind) = p.indent {
            let _ = write!(
                x,
                "<w:ind w:left=\"{}\" w:right=\"{}\"",
                ind.left, ind.right
            );
            match ind.first {
                Some(First::Line(twips)) => {
                    let _ = write!(x, " w:firstLine=\"{twips}\"");
                }
                Some(First::Hanging(twips)) => {
                    let _ = write!(x, " w:hanging=\"{twips}\"");
                }
                None => {}
            }
            x.push_str("/>");
        }
        if let Some(align) = p.align {
            let _ = write!(x, "<w:jc w:val=\"{}\"/>", align.value());
        }
        x.push_str("</w:pPr>");
    }

    pub(crate) fn end_paragraph(&mut self) {
        self.xml.push_str("</w:p>");
    }

    /// A paragraph of one run.
    pub(crate) fn paragraph_of(&mut self, p: &Para, style: Style, text: &str) {
        self.paragraph(p);
        self.run(style, text, Then::Nothing);
        self.end_paragraph();
    }

    /// A run of text: its line breaks and tabs become breaks and tabs (Word and
    /// LibreOffice ignore a `\n` in the text), then `then`.
    pub fn run(&mut self, style: Style, text: &str, then: Then) {
        self.open_run(style);
        for piece in pieces(text) {
            match piece {
                Piece::Text(text) => {
                    self.xml.push_str("<w:t xml:space=\"preserve\">");
                    escape_into(&mut self.xml, text);
                    self.xml.push_str("</w:t>");
                }
                Piece::Tab => self.xml.push_str(TAB),
                Piece::LineBreak => self.xml.push_str(BREAK),
            }
        }
        match then {
            Then::Nothing => {}
            Then::Tab => self.xml.push_str(TAB),
            Then::LineBreak => self.xml.push_str(BREAK),
        }
        self.xml.push_str("</w:r>");
    }

    /// Open a run with its properties in the schema's order: rFonts, b, bCs, color, sz,
    /// szCs.
    fn open_run(&mut self, s: Style) {
        let x = &mut self.xml;
        if s.size.is_none() && s.color.is_none() && !s.bold && !s.heading {
            x.push_str("<w:r>");
            return;
        }
        x.push_str("<w:r><w:rPr>");
        if s.heading {
            x.push_str(&self.heading_fonts);
        }
        if s.bold {
            x.push_str("<w:b/><w:bCs/>");
        }
        if let Some(color) = s.color {
            let _ = write!(x, "<w:color w:val=\"{color}\"/>");
        }
        if let Some(size) = s.size {
            let _ = write!(x, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        }
        x.push_str("</w:rPr>");
    }

    /// A field the word processor computes (`PAGE`, `NUMPAGES`), with "1" shown until it
    /// does. One run per part, as Word writes it: LibreOffice formats the result by the run
    /// that holds it, and a result sharing the run of the field's start comes out
    /// unformatted.
    pub(crate) fn field(&mut self, style: Style, instruction: &str) {
        for part in [
            "<w:fldChar w:fldCharType=\"begin\"/>",
            "",
            "<w:fldChar w:fldCharType=\"separate\"/>",
            "<w:t>1</w:t>",
            "<w:fldChar w:fldCharType=\"end\"/>",
        ] {
            self.open_run(style);
            if part.is_empty() {
                self.xml.push_str("<w:instrText xml:space=\"preserve\">");
                escape_into(&mut self.xml, instruction);
                self.xml.push_str("</w:instrText>");
            } else {
                self.xml.push_str(part);
            }
            self.xml.push_str("</w:r>");
        }
    }

    /// Open a table: its rows follow, then [`Body::end_table`]. Its properties go in the
    /// schema's order: tblW, jc, tblInd, tblBorders, tblLayout, tblCellMar.
    pub(crate) fn table(&mut self, t: &TableProps) {
        let x = &mut self.xml;
        let _ = write!(
            x,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc w:val=\"left\"/>",
            t.width
        );
        if let Some(indent) = t.indent {
            let _ = write!(x, "<w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/>");
        }
        match t.lines {
            None => x.push_str("<w:tblBorders/>"),
            Some(b) => {
                x.push_str("<w:tblBorders>");
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    let _ = write!(
                        x,
                        "<w:{side} w:val=\"single\" w:sz=\"{}\" w:space=\"{}\" w:color=\"{}\"/>",
                        b.size, b.space, b.color
                    );
                }
                x.push_str("</w:tblBorders>");
            }
        }
        x.push_str("<w:tblLayout w:type=\"fixed\"/><w:tblCellMar>");
        for (side, twips) in ["top", "left", "bottom", "right"]
            .into_iter()
            .zip(t.margins)
        {
            let _ = write!(x, "<w:{side} w:w=\"{twips}\" w:type=\"dxa\"/>");
        }
        x.push_str("</w:tblCellMar></w:tblPr><w:tblGrid>");
        for width in t.columns {
            let _ = write!(x, "<w:gridCol w:w=\"{width}\"/>");
        }
        x.push_str("</w:tblGrid>");
    }

    pub(crate) fn end_table(&mut self) {
        self.xml.push_str("</w:tbl>");
    }

    /// Open a row; a header row is repeated on each page the table runs over and never
    /// splits, any other row may break across pages.
    pub(crate) fn row(&mut self, header: bool) {
        self.xml.push_str(match header {
            true => "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
            // A row may break across pages: a long option kept whole left pages half empty.
            false => "<w:tr>",
        });
    }

    pub(crate) fn end_row(&mut self) {
        self.xml.push_str("</w:tr>");
    }

    /// Open a cell: its paragraphs follow (at least one), then [`Body::end_cell`].
    pub(crate) fn cell(&mut self, cell: Cell) {
        let x = &mut self.xml;
        let width = match cell {
            Cell::Plain(w) | Cell::Top(w) => w,
        };
        let _ = write!(x, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        match cell {
            Cell::Plain(_) => {}
            Cell::Top(_) => x.push_str("<w:vAlign w:val=\"top\"/>"),
        }
        x.push_str("</w:tcPr>");
    }

    pub(crate) fn end_cell(&mut self) {
        self.xml.push_str("</w:tc>");
    }
}

/// `w:rFonts` naming Japanese text's font and the Latin one.
pub(crate) fn run_fonts(x: &mut String, east_asia: &str, latin: &str) {
    x.push_str("<w:rFonts");
    for (slot, font) in [
        ("ascii", latin),
        ("hAnsi", latin),
        ("eastAsia", east_asia),
        ("cs", latin),
    ] {
        let _ = write!(x, " w:{slot}=\"");
        escape_into(x, font);
        x.push('"');
    }
    x.push_str("/>");
}

/// A part of a run: text without line breaks or tabs, a tab, a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Tab,
    LineBreak,
}

/// The pieces of a text, in order; no empty text.
pub fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    text.split('\n').enumerate().flat_map(|(index, line)| {
        let lines = (index > 0).then_some(Piece::LineBreak);
        let parts = line.split('\t').enumerate().flat_map(|(index, part)| {
            let tab = (index > 0).then_some(Piece::Tab);
            tab.into_iter()
                .chain((!part.is_empty()).then_some(Piece::Text(part)))
        });
        lines.into_iter().chain(parts)
    })
}

/// Text as XML character data or an attribute value. Characters XML 1.0 cannot hold (the
/// C0 controls but tab and line feed, U+FFFE, U+FFFF) are dropped: a template or a
/// configuration can carry them, and one would make the whole part unreadable. A carriage
/// return is dropped too, as LibreOffice fails on an escaped one; tab and line feed, which
/// only attribute values hold (text is split at them), are escaped, as an attribute's
/// value would otherwise turn them into spaces.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| {
        matches!(
            c,
            '&' | '<' | '>' | '"' | '\'' | '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
        )
    }) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            _ => "",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_carriage_returns_dropped() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c\"'d'\r\n漢字");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;漢字");
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        let mut out = String::new();
        escape_into(
            &mut out,
            "a\u{0}b\u{7}\u{1b}[0m\u{b}\u{c}\u{fffe}\u{ffff}c\u{7f}\u{85}😀\tz",
        );
        assert_eq!(out, "ab[0mc\u{7f}\u{85}😀&#9;z");
    }

    /// Word drops properties out of their schema's order (ECMA-376 CT_PPrBase, CT_RPr):
    /// every property the writer knows, set at once, comes out in that order.
    #[test]
    fn properties_come_in_the_schemas_order() {
        let mut body = Body::new("ゴシック", "Arial", 0);
        let p = Para::new()
            .style("Heading1")
            .keep_next(true)
            .border_below(Border {
                space: 1,
                size: 4,
                color: "808080",
            })
            .before(240)
            .indent(Indent::left(10).hanging(5))
            .align(Align::Center);
        body.paragraph(&p);
        let style = Style::plain().size(23).color("595959").bold().heading();
        body.run(style, "見出し", Then::Nothing);
        body.end_paragraph();
        let xml = body.into_xml();
        let order = |names: &[&str]| {
            let at: Vec<usize> = names
                .iter()
                .map(|name| {
                    [" ", "/", ">"]
                        .iter()
                        .find_map(|end| xml.find(&format!("<w:{name}{end}")))
                        .expect(name)
                })
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?} in {xml}");
        };
        order(&["pStyle", "keepNext", "pBdr", "spacing", "ind", "jc"]);
        order(&["rFonts", "b", "bCs", "color", "sz", "szCs"]);
    }

    #[test]
    fn line_breaks_and_tabs_become_breaks_and_tabs() {
        let mut body = Body::new("ゴシック", "Arial", 0);
        body.run(Style::plain(), "一行目\n二行目\tタブ", Then::Nothing);
        assert_eq!(
            body.into_xml(),
            "<w:r><w:t xml:space=\"preserve\">一行目</w:t>\
             <w:br w:type=\"textWrapping\"/><w:t xml:space=\"preserve\">二行目</w:t>\
             <w:tab/><w:t xml:space=\"preserve\">タブ</w:t></w:r>"
        );
    }
}
