//! The six sessions every export is checked on: the demo, a fully filled consultation and
//! an adversarial one, each reported in Japanese and in English.

use serde_json::Value;
use sonote::config::{Config, Lang};
use sonote::model::Session;

use super::{at, full_session, today};

/// Text that has broken exports: XML's special characters, characters XML 1.0 cannot hold,
/// a terminal's escape sequences, emoji, tabs, blank lines and Markdown's marks at the
/// start of a line and inside it.
pub const NASTY: &[&str] = &[
    "& < > \" ' &amp; &lt;5mm",
    "nul\u{0} bell\u{7} bs\u{8} vt\u{b} ff\u{c} esc\u{1b}[31mred\u{1b}[0m del\u{7f} \u{85}nel \u{fffe}\u{ffff}",
    "emoji 😀👍🏽🇯🇵 and\tone\ttab",
    "~~~\ncode fence?\n~~~",
    "```\nanother fence\n```",
    "heading?\n===",
    "heading?\n---",
    "1) one\n2. two\n- dash\n+ plus\n* star\n# hash\n> quote",
    "    indented four spaces\n\n\nthree blank lines above",
    "**bold** _it_ `code` [link](http://x) <b>tag</b> \\back\\ | a | b |",
    "  leading and trailing spaces  ",
    "\u{feff}bom \u{200b}zwsp \u{2028}ls \u{2029}ps \r\ncrlf",
];

/// The patient's name in the adversarial session: its text checks the core properties.
pub const NASTY_NAME: &str = "患者 <名前> & 'O\"Brien'\u{1}";

/// The demo session, ended after half an hour, reported in `lang`.
pub fn demo(config: &Config, lang: Lang) -> Session {
    let draft = sonote::demo::demo_session(lang, today()).expect("the embedded demo parses");
    let mut session = Session::new(draft, config.clock_rules(), config.fee.clone(), at(-5, 0));
    session.id = "2026-11-21-03".into();
    session.toggle_clock(at(0, 0)).expect("the clock starts");
    session.end(at(30, 0)).expect("the clock ends");
    session
}

/// The full session with every free-text field replaced by one of [`NASTY`] (in turn) and
/// one field holding a 10 KB line: every string of the session that can hold any text,
/// found by walking the saved form, so a field added later is covered too.
pub fn adversarial(config: &Config) -> Session {
    let session = full_session(config);
    let mut value = serde_json::to_value(&session).expect("a session serializes");
    let mut turn = 0;
    let mut root = value.clone();
    walk(&mut value, &mut Vec::new(), &mut |path| {
        let text = match turn {
            0 => "x".repeat(10 * 1024),
            n => NASTY[n % NASTY.len()].to_string(),
        };
        let pointer = pointer(path);
        let Some(slot) = root.pointer_mut(&pointer) else {
            return;
        };
        let old = std::mem::replace(slot, Value::String(text));
        // Only text the session takes as text: dates, times and enum names stay valid.
        if serde_json::from_value::<Session>(root.clone()).is_ok() {
            turn += 1;
        } else if let Some(slot) = root.pointer_mut(&pointer) {
            *slot = old;
        }
    });
    let mut session: Session = serde_json::from_value(root).expect("the session reads back");
    session.patient.name = NASTY_NAME.into();
    session
}

/// The samples: (name, session, report language): the three sessions above and the issue
/// 14 consultation (with the family's notes included on one question), in each language.
pub fn all(config: &Config) -> Vec<(String, Session, Lang)> {
    let mut out = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        let tag = match lang {
            Lang::Ja => "ja",
            Lang::En => "en",
        };
        out.push((format!("demo-{tag}"), demo(config, lang), lang));
        out.push((format!("full-{tag}"), full_session(config), lang));
        out.push((format!("adversarial-{tag}"), adversarial(config), lang));
        let mut consultation = super::consultation::consultation(config, lang);
        consultation.questions[3].companion_in_letter = true;
        out.push((format!("consultation-{tag}"), consultation, lang));
    }
    out
}

/// Call `each` with the path of every string in `value` whose key is not an id.
fn walk(value: &mut Value, path: &mut Vec<String>, each: &mut impl FnMut(&[String])) {
    match value {
        Value::String(_) => each(path),
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                path.push(index.to_string());
                walk(item, path, each);
                path.pop();
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                // Ids tie questions to the log of the current question; text they are not.
                if key == "id" || key.ends_with("_id") && key != "hospital_id" {
                    continue;
                }
                path.push(key.clone());
                walk(field, path, each);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A JSON pointer to `path`.
fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|key| format!("/{}", key.replace('~', "~0").replace('/', "~1")))
        .collect()
}
