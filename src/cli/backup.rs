//! `rung case backup`, `rung case backups` and `rung case restore`, and what every
//! `rung case` command says when the case database is damaged.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use rung::cases::backup::{self, Backup, Reason};
use rung::cases::restore;
use rung::cases::store::{Store, StoreError};

use super::print;

/// The case database is damaged: the words to print, and exit 1 (`main` tells it from
/// other errors).
#[derive(Debug)]
pub(crate) struct Damaged(pub(crate) String);

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Damaged {}

/// The error of opening the database at `path`: when it is damaged, what happened, the
/// latest backup and the command that restores it.
pub(crate) fn opening(path: &Path, error: StoreError) -> anyhow::Error {
    if !matches!(error, StoreError::Damaged { .. }) {
        return anyhow::Error::new(error)
            .context(format!("cannot open the case database {}", path.display()));
    }
    let dir = backup::folder(path);
    let latest = match backup::latest(&dir) {
        Ok(Some(latest)) => format!(
            "the latest backup: {}\nto restore it: rung case restore {}",
            describe(&latest),
            latest.path
        ),
        Ok(None) | Err(_) => format!("there is no backup in {}", dir.display()),
    };
    anyhow::Error::new(Damaged(format!("{error}\n{latest}")))
}

/// A backup in words: `2026-11-30 05:01:04 UTC, daily, 3 cases, 48 KB, PATH`.
fn describe(b: &Backup) -> String {
    format!(
        "{}, {}, {}, {}",
        b.at.replacen('T', " ", 1).replace('Z', " UTC"),
        b.reason,
        match (b.cases, b.in_trash) {
            (None, _) => "cases unknown".to_owned(),
            (Some(n), 0) => plural(n),
            (Some(n), t) => format!("{} ({t} in the trash)", plural(n)),
        },
        size(b.bytes),
    ) + &format!(": {}", b.path)
}

fn plural(n: u32) -> String {
    if n == 1 {
        "1 case".to_owned()
    } else {
        format!("{n} cases")
    }
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Now, in seconds since 1970.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `rung case backup`: a copy of the database at `path` now; prints where.
pub(crate) fn make(path: &Path) -> Result<ExitCode> {
    // Opened first: a new database is created, a damaged one said so.
    drop(Store::open(path).map_err(|e| opening(path, e))?);
    let made = backup::backup(path, &backup::folder(path), &Reason::Manual, now())?;
    print(&format!("{}\n", made.display()))
}

/// `rung case backups`: the backups of the database at `path`, newest first.
pub(crate) fn list(path: &Path) -> Result<ExitCode> {
    let dir = backup::folder(path);
    let found = backup::list(&dir)?;
    if found.is_empty() {
        return print(&format!("no backups in {}\n", dir.display()));
    }
    let lines: String = found.iter().map(|b| describe(b) + "\n").collect();
    print(&lines)
}

/// `rung case restore FILE`, in place of the database at `path`.
pub(crate) fn restore(path: &Path, file: &Path) -> Result<ExitCode> {
    let done = restore::restore(file, path, now())?;
    let mut out = format!(
        "restored {}: {} in {}\n",
        done.restored,
        plural(done.cases),
        path.display()
    );
    match (&done.kept, done.damaged) {
        (Some(kept), true) => out.push_str(&format!(
            "the damaged database was moved aside, untouched: {kept}\n"
        )),
        (Some(kept), false) => {
            out.push_str(&format!("the cases it replaced are kept in {kept}\n"));
        }
        (None, _) => {}
    }
    print(&out)
}
