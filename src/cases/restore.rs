//! Putting a backup back in place of the case database (`rung case restore`, and the
//! app's "Restore this backup…").
//!
//! The file is checked first, read-only: SQLite's full `integrity_check` must answer ok
//! and it must be a Rung case database of a schema this Rung knows. Only then is the
//! current database kept: copied to the backups as `before-restore` when it is sound, or,
//! when it is damaged, moved aside whole under a new name (`cases.damaged-<time>.db`, its
//! `-wal` and `-shm` with it), so that nothing is ever written over it. The backup is then
//! written beside the database as a private temporary file, the old `-wal` and `-shm` are
//! removed (so no old log is replayed over the restored cases), the file is renamed into
//! place, and the database is opened to prove it.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::backup::{self, BackupError, Reason};
use super::store::{self, Store, StoreError};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Restored {
    /// The backup put in place.
    pub restored: String,
    /// Where the cases it replaced are kept: a `before-restore` backup, or the damaged
    /// file moved aside; `None` when there was no database.
    pub kept: Option<String>,
    /// Whether the database replaced was damaged (and moved aside, not copied).
    pub damaged: bool,
    /// How many cases the database holds now.
    pub cases: u32,
}

/// Why a restore did not happen, or did not finish.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The file cannot take the database's place; nothing was changed.
    #[error("{path} cannot be restored: {why}; nothing was changed")]
    Refused {
        /// The file asked for.
        path: String,
        /// Why, in words.
        why: String,
    },
    /// A file could not be read, moved or written.
    #[error("{0}: {1}")]
    Io(String, io::Error),
    /// The copy failed.
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// SQLite refused.
    #[error("the restore failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The restored database did not open.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> RestoreError + '_ {
    move |e| RestoreError::Io(path.display().to_string(), e)
}

/// Puts the backup `file` in place of the database at `db`; `now` is seconds since 1970
/// (UTC), for the names of what is kept.
pub fn restore(file: &Path, db: &Path, now: u64) -> Result<Restored, RestoreError> {
    let refuse = |why: &str| RestoreError::Refused {
        path: file.display().to_string(),
        why: why.to_owned(),
    };
    std::fs::metadata(file).map_err(io_error(file))?;
    if let (Ok(a), Ok(b)) = (file.canonicalize(), db.canonicalize()) {
        if a == b {
            return Err(refuse("it is the case database itself"));
        }
    }
    if let Some(why) = examine(file)? {
        return Err(refuse(&why));
    }

    let present = std::fs::metadata(db).is_ok_and(|m| m.len() > 0);
    let damaged = present && backup::damage(db)?.is_some();
    let kept = if !present {
        None
    } else if damaged {
        Some(move_aside(db, now)?)
    } else {
        let dir = backup::folder(db);
        Some(backup::backup(db, &dir, &Reason::BeforeRestore, now)?)
    };

    let staging = sibling(db, ".restoring");
    let from = backup::read_only(file)?;
    backup::copy_to(&from, &staging)?;
    drop(from);
    for log in ["-wal", "-shm"] {
        let path = sibling(db, log);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(RestoreError::Io(path.display().to_string(), e)),
        }
    }
    std::fs::rename(&staging, db).map_err(io_error(db))?;
    let cases = Store::open(db)?.list()?.len();
    Ok(Restored {
        restored: file.display().to_string(),
        kept: kept.map(|p| p.display().to_string()),
        damaged,
        cases: u32::try_from(cases).unwrap_or(u32::MAX),
    })
}

/// Why `file` cannot take the database's place, or `None` when it can.
fn examine(file: &Path) -> Result<Option<String>, RestoreError> {
    if let Some(why) = backup::integrity(file)? {
        return Ok(Some(why));
    }
    let db = backup::read_only(file)?;
    let tables: i64 = db.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('cases', 'history')",
        [],
        |r| r.get(0),
    )?;
    let version: i64 = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if tables != 2 || version < 1 {
        return Ok(Some("it is not a Rung case database".into()));
    }
    if version > store::schema() {
        return Ok(Some(format!(
            "it has schema {version}, newer than this Rung knows ({}); update Rung",
            store::schema()
        )));
    }
    Ok(None)
}

/// `db` with `suffix` after its name: `cases.db-wal`.
fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    db.with_file_name(name)
}

/// Moves the damaged database, and its `-wal` and `-shm`, to `<stem>.damaged-<time>.db`
/// beside it: renamed, never copied or written.
fn move_aside(db: &Path, now: u64) -> Result<PathBuf, RestoreError> {
    let stem = db
        .file_stem()
        .map_or_else(|| "cases".to_owned(), |s| s.to_string_lossy().into_owned());
    let stamp = backup::stamp(now);
    let mut aside = db.with_file_name(format!("{stem}.damaged-{stamp}.db"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = db.with_file_name(format!("{stem}.damaged-{stamp}.{n}.db"));
    }
    for log in ["-wal", "-shm"] {
        let from = sibling(db, log);
        if from.exists() {
            let to = sibling(&aside, log);
            std::fs::rename(&from, &to).map_err(io_error(&from))?;
        }
    }
    std::fs::rename(db, &aside).map_err(io_error(db))?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::cases::backup::testing::{database, flip, NOW};

    fn ids(db: &Path) -> Vec<String> {
        let mut ids: Vec<String> = Store::open(db)
            .unwrap()
            .list()
            .unwrap()
            .into_iter()
            .map(|s| s.case.id)
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_backup_restored_gives_the_same_cases_and_keeps_the_ones_it_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 3);
        let dir = backup::folder(&db);
        let made = backup::backup(&db, &dir, &Reason::Manual, NOW).unwrap();
        // Two more cases after the backup.
        let mut store = Store::open(&db).unwrap();
        let mut case = crate::cases::start::sample("later-1", "e4");
        store.create(&case, "t").unwrap();
        case.id = "later-2".into();
        store.create(&case, "t").unwrap();
        drop(store);
        assert_eq!(ids(&db).len(), 5);

        let done = restore(&made, &db, NOW + 60).unwrap();
        assert_eq!(ids(&db), ["c0", "c1", "c2"]);
        assert_eq!(done.cases, 3);
        assert!(!done.damaged);
        let kept = PathBuf::from(done.kept.unwrap());
        assert_eq!(
            kept.file_name().unwrap().to_string_lossy(),
            "cases-20261130T050204Z-before-restore.db"
        );
        // What was replaced is kept whole, with the cases written after the backup.
        assert_eq!(ids(&kept).len(), 5);
        // No staging file is left behind.
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_file_that_is_not_a_sound_rung_database_is_refused_and_nothing_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 2);
        let made = backup::backup(&db, &backup::folder(&db), &Reason::Manual, NOW).unwrap();
        let bytes = std::fs::read(&made).unwrap();
        let cases = |p: &str| tmp.path().join(p);

        std::fs::write(cases("note.db"), "not a database, a note.\n".repeat(200)).unwrap();
        std::fs::write(cases("truncated.db"), &bytes[..bytes.len() / 2]).unwrap();
        std::fs::write(cases("flipped.db"), flip(&bytes)).unwrap();
        std::fs::write(cases("empty.db"), "").unwrap();
        {
            let other = rusqlite::Connection::open(cases("other.db")).unwrap();
            other.execute_batch("CREATE TABLE notes (t TEXT);").unwrap();
        }
        let before = std::fs::read(&db).unwrap();
        for (file, why) in [
            ("note.db", "it is not a database".to_owned()),
            ("empty.db", "it is empty".to_owned()),
            ("other.db", "it is not a Rung case database".to_owned()),
        ] {
            let err = restore(&cases(file), &db, NOW).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "{} cannot be restored: {why}; nothing was changed",
                    cases(file).display()
                )
            );
        }
        for file in ["truncated.db", "flipped.db"] {
            let err = restore(&cases(file), &db, NOW).unwrap_err();
            assert!(
                matches!(err, RestoreError::Refused { .. }),
                "{file} was not refused: {err}"
            );
        }
        let err = restore(&db, &db, NOW).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "cannot be restored: it is the case database itself; nothing was changed"
            ),
            "{err}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), before);
        // No before-restore copy was made for a refused restore.
        assert_eq!(backup::list(&backup::folder(&db)).unwrap().len(), 1);
    }

    #[test]
    fn a_damaged_database_is_moved_aside_untouched_and_never_opened_for_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 2);
        let made = backup::backup(&db, &backup::folder(&db), &Reason::Manual, NOW).unwrap();
        let damaged = flip(&std::fs::read(&made).unwrap());
        std::fs::write(&db, &damaged).unwrap();
        for log in ["cases.db-wal", "cases.db-shm"] {
            let _ = std::fs::remove_file(tmp.path().join(log));
        }

        let err = Store::open(&db).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("the case database {} is damaged (", db.display())),
            "{err}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), damaged, "open wrote to it");

        let done = restore(&made, &db, NOW).unwrap();
        assert!(done.damaged);
        let aside = tmp.path().join("cases.damaged-20261130T050104Z.db");
        assert_eq!(done.kept.as_deref(), Some(aside.to_str().unwrap()));
        assert_eq!(
            std::fs::read(&aside).unwrap(),
            damaged,
            "the damaged file changed"
        );
        assert_eq!(ids(&db), ["c0", "c1"]);
        // The damaged file was not copied into the backups.
        assert_eq!(backup::list(&backup::folder(&db)).unwrap().len(), 1);
    }

    #[test]
    fn an_older_schema_is_copied_before_it_is_migrated() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("cases.db");
        {
            // The database as the first Rung with cases left it: schema 1, one case.
            let old = rusqlite::Connection::open(&db).unwrap();
            old.execute_batch(
                "CREATE TABLE cases (id TEXT PRIMARY KEY, body TEXT NOT NULL,
                    revision INTEGER NOT NULL, created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL) STRICT;
                 CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    revision INTEGER NOT NULL, at TEXT NOT NULL, path TEXT NOT NULL,
                    old TEXT, new TEXT) STRICT;
                 PRAGMA user_version = 1;",
            )
            .unwrap();
            let body = serde_json::to_string(&crate::cases::start::sample("c1", "e4")).unwrap();
            old.execute(
                "INSERT INTO cases (id, body, revision, created_at, updated_at) VALUES ('c1', ?1, 1, 't', 't')",
                [body],
            )
            .unwrap();
        }
        let changed = std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW);
        std::fs::File::options()
            .write(true)
            .open(&db)
            .unwrap()
            .set_modified(changed)
            .unwrap();
        drop(Store::open(&db).unwrap());
        let listed = backup::list(&backup::folder(&db)).unwrap();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(
            listed[0].reason,
            format!("before-migration-{}", store::schema())
        );
        assert_eq!(listed[0].at, "2026-11-30T05:01:04Z");
        assert_eq!(listed[0].cases, Some(1));
        // The copy is of schema 1, as the cases were.
        let copy = backup::read_only(Path::new(&listed[0].path)).unwrap();
        let version: i64 = copy
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
        // Opening again migrates nothing and copies nothing.
        drop(Store::open(&db).unwrap());
        assert_eq!(backup::list(&backup::folder(&db)).unwrap().len(), 1);
        // A new database is not copied either.
        drop(Store::open(&tmp.path().join("new.db")).unwrap());
        assert_eq!(backup::list(&backup::folder(&db)).unwrap().len(), 1);
    }
}
