//! The parts of the .docx package around the letter's paragraphs, and the zip that holds
//! them: content types, relationships, core and app properties, styles, settings, the font
//! table, and the document with its section properties.
//!
//! sonote writes every part itself. docx-rs 0.4 wrote each of the parts the letter uses
//! with elements out of their schema's order (styles, settings, numbering, page header and
//! footer, section properties; bokuweb/docx-rs#724: even an empty document fails Microsoft's
//! validator) and offers no way to set them right; it always wrote comments, footnotes and
//! numbering parts the letter has no use for, stored the zip uncompressed, and had no
//! title or author in the core properties. The parts are small and fixed, so they are
//! written here as text, each element in its schema's order (ECMA-376 Part 1, transitional).

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::xml::{escape_into, run_fonts};

/// What the package says about the document beyond its paragraphs.
pub(crate) struct Package<'a> {
    /// The document's title (core properties): the report's title, never the patient.
    pub title: &'a str,
    /// Its author (core properties): the institution.
    pub author: &'a str,
    /// Creation and modification time, W3CDTF (`2026-11-21T01:48:30Z`).
    pub timestamp: &'a str,
    /// The language of the text, as `ja-JP` or `en-US`.
    pub language: &'a str,
    pub fonts: Fonts<'a>,
    /// The body size in half-points.
    pub body_half_points: usize,
    /// The section headings' size in half-points.
    pub heading_half_points: usize,
    /// The distance from one line of running text to the next, in twips.
    pub line_twips: i32,
}

/// The four fonts the letter uses: Japanese and Latin, for the body and for headings.
pub(crate) struct Fonts<'a> {
    pub body: &'a str,
    pub latin_body: &'a str,
    pub heading: &'a str,
    pub latin_heading: &'a str,
}

/// The page: A4 with its margins, in twips.
pub(crate) struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub bottom: i32,
    pub side: i32,
    pub header: i32,
    pub footer: i32,
}

/// The paragraph style of the section headings: Word's "Heading 1", at outline level 1, so
/// its navigation pane and table of contents list the sections.
pub(crate) const HEADING: &str = "Heading1";

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORD_TYPES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The parts the letter's writer fills: the document (from [`document_start`] to
/// [`document_end`], the body's paragraphs between), the page header's and the page
/// footer's paragraphs.
pub(crate) struct Content {
    pub document: String,
    pub header: String,
    pub footer: String,
}

/// Parts larger than this are compressed (the document, nearly all of the bytes).
const COMPRESS_FROM: usize = 16 * 1024;
/// The fastest deflate level: the document's XML shrinks to a tenth at level 1 and a
/// twentieth at 6, which costs twice the time.
const COMPRESSION_LEVEL: i64 = 1;

/// The zipped package. Entries carry the zip format's earliest time (1980-01-01), so the
/// same report always gives the same bytes.
pub(crate) fn write(package: &Package, content: Content) -> std::io::Result<Vec<u8>> {
    let parts: [(&str, String); 12] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_relationships()),
        ("docProps/core.xml", core(package)),
        ("docProps/app.xml", app()),
        ("word/_rels/document.xml.rels", document_relationships()),
        ("word/document.xml", content.document),
        ("word/styles.xml", styles(package)),
        ("word/settings.xml", settings(package)),
        ("word/fontTable.xml", font_table(&package.fonts)),
        ("word/theme/theme1.xml", theme(&package.fonts)),
        ("word/header1.xml", header_footer("hdr", &content.header)),
        ("word/footer1.xml", header_footer("ftr", &content.footer)),
    ];
    let size: usize = parts.iter().map(|(_, text)| text.len()).sum();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size / 4 + 4096)));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .unix_permissions(0o644);
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(COMPRESSION_LEVEL));
    for (name, text) in &parts {
        // Each compressed entry sets up a compressor of its own (a few hundred kilobytes
        // of tables, page-faulted in anew): a part of a few kilobytes is not worth one.
        let options = if text.len() > COMPRESS_FROM {
            deflated
        } else {
            stored
        };
        zip.start_file(*name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    let bytes = zip.finish().map_err(std::io::Error::other)?;
    Ok(bytes.into_inner())
}

fn content_types() -> String {
    let mut x = String::from(XML_DECLARATION);
    x.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    );
    for (part, kind) in [
        ("document", "document.main"),
        ("styles", "styles"),
        ("settings", "settings"),
        ("fontTable", "fontTable"),
        ("header1", "header"),
        ("footer1", "footer"),
    ] {
        let _ = write!(
            x,
            "<Override PartName=\"/word/{part}.xml\" ContentType=\"{WORD_TYPES}.{kind}+xml\"/>"
        );
    }
    let _ = write!(
        x,
        "<Override PartName=\"/word/theme/theme1.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/></Types>"
    );
    x
}

fn package_relationships() -> String {
    format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{RELS}\">\
         <Relationship Id=\"rId1\" Type=\"{OFFICE_RELS}/officeDocument\" \
         Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" \
         Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
         Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{OFFICE_RELS}/extended-properties\" \
         Target=\"docProps/app.xml\"/></Relationships>"
    )
}

/// The relationship ids the document's section properties refer to.
const HEADER_ID: &str = "rIdHeader1";
const FOOTER_ID: &str = "rIdFooter1";

fn document_relationships() -> String {
    let mut x = format!("{XML_DECLARATION}<Relationships xmlns=\"{RELS}\">");
    for (id, kind, target) in [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rId4", "theme", "theme/theme1.xml"),
        (HEADER_ID, "header", "header1.xml"),
        (FOOTER_ID, "footer", "footer1.xml"),
    ] {
        let _ = write!(
            x,
            "<Relationship Id=\"{id}\" Type=\"{OFFICE_RELS}/{kind}\" Target=\"{target}\"/>"
        );
    }
    x.push_str("</Relationships>");
    x
}

/// Title and author, no subject or keywords: the file name and these are what a file
/// manager shows, and the patient's name belongs in neither.
fn core(p: &Package) -> String {
    let mut x = format!(
        "{XML_DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>"
    );
    escape_into(&mut x, p.title);
    x.push_str("</dc:title><dc:creator>");
    escape_into(&mut x, p.author);
    x.push_str("</dc:creator><dc:language>");
    escape_into(&mut x, p.language);
    x.push_str("</dc:language>");
    for element in ["created", "modified"] {
        let _ = write!(
            x,
            "<dcterms:{element} xsi:type=\"dcterms:W3CDTF\">{}</dcterms:{element}>",
            p.timestamp
        );
    }
    x.push_str("</cp:coreProperties>");
    x
}

fn app() -> String {
    format!(
        "{XML_DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>sonote</Application></Properties>"
    )
}

/// What opens the document, before the body's paragraphs.
pub(crate) fn document_start() -> String {
    format!(
        "{XML_DECLARATION}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:w14=\"{W14}\" \
         xmlns:mc=\"{MC}\" mc:Ignorable=\"w14\"><w:body>"
    )
}

/// What closes the document after the body's paragraphs: the page (A4, margins, header
/// and footer).
pub(crate) fn document_end(page: &Page) -> String {
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{HEADER_ID}\"/>\
         <w:footerReference w:type=\"default\" r:id=\"{FOOTER_ID}\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" \
         w:footer=\"{}\" w:gutter=\"0\"/><w:cols w:space=\"425\"/></w:sectPr></w:body>\
         </w:document>",
        page.width,
        page.height,
        page.top,
        page.side,
        page.bottom,
        page.side,
        page.header,
        page.footer
    )
}

/// A page header (`hdr`) or footer (`ftr`) holding `paragraphs`.
fn header_footer(element: &str, paragraphs: &str) -> String {
    format!(
        "{XML_DECLARATION}<w:{element} xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:w14=\"{W14}\" \
         xmlns:mc=\"{MC}\" mc:Ignorable=\"w14\">{paragraphs}</w:{element}>"
    )
}

/// The document's defaults (body fonts, size, language, line spacing), the Normal style,
/// and the section headings' style with its outline level. The paragraphs carry their own
/// look, so the styles add no formatting the letter did not have.
fn styles(p: &Package) -> String {
    let mut x =
        format!("{XML_DECLARATION}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>");
    run_fonts(&mut x, p.fonts.body, p.fonts.latin_body);
    let size = p.body_half_points;
    let _ = write!(
        x,
        "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>\
         <w:lang w:val=\"{lang}\" w:eastAsia=\"ja-JP\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
         <w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"{HEADING}\"><w:name w:val=\"heading 1\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>\
         <w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>",
        lang = p.language,
        line = p.line_twips,
    );
    run_fonts(&mut x, p.fonts.heading, p.fonts.latin_heading);
    let size = p.heading_half_points;
    let _ = write!(
        x,
        "<w:b/><w:bCs/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>\
         <w:semiHidden/><w:unhideWhenUsed/></w:style></w:styles>"
    );
    x
}

/// Settings as Word 2013 and later write them for a Japanese document: the tab stop of
/// four half-width characters, Word 2013 layout, and the languages the theme fonts are for.
fn settings(p: &Package) -> String {
    let mut x = format!(
        "{XML_DECLARATION}<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/>\
         <w:defaultTabStop w:val=\"840\"/><w:compat><w:spaceForUL/>\
         <w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>\
         <w:doNotExpandShiftReturn/><w:useFELayout/>"
    );
    for (name, value) in [
        ("compatibilityMode", "15"),
        ("overrideTableStyleFontSizeAndJustification", "1"),
        ("enableOpenTypeFeatures", "1"),
        ("doNotFlipMirrorIndents", "1"),
        ("differentiateMultirowTableHeaders", "1"),
        ("useWord2013TrackBottomHyphenation", "0"),
    ] {
        let _ = write!(
            x,
            "<w:compatSetting w:name=\"{name}\" w:uri=\"http://schemas.microsoft.com/office/word\" \
             w:val=\"{value}\"/>"
        );
    }
    let _ = write!(
        x,
        "</w:compat><w:themeFontLang w:val=\"{}\" w:eastAsia=\"ja-JP\"/></w:settings>",
        p.language
    );
    x
}

/// Every font the letter names, so a word processor that lacks one picks a stand-in of the
/// right script (charset 80: Shift JIS) and kind (family: serif or sans serif).
fn font_table(f: &Fonts) -> String {
    let mut x = format!("{XML_DECLARATION}<w:fonts xmlns:w=\"{W}\">");
    let fonts = [
        (f.body, "80", "roman"),
        (f.heading, "80", "swiss"),
        (f.latin_body, "00", "roman"),
        (f.latin_heading, "00", "swiss"),
    ];
    for (index, (name, charset, family)) in fonts.iter().enumerate() {
        // A name used twice (a Japanese font for Latin text too) is listed once.
        if name.is_empty() || fonts[..index].iter().any(|(other, ..)| other == name) {
            continue;
        }
        x.push_str("<w:font w:name=\"");
        escape_into(&mut x, name);
        let _ = write!(
            x,
            "\"><w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/>\
             <w:pitch w:val=\"variable\"/></w:font>"
        );
    }
    x.push_str("</w:fonts>");
    x
}

/// The theme Word requires of every document: Office's colours, and the letter's fonts as
/// the theme's heading (major) and body (minor) fonts.
fn theme(f: &Fonts) -> String {
    const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
    let mut x = format!(
        "{XML_DECLARATION}<a:theme xmlns:a=\"{A}\" name=\"sonote\"><a:themeElements>\
         <a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/>\
         </a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
    );
    for (name, rgb) in [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ] {
        let _ = write!(x, "<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    }
    x.push_str("</a:clrScheme><a:fontScheme name=\"sonote\">");
    for (element, latin, east_asia) in [
        ("majorFont", f.latin_heading, f.heading),
        ("minorFont", f.latin_body, f.body),
    ] {
        let _ = write!(x, "<a:{element}><a:latin typeface=\"");
        escape_into(&mut x, latin);
        x.push_str("\"/><a:ea typeface=\"");
        escape_into(&mut x, east_asia);
        let _ = write!(x, "\"/><a:cs typeface=\"\"/></a:{element}>");
    }
    x.push_str("</a:fontScheme><a:fmtScheme name=\"Office\">");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = format!("<a:ln w=\"6350\">{fill}</a:ln>");
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let _ = write!(
        x,
        "<a:fillStyleLst>{}</a:fillStyleLst><a:lnStyleLst>{}</a:lnStyleLst>\
         <a:effectStyleLst>{}</a:effectStyleLst><a:bgFillStyleLst>{}</a:bgFillStyleLst>\
         </a:fmtScheme></a:themeElements></a:theme>",
        fill.repeat(3),
        line.repeat(3),
        effect.repeat(3),
        fill.repeat(3)
    );
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> Package<'static> {
        Package {
            title: "報告書 <&>",
            author: "病院\u{1}",
            timestamp: "2026-11-21T01:48:30Z",
            language: "ja-JP",
            fonts: Fonts {
                body: "ＭＳ 明朝",
                latin_body: "ＭＳ 明朝",
                heading: "ＭＳ ゴシック",
                latin_heading: "Arial",
            },
            body_half_points: 21,
            heading_half_points: 23,
            line_twips: 294,
        }
    }

    #[test]
    fn the_core_properties_carry_title_and_author_escaped() {
        let core = core(&package());
        assert!(
            core.contains("<dc:title>報告書 &lt;&amp;&gt;</dc:title>"),
            "{core}"
        );
        assert!(core.contains("<dc:creator>病院</dc:creator>"), "{core}");
        assert_eq!(core.matches(">2026-11-21T01:48:30Z<").count(), 2);
    }

    #[test]
    fn each_font_is_listed_once() {
        let table = font_table(&package().fonts);
        assert_eq!(table.matches("<w:font ").count(), 3, "{table}");
        assert!(table.contains("w:name=\"ＭＳ 明朝\"><w:charset w:val=\"80\"/>"));
        assert!(table.contains("w:name=\"Arial\"><w:charset w:val=\"00\"/>"));
    }

    #[test]
    fn the_heading_style_has_an_outline_level_and_the_language_is_set() {
        let styles = styles(&package());
        assert!(styles.contains("w:styleId=\"Heading1\""));
        assert!(styles.contains("<w:outlineLvl w:val=\"0\"/>"));
        assert!(styles.contains("<w:lang w:val=\"ja-JP\""));
        assert!(settings(&package()).contains("<w:themeFontLang w:val=\"ja-JP\""));
    }
}
