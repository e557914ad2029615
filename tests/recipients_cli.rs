//! The people one encrypts case files to, saved by name with `rung key add`, listed and
//! removed, and named with `--to NAME` instead of their key: a committee exchanges its
//! keys once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::new_case_args;
#[path = "common/data_cli.rs"]
mod data_cli;
use data_cli::{ok, ok_warned, person, refused, rung};

#[test]
fn a_case_exported_to_a_saved_name_opens_with_that_persons_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, _) = person(tmp.path(), "owner");
    let (ana, ana_key) = person(tmp.path(), "ana");
    let (bo, bo_key) = person(tmp.path(), "bo");
    let book = owner.join("recipients.txt");

    let (out, err) = ok_warned(&owner, &["key", "list"]);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "no one is saved yet; `rung key add NAME KEY` saves someone\n"
    );
    assert_eq!(
        ok(&owner, &["key", "add", "Ana Lima", &ana_key]),
        "saved the public key of Ana Lima\n"
    );
    assert_eq!(
        ok(&owner, &["key", "add", "Bo", &bo_key]),
        "saved the public key of Bo\n"
    );
    #[cfg(unix)]
    assert_eq!(rung::files::private::mode(&book).unwrap(), 0o600);
    assert_eq!(
        ok(&owner, &["key", "list"]),
        format!("{ana_key} Ana Lima\n{bo_key} Bo\n")
    );

    ok(&owner, &new_case_args("c1", "Ana Lima", "Candidate 1"));
    let plain = ok(&owner, &["case", "export", "c1"]);
    let sealed = ok(&owner, &["case", "export", "c1", "--to", "ana lima"]);
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    let file = tmp.path().join("c1.json.age");
    std::fs::write(&file, &sealed).unwrap();
    let file = file.to_str().unwrap();
    // Ana opens it with her key; Bo, who was not named, cannot.
    assert_eq!(ok(&ana, &["case", "import", file]), "case `c1` imported\n");
    assert_eq!(ok(&ana, &["case", "export", "c1"]), plain);
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
        ok(&bo, &["case", "import", both.to_str().unwrap()]),
        "case `c1` imported\n"
    );

    // Saved again under the same name: the new key replaces the old one.
    assert_eq!(
        ok(&owner, &["key", "add", "BO", &ana_key]),
        "replaced the public key of BO\n"
    );
    assert_eq!(
        ok(&owner, &["key", "rename", "bo", "Bo Chen"]),
        "bo is now saved as Bo Chen\n"
    );
    assert_eq!(
        ok(&owner, &["key", "remove", "ana lima"]),
        "removed Ana Lima\n"
    );
    let out = ok(&owner, &["key", "list"]);
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
