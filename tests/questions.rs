//! Prepared questions in the model: states, order, time per question, pacing, the merge of
//! the two terminals' files, and importing a plain list.

mod common;

use std::fs;

use chrono::TimeDelta;
use common::*;
use sonote::config::Config;
use sonote::model::alerts::Urgency;
use sonote::model::question::{Advance, stands_out};
use sonote::model::roles::{self, CompanionPart, adopt_new_questions};
use sonote::model::{Asker, Priority, Question, QuestionState, Role, Session};
use sonote::store;

fn session() -> Session {
    new_session(&Config::embedded())
}

/// The sample session with a third and fourth question.
fn four_questions() -> Session {
    let mut s = session();
    s.add_question(
        Question::new("費用はどのくらいかかりますか。", Asker::Patient, "本人"),
        "q",
    );
    s.add_question(
        Question::new("いつまでに決めればよいですか。", Asker::Patient, "本人"),
        "q",
    );
    s
}

fn ids(s: &Session) -> Vec<&str> {
    s.questions.iter().map(|q| q.id.as_str()).collect()
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

#[test]
fn intake_questions_get_stable_ids_and_defaults() {
    let s = four_questions();
    assert_eq!(ids(&s), ["q1", "q2", "q3", "q4"]);
    let q = &s.questions[0];
    assert_eq!(
        (q.state, q.priority, q.owner),
        (QuestionState::NotYet, Priority::Normal, Role::Specialist)
    );
    assert_eq!(s.questions[1].asker, Asker::Companion);
    assert_eq!(s.next_question_id("s"), "s1");
    assert_eq!(s.next_question_id("q"), "q5");
}

#[test]
fn an_old_file_without_the_new_fields_loads_with_ids() {
    let (_dir, store) = temp_store();
    let mut s = session();
    let path = common::create(&store, &mut s).unwrap();
    // The file as the first version wrote it: questions with text and asked_by only.
    let text = fs::read_to_string(&path).unwrap();
    let old: String = text
        .lines()
        .filter(|line| {
            !["id = \"q", "asker =", "priority =", "state ="]
                .iter()
                .any(|key| line.starts_with(key))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(!old.contains("id = \"q1\""));
    fs::write(&path, old).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(ids(&loaded), ["q1", "q2"]);
    assert_eq!(loaded.questions[1].text, s.questions[1].text);
    assert_eq!(loaded.questions[1].state, QuestionState::NotYet);
}

#[test]
fn duplicate_ids_in_a_hand_edited_file_are_made_unique() {
    let mut s = four_questions();
    s.questions[2].id = "q1".into();
    s.questions[3].id = String::new();
    s.ensure_question_ids();
    // The first q1 keeps its id; the second, and the one without, get the next free ones.
    assert_eq!(ids(&s), ["q1", "q2", "q3", "q4"]);
}

#[test]
fn answered_records_the_time_and_reopening_clears_it() {
    let mut s = session();
    assert!(s.set_question_state("q1", QuestionState::Answered, at(3, 0)));
    assert_eq!(s.questions[0].answered_at, Some(at(3, 0)));
    assert!(
        !s.set_question_state("q1", QuestionState::Answered, at(4, 0)),
        "already answered: nothing changes, the first time stays"
    );
    assert_eq!(s.questions[0].answered_at, Some(at(3, 0)));
    assert!(s.set_question_state("q1", QuestionState::Asked, at(5, 0)));
    assert_eq!(s.questions[0].answered_at, None);
    assert!(s.set_question_state("q1", QuestionState::ForPrimaryPhysician, at(6, 0)));
    assert!(!s.questions[0].state.is_open());
    assert!(!s.set_question_state("nope", QuestionState::Skipped, at(6, 0)));
}

#[test]
fn making_a_question_current_marks_it_asked_and_closing_it_stops_its_timing() {
    let mut s = session();
    assert!(s.set_current(Some("q2"), at(1, 0)));
    assert_eq!(s.current_question(), Some("q2"));
    assert_eq!(s.questions[1].state, QuestionState::Asked);
    assert!(!s.set_current(Some("q2"), at(1, 5)), "already current");
    assert!(!s.set_current(Some("missing"), at(1, 5)));
    s.set_question_state("q2", QuestionState::Skipped, at(2, 0));
    assert_eq!(s.current_question(), None);
}

#[test]
fn one_key_answers_the_current_question_and_moves_to_the_next_open_one() {
    let mut s = four_questions();
    s.set_question_state("q2", QuestionState::Skipped, at(0, 0));
    assert_eq!(
        s.answer_current_and_advance(at(1, 0)),
        Advance::Started("q1".into())
    );
    assert_eq!(
        s.answer_current_and_advance(at(4, 0)),
        Advance::Next {
            answered: "q1".into(),
            next: "q3".into()
        },
        "the skipped question is passed over"
    );
    assert_eq!(s.questions[0].state, QuestionState::Answered);
    assert_eq!(s.questions[0].answered_at, Some(at(4, 0)));
    // Back to q1's place: the next open one after it wraps round past the end.
    s.set_question_state("q1", QuestionState::NotYet, at(5, 0));
    s.set_current(Some("q4"), at(5, 0));
    assert_eq!(
        s.answer_current_and_advance(at(6, 0)),
        Advance::Next {
            answered: "q4".into(),
            next: "q1".into()
        }
    );
    assert_eq!(
        s.answer_current_and_advance(at(7, 0)),
        Advance::Next {
            answered: "q1".into(),
            next: "q3".into()
        },
        "q3 was asked but never answered: still open"
    );
    assert_eq!(
        s.answer_current_and_advance(at(8, 0)),
        Advance::Finished {
            answered: "q3".into()
        }
    );
    assert_eq!(s.current_question(), None);
    assert_eq!(s.answer_current_and_advance(at(9, 0)), Advance::NothingOpen);
}

#[test]
fn questions_move_up_and_down_and_stop_at_the_ends() {
    let mut s = four_questions();
    assert!(!s.move_question("q1", true));
    assert!(s.move_question("q1", false));
    assert!(s.move_question("q4", true));
    assert_eq!(ids(&s), ["q2", "q1", "q4", "q3"]);
    assert!(!s.move_question("q3", false));
}

#[test]
fn a_deleted_question_keeps_its_answers_and_its_id_is_never_reused() {
    let mut s = four_questions();
    s.set_current(Some("q4"), at(1, 0));
    s.question_mut("q4").unwrap().companion_answer = "二週間以内".into();
    assert!(s.delete_question("q4", at(2, 0)));
    assert_eq!(
        s.current_question(),
        None,
        "deleting the current one stops it"
    );
    assert_eq!(ids(&s), ["q1", "q2", "q3"]);
    assert_eq!(s.deleted_questions[0].companion_answer, "二週間以内");
    assert_eq!(s.next_question_id("q"), "q5");
    assert!(!s.delete_question("q4", at(3, 0)));
}

#[test]
fn time_per_question_counts_only_while_it_was_current_and_the_clock_ran() {
    let mut s = four_questions();
    // Marked current before the start: counted from the start.
    s.set_current(Some("q1"), at(-2, 0));
    s.toggle_clock(at(0, 0)).unwrap();
    s.pause_clock(at(3, 0), None).unwrap();
    s.toggle_clock(at(5, 0)).unwrap(); // resume
    s.answer_current_and_advance(at(7, 0)); // q1 answered, q2 current
    assert_eq!(s.time_on_question("q1", at(7, 0)), minutes(5));
    assert_eq!(s.time_on_question("q2", at(10, 0)), minutes(3));
    // q1 again later: its time adds up.
    s.set_current(Some("q1"), at(10, 0));
    s.set_current(Some("q2"), at(11, 30));
    assert_eq!(
        s.time_on_question("q1", at(20, 0)),
        minutes(6) + TimeDelta::seconds(30)
    );
    s.end(at(15, 0)).unwrap();
    assert_eq!(
        s.time_on_question("q2", at(40, 0)),
        minutes(3) + minutes(3) + TimeDelta::seconds(30),
        "nothing counts after the end"
    );
    assert_eq!(s.time_on_question("q3", at(40, 0)), TimeDelta::zero());
}

#[test]
fn current_marks_never_go_backwards_when_the_wall_clock_does() {
    let mut s = session();
    s.toggle_clock(at(0, 0)).unwrap();
    s.set_current(Some("q1"), at(5, 0));
    s.set_current(Some("q2"), at(4, 0));
    assert_eq!(s.current_log[1].at, at(5, 0));
    assert_eq!(s.time_on_question("q1", at(9, 0)), TimeDelta::zero());
    assert_eq!(s.time_on_question("q2", at(9, 0)), minutes(4));
}

#[test]
fn pacing_shares_the_time_left_among_the_open_questions() {
    let mut s = four_questions();
    let p = s.pacing(at(0, 0));
    assert_eq!((p.open, p.per_question), (4, Some(minutes(30) / 4)));
    s.toggle_clock(at(0, 0)).unwrap();
    s.set_question_state("q1", QuestionState::Answered, at(5, 0));
    s.set_question_state("q2", QuestionState::ForPrimaryPhysician, at(5, 0));
    let p = s.pacing(at(10, 0));
    assert_eq!(p.open, 2);
    assert_eq!(p.remaining, minutes(20));
    assert_eq!(p.per_question, Some(minutes(10)));
    let p = s.pacing(at(31, 0));
    assert_eq!(p.per_question, None, "no time left to share");
    s.set_question_state("q3", QuestionState::Answered, at(31, 0));
    s.set_question_state("q4", QuestionState::Skipped, at(31, 0));
    assert_eq!(s.pacing(at(31, 0)).open, 0);
    assert_eq!(s.pacing(at(31, 0)).per_question, None);
}

#[test]
fn unasked_high_priority_questions_stand_out_from_the_first_warning() {
    let warn = [10, 5];
    let mut s = four_questions();
    s.questions[2].priority = Priority::High;
    s.questions[3].priority = Priority::High;
    s.toggle_clock(at(0, 0)).unwrap();
    s.set_current(Some("q4"), at(1, 0));
    assert_eq!(s.pacing(at(1, 0)).high_not_asked, 1);
    let level = s.urgency(at(19, 59), &warn);
    assert_eq!(level, Urgency::Calm);
    assert!(!stands_out(&s.questions[2], level));
    let level = s.urgency(at(20, 0), &warn);
    assert!(stands_out(&s.questions[2], level), "high, not yet asked");
    assert!(!stands_out(&s.questions[3], level), "already asked");
    assert!(!stands_out(&s.questions[0], level), "normal priority");
    s.end(at(21, 0)).unwrap();
    assert_eq!(s.urgency(at(22, 0), &warn), Urgency::Calm);
}

// ---- The two terminals ----

/// The specialist's terminal and the companion's, each with its own copy of the session,
/// exchanging files as the app does: the specialist's session file and the companion's part.
struct TwoTerminals {
    specialist: Session,
    companion: Session,
    part: CompanionPart,
}

impl TwoTerminals {
    fn new(s: Session) -> Self {
        let part = CompanionPart::of(&s, &CompanionPart::empty(&s.id));
        TwoTerminals {
            companion: s.clone(),
            specialist: s,
            part,
        }
    }

    /// Each saves its own file, then reads the other's: as two ticks that cross.
    fn exchange(&mut self) {
        let main_file = self.specialist.clone();
        self.part = CompanionPart::of(&self.companion, &self.part);
        roles::apply(&mut self.specialist, &self.part);
        self.companion = roles::merge(main_file, &self.part);
    }

    fn converged(&self) -> bool {
        self.specialist == self.companion
    }
}

#[test]
fn both_typing_at_the_same_moment_keeps_every_word_on_both_terminals() {
    let mut t = TwoTerminals::new(session());
    // In the same second: the specialist rewords q1 and answers it; the companion answers
    // q2, and also q1.
    let q1 = t.specialist.question_mut("q1").unwrap();
    q1.text.push_str("（放射線治療を含めて）");
    q1.answer = "化学放射線療法が選択肢".into();
    t.specialist
        .set_question_state("q1", QuestionState::Answered, at(3, 0));
    t.companion.question_mut("q2").unwrap().companion_answer = "休職せずに通院できる".into();
    t.companion.question_mut("q1").unwrap().companion_answer = "放射線も検討できる".into();
    t.exchange();
    for s in [&t.specialist, &t.companion] {
        let q1 = s.question("q1").unwrap();
        assert!(q1.text.ends_with("（放射線治療を含めて）"));
        assert_eq!(q1.answer, "化学放射線療法が選択肢");
        assert_eq!(q1.companion_answer, "放射線も検討できる");
        assert_eq!(q1.state, QuestionState::Answered);
        assert_eq!(
            q1.full_answer(),
            "化学放射線療法が選択肢\n放射線も検討できる"
        );
        assert_eq!(
            s.question("q2").unwrap().companion_answer,
            "休職せずに通院できる"
        );
    }
    assert!(t.converged());
}

#[test]
fn the_merge_is_idempotent_and_leaves_the_specialists_fields_alone() {
    let mut t = TwoTerminals::new(four_questions());
    t.companion.question_mut("q3").unwrap().companion_answer = "自費で約3万円".into();
    t.exchange();
    let once = t.specialist.clone();
    assert!(!roles::apply(&mut t.specialist, &t.part), "nothing new");
    assert_eq!(t.specialist, once);
    // The companion's copy of the specialist's fields is stale; the part cannot touch them.
    t.companion.questions.swap(0, 1);
    t.companion.memo = "companion should not write this".into();
    t.exchange();
    assert_eq!(ids(&t.specialist), ["q1", "q2", "q3", "q4"]);
    assert_eq!(t.specialist.memo, once.memo);
    assert!(t.converged(), "and the companion's view is put right");
}

#[test]
fn a_question_added_on_the_companions_terminal_joins_the_session() {
    let mut t = TwoTerminals::new(session());
    let question = Question {
        owner: Role::Companion,
        priority: Priority::High,
        ..Question::new(
            "セカンドオピニオンの結果は主治医にどう伝わりますか。",
            Asker::Companion,
            "妻 試験 花子",
        )
    };
    let id = t
        .companion
        .add_question(question, Role::Companion.id_prefix());
    assert_eq!(id, "c1");
    t.companion.question_mut("c1").unwrap().companion_answer = "報告書を郵送".into();
    // Meanwhile the specialist adds one too: the prefixes keep the ids apart.
    let mine = t.specialist.add_question(
        Question::new("痛みはありますか。", Asker::Specialist, ""),
        "s",
    );
    assert_eq!(mine, "s1");
    t.exchange();
    assert_eq!(ids(&t.specialist), ["q1", "q2", "s1", "c1"]);
    let c1 = t.specialist.question("c1").unwrap();
    assert_eq!(
        (c1.owner, c1.priority, c1.companion_answer.as_str()),
        (Role::Companion, Priority::High, "報告書を郵送")
    );
    t.exchange();
    assert!(t.converged());
    // The specialist orders and prioritises it; the companion corrects its wording.
    t.specialist.move_question("c1", true);
    t.specialist.question_mut("c1").unwrap().priority = Priority::Low;
    t.companion.question_mut("c1").unwrap().text = "結果は主治医にどう伝わりますか。".into();
    t.exchange();
    for s in [&t.specialist, &t.companion] {
        assert_eq!(ids(s), ["q1", "q2", "c1", "s1"]);
        let c1 = s.question("c1").unwrap();
        assert_eq!(c1.priority, Priority::Low);
        assert_eq!(c1.text, "結果は主治医にどう伝わりますか。");
    }
}

#[test]
fn a_question_deleted_by_the_specialist_stays_deleted_with_the_companions_words() {
    let mut t = TwoTerminals::new(session());
    t.companion.question_mut("q2").unwrap().companion_answer = "続けられる".into();
    t.exchange();
    t.specialist.delete_question("q2", at(1, 0));
    // The companion types more before it sees the deletion.
    t.companion.question_mut("q2").unwrap().companion_answer = "続けられる、ただし".into();
    t.exchange();
    t.exchange();
    for s in [&t.specialist, &t.companion] {
        assert_eq!(ids(s), ["q1"]);
        assert_eq!(
            s.deleted_questions[0].companion_answer,
            "続けられる、ただし"
        );
    }
    assert!(
        t.part.answer("q2").is_some(),
        "still in the companion's file"
    );
    assert!(t.converged());
}

#[test]
fn clearing_an_answer_on_the_companions_terminal_clears_it_everywhere() {
    let mut t = TwoTerminals::new(session());
    t.companion.question_mut("q1").unwrap().companion_answer = "まちがい".into();
    t.exchange();
    t.companion
        .question_mut("q1")
        .unwrap()
        .companion_answer
        .clear();
    t.exchange();
    assert_eq!(t.specialist.question("q1").unwrap().companion_answer, "");
}

#[test]
fn answers_to_a_question_the_session_does_not_know_are_carried_over() {
    let s = session();
    let mut previous = CompanionPart::empty(&s.id);
    previous.answers.push(roles::CompanionAnswer {
        question: "s9".into(),
        text: "一時的に見えない質問への回答".into(),
    });
    let part = CompanionPart::of(&s, &previous);
    assert_eq!(part.answer("s9"), Some("一時的に見えない質問への回答"));
    let mut later = s.clone();
    later.add_question(Question::new("x", Asker::Specialist, ""), "s");
    for _ in 1..9 {
        later.add_question(Question::new("y", Asker::Specialist, ""), "s");
    }
    let merged = roles::merge(later, &part);
    assert_eq!(
        merged.question("s9").unwrap().companion_answer,
        "一時的に見えない質問への回答"
    );
}

#[test]
fn questions_imported_into_the_file_while_the_app_is_open_are_adopted() {
    let mut open = session();
    open.add_question(
        Question::new("typed on the terminal", Asker::Specialist, ""),
        "s",
    );
    let mut on_disk = session();
    on_disk.add_question(Question::new("imported", Asker::Patient, ""), "i");
    assert_eq!(adopt_new_questions(&mut open, &on_disk), 1);
    assert_eq!(ids(&open), ["q1", "q2", "s1", "i1"]);
    assert_eq!(adopt_new_questions(&mut open, &on_disk), 0);
}

#[test]
fn the_session_file_holds_the_merged_view_and_load_returns_it() {
    let (_dir, store) = temp_store();
    let mut s = session();
    let path = common::create(&store, &mut s).unwrap();
    let mut companion = store::load(&path).unwrap();
    companion.question_mut("q1").unwrap().companion_answer = "手術も可能".into();
    let part = CompanionPart::of(&companion, &CompanionPart::empty(&s.id));
    let part_path = store::part_path(&path);
    assert_eq!(
        part_path.file_name().unwrap(),
        "2026-11-21-01.companion.toml"
    );
    store::save_part(&part_path, &part).unwrap();
    assert_eq!(
        store::load_main(&path).unwrap().questions[0].companion_answer,
        ""
    );
    assert_eq!(
        store::load(&path).unwrap().questions[0].companion_answer,
        "手術も可能"
    );
    assert_eq!(store.list().unwrap().len(), 1, "the part is not a session");
    // A part that belongs to another session is refused, naming the file and field, and
    // the session is read without it.
    let text = fs::read_to_string(&part_path)
        .unwrap()
        .replace("2026-11-21-01", "2026-11-21-02");
    fs::write(&part_path, text).unwrap();
    assert_eq!(
        store::load(&path).unwrap().questions[0].companion_answer,
        ""
    );
    let err = store::load_part(&part_path, &s.id).unwrap_err();
    assert_eq!(err.path, part_path);
    assert_eq!(err.field.as_deref(), Some("session"));
    assert_eq!(err.line, Some(2));
    assert_eq!(
        err.problem,
        sonote::tomlfile::Problem::NotOurs(Box::new(("2026-11-21-02".into(), s.id.clone())))
    );
}

// ---- Importing a plain list ----

#[test]
fn importing_a_list_adds_new_questions_once() {
    let mut s = session();
    let listed = sonote::model::question::parse_question_list(
        "# 家族で話し合ったこと\n手術以外の治療法はありますか。\n!費用はいくらですか\n費用はいくらですか\n",
    );
    let (added, skipped) =
        s.import_questions(&listed, "i", Role::Specialist, Asker::Companion, "長男");
    assert_eq!(
        (added, skipped),
        (1, 2),
        "one already there, one twice in the file"
    );
    let q = s.question("i1").unwrap();
    assert_eq!(
        (q.priority, q.asker, q.asked_by.as_str()),
        (Priority::High, Asker::Companion, "長男")
    );
}

#[test]
fn a_bad_question_file_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let err = sonote::core::import::read_question_file(&missing).unwrap_err();
    assert!(
        err.to_string().starts_with(&missing.display().to_string()),
        "{err}"
    );

    let sjis = dir.path().join("sjis.txt");
    // "質問" in Shift_JIS on the second line.
    fs::write(&sjis, b"first question\n\x8e\xbf\x96\xe2\n").unwrap();
    let err = sonote::core::import::read_question_file(&sjis).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.to_string().contains("UTF-8"), "{err}");

    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "# only a comment\n\n").unwrap();
    assert!(sonote::core::import::read_question_file(&empty).is_err());

    let good = dir.path().join("good.txt");
    fs::write(&good, "\u{feff}一つ目\r\n二つ目\r\n").unwrap();
    let listed = sonote::core::import::read_question_file(&good).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].line, 2);
}
