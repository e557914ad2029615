//! The trash: a deleted case is kept, with its history, for [`KEPT_DAYS`] days, and can
//! be restored until then.
//!
//! Deleting marks the case's row (`deleted_at`) instead of removing it, and writes a
//! history entry; restoring clears the mark and writes another. A case in the trash is
//! invisible to everything else the store does ([`Store::get`], [`Store::list`], edits,
//! drafts, and so calibration), and an import of a case file with its id is refused,
//! saying how to restore it. Listing the trash, and deleting, first purge the cases
//! deleted more than [`KEPT_DAYS`] days before `now`: their row goes, and with it (by the
//! schema's `ON DELETE CASCADE`) their history and drafts, since a history without its
//! case has nothing left to explain.
//!
//! Times are RFC 3339 strings as the caller gives them; SQLite's `julianday` compares
//! them, so the core never reads the clock.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use super::history::{DELETED, RESTORED, TRASH};
use super::store::{Store, StoreError};
use super::Case;

/// How long a deleted case stays in the trash.
pub const KEPT_DAYS: i64 = 30;

/// A case in the trash, as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Trashed {
    /// The case's id.
    pub id: String,
    /// The candidate's name.
    pub name: String,
    /// The candidate's alias.
    pub alias: String,
    /// The track's id.
    pub track: String,
    /// The target level's id.
    pub target_level: String,
    /// When it was deleted (RFC 3339).
    pub deleted_at: String,
    /// Whole days, counted up, before it is purged.
    pub days_left: u32,
}

impl Store {
    /// Moves a case to the trash, writing a "deleted" entry into its history.
    pub fn delete(&mut self, id: &str, now: &str) -> Result<(), StoreError> {
        self.purge_trash(now)?;
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let revision: Option<u32> = tx
            .query_row(
                "SELECT revision FROM cases WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let revision = revision.ok_or_else(|| StoreError::NotFound(id.to_owned()))? + 1;
        tx.execute(
            "UPDATE cases SET deleted_at = ?2, revision = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, now, revision],
        )?;
        record(&tx, id, revision, now, DELETED)?;
        // What was typed and not saved goes with the deletion: a restored case starts
        // from what was saved.
        tx.execute("DELETE FROM drafts WHERE case_id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Takes a case out of the trash, writing a "restored from the trash" entry into its
    /// history; returns it as it now is.
    pub fn restore_deleted(&mut self, id: &str, now: &str) -> Result<Case, StoreError> {
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let revision: Option<u32> = tx
            .query_row(
                "SELECT revision FROM cases WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let revision = revision.ok_or_else(|| StoreError::NotInTrash(id.to_owned()))? + 1;
        tx.execute(
            "UPDATE cases SET deleted_at = NULL, revision = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, now, revision],
        )?;
        record(&tx, id, revision, now, RESTORED)?;
        tx.commit()?;
        Ok(self.get(id)?.case)
    }

    /// The cases in the trash, the most recently deleted first, after purging those
    /// deleted more than [`KEPT_DAYS`] days before `now`.
    pub fn trash(&mut self, now: &str) -> Result<Vec<Trashed>, StoreError> {
        self.purge_trash(now)?;
        let mut statement = self.db.prepare(
            "SELECT id, body, deleted_at,
                    CAST(round((julianday(?1) - julianday(deleted_at)) * 86400) AS INTEGER)
             FROM cases WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id",
        )?;
        let rows = statement.query_map([now], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body, deleted_at, elapsed) = row?;
            let case: Case =
                serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(id.clone(), e))?;
            out.push(Trashed {
                id,
                name: case.candidate.name,
                alias: case.candidate.alias,
                track: case.track,
                target_level: case.target_level,
                deleted_at,
                days_left: days_left(elapsed.unwrap_or(0)),
            });
        }
        Ok(out)
    }

    /// Removes for good the cases deleted more than [`KEPT_DAYS`] days before `now`, with
    /// their history and drafts; returns how many went.
    pub fn purge_trash(&mut self, now: &str) -> Result<usize, StoreError> {
        Ok(self.db.execute(
            "DELETE FROM cases WHERE deleted_at IS NOT NULL
             AND julianday(?1) - julianday(deleted_at) > ?2",
            params![now, KEPT_DAYS],
        )?)
    }
}

/// Writes the history entry of a deletion or a restoration.
fn record(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    revision: u32,
    now: &str,
    what: &str,
) -> Result<(), StoreError> {
    let value = serde_json::Value::from(what).to_string();
    tx.execute(
        "INSERT INTO history (case_id, revision, at, path, old, new) VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
        params![id, revision, now, TRASH, value],
    )?;
    Ok(())
}

/// Whole days left, counted up, after `elapsed` seconds in the trash.
fn days_left(elapsed: i64) -> u32 {
    let left = KEPT_DAYS * 86_400 - elapsed.max(0);
    u32::try_from((left.max(0) + 86_399) / 86_400).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::history::describe;
    use crate::cases::start;

    fn sample(id: &str) -> Case {
        start::sample(id, "e4")
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("cases.db")).expect("open");
        (dir, store)
    }

    #[test]
    fn a_deleted_case_is_in_the_trash_only_and_comes_back_whole_with_its_history() {
        let (_dir, mut store) = store();
        store
            .create(&sample("c1"), "2026-11-01T10:00:00Z")
            .expect("create");
        store
            .create(&sample("c2"), "2026-11-01T10:00:00Z")
            .expect("create");
        let before = store.get("c1").expect("get").case;
        store.delete("c1", "2026-11-02T09:00:00Z").expect("delete");

        let ids: Vec<String> = store
            .list()
            .expect("list")
            .into_iter()
            .map(|s| s.case.id)
            .collect();
        assert_eq!(ids, ["c2"], "a trashed case is not listed");
        assert!(matches!(store.get("c1"), Err(StoreError::NotFound(_))));
        assert!(matches!(
            store.update("c1", "t", |_| Ok(())),
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(
            store
                .delete("c1", "2026-11-02T09:00:01Z")
                .map_err(|e| e.to_string()),
            Err("there is no case `c1`".into())
        );
        assert_eq!(
            store.create(&sample("c1"), "t").map_err(|e| e.to_string()),
            Err(
                "case `c1` is in the trash; restore it first (\"Restore\" in the trash of the \
                 cases page, or `rung case undelete c1`)"
                    .into()
            )
        );
        assert_eq!(
            store.trash("2026-11-02T10:30:00Z").expect("trash"),
            [Trashed {
                id: "c1".into(),
                name: "Ana Lima".into(),
                alias: "Candidate 7".into(),
                track: "engineering".into(),
                target_level: "e4".into(),
                deleted_at: "2026-11-02T09:00:00Z".into(),
                days_left: 30,
            }]
        );

        let restored = store
            .restore_deleted("c1", "2026-11-03T08:00:00Z")
            .expect("restore");
        assert_eq!(restored, before, "the case comes back as it was");
        assert_eq!(store.get("c1").expect("get").revision, 3);
        assert!(store
            .trash("2026-11-03T08:00:00Z")
            .expect("trash")
            .is_empty());
        assert_eq!(
            store
                .restore_deleted("c1", "2026-11-03T08:00:01Z")
                .map_err(|e| e.to_string()),
            Err("there is no case `c1` in the trash".into())
        );

        let history = store.history("c1").expect("history");
        let said: Vec<(String, String)> = history
            .iter()
            .map(|h| (h.at.clone(), describe(&restored, &h.change)))
            .collect();
        assert_eq!(
            said,
            [
                ("2026-11-01T10:00:00Z".to_owned(), "case started".to_owned()),
                (
                    "2026-11-02T09:00:00Z".to_owned(),
                    "deleted (moved to the trash)".to_owned()
                ),
                (
                    "2026-11-03T08:00:00Z".to_owned(),
                    "restored from the trash".to_owned()
                ),
            ]
        );
        assert!(store.is_sound().expect("check"));
    }

    #[test]
    fn a_case_deleted_more_than_thirty_days_ago_is_purged_with_its_history() {
        let (_dir, mut store) = store();
        for id in ["old", "recent"] {
            store
                .create(&sample(id), "2026-09-01T10:00:00Z")
                .expect("create");
        }
        store.delete("old", "2026-10-01T12:00:00Z").expect("delete");
        store
            .delete("recent", "2026-10-20T12:00:00Z")
            .expect("delete");
        let listed = store.trash("2026-10-31T11:00:00Z").expect("trash");
        let left: Vec<(&str, u32)> = listed
            .iter()
            .map(|t| (t.id.as_str(), t.days_left))
            .collect();
        assert_eq!(
            left,
            [("recent", 20), ("old", 1)],
            "newest first, days counted up"
        );

        let listed = store.trash("2026-10-31T12:00:01Z").expect("trash");
        let ids: Vec<&str> = listed.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["recent"], "30 days and a second: purged");
        let rows: i64 = store
            .db
            .query_row(
                "SELECT count(*) FROM history WHERE case_id = 'old'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(rows, 0, "the history of a purged case goes with it");
        assert_eq!(
            store
                .restore_deleted("old", "2026-10-31T12:00:02Z")
                .map_err(|e| e.to_string()),
            Err("there is no case `old` in the trash".into())
        );
        // Its id is free again.
        store
            .create(&sample("old"), "2026-10-31T12:00:03Z")
            .expect("a new case under the purged id");
    }

    #[test]
    fn deleting_drops_the_drafts_and_a_stale_edit_is_refused_after_a_restore() {
        let (_dir, mut store) = store();
        store
            .create(&sample("c1"), "2026-11-01T10:00:00Z")
            .expect("create");
        let fields = [("text".to_owned(), "Promote".to_owned())]
            .into_iter()
            .collect();
        store
            .save_draft("c1", "recommendation", &fields, 1, "2026-11-01T10:01:00Z")
            .expect("draft");
        store.delete("c1", "2026-11-01T11:00:00Z").expect("delete");
        assert!(matches!(
            store.save_draft("c1", "recommendation", &fields, 1, "t"),
            Err(StoreError::NotFound(_))
        ));
        store
            .restore_deleted("c1", "2026-11-01T12:00:00Z")
            .expect("restore");
        assert!(store.drafts("c1").expect("drafts").is_empty());
        assert!(matches!(
            store.update_at("c1", Some(1), "t", |_| Ok(())),
            Err(StoreError::Stale(_, 3))
        ));
    }

    #[test]
    fn days_left_count_up_and_never_go_below_zero() {
        assert_eq!(days_left(0), 30);
        assert_eq!(days_left(1), 30);
        assert_eq!(days_left(86_400), 29);
        assert_eq!(days_left(30 * 86_400), 0);
        assert_eq!(days_left(40 * 86_400), 0);
        assert_eq!(days_left(-5), 30);
    }
}
