//! Drift: what changed in the framework since a case began, expectation by expectation
//! (reworded, removed, added), so a reader knows whether the pinned words still hold.

use serde::Serialize;
use ts_rs::TS;

use super::Case;
use crate::framework::model::Framework;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::start::sample;

    fn start_e4() -> Case {
        sample("c1", "e4")
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
}
