//! What changed between two states of a case, field by field: the audit trail a
//! contested decision needs ("who changed this rating, when, from what").
//!
//! Cases are compared as JSON: objects key by key, lists of items that have an `id`
//! (evidence, specialists' input) item by item, anything else as a whole value.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// The path of the history entries that moving a case to the trash and out of it write
/// (`trash.rs`); their value says which.
pub const TRASH: &str = "/trash";

/// The value of the trash entry a deletion writes.
pub const DELETED: &str = "deleted";

/// The value of the trash entry a restoration writes.
pub const RESTORED: &str = "restored";

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

/// A change in words a person reads: where (the evidence, rating or section by its
/// words, never its id) and what it became, such as
/// `rating of “Leads the design side of the team's plan…”: not rated → Meets — the test`.
pub fn describe(case: &super::Case, change: &Change) -> String {
    if change.path.is_empty() {
        return "case started".to_owned();
    }
    if change.path == TRASH {
        let restored = change.new.as_ref().and_then(Value::as_str) == Some(RESTORED);
        return if restored {
            "restored from the trash"
        } else {
            "deleted (moved to the trash)"
        }
        .to_owned();
    }
    let parts: Vec<String> = change
        .path
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let value = change.new.as_ref().or(change.old.as_ref());
    fn field(f: &str) -> &str {
        match f {
            "what" => "what happened",
            "outcome" => "what came of it",
            // Entries stored before the field was renamed say `source`.
            "reported_by" | "source" => "reported by",
            "expectations" => "supports",
            "said" => "what they said",
            "craft" => "their craft",
            "rationale" => "rationale",
            "dissent" => "dissent",
            "deciders" => "who decided",
            "promote" => "promotes",
            "against_rule" => "reason for going against the promotion rule",
            other => other,
        }
    }
    let quoted = |text: &str| format!("“{}”", super::names::short(text, 60));
    if let Some(said) = describe_record(case, &parts, change) {
        return said;
    }
    let mut place = match parts.first().map(String::as_str) {
        Some("evidence") => {
            let id = parts.get(1).map_or("", String::as_str);
            let what = case
                .evidence
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.what.clone())
                .or_else(|| {
                    value
                        .and_then(|v| v.get("what"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                });
            what.map_or_else(
                || "evidence since removed".to_owned(),
                |w| format!("evidence {}", quoted(&w)),
            )
        }
        Some(head @ ("ratings" | "self_ratings")) => {
            let id = parts.get(1).map_or("", String::as_str);
            let whose = if head == "ratings" {
                "rating"
            } else {
                "self-rating"
            };
            format!("{whose} of “{}”", super::names::expectation(case, id))
        }
        Some("specialists") => {
            let id = parts.get(1).map_or("", String::as_str);
            let who = case
                .specialists
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.who.clone())
                .or_else(|| {
                    value
                        .and_then(|v| v.get("who"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                });
            who.map_or_else(
                || "specialist input".to_owned(),
                |w| format!("input from {w}"),
            )
        }
        Some(other) => other.replace('_', " "),
        None => String::new(),
    };
    // A whole piece of evidence or input added or removed says so, by its words.
    if parts.len() == 2 && matches!(parts[0].as_str(), "evidence" | "specialists") {
        let what = if change.old.is_none() {
            "added"
        } else if change.new.is_none() {
            "removed"
        } else {
            "changed"
        };
        let from = value
            .and_then(|v| v.get("reported_by").or_else(|| v.get("source")))
            .and_then(|r| serde_json::from_value::<super::Reporter>(r.clone()).ok())
            .map(|r| format!(", reported by {}", r.reader()))
            .unwrap_or_default();
        return format!("{place} {what}{from}");
    }
    let skip = match parts.first().map(String::as_str) {
        Some("evidence" | "ratings" | "self_ratings" | "specialists") => 2,
        _ => 1,
    };
    for rest in parts.iter().skip(skip) {
        place.push_str(", ");
        place.push_str(field(rest));
    }
    format!(
        "{place}: {} → {}",
        describe_value(case, change.old.as_ref()),
        describe_value(case, change.new.as_ref())
    )
}

/// The records calibration and review keep, as lists that only grow or are replaced
/// whole, in words: the entry a change added, not the whole list.
fn describe_record(case: &super::Case, parts: &[String], change: &Change) -> Option<String> {
    let [head] = parts else {
        return None;
    };
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let old_len = change
        .old
        .as_ref()
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let added = change
        .new
        .as_ref()
        .and_then(Value::as_array)
        .filter(|items| items.len() >= old_len)
        .and_then(|items| items.last());
    let scale = |v: Option<&Value>| describe_value(case, v);
    match head.as_str() {
        "owner" => Some(format!(
            "case owner: {} → {}",
            describe_value(case, change.old.as_ref()),
            describe_value(case, change.new.as_ref())
        )),
        "period" => {
            let period = |v: Option<&Value>| match v {
                Some(v @ Value::Object(_)) => format!("{} to {}", text(v, "from"), text(v, "to")),
                _ => "—".to_owned(),
            };
            Some(format!(
                "review period: {} → {}",
                period(change.old.as_ref()),
                period(change.new.as_ref())
            ))
        }
        "recalibrations" => added.map(|c| {
            format!(
                "rating of “{}” changed in calibration: {} → {} — {}",
                super::names::expectation(case, &text(c, "expectation")),
                scale(c.get("before")),
                scale(c.get("after")),
                super::names::short(&text(c, "reason"), 80)
            )
        }),
        "acknowledged" => added.map(|a| {
            format!(
                "calibration warning acknowledged: {}",
                super::names::short(&text(a, "reason"), 80)
            )
        }),
        "reveals" => added.map(|r| format!("names revealed in the {}", text(r, "context"))),
        "reviews" => {
            let names = |v: Option<&Value>| -> Vec<String> {
                v.and_then(Value::as_array)
                    .map(|items| {
                        items
                            .iter()
                            .filter_map(|r| r.get("reviewer"))
                            .map(|r| text(r, "name"))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let before = names(change.old.as_ref());
            let after = names(change.new.as_ref());
            let who = after
                .iter()
                .find(|n| !before.contains(n))
                .or(after.last())
                .cloned()
                .unwrap_or_default();
            Some(format!("ratings from reviewer {who} imported"))
        }
        _ => None,
    }
}

/// A value of a case in words: a rating by its scale name and reason, evidence by what
/// happened, expectation ids by their words, anything else as it reads.
fn describe_value(case: &super::Case, value: Option<&Value>) -> String {
    let scale = |id: &str| {
        case.framework
            .scale
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) if s.is_empty() => "(empty)".to_owned(),
        Some(Value::String(s)) if case.expectations.iter().any(|e| &e.id == s) => {
            format!("“{}”", super::names::expectation(case, s))
        }
        Some(Value::String(s)) if case.framework.scale.iter().any(|x| &x.id == s) => scale(s),
        Some(Value::String(s)) => format!("“{}”", super::names::short(s, 80)),
        Some(Value::Array(items)) if items.is_empty() => "(none)".to_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| describe_value(case, Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(v @ Value::Object(o)) if o.contains_key("rating") => {
            let reason = text(v, "reason");
            let rating = scale(&text(v, "rating"));
            if reason.is_empty() {
                format!("{rating} (no reason)")
            } else {
                format!("{rating} — {}", super::names::short(&reason, 80))
            }
        }
        Some(v @ Value::Object(o)) if o.contains_key("what") => {
            format!("“{}”", super::names::short(&text(v, "what"), 80))
        }
        Some(v @ Value::Object(o)) if o.contains_key("outcome") && o.contains_key("rationale") => {
            let promotes = if o.get("promote") == Some(&Value::Bool(true)) {
                ", promotes"
            } else {
                ""
            };
            let against = match text(v, "against_rule") {
                reason if reason.is_empty() => String::new(),
                reason => format!(
                    ", against the promotion rule because “{}”",
                    super::names::short(&reason, 80)
                ),
            };
            format!(
                "{}: {}{promotes}{against}",
                text(v, "outcome"),
                super::names::short(&text(v, "rationale"), 80)
            )
        }
        Some(Value::Bool(yes)) => if *yes { "yes" } else { "no" }.to_owned(),
        Some(other) => {
            let json = other.to_string();
            super::names::short(&json, 80)
        }
    }
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
    fn a_decision_against_the_rule_reads_with_its_reason() {
        let mut old = crate::cases::start::sample("c1", "e4");
        old.decision = Some(crate::cases::Decision {
            outcome: "not yet".into(),
            rationale: "r".into(),
            dissent: String::new(),
            deciders: vec!["Cy".into()],
            date: "2026-12-01".into(),
            promote: false,
            against_rule: None,
        });
        let mut new = old.clone();
        if let Some(d) = new.decision.as_mut() {
            d.promote = true;
            d.against_rule = Some("The ratings wait on a review".into());
        }
        let (a, b) = (
            serde_json::to_value(&old).unwrap_or_default(),
            serde_json::to_value(&new).unwrap_or_default(),
        );
        let said: Vec<String> = changes(&a, &b).iter().map(|c| describe(&new, c)).collect();
        assert_eq!(
            said,
            [
                "decision, promotes: no → yes",
                "decision, reason for going against the promotion rule: — → “The ratings wait on a review”",
            ]
        );
    }

    #[test]
    fn a_change_reads_in_words_never_ids() {
        let mut case = crate::cases::start::sample("c1", "e4");
        let x = case.expectations[0].id.clone();
        let words = crate::cases::names::expectation(&case, &x);
        let meets = case.framework.scale[1].clone();
        case.evidence.push(crate::cases::Evidence {
            id: "ev-1".into(),
            what: "Led the billing migration".into(),
            when: "2026-09".into(),
            outcome: String::new(),
            link: None,
            reported_by: crate::cases::Reporter::Peer,
            expectations: vec![x.clone()],
        });
        let said = |path: &str, old: Option<Value>, new: Option<Value>| {
            describe(
                &case,
                &Change {
                    path: path.into(),
                    old,
                    new,
                },
            )
        };
        assert_eq!(said("", None, None), "case started");
        assert_eq!(
            said(
                "/evidence/ev-1",
                None,
                Some(json!({ "what": "Led the billing migration", "reported_by": "peer" }))
            ),
            "evidence “Led the billing migration” added, reported by a peer"
        );
        assert_eq!(
            said("/evidence/ev-1/outcome", Some(json!("")), Some(json!("No invoice was late"))),
            "evidence “Led the billing migration”, what came of it: (empty) → “No invoice was late”"
        );
        let escaped = format!("/ratings/{}", x.replace('~', "~0").replace('/', "~1"));
        assert_eq!(
            said(
                &escaped,
                None,
                Some(json!({ "rating": meets.id, "reason": "the migration" }))
            ),
            format!("rating of “{words}”: — → {} — the migration", meets.name)
        );
        assert_eq!(
            said(
                &format!("{escaped}/rating"),
                Some(json!(meets.id)),
                Some(json!(case.framework.scale[0].id))
            ),
            format!(
                "rating of “{words}”, rating: {} → {}",
                meets.name, case.framework.scale[0].name
            )
        );
        // Evidence since removed is named by the words it had.
        assert_eq!(
            said(
                "/evidence/ev-9",
                Some(json!({ "what": "Wrote the runbook" })),
                None
            ),
            "evidence “Wrote the runbook” removed"
        );
        assert_eq!(
            said("/recommendation", None, Some(json!("Promote"))),
            "recommendation: — → “Promote”"
        );
    }

    #[test]
    fn entries_stored_when_reported_by_was_called_source_read_as_before() {
        let mut case = crate::cases::start::sample("c1", "e4");
        let x = case.expectations[0].id.clone();
        case.evidence.push(crate::cases::Evidence {
            id: "ev-1".into(),
            what: "Led the billing migration".into(),
            when: "2026-09".into(),
            outcome: String::new(),
            link: None,
            reported_by: crate::cases::Reporter::Owner,
            expectations: vec![x],
        });
        let said = |path: &str, old: Option<Value>, new: Option<Value>| {
            describe(
                &case,
                &Change {
                    path: path.into(),
                    old,
                    new,
                },
            )
        };
        // The JSON pointer of a history row written before the rename.
        let old = said(
            "/evidence/ev-1/source",
            Some(json!("owner")),
            Some(json!("peer")),
        );
        assert_eq!(
            old,
            "evidence “Led the billing migration”, reported by: “owner” → “peer”"
        );
        assert_eq!(
            said(
                "/evidence/ev-1/reported_by",
                Some(json!("owner")),
                Some(json!("peer"))
            ),
            old,
            "the old and the new name read the same"
        );
        // A whole piece of evidence as it was stored then.
        assert_eq!(
            said(
                "/evidence/ev-2",
                None,
                Some(json!({ "what": "Ran the review", "source": "self" }))
            ),
            "evidence “Ran the review” added, reported by the candidate"
        );
    }

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
