//! The version diff: what changed between two versions of a framework, by expectation ID
//! (added, removed, reworded with a word diff of its text and examples, unchanged).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use super::diff::{mostly_rewritten, word_diff, DiffPart};
use super::expectation::ExpectationRef;
use crate::framework::markdown::inline_to_html;
use crate::framework::model::Framework;

/// A framework as a version diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkHead {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// An expectation whose words changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reworded {
    /// Its stable ID, the same in both.
    pub id: String,
    /// The older text.
    pub old: ExpectationRef,
    /// The newer text.
    pub new: ExpectationRef,
    /// What changed, word by word.
    pub diff: Vec<DiffPart>,
    /// Whether most words changed.
    pub rewritten: bool,
}

/// What changed between two versions of a framework, by expectation ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionDiff {
    /// The older version.
    pub old: FrameworkHead,
    /// The newer version.
    pub new: FrameworkHead,
    /// Expectations only in the newer version.
    pub added: Vec<ExpectationRef>,
    /// Expectations only in the older version.
    pub removed: Vec<ExpectationRef>,
    /// Expectations in both whose text or examples changed.
    pub reworded: Vec<Reworded>,
    /// How many expectations are the same in both.
    pub unchanged: u32,
}

/// Every expectation of a framework by ID, in the framework's order.
fn all_expectations(framework: &Framework) -> Vec<(ExpectationRef, Vec<String>)> {
    framework
        .tracks
        .iter()
        .flat_map(|t| t.levels.iter())
        .flat_map(|l| {
            l.sections.iter().flat_map(move |s| {
                s.expectations.iter().map(move |e| {
                    (
                        ExpectationRef::new(e.id.clone(), l, &e.text, inline_to_html(&e.text)),
                        e.examples.clone(),
                    )
                })
            })
        })
        .collect()
}

/// What changed from `old` to `new`.
pub fn version_diff(old: &Framework, new: &Framework) -> VersionDiff {
    let (before, after) = (all_expectations(old), all_expectations(new));
    let before_by_id: HashMap<&str, &(ExpectationRef, Vec<String>)> =
        before.iter().map(|e| (e.0.id.as_str(), e)).collect();
    let after_ids: HashSet<&str> = after.iter().map(|e| e.0.id.as_str()).collect();
    let mut diff = VersionDiff {
        old: FrameworkHead {
            name: old.name.clone(),
            version: old.version.clone(),
        },
        new: FrameworkHead {
            name: new.name.clone(),
            version: new.version.clone(),
        },
        added: Vec::new(),
        removed: before
            .iter()
            .filter(|e| !after_ids.contains(e.0.id.as_str()))
            .map(|e| e.0.clone())
            .collect(),
        reworded: Vec::new(),
        unchanged: 0,
    };
    for (e, examples) in &after {
        match before_by_id.get(e.id.as_str()) {
            None => diff.added.push(e.clone()),
            Some((was, was_examples)) if was.text != e.text || was_examples != examples => {
                let words = word_diff(
                    &[was.text.as_str()]
                        .into_iter()
                        .chain(was_examples.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" — "),
                    &[e.text.as_str()]
                        .into_iter()
                        .chain(examples.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" — "),
                );
                diff.reworded.push(Reworded {
                    id: e.id.clone(),
                    rewritten: mostly_rewritten(&words),
                    diff: words,
                    old: was.clone(),
                    new: e.clone(),
                });
            }
            Some(_) => diff.unchanged += 1,
        }
    }
    diff
}
