//! Checking a case: which expectations lack evidence, have only the candidate's own word,
//! or are rated without a reason; and which evidence is too weak to carry a decision (no
//! outcome, no date, vague or personal wording). What `rung case check` and the editor's
//! gaps panel report.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Case, Evidence, Reporter};

/// Where a case stands: the gaps a reader must see.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct Coverage {
    /// Expectations with no evidence at all.
    pub no_evidence: Vec<String>,
    /// Expectations whose only evidence is the candidate's own.
    pub self_only: Vec<String>,
    /// Expectations whose only evidence judges the person ("abrasive", "not a culture
    /// fit") instead of saying what they did: it counts once it is reworded.
    pub judges_person: Vec<String>,
    /// Expectations not rated yet.
    pub unrated: Vec<String>,
    /// Expectations rated without a reason.
    pub no_reason: Vec<String>,
    /// Where the case owner's rating differs from a specialist's and the owner has not
    /// said why.
    #[ts(as = "Option<Vec<Disagreement>>", optional)]
    pub unexplained: Vec<Disagreement>,
    /// When the case owner is not of the track's craft: the expectations of the craft's
    /// own competencies that no specialist has given a view of yet.
    #[ts(as = "Option<Vec<String>>", optional)]
    pub no_specialist: Vec<String>,
    /// How many expectations the case has.
    pub total: u32,
    /// How many have evidence from someone other than the candidate.
    pub supported: u32,
    /// How many have evidence that counts, the candidate's own included.
    pub with_evidence: u32,
}

impl Coverage {
    /// Whether nothing is missing.
    pub fn is_complete(&self) -> bool {
        self.no_evidence.is_empty()
            && self.self_only.is_empty()
            && self.judges_person.is_empty()
            && self.unrated.is_empty()
            && self.no_reason.is_empty()
            && self.unexplained.is_empty()
            && self.no_specialist.is_empty()
    }
}

/// The case owner's rating of an expectation beside a specialist's different one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Disagreement {
    /// The expectation's ID.
    pub expectation: String,
    /// The specialist input's id.
    pub specialist: String,
    /// Who the specialist is.
    pub who: String,
    /// The case owner's rating id.
    pub owner: String,
    /// The specialist's rating id.
    pub theirs: String,
}

impl Disagreement {
    /// The gap in words: `Your rating differs from Bo Chen's; say why`.
    pub fn gap(&self) -> String {
        format!("Your rating differs from {}'s; say why", self.who)
    }
}

/// Every place where the case owner's rating of an expectation differs from a
/// specialist's rating of it, in the case's order, whether or not the owner said why.
pub fn disagreements(case: &Case) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for e in &case.expectations {
        let Some(owner) = case.ratings.get(&e.id) else {
            continue;
        };
        for s in &case.specialists {
            match s.ratings.get(&e.id) {
                Some(theirs) if theirs.rating != owner.rating => out.push(Disagreement {
                    expectation: e.id.clone(),
                    specialist: s.id.clone(),
                    who: s.who.clone(),
                    owner: owner.rating.clone(),
                    theirs: theirs.rating.clone(),
                }),
                _ => {}
            }
        }
    }
    out
}

/// The gap a case of another craft than its owner's shows: `No specialist view yet`.
pub const NO_SPECIALIST: &str = "No specialist view yet";

/// The gaps of a case. Evidence that judges the person rather than describing what they
/// did (a [`Weakness::Personality`] finding) supports nothing until it is reworded.
pub fn coverage(case: &Case) -> Coverage {
    let mut c = Coverage {
        total: u32::try_from(case.expectations.len()).unwrap_or(u32::MAX),
        ..Coverage::default()
    };
    let judging: std::collections::HashSet<String> = lint_evidence(&case.evidence)
        .into_iter()
        .filter(|f| f.weakness == Weakness::Personality)
        .map(|f| f.evidence)
        .collect();
    for e in &case.expectations {
        let about: Vec<&Evidence> = case
            .evidence
            .iter()
            .filter(|ev| ev.expectations.contains(&e.id))
            .collect();
        let reporters: Vec<Reporter> = about
            .iter()
            .filter(|ev| !judging.contains(&ev.id))
            .map(|ev| ev.reported_by)
            .chain(
                case.specialists
                    .iter()
                    .filter(|s| s.expectations.contains(&e.id))
                    .map(|_| Reporter::Specialist),
            )
            .collect();
        if reporters.is_empty() && about.is_empty() {
            c.no_evidence.push(e.id.clone());
        } else if reporters.is_empty() {
            c.judges_person.push(e.id.clone());
        } else if reporters.iter().all(|r| *r == Reporter::Candidate) {
            c.self_only.push(e.id.clone());
            c.with_evidence += 1;
        } else {
            c.supported += 1;
            c.with_evidence += 1;
        }
        match case.ratings.get(&e.id) {
            None => c.unrated.push(e.id.clone()),
            Some(r) if r.reason.trim().is_empty() => c.no_reason.push(e.id.clone()),
            Some(_) => {}
        }
        let other_craft = match (&case.craft, &case.owner_craft) {
            (Some(craft), Some(owner)) => craft != owner,
            _ => false,
        };
        if other_craft
            && e.craft_specific
            && !case
                .specialists
                .iter()
                .any(|s| s.expectations.contains(&e.id))
        {
            c.no_specialist.push(e.id.clone());
        }
    }
    c.unexplained = disagreements(case)
        .into_iter()
        .filter(|d| {
            case.differences
                .get(&d.expectation)
                .is_none_or(|why| why.trim().is_empty())
        })
        .collect();
    c
}

/// What is wrong with a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Weakness {
    /// It says nothing of what came of the work.
    NoOutcome,
    /// It has no date or period.
    NoDate,
    /// A word that rates rather than describes.
    Vague,
    /// A claim of always or never.
    Absolute,
    /// A word about the person rather than what they did.
    Personality,
}

/// One weakness of one piece of evidence, with what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    /// The evidence's id.
    pub evidence: String,
    /// What kind of weakness.
    pub weakness: Weakness,
    /// The word or phrase that gave it away, if a word did.
    pub word: Option<String>,
    /// What is wrong, in a sentence.
    pub problem: String,
    /// What better evidence would say.
    pub suggestion: String,
}

#[derive(Debug, Deserialize)]
struct WordGroup {
    kind: Weakness,
    problem: String,
    suggestion: String,
    words: Vec<String>,
}

/// The word list, kept as data beside this file.
const WORDS: &str = include_str!("evidence-words.yaml");

/// The word list, parsed once: coverage lints every case it counts.
static GROUPS: std::sync::LazyLock<Vec<WordGroup>> = std::sync::LazyLock::new(|| {
    // The list is part of the binary and a test parses it; should it ever fail, the lint
    // goes quiet rather than stopping a case from opening.
    serde_saphyr::from_str(WORDS).unwrap_or_default()
});

fn word_groups() -> &'static [WordGroup] {
    &GROUPS
}

/// A text's words, lowercased, as the word list matches them.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `words` (see [`words_of`]) hold `phrase` (lowercase) as whole words.
fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
}

/// The weaknesses of each piece of evidence of a case.
pub fn lint_evidence(evidence: &[Evidence]) -> Vec<Finding> {
    let groups = word_groups();
    let mut out = Vec::new();
    for ev in evidence {
        if ev.outcome.trim().is_empty() {
            out.push(Finding {
                evidence: ev.id.clone(),
                weakness: Weakness::NoOutcome,
                word: None,
                problem: "says what was done but not what came of it".into(),
                suggestion: "add the outcome: what changed for users, the team or the business, with a number where there is one".into(),
            });
        }
        if !ev.when.chars().any(|c| c.is_ascii_digit()) {
            out.push(Finding {
                evidence: ev.id.clone(),
                weakness: Weakness::NoDate,
                word: None,
                problem: "has no date".into(),
                suggestion:
                    "add when it happened, such as 2026-09 or Q3 2026, so a reader can place it"
                        .into(),
            });
        }
        // Split once: every word of the list is looked for in the same words.
        let text = words_of(&format!("{} {}", ev.what, ev.outcome));
        for group in groups {
            if let Some(word) = group
                .words
                .iter()
                .find(|w| contains_phrase(&text, &w.to_lowercase()))
            {
                out.push(Finding {
                    evidence: ev.id.clone(),
                    weakness: group.kind,
                    word: Some(word.clone()),
                    problem: group.problem.clone(),
                    suggestion: group.suggestion.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::start::sample;
    use crate::cases::Rating;

    fn start_e4() -> Case {
        sample("c1", "e4")
    }

    #[test]
    fn a_rating_that_differs_from_a_specialists_asks_for_the_reason() {
        let mut case = start_e4();
        let a = case.expectations[0].id.clone();
        let view = crate::cases::edit::tests::view(&case, "emerging");
        crate::cases::edit::apply(&mut case, view).expect("view");
        assert!(disagreements(&case).is_empty(), "no owner's rating yet");
        let rate = |rating: &str| crate::cases::edit::Edit::Rate {
            expectation: a.clone(),
            rating: rating.into(),
            reason: "the year's work".into(),
        };
        crate::cases::edit::apply(&mut case, rate("emerging")).expect("rate");
        assert!(coverage(&case).unexplained.is_empty(), "the same rating");
        crate::cases::edit::apply(&mut case, rate("meets")).expect("rate");
        let cov = coverage(&case);
        assert_eq!(
            cov.unexplained
                .iter()
                .map(|d| (
                    d.expectation.as_str(),
                    d.gap(),
                    d.owner.as_str(),
                    d.theirs.as_str()
                ))
                .collect::<Vec<_>>(),
            [(
                a.as_str(),
                "Your rating differs from Bo Chen's; say why".to_owned(),
                "meets",
                "emerging"
            )]
        );
        assert!(!cov.is_complete());
        let explain = crate::cases::edit::Edit::ExplainDifference {
            expectation: a.clone(),
            reason: "Bo saw one project; I saw the year.".into(),
        };
        crate::cases::edit::apply(&mut case, explain).expect("reason");
        assert!(coverage(&case).unexplained.is_empty());
        assert_eq!(
            disagreements(&case).len(),
            1,
            "still a difference, now explained"
        );
    }

    #[test]
    fn an_owner_of_another_craft_sees_the_crafts_expectations_without_a_specialist() {
        let mut case = start_e4();
        assert_eq!(case.craft.as_deref(), Some("engineering"));
        let specific: Vec<String> = case
            .expectations
            .iter()
            .filter(|e| e.craft_specific)
            .map(|e| e.id.clone())
            .collect();
        assert!(!specific.is_empty() && specific.len() < case.expectations.len());
        assert!(coverage(&case).no_specialist.is_empty(), "no owner's craft");
        case.owner_craft = Some("engineering".into());
        assert!(coverage(&case).no_specialist.is_empty(), "the same craft");
        case.owner_craft = Some("design".into());
        assert_eq!(coverage(&case).no_specialist, specific);
        let view = crate::cases::edit::Edit::AddSpecialist {
            who: "Bo Chen".into(),
            craft: "engineering".into(),
            level: String::new(),
            said: "Sound design work.".into(),
            expectations: vec![specific[0].clone()],
            reviewed: Vec::new(),
            ratings: Default::default(),
            confidence: None,
            conflict: String::new(),
        };
        crate::cases::edit::apply(&mut case, view).expect("view");
        assert_eq!(coverage(&case).no_specialist, specific[1..]);
        assert_eq!(NO_SPECIALIST, "No specialist view yet");
    }

    #[test]
    fn coverage_shows_missing_evidence_self_reports_and_missing_reasons() {
        let mut case = start_e4();
        let [a, b, c] = [0, 1, 2].map(|i| case.expectations[i].id.clone());
        case.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Led the billing migration".into(),
            when: "2026-09".into(),
            outcome: "No invoice was late".into(),
            link: None,
            reported_by: Reporter::Owner,
            expectations: vec![a.clone()],
        });
        case.evidence.push(Evidence {
            id: "ev-2".into(),
            what: "Ran the team's planning".into(),
            when: "2026-10".into(),
            outcome: "Plan agreed in a day".into(),
            link: None,
            reported_by: Reporter::Candidate,
            expectations: vec![b.clone()],
        });
        case.ratings.insert(
            a.clone(),
            Rating {
                rating: "meets".into(),
                reason: "billing".into(),
            },
        );
        case.ratings.insert(
            b.clone(),
            Rating {
                rating: "meets".into(),
                reason: " ".into(),
            },
        );
        let cov = coverage(&case);
        assert!(!cov.no_evidence.contains(&a) && !cov.self_only.contains(&a));
        assert_eq!(cov.self_only, std::slice::from_ref(&b));
        assert!(cov.no_evidence.contains(&c));
        assert_eq!(cov.no_reason, [b]);
        assert!(cov.unrated.contains(&c));
        assert_eq!(cov.supported, 1);
        assert!(!cov.is_complete());
    }

    #[test]
    fn evidence_that_judges_the_person_supports_nothing_until_reworded() {
        let mut case = start_e4();
        let [a, b, c] = [0, 1, 2].map(|i| case.expectations[i].id.clone());
        let ev = |id: &str, what: &str, reported_by: Reporter, on: &[&String]| Evidence {
            id: id.into(),
            what: what.into(),
            when: "2026-09".into(),
            outcome: "The team changed how crits run".into(),
            link: None,
            reported_by,
            expectations: on.iter().map(|x| (*x).clone()).collect(),
        };
        // A peer's word about the person, on `a` and `b`; the candidate's own on `b`;
        // a peer's account of the work on `c`.
        case.evidence.push(ev(
            "ev-1",
            "Dana is abrasive in crits",
            Reporter::Peer,
            &[&a, &b],
        ));
        case.evidence.push(ev(
            "ev-2",
            "Ran the design crit every week",
            Reporter::Candidate,
            &[&b],
        ));
        case.evidence.push(ev(
            "ev-3",
            "Rewrote the crit format with the team",
            Reporter::Peer,
            &[&c],
        ));
        let cov = coverage(&case);
        assert_eq!(cov.judges_person, std::slice::from_ref(&a));
        assert!(
            !cov.no_evidence.contains(&a),
            "it has evidence, if none that counts"
        );
        assert!(
            cov.self_only.contains(&b),
            "the peer's word on `b` does not count"
        );
        assert_eq!(cov.supported, 1, "only `c`");
        assert_eq!(cov.with_evidence, 2, "`b` and `c`");
        assert!(!cov.is_complete());
        // Reworded to say what happened, it counts.
        case.evidence[0].what = "Stopped a crit to ask for the research behind a flow".into();
        let cov = coverage(&case);
        assert!(cov.judges_person.is_empty(), "{cov:?}");
        assert_eq!(cov.supported, 3);
        assert_eq!(cov.with_evidence, 3);
    }

    #[test]
    fn weak_evidence_is_flagged_with_what_to_write_instead() {
        let ev = |id: &str, what: &str, when: &str, outcome: &str| Evidence {
            id: id.into(),
            what: what.into(),
            when: when.into(),
            outcome: outcome.into(),
            link: None,
            reported_by: Reporter::Peer,
            expectations: Vec::new(),
        };
        let findings = lint_evidence(&[
            ev(
                "good",
                "Split the checkout service into two",
                "2026-08",
                "Deploys went from weekly to daily",
            ),
            ev(
                "vague",
                "Did a great job on the launch",
                "2026-08",
                "Customers liked it",
            ),
            ev("bare", "Helped with hiring", "", ""),
            ev(
                "person",
                "Can be abrasive in reviews and is always late",
                "Q3 2026",
                "Two people asked to move team",
            ),
            ev("fit", "Not a culture fit", "2026-07", "Left the project"),
        ]);
        let of = |id: &str| -> Vec<Weakness> {
            findings
                .iter()
                .filter(|f| f.evidence == id)
                .map(|f| f.weakness)
                .collect()
        };
        assert!(of("good").is_empty(), "{findings:?}");
        assert_eq!(of("vague"), [Weakness::Vague]);
        assert_eq!(of("bare"), [Weakness::NoOutcome, Weakness::NoDate]);
        assert_eq!(of("person"), [Weakness::Absolute, Weakness::Personality]);
        assert_eq!(of("fit"), [Weakness::Personality]);
        assert!(findings.iter().all(|f| !f.suggestion.is_empty()));
    }

    #[test]
    fn the_word_list_parses_and_every_group_has_words() {
        let groups = word_groups();
        assert_eq!(groups.len(), 3);
        assert!(groups
            .iter()
            .all(|g| !g.words.is_empty() && !g.suggestion.is_empty()));
    }
}
