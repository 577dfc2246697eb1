//! The words of the questions tab (F2) and of the two-terminal set-up, in Japanese and
//! English. Templates use `{name}` placeholders, filled with `i18n::fill`.

use crate::config::Lang;
use crate::model::{Asker, Priority, QuestionState};

pub struct QuestionsTexts {
    /// Short, for the list: in the order of `QuestionState::ALL`.
    pub states_short: [&'static str; 5],
    /// Whole, for the detail and the state chooser.
    pub states: [&'static str; 5],
    /// Marks in the list, in the order high, normal, low (normal shows nothing).
    pub priority_marks: [&'static str; 3],
    pub priorities: [&'static str; 3],
    /// In the order of `Asker::ALL`.
    pub askers: [&'static str; 3],
    pub pace: &'static str,
    pub pace_over: &'static str,
    /// After the consultation ended with questions still open.
    pub pace_open: &'static str,
    pub pace_all_done: &'static str,
    pub pace_high: &'static str,
    pub no_questions: &'static str,
    pub spent: &'static str,
    pub answered_at: &'static str,
    pub current: &'static str,
    /// Over a question that is not the current one: which one is.
    pub current_is: &'static str,
    pub answer: &'static str,
    pub answer_hint: &'static str,
    pub answer_editing: &'static str,
    /// The other terminal's answer, seen from the specialist's terminal.
    pub companion_answer: &'static str,
    /// The other terminal's answer, seen from the companion's terminal.
    pub specialist_answer: &'static str,
    pub add_title: &'static str,
    pub field_text: &'static str,
    pub field_asker: &'static str,
    pub field_asked_by: &'static str,
    pub edit_title: &'static str,
    pub import_title: &'static str,
    pub import_field: &'static str,
    pub state_title: &'static str,
    pub confirm_delete: &'static str,
    pub delete_keeps_answers: &'static str,
    pub prompts_title: &'static str,
    pub prompts_in_session: &'static str,
    pub added: &'static str,
    pub imported: &'static str,
    pub deleted: &'static str,
    pub made_current: &'static str,
    pub current_cleared: &'static str,
    pub started_with: &'static str,
    pub answered_next: &'static str,
    pub answered_last: &'static str,
    pub nothing_open: &'static str,
    pub set_to: &'static str,
    pub text_required: &'static str,
    pub already_there: &'static str,
    pub question_gone: &'static str,
    pub adopted: &'static str,
    pub peer_unreadable: &'static str,
    pub clock_refused: &'static str,
    pub specialist_only: &'static str,
    pub wording_elsewhere: &'static str,
    pub asker_elsewhere: &'static str,
    pub family_in: &'static str,
    pub family_out: &'static str,
    pub family_copied: &'static str,
    pub no_family_notes: &'static str,
    /// After the companion's notes' title, when they go into the letter.
    pub in_letter: &'static str,
    pub no_new_session: &'static str,
    pub companion_terminal: &'static str,
    pub hints_answer: &'static str,
}

pub static JA: QuestionsTexts = QuestionsTexts {
    states_short: ["未質問", "質問済", "回答済", "見送り", "主治医へ"],
    states: [
        "未質問",
        "質問済（回答待ち）",
        "回答済",
        "見送り",
        "主治医と相談",
    ],
    priority_marks: ["高", "", "低"],
    priorities: ["優先度 高", "優先度 中", "優先度 低"],
    askers: ["本人", "同行者", "担当医"],
    pace: "未回答 {n}問 · 残り {left} → 1問あたり {pace}",
    pace_over: "時間を超えています · 未回答 {n}問",
    pace_open: "未回答 {n}問",
    pace_all_done: "未回答の質問はありません",
    pace_high: "優先度「高」の未質問 {n}問",
    no_questions: "質問はまだありません。a で追加、l でヒント集から選ぶ、i でファイルから読み込みます。",
    spent: "所要",
    answered_at: "回答",
    current: "現在の質問",
    current_is: "現在の質問は Q{q}",
    answer: "回答",
    answer_hint: "（Enter で記入）",
    answer_editing: "回答 — 記入中（Esc で終了・自動保存）",
    companion_answer: "同行者の端末の記録",
    specialist_answer: "担当医の端末の記録",
    add_title: "質問を追加 — Enter 追加 · Tab 次の欄 · Esc 取消",
    field_text: "質問",
    field_asker: "質問者",
    field_asked_by: "氏名・続柄",
    edit_title: "質問の文面を直す — Enter 確定 · Esc 取消",
    import_title: "ファイルから読み込む（1行に1問、# の行は飛ばす）— Enter 読み込み · Esc 取消",
    import_field: "ファイルのパス",
    state_title: "Q{q} の状態を選ぶ — 数字キー · Esc 取消",
    confirm_delete: "Q{q} を削除しますか？ (y/n)",
    delete_keeps_answers: "記入された回答は、削除後もセッションのファイルに残ります。",
    prompts_title: "質問のヒント集",
    prompts_in_session: "+ はセッションにある質問",
    added: "Q{q} を追加しました。",
    imported: "{n}問を読み込みました（{skipped}問はすでにあります）。",
    deleted: "削除しました。",
    made_current: "Q{q} を現在の質問にしました。",
    current_cleared: "現在の質問を解除しました。",
    started_with: "Q{q} から始めます。",
    answered_next: "Q{a} を回答済にしました。次は Q{q}。",
    answered_last: "Q{a} を回答済にしました。未回答の質問はもうありません。",
    nothing_open: "未回答の質問はありません。",
    set_to: "Q{q}: {what}",
    text_required: "質問の文面を入力してください。",
    already_there: "この質問はもうセッションにあります。",
    question_gone: "この質問は担当医の端末で削除されました。記入した回答はファイルに残ります。",
    adopted: "ファイルに加えられた質問 {n}問を取り込みました。",
    peer_unreadable: "もう一方の端末の記録を読めません: {err}",
    clock_refused: "時計は担当医の端末で操作します。",
    specialist_only: "現在の質問・状態・順番・優先度・削除は、担当医の端末で操作します。",
    wording_elsewhere: "この質問の文面は、追加した端末で直します。",
    asker_elsewhere: "この質問の質問者は、追加した端末で変えます。",
    family_in: "Q{q}: 同行者の記録を「ご家族のメモ」として報告書に載せます。",
    family_out: "Q{q}: 同行者の記録を報告書から外しました。",
    family_copied: "Q{q}: 同行者の記録を回答に写しました。担当医の言葉に直してください。",
    no_family_notes: "Q{q} に同行者の記録はありません。",
    in_letter: " · 報告書に載せる",
    no_new_session: "同行者の端末ではセッションを作成できません。",
    companion_terminal: "同行者の端末",
    hints_answer: "回答を記入中 — Esc で終了（入力は自動保存、もう一方の端末にも表示）",
};

pub static EN: QuestionsTexts = QuestionsTexts {
    states_short: ["not yet", "asked", "answered", "skipped", "primary"],
    states: [
        "not yet asked",
        "asked (awaiting answer)",
        "answered",
        "skipped",
        "to discuss with the primary physician",
    ],
    priority_marks: ["hi", "", "lo"],
    priorities: ["high priority", "normal priority", "low priority"],
    askers: ["patient", "companion", "specialist"],
    pace: "{n} open · {left} left → {pace} per question",
    pace_over: "Over time · {n} open",
    pace_open: "{n} open",
    pace_all_done: "No open questions",
    pace_high: "{n} high-priority not yet asked",
    no_questions: "No questions yet. a adds one, l picks from the prompt list, i reads a file.",
    spent: "took",
    answered_at: "answered",
    current: "current question",
    current_is: "the current question is Q{q}",
    answer: "Answer",
    answer_hint: " (Enter to write)",
    answer_editing: "Answer — writing (Esc to stop; saved as you type)",
    companion_answer: "Written on the companion's terminal",
    specialist_answer: "Written on the specialist's terminal",
    add_title: "Add a question — Enter add · Tab next field · Esc cancel",
    field_text: "Question",
    field_asker: "Asked by",
    field_asked_by: "Name, relationship",
    edit_title: "Reword the question — Enter save · Esc cancel",
    import_title: "Read a file (one question per line, # lines skipped) — Enter read · Esc cancel",
    import_field: "File path",
    state_title: "State of Q{q} — press a number · Esc cancels",
    confirm_delete: "Delete Q{q}? (y/n)",
    delete_keeps_answers: "Answers written to it stay in the session file after deleting.",
    prompts_title: "Question prompt list",
    prompts_in_session: "+ already in the session",
    added: "Added Q{q}.",
    imported: "Read {n} questions ({skipped} were already there).",
    deleted: "Deleted.",
    made_current: "Q{q} is now the current question.",
    current_cleared: "No current question.",
    started_with: "Starting with Q{q}.",
    answered_next: "Q{a} answered. Next: Q{q}.",
    answered_last: "Q{a} answered. No open questions left.",
    nothing_open: "No open questions.",
    set_to: "Q{q}: {what}",
    text_required: "Type the question first.",
    already_there: "That question is already in the session.",
    question_gone: "This question was deleted on the specialist's terminal. What you wrote stays in the file.",
    adopted: "Took in {n} questions added to the file.",
    peer_unreadable: "Cannot read the other terminal's record: {err}",
    clock_refused: "The clock is run from the specialist's terminal.",
    specialist_only: "The current question, states, order, priority and deleting are set on the specialist's terminal.",
    wording_elsewhere: "This question is reworded on the terminal that added it.",
    asker_elsewhere: "Who asked this question is changed on the terminal that added it.",
    family_in: "Q{q}: the companion's notes go into the letter, labelled as the family's.",
    family_out: "Q{q}: the companion's notes are left out of the letter.",
    family_copied: "Q{q}: the companion's notes were copied into the answer; put them in your words.",
    no_family_notes: "Q{q} has no notes from the companion.",
    in_letter: " · in the letter",
    no_new_session: "Sessions cannot be created on the companion's terminal.",
    companion_terminal: "companion's terminal",
    hints_answer: "Writing the answer — Esc stops (saved as you type, shown on the other terminal)",
};

impl Lang {
    pub fn questions_texts(self) -> &'static QuestionsTexts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl QuestionsTexts {
    pub fn state_short(&self, state: QuestionState) -> &'static str {
        self.states_short[state_index(state)]
    }

    pub fn state(&self, state: QuestionState) -> &'static str {
        self.states[state_index(state)]
    }

    pub fn priority_mark(&self, priority: Priority) -> &'static str {
        self.priority_marks[priority_index(priority)]
    }

    pub fn priority(&self, priority: Priority) -> &'static str {
        self.priorities[priority_index(priority)]
    }

    pub fn asker(&self, asker: Asker) -> &'static str {
        let index = Asker::ALL.iter().position(|a| *a == asker).unwrap_or(0);
        self.askers[index]
    }
}

fn state_index(state: QuestionState) -> usize {
    QuestionState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or(0)
}

fn priority_index(priority: Priority) -> usize {
    match priority {
        Priority::High => 0,
        Priority::Normal => 1,
        Priority::Low => 2,
    }
}
