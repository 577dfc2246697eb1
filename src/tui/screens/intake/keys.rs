//! The intake tab's keys: one table per mode, the command each key gives, and the
//! words of each in the help.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Field(Step),
    Edge(Edge),
    /// Edit a text field, or toggle or step a choice.
    Enter,
    Choose(Step),
    AddCompanion,
    AddMaterial,
    DeleteRow,
    /// Enter and Esc both keep what was typed, as Esc does in every other field.
    Keep,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.intake;
        match self {
            Command::Field(_) => &k.field,
            Command::Edge(_) => &k.edges,
            Command::Enter => &k.enter,
            Command::Choose(_) => &k.choose,
            Command::AddCompanion => &k.companion,
            Command::AddMaterial => &k.material,
            Command::DeleteRow => &k.delete_row,
            Command::Keep => &k.keep,
        }
    }
}

pub(super) const BROWSE: Table<Command> = &[
    up_down!(Command::Field(Step::Previous), Command::Field(Step::Next)),
    Binding::new(
        "Enter",
        Some("Enter"),
        &[(Key::code(KeyCode::Enter), Command::Enter)],
    ),
    Binding::new(
        "←/→",
        Some("←/→"),
        &[
            (Key::code(KeyCode::Left), Command::Choose(Step::Previous)),
            (Key::code(KeyCode::Right), Command::Choose(Step::Next)),
        ],
    ),
    Binding::new("c", Some("c"), &[(Key::char('c'), Command::AddCompanion)]),
    Binding::new("M", Some("M"), &[(Key::char('M'), Command::AddMaterial)]),
    Binding::new("D", Some("D"), &[(Key::char('D'), Command::DeleteRow)]),
    home_end!(Command::Edge(Edge::First), Command::Edge(Edge::Last)),
];

/// Typing into a field: every other key is the field's.
pub(super) const TYPING: Table<Command> = &[Binding::new(
    "Enter, Esc",
    None,
    &[
        (Key::code(KeyCode::Enter), Command::Keep),
        (Key::code(KeyCode::Esc), Command::Keep),
    ],
)];
