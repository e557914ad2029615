//! Starting a case and giving it an id: what a new case is started with ([`NewCase`],
//! from the window's form or `rung case new`), the limits it is checked against, and a
//! short id that no other case has, found by asking the database rather than by reading
//! every case. The app and the `rung` tool both start cases here.

use serde::Deserialize;
use ts_rs::TS;

use super::limits::{self, LimitError};
use super::start::{self, StartError};
use super::store::{Store, StoreError, Stored};
use super::Candidate;
use crate::framework::model::Framework;

/// What a new case is started with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewCase {
    /// The case's id; absent, the case gets a fresh one ([`create_with_fresh_id`]). The
    /// window never chooses one; `rung case new --id` may.
    #[serde(skip)]
    #[ts(skip)]
    pub id: Option<String>,
    /// The candidate's name.
    pub name: String,
    /// The name used in blind review, such as `Candidate 7`.
    pub alias: String,
    /// The track's id.
    pub track: String,
    /// The level held now.
    pub from: String,
    /// The level argued for.
    pub to: String,
    /// A self-assessment: the person fills it in about themselves, to hand to their case
    /// owner.
    #[serde(default)]
    pub self_assessment: bool,
    /// The case owner's craft, if they give it (a track's `craft`, such as `design`).
    #[serde(default)]
    #[ts(optional)]
    pub owner_craft: Option<String>,
    /// The case owner's name, if they give it.
    #[serde(default)]
    #[ts(optional)]
    pub owner: Option<String>,
    /// The period the case reviews, if given.
    #[serde(default)]
    #[ts(optional)]
    pub period: Option<super::Period>,
}

impl NewCase {
    /// Checks the limits of what a new case is started with: an id, if chosen, that a
    /// case may have; a name and an alias, neither blank nor too long; track and level
    /// ids no longer than an id.
    pub fn check(&self) -> Result<(), LimitError> {
        if let Some(id) = &self.id {
            limits::check_case_id(id)?;
        }
        limits::check_framework_id("track", &self.track)?;
        limits::check_framework_id("current level", &self.from)?;
        limits::check_framework_id("target level", &self.to)?;
        if let Some(craft) = &self.owner_craft {
            limits::check_framework_id("craft", craft)?;
        }
        if let Some(owner) = &self.owner {
            limits::check_person("case owner", owner)?;
        }
        if let Some(period) = &self.period {
            limits::check_period(period)?;
        }
        limits::check_candidate(&self.name, &self.alias)
    }
}

/// Why a case could not be started.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// What it was started with is outside the limits.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// The framework has no such track or levels, or the alias gives the name away.
    #[error(transparent)]
    Start(#[from] StartError),
    /// The store refused or failed, or the chosen id is taken.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Every id of this second is taken.
    #[error("too many cases were started within one second; try again")]
    Crowded,
}

/// Starts a case on `framework` (whose content hash and git commit the case pins) and
/// stores it at `now` (RFC 3339), under its chosen id or a fresh one. The name and alias
/// are kept without the spaces around them. Returns the case as stored.
pub fn create(
    store: &mut Store,
    framework: &Framework,
    new: &NewCase,
    hash: &str,
    commit: Option<String>,
    now: &str,
) -> Result<Stored, CreateError> {
    new.check()?;
    let mut case = start::start(
        framework,
        start::Start {
            id: new.id.as_deref().unwrap_or_default(),
            candidate: Candidate {
                name: new.name.trim().to_owned(),
                alias: new.alias.trim().to_owned(),
            },
            track: &new.track,
            current: &new.from,
            target: &new.to,
            hash,
            commit,
        },
    )?;
    case.self_assessment = new.self_assessment;
    case.owner_craft = new
        .owner_craft
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    case.owner = new
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    case.period = new.period.clone();
    if new.id.is_some() {
        store.create(&case, now)?;
    } else {
        create_with_fresh_id(store, &mut case, now)?;
    }
    Ok(store.get(&case.id)?)
}

/// Stores a new case under a short, unique id: `case-` and the time to the second, with a
/// number when that id is taken (two cases started within one second, in the app or
/// through the `rung` tool). The database says when an id is taken; no case needs reading
/// first.
pub fn create_with_fresh_id(
    store: &mut Store,
    case: &mut super::Case,
    now: &str,
) -> Result<(), CreateError> {
    let stamp: String = now.chars().filter(char::is_ascii_digit).collect();
    for n in 1..=1000 {
        case.id = if n == 1 {
            format!("case-{stamp}")
        } else {
            format!("case-{stamp}-{n}")
        };
        match store.create(case, now) {
            Ok(()) => return Ok(()),
            // A case in the trash keeps its id until it is purged.
            Err(StoreError::Exists(_) | StoreError::InTrash(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(CreateError::Crowded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_case() -> NewCase {
        NewCase {
            id: None,
            name: " Ana Lima ".into(),
            alias: "Candidate 7".into(),
            track: "engineering".into(),
            from: "e3".into(),
            to: "e4".into(),
            self_assessment: false,
            owner_craft: None,
            owner: None,
            period: None,
        }
    }

    #[test]
    fn cases_started_in_one_second_get_ids_of_their_own() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        let framework = crate::load_bundled().framework;
        let started = start::start(
            &framework,
            start::Start {
                id: "",
                candidate: Candidate {
                    name: "Ana Lima".into(),
                    alias: "Candidate 7".into(),
                },
                track: "engineering",
                current: "e3",
                target: "e4",
                hash: "abc",
                commit: None,
            },
        );
        let Ok(mut case) = started else {
            panic!("the sample case starts");
        };
        let at = "2026-11-26T10:00:00Z";
        let mut ids = Vec::new();
        for _ in 0..3 {
            assert!(create_with_fresh_id(&mut store, &mut case, at).is_ok());
            ids.push(case.id.clone());
        }
        assert_eq!(
            ids,
            [
                "case-20261126100000",
                "case-20261126100000-2",
                "case-20261126100000-3"
            ]
        );
        assert_eq!(store.list().map(|l| l.len()).ok(), Some(3));
    }

    #[test]
    fn a_new_case_is_checked_started_and_stored_under_its_id() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        let framework = crate::load_bundled().framework;
        let at = "2026-11-26T10:00:00Z";
        let new = NewCase {
            self_assessment: true,
            ..new_case()
        };
        let stored = create(&mut store, &framework, &new, "abc", None, at).expect("created");
        assert_eq!(stored.case.id, "case-20261126100000");
        assert_eq!(stored.case.candidate.name, "Ana Lima", "trimmed");
        assert!(stored.case.self_assessment);
        let chosen = NewCase {
            id: Some("2026-h2-ana".into()),
            ..new_case()
        };
        let stored = create(&mut store, &framework, &chosen, "abc", None, at).expect("created");
        assert_eq!(
            (stored.case.id.as_str(), stored.revision),
            ("2026-h2-ana", 1)
        );
        assert!(matches!(
            create(&mut store, &framework, &chosen, "abc", None, at),
            Err(CreateError::Store(StoreError::Exists(id))) if id == "2026-h2-ana"
        ));
        let long = NewCase {
            name: "x".repeat(limits::MAX_NAME + 1),
            ..new_case()
        };
        assert!(matches!(
            create(&mut store, &framework, &long, "abc", None, at),
            Err(CreateError::Limit(LimitError::NameTooLong))
        ));
        let unknown = NewCase {
            track: "astronaut".into(),
            ..new_case()
        };
        assert_eq!(
            create(&mut store, &framework, &unknown, "abc", None, at)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err("there is no track `astronaut`".to_owned())
        );
        assert_eq!(store.list().map(|l| l.len()).ok(), Some(2));
    }

    #[test]
    fn a_new_case_is_within_the_limits() {
        assert_eq!(new_case().check(), Ok(()));
        let with = |change: fn(&mut NewCase)| {
            let mut new = new_case();
            change(&mut new);
            new.check()
        };
        assert_eq!(with(|n| n.alias = " ".into()), Err(LimitError::NoAlias));
        assert_eq!(
            with(|n| n.to = "x".repeat(limits::MAX_ID + 1)),
            Err(LimitError::IdTooLong("target level"))
        );
        assert_eq!(
            with(|n| n.id = Some(String::new())),
            Err(LimitError::CaseId)
        );
    }
}
