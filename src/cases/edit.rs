//! The changes a person makes to a case, as data: the app and the `rung` tool send the
//! same edits, and each is checked against the case before it is applied.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Case, Decision, Evidence, Rating, Reporter, SpecialistInput, MAX_ITEMS, MAX_TEXT};

/// Why an edit was refused; the case is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A text of the edit is longer than [`MAX_TEXT`] characters.
    #[error(
        "a text is longer than {MAX_TEXT} characters; shorten it, or link to the work instead"
    )]
    TooLong,
    /// The case holds [`MAX_ITEMS`] pieces of evidence and specialist input already.
    #[error("a case holds at most {MAX_ITEMS} pieces of evidence and specialist input")]
    Full,
    /// Evidence that does not say what happened.
    #[error("say what happened")]
    NoWhat,
    /// Evidence or input attached to no expectation.
    #[error("name at least one expectation it supports")]
    NoExpectation,
    /// An expectation id the case does not hold.
    #[error("`{0}` is not an expectation of this case")]
    UnknownExpectation(String),
    /// A link that is neither http(s) nor mailto.
    #[error("`{0}` is not an http(s) or mailto link")]
    Link(String),
    /// Every id number has been handed out.
    #[error("this case has no ids left")]
    NoIdsLeft,
    /// No evidence with this id.
    #[error("there is no evidence `{0}`")]
    NoSuchEvidence(String),
    /// A rating that is not on the case's scale.
    #[error("`{rating}` is not on the rating scale ({scale})")]
    OffScale {
        /// The rating given.
        rating: String,
        /// The scale's rating ids, comma-separated.
        scale: String,
    },
    /// Unrating an expectation that has no rating.
    #[error("`{0}` is not rated")]
    NotRated(String),
    /// Specialist input without who or what they said.
    #[error("say who the specialist is and what they said")]
    NoSpecialist,
    /// A decision without its outcome or rationale.
    #[error("a decision needs an outcome and its rationale")]
    NoRationale,
    /// A decision without who made it.
    #[error("name who decided")]
    NoDeciders,
    /// A decision to promote while the case does not meet its promotion rule, without
    /// saying why.
    #[error("the case does not meet its promotion rule; a decision to promote needs the reason for going against it")]
    AgainstRule,
}

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
        reported_by: Reporter,
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
fn next_id(case: &mut Case, prefix: &str) -> Result<String, EditError> {
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
        .ok_or(EditError::NoIdsLeft)?;
    case.issued = n;
    Ok(format!("{prefix}{n}"))
}

fn check_expectations(case: &Case, ids: &[String]) -> Result<(), EditError> {
    if ids.is_empty() {
        return Err(EditError::NoExpectation);
    }
    match ids
        .iter()
        .find(|id| !case.expectations.iter().any(|e| e.id == **id))
    {
        Some(id) => Err(EditError::UnknownExpectation(id.clone())),
        None => Ok(()),
    }
}

fn check_link(link: Option<&String>) -> Result<(), EditError> {
    match link {
        Some(l) if !crate::framework::markdown::is_allowed_link(l) => {
            Err(EditError::Link(l.clone()))
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
                .chain(&d.against_rule)
                .map(String::as_str)
                .collect(),
        }
    }
}

/// Applies `edit` to `case`, or says why it cannot be applied (and changes nothing).
pub fn apply(case: &mut Case, edit: Edit) -> Result<(), EditError> {
    if edit.texts().iter().any(|t| super::too_long(t)) {
        return Err(EditError::TooLong);
    }
    let adds = matches!(edit, Edit::AddEvidence { .. } | Edit::AddSpecialist { .. });
    if adds && case.evidence.len() + case.specialists.len() >= MAX_ITEMS {
        return Err(EditError::Full);
    }
    match edit {
        Edit::AddEvidence {
            what,
            when,
            outcome,
            link,
            reported_by,
            expectations,
        } => {
            if what.trim().is_empty() {
                return Err(EditError::NoWhat);
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
                reported_by,
                expectations,
            });
        }
        Edit::UpdateEvidence { evidence } => {
            if evidence.what.trim().is_empty() {
                return Err(EditError::NoWhat);
            }
            check_expectations(case, &evidence.expectations)?;
            check_link(evidence.link.as_ref())?;
            let slot = case
                .evidence
                .iter_mut()
                .find(|e| e.id == evidence.id)
                .ok_or_else(|| EditError::NoSuchEvidence(evidence.id.clone()))?;
            *slot = evidence;
        }
        Edit::RemoveEvidence { id } => {
            let before = case.evidence.len();
            case.evidence.retain(|e| e.id != id);
            if case.evidence.len() == before {
                return Err(EditError::NoSuchEvidence(id));
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
                return Err(EditError::OffScale {
                    rating,
                    scale: ids.join(", "),
                });
            }
            case.ratings.insert(expectation, Rating { rating, reason });
        }
        Edit::Unrate { expectation } => {
            case.ratings
                .remove(&expectation)
                .ok_or(EditError::NotRated(expectation))?;
        }
        Edit::AddSpecialist {
            who,
            craft,
            said,
            expectations,
        } => {
            if who.trim().is_empty() || said.trim().is_empty() {
                return Err(EditError::NoSpecialist);
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
                return Err(EditError::NoRationale);
            }
            if decision.deciders.is_empty() {
                return Err(EditError::NoDeciders);
            }
            let mut decision = decision;
            decision.against_rule = decision.against_rule.filter(|r| !r.trim().is_empty());
            if decision.against_rule.is_none() && super::rule::goes_against(case, &decision) {
                return Err(EditError::AgainstRule);
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
        crate::cases::start::sample("c1", "e4")
    }

    #[test]
    fn an_oversized_text_is_refused_and_changes_nothing() {
        let mut c = case();
        let before = c.clone();
        let edit = Edit::Recommend {
            text: Some("x".repeat(crate::cases::MAX_TEXT + 1)),
        };
        let refused = apply(&mut c, edit).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err(
                "a text is longer than 20000 characters; shorten it, or link to the work instead"
                    .into()
            )
        );
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
            reported_by: Reporter::Owner,
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
        let refusal = |c: &mut Case, edit| apply(c, edit).map_err(|e| e.to_string());
        assert_eq!(
            refusal(&mut c, add("Nowhere", vec!["engineering/e9/x".into()])),
            Err("`engineering/e9/x` is not an expectation of this case".into())
        );
        assert_eq!(
            refusal(&mut c, add(" ", vec![first.clone()])),
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
        .is_err_and(|e| e.to_string().contains("not on the rating scale")));
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
                    promote: true,
                    against_rule: None,
                    date: "2026-12-01".into(),
                }
            }
        )
        .is_err());
    }

    #[test]
    fn a_promotion_against_the_rule_needs_its_reason() {
        let mut c = case();
        c.framework.rule = Some(crate::framework::rule::PromotionRule {
            evidence: None,
            carried: None,
            new: Some(crate::framework::rule::Threshold {
                at_least: "meets".into(),
                except: 0,
            }),
        });
        let decide = |promote: bool, reason: Option<&str>| Edit::Decide {
            decision: Decision {
                outcome: "promoted".into(),
                rationale: "The work speaks for itself.".into(),
                dissent: String::new(),
                deciders: vec!["Cy".into()],
                date: "2026-12-01".into(),
                promote,
                against_rule: reason.map(str::to_owned),
            },
        };
        assert_eq!(
            apply(&mut c, decide(true, None)),
            Err(EditError::AgainstRule)
        );
        assert_eq!(
            apply(&mut c, decide(true, Some("  "))),
            Err(EditError::AgainstRule)
        );
        assert_eq!(c.decision, None, "a refused decision changes nothing");
        assert_eq!(apply(&mut c, decide(false, None)), Ok(()));
        assert_eq!(
            apply(
                &mut c,
                decide(true, Some("The missing rating is a tooling gap."))
            ),
            Ok(())
        );
        assert_eq!(
            c.decision.and_then(|d| d.against_rule).as_deref(),
            Some("The missing rating is a tooling gap.")
        );
    }

    #[test]
    fn every_refusal_says_what_to_do_in_its_own_words() {
        let said = [
            (
                EditError::TooLong,
                "a text is longer than 20000 characters; shorten it, or link to the work instead",
            ),
            (
                EditError::Full,
                "a case holds at most 2000 pieces of evidence and specialist input",
            ),
            (EditError::NoWhat, "say what happened"),
            (
                EditError::NoExpectation,
                "name at least one expectation it supports",
            ),
            (
                EditError::UnknownExpectation("a/b/c".into()),
                "`a/b/c` is not an expectation of this case",
            ),
            (
                EditError::Link("ftp://x".into()),
                "`ftp://x` is not an http(s) or mailto link",
            ),
            (EditError::NoIdsLeft, "this case has no ids left"),
            (
                EditError::NoSuchEvidence("ev-9".into()),
                "there is no evidence `ev-9`",
            ),
            (
                EditError::OffScale {
                    rating: "superb".into(),
                    scale: "not-yet, meets".into(),
                },
                "`superb` is not on the rating scale (not-yet, meets)",
            ),
            (EditError::NotRated("a/b/c".into()), "`a/b/c` is not rated"),
            (
                EditError::NoSpecialist,
                "say who the specialist is and what they said",
            ),
            (
                EditError::NoRationale,
                "a decision needs an outcome and its rationale",
            ),
            (EditError::NoDeciders, "name who decided"),
            (
                EditError::AgainstRule,
                "the case does not meet its promotion rule; a decision to promote needs the reason for going against it",
            ),
        ];
        for (error, words) in said {
            assert_eq!(error.to_string(), words);
        }
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
