//! What changed between two states of a case, field by field: the audit trail a
//! contested decision needs ("who changed this rating, when, from what").
//!
//! Cases are compared as JSON: objects key by key, lists of items that have an `id`
//! (evidence, specialists' input) item by item, anything else as a whole value.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Change {
    /// Where, as a path such as `/ratings/engineering/e4/owns-the-architecture/reason`
    /// or `/evidence/ev-3/outcome`.
    pub path: String,
    /// The value before, absent when the field was added.
    #[ts(type = "unknown")]
    pub old: Option<Value>,
    /// The value after, absent when the field was removed.
    #[ts(type = "unknown")]
    pub new: Option<Value>,
}

/// A time in seconds since 1970 as RFC 3339 in UTC (`2026-11-25T19:45:00Z`), for the
/// history; the caller reads the clock.
pub fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // The civil date of a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// The changes that turn `old` into `new`.
pub fn changes(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk(String::new(), Some(old), Some(new), &mut out);
    out
}

fn escape(key: &str) -> String {
    // JSON Pointer escaping, so that IDs with `/` stay one segment.
    key.replace('~', "~0").replace('/', "~1")
}

fn by_id(items: &[Value]) -> Option<Vec<(&str, &Value)>> {
    items
        .iter()
        .map(|item| item.get("id").and_then(Value::as_str).map(|id| (id, item)))
        .collect()
}

fn walk(path: String, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<Change>) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (key, value) in a {
                walk(
                    format!("{path}/{}", escape(key)),
                    Some(value),
                    b.get(key),
                    out,
                );
            }
            for (key, value) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                walk(format!("{path}/{}", escape(key)), None, Some(value), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a != b => match (by_id(a), by_id(b)) {
            (Some(a), Some(b)) if !a.is_empty() || !b.is_empty() => {
                for (id, item) in &a {
                    let after = b.iter().find(|(other, _)| other == id).map(|(_, v)| *v);
                    walk(format!("{path}/{}", escape(id)), Some(item), after, out);
                }
                for (id, item) in b.iter().filter(|(id, _)| !a.iter().any(|(o, _)| o == id)) {
                    walk(format!("{path}/{}", escape(id)), None, Some(item), out);
                }
            }
            _ => out.push(Change {
                path,
                old: old.cloned(),
                new: new.cloned(),
            }),
        },
        (a, b) if a != b => out.push(Change {
            path,
            old: a.cloned(),
            new: b.cloned(),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn times_read_as_rfc_3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_635_900), "2026-11-25T19:45:00Z");
    }

    #[test]
    fn fields_are_compared_one_by_one_and_lists_by_id() {
        let old = json!({
            "recommendation": null,
            "ratings": {"t/l/a": {"rating": "meets", "reason": ""}},
            "evidence": [{"id": "ev-1", "what": "Led the launch", "outcome": ""}],
            "deciders": ["Ana"]
        });
        let new = json!({
            "recommendation": "promote",
            "ratings": {"t/l/a": {"rating": "meets", "reason": "two launches"}},
            "evidence": [
                {"id": "ev-1", "what": "Led the launch", "outcome": "on time"},
                {"id": "ev-2", "what": "Mentored Bo"}
            ],
            "deciders": ["Ana", "Cy"]
        });
        let mut paths: Vec<(String, Option<Value>, Option<Value>)> = changes(&old, &new)
            .into_iter()
            .map(|c| (c.path, c.old, c.new))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            paths,
            [
                (
                    "/deciders".into(),
                    Some(json!(["Ana"])),
                    Some(json!(["Ana", "Cy"]))
                ),
                (
                    "/evidence/ev-1/outcome".into(),
                    Some(json!("")),
                    Some(json!("on time"))
                ),
                (
                    "/evidence/ev-2".into(),
                    None,
                    Some(json!({"id": "ev-2", "what": "Mentored Bo"}))
                ),
                (
                    "/ratings/t~1l~1a/reason".into(),
                    Some(json!("")),
                    Some(json!("two launches"))
                ),
                (
                    "/recommendation".into(),
                    Some(Value::Null),
                    Some(json!("promote"))
                ),
            ]
        );
        assert!(changes(&new, &new).is_empty());
    }
}
