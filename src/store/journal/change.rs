//! What changed between two states of a file, as a short list of edits that can be applied
//! again: the journal's "what". Pure; works on JSON values, so it serves the session and
//! the companion's part alike.
//!
//! Text is recorded as a splice (where, how many characters out, what in), so typing at the
//! end of 25 KB of notes costs the characters typed, not the notes; lists likewise splice
//! whole items; anything else is set whole.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One step into a value: a table's key or a list's index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// One edit, at a path from the top of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub at: Vec<Step>,
    #[serde(flatten)]
    pub edit: Edit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edit {
    /// The value at the path, whole (a key added, or a value of another kind).
    Set(Value),
    /// The key at the path removed.
    Unset(bool),
    /// Text: from this character, so many characters out, this text in.
    Text(usize, usize, String),
    /// A list: from this index, so many items out, these items in.
    Items(usize, usize, Vec<Value>),
}

/// The edits that turn `old` into `new` (none when they are equal).
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    diff_into(&mut Vec::new(), old, new, &mut changes);
    changes
}

fn diff_into(at: &mut Vec<Step>, old: &Value, new: &Value, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let change = |at: &[Step], edit| Change {
        at: at.to_vec(),
        edit,
    };
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => {
            for (key, old_value) in old {
                at.push(Step::Key(key.clone()));
                match new.get(key) {
                    Some(new_value) => diff_into(at, old_value, new_value, out),
                    None => out.push(change(at, Edit::Unset(true))),
                }
                at.pop();
            }
            for (key, new_value) in new {
                if !old.contains_key(key) {
                    at.push(Step::Key(key.clone()));
                    out.push(change(at, Edit::Set(new_value.clone())));
                    at.pop();
                }
            }
        }
        (Value::Array(old), Value::Array(new)) if old.len() == new.len() => {
            // Same length: an item edited in place (an answer typed) is recorded inside it.
            for (index, (old_item, new_item)) in old.iter().zip(new).enumerate() {
                at.push(Step::Index(index));
                diff_into(at, old_item, new_item, out);
                at.pop();
            }
        }
        (Value::Array(old), Value::Array(new)) => {
            let (from, out_count, within) = splice_bounds(old, new);
            out.push(change(
                at,
                Edit::Items(from, out_count, new[from..from + within].to_vec()),
            ));
        }
        (Value::String(old), Value::String(new)) => {
            let old: Vec<char> = old.chars().collect();
            let new: Vec<char> = new.chars().collect();
            let (from, out_count, within) = splice_bounds(&old, &new);
            let inserted = new[from..from + within].iter().collect();
            out.push(change(at, Edit::Text(from, out_count, inserted)));
        }
        _ => out.push(change(at, Edit::Set(new.clone()))),
    }
}

/// The one stretch where `old` and `new` differ: its start, its length in `old`, and its
/// length in `new` (what is equal at both ends stays out).
fn splice_bounds<T: PartialEq>(old: &[T], new: &[T]) -> (usize, usize, usize) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    (
        prefix,
        old.len() - prefix - suffix,
        new.len() - prefix - suffix,
    )
}

/// Why a change could not be applied: the value is not the one the change was made on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch(pub String);

/// Apply `changes` to `value`, in order.
pub fn apply(value: &mut Value, changes: &[Change]) -> Result<(), Mismatch> {
    for change in changes {
        apply_one(value, change)?;
    }
    Ok(())
}

fn apply_one(value: &mut Value, change: &Change) -> Result<(), Mismatch> {
    let missing = || Mismatch(format!("{} is not there", path_text(&change.at)));
    let (last, parents) = match change.at.split_last() {
        Some(split) => split,
        None => return edit_in_place(value, &change.edit).ok_or_else(missing),
    };
    let mut parent = value;
    for step in parents {
        parent = child(parent, step).ok_or_else(missing)?;
    }
    match (&change.edit, last, parent) {
        (Edit::Unset(_), Step::Key(key), Value::Object(map)) => {
            map.remove(key).map(drop).ok_or_else(missing)
        }
        (Edit::Set(new), Step::Key(key), Value::Object(map)) => {
            map.insert(key.clone(), new.clone());
            Ok(())
        }
        (edit, step, parent) => {
            let target = child(parent, step).ok_or_else(missing)?;
            edit_in_place(target, edit).ok_or_else(missing)
        }
    }
}

fn child<'v>(value: &'v mut Value, step: &Step) -> Option<&'v mut Value> {
    match (value, step) {
        (Value::Object(map), Step::Key(key)) => map.get_mut(key),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    }
}

fn edit_in_place(target: &mut Value, edit: &Edit) -> Option<()> {
    match (edit, target) {
        (Edit::Set(new), target) => *target = new.clone(),
        (Edit::Text(from, count, inserted), Value::String(text)) => {
            let start = char_offset(text, *from)?;
            let end = start + char_offset(&text[start..], *count)?;
            text.replace_range(start..end, inserted);
        }
        (Edit::Items(from, count, inserted), Value::Array(items)) => {
            let end = from.checked_add(*count).filter(|end| *end <= items.len())?;
            items.splice(*from..end, inserted.iter().cloned());
        }
        _ => return None,
    }
    Some(())
}

/// The byte offset of character `chars` in `text` (its end when `chars` is its length).
fn char_offset(text: &str, chars: usize) -> Option<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .nth(chars)
}

/// A path as a reader writes it: `questions[3].answer`.
pub fn path_text(at: &[Step]) -> String {
    let mut text = String::new();
    for step in at {
        match step {
            Step::Key(key) if text.is_empty() => text.push_str(key),
            Step::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(old: Value, new: Value) -> Vec<Change> {
        let changes = diff(&old, &new);
        let mut applied = old.clone();
        apply(&mut applied, &changes).unwrap();
        assert_eq!(applied, new, "{changes:?}");
        // And through the journal's text form.
        let text = serde_json::to_string(&changes).unwrap();
        let read: Vec<Change> = serde_json::from_str(&text).unwrap();
        assert_eq!(read, changes, "{text}");
        changes
    }

    #[test]
    fn typing_at_the_end_records_only_what_was_typed() {
        let memo = "所見".repeat(10_000);
        let changes = round_trip(
            json!({ "memo": memo }),
            json!({ "memo": memo.clone() + "あい" }),
        );
        assert_eq!(
            changes,
            vec![Change {
                at: vec![Step::Key("memo".into())],
                edit: Edit::Text(20_000, 0, "あい".into()),
            }]
        );
    }

    #[test]
    fn an_answer_in_a_list_is_recorded_inside_its_question() {
        let old = json!({ "questions": [{ "text": "a", "answer": "" }, { "text": "b" }] });
        let new = json!({ "questions": [{ "text": "a", "answer": "はい" }, { "text": "b" }] });
        let changes = round_trip(old, new);
        assert_eq!(path_text(&changes[0].at), "questions[0].answer");
    }

    #[test]
    fn lists_growing_and_shrinking_splice_items() {
        round_trip(json!([1, 2, 3]), json!([1, 9, 9, 3]));
        round_trip(json!([1, 2, 3]), json!([3]));
        round_trip(json!([]), json!([{ "a": 1 }]));
        round_trip(json!([1, 1, 1]), json!([1, 1]));
    }

    #[test]
    fn keys_come_and_go_and_kinds_change() {
        round_trip(json!({ "a": 1, "b": 2 }), json!({ "b": "x", "c": [1] }));
        round_trip(json!({ "a": { "b": null } }), json!({ "a": 5 }));
        round_trip(json!("x"), json!(3));
    }

    #[test]
    fn a_change_on_another_value_is_a_mismatch_not_a_panic() {
        let changes = diff(&json!({ "t": "abc" }), &json!({ "t": "abXc" }));
        assert!(apply(&mut json!({ "t": "" }), &changes).is_err());
        assert!(apply(&mut json!({ "u": "abc" }), &changes).is_err());
        let items = diff(&json!([1, 2, 3]), &json!([1]));
        assert!(apply(&mut json!([]), &items).is_err());
    }

    /// Random pairs of values built from one alphabet, so that they share and differ in
    /// every way: diff then apply gives the new value back.
    #[test]
    fn diff_then_apply_gives_the_new_value_for_random_values() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        fn value(next: &mut impl FnMut(u64) -> u64, depth: u32) -> Value {
            let text = |next: &mut dyn FnMut(u64) -> u64| {
                (0..next(6))
                    .map(|_| ['a', 'b', '見', '\n', '😀'][next(5) as usize])
                    .collect::<String>()
            };
            match next(if depth > 2 { 3 } else { 5 }) {
                0 => Value::from(next(3)),
                1 | 2 => Value::String(text(next)),
                3 => Value::Array((0..next(4)).map(|_| value(next, depth + 1)).collect()),
                _ => Value::Object(
                    (0..next(4))
                        .map(|_| {
                            (
                                ["a", "b", "c"][next(3) as usize].to_string(),
                                value(next, depth + 1),
                            )
                        })
                        .collect(),
                ),
            }
        }
        for _ in 0..5_000 {
            let old = value(&mut next, 0);
            let new = value(&mut next, 0);
            round_trip(old.clone(), new.clone());
            round_trip(new, old);
        }
    }
}
