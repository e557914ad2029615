//! Starting a case from a framework: the target level's expectations pinned as they read
//! now, those new since the current level first, with the framework's version, content
//! hash and git commit. Pure: [`super::create`] checks what a person handed in, gives the
//! case an id and stores it.

use super::{Candidate, Case, Pinned, PinnedExpectation};
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
            craft_specific: framework
                .competency(a.competency)
                .is_some_and(|c| c.tracks.is_some()),
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
        craft: Some(track.craft.clone()),
        owner_craft: None,
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
            rule: framework.rule_for(track).cloned(),
        },
        names,
        expectations,
        evidence: Vec::new(),
        ratings: Default::default(),
        self_ratings: Default::default(),
        specialists: Vec::new(),
        differences: Default::default(),
        recommendation: None,
        decision: None,
        issued: 0,
        self_assessment: false,
        owner: None,
        period: None,
        reviews: Vec::new(),
        recalibrations: Vec::new(),
        acknowledged: Vec::new(),
        reveals: Vec::new(),
        review_for: None,
    })
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
}
