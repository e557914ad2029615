//! The people one encrypts case files to, saved by name with `rung key add`, listed and
//! removed, and named with `--to NAME` instead of their key: a committee exchanges its
//! keys once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `rung ARGS` for the person whose data folder is `data`, on the database in it.
fn rung(data: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rung"));
    command.args(args);
    if args.first() == Some(&"case") {
        command.arg("--db").arg(data.join("cases.db"));
    }
    command
        .env("RUNG_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

/// Runs `rung`, asserts it succeeded, and answers what it printed and warned.
fn ok(data: &Path, args: &[&str]) -> (String, String) {
    let o = rung(data, args);
    let (out, err) = (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    );
    assert_eq!(o.status.code(), Some(0), "{args:?}\n{out}\n{err}");
    (out, err)
}

/// Runs `rung`, asserts it refused (exit code 2), and answers what it said.
fn refused(data: &Path, args: &[&str]) -> String {
    let o = rung(data, args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    String::from_utf8(o.stderr).unwrap()
}

/// A person with a data folder of their own and their public key.
fn person(root: &Path, name: &str) -> (PathBuf, String) {
    let data = root.join(name);
    let key = ok(&data, &["key"]).0.trim().to_owned();
    (data, key)
}

#[test]
fn a_case_exported_to_a_saved_name_opens_with_that_persons_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, _) = person(tmp.path(), "owner");
    let (ana, ana_key) = person(tmp.path(), "ana");
    let (bo, bo_key) = person(tmp.path(), "bo");
    let book = owner.join("recipients.txt");

    let (out, err) = ok(&owner, &["key", "list"]);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "no one is saved yet; `rung key add NAME KEY` saves someone\n"
    );
    assert_eq!(
        ok(&owner, &["key", "add", "Ana Lima", &ana_key]).0,
        "saved the public key of Ana Lima\n"
    );
    assert_eq!(
        ok(&owner, &["key", "add", "Bo", &bo_key]).0,
        "saved the public key of Bo\n"
    );
    #[cfg(unix)]
    assert_eq!(rung::files::private::mode(&book).unwrap(), 0o600);
    assert_eq!(
        ok(&owner, &["key", "list"]).0,
        format!("{ana_key} Ana Lima\n{bo_key} Bo\n")
    );

    ok(
        &owner,
        &[
            "case",
            "new",
            "--id",
            "c1",
            "--name",
            "Ana Lima",
            "--alias",
            "Candidate 1",
            "--track",
            "engineering",
            "--from",
            "e3",
            "--to",
            "e4",
        ],
    );
    let plain = ok(&owner, &["case", "export", "c1"]).0;
    let sealed = ok(&owner, &["case", "export", "c1", "--to", "ana lima"]).0;
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    let file = tmp.path().join("c1.json.age");
    std::fs::write(&file, &sealed).unwrap();
    let file = file.to_str().unwrap();
    // Ana opens it with her key; Bo, who was not named, cannot.
    assert_eq!(
        ok(&ana, &["case", "import", file]).0,
        "case `c1` imported\n"
    );
    assert_eq!(ok(&ana, &["case", "export", "c1"]).0, plain);
    assert!(refused(&bo, &["case", "import", file]).contains("encrypted for someone else's key"));

    // An unknown name is refused, with the names saved.
    assert_eq!(
        refused(&owner, &["case", "export", "c1", "--to", "Cy"]),
        "error: no one is saved as `Cy`; saved: Ana Lima, Bo (`rung key add NAME KEY` saves \
         someone's public key under a name)\n"
    );
    // A name and a key together; a line of the book that is not a person is a warning.
    let text = std::fs::read_to_string(&book).unwrap();
    std::fs::write(&book, format!("{text}age1nope Someone\n")).unwrap();
    let o = rung(
        &owner,
        &["case", "export", "c1", "--to", "Bo", "--to", &ana_key],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        format!(
            "warning: {}:5:1: `age1nope` is not a valid age public key: a character is \
             wrong, missing or extra (an age public key has 62 characters)\n",
            book.display()
        )
    );
    let both = tmp.path().join("both.json.age");
    std::fs::write(&both, &o.stdout).unwrap();
    assert_eq!(
        ok(&bo, &["case", "import", both.to_str().unwrap()]).0,
        "case `c1` imported\n"
    );

    // Saved again under the same name: the new key replaces the old one.
    assert_eq!(
        ok(&owner, &["key", "add", "BO", &ana_key]).0,
        "replaced the public key of BO\n"
    );
    assert_eq!(
        ok(&owner, &["key", "rename", "bo", "Bo Chen"]).0,
        "bo is now saved as Bo Chen\n"
    );
    assert_eq!(
        ok(&owner, &["key", "remove", "ana lima"]).0,
        "removed Ana Lima\n"
    );
    let (out, _) = ok(&owner, &["key", "list"]);
    assert_eq!(out, format!("{ana_key} Bo Chen\n"));
    // The line it could not read is kept as it was written.
    assert!(std::fs::read_to_string(&book)
        .unwrap()
        .contains("\nage1nope Someone\n"));
    assert_eq!(
        refused(&owner, &["key", "remove", "Ana Lima"]),
        "error: no one is saved as `Ana Lima`; saved: Bo Chen\n"
    );
    assert_eq!(
        refused(&owner, &["key", "add", "Cy", "age1nope"]),
        "error: `age1nope` is not a valid age public key: a character is wrong, missing or \
         extra (an age public key has 62 characters)\n"
    );
    assert_eq!(
        refused(&owner, &["key", "add", "age1cy", &bo_key]),
        "error: a name cannot begin with `age1` or `AGE-SECRET-KEY-`, as keys do\n"
    );
}
