//! Self-assessments: an employee fills in a case for themselves (their evidence, their
//! ratings) and exports it as a case file; their STO imports it into the real case, where
//! the evidence counts as the candidate's own and the two sets of ratings read side by side.

use serde::Serialize;
use ts_rs::TS;

use super::{Case, Rating, Reporter, MAX_ITEMS};

/// Why a self-assessment could not be taken into a case; the case is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelfAssessmentError {
    /// The file is a promotion case.
    #[error(
        "this file is a promotion case, not a self-assessment; \
         a self-assessment is started with `rung case new --self-assessment` or \
         \"Assess yourself\" in the app"
    )]
    NotASelfAssessment,
    /// The case to take it into is a self-assessment itself.
    #[error("a self-assessment is taken into a promotion case, not into another self-assessment")]
    IntoASelfAssessment,
    /// The two are about different tracks or target levels.
    #[error(
        "this self-assessment is for `{track}` level `{level}`, \
         and the case for `{case_track}` level `{case_level}`"
    )]
    OtherLevel {
        /// The self-assessment's track.
        track: String,
        /// The self-assessment's target level.
        level: String,
        /// The case's track.
        case_track: String,
        /// The case's target level.
        case_level: String,
    },
    /// The case would hold more than [`MAX_ITEMS`] pieces of evidence and input.
    #[error(
        "with this self-assessment the case would hold more than {MAX_ITEMS} pieces of \
         evidence and specialist input"
    )]
    Full,
}

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
pub fn import(case: &mut Case, assessment: &Case) -> Result<(), SelfAssessmentError> {
    if !assessment.self_assessment {
        return Err(SelfAssessmentError::NotASelfAssessment);
    }
    if case.self_assessment {
        return Err(SelfAssessmentError::IntoASelfAssessment);
    }
    if assessment.track != case.track || assessment.target_level != case.target_level {
        return Err(SelfAssessmentError::OtherLevel {
            track: assessment.track.clone(),
            level: assessment.target_level.clone(),
            case_track: case.track.clone(),
            case_level: case.target_level.clone(),
        });
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
    if kept + brought + case.specialists.len() > MAX_ITEMS {
        return Err(SelfAssessmentError::Full);
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
        ev.reported_by = Reporter::Candidate;
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
        crate::cases::start::sample(id, target)
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
            reported_by: Reporter::Owner, // whatever the file says, it is the candidate's own
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
        assert_eq!(real.evidence[0].reported_by, Reporter::Candidate);
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
        let refusal = |case: &mut Case, assessment: &Case| {
            import(case, assessment).map_err(|e| e.to_string())
        };
        assert_eq!(
            refusal(&mut real, &other),
            Err("this self-assessment is for `engineering` level `e5`, \
                 and the case for `engineering` level `e4`"
                .into())
        );
        // A promotion case is not a self-assessment, and one is not taken into another.
        let before = real.clone();
        let promotion = case("c2", "e4");
        assert_eq!(
            refusal(&mut real, &promotion),
            Err(
                "this file is a promotion case, not a self-assessment; a self-assessment is \
                 started with `rung case new --self-assessment` or \"Assess yourself\" in the app"
                    .into()
            )
        );
        let mut own = mine.clone();
        assert_eq!(
            refusal(&mut own, &mine),
            Err("a self-assessment is taken into a promotion case, not into another self-assessment".into())
        );
        assert_eq!(real, before);
    }

    #[test]
    fn a_self_assessment_that_would_overfill_the_case_is_refused() {
        assert_eq!(
            SelfAssessmentError::Full.to_string(),
            "with this self-assessment the case would hold more than 2000 pieces of evidence \
             and specialist input"
        );
    }
}
