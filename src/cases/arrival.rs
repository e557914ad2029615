//! A case file brought into Rung, picked in "Import a case file…" or double-clicked: a
//! case is added to the store, and a reviewer's copy goes where it belongs on this
//! computer. When the store holds the case the copy was made of, the copy is the
//! reviewer's rated file come back to the case's owner, and it is taken into the case as
//! a review; otherwise this is the reviewer's computer, and the copy opens to be rated.

use serde::Serialize;
use ts_rs::TS;

use super::review;
use super::store::{Store, StoreError, Stored};
use super::view::CaseView;
use super::Case;

/// What bringing a case file in did.
#[derive(Debug)]
pub enum Arrival {
    /// A case, added to the store.
    Added(Stored),
    /// A reviewer's rated copy, taken into the case it was made of.
    Reviewed {
        /// The case with the review in it.
        stored: Stored,
        /// Who reviewed it.
        reviewer: String,
    },
    /// A reviewer's copy of a case this store does not hold: to be rated here.
    ToRate(Case),
}

/// Brings the case read from a case file into `store` (see the module's documentation);
/// `now` is the time to record. What the store refuses (a case it holds already, a copy
/// with no rating for its case, a copy of a case in the trash) is refused with the
/// store's reason.
pub fn arrive(store: &mut Store, file: Case, now: &str) -> Result<Arrival, StoreError> {
    let Some(reviewer) = file.review_for.as_ref().map(|r| r.name.clone()) else {
        store.create(&file, now)?;
        return store.get(&file.id).map(Arrival::Added);
    };
    match store.get(&file.id) {
        Ok(_) => {
            let stored = store.update(&file.id, now, |case| {
                review::import(case, &file).map_err(Into::into)
            })?;
            Ok(Arrival::Reviewed { stored, reviewer })
        }
        // The owner's case deleted meanwhile: it is restored first, not rated here.
        Err(StoreError::NotFound(_)) if store.trash(now)?.iter().any(|t| t.id == file.id) => {
            Err(StoreError::InTrash(file.id))
        }
        Err(StoreError::NotFound(_)) => Ok(Arrival::ToRate(file)),
        Err(e) => Err(e),
    }
}

/// What the window is told after a case file was brought in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Arrived {
    /// A new case, to open.
    Case {
        /// The case as the editor shows it.
        view: CaseView,
    },
    /// A review taken into a case, to open.
    Review {
        /// The case as the editor shows it, with the review.
        view: CaseView,
        /// Who reviewed it.
        reviewer: String,
    },
    /// A reviewer's copy, to rate.
    Rate {
        /// The copy.
        copy: Case,
    },
}

impl Arrival {
    /// What the window is told, with `show` making the editor's view of a stored case.
    pub fn shown(self, show: impl FnOnce(Stored) -> CaseView) -> Arrived {
        match self {
            Arrival::Added(stored) => Arrived::Case { view: show(stored) },
            Arrival::Reviewed { stored, reviewer } => Arrived::Review {
                view: show(stored),
                reviewer,
            },
            Arrival::ToRate(copy) => Arrived::Rate { copy },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::review::{for_reviewer, ReviewError};
    use crate::cases::start::sample;
    use crate::cases::store::Refusal;
    use crate::cases::{Rating, Reviewer};

    const NOW: &str = "2026-11-30T10:00:00Z";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("cases.db")).expect("open");
        (dir, store)
    }

    fn copy_of(case: &Case) -> Case {
        let reviewer = Reviewer {
            name: "Kofi Mensah".into(),
            craft: "design".into(),
        };
        for_reviewer(case, &reviewer).expect("copy")
    }

    fn rated(mut copy: Case) -> Case {
        let id = copy.expectations[0].id.clone();
        copy.ratings.insert(
            id,
            Rating {
                rating: "meets".into(),
                reason: "shipped it".into(),
            },
        );
        copy
    }

    #[test]
    fn a_case_is_added_once() {
        let (_dir, mut store) = store();
        let case = sample("c1", "e4");
        let arrived = arrive(&mut store, case.clone(), NOW).expect("added");
        assert!(matches!(&arrived, Arrival::Added(s) if s.case == case));
        assert!(matches!(
            arrive(&mut store, case, NOW),
            Err(StoreError::Exists(_))
        ));
    }

    #[test]
    fn a_rated_copy_of_a_case_held_here_is_taken_into_it() {
        let (_dir, mut store) = store();
        let case = sample("c1", "e4");
        store.create(&case, NOW).expect("stored");
        let arrived = arrive(&mut store, rated(copy_of(&case)), NOW).expect("reviewed");
        let Arrival::Reviewed { stored, reviewer } = arrived else {
            panic!("{arrived:?}");
        };
        assert_eq!(reviewer, "Kofi Mensah");
        assert_eq!(stored.case.reviews.len(), 1);
        assert_eq!(store.list().map(|l| l.len()).ok(), Some(1));
        // Nothing rated yet: refused with the reason, and the case is unchanged.
        let refused = arrive(&mut store, copy_of(&case), NOW);
        assert!(matches!(
            refused,
            Err(StoreError::Refused(Refusal::Review(ReviewError::Empty(_))))
        ));
        assert_eq!(store.get("c1").map(|s| s.case.reviews.len()).ok(), Some(1));
    }

    #[test]
    fn a_copy_of_a_case_in_the_trash_asks_for_the_case_back_first() {
        let (_dir, mut store) = store();
        let case = sample("c1", "e4");
        store.create(&case, NOW).expect("stored");
        store.delete("c1", NOW).expect("trashed");
        let refused = arrive(&mut store, rated(copy_of(&case)), NOW);
        assert!(matches!(refused, Err(StoreError::InTrash(id)) if id == "c1"));
    }

    #[test]
    fn a_copy_of_a_case_held_elsewhere_is_to_be_rated_and_stored_nowhere() {
        let (_dir, mut store) = store();
        let copy = copy_of(&sample("c1", "e4"));
        let arrived = arrive(&mut store, copy.clone(), NOW).expect("to rate");
        assert!(matches!(&arrived, Arrival::ToRate(c) if *c == copy));
        assert_eq!(store.list().map(|l| l.len()).ok(), Some(0));
    }
}
