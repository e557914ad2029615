//! The changes a person makes to a case, as data: the app and the `rung` tool send the
//! same edits, and each is checked against the case before it is applied.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::collections::BTreeMap;

use super::{
    Acknowledgement, Artefact, Case, Confidence, Decision, Evidence, Period, Rating, Recalibration,
    Reporter, Reveal, SpecialistInput, MAX_ITEMS, MAX_TEXT,
};

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
    /// A reviewed artefact with neither a link nor a description.
    #[error("say what the specialist reviewed: a link or a description")]
    EmptyArtefact,
    /// A specialist view listing more artefacts than a case holds items.
    #[error("a specialist view lists at most {MAX_ITEMS} reviewed artefacts")]
    TooManyArtefacts,
    /// A craft id longer than an id.
    #[error("the craft is longer than {} characters", super::limits::MAX_ID)]
    LongCraft,
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
    /// A limit on what a person types (a name, a period) refused the edit.
    #[error(transparent)]
    Limit(#[from] super::limits::LimitError),
    /// A rating changed in calibration needs a reason.
    #[error("a rating changed in calibration needs the reason it changed")]
    NoCalibrationReason,
    /// A calibration change that changes nothing.
    #[error("the expectation is rated `{0}` already")]
    SameRating(String),
    /// An acknowledgement needs the warning and a reason.
    #[error("acknowledging a calibration warning needs the warning and the reason it stands")]
    NoAcknowledgementReason,
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
    /// Records a specialist's view; it gets the next free id (`sp-1`, …). An expectation
    /// they rate is one the view covers.
    AddSpecialist {
        /// Who.
        who: String,
        /// Their craft.
        craft: String,
        /// Their level in it.
        #[serde(default)]
        #[ts(as = "Option<String>", optional)]
        level: String,
        /// What they said overall; may be empty when they rate.
        #[serde(default)]
        said: String,
        /// The expectations it concerns.
        expectations: Vec<String>,
        /// The work they looked at.
        #[serde(default)]
        #[ts(as = "Option<Vec<Artefact>>", optional)]
        reviewed: Vec<Artefact>,
        /// Their rating of each expectation they rate, with the reason.
        #[serde(default)]
        #[ts(as = "Option<BTreeMap<String, Rating>>", optional)]
        ratings: BTreeMap<String, Rating>,
        /// How sure they are.
        #[serde(default)]
        #[ts(optional)]
        confidence: Option<Confidence>,
        /// Any conflict of interest; empty when none.
        #[serde(default)]
        #[ts(as = "Option<String>", optional)]
        conflict: String,
    },
    /// Sets or clears the case owner's craft.
    OwnerCraft {
        /// A track's craft, or nothing to clear it.
        craft: Option<String>,
    },
    /// Records, or clears when empty, the case owner's reason for rating an expectation
    /// differently from a specialist.
    ExplainDifference {
        /// The expectation's ID.
        expectation: String,
        /// Why the ratings differ.
        reason: String,
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
    /// Sets or clears the case owner's name.
    Owner {
        /// Their name, or nothing to clear it.
        name: Option<String>,
    },
    /// Sets or clears the period the case reviews.
    Period {
        /// The period, or nothing to clear it.
        period: Option<Period>,
    },
    /// Changes the case owner's rating of an expectation during calibration: the change
    /// is kept with the rating before, the rating after and the reason.
    Recalibrate {
        /// The expectation's ID.
        expectation: String,
        /// The new rating id.
        rating: String,
        /// Why it changed; required.
        reason: String,
        /// When (RFC 3339).
        at: String,
    },
    /// Acknowledges a calibration warning about the case, with the reason it stands; a
    /// later acknowledgement of the same warning replaces the earlier one (the history
    /// keeps both).
    Acknowledge {
        /// The warning's key.
        warning: String,
        /// Why it stands.
        reason: String,
        /// When (RFC 3339).
        at: String,
    },
    /// Records that a calibration view showing the case revealed the names it hides.
    Reveal {
        /// Which calibration, in words.
        context: String,
        /// When (RFC 3339).
        at: String,
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

fn check_scale(case: &Case, rating: &str) -> Result<(), EditError> {
    let scale = &case.framework.scale;
    if !scale.is_empty() && !scale.iter().any(|s| s.id == rating) {
        let ids: Vec<&str> = scale.iter().map(|s| s.id.as_str()).collect();
        return Err(EditError::OffScale {
            rating: rating.to_owned(),
            scale: ids.join(", "),
        });
    }
    Ok(())
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
                level,
                said,
                expectations,
                reviewed,
                ratings,
                conflict,
                ..
            } => [who, craft, level, said, conflict]
                .into_iter()
                .chain(expectations)
                .chain(
                    reviewed
                        .iter()
                        .flat_map(|a| std::iter::once(&a.description).chain(&a.link)),
                )
                .chain(
                    ratings
                        .iter()
                        .flat_map(|(id, r)| [id, &r.rating, &r.reason]),
                )
                .map(String::as_str)
                .collect(),
            Edit::OwnerCraft { craft } => craft.iter().map(String::as_str).collect(),
            Edit::ExplainDifference {
                expectation,
                reason,
            } => vec![expectation, reason],
            Edit::Recommend { text } => text.iter().map(String::as_str).collect(),
            Edit::Owner { name } => name.iter().map(String::as_str).collect(),
            Edit::Period { period } => period
                .iter()
                .flat_map(|p| [p.from.as_str(), p.to.as_str()])
                .collect(),
            Edit::Recalibrate {
                expectation,
                rating,
                reason,
                at,
            } => vec![expectation, rating, reason, at],
            Edit::Acknowledge {
                warning,
                reason,
                at,
            } => vec![warning, reason, at],
            Edit::Reveal { context, at } => vec![context, at],
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
            check_scale(case, &rating)?;
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
            level,
            said,
            mut expectations,
            reviewed,
            ratings,
            confidence,
            conflict,
        } => {
            if who.trim().is_empty() || (said.trim().is_empty() && ratings.is_empty()) {
                return Err(EditError::NoSpecialist);
            }
            for id in ratings.keys() {
                if !expectations.contains(id) {
                    expectations.push(id.clone());
                }
            }
            check_expectations(case, &expectations)?;
            for r in ratings.values() {
                check_scale(case, &r.rating)?;
            }
            if reviewed.len() > MAX_ITEMS {
                return Err(EditError::TooManyArtefacts);
            }
            for a in &reviewed {
                if a.description.trim().is_empty() && a.link.is_none() {
                    return Err(EditError::EmptyArtefact);
                }
                check_link(a.link.as_ref())?;
            }
            let id = next_id(case, "sp-")?;
            case.specialists.push(SpecialistInput {
                id,
                who,
                craft,
                level,
                said,
                expectations,
                reviewed,
                ratings,
                confidence,
                conflict,
            });
        }
        Edit::OwnerCraft { craft } => {
            let craft = craft.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
            if craft
                .as_ref()
                .is_some_and(|c| c.len() > super::limits::MAX_ID)
            {
                return Err(EditError::LongCraft);
            }
            case.owner_craft = craft;
        }
        Edit::ExplainDifference {
            expectation,
            reason,
        } => {
            check_expectations(case, std::slice::from_ref(&expectation))?;
            if reason.trim().is_empty() {
                case.differences.remove(&expectation);
            } else {
                case.differences.insert(expectation, reason);
            }
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
        Edit::Owner { name } => {
            let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
            if let Some(n) = &name {
                super::limits::check_person("case owner", n)?;
            }
            case.owner = name;
        }
        Edit::Period { period } => {
            if let Some(p) = &period {
                super::limits::check_period(p)?;
            }
            case.period = period;
        }
        Edit::Recalibrate {
            expectation,
            rating,
            reason,
            at,
        } => {
            check_expectations(case, std::slice::from_ref(&expectation))?;
            check_scale(case, &rating)?;
            if reason.trim().is_empty() {
                return Err(EditError::NoCalibrationReason);
            }
            let before = case.ratings.get(&expectation).map(|r| r.rating.clone());
            if before.as_deref() == Some(rating.as_str()) {
                return Err(EditError::SameRating(rating));
            }
            // The owner's reason for the rating stays; the reason for the change is
            // kept with the change.
            case.ratings.entry(expectation.clone()).or_default().rating = rating.clone();
            case.recalibrations.push(Recalibration {
                expectation,
                before,
                after: rating,
                reason,
                at,
            });
        }
        Edit::Acknowledge {
            warning,
            reason,
            at,
        } => {
            if warning.trim().is_empty() || reason.trim().is_empty() {
                return Err(EditError::NoAcknowledgementReason);
            }
            case.acknowledged.retain(|a| a.warning != warning);
            case.acknowledged.push(Acknowledgement {
                warning,
                reason,
                at,
            });
        }
        Edit::Reveal { context, at } => {
            case.reveals.push(Reveal { context, at });
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn case() -> Case {
        crate::cases::start::sample("c1", "e4")
    }

    #[test]
    fn a_calibration_change_keeps_before_after_and_why() {
        let mut c = case();
        let id = c.expectations[0].id.clone();
        let at = "2026-11-30T10:00:00Z".to_owned();
        let rate = |rating: &str, reason: &str| Edit::Recalibrate {
            expectation: id.clone(),
            rating: rating.into(),
            reason: reason.into(),
            at: at.clone(),
        };
        assert_eq!(
            apply(&mut c, rate("meets", " ")),
            Err(EditError::NoCalibrationReason)
        );
        assert_eq!(apply(&mut c, rate("meets", "seen in the grid")), Ok(()));
        assert_eq!(
            apply(&mut c, rate("meets", "again")),
            Err(EditError::SameRating("meets".into()))
        );
        assert_eq!(apply(&mut c, rate("emerging", "one item only")), Ok(()));
        assert_eq!(c.ratings[&id].rating, "emerging");
        let changes: Vec<(Option<&str>, &str)> = c
            .recalibrations
            .iter()
            .map(|r| (r.before.as_deref(), r.after.as_str()))
            .collect();
        assert_eq!(changes, [(None, "meets"), (Some("meets"), "emerging")]);
        assert!(matches!(
            apply(&mut c, rate("stellar", "why")),
            Err(EditError::OffScale { .. })
        ));
    }

    #[test]
    fn an_acknowledgement_needs_a_reason_and_replaces_the_last() {
        let mut c = case();
        let ack = |reason: &str| Edit::Acknowledge {
            warning: "recency:c1".into(),
            reason: reason.into(),
            at: "2026-11-30T10:00:00Z".into(),
        };
        assert_eq!(
            apply(&mut c, ack("")),
            Err(EditError::NoAcknowledgementReason)
        );
        assert_eq!(
            apply(&mut c, ack("the launch was in the last month")),
            Ok(())
        );
        assert_eq!(apply(&mut c, ack("checked with the team")), Ok(()));
        assert_eq!(c.acknowledged.len(), 1);
        assert_eq!(c.acknowledged[0].reason, "checked with the team");
        let reveal = Edit::Reveal {
            context: "calibration of 3 cases".into(),
            at: "2026-11-30T10:05:00Z".into(),
        };
        assert_eq!(apply(&mut c, reveal), Ok(()));
        assert_eq!(c.reveals.len(), 1);
    }

    #[test]
    fn the_owner_and_the_period_are_checked() {
        let mut c = case();
        let period = |from: &str, to: &str| Edit::Period {
            period: Some(Period {
                from: from.into(),
                to: to.into(),
            }),
        };
        assert_eq!(apply(&mut c, period("2026-01-01", "2026-06-30")), Ok(()));
        assert!(matches!(
            apply(&mut c, period("2026-06-30", "2026-01-01")),
            Err(EditError::Limit(_))
        ));
        assert_eq!(c.period.as_ref().map(|p| p.to.as_str()), Some("2026-06-30"));
        let owner = |name: &str| Edit::Owner {
            name: Some(name.into()),
        };
        assert_eq!(apply(&mut c, owner("  Maya Rossi ")), Ok(()));
        assert_eq!(c.owner.as_deref(), Some("Maya Rossi"));
        assert_eq!(apply(&mut c, owner(" ")), Ok(()));
        assert_eq!(c.owner, None, "a blank name clears it");
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
                level: String::new(),
                said: "The design held up under load.".into(),
                expectations: vec![first.clone()],
                reviewed: Vec::new(),
                ratings: BTreeMap::new(),
                confidence: None,
                conflict: String::new(),
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

    /// A specialist's view of the case's first expectation, rated `rating`.
    pub(crate) fn view(c: &Case, rating: &str) -> Edit {
        let first = c.expectations[0].id.clone();
        Edit::AddSpecialist {
            who: "Bo Chen".into(),
            craft: "design".into(),
            level: "d5".into(),
            said: String::new(),
            expectations: Vec::new(),
            reviewed: vec![
                Artefact {
                    description: "The checkout redesign".into(),
                    link: Some("https://example.com/checkout".into()),
                },
                Artefact {
                    description: "Two design reviews she led".into(),
                    link: None,
                },
            ],
            ratings: BTreeMap::from([(
                first,
                Rating {
                    rating: rating.into(),
                    reason: "The flows were tested with users first.".into(),
                },
            )]),
            confidence: Some(Confidence::High),
            conflict: String::new(),
        }
    }

    #[test]
    fn a_specialist_view_is_checked_against_the_case() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        let before = c.clone();
        let refusal = |c: &mut Case, edit| apply(c, edit).map_err(|e| e.to_string());
        assert_eq!(
            refusal(&mut c, view(&before, "superb")),
            Err("`superb` is not on the rating scale (not-yet, emerging, meets, beyond)".into())
        );
        let mut bad_link = view(&before, "meets");
        if let Edit::AddSpecialist { reviewed, .. } = &mut bad_link {
            reviewed[0].link = Some("javascript:alert(1)".into());
        }
        assert_eq!(
            refusal(&mut c, bad_link),
            Err("`javascript:alert(1)` is not an http(s) or mailto link".into())
        );
        let mut empty = view(&before, "meets");
        if let Edit::AddSpecialist { reviewed, .. } = &mut empty {
            reviewed[1].description = " ".into();
        }
        assert_eq!(
            refusal(&mut c, empty),
            Err("say what the specialist reviewed: a link or a description".into())
        );
        let mut elsewhere = view(&before, "meets");
        if let Edit::AddSpecialist { ratings, .. } = &mut elsewhere {
            ratings.insert("engineering/e9/x".into(), ratings[&first].clone());
        }
        assert_eq!(
            refusal(&mut c, elsewhere),
            Err("`engineering/e9/x` is not an expectation of this case".into())
        );
        let mut long = view(&before, "meets");
        if let Edit::AddSpecialist { conflict, .. } = &mut long {
            *conflict = "x".repeat(MAX_TEXT + 1);
        }
        assert_eq!(refusal(&mut c, long), Err(EditError::TooLong.to_string()));
        assert_eq!(c, before, "a refused view changes nothing");
        apply(&mut c, view(&before, "meets")).expect("a view");
        let s = &c.specialists[0];
        assert_eq!(
            s.expectations,
            std::slice::from_ref(&first),
            "a rated expectation is covered"
        );
        assert_eq!(s.confidence, Some(Confidence::High));
        assert_eq!(s.reviewed.len(), 2);
    }

    #[test]
    fn the_owner_craft_and_the_reasons_for_differing_are_edits() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        apply(
            &mut c,
            Edit::OwnerCraft {
                craft: Some(" design ".into()),
            },
        )
        .expect("craft");
        assert_eq!(c.owner_craft.as_deref(), Some("design"));
        apply(
            &mut c,
            Edit::OwnerCraft {
                craft: Some(String::new()),
            },
        )
        .expect("clear");
        assert_eq!(c.owner_craft, None);
        assert_eq!(
            apply(
                &mut c,
                Edit::OwnerCraft {
                    craft: Some("x".repeat(129))
                }
            ),
            Err(EditError::LongCraft)
        );
        let explain = |reason: &str| Edit::ExplainDifference {
            expectation: first.clone(),
            reason: reason.into(),
        };
        apply(&mut c, explain("Bo saw one project; I saw the year.")).expect("reason");
        assert_eq!(c.differences[&first], "Bo saw one project; I saw the year.");
        apply(&mut c, explain(" ")).expect("cleared");
        assert!(c.differences.is_empty());
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
                EditError::EmptyArtefact,
                "say what the specialist reviewed: a link or a description",
            ),
            (
                EditError::TooManyArtefacts,
                "a specialist view lists at most 2000 reviewed artefacts",
            ),
            (EditError::LongCraft, "the craft is longer than 128 characters"),
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
