//! `rung case backup`, `rung case backups` and `rung case restore`, and a damaged case
//! database (truncated, bytes flipped) told as such by every `rung case` command, with
//! the latest backup and the command that restores it, the file left untouched.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, new_case_args, out, rung};

fn start(db: &Path, id: &str) {
    let o = rung(db, &new_case_args(id, "Ana Lima", "Candidate 7"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

fn ids(db: &Path) -> Vec<String> {
    let o = rung(db, &["case", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    out(&o)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// A listing line with the time, which the clock decides, as `<time>` and the size as
/// `<size>`; the time is checked to be one.
fn shape(line: &str) -> String {
    let (time, rest) = line.split_at(23);
    assert!(
        time.len() == 23 && time.ends_with(" UTC") && time.as_bytes()[10] == b' ',
        "a time in UTC: {time}"
    );
    let parts: Vec<&str> = rest.splitn(4, ", ").collect();
    let (size, path) = parts[3].split_once(": ").unwrap();
    assert!(size.ends_with("KB") || size.ends_with("MB"), "{size}");
    format!("<time>{}, {}, <size>: {path}", parts[1], parts[2])
}

fn one_path(o: &std::process::Output) -> PathBuf {
    assert_eq!(o.status.code(), Some(0), "{}", err(o));
    let text = out(o);
    assert!(text.ends_with('\n') && text.lines().count() == 1, "{text}");
    PathBuf::from(text.trim_end())
}

/// Writes `bytes` as the database, without a log beside it.
fn replace_database(db: &Path, bytes: &[u8]) {
    for log in ["cases.db-wal", "cases.db-shm"] {
        let _ = std::fs::remove_file(db.with_file_name(log));
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_backup_is_listed_and_restored_and_the_cases_it_replaced_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(&db, "c1");
    start(&db, "c2");

    let made = one_path(&rung(&db, &["case", "backup"]));
    let name = made.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(made.parent().unwrap(), dir.path().join("backups"));
    assert!(
        name.starts_with("cases-") && name.ends_with("Z-manual.db") && name.len() == 32,
        "{name}"
    );

    let o = rung(&db, &["case", "backups"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let lines: Vec<String> = out(&o).lines().map(shape).collect();
    assert_eq!(
        lines,
        [format!("<time>manual, 2 cases, <size>: {}", made.display())]
    );

    start(&db, "c3");
    assert_eq!(ids(&db), ["c1", "c2", "c3"]);
    let o = rung(&db, &["case", "restore", made.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    let kept = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("the cases it replaced are kept in "))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        text,
        format!(
            "restored {}: 2 cases in {}\nthe cases it replaced are kept in {kept}\n",
            made.display(),
            db.display()
        )
    );
    assert!(kept.ends_with("Z-before-restore.db"), "{kept}");
    assert_eq!(ids(&db), ["c1", "c2"]);
    // The cases it replaced, c3 with them, restore in turn.
    let o = rung(&db, &["case", "restore", kept]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(ids(&db), ["c1", "c2", "c3"]);
}

#[test]
fn a_file_that_is_not_a_case_database_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(&db, "c1");
    let note = dir.path().join("note.db");
    std::fs::write(&note, "not a database, a note.\n".repeat(200)).unwrap();
    let o = rung(&db, &["case", "restore", note.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        format!(
            "error: {} cannot be restored: it is not a database; nothing was changed\n",
            note.display()
        )
    );
    assert_eq!(ids(&db), ["c1"]);
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_damaged_database_is_said_so_with_the_latest_backup_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    for id in ["c1", "c2", "c3"] {
        start(&db, id);
    }
    let made = one_path(&rung(&db, &["case", "backup"]));
    let bytes = std::fs::read(&made).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));

    let truncated = bytes[..bytes.len() / 2].to_vec();
    let mut flipped = bytes.clone();
    for b in &mut flipped[page..page + 12] {
        *b = !*b;
    }
    let mut header = bytes.clone();
    header[..16].copy_from_slice(b"not SQLite here\0");

    let latest = rung(&db, &["case", "backups"]);
    let latest = out(&latest);
    for (damaged, why) in [
        (&truncated, None),
        (&flipped, None),
        (&header, Some("it is not a database")),
    ] {
        replace_database(&db, damaged);
        for args in [
            &["case", "list"][..],
            &["case", "show", "c1"],
            &["case", "backup"],
        ] {
            let o = rung(&db, args);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
            let said = err(&o);
            let first = said.lines().next().unwrap();
            let prefix = format!("error: the case database {} is damaged (", db.display());
            assert!(first.starts_with(&prefix), "{said}");
            assert!(first.ends_with("); it is kept untouched"), "{said}");
            if let Some(why) = why {
                assert_eq!(first, format!("{prefix}{why}); it is kept untouched"));
            }
            assert_eq!(
                said.lines().skip(1).collect::<Vec<_>>(),
                [
                    format!("the latest backup: {}", latest.trim_end()),
                    format!("to restore it: rung case restore {}", made.display()),
                ],
                "{said}"
            );
            assert_eq!(
                &std::fs::read(&db).unwrap(),
                damaged,
                "{args:?} wrote to it"
            );
        }
    }

    // Restored: the damaged file is moved aside whole, not copied over anything.
    let o = rung(&db, &["case", "restore", made.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    let aside = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("the damaged database was moved aside, untouched: "))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        text.lines().next().unwrap(),
        format!("restored {}: 3 cases in {}", made.display(), db.display())
    );
    let aside = Path::new(aside);
    let name = aside.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with("cases.damaged-") && name.ends_with("Z.db"),
        "{name}"
    );
    assert_eq!(std::fs::read(aside).unwrap(), header);
    assert_eq!(ids(&db), ["c1", "c2", "c3"]);
}

#[test]
fn a_damaged_database_without_a_backup_says_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    std::fs::write(&db, "not a database, a note.\n".repeat(200)).unwrap();
    let o = rung(&db, &["case", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o),
        format!(
            "error: the case database {} is damaged (it is not a database); it is kept untouched\nthere is no backup in {}\n",
            db.display(),
            dir.path().join("backups").display()
        )
    );
}

#[test]
fn a_backup_lists_the_cases_in_the_trash_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(&db, "c1");
    start(&db, "c2");
    let o = rung(&db, &["case", "delete", "c2"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let made = one_path(&rung(&db, &["case", "backup"]));
    let o = rung(&db, &["case", "backups"]);
    let lines: Vec<String> = out(&o).lines().map(shape).collect();
    assert_eq!(
        lines,
        [format!(
            "<time>manual, 1 case (1 in the trash), <size>: {}",
            made.display()
        )]
    );
}
