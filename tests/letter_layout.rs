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

/// The conclusion whole on page 1, every page but the last at least two thirds full, four
/// pages at most (eight in Japanese before issue 14, five before its overview and line
/// pitch) and three when compact, in both languages.
#[test]
fn the_consultation_letter_reads_in_order_on_full_pages() {
    if !pdf::tools() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("SONOTE_KEEP_SAMPLES");
    let dir = keep.as_deref().map(Path::new).unwrap_or(temp.path());
    std::fs::create_dir_all(dir).unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let mut counts = Vec::new();
        for compact in [false, true] {
            let pages = laid_out(lang, compact, dir);
            let summary = pdf::summary(&pages);
            eprintln!("{lang:?} compact={compact}: {summary}");
            let first = &pages[0].text;
            let wanted: &[&str] = match lang {
                Lang::Ja => &[
                    "2.結論",
                    "ご依頼の内容",
                    "主治医の先生の治療方針に同意いたします。",
                    "薬物療法推奨（化学療法）",
                    "緩和ケア・支持療法推奨",
                ],
                Lang::En => &[
                    "2.Conclusion",
                    "Questionofthereferral",
                    "Weagreewithyourtreatmentplan.",
                    "Drugtherapy",
                    "Recommended(chemotherapy)",
                    "Palliativeandsupportivecare",
                ],
            };
            for want in wanted {
                assert!(
                    first.contains(want),
                    "{lang:?}: page 1 lacks {want}: {first}"
                );
            }
            let last = pages.len() - 1;
            for (index, page) in pages[..last].iter().enumerate() {
                assert!(
                    page.fill >= 0.66,
                    "{lang:?} compact={compact}: page {} is {:.0}% full ({summary})",
                    index + 1,
                    page.fill * 100.0
                );
            }
            let most = match (lang, compact) {
                (Lang::Ja, false) => 4,
                (Lang::Ja, true) => 3,
                (Lang::En, false) => 4,
                (Lang::En, true) => 3,
            };
            assert!(pages.len() <= most, "{lang:?} compact={compact}: {summary}");
            counts.push(pages.len());
        }
        // The compact letter is shorter still, by a page.
        assert!(counts[1] < counts[0], "{lang:?}: {counts:?}");
    }
}
