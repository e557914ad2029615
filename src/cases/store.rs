//! Where cases live: one SQLite database in the data folder the caller names.
//!
//! Durable and untearable: WAL with `synchronous=FULL`, every write in an immediate
//! transaction, the schema migrated by `user_version`. A case is stored whole, as JSON,
//! beside a history row for every field a change touched. Changes are functions applied
//! to the case as it is in the database at that moment, inside the write transaction, so
//! two processes (the app and the `rung` tool) changing one case lose neither change.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use super::drafts::{self, Draft, DraftError};
use super::edit::EditError;
use super::history::{self, Change};
use super::self_assessment::SelfAssessmentError;
use super::Case;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("the case database failed: {0}")]
    Sqlite(rusqlite::Error),
    /// The disk is full, or a file of the database cannot be written; the write was
    /// rolled back.
    #[error("the disk is full or the file cannot be written; nothing was changed")]
    Unwritable(rusqlite::Error),
    /// The database file could not be created or made readable by its owner only.
    #[error("the case database {0} cannot be created readable by you only: {1}")]
    Private(String, std::io::Error),
    /// A stored case could not be read back.
    #[error("case `{0}` is stored in a form Rung cannot read: {1}")]
    Corrupt(String, serde_json::Error),
    /// A case could not be written as JSON.
    #[error("case `{0}` could not be written: {1}")]
    Encode(String, serde_json::Error),
    /// No case with this id.
    #[error("there is no case `{0}`")]
    NotFound(String),
    /// A case with this id exists already.
    #[error("a case `{0}` exists already")]
    Exists(String),
    /// A case with this id is in the trash.
    #[error(
        "case `{0}` is in the trash; restore it first (\"Restore\" in the trash of the cases page, or `rung case undelete {0}`)"
    )]
    InTrash(String),
    /// No case with this id is in the trash.
    #[error("there is no case `{0}` in the trash")]
    NotInTrash(String),
    /// The database file is damaged (truncated, overwritten, not a database); nothing
    /// was written to it.
    #[error("the case database {path} is damaged ({why}); it is kept untouched")]
    Damaged {
        /// The database file.
        path: String,
        /// What SQLite found.
        why: String,
    },
    /// The copy made before a migration failed, so the schema was left as it was.
    #[error(transparent)]
    Backup(#[from] super::backup::BackupError),
    /// The database was written by a newer Rung.
    #[error("the case database has schema {0}, newer than this Rung knows ({1}); update Rung")]
    TooNew(i64, i64),
    /// The change itself refused, for the reason given.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The case changed since the revision the change was made on.
    #[error("case `{0}` changed meanwhile (it is at revision {1} now)")]
    Stale(String, u32),
}

impl From<rusqlite::Error> for StoreError {
    /// A write the disk refused (full, too large, read-only, the journal not creatable)
    /// is told apart from other failures: SQLite rolled it back, so the case is as it was.
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
        match e.sqlite_error_code() {
            Some(DiskFull | SystemIoFailure | ReadOnly | CannotOpen) => StoreError::Unwritable(e),
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Why a change to a case was refused: the rule of a case it would break. A change
/// passed to [`Store::update`] returns one; `?` turns each module's error into it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// An edit the case refuses.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// A self-assessment the case cannot take in.
    #[error(transparent)]
    SelfAssessment(#[from] SelfAssessmentError),
    /// A draft that cannot be kept.
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// A reviewer's file the case cannot take in.
    #[error(transparent)]
    Review(#[from] super::review::ReviewError),
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HistoryEntry {
    /// When, as the caller gave it (RFC 3339).
    pub at: String,
    /// The case's revision after this change.
    pub revision: u32,
    /// What changed.
    pub change: Change,
}

/// A case and how many times it has changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The case.
    pub case: Case,
    /// 1 when created, one more with each change.
    pub revision: u32,
}

/// The schema, one step per version: `user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: cases, stored whole, and their history.
    "CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        at TEXT NOT NULL,
        path TEXT NOT NULL,
        old TEXT,
        new TEXT
    ) STRICT;
    CREATE INDEX history_by_case ON history(case_id, seq);",
    // 2: drafts, what was typed into a case's forms and not saved yet.
    "CREATE TABLE drafts (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        form TEXT NOT NULL,
        fields TEXT NOT NULL,
        revision INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (case_id, form)
    ) STRICT;",
    // 3: the trash: a deleted case keeps its row and history until purged (see trash.rs).
    "ALTER TABLE cases ADD COLUMN deleted_at TEXT;",
];

/// The schema version this Rung writes: a database of a later one is refused.
pub fn schema() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// An open case database.
#[derive(Debug)]
pub struct Store {
    pub(super) db: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, and brings its schema up to date.
    /// The file is made private first, so the `-wal` and `-shm` files SQLite creates
    /// beside it, which take its mode, are private too.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        crate::files::private::ensure_file(path)
            .map_err(|e| StoreError::Private(path.display().to_string(), e))?;
        // Before anything that could write (the journal mode, a migration): a damaged
        // file is left exactly as it is.
        if let Some(why) = super::backup::damage(path)? {
            let path = path.display().to_string();
            return Err(StoreError::Damaged { path, why });
        }
        // When the cases last changed, to name a copy made before a migration by.
        let changed = super::backup::last_changed(path);
        let db = Connection::open(path)?;
        db.busy_timeout(Duration::from_secs(10))?;
        // WAL keeps readers and one writer apart; FULL syncs the log on every commit, so a
        // commit that returned survives a power cut.
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { db };
        store.migrate(path, changed)?;
        Ok(store)
    }

    fn migrate(&mut self, path: &Path, changed: u64) -> Result<(), StoreError> {
        let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
        // Reading the version needs no write lock: a database already up to date opens
        // without waiting for another process that is writing.
        let current: i64 = self
            .db
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current == known {
            return Ok(());
        }
        if 0 < current && current < known {
            // The cases as they were, copied before the schema changes under them.
            super::backup::before_migration(&self.db, path, known, changed)?;
        }
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > known {
            return Err(StoreError::TooNew(version, known));
        }
        for (i, step) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(known))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores a new case; `now` is the time to record (RFC 3339).
    pub fn create(&mut self, case: &Case, now: &str) -> Result<(), StoreError> {
        if case.review_for.is_some() {
            return Err(
                Refusal::Review(super::review::ReviewError::IsACopy(case.id.clone())).into(),
            );
        }
        let body =
            serde_json::to_string(case).map_err(|e| StoreError::Encode(case.id.clone(), e))?;
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: Option<Option<String>> = tx
            .query_row(
                "SELECT deleted_at FROM cases WHERE id = ?1",
                [&case.id],
                |r| r.get(0),
            )
            .optional()?;
        match exists {
            Some(Some(_)) => return Err(StoreError::InTrash(case.id.clone())),
            Some(None) => return Err(StoreError::Exists(case.id.clone())),
            None => {}
        }
        tx.execute(
            "INSERT INTO cases (id, body, revision, created_at, updated_at) VALUES (?1, ?2, 1, ?3, ?3)",
            params![case.id, body, now],
        )?;
        tx.execute(
            "INSERT INTO history (case_id, revision, at, path, old, new) VALUES (?1, 1, ?2, '', NULL, ?3)",
            params![case.id, now, body],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The case with this id, and its revision.
    pub fn get(&self, id: &str) -> Result<Stored, StoreError> {
        let row: Option<(String, u32)> = self
            .db
            .query_row(
                "SELECT body, revision FROM cases WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (body, revision) = row.ok_or_else(|| StoreError::NotFound(id.to_owned()))?;
        let case =
            serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(id.to_owned(), e))?;
        Ok(Stored { case, revision })
    }

    /// Every case, by id.
    pub fn list(&self) -> Result<Vec<Stored>, StoreError> {
        let mut statement = self
            .db
            .prepare("SELECT id, body, revision FROM cases WHERE deleted_at IS NULL ORDER BY id")?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body, revision) = row?;
            let case = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(id, e))?;
            out.push(Stored { case, revision });
        }
        Ok(out)
    }

    /// Changes a case: `change` is applied to the case as stored at this moment, inside
    /// one write transaction, and every field it touched goes into the history. Returns
    /// the case after the change. A change that returns an error changes nothing.
    pub fn update(
        &mut self,
        id: &str,
        now: &str,
        change: impl FnOnce(&mut Case) -> Result<(), Refusal>,
    ) -> Result<Stored, StoreError> {
        self.update_at(id, None, now, change)
    }

    /// [`Store::update`], refused with [`StoreError::Stale`] unless the case is still at
    /// revision `expected` (when given): an edit made on a screen that showed an older
    /// state of the case must not silently overwrite what changed since.
    pub fn update_at(
        &mut self,
        id: &str,
        expected: Option<u32>,
        now: &str,
        change: impl FnOnce(&mut Case) -> Result<(), Refusal>,
    ) -> Result<Stored, StoreError> {
        self.update_saving_draft(id, expected, now, None, change)
    }

    /// [`Store::update_at`] for an edit that saves what a form held: the form's draft
    /// (see [`Store::save_draft`]) goes in the same transaction, so the typed text is
    /// either still a draft or part of the case, never lost between the two.
    pub fn update_saving_draft(
        &mut self,
        id: &str,
        expected: Option<u32>,
        now: &str,
        form: Option<&str>,
        change: impl FnOnce(&mut Case) -> Result<(), Refusal>,
    ) -> Result<Stored, StoreError> {
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(String, u32)> = tx
            .query_row(
                "SELECT body, revision FROM cases WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (body, revision) = row.ok_or_else(|| StoreError::NotFound(id.to_owned()))?;
        if expected.is_some_and(|e| e != revision) {
            return Err(StoreError::Stale(id.to_owned(), revision));
        }
        let mut case: Case =
            serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(id.to_owned(), e))?;
        let before =
            serde_json::to_value(&case).map_err(|e| StoreError::Encode(id.to_owned(), e))?;
        change(&mut case)?;
        // The id is the key of the row and of its history; a change cannot move it.
        case.id = id.to_owned();
        let after =
            serde_json::to_value(&case).map_err(|e| StoreError::Encode(id.to_owned(), e))?;
        let mut changes = history::changes(&before, &after);
        // The id counter is bookkeeping, not something a reader of the history needs.
        changes.retain(|c| c.path != "/issued");
        if let Some(form) = form {
            tx.execute(
                "DELETE FROM drafts WHERE case_id = ?1 AND form = ?2",
                params![id, form],
            )?;
        }
        if changes.is_empty() {
            tx.commit()?;
            return Ok(Stored { case, revision });
        }
        let revision = revision + 1;
        let body = after.to_string();
        tx.execute(
            "UPDATE cases SET body = ?2, revision = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, body, revision, now],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO history (case_id, revision, at, path, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in &changes {
                insert.execute(params![
                    id,
                    revision,
                    now,
                    c.path,
                    c.old.as_ref().map(ToString::to_string),
                    c.new.as_ref().map(ToString::to_string),
                ])?;
            }
        }
        tx.commit()?;
        Ok(Stored { case, revision })
    }

    /// Every change to a case, oldest first (the first is its creation).
    pub fn history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut statement = self.db.prepare(
            "SELECT at, revision, path, old, new FROM history WHERE case_id = ?1 ORDER BY seq",
        )?;
        let rows = statement.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        let mut out = Vec::new();
        for row in rows {
            let (at, revision, path, old, new) = row?;
            out.push(HistoryEntry {
                at,
                revision,
                change: Change {
                    path,
                    old: parse(old),
                    new: parse(new),
                },
            });
        }
        if out.is_empty() {
            self.get(id)?;
        }
        Ok(out)
    }

    /// Keeps what was typed into one of a case's forms, replacing the form's previous
    /// draft; blank fields drop it. `revision` is the case's revision the person saw.
    pub fn save_draft(
        &mut self,
        id: &str,
        form: &str,
        fields: &std::collections::BTreeMap<String, String>,
        revision: u32,
        now: &str,
    ) -> Result<(), StoreError> {
        drafts::check(form, fields).map_err(Refusal::from)?;
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM cases WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        if drafts::is_blank(fields) {
            tx.execute(
                "DELETE FROM drafts WHERE case_id = ?1 AND form = ?2",
                params![id, form],
            )?;
        } else {
            let json =
                serde_json::to_string(fields).map_err(|e| StoreError::Encode(id.to_owned(), e))?;
            tx.execute(
                "INSERT INTO drafts (case_id, form, fields, revision, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (case_id, form)
                 DO UPDATE SET fields = ?3, revision = ?4, saved_at = ?5",
                params![id, form, json, revision, now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The drafts of a case's forms, by form. A draft that cannot be read back is left
    /// out rather than blocking the case.
    pub fn drafts(&self, id: &str) -> Result<Vec<Draft>, StoreError> {
        let mut statement = self.db.prepare(
            "SELECT form, fields, revision, saved_at FROM drafts WHERE case_id = ?1 ORDER BY form",
        )?;
        let rows = statement.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (form, fields, revision, saved_at) = row?;
            if let Ok(fields) = serde_json::from_str(&fields) {
                out.push(Draft {
                    form,
                    fields,
                    revision,
                    saved_at,
                });
            }
        }
        Ok(out)
    }

    /// Forgets the draft of one form (`None`: of every form of the case).
    pub fn discard_draft(&mut self, id: &str, form: Option<&str>) -> Result<(), StoreError> {
        match form {
            Some(form) => self.db.execute(
                "DELETE FROM drafts WHERE case_id = ?1 AND form = ?2",
                params![id, form],
            )?,
            None => self
                .db
                .execute("DELETE FROM drafts WHERE case_id = ?1", params![id])?,
        };
        Ok(())
    }

    /// Whether SQLite finds the database sound (`PRAGMA integrity_check`).
    pub fn is_sound(&self) -> Result<bool, StoreError> {
        let result: String = self
            .db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{Candidate, Evidence, Pinned, PinnedExpectation, Rating, Reporter};

    pub(crate) fn sample(id: &str) -> Case {
        Case {
            id: id.to_owned(),
            candidate: Candidate {
                name: "Ana Lima".into(),
                alias: "Candidate 1".into(),
            },
            track: "engineering".into(),
            current_level: "e3".into(),
            target_level: "e4".into(),
            framework: Pinned {
                name: "Rung default framework".into(),
                version: "2026.1".into(),
                hash: "b684f365e823".into(),
                commit: None,
                scale: Vec::new(),
                rule: None,
            },
            craft: None,
            owner_craft: None,
            names: None,
            expectations: vec![PinnedExpectation {
                id: "engineering/e4/owns-the-architecture".into(),
                competency: "system-design".into(),
                text: "Owns the architecture of the team's systems.".into(),
                new: true,
                craft_specific: false,
            }],
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
        }
    }

    #[test]
    fn a_reviewers_copy_is_not_stored_as_a_case() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        let mut copy = sample("c1");
        copy.review_for = Some(super::super::Reviewer {
            name: "Kofi Mensah".into(),
            craft: String::new(),
        });
        let refused = store.create(&copy, "2026-11-30T10:00:00Z");
        assert_eq!(
            refused.map_err(|e| e.to_string()),
            Err(format!(
                "this file is a reviewer's copy of case `{}`, not a case; take it into that \
                 case with \"Import a review…\" or `rung case review-import`",
                copy.id
            ))
        );
        assert_eq!(store.list().map(|l| l.len()).ok(), Some(0));
    }

    #[test]
    fn cases_are_created_changed_and_their_history_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        store
            .create(&sample("c1"), "2026-11-25T10:00:00Z")
            .expect("create");
        assert!(matches!(
            store.create(&sample("c1"), "2026-11-25T10:00:00Z"),
            Err(StoreError::Exists(_))
        ));
        let after = store
            .update("c1", "2026-11-25T10:05:00Z", |case| {
                case.evidence.push(Evidence {
                    id: "ev-1".into(),
                    what: "Redesigned the billing service's data model".into(),
                    when: "2026-09".into(),
                    outcome: "Invoices went out on time every month since".into(),
                    link: None,
                    reported_by: Reporter::Owner,
                    expectations: vec!["engineering/e4/owns-the-architecture".into()],
                });
                case.ratings.insert(
                    "engineering/e4/owns-the-architecture".into(),
                    Rating {
                        rating: "meets".into(),
                        reason: "the billing redesign".into(),
                    },
                );
                Ok(())
            })
            .expect("update");
        assert_eq!(after.revision, 2);
        assert_eq!(store.get("c1").expect("get"), after);
        // A change that refuses changes nothing.
        let refused = store.update("c1", "2026-11-25T10:06:00Z", |case| {
            case.recommendation = Some("promote".into());
            Err(EditError::NoDeciders.into())
        });
        assert!(
            matches!(
                &refused,
                Err(StoreError::Refused(Refusal::Edit(EditError::NoDeciders)))
            ),
            "{refused:?}"
        );
        assert_eq!(
            refused.map_err(|e| e.to_string()),
            Err("name who decided".into()),
            "the refusal's own words"
        );
        assert_eq!(store.get("c1").expect("get").revision, 2);
        // Nothing changed: no new revision.
        let same = store
            .update("c1", "2026-11-25T10:07:00Z", |_| Ok(()))
            .expect("update");
        assert_eq!(same.revision, 2);

        let history = store.history("c1").expect("history");
        let paths: Vec<&str> = history.iter().map(|h| h.change.path.as_str()).collect();
        assert_eq!(paths[0], "", "creation first");
        assert!(paths.contains(&"/evidence/ev-1"));
        assert!(paths.contains(&"/ratings/engineering~1e4~1owns-the-architecture"));
        assert!(history
            .iter()
            .skip(1)
            .all(|h| h.revision == 2 && h.at == "2026-11-25T10:05:00Z"));
        assert!(matches!(store.get("nope"), Err(StoreError::NotFound(_))));
        assert!(matches!(
            store.history("nope"),
            Err(StoreError::NotFound(_))
        ));
        assert!(store.is_sound().expect("check"));
        assert_eq!(store.list().expect("list").len(), 1);
    }

    #[test]
    fn an_edit_made_on_an_older_revision_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        store
            .create(&sample("c1"), "2026-11-25T10:00:00Z")
            .expect("create");
        let seen = store.get("c1").expect("get").revision;
        let recommend = |text: &str| {
            let text = text.to_owned();
            move |case: &mut Case| {
                case.recommendation = Some(text);
                Ok(())
            }
        };
        let first = store
            .update_at(
                "c1",
                Some(seen),
                "2026-11-25T10:01:00Z",
                recommend("promote"),
            )
            .expect("first edit");
        assert_eq!(first.revision, seen + 1);
        // A second window still showing revision `seen`.
        let late = store.update_at("c1", Some(seen), "2026-11-25T10:02:00Z", recommend("wait"));
        assert!(matches!(late, Err(StoreError::Stale(_, r)) if r == seen + 1));
        let now = store.get("c1").expect("get");
        assert_eq!(now.case.recommendation.as_deref(), Some("promote"));
        assert_eq!(now.revision, seen + 1);
        store
            .update_at(
                "c1",
                Some(now.revision),
                "2026-11-25T10:03:00Z",
                recommend("wait"),
            )
            .expect("edit on the revision shown");
    }

    #[test]
    fn the_schema_is_migrated_once_and_a_newer_one_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cases.db");
        drop(Store::open(&path).expect("open"));
        let store = Store::open(&path).expect("open again");
        let version: i64 = store
            .db
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version, 3);
        let mode: String = store
            .db
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        store
            .db
            .pragma_update(None, "user_version", 99)
            .expect("set");
        drop(store);
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew(99, 3))));
    }

    #[test]
    fn a_case_stored_when_reported_by_was_called_source_reads_and_changes_as_before() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cases.db");
        let mut store = Store::open(&path).expect("open");
        let mut case = sample("c1");
        case.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Redesigned the billing service's data model".into(),
            when: "2026-09".into(),
            outcome: String::new(),
            link: None,
            reported_by: Reporter::Peer,
            expectations: vec!["engineering/e4/owns-the-architecture".into()],
        });
        // The row as a Rung that called the field `source` wrote it.
        let body = serde_json::to_string(&case)
            .expect("json")
            .replace("\"reported_by\":", "\"source\":");
        assert!(body.contains("\"source\":\"peer\""), "{body}");
        store
            .db
            .execute(
                "INSERT INTO cases (id, body, revision, created_at, updated_at) VALUES ('c1', ?1, 1, 't', 't')",
                [body],
            )
            .expect("a case");
        assert_eq!(store.get("c1").expect("reads").case, case);
        // A change records what it changed, not the field's new name.
        let after = store
            .update("c1", "t2", |case| {
                case.recommendation = Some("promote".into());
                Ok(())
            })
            .expect("update");
        assert_eq!(after.revision, 2);
        let paths: Vec<String> = store
            .history("c1")
            .expect("history")
            .into_iter()
            .map(|h| h.change.path)
            .collect();
        assert_eq!(paths, ["/recommendation"]);
    }

    #[test]
    fn a_database_of_the_first_schema_gains_drafts_and_keeps_its_cases() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cases.db");
        {
            // The database as the first Rung with cases left it.
            let db = Connection::open(&path).expect("create");
            db.execute_batch(MIGRATIONS[0]).expect("schema 1");
            db.pragma_update(None, "user_version", 1).expect("version");
            let body = serde_json::to_string(&sample("c1")).expect("json");
            db.execute(
                "INSERT INTO cases (id, body, revision, created_at, updated_at) VALUES ('c1', ?1, 3, 't', 't')",
                [body],
            )
            .expect("a case");
        }
        let mut store = Store::open(&path).expect("migrated");
        assert_eq!(store.get("c1").expect("the case").revision, 3);
        store
            .save_draft(
                "c1",
                "recommendation",
                &typed(&[("text", "Promote")]),
                3,
                "t",
            )
            .expect("drafts work");
        assert_eq!(store.drafts("c1").expect("drafts").len(), 1);
    }

    fn typed(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn drafts_are_kept_per_form_and_dropped_with_the_edit_that_saves_them() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("cases.db");
        let mut store = Store::open(&path).expect("open");
        store
            .create(&sample("c1"), "2026-11-25T10:00:00Z")
            .expect("create");
        let rating = "rating/engineering/e4/owns-the-architecture";
        store
            .save_draft(
                "c1",
                rating,
                &typed(&[("rating", "meets"), ("reason", "the bill")]),
                1,
                "2026-11-25T10:01:00Z",
            )
            .expect("draft");
        store
            .save_draft(
                "c1",
                rating,
                &typed(&[("rating", "meets"), ("reason", "the billing redesign")]),
                1,
                "2026-11-25T10:01:02Z",
            )
            .expect("draft again");
        store
            .save_draft(
                "c1",
                "recommendation",
                &typed(&[("text", "Promote")]),
                1,
                "2026-11-25T10:01:03Z",
            )
            .expect("draft");
        // Another connection, as after a crash and a relaunch, reads them back whole.
        drop(store);
        let mut store = Store::open(&path).expect("reopen");
        let drafts = store.drafts("c1").expect("drafts");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].form, rating);
        assert_eq!(drafts[0].fields["reason"], "the billing redesign");
        assert_eq!(drafts[0].saved_at, "2026-11-25T10:01:02Z");
        assert_eq!(drafts[1].form, "recommendation");
        // Drafts are not the case: no revision, no history.
        assert_eq!(store.get("c1").expect("get").revision, 1);
        assert_eq!(store.history("c1").expect("history").len(), 1);
        // Saving the rating drops its draft in the same transaction; the other stays.
        store
            .update_saving_draft(
                "c1",
                Some(1),
                "2026-11-25T10:02:00Z",
                Some(rating),
                |case| {
                    case.ratings.insert(
                        "engineering/e4/owns-the-architecture".into(),
                        Rating {
                            rating: "meets".into(),
                            reason: "the billing redesign".into(),
                        },
                    );
                    Ok(())
                },
            )
            .expect("save");
        let forms: Vec<String> = store
            .drafts("c1")
            .expect("drafts")
            .into_iter()
            .map(|d| d.form)
            .collect();
        assert_eq!(forms, ["recommendation"]);
        // A stale save keeps the draft: the typed text is not lost with the refused edit.
        store
            .save_draft(
                "c1",
                rating,
                &typed(&[("reason", "again")]),
                1,
                "2026-11-25T10:03:00Z",
            )
            .expect("draft");
        assert!(matches!(
            store.update_saving_draft("c1", Some(1), "2026-11-25T10:03:01Z", Some(rating), |_| Ok(
                ()
            )),
            Err(StoreError::Stale(..))
        ));
        assert_eq!(store.drafts("c1").expect("drafts").len(), 2);
        // Blank fields drop a draft; discarding one form leaves the rest.
        store
            .save_draft(
                "c1",
                rating,
                &typed(&[("reason", "  ")]),
                2,
                "2026-11-25T10:04:00Z",
            )
            .expect("blank");
        assert_eq!(store.drafts("c1").expect("drafts").len(), 1);
        store
            .discard_draft("c1", Some("recommendation"))
            .expect("discard");
        assert!(store.drafts("c1").expect("drafts").is_empty());
    }

    #[test]
    fn a_draft_needs_a_case_and_a_known_form() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        assert!(matches!(
            store.save_draft("nope", "decision", &typed(&[("outcome", "x")]), 1, "t"),
            Err(StoreError::NotFound(_))
        ));
        store
            .create(&sample("c1"), "2026-11-25T10:00:00Z")
            .expect("create");
        assert!(matches!(
            store.save_draft("c1", "notes", &typed(&[("x", "y")]), 1, "t"),
            Err(e @ StoreError::Refused(_)) if e.to_string() == "“notes” is not a form of a case"
        ));
    }
}
