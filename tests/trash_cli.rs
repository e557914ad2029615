//! `rung case delete`, `rung case trash` and `rung case undelete`: a deleted case waits in
//! the trash, out of every other command's sight, and comes back whole with its history.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, new_case_args, out, rung};

fn start(db: &Path, id: &str) {
    let o = rung(db, &new_case_args(id, "Ana Lima", "Candidate 7"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

/// The listing with the time of the deletion, which the clock decides, as `<when>`.
fn without_time(listing: &str) -> String {
    listing
        .lines()
        .map(|line| match line.find("deleted ") {
            Some(at) => {
                let start = at + "deleted ".len();
                let end = line[start..].find(',').map_or(line.len(), |e| start + e);
                let when = &line[start..end];
                assert_eq!(when.len(), 20, "an RFC 3339 time in UTC: {when}");
                format!("{}<when>{}", &line[..start], &line[end..])
            }
            None => line.to_owned(),
        })
        .map(|line| line + "\n")
        .collect()
}

#[test]
fn a_deleted_case_waits_in_the_trash_and_is_restored_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(&db, "c1");
    start(&db, "c2");
    let file = dir.path().join("c1.json");
    let o = rung(&db, &["case", "export", "c1"]);
    std::fs::write(&file, out(&o)).unwrap();
    let before = out(&o);

    let o = rung(&db, &["case", "delete", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        out(&o),
        "case `c1` moved to the trash; it is kept 30 days: `rung case undelete c1` restores it\n"
    );

    let listed = out(&rung(&db, &["case", "list"]));
    assert!(!listed.contains("c1 "), "{listed}");
    assert!(listed.contains("c2 "), "{listed}");
    let o = rung(&db, &["case", "show", "c1"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: there is no case `c1`\n");
    // Calibration neither selects it nor takes it by hand.
    let o = rung(&db, &["calibrate", "--track", "engineering"]);
    assert!(
        out(&o).starts_with("Calibration of 1 case (blind)\n"),
        "{}",
        out(&o)
    );
    let o = rung(&db, &["calibrate", "c1", "c2"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: there is no case `c1`\n");

    let o = rung(&db, &["case", "trash"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        without_time(&out(&o)),
        "c1               Ana Lima                 engineering → e4   deleted <when>, 30 days left\n"
    );
    let o = rung(&db, &["case", "trash", "--blind"]);
    assert_eq!(
        without_time(&out(&o)),
        "c1               Candidate 7              engineering → e4   deleted <when>, 30 days left\n"
    );

    // Importing the case file again would make a second case of the same id.
    let o = rung(&db, &["case", "import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: case `c1` is in the trash; restore it first (\"Restore\" in the trash of the \
         cases page, or `rung case undelete c1`)\n"
    );

    let o = rung(&db, &["case", "undelete", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "case `c1` restored from the trash\n");
    assert_eq!(out(&rung(&db, &["case", "trash"])), "the trash is empty\n");
    assert_eq!(
        out(&rung(&db, &["case", "export", "c1"])),
        before,
        "the case is as it was"
    );

    let history = out(&rung(&db, &["case", "history", "c1"]));
    let said: Vec<&str> = history
        .lines()
        .map(|l| l.splitn(3, "  ").nth(2).unwrap_or(""))
        .collect();
    assert_eq!(
        said,
        [
            "case started",
            "deleted (moved to the trash)",
            "restored from the trash"
        ],
        "{history}"
    );
    let revisions: Vec<&str> = history
        .lines()
        .map(|l| l.split("  ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(revisions, ["r1", "r2", "r3"]);
}

#[test]
fn what_is_not_there_cannot_be_deleted_or_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(&db, "c1");
    let o = rung(&db, &["case", "delete", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: there is no case `nope`\n");
    let o = rung(&db, &["case", "undelete", "c1"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: there is no case `c1` in the trash\n");
    assert_eq!(out(&rung(&db, &["case", "trash"])), "the trash is empty\n");
    // Deleted twice: the second finds nothing to delete.
    assert_eq!(rung(&db, &["case", "delete", "c1"]).status.code(), Some(0));
    let o = rung(&db, &["case", "delete", "c1"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: there is no case `c1`\n");
}
