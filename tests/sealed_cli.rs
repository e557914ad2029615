//! Case files encrypted in transit with `rung`: to public keys and with a passphrase,
//! opened by their recipients, refused when changed, and interchangeable with the
//! standard age tool (`/usr/bin/age`), both ways.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::new_case_args;
#[path = "common/data_cli.rs"]
mod data_cli;
use data_cli::{ok, refused, rung};

/// A person with a data folder of their own and their public key, which is one.
fn person(root: &Path, name: &str) -> (PathBuf, String) {
    let (data, key) = data_cli::person(root, name);
    assert!(key.starts_with("age1") && key.len() == 62, "{key}");
    (data, key)
}

fn new_case(data: &Path) {
    ok(data, &new_case_args("c1", "Ana Lima", "Candidate 1"));
}

/// A new data folder, with no cases, holding the same key as `data`: the person on
/// another machine.
fn elsewhere(data: &Path, name: &str) -> PathBuf {
    let other = data.with_file_name(name);
    std::fs::create_dir(&other).unwrap();
    std::fs::copy(data.join("key.txt"), other.join("key.txt")).unwrap();
    other
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

const CHANGED: &str = "this file was changed in transit or is damaged, so it was not opened: \
                       ask the sender for it again";

#[test]
fn a_case_encrypted_to_keys_opens_for_each_recipient_and_not_when_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, owner_key) = person(tmp.path(), "owner");
    let (committee, committee_key) = person(tmp.path(), "committee");
    let (stranger, _) = person(tmp.path(), "stranger");
    // The key stays the same from one use to the next, and lives where --path says.
    assert_eq!(ok(&owner, &["key"]).trim(), owner_key);
    let key_file = ok(&owner, &["key", "--path"]);
    assert_eq!(key_file, format!("{}\n", owner.join("key.txt").display()));
    #[cfg(unix)]
    assert_eq!(
        rung::files::private::mode(&owner.join("key.txt")).unwrap(),
        0o600
    );

    new_case(&owner);
    let plain = ok(&owner, &["case", "export", "c1"]);
    let sealed = ok(
        &owner,
        &[
            "case",
            "export",
            "c1",
            "--to",
            &owner_key,
            "--to",
            &committee_key,
        ],
    );
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    assert!(!sealed.contains("Ana Lima") && !sealed.contains("engineering"));
    let file = write(&tmp.path().join("c1.json.age"), &sealed);
    let file = file.to_str().unwrap();

    // The committee opens it with their own key, and so does the owner on another
    // database; the case is the one exported.
    assert_eq!(
        ok(&committee, &["case", "import", file]),
        "case `c1` imported\n"
    );
    assert_eq!(ok(&committee, &["case", "export", "c1"]), plain);
    let owner_elsewhere = elsewhere(&owner, "owner-elsewhere");
    assert_eq!(
        ok(&owner_elsewhere, &["case", "import", file]),
        "case `c1` imported\n"
    );

    // Someone else's key does not open it.
    assert_eq!(
        refused(&stranger, &["case", "import", file]),
        "error: c1.json.age: this file is encrypted for someone else's key, not yours: ask \
         the sender to encrypt it to your public key\n"
    );
    // One character changed on the way: refused, and nothing is imported.
    let at = sealed.len() / 2;
    let mut changed = sealed.clone().into_bytes();
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    let changed_file = write(
        &tmp.path().join("changed.json.age"),
        std::str::from_utf8(&changed).unwrap(),
    );
    let fresh = elsewhere(&committee, "committee-elsewhere");
    assert_eq!(
        refused(&fresh, &["case", "import", changed_file.to_str().unwrap()]),
        format!("error: changed.json.age: {CHANGED}\n")
    );
    assert_eq!(ok(&fresh, &["case", "list"]).matches("c1").count(), 0);

    // A public key that is not one is refused before anything is written.
    assert_eq!(
        refused(&owner, &["case", "export", "c1", "--to", "age1nope"]),
        "error: `age1nope` is not a valid age public key: a character is wrong, missing or \
         extra (an age public key has 62 characters)\n"
    );
}

#[test]
fn a_passphrase_opens_a_case_and_a_reviewers_copy_travels_sealed_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, owner_key) = person(tmp.path(), "owner");
    let (reviewer, reviewer_key) = person(tmp.path(), "reviewer");
    new_case(&owner);
    let pass = write(&tmp.path().join("pass"), "our committee's passphrase\n");
    let wrong = write(&tmp.path().join("wrong"), "not it\n");
    let (pass, wrong) = (pass.to_str().unwrap(), wrong.to_str().unwrap());

    let sealed = ok(&owner, &["case", "export", "c1", "--passphrase-file", pass]);
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    let file = write(&tmp.path().join("c1.age"), &sealed);
    let file = file.to_str().unwrap();
    assert_eq!(
        refused(&reviewer, &["case", "import", file]),
        "error: c1.age: this file is encrypted with a passphrase; give the passphrase to open \
         it\n"
    );
    assert_eq!(
        refused(
            &reviewer,
            &["case", "import", file, "--passphrase-file", wrong]
        ),
        "error: c1.age: the passphrase does not open this file\n"
    );
    assert_eq!(
        ok(
            &reviewer,
            &["case", "import", file, "--passphrase-file", pass]
        ),
        "case `c1` imported\n"
    );

    // A self-assessment sealed to the case owner's key, taken into the case.
    let (employee, _) = person(tmp.path(), "employee");
    ok(
        &employee,
        &[
            &new_case_args("ana-self", "Ana Lima", "Candidate 1")[..],
            &["--self-assessment"],
        ]
        .concat(),
    );
    let own = ok(
        &employee,
        &["case", "export", "ana-self", "--to", &owner_key],
    );
    let own_file = write(&tmp.path().join("self.age"), &own);
    let said = ok(
        &owner,
        &["case", "import-self", "c1", own_file.to_str().unwrap()],
    );
    assert!(
        said.starts_with("self-assessment taken into case `c1`"),
        "{said}"
    );

    // A reviewer's copy sealed to the reviewer, rated by them and sealed back to the
    // owner, then taken into the case.
    let copy = ok(
        &owner,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Bo Chen",
            "--to",
            &reviewer_key,
        ],
    );
    assert!(copy.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    let copy_file = write(&tmp.path().join("review.age"), &copy);
    let copy_file = copy_file.to_str().unwrap();
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    let said = ok(
        &reviewer,
        &[
            "case",
            "review-rate",
            copy_file,
            e,
            "meets",
            "--reason",
            "Led the billing migration",
            "--to",
            &owner_key,
        ],
    );
    assert!(
        said.contains("rated in the copy of case `c1` for Bo Chen"),
        "{said}"
    );
    let rated = std::fs::read_to_string(copy_file).unwrap();
    assert!(rated.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    assert!(!rated.contains("billing"));
    let said = ok(&owner, &["case", "review-import", "c1", copy_file]);
    assert!(
        said.starts_with("ratings of Bo Chen taken into case `c1`"),
        "{said}"
    );
}

/// The standard age tool, which the test command installs.
fn age() -> &'static str {
    let age = "/usr/bin/age";
    assert!(
        Path::new(age).is_file(),
        "the standard age tool is missing: install it with `sudo apt-get install age` \
         (scripts/test does)"
    );
    age
}

/// `age ARGS` with `input` on its standard input.
fn run_age(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(age())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("age runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "age {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

#[test]
fn the_standard_age_tool_opens_what_rung_seals_and_rung_opens_what_it_seals() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, owner_key) = person(tmp.path(), "owner");
    let (committee, committee_key) = person(tmp.path(), "committee");
    new_case(&owner);
    let plain = ok(&owner, &["case", "export", "c1"]);

    // Rung seals to a key; `age -d -i KEYFILE` gives back exactly the plain export.
    let sealed = ok(&owner, &["case", "export", "c1", "--to", &committee_key]);
    let key_file = committee.join("key.txt");
    let opened = run_age(&["-d", "-i", key_file.to_str().unwrap()], sealed.as_bytes());
    assert_eq!(String::from_utf8(opened).unwrap(), plain);

    // A calibration packet and a request for a specialist's view, sealed the same way.
    let packet = rung(
        &owner,
        &[
            "calibrate",
            "--db",
            owner.join("cases.db").to_str().unwrap(),
            "--format",
            "html",
            "--to",
            &committee_key,
        ],
    );
    let packet = String::from_utf8(packet.stdout).unwrap();
    assert!(packet.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    let opened = run_age(&["-d", "-i", key_file.to_str().unwrap()], packet.as_bytes());
    let opened = String::from_utf8(opened).unwrap();
    assert!(
        opened.contains("<title>Calibration of 1 case (blind)</title>"),
        "{opened:.200}"
    );
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    let request = ok(
        &owner,
        &[
            "case",
            "request",
            "c1",
            "--expectation",
            e,
            "--to",
            &committee_key,
        ],
    );
    let opened = run_age(
        &["-d", "-i", key_file.to_str().unwrap()],
        request.as_bytes(),
    );
    let opened = String::from_utf8(opened).unwrap();
    assert!(
        opened.contains("\"rung_specialist_request\": 1"),
        "{opened:.200}"
    );

    // age seals to Rung's public key, armored and binary; Rung imports both.
    for (armor, name) in [(true, "armored"), (false, "binary")] {
        let mut args = vec!["-r", owner_key.as_str()];
        if armor {
            args.push("-a");
        }
        let by_age = run_age(&args, plain.as_bytes());
        assert_eq!(
            by_age.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            armor
        );
        let file = tmp.path().join("from-age.age");
        std::fs::write(&file, by_age).unwrap();
        let again = elsewhere(&owner, name);
        assert_eq!(
            ok(&again, &["case", "import", file.to_str().unwrap()]),
            "case `c1` imported\n"
        );
        assert_eq!(ok(&again, &["case", "export", "c1"]), plain);
    }
}

#[test]
fn a_plain_import_with_a_database_named_needs_no_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (owner, _) = person(tmp.path(), "owner");
    new_case(&owner);
    let file = write(
        &tmp.path().join("c1.json"),
        &ok(&owner, &["case", "export", "c1"]),
    );
    // No RUNG_DATA_DIR: the platform's folder would be under XDG_DATA_HOME.
    let xdg = tmp.path().join("xdg");
    let o = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["case", "import", file.to_str().unwrap(), "--db"])
        .arg(tmp.path().join("script.db"))
        .env_remove("RUNG_DATA_DIR")
        .env("XDG_DATA_HOME", &xdg)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "case `c1` imported\n",
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!xdg.exists(), "a plain import made the data folder");
}
