//! FHIR JSON text: pretty-printed like `serde_json`, but with `resourceType` and `meta`
//! first in every object, where readers of FHIR look for them, and the long lists of
//! children (`entry`, `section`) last; the other keys keep serde_json's sorted order, which
//! makes the bytes deterministic.

use serde_json::Value;

/// Two spaces per level, a newline at the end.
pub(super) fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out.push('\n');
    out
}

fn write(value: &Value, depth: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            let mut keys: Vec<(&String, &Value)> = map.iter().collect();
            keys.sort_by_key(|(key, _)| rank(key));
            let count = keys.len();
            for (i, (key, value)) in keys.into_iter().enumerate() {
                indent(depth + 1, out);
                out.push_str(&scalar(&Value::String(key.clone())));
                out.push_str(": ");
                write(value, depth + 1, out);
                if i + 1 < count {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(depth + 1, out);
                write(item, depth + 1, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push(']');
        }
        other => out.push_str(&scalar(other)),
    }
}

/// Where a key goes: the sort is stable, so keys of one rank keep their sorted order.
fn rank(key: &str) -> u8 {
    match key {
        "resourceType" => 0,
        "meta" => 1,
        "entry" | "section" => 3,
        _ => 2,
    }
}

/// A string, number, boolean, null or empty container, as serde_json writes it.
fn scalar(value: &Value) -> String {
    // Serializing a JSON value to a string cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resource_type_comes_first_and_the_text_reads_back_the_same() {
        let value = json!({ "a": [1, {"z": "\"x\"\n", "resourceType": "P"}], "b": {}, "c": [] });
        let text = pretty(&value);
        assert!(text.contains("{\n      \"resourceType\": \"P\",\n      \"z\""));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
