//! The report tab's keys: one table per mode, the command each key gives, and the
//! words of each in the help.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Line(Step),
    Page(Step),
    Edge(Edge),
    Export(Format),
    /// The summary for the patient and family, as a Word document.
    Patient,
    Language,
    Confirm,
    Correct,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.report;
        match self {
            Command::Line(_) => &k.line,
            Command::Page(_) => &k.page,
            Command::Edge(_) => &k.edge,
            Command::Export(Format::Docx) => &k.docx,
            Command::Export(Format::Markdown) => &k.markdown,
            Command::Export(Format::Json) => &k.json,
            Command::Patient => &k.patient,
            Command::Export(Format::Fhir) => &k.fhir,
            Command::Language => &k.language,
            Command::Confirm => &k.confirm,
            Command::Correct => &k.correct,
        }
    }
}

pub(super) const KEYS: Table<Command> = &[
    Binding::new(
        "↑/↓",
        Some("↑↓"),
        &[
            (Key::code(KeyCode::Up), Command::Line(Step::Previous)),
            (Key::code(KeyCode::Down), Command::Line(Step::Next)),
        ],
    ),
    Binding::new(
        "PgUp/PgDn",
        Some("PgUp/PgDn"),
        &[
            (Key::code(KeyCode::PageUp), Command::Page(Step::Previous)),
            (Key::code(KeyCode::PageDown), Command::Page(Step::Next)),
        ],
    ),
    Binding::new(
        "g/G, Home/End",
        Some("g/G"),
        &[
            (Key::char('g'), Command::Edge(Edge::First)),
            (Key::code(KeyCode::Home), Command::Edge(Edge::First)),
            (Key::char('G'), Command::Edge(Edge::Last)),
            (Key::code(KeyCode::End), Command::Edge(Edge::Last)),
        ],
    ),
    Binding::new(
        "d",
        Some("d"),
        &[(Key::char('d'), Command::Export(Format::Docx))],
    ),
    Binding::new(
        "m",
        Some("m"),
        &[(Key::char('m'), Command::Export(Format::Markdown))],
    ),
    Binding::new(
        "j",
        Some("j"),
        &[(Key::char('j'), Command::Export(Format::Json))],
    ),
    Binding::new("L", Some("L"), &[(Key::char('L'), Command::Language)]),
    Binding::new("p", None, &[(Key::char('p'), Command::Patient)]),
    // In the help only: the hint line is full, and these are not for every day.
    Binding::new(
        "f",
        None,
        &[(Key::char('f'), Command::Export(Format::Fhir))],
    ),
    Binding::new("C", None, &[(Key::char('C'), Command::Confirm)]),
    Binding::new("R", None, &[(Key::char('R'), Command::Correct)]),
];
