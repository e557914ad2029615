//! How strong the evidence behind each expectation of a case is: how many items, from
//! whom, how many the evidence lint flags as weak, and whether that is corroborated.

use std::collections::{HashMap, HashSet};

use super::{Strength, Thresholds};
use crate::cases::check::lint_evidence;
use crate::cases::{Case, Reporter};

/// The strength of every expectation of one case, computed once.
pub(crate) struct Strengths {
    by_expectation: HashMap<String, Strength>,
}

impl Strengths {
    /// Counts `case`'s evidence per expectation.
    pub(crate) fn of(case: &Case, thresholds: &Thresholds) -> Strengths {
        let weak: HashSet<String> = lint_evidence(&case.evidence)
            .into_iter()
            .map(|f| f.evidence)
            .collect();
        let mut by_expectation: HashMap<String, Strength> = HashMap::new();
        for ev in &case.evidence {
            for id in &ev.expectations {
                let s = by_expectation.entry(id.clone()).or_default();
                if s.ids.contains(&ev.id) {
                    continue;
                }
                s.items += 1;
                match ev.reported_by {
                    Reporter::Candidate => s.by_candidate += 1,
                    Reporter::Owner => s.by_owner += 1,
                    Reporter::Peer => s.by_peer += 1,
                    Reporter::Specialist => s.by_specialist += 1,
                }
                if weak.contains(&ev.id) {
                    s.weak += 1;
                }
                s.ids.push(ev.id.clone());
            }
        }
        for s in by_expectation.values_mut() {
            s.corroborated = s.items >= thresholds.corroborated_items
                && s.items - s.by_candidate >= thresholds.corroborated_others;
        }
        Strengths { by_expectation }
    }

    /// The strength of one expectation's evidence; none when it has none.
    pub(crate) fn of_expectation(&self, id: &str) -> Strength {
        self.by_expectation.get(id).cloned().unwrap_or_default()
    }
}
