//! Two terminals on one session: what each role owns, the companion's part file, and the
//! pure merge that lays one over the other.
//!
//! Every field has exactly one owner, so two people typing at the same moment can never
//! overwrite each other, and no conflict can arise to be resolved:
//!
//! - The **companion's terminal** owns `companion_answer` of every question, and the wording
//!   (`text`, `asker`, `asked_by`) of the questions added on it (`owner = "companion"`),
//!   with the priority they were added with. It writes only these, to its part file
//!   (`<id>.companion.toml`, a [`CompanionPart`]), and never the session file.
//! - The **specialist's terminal** owns everything else: the clock, which question is
//!   current, the order, priorities and states, `answered_at`, `answer` (the answer typed
//!   there), the wording of every other question, deletions, notes. It writes the session
//!   file `<id>.toml`, which also carries a copy of the companion's fields, so every reader
//!   of that file (the report) sees both.
//!
//! Each process merges the other's file when it changes: the specialist's with [`apply`]
//! (the part over its session), the companion's with [`merge`] (its own part over the
//! session file just read). Both take each field from its owner, so they agree.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::question::{Asker, Priority, Question};
use super::session::Session;

/// The version of the part file format.
pub(crate) const PART_FORMAT: u32 = 1;

/// Which terminal a process is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the clock; writes the session file.
    #[default]
    Specialist,
    /// Logs answers and adds questions; writes only its part file.
    Companion,
}

impl Role {
    /// The prefix of the ids of questions added on this terminal (see
    /// `Session::next_question_id`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Role::Specialist => "s",
            Role::Companion => "c",
        }
    }

    /// Who a question picked from a list or read from a file is put down to: the patient
    /// on the specialist's terminal (the family prepared them), the companion on theirs.
    pub(crate) fn default_asker(self) -> Asker {
        match self {
            Role::Specialist => Asker::Patient,
            Role::Companion => Asker::Companion,
        }
    }
}

/// The companion's part file: everything the companion's terminal owns, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CompanionPart {
    pub format: u32,
    /// The id of the session this part belongs to.
    pub session: String,
    /// Questions added on the companion's terminal, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<AddedQuestion>,
    /// The companion's answers, by question id; a question without an entry has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<CompanionAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedQuestion {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub asked_by: String,
    #[serde(default)]
    pub asker: Asker,
    /// Only the first: once the specialist's file has the question, its priority is theirs.
    #[serde(default)]
    pub priority: Priority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanionAnswer {
    pub question: String,
    pub text: String,
}

impl CompanionPart {
    pub fn empty(session_id: &str) -> CompanionPart {
        CompanionPart {
            format: PART_FORMAT,
            session: session_id.to_string(),
            added: Vec::new(),
            answers: Vec::new(),
        }
    }

    pub fn answer(&self, id: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|a| a.question == id)
            .map(|a| a.text.as_str())
    }

    /// The companion's part of `session` as its terminal holds it.
    ///
    /// Entries of `previous` whose question `session` does not know at all (neither shown
    /// nor deleted: only possible for a moment, e.g. while a session file is being replaced
    /// by an import) are carried over, so that they are not dropped from the file.
    pub fn of(session: &Session, previous: &CompanionPart) -> CompanionPart {
        let mut part = CompanionPart::empty(&session.id);
        let mut known = HashSet::new();
        for question in session.questions.iter().chain(&session.deleted_questions) {
            known.insert(question.id.as_str());
            if question.owner == Role::Companion {
                part.added.push(AddedQuestion {
                    id: question.id.clone(),
                    text: question.text.clone(),
                    asked_by: question.asked_by.clone(),
                    asker: question.asker,
                    priority: question.priority,
                });
            }
            if !question.companion_answer.is_empty() {
                part.answers.push(CompanionAnswer {
                    question: question.id.clone(),
                    text: question.companion_answer.clone(),
                });
            }
        }
        let unknown = |id: &String| !known.contains(id.as_str());
        part.added
            .extend(previous.added.iter().filter(|a| unknown(&a.id)).cloned());
        part.answers.extend(
            previous
                .answers
                .iter()
                .filter(|a| unknown(&a.question))
                .cloned(),
        );
        part
    }
}

/// Lay the companion's part over a session, taking from it exactly the fields the companion
/// owns and leaving every other field as it is:
///
/// 1. each shown question's `companion_answer` becomes the part's answer for it, or empty
///    when the part has none (the companion cleared it);
/// 2. a deleted question's `companion_answer` takes the part's answer only when that is not
///    empty (a deleted question is never emptied);
/// 3. each question of `added` that the session has (shown or deleted), if it is a
///    companion's question, takes the part's wording;
/// 4. each question of `added` that the session does not have at all is appended to the
///    shown questions, not yet asked, with the part's wording, priority and answer.
///
/// Part entries for unknown questions other than these are ignored. The result depends on
/// nothing but its inputs, and applying the same part twice changes nothing the second
/// time. Returns whether anything changed.
pub fn apply(session: &mut Session, part: &CompanionPart) -> bool {
    let mut changed = false;
    for question in &mut session.questions {
        changed |= set(
            &mut question.companion_answer,
            part.answer(&question.id).unwrap_or(""),
        );
    }
    for question in &mut session.deleted_questions {
        if let Some(text) = part.answer(&question.id).filter(|t| !t.is_empty()) {
            changed |= set(&mut question.companion_answer, text);
        }
    }
    let mut new_questions = Vec::new();
    for added in &part.added {
        let existing = session
            .questions
            .iter_mut()
            .chain(&mut session.deleted_questions)
            .find(|q| q.id == added.id);
        match existing {
            Some(question) if question.owner == Role::Companion => {
                changed |= set(&mut question.text, &added.text);
                changed |= set(&mut question.asked_by, &added.asked_by);
                if question.asker != added.asker {
                    question.asker = added.asker;
                    changed = true;
                }
            }
            Some(_) => {}
            None => new_questions.push(Question {
                id: added.id.clone(),
                text: added.text.clone(),
                asked_by: added.asked_by.clone(),
                asker: added.asker,
                priority: added.priority,
                companion_answer: part.answer(&added.id).unwrap_or("").to_string(),
                owner: Role::Companion,
                ..Question::default()
            }),
        }
    }
    changed |= !new_questions.is_empty();
    session.questions.extend(new_questions);
    changed
}

fn set(field: &mut String, value: &str) -> bool {
    let differs = field != value;
    if differs {
        *field = value.to_string();
    }
    differs
}

/// The session as the companion's terminal shows it: the session file (`main`, owned by
/// the specialist) with the companion's own part laid over it.
pub fn merge(main: Session, part: &CompanionPart) -> Session {
    let mut session = main;
    apply(&mut session, part);
    session
}

/// Questions in `from_disk` that `session` has never had (neither shown nor deleted) are
/// appended. This is how the specialist's terminal takes in questions that
/// `sonote questions import` wrote into the session file while it was open; nothing else of
/// `from_disk` is taken. Returns how many were added.
pub fn adopt_new_questions(session: &mut Session, from_disk: &Session) -> usize {
    let known: HashSet<String> = session
        .questions
        .iter()
        .chain(&session.deleted_questions)
        .map(|q| q.id.clone())
        .collect();
    let new: Vec<Question> = from_disk
        .questions
        .iter()
        .filter(|q| !known.contains(&q.id))
        .cloned()
        .collect();
    let count = new.len();
    session.questions.extend(new);
    count
}
