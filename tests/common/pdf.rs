//! A .docx laid out by LibreOffice, read back page by page with `pdftotext -bbox`: the text
//! of each page and how far down its text reaches, to measure a letter as a reader sees it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A4 in points, and the letter's top and bottom margins (35 mm and 30 mm).
const PAGE_HEIGHT: f64 = 841.9;
const MARGIN_TOP: f64 = 99.25;
const MARGIN_BOTTOM: f64 = 85.05;

/// One page as laid out.
#[derive(Debug)]
pub struct Page {
    /// The words of the body (not the page header or footer), without spaces.
    pub text: String,
    /// How far down the text area the body's text reaches, 0 to 1.
    pub fill: f64,
}

/// Whether LibreOffice and pdftotext can be started; says why not when they cannot.
pub fn tools() -> bool {
    super::tools_present(
        &["soffice", "pdftotext"],
        &["-v"],
        "CI installs libreoffice-writer-nogui and poppler-utils, see .ci/run",
    )
}

/// Lay `docx` out with LibreOffice in `dir`, as `name.docx` and `name.pdf`: the PDF's path.
pub fn to_pdf(docx: &[u8], dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.docx"));
    std::fs::write(&path, docx).unwrap();
    // A profile of its own, so a LibreOffice already running (or another test) does not
    // take the conversion over.
    let profile = format!("file://{}", dir.join("profile").display());
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(pdf.exists(), "soffice made no PDF: {out:?}");
    pdf
}

/// Lay `docx` out with LibreOffice in `dir` (as `name.docx` and `name.pdf`) and read its pages.
pub fn pages(docx: &[u8], dir: &Path, name: &str) -> Vec<Page> {
    let pdf = to_pdf(docx, dir, name);
    let html = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    parse(&String::from_utf8_lossy(&html.stdout))
}

/// The pages of `pdftotext -bbox`'s output: `<page …>` then one `<word yMin=… yMax=…>` each.
fn parse(html: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut text = String::new();
        let mut bottom = MARGIN_TOP;
        for word in page.split("<word ").skip(1) {
            let number = |key: &str| -> f64 {
                let start = word.find(&format!("{key}=\"")).map(|i| i + key.len() + 2);
                start
                    .and_then(|s| word[s..].split('"').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0)
            };
            let (top, low) = (number("yMin"), number("yMax"));
            // The page header sits in the top margin, the footer in the bottom one.
            if low <= MARGIN_TOP || top >= PAGE_HEIGHT - MARGIN_BOTTOM {
                continue;
            }
            let content = word
                .split_once('>')
                .and_then(|(_, rest)| rest.split("</word>").next())
                .unwrap_or("");
            text.push_str(&unescape(content));
            bottom = bottom.max(low);
        }
        let area = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        let fill = ((bottom - MARGIN_TOP) / area).clamp(0.0, 1.0);
        pages.push(Page { text, fill });
    }
    pages
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The page count and each page's fill, for a note or a failure message: "4 pages: 97% 95% …".
pub fn summary(pages: &[Page]) -> String {
    let fills: Vec<String> = pages
        .iter()
        .map(|p| format!("{:.0}%", p.fill * 100.0))
        .collect();
    format!("{} pages: {}", pages.len(), fills.join(" "))
}
