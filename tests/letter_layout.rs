//! The letter as the referring physician reads it (issue 14): a realistic consultation laid
//! out by LibreOffice, its page count, the conclusion on page 1, and how full each page is.
//! Set `SONOTE_KEEP_SAMPLES=DIR` to keep the documents and their PDFs for a look.

mod common;

use std::path::Path;

use common::consultation::consultation;
use common::pdf;
use sonote::config::{Config, Lang};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Format};

fn laid_out(lang: Lang, compact: bool, dir: &Path) -> Vec<pdf::Page> {
    let mut config = Config::embedded();
    config.report.compact = compact;
    let session = consultation(&config, lang);
    let report = report::build(&session, &config, &ReportTemplate::embedded(lang));
    let docx = report::render(&report, Format::Docx).unwrap();
    let name = format!("letter-{lang:?}{}", if compact { "-compact" } else { "" });
    pdf::pages(&docx, dir, &name)
}

#[test]
fn the_consultation_letter_measured() {
    if !pdf::tools() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("SONOTE_KEEP_SAMPLES");
    let dir = keep.as_deref().map(Path::new).unwrap_or(temp.path());
    std::fs::create_dir_all(dir).unwrap();
    for lang in [Lang::Ja, Lang::En] {
        for compact in [false, true] {
            let pages = laid_out(lang, compact, dir);
            eprintln!("{lang:?} compact={compact}: {}", pdf::summary(&pages));
        }
    }
}
