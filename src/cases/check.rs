//! Starting a case from a framework, and checking one: which expectations lack evidence,
//! have only the candidate's own word, or are rated without a reason; and which evidence
//! is too weak to carry a decision (no outcome, no date, vague or personal wording).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Candidate, Case, Evidence, Pinned, PinnedExpectation, Reporter};
use crate::framework::model::Framework;

/// Why a case could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    /// No such track.
    #[error("there is no track `{0}`")]
    UnknownTrack(String),
    /// No such level in the track.
    #[error("track `{0}` has no level `{1}`")]
    UnknownLevel(String, String),
    /// The target is not above the current level.
    #[error("the target level `{1}` is not above the current level `{0}`")]
    NotAbove(String, String),
    /// The alias would give the candidate away in blind review.
    #[error("the alias contains `{0}`, part of the candidate's name; choose one that does not")]
    AliasRevealsName(String),
}

/// What a new case needs besides the framework.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    /// The case's id.
    pub id: &'a str,
    /// Who it is about.
    pub candidate: Candidate,
    /// The track.
    pub track: &'a str,
    /// The level held now.
    pub current: &'a str,
    /// The level argued for.
    pub target: &'a str,
    /// The framework's content hash.
    pub hash: &'a str,
    /// The framework folder's git commit, when it has one.
    pub commit: Option<String>,
}

/// A new case: the target level's expectations pinned as they read now, those new since
/// the current level first.
pub fn start(framework: &Framework, s: Start<'_>) -> Result<Case, StartError> {
    let track = framework
        .track(s.track)
        .ok_or_else(|| StartError::UnknownTrack(s.track.to_owned()))?;
    let level = |id: &str| {
        track
            .level(id)
            .ok_or_else(|| StartError::UnknownLevel(s.track.to_owned(), id.to_owned()))
    };
    let (current, target) = (level(s.current)?, level(s.target)?);
    let alias = &s.candidate.alias;
    if let Some(part) = super::blind::name_parts(&s.candidate.name)
        .into_iter()
        .find(|p| super::blind::replace_names(alias, std::slice::from_ref(p), "") != *alias)
    {
        return Err(StartError::AliasRevealsName(part));
    }
    if target.band <= current.band {
        return Err(StartError::NotAbove(
            s.current.to_owned(),
            s.target.to_owned(),
        ));
    }
    let held: std::collections::HashSet<&str> = framework
        .applicable(track, current)
        .iter()
        .map(|a| a.expectation.id.as_str())
        .collect();
    let mut expectations: Vec<PinnedExpectation> = framework
        .applicable(track, target)
        .iter()
        .map(|a| PinnedExpectation {
            id: a.expectation.id.clone(),
            competency: a.competency.to_owned(),
            text: a.expectation.text.clone(),
            new: !held.contains(a.expectation.id.as_str()),
        })
        .collect();
    // New first; within each group, the framework's order.
    expectations.sort_by_key(|e| !e.new);
    let names = super::names::pin(
        framework,
        track,
        s.current,
        s.target,
        expectations.iter().map(|e| e.competency.clone()),
    );
    Ok(Case {
        id: s.id.to_owned(),
        candidate: s.candidate,
        track: s.track.to_owned(),
        current_level: s.current.to_owned(),
        target_level: s.target.to_owned(),
        framework: Pinned {
            name: framework.name.clone(),
            version: framework.version.clone(),
            hash: s.hash.to_owned(),
            commit: s.commit,
            scale: framework
                .rating
                .iter()
                .map(|r| super::ScaleStep {
                    id: r.id.clone(),
                    name: r.name.clone(),
                })
                .collect(),
        },
        names,
        expectations,
        evidence: Vec::new(),
        ratings: Default::default(),
        self_ratings: Default::default(),
        specialists: Vec::new(),
        recommendation: None,
        decision: None,
        issued: 0,
        self_assessment: false,
    })
}

/// How one pinned expectation reads in the framework now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Drifted {
    /// Its words changed.
    Reworded {
        /// The expectation's ID.
        id: String,
        /// Its text now.
        now: String,
        /// What changed, word by word.
        diff: Vec<crate::compare::DiffPart>,
    },
    /// It is no longer an expectation of the target level.
    Removed {
        /// The expectation's ID.
        id: String,
    },
    /// The target level asks for it now, and did not when the case began.
    Added {
        /// The expectation's ID.
        id: String,
        /// Its text.
        text: String,
    },
}

/// What changed in the framework since a case began, if anything. The case stays
/// readable on its pinned text; this says what a reader should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Drift {
    /// The content hash the case was begun on.
    pub pinned_hash: String,
    /// The content hash now.
    pub current_hash: String,
    /// The framework's version now.
    pub current_version: String,
    /// Per expectation, what changed; empty when only other parts of the framework did.
    pub changes: Vec<Drifted>,
}

/// Compares a case's pinned expectations with the framework as it is now; `None` when
/// the framework is the one the case was begun on.
pub fn drift(case: &Case, framework: &Framework, current_hash: &str) -> Option<Drift> {
    if case.framework.hash == current_hash {
        return None;
    }
    let now: Vec<(String, String)> = framework
        .track(&case.track)
        .and_then(|t| t.level(&case.target_level).map(|l| (t, l)))
        .map(|(t, l)| {
            framework
                .applicable(t, l)
                .iter()
                .map(|a| (a.expectation.id.clone(), a.expectation.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut changes = Vec::new();
    for pinned in &case.expectations {
        match now.iter().find(|(id, _)| *id == pinned.id) {
            None => changes.push(Drifted::Removed {
                id: pinned.id.clone(),
            }),
            Some((_, text)) if *text != pinned.text => changes.push(Drifted::Reworded {
                id: pinned.id.clone(),
                diff: crate::compare::word_diff(&pinned.text, text),
                now: text.clone(),
            }),
            Some(_) => {}
        }
    }
    for (id, text) in &now {
        if !case.expectations.iter().any(|p| p.id == *id) {
            changes.push(Drifted::Added {
                id: id.clone(),
                text: text.clone(),
            });
        }
    }
    Some(Drift {
        pinned_hash: case.framework.hash.clone(),
        current_hash: current_hash.to_owned(),
        current_version: framework.version.clone(),
        changes,
    })
}

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
    }
}

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
    }
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

fn contains_phrase(text: &str, phrase: &str) -> bool {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
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
        let text = format!("{} {}", ev.what, ev.outcome);
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

/// A case of the bundled framework for tests: Ana Lima ("Candidate 7"), engineering, from
/// e3 to `target`.
#[cfg(test)]
pub(crate) fn sample(id: &str, target: &str) -> Case {
    let started = start(
        &crate::load_bundled().framework,
        Start {
            id,
            candidate: Candidate {
                name: "Ana Lima".into(),
                alias: "Candidate 7".into(),
            },
            track: "engineering",
            current: "e3",
            target,
            hash: "abc",
            commit: None,
        },
    );
    match started {
        Ok(case) => case,
        Err(e) => panic!("the sample case starts: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Rating;

    fn start_e4() -> Case {
        sample("c1", "e4")
    }

    #[test]
    fn a_case_pins_the_target_expectations_new_ones_first() {
        let case = start_e4();
        let f = crate::load_bundled().framework;
        let track = f.track("engineering").expect("track");
        assert_eq!(
            case.expectations.len(),
            f.applicable(track, track.level("e4").expect("e4")).len()
        );
        let first_old = case
            .expectations
            .iter()
            .position(|e| !e.new)
            .expect("inherited ones");
        assert!(first_old > 5);
        assert!(case.expectations[..first_old].iter().all(|e| e.new));
        assert!(case.expectations[first_old..].iter().all(|e| !e.new));
        assert!(case.expectations[0].id.starts_with("engineering/e4/"));
        assert_eq!(case.framework.version, "2026.1");
        let err = |current: &str, target: &str| {
            start(
                &f,
                Start {
                    id: "c",
                    candidate: case.candidate.clone(),
                    track: "engineering",
                    current,
                    target,
                    hash: "abc",
                    commit: None,
                },
            )
            .map(|_| ())
        };
        assert_eq!(
            err("e4", "e3"),
            Err(StartError::NotAbove("e4".into(), "e3".into()))
        );
        assert_eq!(
            err("e4", "e9"),
            Err(StartError::UnknownLevel("engineering".into(), "e9".into()))
        );
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
    fn a_case_says_what_changed_in_the_framework_since_it_began() {
        let case = start_e4();
        let mut files = crate::files::bundled::sources().0;
        assert_eq!(drift(&case, &crate::load_bundled().framework, "abc"), None);
        let e4 = files
            .iter_mut()
            .find(|f| f.path == "tracks/engineering/e4.md")
            .expect("e4");
        // The first new expectation reworded, its key kept; the second one gone.
        let first = case.expectations[0].clone();
        let second = case.expectations[1].clone();
        let key = first.id.rsplit('/').next().unwrap_or("");
        let text = e4
            .text
            .replacen(
                &first.text,
                &format!("{} {{#{key}}}", first.text.replacen("Leads", "Runs", 1)),
                1,
            )
            .replacen(&format!("- {}\n", second.text), "", 1);
        assert_ne!(text, e4.text);
        *e4 = crate::SourceFile::new(&e4.path, text);
        let changed = crate::load(files, Vec::new()).framework;
        let d = drift(&case, &changed, "def").expect("drift");
        assert_eq!(d.pinned_hash, "abc");
        assert!(d.changes.iter().any(|c| matches!(c, Drifted::Reworded { id, now, .. } if *id == first.id && now.starts_with("Runs"))), "{d:#?}");
        assert!(
            d.changes
                .iter()
                .any(|c| matches!(c, Drifted::Removed { id } if *id == second.id)),
            "{d:#?}"
        );
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
