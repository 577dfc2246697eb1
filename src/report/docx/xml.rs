//! The body of `word/document.xml`, written straight out as text.
//!
//! docx-rs builds a tree of values, then writes it through an event writer that is moved
//! by value at every element: 4 ms of a 20 ms export went there for the 400 KB body of a
//! large session, most of it copying. The report needs a dozen kinds of element, so they
//! are written here in one pass, as docx-rs writes them (the same elements, attributes and
//! order), and docx-rs still makes the package around them.

use std::fmt::Write as _;

/// Paragraph properties (`w:pPr`): what the report sets, in docx-rs's order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Para {
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
    /// A shaded header cell: the fill colour.
    Shaded(usize, &'static str),
}

const BREAK: &str = "<w:br w:type=\"textWrapping\" />";
const TAB: &str = "<w:tab />";

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
        let mut heading_fonts = String::from("<w:rFonts");
        for (name, font) in [
            ("ascii", latin),
            ("hAnsi", latin),
            ("cs", latin),
            ("eastAsia", east_asia),
        ] {
            let _ = write!(heading_fonts, " w:{name}=\"");
            escape_into(&mut heading_fonts, font);
            heading_fonts.push('"');
        }
        heading_fonts.push_str(" />");
        Body {
            xml: String::with_capacity(capacity),
            last_id: 0,
            heading_fonts,
        }
    }

    /// The next paragraph id, for paragraphs made elsewhere (the page header and footer).
    pub(crate) fn next_id(&mut self) -> String {
        self.last_id += 1;
        format!("{:08X}", self.last_id)
    }

    /// XML written as it is: the document around the body.
    pub(crate) fn raw(&mut self, xml: &str) {
        self.xml.push_str(xml);
    }

    pub(crate) fn into_xml(self) -> String {
        self.xml
    }

    /// Open a paragraph: end it with [`Body::end_paragraph`].
    pub(crate) fn paragraph(&mut self, p: &Para) {
        self.last_id += 1;
        let x = &mut self.xml;
        let _ = write!(
            x,
            "<w:p w14:paraId=\"{:08X}\"><w:pPr><w:rPr />",
            self.last_id
        );
        if let Some(align) = p.align {
            let _ = write!(x, "<w:jc w:val=\"{}\" />", align.value());
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
            x.push_str(" />");
        }
        if p.before.is_some() || p.after.is_some() || p.exact_line.is_some() {
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
            x.push_str(" />");
        }
        if let Some(b) = p.border_below {
            let _ = write!(
                x,
                "<w:pBdr><w:bottom w:val=\"single\" w:space=\"{}\" w:sz=\"{}\" w:color=\"{}\" \
                 /></w:pBdr>",
                b.space, b.size, b.color
            );
        }
        if p.keep_next {
            x.push_str("<w:keepNext />");
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

    fn open_run(&mut self, s: Style) {
        let x = &mut self.xml;
        if s.size.is_none() && s.color.is_none() && !s.bold && !s.heading {
            x.push_str("<w:r><w:rPr />");
            return;
        }
        x.push_str("<w:r><w:rPr>");
        if let Some(size) = s.size {
            let _ = write!(x, "<w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" />");
        }
        if let Some(color) = s.color {
            let _ = write!(x, "<w:color w:val=\"{color}\" />");
        }
        if s.bold {
            x.push_str("<w:b /><w:bCs />");
        }
        if s.heading {
            x.push_str(&self.heading_fonts);
        }
        x.push_str("</w:rPr>");
    }

    /// Open a table: its rows follow, then [`Body::end_table`].
    pub(crate) fn table(&mut self, t: &TableProps) {
        let x = &mut self.xml;
        let _ = write!(
            x,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\" /><w:jc w:val=\"left\" />",
            t.width
        );
        match t.lines {
            None => x.push_str("<w:tblBorders />"),
            Some(b) => {
                x.push_str("<w:tblBorders>");
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    let _ = write!(
                        x,
                        "<w:{side} w:val=\"single\" w:sz=\"{}\" w:space=\"{}\" w:color=\"{}\" />",
                        b.size, b.space, b.color
                    );
                }
                x.push_str("</w:tblBorders>");
            }
        }
        x.push_str("<w:tblCellMar>");
        for (side, twips) in ["top", "left", "bottom", "right"]
            .into_iter()
            .zip(t.margins)
        {
            let _ = write!(x, "<w:{side} w:w=\"{twips}\" w:type=\"dxa\" />");
        }
        x.push_str("</w:tblCellMar>");
        if let Some(indent) = t.indent {
            let _ = write!(x, "<w:tblInd w:w=\"{indent}\" w:type=\"dxa\" />");
        }
        x.push_str("<w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid>");
        for width in t.columns {
            let _ = write!(x, "<w:gridCol w:w=\"{width}\" w:type=\"dxa\" />");
        }
        x.push_str("</w:tblGrid>");
    }

    pub(crate) fn end_table(&mut self) {
        self.xml.push_str("</w:tbl>");
    }

    /// Open a row that never splits across pages; a header row is repeated on each page
    /// the table runs over.
    pub(crate) fn row(&mut self, header: bool) {
        self.xml.push_str(match header {
            true => "<w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>",
            false => "<w:tr><w:trPr><w:cantSplit /></w:trPr>",
        });
    }

    pub(crate) fn end_row(&mut self) {
        self.xml.push_str("</w:tr>");
    }

    /// Open a cell: its paragraphs follow (at least one), then [`Body::end_cell`].
    pub(crate) fn cell(&mut self, cell: Cell) {
        let x = &mut self.xml;
        let width = match cell {
            Cell::Plain(w) | Cell::Top(w) | Cell::Shaded(w, _) => w,
        };
        let _ = write!(x, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" />");
        match cell {
            Cell::Plain(_) => {}
            Cell::Top(_) => x.push_str("<w:vAlign w:val=\"top\" />"),
            Cell::Shaded(_, fill) => {
                let _ = write!(
                    x,
                    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\" />"
                );
            }
        }
        x.push_str("</w:tcPr>");
    }

    pub(crate) fn end_cell(&mut self) {
        self.xml.push_str("</w:tc>");
    }
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

/// Text as XML character data or an attribute value. A carriage return is dropped, as
/// docx-rs drops it: LibreOffice fails on an escaped one.
fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'', '\r']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => "",
        });
        rest = &rest[at + 1..];
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
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\n漢字");
    }

    #[test]
    fn line_breaks_and_tabs_become_breaks_and_tabs() {
        let mut body = Body::new("ゴシック", "Arial", 0);
        body.run(Style::plain(), "一行目\n二行目\tタブ", Then::Nothing);
        assert_eq!(
            body.into_xml(),
            "<w:r><w:rPr /><w:t xml:space=\"preserve\">一行目</w:t>\
             <w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">二行目</w:t>\
             <w:tab /><w:t xml:space=\"preserve\">タブ</w:t></w:r>"
        );
    }
}
