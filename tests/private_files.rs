//! Case data on disk is its owner's only: the data folder `rung` creates is 0700, the case
//! database and SQLite's files beside it are 0600, and so is every export of case data
//! written with `--out`; a data folder an older Rung left readable by others is
//! tightened by the next `rung case` command.
//!
//! `rung` runs with umask 022, the common default, under which a file made without care
//! is 0644 and a folder 0755: each mode asserted here would be those without the care.

#![cfg(unix)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output};

use rung::files::private::mode;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::new_case_args;

/// `rung ARGS` with `RUNG_DATA_DIR=data` and umask 022, no `--db`.
fn rung(data: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .env("RUNG_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

/// Runs `rung` and asserts it exits with one of `codes`; returns what it printed.
fn ok(data: &Path, args: &[&str], codes: &[i32]) -> (String, String) {
    let o = rung(data, args);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert!(
        o.status.code().is_some_and(|c| codes.contains(&c)),
        "{args:?}: {:?}\nstdout: {out}\nstderr: {err}",
        o.status.code()
    );
    (out, err)
}

fn new_case(data: &Path) {
    ok(data, &new_case_args("c1", "Ana Lima", "Candidate 1"), &[0]);
}

/// Every entry under `dir` with its mode, folders and files, sorted by path.
fn modes(dir: &Path) -> Vec<(String, u32)> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            found.push((name, mode(&path).unwrap()));
            if path.is_dir() {
                todo.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_data_folder_the_database_and_every_export_are_the_owners_only() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("share/rung");
    new_case(&data);
    assert_eq!(mode(&data).unwrap(), 0o700);
    let db = data.join("cases.db");
    assert_eq!(mode(&db).unwrap(), 0o600);

    // While a connection is open, SQLite's files beside the database exist; a change
    // made meanwhile by another process goes through them.
    let store = rung::cases::store::Store::open(&db).unwrap();
    ok(&data, &["case", "owner", "c1", "--name", "Dee Park"], &[0]);
    assert_eq!(store.list().unwrap().len(), 1);
    for file in ["cases.db", "cases.db-wal", "cases.db-shm"] {
        assert_eq!(mode(&data.join(file)).unwrap(), 0o600, "{file}");
    }
    drop(store);

    let exports = tmp.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    let out = |name: &str| exports.join(name).display().to_string();
    let (said, _) = ok(
        &data,
        &["case", "export", "c1", "--out", &out("c1.json")],
        &[0],
    );
    assert_eq!(said, format!("case `c1` written to {}\n", out("c1.json")));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(exports.join("c1.json")).unwrap()).unwrap();
    assert_eq!(json["case"]["id"], "c1");
    let expectation = json["case"]["expectations"][0]["id"].as_str().unwrap();
    ok(
        &data,
        &[
            "case",
            "export",
            "c1",
            "--format",
            "markdown",
            "--out",
            &out("c1.md"),
        ],
        &[0],
    );
    ok(
        &data,
        &[
            "case",
            "request",
            "c1",
            "--expectation",
            expectation,
            "--out",
            &out("request.json"),
        ],
        &[0],
    );
    ok(
        &data,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Bo Chen",
            "--out",
            &out("review.json"),
        ],
        &[0],
    );
    // A reviewer's copy rated in place stays private.
    std::fs::set_permissions(
        exports.join("review.json"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    ok(
        &data,
        &[
            "case",
            "review-rate",
            &out("review.json"),
            expectation,
            "meets",
            "--reason",
            "Seen in the migration",
        ],
        &[0],
    );
    let (said, _) = ok(
        &data,
        &[
            "calibrate",
            "--format",
            "html",
            "--out",
            &out("packet.html"),
        ],
        &[0, 1],
    );
    assert_eq!(
        said,
        format!("the calibration written to {}\n", out("packet.html"))
    );
    assert!(std::fs::read_to_string(exports.join("packet.html"))
        .unwrap()
        .contains("Candidate 1"));

    let exported = |names: &[&str]| -> Vec<(String, u32)> {
        names.iter().map(|n| ((*n).to_owned(), 0o600)).collect()
    };
    assert_eq!(
        modes(&exports),
        exported(&[
            "c1.json",
            "c1.md",
            "packet.html",
            "request.json",
            "review.json"
        ])
    );
    // Once every connection is closed SQLite removes its files; what stays is private.
    assert_eq!(modes(&data), exported(&["cases.db"]));
    assert_eq!(mode(&data).unwrap(), 0o700);
}

#[test]
fn a_data_folder_an_older_rung_left_open_is_tightened_by_the_next_command() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("rung");
    new_case(&data);
    // As an older Rung left it: folders 0755, files 0644.
    std::fs::create_dir(data.join("backups")).unwrap();
    std::fs::write(data.join("backups/cases-1.db"), b"").unwrap();
    for (path, m) in [
        (data.clone(), 0o755),
        (data.join("backups"), 0o755),
        (data.join("cases.db"), 0o644),
        (data.join("backups/cases-1.db"), 0o644),
    ] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m)).unwrap();
    }

    let (out, err) = ok(&data, &["case", "list"], &[0]);
    assert!(out.starts_with("c1 "), "{out}");
    assert_eq!(
        err,
        format!(
            "note: 4 entries in {} made readable by you only\n",
            data.display()
        )
    );
    assert_eq!(mode(&data).unwrap(), 0o700);
    assert_eq!(
        modes(&data),
        vec![
            ("backups".to_owned(), 0o700),
            ("backups/cases-1.db".to_owned(), 0o600),
            ("cases.db".to_owned(), 0o600),
        ]
    );
    // Nothing more to tighten: the next command says nothing.
    let (_, err) = ok(&data, &["case", "list"], &[0]);
    assert_eq!(err, "");
}

#[test]
fn a_database_that_cannot_be_created_private_is_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("nowhere/cases.db");
    let db = db.display();
    let o = rung(tmp.path(), &["case", "list", "--db", &db.to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: cannot open the case database {db}: the case database {db} cannot be created readable by you only: No such file or directory (os error 2)\n"
        )
    );
    assert!(!tmp.path().join("nowhere").exists());
}
