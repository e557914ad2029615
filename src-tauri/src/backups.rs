//! The case database's backups while the app runs: the daily copy (at start when the
//! newest daily copy is a day old or more, then checked every hour, on a thread of its
//! own), and the commands of "Backups…" on the cases page and of what it says when the
//! database is damaged.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tauri::State;

use rung::app::{AppError, ErrorKind};
use rung::cases::backup::{self, BackupsView};
use rung::cases::restore::{self, Restored};

use crate::commands::{blocking, internal};
use crate::state::AppState;

/// How often the thread looks whether a daily copy is due.
const EVERY: Duration = Duration::from_secs(60 * 60);

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Starts the thread that makes the daily copy of the database at `db`. A failure is
/// said on stderr and tried again at the next check; a damaged database is not copied.
pub(crate) fn start_daily(db: PathBuf) {
    let spawned = std::thread::Builder::new()
        .name("rung-daily-backup".into())
        .spawn(move || loop {
            if let Err(e) = backup::daily(&db, &backup::folder(&db), now()) {
                eprintln!("rung: the daily backup was not made: {e}");
            }
            std::thread::sleep(EVERY);
        });
    if let Err(e) = spawned {
        eprintln!("rung: the daily backup cannot run: {e}");
    }
}

/// The case database, checked, and its backups, newest first.
#[tauri::command]
pub(crate) async fn cases_backups(state: State<'_, AppState>) -> Result<BackupsView, AppError> {
    let path = state.cases_path();
    blocking(move || backup::overview(&path).map_err(internal)).await
}

/// Puts the backup at `file` in place of the case database. Only a file in the backups
/// folder, as "Backups…" lists them, is taken.
#[tauri::command]
pub(crate) async fn cases_restore(
    state: State<'_, AppState>,
    file: String,
) -> Result<Restored, AppError> {
    let path = state.cases_path();
    blocking(move || {
        let file = listed(&path, &file)?;
        restore::restore(&file, &path, now()).map_err(|e| {
            AppError::new(
                ErrorKind::Refused,
                format!("The backup was not restored: {e}."),
            )
        })
    })
    .await
}

/// `file`, when it is one of the backups of the database at `db`.
fn listed(db: &Path, file: &str) -> Result<PathBuf, AppError> {
    let found = backup::list(&backup::folder(db)).map_err(internal)?;
    found
        .into_iter()
        .find(|b| b.path == file)
        .map(|b| PathBuf::from(b.path))
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                "This backup is no longer in the backups folder.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_listed_backup_is_restored() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("cases.db");
        drop(rung::cases::store::Store::open(&db).expect("open"));
        let made =
            backup::backup(&db, &backup::folder(&db), &backup::Reason::Manual, 0).expect("backup");
        let made = made.display().to_string();
        assert_eq!(listed(&db, &made).expect("listed"), PathBuf::from(&made));
        let elsewhere = dir.path().join("cases.db").display().to_string();
        let err = listed(&db, &elsewhere).expect_err("not a backup");
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(
            err.message,
            "This backup is no longer in the backups folder."
        );
    }
}
