//! A save that the disk refuses leaves the case exactly as it was.
//!
//! `rung case` edits run in a child process whose writes fail: once under a file-size
//! limit (`ulimit -f`, with SIGXFSZ ignored so that `write` returns `EFBIG` instead of the
//! signal killing the process; an ignored signal stays ignored across `exec`), once with
//! the data folder read-only, so SQLite cannot create its `-wal` and `-shm` files there.
//! Each time the command must fail with the store's words (no panic), and afterwards the
//! case must read back equal to the case before, `PRAGMA integrity_check` must say `ok`,
//! and no file may be left beside the database.
//!
//! Running as root, a folder's mode does not stop the process; the read-only test then
//! hands the folder to `nobody` and runs the edit as `nobody` (with `setpriv`), so the
//! mode applies again.

#![cfg(target_os = "linux")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, new_case_args, out, rung};

const EXPECTATION: &str = "engineering/e4/leads-the-teams-largest-engineering-efforts";

/// What a failed save says, in the store's words.
const UNWRITABLE: &str = "the disk is full or the file cannot be written; nothing was changed";

/// The largest file the limited process may write: more than SQLite's 32 KiB shared
/// memory file, so the database opens and reads, and less than one rewrite of the case.
const LIMIT_BYTES: usize = 64 * 1024;

/// A case whose body is larger than [`LIMIT_BYTES`], so any edit (which rewrites the
/// whole case) needs more than the limit in the write-ahead log.
fn large_case(db: &Path) -> serde_json::Value {
    let o = rung(db, &new_case_args("c1", "Ana Lima", "Candidate 7"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for n in 0..20 {
        let what = format!("{n}: {}", "led the billing migration ".repeat(200));
        let o = rung(
            db,
            &[
                "case",
                "evidence",
                "c1",
                "--what",
                &what,
                "--expectation",
                EXPECTATION,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    }
    let case = exported(db);
    assert!(case.to_string().len() > LIMIT_BYTES * 3 / 2);
    case
}

fn exported(db: &Path) -> serde_json::Value {
    let o = rung(db, &["case", "export", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    serde_json::from_str(&out(&o)).expect("a case file")
}

/// The edits tried under each fault.
fn edits() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "case",
            "evidence",
            "c1",
            "--what",
            "Mentored two engineers",
            "--expectation",
            EXPECTATION,
        ],
        vec![
            "case",
            "rate",
            "c1",
            EXPECTATION,
            "meets",
            "--reason",
            "the billing migration",
        ],
    ]
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// After a failed edit: the same case, the same history, a sound database, and nothing
/// left beside it.
fn unchanged(db: &Path, case: &serde_json::Value, history: &str) {
    let dir = db.parent().expect("a folder");
    assert_eq!(
        names(dir),
        ["cases.db"],
        "no journal or temporary file left"
    );
    assert_eq!(&exported(db), case, "the case is as it was");
    assert_eq!(out(&rung(db, &["case", "history", "c1"])), history);
    let store = rung::cases::store::Store::open(db).expect("open");
    assert!(
        store.is_sound().expect("integrity_check"),
        "integrity_check"
    );
}

fn first_line(o: &Output) -> String {
    err(o).lines().next().unwrap_or("").to_owned()
}

fn failed_cleanly(o: &Output, first: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", err(o));
    assert_eq!(first_line(o), first);
    assert!(!err(o).contains("panicked"), "{}", err(o));
}

/// `rung ARGS --db DB` with writes past `bytes` refused.
fn limited(db: &Path, bytes: usize, args: &[&str]) -> Output {
    let blocks = (bytes / 512).to_string();
    Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"")
        .arg("sh")
        .arg(blocks)
        .arg(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs")
}

#[test]
fn an_edit_past_the_file_size_limit_fails_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let case = large_case(&db);
    let history = out(&rung(&db, &["case", "history", "c1"]));

    // Under the limit the database opens and reads: what fails is the write.
    let o = limited(&db, LIMIT_BYTES, &["case", "history", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), history);

    for edit in edits() {
        let o = limited(&db, LIMIT_BYTES, &edit);
        failed_cleanly(&o, &format!("error: {UNWRITABLE}"));
        unchanged(&db, &case, &history);
    }

    // Without the limit the same edits go through.
    for edit in edits() {
        let o = rung(&db, &edit);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    }
    assert_ne!(exported(&db), case);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `rung ARGS --db DB`, as `nobody` when the test runs as root.
fn as_owner(db: &Path, args: &[&str]) -> Output {
    let mut command = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_rung"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_rung"))
    };
    command
        .args(args)
        .arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn an_edit_in_a_read_only_data_folder_fails_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data: PathBuf = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let db = data.join("cases.db");
    let case = large_case(&db);
    let history = out(&rung(&db, &["case", "history", "c1"]));
    if is_root() {
        let o = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(dir.path())
            .output()
            .expect("chown");
        assert!(o.status.success(), "{}", err(&o));
    }
    // The owner may read and enter the folder, not create a file in it.
    chmod(&data, 0o500);
    let probe = as_owner(&db, &["case", "list"]);
    for edit in edits() {
        let o = as_owner(&db, &edit);
        failed_cleanly(
            &o,
            &format!(
                "error: cannot open the case database {}: {UNWRITABLE}",
                db.display()
            ),
        );
    }
    chmod(&data, 0o700);
    // Reading needs SQLite's shared-memory file beside the database too, so even the
    // list fails, in the same words.
    failed_cleanly(
        &probe,
        &format!(
            "error: cannot open the case database {}: {UNWRITABLE}",
            db.display()
        ),
    );
    unchanged(&db, &case, &history);
}
