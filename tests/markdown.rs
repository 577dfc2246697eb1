//! The Markdown export read back by a CommonMark parser (pulldown-cmark): whatever text a
//! field holds, random or adversarial, it arrives as that text, in the block it was written
//! in, and nothing in it turns into a heading, a code block, a quote, a list, a link, HTML or
//! emphasis.

mod common;

use common::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sonote::config::{Config, Lang};
use sonote::report::template::ReportTemplate;
use sonote::report::{self, Body, Format, Report};

/// The text blocks of a Markdown document as CommonMark reads it (paragraphs, headings and
/// tight list items; a hard break as `\n`, blanks squeezed), and every mark other than
/// those sonote writes: headings, bold labels, bullet lists and the rule before the
/// signature.
#[derive(Debug, Default)]
struct Read {
    blocks: Vec<String>,
    headings: usize,
    rules: usize,
    strange: Vec<String>,
}

fn read(markdown: &str) -> Read {
    let mut read = Read::default();
    let mut text = String::new();
    let flush = |text: &mut String, blocks: &mut Vec<String>| {
        if !text.is_empty() {
            blocks.push(squeeze(text));
            text.clear();
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak | Event::SoftBreak => text.push('\n'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {}
            Event::Start(Tag::Heading { .. }) => read.headings += 1,
            Event::Start(Tag::Paragraph | Tag::Item | Tag::List(None))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::List(false),
            ) => flush(&mut text, &mut read.blocks),
            Event::Rule => read.rules += 1,
            other => read.strange.push(format!("{other:?}")),
        }
    }
    flush(&mut text, &mut read.blocks);
    read
}

/// Text as compared: runs of spaces and tabs made one space, lines trimmed, no empty lines.
fn squeeze(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split([' ', '\t'])
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text's paragraphs as they should arrive: split at blank lines, squeezed.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        if line.trim_matches([' ', '\t']).is_empty() {
            out.push(squeeze(&current));
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    out.push(squeeze(&current));
    out.retain(|p| !p.is_empty());
    out
}

/// The full session's report in `lang` with `text` in a paragraph (the opening), a field's
/// value and label, a list item, a question's text and answer, and an option's detail.
fn report_with(text: &str, lang: Lang) -> Report {
    let config = Config::embedded();
    let mut report = report::build(
        &full_session(&config),
        &config,
        &ReportTemplate::embedded(lang),
    );
    let line = text.replace('\n', " ");
    report.opening = vec![text.to_string()];
    for section in &mut report.sections {
        match &mut section.body {
            Body::Fields(fields) => {
                fields[0].value = text.to_string();
                if let Some(last) = fields.last_mut() {
                    last.label = line.clone();
                }
            }
            Body::List(items) => items[0] = text.to_string(),
            Body::Questions(questions) => {
                questions[0].text = text.to_string();
                questions[1].answer = text.to_string();
            }
            Body::Options(table) => table.rows[0].details[0].value = text.to_string(),
            _ => {}
        }
    }
    report
}

/// Every place of [`report_with`] reads back as `text`; returns what went wrong.
fn check(text: &str, lang: Lang) -> Result<(), String> {
    let text = report::clean(text);
    let report = report_with(&text, lang);
    let markdown = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    let read = read(&markdown);
    let fail = |why: String| {
        Err(format!(
            "{why}\n--- text {text:?}\n--- markdown\n{markdown}"
        ))
    };
    if !read.strange.is_empty() {
        return fail(format!("marks: {:?}", read.strange));
    }
    if read.headings != report.sections.len() + 1 || read.rules != 1 {
        return fail(format!("{} headings, {} rules", read.headings, read.rules));
    }
    let colon = match lang {
        Lang::Ja => "：",
        Lang::En => ": ",
    };
    let wanted = paragraphs(&text);
    let contains =
        |seq: &[String]| seq.is_empty() || read.blocks.windows(seq.len()).any(|w| w == seq);
    // The opening, the list item, the option's detail: the text's paragraphs in a row,
    // after the label for the detail.
    if !contains(&wanted) {
        return fail(format!("paragraphs {wanted:?} not in {:?}", read.blocks));
    }
    for section in &report.sections {
        if let Body::Fields(fields) = &section.body {
            let label = &fields[0].label;
            let mut first = wanted.clone();
            match first.first_mut() {
                Some(head) => *head = squeeze(&format!("{label}{colon}{head}")),
                None => first.push(squeeze(&format!("{label}{colon}"))),
            }
            if !contains(&first) {
                return fail(format!("field {first:?} not in {:?}", read.blocks));
            }
            let last = &fields[fields.len() - 1];
            let label = squeeze(&last.label);
            let item = squeeze(&format!("{label}{colon}{}", last.value));
            if !read.blocks.contains(&item) {
                return fail(format!("label {item:?} not in {:?}", read.blocks));
            }
        }
    }
    // The signature is still the last thing, as text.
    let name = squeeze(&report.signature.name);
    if read.blocks.last().is_none_or(|last| !last.ends_with(&name)) {
        return fail(format!("the signature {name:?} is not last"));
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "```",
    "~~~",
    "#",
    "# ",
    "###### ",
    ">",
    "> ",
    "-",
    "- ",
    "+ ",
    "* ",
    "=",
    "===",
    "---",
    "***",
    "___",
    "1.",
    "1. ",
    "1) ",
    "2) ",
    "10. ",
    "[",
    "]",
    "](",
    "(u)",
    "[a]: /u",
    "![i](x)",
    "<",
    "<a>",
    "</b>",
    "<!--",
    "<?",
    "<http://x>",
    "&",
    "&amp;",
    "&lt;5mm",
    "&#35;",
    "&#x23;",
    "\\",
    "\\*",
    "!",
    "|",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\n   \n",
    "a",
    "b",
    "漢字",
    "　",
    "（注）",
    "😀",
    "x_y",
    "5 * 3",
    ":",
    "：",
];

#[test]
fn random_text_reads_back_as_typed() {
    let mut random = Random(0x5eed_cafe_f00d);
    for round in 0..400 {
        let length = random.between(1, 14) as usize;
        let text: String = (0..length)
            .map(|_| PIECES[random.below(PIECES.len())])
            .collect();
        let lang = if round % 2 == 0 { Lang::Ja } else { Lang::En };
        if let Err(why) = check(&text, lang) {
            panic!("round {round}: {why}");
        }
    }
}

#[test]
fn adversarial_text_reads_back_as_typed() {
    for text in samples::NASTY {
        for lang in [Lang::Ja, Lang::En] {
            if let Err(why) = check(text, lang) {
                panic!("{why}");
            }
        }
    }
}

/// The issue's cases, as a chart shows them pasted as text: a fence does not swallow the
/// rest of the letter, `===` makes no heading, an entity is text, and `1)` within a line
/// is not escaped.
#[test]
fn ordinary_text_is_not_escaped_where_it_is_no_mark() {
    let report = report_with("1) 朝 2) 夜\n&lt;5mm", Lang::Ja);
    let markdown = String::from_utf8(report::render(&report, Format::Markdown).unwrap()).unwrap();
    assert!(
        markdown.contains("：1) 朝 2) 夜  \n  \\&lt;5mm"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n1\\) 朝 2) 夜  \n\\&lt;5mm\n"),
        "{markdown}"
    );
    for text in ["~~~\n手術", "手術\n===", "手術\n---"] {
        check(text, Lang::Ja).unwrap();
    }
}
