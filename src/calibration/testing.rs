//! Cases to calibrate in tests: the bundled framework's sample case, another candidate on
//! the same track, a designer on another, and ways to rate and give evidence.

use crate::cases::start::{self, sample, Start};
use crate::cases::{Candidate, Case, Evidence, Rating, Reporter};
use crate::framework::model::Framework;

pub(crate) fn framework() -> Framework {
    crate::load_bundled().framework
}

/// Ana Lima, "Candidate 7", engineering e3 to e4.
pub(crate) fn ana(id: &str) -> Case {
    sample(id, "e4")
}

/// Tom Berg, "Candidate 3", engineering e3 to e4.
pub(crate) fn tom(id: &str) -> Case {
    let mut c = sample(id, "e4");
    c.candidate = Candidate {
        name: "Tom Berg".into(),
        alias: "Candidate 3".into(),
    };
    c
}

/// Lea Roth, "Candidate 5", product designer d2 to d3 (band 4, as e4).
pub(crate) fn lea(id: &str) -> Case {
    let started = start::start(
        &framework(),
        Start {
            id,
            candidate: Candidate {
                name: "Lea Roth".into(),
                alias: "Candidate 5".into(),
            },
            track: "product-designer",
            current: "d2",
            target: "d3",
            hash: "abc",
            commit: None,
        },
    );
    match started {
        Ok(c) => c,
        Err(e) => panic!("the designer's case starts: {e}"),
    }
}

/// The case's `n`th expectation's id.
pub(crate) fn exp(case: &Case, n: usize) -> String {
    case.expectations[n].id.clone()
}

/// The owner rates `expectation`.
pub(crate) fn rate(case: &mut Case, expectation: &str, rating: &str, reason: &str) {
    case.ratings.insert(
        expectation.to_owned(),
        Rating {
            rating: rating.into(),
            reason: reason.into(),
        },
    );
}

/// Adds sound evidence (dated, with an outcome) for `expectations`.
pub(crate) fn evidence(case: &mut Case, by: Reporter, when: &str, expectations: &[&str]) {
    let id = format!("ev-{}", case.evidence.len() + 1);
    case.evidence.push(Evidence {
        id,
        what: "Planned the migration of the billing service with the product manager".into(),
        when: when.into(),
        outcome: "Shipped on the agreed date; billing tickets fell by a third".into(),
        link: None,
        reported_by: by,
        expectations: expectations.iter().map(|e| (*e).to_owned()).collect(),
    });
}
