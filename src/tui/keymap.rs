//! Keys to commands, one table per context: which keys a context answers to, the command
//! each gives, and how the `?` help and the hint line name them. The help and the hint
//! lines are made from the tables (`tui::help`), so they name exactly the keys that work.
//!
//! On an open session some keys are global to every tab (the clock, quitting, help, tab
//! switching); tabs must not use them. All other keys go to the tab, which looks them up in
//! its own tables (`screens/*`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::keys::{AppKeys, KeyText};

/// The modifiers a key of a table needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    /// Whatever is held: Shift makes the capitals, and sonote's keys never told the
    /// others apart.
    Any,
    /// Ctrl held.
    Ctrl,
    /// Alt held.
    Alt,
}

/// A key as the tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

impl Key {
    pub const fn code(code: KeyCode) -> Key {
        Key {
            code,
            mods: Mods::Any,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::code(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: Mods::Ctrl,
        }
    }

    pub const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            mods: Mods::Alt,
        }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        self.code == event.code
            && match self.mods {
                Mods::Any => true,
                Mods::Ctrl => event.modifiers.contains(KeyModifiers::CONTROL),
                Mods::Alt => event.modifiers.contains(KeyModifiers::ALT),
            }
    }
}

/// One line of the help: keys that give one command (or, like ↑ and ↓, the two ways of
/// one), named once.
pub(crate) struct Binding<C: 'static> {
    /// How the help names the keys ("↑/↓, k/j").
    pub(crate) label: &'static str,
    /// How the hint line names them; `None` keeps the binding off the hint line.
    pub(crate) hint: Option<&'static str>,
    /// The keys, each with what it gives. The commands of one binding share their words.
    pub(crate) keys: &'static [(Key, C)],
}

impl<C> Binding<C> {
    pub(crate) const fn new(
        label: &'static str,
        hint: Option<&'static str>,
        keys: &'static [(Key, C)],
    ) -> Binding<C> {
        Binding { label, hint, keys }
    }
}

pub(crate) type Table<C> = &'static [Binding<C>];

/// ↑/↓ and k/j, the way through every list: one gives `$previous`, the other `$next`.
macro_rules! up_down {
    ($previous:expr, $next:expr) => {
        $crate::tui::keymap::Binding::new(
            "↑/↓, k/j",
            Some("↑↓"),
            &[
                ($crate::tui::keymap::Key::code(KeyCode::Up), $previous),
                ($crate::tui::keymap::Key::char('k'), $previous),
                ($crate::tui::keymap::Key::code(KeyCode::Down), $next),
                ($crate::tui::keymap::Key::char('j'), $next),
            ],
        )
    };
}

/// Home/End and g/G, to the first and the last of a list.
macro_rules! home_end {
    ($first:expr, $last:expr) => {
        $crate::tui::keymap::Binding::new(
            "Home/End, g/G",
            None,
            &[
                ($crate::tui::keymap::Key::code(KeyCode::Home), $first),
                ($crate::tui::keymap::Key::char('g'), $first),
                ($crate::tui::keymap::Key::code(KeyCode::End), $last),
                ($crate::tui::keymap::Key::char('G'), $last),
            ],
        )
    };
}

/// Ctrl+Z and Ctrl+Y in a text field.
macro_rules! undo_redo {
    ($undo:expr, $redo:expr) => {
        $crate::tui::keymap::Binding::new(
            "Ctrl+Z / Ctrl+Y",
            None,
            &[
                ($crate::tui::keymap::Key::ctrl('z'), $undo),
                ($crate::tui::keymap::Key::ctrl('y'), $redo),
            ],
        )
    };
}

pub(crate) use {home_end, undo_redo, up_down};

/// Back or forth, for the pairs of keys that move one way or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Previous,
    Next,
}

/// The first or the last, for Home and End.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    First,
    Last,
}

/// The command `event` gives in `table`. A key that needs Ctrl or Alt wins over one that
/// takes any modifiers (Alt+↑ moves a question, ↑ selects one).
pub(crate) fn lookup<C: Clone>(table: &[Binding<C>], event: &KeyEvent) -> Option<C> {
    let keys = || table.iter().flat_map(|binding| binding.keys.iter());
    keys()
        .find(|(key, _)| key.mods != Mods::Any && key.matches(event))
        .or_else(|| keys().find(|(key, _)| key.matches(event)))
        .map(|(_, command)| command.clone())
}

/// A binding as the help, the hint line and the tests see it, whatever its commands.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: &'static str,
    pub hint: Option<&'static str>,
    /// The keys themselves, which only the tests read (the help shows the words).
    #[cfg(test)]
    pub keys: Vec<Key>,
    /// The words of each key's command, in the order of the keys.
    pub words: Vec<&'static KeyText>,
}

impl Entry {
    /// The binding's words: its first key's (the tests check that its keys agree).
    pub fn text(&self) -> &'static KeyText {
        self.words.first().copied().unwrap_or(&KeyText::NONE)
    }
}

pub(crate) fn entries<'a, C: 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<C>>,
    words: impl Fn(&C) -> &'static KeyText,
) -> Vec<Entry> {
    bindings
        .into_iter()
        .map(|binding| Entry {
            label: binding.label,
            hint: binding.hint,
            #[cfg(test)]
            keys: binding.keys.iter().map(|(key, _)| *key).collect(),
            words: binding
                .keys
                .iter()
                .map(|(_, command)| words(command))
                .collect(),
        })
        .collect()
}

/// The help's lines: the keys as labelled, and what they do.
pub(crate) fn help_rows(entries: &[Entry]) -> Vec<(&'static str, &'static str)> {
    entries
        .iter()
        .map(|entry| (entry.label, entry.text().help))
        .collect()
}

/// The hint line: "keys word" for each binding that has a hint, two spaces apart. Bindings
/// side by side with the same word share it ("↑↓ PgUp/PgDn g/G scroll").
pub(crate) fn hint_line<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> String {
    let mut items: Vec<(Vec<&str>, &str)> = Vec::new();
    for entry in entries {
        let (Some(keys), Some(word)) = (entry.hint, entry.text().hint) else {
            continue;
        };
        match items.last_mut() {
            Some((labels, last)) if *last == word => labels.push(keys),
            _ => items.push((vec![keys], word)),
        }
    }
    items
        .iter()
        .map(|(labels, word)| format!("{} {word}", labels.join(" ")))
        .collect::<Vec<_>>()
        .join("  ")
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Desk,
    Session,
    /// A text field has the keyboard: every key but Ctrl+C goes to it (Esc ends editing).
    Editing,
    NewForm,
    Help,
    Confirm,
    /// The reason for starting the clock although requirements are missing.
    Override,
}

impl Context {
    /// The context's own keys (Ctrl+C, in `ANYWHERE`, works in all of them).
    pub(crate) fn table(self) -> Table<Action> {
        match self {
            Context::Home => HOME,
            Context::Desk => DESK,
            Context::Session => SESSION,
            Context::Editing => &[],
            Context::NewForm => NEW_FORM,
            Context::Help => HELP,
            Context::Confirm => CONFIRM,
            Context::Override => OVERRIDE,
        }
    }

    /// Whether a key the context does not bind goes on to what has the focus (the screen,
    /// the tab, the field); elsewhere it does nothing.
    fn passes_keys_on(self) -> bool {
        match self {
            Context::Desk
            | Context::Session
            | Context::Editing
            | Context::NewForm
            | Context::Override => true,
            Context::Home | Context::Help | Context::Confirm => false,
        }
    }
}

pub fn action_for(context: Context, key: KeyEvent) -> Option<Action> {
    lookup(ANYWHERE, &key)
        .or_else(|| lookup(context.table(), &key))
        .or_else(|| context.passes_keys_on().then_some(Action::Key(key)))
}

/// The words of a global command in the context whose table gives it (`None`: the keys
/// that work everywhere).
pub fn words(
    keys: &'static AppKeys,
    context: Option<Context>,
    action: &Action,
) -> &'static KeyText {
    match action {
        Action::Quit if context.is_none() => &keys.quit_anywhere,
        Action::Quit => &keys.quit,
        Action::ToggleHelp if context == Some(Context::Help) => &keys.close_help,
        Action::ToggleHelp => &keys.help,
        Action::Back if context == Some(Context::NewForm) => &keys.cancel_new,
        Action::Back if context == Some(Context::Desk) => &keys.leave_desk,
        Action::Back => &keys.back,
        Action::Up | Action::Down => &keys.select_session,
        Action::Open => &keys.open,
        Action::NewSession => &keys.new_session,
        Action::Reload => &keys.reload,
        Action::Desk => &keys.desk,
        Action::ToggleClock => &keys.clock,
        Action::AskExtend => &keys.extend,
        Action::AskEnd => &keys.end,
        Action::SwitchTab(_) | Action::NextTab | Action::PreviousTab => &keys.tabs,
        Action::Yes => &keys.yes,
        Action::No if context == Some(Context::Override) => &keys.cancel_override,
        Action::No => &keys.no,
        Action::NextField | Action::PrevField => &keys.fields,
        Action::Submit if context == Some(Context::Override) => &keys.start_override,
        Action::Submit => &keys.create,
        // Never in a table: they carry what the tables do not bind.
        Action::Key(_) | Action::Paste(_) | Action::Type(_) => &KeyText::NONE,
    }
}

/// The bindings of `context` as the help shows them.
pub(crate) fn context_entries(keys: &'static AppKeys, context: Context) -> Vec<Entry> {
    entries(context.table(), |action| words(keys, Some(context), action))
}

/// The keys that work everywhere, as the help shows them.
pub(crate) fn anywhere_entries(keys: &'static AppKeys) -> Vec<Entry> {
    entries(ANYWHERE, |action| words(keys, None, action))
}

/// The bindings of `context` that give one of `actions`: the global keys a tab's hint line
/// reminds of.
pub(crate) fn entries_giving(
    keys: &'static AppKeys,
    context: Context,
    actions: &[Action],
) -> Vec<Entry> {
    let giving = context
        .table()
        .iter()
        .filter(|binding| binding.keys.iter().any(|(_, a)| actions.contains(a)));
    entries(giving, |action| words(keys, Some(context), action))
}

const UP: Key = Key::code(KeyCode::Up);
const DOWN: Key = Key::code(KeyCode::Down);
const ENTER: Key = Key::code(KeyCode::Enter);
const ESC: Key = Key::code(KeyCode::Esc);

const ANYWHERE: Table<Action> = &[Binding::new(
    "Ctrl+C",
    None,
    &[(Key::ctrl('c'), Action::Quit)],
)];

const HOME: Table<Action> = &[
    up_down!(Action::Up, Action::Down),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Action::Open)]),
    Binding::new("n", Some("n"), &[(Key::char('n'), Action::NewSession)]),
    Binding::new("d", Some("d"), &[(Key::char('d'), Action::Desk)]),
    Binding::new("r", None, &[(Key::char('r'), Action::Reload)]),
    Binding::new("?", Some("?"), &[(Key::char('?'), Action::ToggleHelp)]),
    Binding::new("q", Some("q"), &[(Key::char('q'), Action::Quit)]),
];

/// The desk's own keys are the screen's (`screens::desk`); these are the way out.
const DESK: Table<Action> = &[
    Binding::new("Esc", Some("Esc"), &[(ESC, Action::Back)]),
    // Off the hint line, which is full at 80 columns; the help (?) lists it.
    Binding::new("n", None, &[(Key::char('n'), Action::NewSession)]),
    Binding::new("?", None, &[(Key::char('?'), Action::ToggleHelp)]),
    Binding::new("q", None, &[(Key::char('q'), Action::Quit)]),
];

const SESSION: Table<Action> = &[
    Binding::new(
        "Space",
        Some("Space"),
        &[(Key::char(' '), Action::ToggleClock)],
    ),
    Binding::new("x", Some("x"), &[(Key::char('x'), Action::AskExtend)]),
    Binding::new("e", Some("e"), &[(Key::char('e'), Action::AskEnd)]),
    // F6 to F9 show no tab (there are five) but stay the session's, as they always were.
    Binding::new(
        "F1-F5, [ ]",
        None,
        &[
            (Key::code(KeyCode::F(1)), Action::SwitchTab(0)),
            (Key::code(KeyCode::F(2)), Action::SwitchTab(1)),
            (Key::code(KeyCode::F(3)), Action::SwitchTab(2)),
            (Key::code(KeyCode::F(4)), Action::SwitchTab(3)),
            (Key::code(KeyCode::F(5)), Action::SwitchTab(4)),
            (Key::code(KeyCode::F(6)), Action::SwitchTab(5)),
            (Key::code(KeyCode::F(7)), Action::SwitchTab(6)),
            (Key::code(KeyCode::F(8)), Action::SwitchTab(7)),
            (Key::code(KeyCode::F(9)), Action::SwitchTab(8)),
            (Key::char(']'), Action::NextTab),
            (Key::char('['), Action::PreviousTab),
        ],
    ),
    Binding::new("Esc", Some("Esc"), &[(ESC, Action::Back)]),
    Binding::new("?", Some("?"), &[(Key::char('?'), Action::ToggleHelp)]),
    Binding::new("q", Some("q"), &[(Key::char('q'), Action::Quit)]),
];

/// The new session's form; its mode choice is the screen's (`screens::new_session`).
const NEW_FORM: Table<Action> = &[
    Binding::new(
        "Tab, ↓ / Shift+Tab, ↑",
        Some("Tab"),
        &[
            (Key::code(KeyCode::Tab), Action::NextField),
            (DOWN, Action::NextField),
            (Key::code(KeyCode::BackTab), Action::PrevField),
            (UP, Action::PrevField),
        ],
    ),
    Binding::new("Enter", Some("Enter"), &[(ENTER, Action::Submit)]),
    Binding::new("Esc", Some("Esc"), &[(ESC, Action::Back)]),
];

/// The help's own keys: q and Enter close it too, without a mention.
const HELP: Table<Action> = &[Binding::new(
    "? / Esc",
    Some("? / Esc"),
    &[
        (Key::char('?'), Action::ToggleHelp),
        (ESC, Action::ToggleHelp),
        (Key::char('q'), Action::ToggleHelp),
        (ENTER, Action::ToggleHelp),
    ],
)];

/// The questions end in "(y/n)".
const CONFIRM: Table<Action> = &[
    Binding::new(
        "y",
        None,
        &[(Key::char('y'), Action::Yes), (Key::char('Y'), Action::Yes)],
    ),
    Binding::new(
        "n, Esc",
        None,
        &[
            (Key::char('n'), Action::No),
            (Key::char('N'), Action::No),
            (ESC, Action::No),
        ],
    ),
];

/// The question says what to press in words of its own (`override_hint`).
const OVERRIDE: Table<Action> = &[
    Binding::new("Enter", None, &[(ENTER, Action::Submit)]),
    Binding::new("Esc", None, &[(ESC, Action::No)]),
];
