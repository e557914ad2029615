//! Copies of the case database, and telling a damaged database from a sound one.
//!
//! A copy is made with SQLite's online backup API, so it is consistent even while the
//! app or the `rung` tool writes: it holds every committed change, the ones still in the
//! write-ahead log too. Copies live in the `backups` folder beside the database, each
//! named `cases-<UTC time>-<reason>.db` (the time as `20261130T050104Z`), written to a
//! temporary private file first and renamed into place, so a half-made copy never looks
//! like a backup. The reasons: `daily` (the app, once a day; the last [`DAILY_KEPT`] are
//! kept, older daily copies removed), `before-migration-N` (before the schema is brought
//! to version N), `before-restore` (the cases a restore replaced) and `manual`; copies
//! made for a reason other than `daily` are never removed by Rung.
//!
//! [`damage`] is the check made whenever the database is opened: SQLite's `quick_check`
//! on a read-only connection, so nothing is written to a file that fails it.
//! The caller gives "now"; the core never reads the clock.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::files::private;

/// The folder beside the database that holds its backups.
pub const FOLDER: &str = "backups";
/// How many daily copies are kept.
pub const DAILY_KEPT: usize = 14;
/// How old the newest daily copy may be before another is due, in seconds.
pub const DAY: u64 = 86_400;

/// Why a copy was made; part of its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The copy made once a day while the app runs.
    Daily,
    /// Before the schema was brought to this version.
    BeforeMigration(i64),
    /// The cases a restore replaced.
    BeforeRestore,
    /// Asked for (`rung case backup`).
    Manual,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Daily => f.write_str("daily"),
            Reason::BeforeMigration(n) => write!(f, "before-migration-{n}"),
            Reason::BeforeRestore => f.write_str("before-restore"),
            Reason::Manual => f.write_str("manual"),
        }
    }
}

/// One backup, as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Backup {
    /// Where the copy is.
    pub path: String,
    /// When it was made (RFC 3339, UTC).
    pub at: String,
    /// Why: `daily`, `before-migration-N`, `before-restore` or `manual`.
    pub reason: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// How many cases it holds outside the trash, when it can be read.
    pub cases: Option<u32>,
    /// How many cases it holds in the trash (none in a copy made before the trash was).
    pub in_trash: u32,
}

/// The case database's health and its backups, for the app's "Backups…" and for what
/// it says when the database is damaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupsView {
    /// The database file.
    pub database: String,
    /// What is wrong with it, when it is damaged.
    pub damaged: Option<String>,
    /// Its backups, newest first.
    pub backups: Vec<Backup>,
}

/// The database at `db`, checked, and its backups.
pub fn overview(db: &Path) -> Result<BackupsView, BackupError> {
    Ok(BackupsView {
        database: db.display().to_string(),
        damaged: damage(db)?,
        backups: list(&folder(db))?,
    })
}

/// Why a copy could not be made or listed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// A file or folder could not be read or written.
    #[error("{0}: {1}")]
    Io(String, io::Error),
    /// SQLite refused.
    #[error("the copy of the case database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database is damaged; a copy of it would not be a backup.
    #[error("the case database {0} is damaged ({1}); it is not copied")]
    Damaged(String, String),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> BackupError + '_ {
    move |e| BackupError::Io(path.display().to_string(), e)
}

/// The backups folder of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(FOLDER)
}

/// Copies the database at `db` into `dir` (created private when missing) for `reason`;
/// `now` is seconds since 1970 (UTC). Answers with the copy's path. A damaged database
/// is refused, and so is a missing one.
pub fn backup(db: &Path, dir: &Path, reason: &Reason, now: u64) -> Result<PathBuf, BackupError> {
    if let Some(why) = damage(db)? {
        return Err(BackupError::Damaged(db.display().to_string(), why));
    }
    let from = read_only(db)?;
    let made = copy_into(&from, dir, reason, now)?;
    if *reason == Reason::Daily {
        prune(dir)?;
    }
    Ok(made)
}

/// The daily copy, when one is due: the newest daily copy in `dir` is a day old or more,
/// or there is none. Answers with the copy made, if any. A database not created yet has
/// nothing to copy.
pub fn daily(db: &Path, dir: &Path, now: u64) -> Result<Option<PathBuf>, BackupError> {
    if std::fs::metadata(db).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    let newest = names(dir)?
        .into_iter()
        .filter(|n| n.reason == "daily")
        .map(|n| n.secs)
        .max();
    if newest.is_some_and(|at| now.saturating_sub(at) < DAY) {
        return Ok(None);
    }
    backup(db, dir, &Reason::Daily, now).map(Some)
}

/// When the file at `path` last changed, in seconds since 1970; 0 when unknown.
pub(crate) fn last_changed(path: &Path) -> u64 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

/// The copy made before the schema of the database at `db` is brought to `version`,
/// through `from`, the connection about to migrate it. It is named by `changed`, when
/// the database last changed before it was opened (the core reads no clock), which is
/// the time of the cases it holds.
pub(crate) fn before_migration(
    from: &Connection,
    db: &Path,
    version: i64,
    changed: u64,
) -> Result<PathBuf, BackupError> {
    copy_into(
        from,
        &folder(db),
        &Reason::BeforeMigration(version),
        changed,
    )
}

/// Copies through `from`, an open connection to the database, into `dir`.
pub(crate) fn copy_into(
    from: &Connection,
    dir: &Path,
    reason: &Reason,
    now: u64,
) -> Result<PathBuf, BackupError> {
    private::create_dir(dir).map_err(io_error(dir))?;
    let stamp = stamp(now);
    let mut to = dir.join(format!("cases-{stamp}-{reason}.db"));
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = dir.join(format!("cases-{stamp}-{reason}.{n}.db"));
    }
    copy_to(from, &to)?;
    Ok(to)
}

/// Writes the database `from` reads to the file `to` whole: a private temporary file
/// first, in rollback-journal mode (so a copy opened later leaves no `-wal` beside it),
/// then renamed to `to`.
pub(crate) fn copy_to(from: &Connection, to: &Path) -> Result<(), BackupError> {
    let name = to.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = to.with_file_name(format!(".{}.tmp", name.unwrap_or_default()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        private::create_new(&tmp).map_err(io_error(&tmp))?;
        let mut dst = Connection::open(&tmp)?;
        {
            let copy = rusqlite::backup::Backup::new(from, &mut dst)?;
            let mut tries = 0;
            loop {
                match copy.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ if tries < 200 => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => {
                        return Err(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some("the database stayed busy".into()),
                        )
                        .into())
                    }
                }
            }
        }
        let _: String =
            dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        dst.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&tmp))?;
        std::fs::rename(&tmp, to).map_err(io_error(to))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Removes the daily copies beyond the newest [`DAILY_KEPT`].
fn prune(dir: &Path) -> Result<(), BackupError> {
    let mut daily: Vec<Named> = names(dir)?
        .into_iter()
        .filter(|n| n.reason == "daily")
        .collect();
    daily.sort_by(|a, b| b.file.cmp(&a.file));
    for old in daily.iter().skip(DAILY_KEPT) {
        std::fs::remove_file(&old.path).map_err(io_error(&old.path))?;
    }
    Ok(())
}

/// The backups in `dir`, newest first; none when the folder does not exist.
pub fn list(dir: &Path) -> Result<Vec<Backup>, BackupError> {
    let mut found: Vec<Backup> = names(dir)?
        .into_iter()
        .map(|n| {
            let (cases, in_trash) = count(&n.path).map_or((None, 0), |(c, t)| (Some(c), t));
            Backup {
                bytes: std::fs::metadata(&n.path).map_or(0, |m| m.len()),
                cases,
                in_trash,
                at: rfc3339(n.secs),
                reason: n.reason,
                path: n.path.display().to_string(),
            }
        })
        .collect();
    found.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(found)
}

/// The newest backup in `dir`, if any.
pub fn latest(dir: &Path) -> Result<Option<Backup>, BackupError> {
    Ok(list(dir)?.into_iter().next())
}

/// How many cases the copy at `path` holds; `None` when it cannot be read as one.
/// How many cases a copy holds outside the trash and in it; a copy made before the
/// trash existed (no `deleted_at` column) has every case outside it.
fn count(path: &Path) -> Option<(u32, u32)> {
    let db = read_only(path).ok()?;
    let split = db.query_row(
        "SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM cases",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    );
    match split {
        Ok(counts) => Some(counts),
        Err(_) => db
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
            .ok()
            .map(|all| (all, 0)),
    }
}

/// A backup's file, read back from its name.
struct Named {
    path: PathBuf,
    file: String,
    secs: u64,
    reason: String,
}

fn names(dir: &Path) -> Result<Vec<Named>, BackupError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(BackupError::Io(dir.display().to_string(), e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some((secs, reason)) = parse_name(&file) {
            found.push(Named {
                path: entry.path(),
                file,
                secs,
                reason,
            });
        }
    }
    Ok(found)
}

/// `cases-20261130T050104Z-daily.db` (or `….2.db`) as its time and reason.
fn parse_name(file: &str) -> Option<(u64, String)> {
    let rest = file.strip_prefix("cases-")?.strip_suffix(".db")?;
    let (stamp, reason) = rest.split_once('-')?;
    let reason = reason.split('.').next().unwrap_or(reason);
    if reason.is_empty() {
        return None;
    }
    Some((parse_stamp(stamp)?, reason.to_owned()))
}

/// Seconds since 1970 as RFC 3339 in UTC (as `history` writes it; not imported from
/// there, which reaches the store, which copies through here).
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // The civil date of a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// Seconds since 1970 as `20261130T050104Z`, a time that sorts as text and is a file name
/// on every platform.
pub fn stamp(secs: u64) -> String {
    rfc3339(secs).replace(['-', ':'], "")
}

fn parse_stamp(stamp: &str) -> Option<u64> {
    let b = stamp.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> { stamp.get(from..to)?.parse().ok() };
    let (year, month, day) = (num(0, 4)?, num(4, 6)?, num(6, 8)?);
    let (hour, minute, second) = (num(9, 11)?, num(11, 13)?, num(13, 15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // The day count of a civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hour * 3_600 + minute * 60 + second).ok()
}

/// Opens `path` for reading only: nothing done through it writes to the file.
pub(crate) fn read_only(path: &Path) -> Result<Connection, rusqlite::Error> {
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    db.busy_timeout(Duration::from_secs(10))?;
    Ok(db)
}

/// What is wrong with the database at `path`, in words, or `None` when SQLite's quick
/// check finds it sound. A file that does not exist yet or is empty is a new database,
/// sound. Reads only. Errors that say nothing about the file (it is locked, it cannot be
/// opened) are answered as errors.
pub fn damage(path: &Path) -> Result<Option<String>, rusqlite::Error> {
    if std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    check(path, "quick_check")
}

/// Like [`damage`], with SQLite's full `integrity_check` (slower; for a file about to
/// replace the database).
pub fn integrity(path: &Path) -> Result<Option<String>, rusqlite::Error> {
    if std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
        return Ok(Some("it is empty".into()));
    }
    check(path, "integrity_check")
}

fn check(path: &Path, pragma: &str) -> Result<Option<String>, rusqlite::Error> {
    let answer = read_only(path).and_then(|db| {
        let mut query = db.prepare(&format!("PRAGMA {pragma}(3)"))?;
        let rows = query.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<Vec<String>, _>>()
    });
    match answer {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(None),
        Ok(rows) => {
            // The first problem SQLite names, on one line; the others follow from it.
            let first = rows
                .iter()
                .flat_map(|r| r.lines())
                .find(|l| !l.starts_with("***") && !l.trim().is_empty())
                .unwrap_or("no answer");
            Ok(Some(format!(
                "SQLite finds its pages inconsistent: {first}"
            )))
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            Ok(Some("it is not a database".into()))
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::DatabaseCorrupt => {
            Ok(Some("it is malformed".into()))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::testing::{database, flip, NOW};
    use super::*;
    use crate::cases::store::Store;

    #[test]
    fn a_stamp_reads_back_as_its_time() {
        assert_eq!(stamp(NOW), "20261130T050104Z");
        assert_eq!(parse_stamp("20261130T050104Z"), Some(NOW));
        assert_eq!(parse_stamp("19700101T000000Z"), Some(0));
        assert_eq!(parse_stamp("20240229T235959Z"), Some(1_709_251_199));
        assert_eq!(parse_stamp("20261330T050104Z"), None);
        assert_eq!(
            parse_name("cases-20261130T050104Z-before-migration-2.db"),
            Some((NOW, "before-migration-2".into()))
        );
        assert_eq!(
            parse_name("cases-20261130T050104Z-manual.3.db"),
            Some((NOW, "manual".into()))
        );
        assert_eq!(parse_name("cases.db"), None);
        assert_eq!(parse_name(".cases-20261130T050104Z-daily.db.tmp"), None);
    }

    #[test]
    fn a_backup_holds_the_cases_and_is_private() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 3);
        let dir = folder(&db);
        let made = backup(&db, &dir, &Reason::Manual, NOW).unwrap();
        assert_eq!(
            made.file_name().unwrap().to_string_lossy(),
            "cases-20261130T050104Z-manual.db"
        );
        let copy = Store::open(&made).unwrap();
        assert_eq!(copy.list().unwrap().len(), 3);
        drop(copy);
        let again = backup(&db, &dir, &Reason::Manual, NOW).unwrap();
        assert_eq!(
            again.file_name().unwrap().to_string_lossy(),
            "cases-20261130T050104Z-manual.2.db"
        );
        let listed = list(&dir).unwrap();
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[0].at, "2026-11-30T05:01:04Z");
        assert_eq!(listed[0].reason, "manual");
        assert_eq!(listed[0].cases, Some(3));
        assert!(listed[0].bytes > 0);
        #[cfg(unix)]
        {
            assert_eq!(private::mode(&dir).unwrap(), 0o700);
            assert_eq!(private::mode(&again).unwrap(), 0o600);
        }
    }

    #[test]
    fn a_backup_counts_the_cases_in_the_trash_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 3);
        let mut store = Store::open(&db).unwrap();
        store.delete("c1", "2026-11-30T05:00:30Z").unwrap();
        drop(store);
        let dir = tmp.path().join("backups");
        backup(&db, &dir, &Reason::Manual, NOW).unwrap();
        let listed = list(&dir).unwrap();
        assert_eq!((listed[0].cases, listed[0].in_trash), (Some(2), 1));
    }

    #[test]
    fn a_backup_left_unopened_is_in_rollback_mode_with_nothing_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 1);
        let made = backup(&db, &folder(&db), &Reason::Manual, NOW).unwrap();
        let bytes = std::fs::read(&made).unwrap();
        // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
        assert_eq!((bytes[18], bytes[19]), (1, 1));
        let names: Vec<String> = std::fs::read_dir(folder(&db))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["cases-20261130T050104Z-manual.db"]);
    }

    #[test]
    fn the_last_fourteen_daily_copies_are_kept_and_the_others_never_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 1);
        let dir = folder(&db);
        backup(&db, &dir, &Reason::Manual, NOW).unwrap();
        backup(&db, &dir, &Reason::BeforeMigration(2), NOW + 1).unwrap();
        for day in 0..20 {
            let made = daily(&db, &dir, NOW + day * DAY).unwrap();
            assert!(made.is_some(), "day {day}");
            // The same day again: nothing is due.
            assert_eq!(daily(&db, &dir, NOW + day * DAY + DAY - 1).unwrap(), None);
        }
        let listed = list(&dir).unwrap();
        let dailies: Vec<&str> = listed
            .iter()
            .filter(|b| b.reason == "daily")
            .map(|b| b.at.as_str())
            .collect();
        assert_eq!(dailies.len(), DAILY_KEPT);
        assert_eq!(dailies[0], rfc(NOW + 19 * DAY));
        assert_eq!(dailies[13], rfc(NOW + 6 * DAY));
        assert_eq!(listed.len(), DAILY_KEPT + 2);
        assert_eq!(listed[listed.len() - 1].reason, "manual");
        assert_eq!(listed[listed.len() - 2].reason, "before-migration-2");
    }

    fn rfc(secs: u64) -> String {
        crate::cases::history::rfc3339(secs)
    }

    #[test]
    fn no_daily_copy_of_a_database_not_made_yet() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("cases.db");
        assert_eq!(daily(&db, &folder(&db), NOW).unwrap(), None);
        assert!(!folder(&db).exists());
    }

    #[test]
    fn a_sound_database_passes_and_a_damaged_one_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let db = database(tmp.path(), 20);
        assert_eq!(damage(&db).unwrap(), None);
        assert_eq!(damage(&tmp.path().join("none.db")).unwrap(), None);
        let bytes = std::fs::read(&db).unwrap();

        let text = tmp.path().join("text.db");
        std::fs::write(&text, "not a database, a note.\n".repeat(200)).unwrap();
        assert_eq!(
            damage(&text).unwrap().as_deref(),
            Some("it is not a database")
        );

        let truncated = tmp.path().join("truncated.db");
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let why = damage(&truncated).unwrap();
        assert!(why.is_some(), "a truncated copy passed");

        let flipped = tmp.path().join("flipped.db");
        std::fs::write(&flipped, flip(&bytes)).unwrap();
        assert!(damage(&flipped).unwrap().is_some(), "flipped bytes passed");
    }

    #[test]
    fn a_damaged_database_is_not_copied() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("cases.db");
        std::fs::write(&db, "not a database, a note.\n".repeat(200)).unwrap();
        let err = backup(&db, &folder(&db), &Reason::Manual, NOW).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the case database {} is damaged (it is not a database); it is not copied",
                db.display()
            )
        );
    }
}

/// What the tests of backups and restores share: a database of cases, and damage.
#[cfg(test)]
pub(crate) mod testing {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::path::{Path, PathBuf};

    use crate::cases::store::Store;

    /// 2026-11-30T05:01:04Z.
    pub(crate) const NOW: u64 = 1_796_014_864;

    /// A database of `n` cases at `dir/cases.db`.
    pub(crate) fn database(dir: &Path, n: usize) -> PathBuf {
        let path = dir.join("cases.db");
        let mut store = Store::open(&path).unwrap();
        let mut case = crate::cases::start::sample("c0", "e4");
        for i in 0..n {
            case.id = format!("c{i}");
            store.create(&case, "2026-11-30T05:00:00Z").unwrap();
        }
        path
    }

    /// `bytes` with the b-tree header of its second page inverted.
    pub(crate) fn flip(bytes: &[u8]) -> Vec<u8> {
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        let mut out = bytes.to_vec();
        for b in &mut out[page..page + 12] {
            *b = !*b;
        }
        out
    }
}
