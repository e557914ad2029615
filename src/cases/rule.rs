//! Where a case stands against the promotion rule it was begun under: each clause, whether
//! it holds, and why, in sentences that name expectations by their words. Pure: the same
//! answer for the case page, `rung case check` and the decision record.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Case, Decision, PinnedExpectation, Reporter};
use crate::framework::rule::{Clause, EvidenceRule, PromotionRule, Threshold};

/// The rule and where the case stands against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleStatus {
    /// The whole rule in plain words.
    pub rule: String,
    /// Whether every clause holds.
    pub holds: bool,
    /// Each clause the rule states, in the order `new`, `carried`, `evidence`.
    pub clauses: Vec<ClauseStatus>,
}

/// One clause of the rule, and whether the case meets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseStatus {
    /// Which clause.
    pub clause: Clause,
    /// The clause in plain words.
    pub says: String,
    /// Whether the case meets it now.
    pub holds: bool,
    /// Why, in a sentence naming the expectations concerned.
    pub why: String,
    /// Why, in a sentence that counts them without naming them, for a screen that lists
    /// them apart.
    pub summary: String,
    /// The expectations that fall short of it, by ID.
    pub short: Vec<String>,
}

/// Where `case` stands against its pinned rule; `None` when the case has none.
pub fn status(case: &Case) -> Option<RuleStatus> {
    let rule = case.framework.rule.as_ref()?;
    Some(evaluate(case, rule))
}

/// Whether `decision` goes against the rule of `case`: it promotes while a clause fails.
pub fn goes_against(case: &Case, decision: &Decision) -> bool {
    decision.promote && status(case).is_some_and(|s| !s.holds)
}

/// Where `case` stands against `rule`.
pub fn evaluate(case: &Case, rule: &PromotionRule) -> RuleStatus {
    let name_of = |id: &str| scale_name(case, id);
    let clauses: Vec<ClauseStatus> = rule
        .sentences(name_of)
        .into_iter()
        .map(|(clause, says)| {
            let (holds, summary, short) = match clause {
                Clause::New => rule.new.as_ref().map(|t| threshold(case, t, true)),
                Clause::Carried => rule.carried.as_ref().map(|t| threshold(case, t, false)),
                Clause::Evidence => rule.evidence.map(|e| evidence(case, e)),
            }
            .unwrap_or_else(|| (true, String::new(), Vec::new()));
            let why = if short.is_empty() {
                summary.clone()
            } else {
                format!(
                    "{}: {}.",
                    summary.trim_end_matches('.'),
                    quoted(case, &short)
                )
            };
            ClauseStatus {
                clause,
                says,
                holds,
                why,
                summary,
                short,
            }
        })
        .collect();
    RuleStatus {
        rule: rule.words(name_of),
        holds: clauses.iter().all(|c| c.holds),
        clauses,
    }
}

fn scale_name(case: &Case, id: &str) -> String {
    case.framework
        .scale
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_owned(), |s| s.name.clone())
}

/// The place of a rating on the case's scale, lowest first.
fn rank(case: &Case, id: &str) -> Option<usize> {
    case.framework.scale.iter().position(|s| s.id == id)
}

/// How many expectations a sentence names before it counts the rest.
const NAMED: usize = 5;

/// `“Leads …”, “Writes …”`: expectations by their words, the first [`NAMED`] of them,
/// then how many more (a reader of the record wants the shape, not forty titles).
fn quoted(case: &Case, ids: &[String]) -> String {
    let named = ids
        .iter()
        .take(NAMED)
        .map(|id| format!("“{}”", super::names::expectation(case, id)))
        .collect::<Vec<_>>()
        .join(", ");
    match ids.len().saturating_sub(NAMED) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}

fn threshold(case: &Case, t: &Threshold, new: bool) -> (bool, String, Vec<String>) {
    let group: Vec<&PinnedExpectation> =
        case.expectations.iter().filter(|e| e.new == new).collect();
    let kind = if new { "new" } else { "carried-over" };
    let name = scale_name(case, &t.at_least);
    if group.is_empty() {
        return (
            true,
            format!("The level has no {kind} expectations."),
            Vec::new(),
        );
    }
    let needed = rank(case, &t.at_least);
    let short: Vec<String> = group
        .iter()
        .filter(|e| {
            let given = case.ratings.get(&e.id).and_then(|r| rank(case, &r.rating));
            !matches!((given, needed), (Some(g), Some(n)) if g >= n)
        })
        .map(|e| e.id.clone())
        .collect();
    let total = group.len();
    let allowed = usize::try_from(t.except).unwrap_or(usize::MAX);
    let holds = short.len() <= allowed;
    let why = match (short.len(), t.except) {
        (0, _) => format!("All {total} {kind} expectations are rated {name} or above."),
        (n, 0) => format!(
            "{n} of {total} {kind} expectations {} not yet rated {name} or above.",
            if n == 1 { "is" } else { "are" },
        ),
        (n, except) => format!(
            "{n} of {total} {kind} expectations {} not yet rated {name} or above, {} {except} allowed.",
            if n == 1 { "is" } else { "are" },
            if holds { "within the" } else { "more than the" },
        ),
    };
    (holds, why, short)
}

fn evidence(case: &Case, rule: EvidenceRule) -> (bool, String, Vec<String>) {
    let counts = |id: &str| {
        let from_evidence = case.evidence.iter().any(|e| {
            e.expectations.iter().any(|x| x == id)
                && (rule == EvidenceRule::Any || e.reported_by != Reporter::Candidate)
        });
        let from_specialist = case
            .specialists
            .iter()
            .any(|s| s.expectations.iter().any(|x| x == id));
        from_evidence || from_specialist
    };
    // Ratings in the order of the case's expectations.
    let rated: Vec<&str> = case
        .expectations
        .iter()
        .filter(|e| case.ratings.contains_key(&e.id))
        .map(|e| e.id.as_str())
        .collect();
    let short: Vec<String> = rated
        .iter()
        .filter(|id| !counts(id))
        .map(|id| (*id).to_owned())
        .collect();
    let from = match rule {
        EvidenceRule::Any => "evidence",
        EvidenceRule::Others => "evidence from someone other than the candidate",
    };
    let why = match (rated.len(), short.len()) {
        (0, _) => "Nothing is rated yet.".to_owned(),
        (total, 0) => format!(
            "{} {total} rating{} {} {from}.",
            if total == 1 { "The" } else { "All" },
            if total == 1 { "" } else { "s" },
            if total == 1 { "has" } else { "have" },
        ),
        (total, n) => format!(
            "{n} of {total} rating{} {} no {from}.",
            if total == 1 { "" } else { "s" },
            if n == 1 { "has" } else { "have" },
        ),
    };
    (short.is_empty(), why, short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Evidence, Rating};

    fn rule() -> PromotionRule {
        PromotionRule {
            new: Some(Threshold {
                at_least: "meets".into(),
                except: 0,
            }),
            carried: Some(Threshold {
                at_least: "meets".into(),
                except: 2,
            }),
            evidence: Some(EvidenceRule::Others),
        }
    }

    fn case() -> Case {
        let mut c = crate::cases::start::sample("c1", "e4");
        c.framework.rule = Some(rule());
        c
    }

    fn rate(c: &mut Case, id: &str, rating: &str) {
        c.ratings.insert(
            id.to_owned(),
            Rating {
                rating: rating.into(),
                reason: "seen".into(),
            },
        );
    }

    fn ids(c: &Case, new: bool) -> Vec<String> {
        c.expectations
            .iter()
            .filter(|e| e.new == new)
            .map(|e| e.id.clone())
            .collect()
    }

    fn evidence_for(c: &mut Case, ids: Vec<String>, reported_by: Reporter) {
        c.evidence.push(Evidence {
            id: format!("ev-{}", c.evidence.len() + 1),
            what: "Shipped it".into(),
            when: String::new(),
            outcome: String::new(),
            link: None,
            reported_by,
            expectations: ids,
        });
    }

    #[test]
    fn a_case_without_a_pinned_rule_has_no_status() {
        let mut c = case();
        c.framework.rule = None;
        assert_eq!(status(&c), None);
    }

    #[test]
    fn an_empty_case_fails_the_rating_clauses_and_names_what_falls_short() {
        let c = case();
        let s = status(&c).unwrap_or_else(|| panic!("a rule"));
        assert!(!s.holds);
        let new = &s.clauses[0];
        assert_eq!(new.clause, Clause::New);
        assert!(!new.holds);
        let n = ids(&c, true).len();
        assert_eq!(new.short.len(), n);
        let first = crate::cases::names::expectation(&c, &ids(&c, true)[0]);
        assert!(
            new.why.starts_with(&format!(
                "{n} of {n} new expectations are not yet rated Meets or above: “{first}”"
            )),
            "{}",
            new.why
        );
        // A sentence names the first five and counts the rest.
        assert!(
            n > NAMED,
            "the sample has more new expectations than a sentence names"
        );
        assert!(
            new.why.ends_with(&format!(" and {} more.", n - NAMED)),
            "{}",
            new.why
        );
        assert_eq!(new.why.matches('“').count(), NAMED);
        // A screen lists the expectations apart: the summary only counts them.
        assert_eq!(
            new.summary,
            format!("{n} of {n} new expectations are not yet rated Meets or above.")
        );
        assert_eq!(s.clauses[2].why, "Nothing is rated yet.");
        assert_eq!(s.clauses[2].summary, "Nothing is rated yet.");
        assert!(s.clauses[2].holds);
    }

    #[test]
    fn the_rule_holds_as_ratings_and_evidence_from_others_are_added() {
        let mut c = case();
        let new = ids(&c, true);
        let carried = ids(&c, false);
        assert!(carried.len() > 2, "the sample carries expectations over");
        for id in &new {
            rate(&mut c, id, "meets");
        }
        // Two carried-over ones below meets are allowed, a third is not.
        for (i, id) in carried.iter().enumerate() {
            rate(&mut c, id, if i < 3 { "not-yet" } else { "meets" });
        }
        let s = status(&c).unwrap_or_else(|| panic!("a rule"));
        assert!(s.clauses[0].holds, "{}", s.clauses[0].why);
        assert!(!s.clauses[1].holds);
        assert!(
            s.clauses[1]
                .why
                .starts_with(&format!("3 of {} carried-over expectations are not yet rated Meets or above, more than the 2 allowed: “", carried.len())),
            "{}",
            s.clauses[1].why
        );
        rate(&mut c, &carried[2], "meets");
        let s = status(&c).unwrap_or_else(|| panic!("a rule"));
        assert!(s.clauses[1].holds, "{}", s.clauses[1].why);
        assert!(s.clauses[1].why.contains("within the 2 allowed"));

        // Evidence only from the candidate does not count.
        let all: Vec<String> = new.iter().chain(&carried).cloned().collect();
        evidence_for(&mut c, all.clone(), Reporter::Candidate);
        let s = status(&c).unwrap_or_else(|| panic!("a rule"));
        assert!(!s.clauses[2].holds);
        assert!(s.clauses[2].why.starts_with(&format!(
            "{0} of {0} ratings have no evidence from someone other than the candidate: “",
            all.len()
        )));
        assert!(!s.holds);
        evidence_for(&mut c, all.clone(), Reporter::Peer);
        let s = status(&c).unwrap_or_else(|| panic!("a rule"));
        assert_eq!(
            s.clauses[2].why,
            format!(
                "All {} ratings have evidence from someone other than the candidate.",
                all.len()
            )
        );
        assert!(s.holds);
    }

    #[test]
    fn a_promotion_goes_against_a_failing_rule_and_nothing_else_does() {
        let c = case();
        let mut d = Decision {
            outcome: "promoted".into(),
            rationale: "r".into(),
            dissent: String::new(),
            deciders: vec!["Cy".into()],
            date: "2026-12-01".into(),
            promote: true,
            against_rule: None,
        };
        assert!(goes_against(&c, &d));
        d.promote = false;
        assert!(!goes_against(&c, &d));
        let mut without = c.clone();
        without.framework.rule = None;
        d.promote = true;
        assert!(!goes_against(&without, &d));
    }
}
