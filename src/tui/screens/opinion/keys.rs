//! The opinion tab's keys: one table per mode, the command each key gives, and the
//! words of each in the help.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Field(Step),
    Card(Step),
    Edge(Edge),
    /// ← and →: along the card's scale, or through the focused choice.
    Step(Step),
    /// A digit: a step of the card's scale (1-4), an ECOG grade (0-4), or a choice (1-3).
    Pick(u32),
    Drug(DrugClass),
    Clear,
    Edit,
    StopEditing,
    EditField(Step),
    /// Enter: a new line, or the end of a one-line field.
    NewLine,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.opinion;
        match self {
            Command::Field(_) => &k.field,
            Command::Card(_) => &k.card,
            Command::Edge(_) => &k.edges,
            Command::Step(_) => &k.step,
            Command::Pick(_) => &k.pick,
            Command::Drug(_) => &k.drugs,
            Command::Clear => &k.clear,
            Command::Edit => &k.edit,
            Command::StopEditing => &k.stop,
            Command::EditField(_) => &k.edit_fields,
            Command::NewLine => &k.new_line,
        }
    }
}

pub(super) const ENTER: Key = Key::code(KeyCode::Enter);

pub(super) const BROWSE: Table<Command> = &[
    up_down!(Command::Field(Step::Previous), Command::Field(Step::Next)),
    Binding::new(
        "Tab / Shift+Tab",
        Some("Tab"),
        &[
            (Key::code(KeyCode::Tab), Command::Card(Step::Next)),
            (Key::code(KeyCode::BackTab), Command::Card(Step::Previous)),
        ],
    ),
    Binding::new(
        "PgDn / PgUp",
        None,
        &[
            (Key::code(KeyCode::PageDown), Command::Card(Step::Next)),
            (Key::code(KeyCode::PageUp), Command::Card(Step::Previous)),
        ],
    ),
    Binding::new(
        "←/→",
        Some("←→"),
        &[
            (Key::code(KeyCode::Left), Command::Step(Step::Previous)),
            (Key::code(KeyCode::Right), Command::Step(Step::Next)),
        ],
    ),
    Binding::new(
        "0-4",
        Some("0-4"),
        &[
            (Key::char('0'), Command::Pick(0)),
            (Key::char('1'), Command::Pick(1)),
            (Key::char('2'), Command::Pick(2)),
            (Key::char('3'), Command::Pick(3)),
            (Key::char('4'), Command::Pick(4)),
        ],
    ),
    Binding::new(
        "c, t, i, h",
        None,
        &[
            (Key::char('c'), Command::Drug(DrugClass::Chemotherapy)),
            (Key::char('t'), Command::Drug(DrugClass::TargetedTherapy)),
            (Key::char('i'), Command::Drug(DrugClass::Immunotherapy)),
            (Key::char('h'), Command::Drug(DrugClass::HormoneTherapy)),
        ],
    ),
    Binding::new(
        "Backspace, Del",
        None,
        &[
            (Key::code(KeyCode::Backspace), Command::Clear),
            (Key::code(KeyCode::Delete), Command::Clear),
        ],
    ),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Edit)]),
    home_end!(Command::Edge(Edge::First), Command::Edge(Edge::Last)),
];

/// Writing in a field: every other key is the field's.
pub(super) const EDITING: Table<Command> = &[
    Binding::new(
        "Esc",
        None,
        &[(Key::code(KeyCode::Esc), Command::StopEditing)],
    ),
    Binding::new(
        "Tab / Shift+Tab",
        None,
        &[
            (Key::code(KeyCode::Tab), Command::EditField(Step::Next)),
            (
                Key::code(KeyCode::BackTab),
                Command::EditField(Step::Previous),
            ),
        ],
    ),
    Binding::new(
        "Enter",
        None,
        &[
            (ENTER, Command::NewLine),
            (Key::ctrl('m'), Command::NewLine),
            (Key::ctrl('j'), Command::NewLine),
        ],
    ),
];
