//! Self-assessments: an employee fills in a case for themselves (their evidence, their
//! ratings) and exports it as a case file; their STO imports it into the real case, where
//! the evidence counts as the candidate's own and the two sets of ratings read side by side.

use serde::Serialize;
use ts_rs::TS;

use super::{Case, Rating, Source};

/// One expectation's two ratings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RatingPair {
    /// The expectation's ID.
    pub expectation: String,
    /// The candidate's own rating, if they gave one.
    pub candidate: Option<Rating>,
    /// The case owner's, if given yet.
    pub owner: Option<Rating>,
    /// Whether both are given and differ.
    pub differ: bool,
}

/// Takes a self-assessment into a case: its evidence is added as the candidate's own
/// (with ids `self-1`, `self-2`, …, replacing any earlier import), its ratings become the
/// case's self-ratings. Refused when it is about another track or target level.
pub fn import(case: &mut Case, assessment: &Case) -> Result<(), String> {
    if !assessment.self_assessment {
        return Err("this file is a promotion case, not a self-assessment; \
                    a self-assessment is started with `rung case new --self-assessment` or \
                    \"Assess yourself\" in the app"
            .into());
    }
    if case.self_assessment {
        return Err(
            "a self-assessment is taken into a promotion case, not into another self-assessment"
                .into(),
        );
    }
    if assessment.track != case.track || assessment.target_level != case.target_level {
        return Err(format!(
            "this self-assessment is for `{}` level `{}`, and the case for `{}` level `{}`",
            assessment.track, assessment.target_level, case.track, case.target_level
        ));
    }
    let known = |id: &String| case.expectations.iter().any(|e| e.id == *id);
    let kept = case
        .evidence
        .iter()
        .filter(|e| !e.id.starts_with("self-"))
        .count();
    let brought = assessment
        .evidence
        .iter()
        .filter(|e| e.expectations.iter().any(known))
        .count();
    if kept + brought + case.specialists.len() > super::MAX_ITEMS {
        return Err(format!(
            "with this self-assessment the case would hold more than {} pieces of evidence and specialist input",
            super::MAX_ITEMS
        ));
    }
    case.evidence.retain(|e| !e.id.starts_with("self-"));
    let mut n = 0;
    for ev in &assessment.evidence {
        let expectations: Vec<String> = ev
            .expectations
            .iter()
            .filter(|x| known(x))
            .cloned()
            .collect();
        if expectations.is_empty() {
            continue;
        }
        n += 1;
        let mut ev = ev.clone();
        ev.id = format!("self-{n}");
        ev.source = Source::Candidate;
        ev.expectations = expectations;
        case.evidence.push(ev);
    }
    case.self_ratings = assessment
        .ratings
        .iter()
        .filter(|(id, _)| known(id))
        .map(|(id, r)| (id.clone(), r.clone()))
        .collect();
    Ok(())
}

/// Both ratings of every expectation of a case, in the case's order.
pub fn side_by_side(case: &Case) -> Vec<RatingPair> {
    case.expectations
        .iter()
        .map(|e| {
            let candidate = case.self_ratings.get(&e.id).cloned();
            let owner = case.ratings.get(&e.id).cloned();
            let differ = matches!((&candidate, &owner), (Some(a), Some(b)) if a.rating != b.rating);
            RatingPair {
                expectation: e.id.clone(),
                candidate,
                owner,
                differ,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::check::coverage;
    use crate::cases::Evidence;

    fn case(id: &str, target: &str) -> Case {
        crate::cases::check::sample(id, target)
    }

    #[test]
    fn a_self_assessment_brings_the_candidates_evidence_and_ratings() {
        let mut mine = case("self", "e4");
        mine.self_assessment = true;
        let [a, b] = [0, 1].map(|i| mine.expectations[i].id.clone());
        mine.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Led the billing migration".into(),
            when: "2026-09".into(),
            outcome: "No invoice was late".into(),
            link: None,
            source: Source::Owner, // whatever the file says, it is the candidate's own
            expectations: vec![a.clone(), "engineering/e9/unknown".into()],
        });
        mine.ratings.insert(
            a.clone(),
            Rating {
                rating: "exceeds".into(),
                reason: "big".into(),
            },
        );
        mine.ratings.insert(
            b.clone(),
            Rating {
                rating: "meets".into(),
                reason: "ok".into(),
            },
        );

        let mut real = case("c1", "e4");
        real.ratings.insert(
            a.clone(),
            Rating {
                rating: "meets".into(),
                reason: "solid".into(),
            },
        );
        import(&mut real, &mine).expect("import");
        import(&mut real, &mine).expect("importing again replaces");
        assert_eq!(real.evidence.len(), 1);
        assert_eq!(real.evidence[0].id, "self-1");
        assert_eq!(real.evidence[0].source, Source::Candidate);
        assert_eq!(real.evidence[0].expectations, std::slice::from_ref(&a));
        // Only the candidate's word: coverage says so.
        assert!(coverage(&real).self_only.contains(&a));
        let pairs = side_by_side(&real);
        assert!(pairs[0].differ, "{:?}", pairs[0]);
        assert_eq!(
            pairs[1].candidate.as_ref().map(|r| r.rating.as_str()),
            Some("meets")
        );
        assert_eq!(pairs[1].owner, None);
        assert!(!pairs[1].differ);

        let mut other = case("x", "e5");
        other.self_assessment = true;
        assert!(import(&mut real, &other).is_err_and(|e| e.contains("level `e5`")));
        // A promotion case is not a self-assessment, and one is not taken into another.
        let before = real.clone();
        let promotion = case("c2", "e4");
        assert!(import(&mut real, &promotion).is_err_and(|e| e.contains("not a self-assessment")));
        let mut own = mine.clone();
        assert!(import(&mut own, &mine).is_err_and(|e| e.contains("another self-assessment")));
        assert_eq!(real, before);
    }
}
