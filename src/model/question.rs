//! Prepared questions: what each one records, its states, the record of which question was
//! being asked when, the time each took on the consultation clock, the pace left per open
//! question, and the plain one-question-per-line list format.
//!
//! Pure like the rest of the model: every change takes `now` from the caller.

use chrono::{SubsecRound, TimeDelta};
use serde::{Deserialize, Serialize};

use super::alerts::{Urgency, urgency};
use super::clock::{ClockState, Timestamp};
use super::roles::Role;
use super::session::Session;

/// Who put the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Asker {
    #[default]
    Patient,
    /// A family member or friend who came along; `asked_by` says who.
    Companion,
    /// Added by the specialist during the consultation.
    Specialist,
}

impl Asker {
    pub(crate) const ALL: [Asker; 3] = [Asker::Patient, Asker::Companion, Asker::Specialist];

    /// The next asker `role`'s terminal may choose: the companion writes down the patient's
    /// and the family's questions, never the specialist's.
    pub(crate) fn cycle_for(self, role: Role, forward: bool) -> Asker {
        let choices: &[Asker] = match role {
            Role::Specialist => &Self::ALL,
            Role::Companion => &[Asker::Patient, Asker::Companion],
        };
        if choices.contains(&self) {
            cycle(choices, self, forward)
        } else {
            choices[0]
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Normal,
    Low,
}

impl Priority {
    /// The order one key steps through: from normal, one press makes a question important.
    pub(crate) fn next(self) -> Priority {
        match self {
            Priority::Normal => Priority::High,
            Priority::High => Priority::Low,
            Priority::Low => Priority::Normal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    #[default]
    NotYet,
    /// Put to the specialist, the answer still to come.
    Asked,
    Answered,
    /// Left out on purpose (no time, or no longer relevant).
    Skipped,
    /// Better discussed with the primary physician (主治医と相談).
    ForPrimaryPhysician,
}

impl QuestionState {
    pub(crate) const ALL: [QuestionState; 5] = [
        QuestionState::NotYet,
        QuestionState::Asked,
        QuestionState::Answered,
        QuestionState::Skipped,
        QuestionState::ForPrimaryPhysician,
    ];

    /// Still waiting for an answer today: these share the time that is left.
    pub fn is_open(self) -> bool {
        matches!(self, QuestionState::NotYet | QuestionState::Asked)
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], value: T, forward: bool) -> T {
    let index = all.iter().position(|v| *v == value).unwrap_or(0);
    let count = all.len();
    let next = if forward {
        index + 1
    } else {
        index + count - 1
    };
    all[next % count]
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A question the patient or a companion prepared, or one added on the day.
///
/// Every field but `id` and `text` has a default, so session files written before these
/// fields existed still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Question {
    /// Stable across reordering and across the two terminals; unique within the session
    /// (deleted questions included). Given on load when a file has none.
    #[serde(default)]
    pub id: String,
    pub text: String,
    /// Who asked it, in the words of the intake ("本人", "長女 佐藤 美咲"): the name and
    /// relationship of a companion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub asked_by: String,
    #[serde(default)]
    pub asker: Asker,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub state: QuestionState,
    /// When it was marked answered; cleared if it is reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
    /// The answer as written on the specialist's terminal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    /// The answer as written on the companion's terminal (owned by the companion's part
    /// file; copied here so every reader of the session file sees it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub companion_answer: String,
    /// The specialist chose to print the companion's notes in the letter, labelled as the
    /// family's. Off by default: the letter speaks for the specialist (issue 14).
    #[serde(default, skip_serializing_if = "is_default")]
    pub companion_in_letter: bool,
    /// The terminal whose file owns the wording (`text`, `asker`, `asked_by`): questions
    /// added on the companion's terminal are worded there.
    #[serde(default, skip_serializing_if = "is_default")]
    pub owner: Role,
}

impl Question {
    pub fn new(text: impl Into<String>, asker: Asker, asked_by: impl Into<String>) -> Question {
        Question {
            text: text.into(),
            asker,
            asked_by: asked_by.into(),
            ..Question::default()
        }
    }

    /// The answer typed on `role`'s terminal.
    pub(crate) fn answer_of(&self, role: Role) -> &str {
        match role {
            Role::Specialist => &self.answer,
            Role::Companion => &self.companion_answer,
        }
    }

    pub(crate) fn set_answer_of(&mut self, role: Role, text: String) {
        match role {
            Role::Specialist => self.answer = text,
            Role::Companion => self.companion_answer = text,
        }
    }

    /// Both terminals' answers, the specialist's first, for a reader who wants one text.
    pub fn full_answer(&self) -> String {
        [self.answer.trim_end(), self.companion_answer.trim_end()]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The companion's notes appended to the specialist's answer, for the specialist to edit
    /// into their own words; they are then no longer printed as the family's. False when the
    /// companion wrote nothing or the answer already holds the notes.
    pub fn copy_companion_answer(&mut self) -> bool {
        let notes = self.companion_answer.trim();
        if notes.is_empty() || self.answer.contains(notes) {
            return false;
        }
        self.answer = [self.answer.trim_end(), notes]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        self.companion_in_letter = false;
        true
    }

    pub(crate) fn has_answer(&self) -> bool {
        !self.answer.trim().is_empty() || !self.companion_answer.trim().is_empty()
    }
}

/// From `at` on, `question` was the one being asked (`None`: no question was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentMark {
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// What "answered, next" did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advance {
    /// No question was current: the first open one now is.
    Started(String),
    /// `answered` was marked answered and `next` is now current.
    Next { answered: String, next: String },
    /// `answered` was the last open question.
    Finished { answered: String },
    /// No question is open.
    NothingOpen,
}

/// The time left shared among the open questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacing {
    pub open: usize,
    /// The clock's remaining time; negative in overtime.
    pub remaining: TimeDelta,
    /// Remaining time per open question, when there is both time and a question.
    pub per_question: Option<TimeDelta>,
    /// High-priority questions not yet asked.
    pub high_not_asked: usize,
}

/// Whether a question should stand out: important, not yet asked, and time running short.
pub fn stands_out(question: &Question, level: Urgency) -> bool {
    level >= Urgency::Warn
        && question.priority == Priority::High
        && question.state == QuestionState::NotYet
}

/// Whole seconds, as the clock records them.
fn second(now: Timestamp) -> Timestamp {
    now.trunc_subsecs(0)
}

impl Session {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn question_mut(&mut self, id: &str) -> Option<&mut Question> {
        self.questions.iter_mut().find(|q| q.id == id)
    }

    pub(crate) fn question_position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The question being asked now, if any.
    pub fn current_question(&self) -> Option<&str> {
        self.current_log.last()?.question.as_deref()
    }

    /// Every id ever used in this session, deleted questions included.
    fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.questions
            .iter()
            .chain(&self.deleted_questions)
            .map(|q| q.id.as_str())
    }

    /// The first unused id with this prefix (`s` specialist, `c` companion, `i` import,
    /// `q` intake). Each writer has its own prefix, so two terminals adding at the same
    /// moment never pick the same id.
    pub fn next_question_id(&self, prefix: &str) -> String {
        format!("{prefix}{}", self.highest_question_number(prefix) + 1)
    }

    /// The highest number used after `prefix` in an id (0 when none is). Ids given one
    /// after another count up from it, as `next_question_id` would give them one at a
    /// time, without reading every id again for each: that made importing 100,000
    /// questions quadratic.
    fn highest_question_number(&self, prefix: &str) -> u32 {
        self.all_ids()
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
    }

    /// Give an id to each question without one (or with one already taken), in order.
    /// Deterministic, so both terminals give the same ids to the same old file.
    pub fn ensure_question_ids(&mut self) {
        let mut seen = std::collections::HashSet::new();
        // Counted up from once: an id given here is one above every id in the session.
        let mut highest = None;
        for index in 0..self.questions.len() + self.deleted_questions.len() {
            let id = self.question_at(index).id.clone();
            if id.is_empty() || !seen.insert(id) {
                let number = highest.unwrap_or_else(|| self.highest_question_number("q")) + 1;
                highest = Some(number);
                let fresh = format!("q{number}");
                seen.insert(fresh.clone());
                self.question_at_mut(index).id = fresh;
            }
        }
    }

    fn question_at(&self, index: usize) -> &Question {
        match self.questions.get(index) {
            Some(q) => q,
            None => &self.deleted_questions[index - self.questions.len()],
        }
    }

    fn question_at_mut(&mut self, index: usize) -> &mut Question {
        let live = self.questions.len();
        match self.questions.get_mut(index) {
            Some(q) => q,
            None => &mut self.deleted_questions[index - live],
        }
    }

    /// Add a question at the end with a fresh id of `prefix`; returns the id.
    pub fn add_question(&mut self, mut question: Question, prefix: &str) -> String {
        question.id = self.next_question_id(prefix);
        let id = question.id.clone();
        self.questions.push(question);
        id
    }

    /// Make `id` the question being asked (or none), from `now` on. A question not yet
    /// asked becomes asked. Returns false if nothing changed.
    pub fn set_current(&mut self, id: Option<&str>, now: Timestamp) -> bool {
        if id == self.current_question() || id.is_some_and(|id| self.question(id).is_none()) {
            return false;
        }
        // Never backwards: a wall clock set back would make a negative stretch.
        let mut at = second(now);
        if let Some(last) = self.current_log.last()
            && at < last.at
        {
            at = last.at;
        }
        self.current_log.push(CurrentMark {
            at,
            question: id.map(str::to_string),
        });
        if let Some(question) = id.and_then(|id| self.question_mut(id))
            && question.state == QuestionState::NotYet
        {
            question.state = QuestionState::Asked;
        }
        true
    }

    /// Set a question's state. Answered records the time; any other state clears it.
    /// Closing the current question stops its timing. Returns false if nothing changed.
    pub fn set_question_state(&mut self, id: &str, state: QuestionState, now: Timestamp) -> bool {
        let Some(question) = self.question_mut(id) else {
            return false;
        };
        if question.state == state {
            return false;
        }
        question.answered_at = (state == QuestionState::Answered).then(|| second(now));
        question.state = state;
        if !state.is_open() && self.current_question() == Some(id) {
            self.set_current(None, now);
        }
        true
    }

    /// The one key of the consultation: the current question is answered, the next open
    /// one (in list order, wrapping round) becomes current.
    pub fn answer_current_and_advance(&mut self, now: Timestamp) -> Advance {
        let Some(current) = self.current_question().map(str::to_string) else {
            return match self.next_open_after(None) {
                Some(first) => {
                    self.set_current(Some(&first), now);
                    Advance::Started(first)
                }
                None => Advance::NothingOpen,
            };
        };
        if let Some(question) = self.question_mut(&current) {
            question.state = QuestionState::Answered;
            question.answered_at = Some(second(now));
        }
        let position = self.question_position(&current);
        match self.next_open_after(position) {
            Some(next) => {
                self.set_current(Some(&next), now);
                Advance::Next {
                    answered: current,
                    next,
                }
            }
            None => {
                self.set_current(None, now);
                Advance::Finished { answered: current }
            }
        }
    }

    /// The first open question after `position` (from the top when None), wrapping round.
    fn next_open_after(&self, position: Option<usize>) -> Option<String> {
        let count = self.questions.len();
        let start = position.map_or(0, |p| p + 1);
        (0..count)
            .map(|offset| (start + offset) % count)
            .filter(|&index| Some(index) != position)
            .map(|index| &self.questions[index])
            .find(|q| q.state.is_open())
            .map(|q| q.id.clone())
    }

    /// Move a question one place up (or down). Returns false at either end.
    pub fn move_question(&mut self, id: &str, up: bool) -> bool {
        let Some(index) = self.question_position(id) else {
            return false;
        };
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|&i| i < self.questions.len())
        };
        match other {
            Some(other) => {
                self.questions.swap(index, other);
                true
            }
            None => false,
        }
    }

    /// Delete a question. It is kept in `deleted_questions`, answers and all, so that no
    /// typed word is lost and its id is never given again.
    pub fn delete_question(&mut self, id: &str, now: Timestamp) -> bool {
        let Some(index) = self.question_position(id) else {
            return false;
        };
        if self.current_question() == Some(id) {
            self.set_current(None, now);
        }
        let question = self.questions.remove(index);
        self.deleted_questions.push(question);
        true
    }

    /// How long the clock ran while `id` was the current question.
    pub fn time_on_question(&self, id: &str, now: Timestamp) -> TimeDelta {
        time_on(
            &self.current_log,
            &self.clock.running_intervals(now),
            id,
            now,
        )
    }

    /// How urgent the time looks, as the clock bar shows it.
    pub fn urgency(&self, now: Timestamp, warn_minutes: &[u32]) -> Urgency {
        match self.state() {
            ClockState::Ready | ClockState::Ended => Urgency::Calm,
            _ => urgency(self.clock.remaining(now), warn_minutes),
        }
    }

    pub fn pacing(&self, now: Timestamp) -> Pacing {
        let open = self.questions.iter().filter(|q| q.state.is_open()).count();
        let remaining = self.clock.remaining(now);
        let per_question =
            (open > 0 && remaining > TimeDelta::zero() && self.state() != ClockState::Ended)
                .then(|| remaining / open as i32);
        let high_not_asked = self
            .questions
            .iter()
            .filter(|q| q.priority == Priority::High && q.state == QuestionState::NotYet)
            .count();
        Pacing {
            open,
            remaining,
            per_question,
            high_not_asked,
        }
    }
}

impl Session {
    /// Add the questions of a list at the end, each with a fresh id of `prefix`, skipping
    /// any whose wording the session already shows (so importing a file twice adds nothing
    /// the second time). Returns how many were added and how many skipped.
    pub fn import_questions(
        &mut self,
        listed: &[ListedQuestion],
        prefix: &str,
        owner: Role,
        asker: Asker,
        asked_by: &str,
    ) -> (usize, usize) {
        // Looked up in a set, not by reading every question again for each line, and
        // numbered up from the highest id once: both made a large import quadratic. The
        // set borrows the wordings, so the new questions wait in `new` until it is done.
        let mut shown: std::collections::HashSet<&str> =
            self.questions.iter().map(|q| q.text.trim()).collect();
        let mut number = self.highest_question_number(prefix);
        let mut new = Vec::new();
        for item in listed {
            let text = item.text.trim();
            // A line repeated in the list is skipped too: it is shown once it is added.
            if !shown.insert(text) {
                continue;
            }
            number += 1;
            new.push(Question {
                id: format!("{prefix}{number}"),
                priority: item.priority,
                owner,
                ..Question::new(text, asker, asked_by)
            });
        }
        let added = new.len();
        self.questions.append(&mut new);
        (added, listed.len() - added)
    }
}

/// The time `id` was current, counted only while the clock ran: the overlap of each stretch
/// the question was current with each running stretch of the clock.
pub(crate) fn time_on(
    log: &[CurrentMark],
    running: &[(Timestamp, Timestamp)],
    id: &str,
    now: Timestamp,
) -> TimeDelta {
    let mut total = TimeDelta::zero();
    for (index, mark) in log.iter().enumerate() {
        if mark.question.as_deref() != Some(id) {
            continue;
        }
        let until = log.get(index + 1).map_or(now, |next| next.at);
        for &(from, to) in running {
            let overlap = until.min(to) - mark.at.max(from);
            if overlap > TimeDelta::zero() {
                total += overlap;
            }
        }
    }
    total
}

/// One question read from a plain list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedQuestion {
    /// 1-based line in the file.
    pub line: usize,
    pub text: String,
    pub priority: Priority,
}

/// Read a plain list: one question per line; blank lines and lines starting with `#` are
/// skipped; a leading `!` marks a high-priority question; list bullets and numbers that
/// people type ("- ", "・", "1. ", "2)") are taken off. A byte-order mark is tolerated.
pub fn parse_question_list(text: &str) -> Vec<ListedQuestion> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut questions = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let mut line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('＃') {
            continue;
        }
        let mut priority = Priority::Normal;
        if let Some(rest) = line.strip_prefix('!').or_else(|| line.strip_prefix('！')) {
            priority = Priority::High;
            line = rest.trim_start();
        }
        let line = strip_bullet(line);
        if line.is_empty() {
            continue;
        }
        questions.push(ListedQuestion {
            line: index + 1,
            text: line.to_string(),
            priority,
        });
    }
    questions
}

fn strip_bullet(line: &str) -> &str {
    for bullet in ["- ", "* ", "・", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    // "1. ", "2) ", "３．", "4、": digits then a closing mark. A question that merely starts
    // with a number ("3か月後に…") has no such mark and is kept whole.
    let digits = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
        .map_or(line.len(), |(at, _)| at);
    if digits > 0 {
        let rest = &line[digits..];
        for mark in [". ", ") ", "．", "）", "、", "."] {
            if let Some(rest) = rest.strip_prefix(mark) {
                return rest.trim_start();
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines_and_take_bullets_off() {
        let text = "\u{feff}# 聞きたいこと\n\n- 手術はできますか\n・副作用は？\r\n1. 費用は\n！いつまでに決めるか\n3か月後に再検査は必要ですか\n  \n";
        let parsed = parse_question_list(text);
        let texts: Vec<_> = parsed.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "手術はできますか",
                "副作用は？",
                "費用は",
                "いつまでに決めるか",
                "3か月後に再検査は必要ですか"
            ]
        );
        assert_eq!(parsed[0].line, 3);
        assert_eq!(parsed[3].priority, Priority::High);
        assert_eq!(parsed[2].priority, Priority::Normal);
    }
}
