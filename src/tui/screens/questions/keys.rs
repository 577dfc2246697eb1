//! The questions tab's keys: one table per mode, the command each key gives, and the
//! words of each in the help.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------
// Keys

/// What the tab's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    Select(Step),
    Edge(Edge),
    Answer,
    Advance,
    MakeCurrent,
    ChooseState,
    Priority,
    Add,
    Reword,
    Move(Step),
    Delete,
    Prompts,
    Import,
    StopAnswering,
    /// A one-line form (a question's wording, a file's path).
    Save,
    Cancel,
    AddQuestion,
    AddField(Step),
    Asker(Step),
    /// Who asked the selected question, on the terminal that added it.
    ChangeAsker,
    /// Print the companion's notes in the letter, labelled as the family's, or not.
    IncludeFamilyNotes,
    /// Copy the companion's notes into the specialist's answer, to be worded there.
    CopyFamilyNotes,
    SetState(QuestionState),
    DeleteYes,
    DeleteNo,
    Topic(Step),
    PromptSelect(Step),
    TakePrompt,
    PromptLanguage,
    ClosePrompts,
}

impl Command {
    pub(crate) fn words(self, keys: &'static KeyTexts) -> &'static KeyText {
        let k = &keys.questions;
        match self {
            Command::Select(_) => &k.select,
            Command::Edge(_) => &k.edges,
            Command::Answer => &k.answer,
            Command::Advance => &k.advance,
            Command::MakeCurrent => &k.current,
            Command::ChooseState | Command::Priority => &k.state_priority,
            Command::Add | Command::Reword | Command::ChangeAsker => &k.add_reword,
            Command::IncludeFamilyNotes | Command::CopyFamilyNotes => &k.family_notes,
            Command::Move(_) => &k.reorder,
            Command::Delete => &k.delete,
            Command::Prompts | Command::Import => &k.prompts,
            Command::StopAnswering => &k.stop_answer,
            Command::Save => &k.save,
            Command::Cancel => &k.cancel,
            Command::AddQuestion => &k.add,
            Command::AddField(_) => &k.add_fields,
            Command::Asker(_) => &k.asker,
            Command::SetState(_) => &k.set_state,
            Command::DeleteYes => &k.delete_yes,
            Command::DeleteNo => &k.delete_no,
            Command::Topic(_) => &k.topic,
            Command::PromptSelect(_) => &k.prompt_select,
            Command::TakePrompt => &k.take_prompt,
            Command::PromptLanguage => &k.prompt_language,
            Command::ClosePrompts => &k.close_prompts,
        }
    }

    /// What only the specialist's terminal does (`model::roles`): the companion's is told
    /// so, and its help leaves these keys out.
    pub(crate) fn specialist_only(self) -> bool {
        matches!(
            self,
            Command::Advance
                | Command::MakeCurrent
                | Command::ChooseState
                | Command::Priority
                | Command::Move(_)
                | Command::Delete
                | Command::IncludeFamilyNotes
                | Command::CopyFamilyNotes
        )
    }
}

/// Which tables have the keyboard, by the tab's mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    Browse,
    Answer,
    /// Rewording a question, or the path of a file to read.
    Form,
    Add,
    State,
    Delete,
    Prompts,
}

impl Keys {
    #[cfg(test)]
    pub(crate) const ALL: [Keys; 7] = [
        Keys::Browse,
        Keys::Answer,
        Keys::Form,
        Keys::Add,
        Keys::State,
        Keys::Delete,
        Keys::Prompts,
    ];

    pub(super) fn of(mode: &Mode) -> Keys {
        match mode {
            Mode::Browse => Keys::Browse,
            Mode::Answer { .. } => Keys::Answer,
            Mode::EditText { .. } | Mode::Import { .. } => Keys::Form,
            Mode::Add(_) => Keys::Add,
            Mode::ChooseState { .. } => Keys::State,
            Mode::ConfirmDelete { .. } => Keys::Delete,
            Mode::Prompts(_) => Keys::Prompts,
        }
    }

    /// The tables read in this mode (the asker's keys only on the asker's field).
    pub(super) fn tables(self) -> &'static [Table<Command>] {
        match self {
            Keys::Browse => &[BROWSE],
            Keys::Answer => &[ANSWER],
            Keys::Form => &[FORM],
            Keys::Add => &[ADD, ASKER],
            Keys::State => &[STATE],
            Keys::Delete => &[DELETE],
            Keys::Prompts => &[PROMPTS],
        }
    }

    /// The bindings of the mode on `role`'s terminal, as the help lists them.
    pub(crate) fn entries(self, role: Role, keys: &'static KeyTexts) -> Vec<Entry> {
        let bindings = self.tables().iter().flat_map(|table| table.iter());
        let usable = bindings.filter(|binding| {
            role == Role::Specialist
                || !binding
                    .keys
                    .iter()
                    .any(|(_, command)| command.specialist_only())
        });
        let mut shown = entries(usable, |command| command.words(keys));
        if matches!(self, Keys::Answer | Keys::Form | Keys::Add) {
            shown.extend(text_field::entries_of_fields(keys));
        }
        shown
    }
}

pub(super) const UP: Key = Key::code(KeyCode::Up);
pub(super) const DOWN: Key = Key::code(KeyCode::Down);
pub(super) const LEFT: Key = Key::code(KeyCode::Left);
pub(super) const RIGHT: Key = Key::code(KeyCode::Right);
pub(super) const ENTER: Key = Key::code(KeyCode::Enter);
pub(super) const ESC: Key = Key::code(KeyCode::Esc);

pub(super) const BROWSE: Table<Command> = &[
    up_down!(Command::Select(Step::Previous), Command::Select(Step::Next)),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Answer)]),
    Binding::new("n", Some("n"), &[(Key::char('n'), Command::Advance)]),
    Binding::new("c", Some("c"), &[(Key::char('c'), Command::MakeCurrent)]),
    Binding::new(
        "s / p",
        Some("s"),
        &[
            (Key::char('s'), Command::ChooseState),
            (Key::char('p'), Command::Priority),
        ],
    ),
    Binding::new(
        "a / t, E / w",
        Some("a"),
        &[
            (Key::char('a'), Command::Add),
            (Key::char('t'), Command::Reword),
            (Key::char('E'), Command::Reword),
            (Key::char('w'), Command::ChangeAsker),
        ],
    ),
    Binding::new(
        "K/J, Alt+↑/↓",
        None,
        &[
            (Key::char('K'), Command::Move(Step::Previous)),
            (Key::char('J'), Command::Move(Step::Next)),
            (Key::alt(KeyCode::Up), Command::Move(Step::Previous)),
            (Key::alt(KeyCode::Down), Command::Move(Step::Next)),
        ],
    ),
    Binding::new("d", None, &[(Key::char('d'), Command::Delete)]),
    Binding::new(
        "f / F",
        None,
        &[
            (Key::char('f'), Command::IncludeFamilyNotes),
            (Key::char('F'), Command::CopyFamilyNotes),
        ],
    ),
    Binding::new(
        "l / i",
        Some("l"),
        &[
            (Key::char('l'), Command::Prompts),
            (Key::char('i'), Command::Import),
        ],
    ),
    home_end!(Command::Edge(Edge::First), Command::Edge(Edge::Last)),
];

/// Writing an answer: every other key is the field's.
pub(super) const ANSWER: Table<Command> =
    &[Binding::new("Esc", None, &[(ESC, Command::StopAnswering)])];

pub(super) const FORM: Table<Command> = &[
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::Save)]),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

pub(super) const ADD: Table<Command> = &[
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::AddQuestion)]),
    Binding::new(
        "Tab / Shift+Tab",
        Some("Tab"),
        &[
            (Key::code(KeyCode::Tab), Command::AddField(Step::Next)),
            (
                Key::code(KeyCode::BackTab),
                Command::AddField(Step::Previous),
            ),
        ],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

/// On the add form's asker field; the text fields take these keys as text.
pub(super) const ASKER: Table<Command> = &[Binding::new(
    "←/→",
    Some("←/→"),
    &[
        (LEFT, Command::Asker(Step::Previous)),
        (UP, Command::Asker(Step::Previous)),
        (RIGHT, Command::Asker(Step::Next)),
        (DOWN, Command::Asker(Step::Next)),
        (Key::char(' '), Command::Asker(Step::Next)),
    ],
)];

pub(super) const STATE: Table<Command> = &[
    Binding::new(
        "1-5",
        Some("1-5"),
        &[
            (Key::char('1'), Command::SetState(QuestionState::ALL[0])),
            (Key::char('2'), Command::SetState(QuestionState::ALL[1])),
            (Key::char('3'), Command::SetState(QuestionState::ALL[2])),
            (Key::char('4'), Command::SetState(QuestionState::ALL[3])),
            (Key::char('5'), Command::SetState(QuestionState::ALL[4])),
        ],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::Cancel)]),
];

pub(super) const DELETE: Table<Command> = &[
    Binding::new(
        "y",
        Some("y"),
        &[
            (Key::char('y'), Command::DeleteYes),
            (Key::char('Y'), Command::DeleteYes),
        ],
    ),
    Binding::new(
        "n, Esc",
        Some("n"),
        &[
            (Key::char('n'), Command::DeleteNo),
            (Key::char('N'), Command::DeleteNo),
            (ESC, Command::DeleteNo),
        ],
    ),
];

pub(super) const PROMPTS: Table<Command> = &[
    Binding::new(
        "←/→, h/l",
        Some("←/→"),
        &[
            (LEFT, Command::Topic(Step::Previous)),
            (Key::char('h'), Command::Topic(Step::Previous)),
            (RIGHT, Command::Topic(Step::Next)),
            (Key::char('l'), Command::Topic(Step::Next)),
        ],
    ),
    up_down!(
        Command::PromptSelect(Step::Previous),
        Command::PromptSelect(Step::Next)
    ),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Command::TakePrompt)]),
    Binding::new(
        "Tab",
        Some("Tab"),
        &[(Key::code(KeyCode::Tab), Command::PromptLanguage)],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Command::ClosePrompts)]),
];
