//! The changes a person makes to a case, as data: the app and the `rung` tool send the
//! same edits, and each is checked against the case before it is applied.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Case, Decision, Evidence, Rating, Source, SpecialistInput};

/// One change to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Edit {
    /// Adds evidence; it gets the next free id (`ev-1`, `ev-2`, …).
    AddEvidence {
        /// What happened.
        what: String,
        /// When.
        when: String,
        /// What came of it.
        outcome: String,
        /// A link, if any.
        link: Option<String>,
        /// Who reports it.
        source: Source,
        /// The expectations it supports.
        expectations: Vec<String>,
    },
    /// Replaces a piece of evidence, keeping its id.
    UpdateEvidence {
        /// The evidence, with the id of the one it replaces.
        evidence: Evidence,
    },
    /// Removes a piece of evidence.
    RemoveEvidence {
        /// Its id.
        id: String,
    },
    /// Rates an expectation; the reason may be empty for now (coverage shows it missing).
    Rate {
        /// The expectation's ID.
        expectation: String,
        /// A rating id of the case's scale.
        rating: String,
        /// Why.
        reason: String,
    },
    /// Removes an expectation's rating.
    Unrate {
        /// The expectation's ID.
        expectation: String,
    },
    /// Records what a specialist said; it gets the next free id (`sp-1`, …).
    AddSpecialist {
        /// Who.
        who: String,
        /// Their craft.
        craft: String,
        /// What they said.
        said: String,
        /// The expectations it concerns.
        expectations: Vec<String>,
    },
    /// Sets or clears the overall recommendation.
    Recommend {
        /// The recommendation, or nothing to clear it.
        text: Option<String>,
    },
    /// Records the committee's decision.
    Decide {
        /// The decision.
        decision: Decision,
    },
}

/// The next id for an item: one past every number the case has handed out or holds.
fn next_id(case: &mut Case, prefix: &str) -> Result<String, String> {
    let held = case
        .evidence
        .iter()
        .map(|e| e.id.as_str())
        .chain(case.specialists.iter().map(|s| s.id.as_str()))
        .filter_map(|id| {
            id.split('-')
                .next_back()
                .and_then(|n| n.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0);
    let n = held
        .max(case.issued)
        .checked_add(1)
        .ok_or("this case has no ids left")?;
    case.issued = n;
    Ok(format!("{prefix}{n}"))
}

fn check_expectations(case: &Case, ids: &[String]) -> Result<(), String> {
    if ids.is_empty() {
        return Err("name at least one expectation it supports".into());
    }
    match ids
        .iter()
        .find(|id| !case.expectations.iter().any(|e| e.id == **id))
    {
        Some(id) => Err(format!("`{id}` is not an expectation of this case")),
        None => Ok(()),
    }
}

fn check_link(link: Option<&String>) -> Result<(), String> {
    match link {
        Some(l) if !crate::framework::markdown::is_allowed_link(l) => {
            Err(format!("`{l}` is not an http(s) or mailto link"))
        }
        _ => Ok(()),
    }
}

impl Edit {
    /// Every piece of text the edit carries.
    fn texts(&self) -> Vec<&str> {
        match self {
            Edit::AddEvidence {
                what,
                when,
                outcome,
                link,
                expectations,
                ..
            } => [what, when, outcome]
                .into_iter()
                .chain(link)
                .chain(expectations)
                .map(String::as_str)
                .collect(),
            Edit::UpdateEvidence { evidence: e } => [&e.id, &e.what, &e.when, &e.outcome]
                .into_iter()
                .chain(&e.link)
                .chain(&e.expectations)
                .map(String::as_str)
                .collect(),
            Edit::RemoveEvidence { id } => vec![id],
            Edit::Rate {
                expectation,
                rating,
                reason,
            } => vec![expectation, rating, reason],
            Edit::Unrate { expectation } => vec![expectation],
            Edit::AddSpecialist {
                who,
                craft,
                said,
                expectations,
            } => [who, craft, said]
                .into_iter()
                .chain(expectations)
                .map(String::as_str)
                .collect(),
            Edit::Recommend { text } => text.iter().map(String::as_str).collect(),
            Edit::Decide { decision: d } => [&d.outcome, &d.rationale, &d.dissent, &d.date]
                .into_iter()
                .chain(&d.deciders)
                .map(String::as_str)
                .collect(),
        }
    }
}

/// Applies `edit` to `case`, or says why it cannot be applied (and changes nothing).
pub fn apply(case: &mut Case, edit: Edit) -> Result<(), String> {
    if edit.texts().iter().any(|t| super::too_long(t)) {
        return Err(format!(
            "a text is longer than {} characters; shorten it, or link to the work instead",
            super::MAX_TEXT
        ));
    }
    let adds = matches!(edit, Edit::AddEvidence { .. } | Edit::AddSpecialist { .. });
    if adds && case.evidence.len() + case.specialists.len() >= super::MAX_ITEMS {
        return Err(format!(
            "a case holds at most {} pieces of evidence and specialist input",
            super::MAX_ITEMS
        ));
    }
    match edit {
        Edit::AddEvidence {
            what,
            when,
            outcome,
            link,
            source,
            expectations,
        } => {
            if what.trim().is_empty() {
                return Err("say what happened".into());
            }
            check_expectations(case, &expectations)?;
            check_link(link.as_ref())?;
            let id = next_id(case, "ev-")?;
            case.evidence.push(Evidence {
                id,
                what,
                when,
                outcome,
                link,
                source,
                expectations,
            });
        }
        Edit::UpdateEvidence { evidence } => {
            if evidence.what.trim().is_empty() {
                return Err("say what happened".into());
            }
            check_expectations(case, &evidence.expectations)?;
            check_link(evidence.link.as_ref())?;
            let slot = case
                .evidence
                .iter_mut()
                .find(|e| e.id == evidence.id)
                .ok_or_else(|| format!("there is no evidence `{}`", evidence.id))?;
            *slot = evidence;
        }
        Edit::RemoveEvidence { id } => {
            let before = case.evidence.len();
            case.evidence.retain(|e| e.id != id);
            if case.evidence.len() == before {
                return Err(format!("there is no evidence `{id}`"));
            }
        }
        Edit::Rate {
            expectation,
            rating,
            reason,
        } => {
            check_expectations(case, std::slice::from_ref(&expectation))?;
            let scale = &case.framework.scale;
            if !scale.is_empty() && !scale.iter().any(|s| s.id == rating) {
                let ids: Vec<&str> = scale.iter().map(|s| s.id.as_str()).collect();
                return Err(format!(
                    "`{rating}` is not on the rating scale ({})",
                    ids.join(", ")
                ));
            }
            case.ratings.insert(expectation, Rating { rating, reason });
        }
        Edit::Unrate { expectation } => {
            case.ratings
                .remove(&expectation)
                .ok_or_else(|| format!("`{expectation}` is not rated"))?;
        }
        Edit::AddSpecialist {
            who,
            craft,
            said,
            expectations,
        } => {
            if who.trim().is_empty() || said.trim().is_empty() {
                return Err("say who the specialist is and what they said".into());
            }
            check_expectations(case, &expectations)?;
            let id = next_id(case, "sp-")?;
            case.specialists.push(SpecialistInput {
                id,
                who,
                craft,
                said,
                expectations,
            });
        }
        Edit::Recommend { text } => {
            case.recommendation = text.filter(|t| !t.trim().is_empty());
        }
        Edit::Decide { decision } => {
            if decision.outcome.trim().is_empty() || decision.rationale.trim().is_empty() {
                return Err("a decision needs an outcome and its rationale".into());
            }
            if decision.deciders.is_empty() {
                return Err("name who decided".into());
            }
            case.decision = Some(decision);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        crate::cases::check::sample("c1", "e4")
    }

    #[test]
    fn an_oversized_text_is_refused_and_changes_nothing() {
        let mut c = case();
        let before = c.clone();
        let edit = Edit::Recommend {
            text: Some("x".repeat(crate::cases::MAX_TEXT + 1)),
        };
        let refused = apply(&mut c, edit);
        assert!(refused.is_err_and(|m| m.contains("longer than")));
        assert_eq!(c, before);
        // The limit counts characters: as many accented letters are twice the bytes.
        let edit = Edit::Recommend {
            text: Some("é".repeat(crate::cases::MAX_TEXT)),
        };
        assert_eq!(apply(&mut c, edit), Ok(()));
    }

    #[test]
    fn edits_are_checked_against_the_case() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        let add = |what: &str, expectations: Vec<String>| Edit::AddEvidence {
            what: what.into(),
            when: "2026-09".into(),
            outcome: "Shipped".into(),
            link: None,
            source: Source::Owner,
            expectations,
        };
        apply(&mut c, add("Led the migration", vec![first.clone()])).expect("add");
        apply(&mut c, add("Ran the review", vec![first.clone()])).expect("add");
        assert_eq!(
            c.evidence.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["ev-1", "ev-2"]
        );
        apply(&mut c, Edit::RemoveEvidence { id: "ev-1".into() }).expect("remove");
        apply(&mut c, add("Third", vec![first.clone()])).expect("add");
        assert_eq!(
            c.evidence.last().map(|e| e.id.as_str()),
            Some("ev-3"),
            "ids are not reused"
        );
        let before = c.clone();
        assert_eq!(
            apply(&mut c, add("Nowhere", vec!["engineering/e9/x".into()])),
            Err("`engineering/e9/x` is not an expectation of this case".into())
        );
        assert_eq!(
            apply(&mut c, add(" ", vec![first.clone()])),
            Err("say what happened".into())
        );
        assert!(apply(
            &mut c,
            Edit::Rate {
                expectation: first.clone(),
                rating: "superb".into(),
                reason: String::new()
            }
        )
        .is_err_and(|e| e.contains("not on the rating scale")));
        assert_eq!(c, before, "a refused edit changes nothing");
        let meets = c.framework.scale[1].id.clone();
        apply(
            &mut c,
            Edit::Rate {
                expectation: first.clone(),
                rating: meets,
                reason: "the migration".into(),
            },
        )
        .expect("rate");
        assert_eq!(c.ratings[&first].reason, "the migration");
        apply(
            &mut c,
            Edit::AddSpecialist {
                who: "Bo, staff engineer".into(),
                craft: "engineering".into(),
                said: "The design held up under load.".into(),
                expectations: vec![first.clone()],
            },
        )
        .expect("specialist");
        assert_eq!(c.specialists[0].id, "sp-4");
        assert!(apply(
            &mut c,
            Edit::Decide {
                decision: Decision {
                    outcome: "promoted".into(),
                    rationale: String::new(),
                    dissent: String::new(),
                    deciders: vec!["Cy".into()],
                    date: "2026-12-01".into(),
                }
            }
        )
        .is_err());
    }

    #[test]
    fn edits_read_as_json_the_ui_sends() {
        let edit: Edit = serde_json::from_str(
            r#"{"kind":"rate","expectation":"a/b/c","rating":"meets","reason":"x"}"#,
        )
        .expect("json");
        assert_eq!(
            edit,
            Edit::Rate {
                expectation: "a/b/c".into(),
                rating: "meets".into(),
                reason: "x".into()
            }
        );
        assert!(serde_json::from_str::<Edit>(r#"{"kind":"grade","expectation":"a"}"#).is_err());
    }
}
