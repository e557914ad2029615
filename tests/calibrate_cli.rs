//! `rung case` and `rung calibrate` as a committee uses them: the case owner and the
//! period a case reviews, reviewers' copies rated on their own and imported, the
//! decision record showing every rating beside the owner's, and calibration.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn rung(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `rung` and asserts it exits with `code`; returns what it printed.
fn ok(db: &Path, args: &[&str], code: i32) -> String {
    let o = rung(db, args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {}",
        out(&o),
        err(&o)
    );
    out(&o)
}

/// `rung case new` with id, name, alias, track, from and to, then any more arguments.
fn start(db: &Path, case: [&str; 6], more: &[&str]) {
    let [id, name, alias, track, from, to] = case;
    let mut args = vec![
        "case", "new", "--id", id, "--name", name, "--alias", alias, "--track", track, "--from",
        from, "--to", to,
    ];
    args.extend_from_slice(more);
    ok(db, &args, 0);
}

/// The first `n` expectation IDs of a case, from its exported JSON.
fn expectations(db: &Path, id: &str, n: usize) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&ok(db, &["case", "export", id], 0)).unwrap();
    json["case"]["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_owner_and_the_period_are_set_cleared_and_shown_in_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(
        &db,
        ["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &[],
    );
    let record = ok(&db, &["case", "show", "c1"], 0);
    assert!(!record.contains("**Case owner:**"), "{record}");

    let said = ok(
        &db,
        &[
            "case",
            "owner",
            "c1",
            "--name",
            "Maya Rossi",
            "--craft",
            "design",
        ],
        0,
    );
    assert_eq!(
        said,
        "case `c1` saved (revision 2): owned by Maya Rossi, of the design craft\n"
    );
    ok(&db, &["case", "period", "c1", "2026-01-01..2026-06-30"], 0);
    let record = ok(&db, &["case", "show", "c1"], 0);
    assert!(
        record.contains(
            "**Case owner:** Maya Rossi (design). **Review period:** 2026-01-01 to 2026-06-30.\n"
        ),
        "{record}"
    );
    let history = ok(&db, &["case", "history", "c1"], 0);
    assert!(
        history.contains("  r2  case owner: — → “Maya Rossi”\n")
            && history.contains("  r2  owner craft: — → “design”\n"),
        "one revision says both: {history}"
    );

    // Refused in the core's words; nothing changes.
    let o = rung(&db, &["case", "period", "c1", "2026-07-01..2026-06-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: the review period ends (2026-06-30) before it begins (2026-07-01)\n"
    );
    let o = rung(&db, &["case", "owner", "c1"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: say the owner's --name, their --craft, or both (an empty value clears it)\n"
    );

    // Cleared: the name by an empty value, the period with --clear.
    assert_eq!(
        ok(&db, &["case", "owner", "c1", "--name", ""], 0),
        "case `c1` saved (revision 4): owned by no one named, of the design craft\n"
    );
    ok(&db, &["case", "period", "c1", "--clear"], 0);
    let record = ok(&db, &["case", "show", "c1"], 0);
    assert!(
        !record.contains("**Case owner:** ") && !record.contains("**Review period:**"),
        "{record}"
    );
}

#[test]
fn a_reviewer_rates_their_own_copy_and_it_is_imported_beside_the_owners() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    start(
        &db,
        ["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &["--owner", "Maya Rossi"],
    );
    let ids = expectations(&db, "c1", 2);
    ok(
        &db,
        &[
            "case",
            "rate",
            "c1",
            &ids[0],
            "meets",
            "--reason",
            "Ana led the migration",
        ],
        0,
    );

    // The copy holds no one's ratings.
    let copy = dir.path().join("copy.json");
    let said = ok(
        &db,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Kofi Mensah",
            "--craft",
            "design",
            "--out",
            &copy.to_string_lossy(),
        ],
        0,
    );
    assert_eq!(
        said,
        format!(
            "a copy of case `c1` for Kofi Mensah to rate written to {}\n",
            copy.display()
        )
    );
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(!text.contains("Ana led the migration"), "{text}");
    let printed = ok(
        &db,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Kofi Mensah",
            "--craft",
            "design",
        ],
        0,
    );
    assert!(printed == text, "without --out the copy is printed");
    let o = rung(&db, &["case", "review-export", "c1", "--reviewer", "  "]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: a reviewer's copy needs the reviewer's name\n"
    );

    // An unrated copy is refused; the reviewer rates it in a Rung of their own.
    let o = rung(
        &db,
        &["case", "review-import", "c1", &copy.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: Kofi Mensah has rated no expectation yet\n");
    let theirs = dir.path().join("reviewer.db");
    ok(&theirs, &["case", "import", &copy.to_string_lossy()], 0);
    for (id, rating, reason) in [
        (&ids[0], "emerging", "One project only."),
        (&ids[1], "meets", "Ran the incident reviews."),
    ] {
        ok(
            &theirs,
            &["case", "rate", "c1", id, rating, "--reason", reason],
            0,
        );
    }
    let rated = dir.path().join("rated.json");
    std::fs::write(&rated, ok(&theirs, &["case", "export", "c1"], 0)).unwrap();

    let said = ok(
        &db,
        &["case", "review-import", "c1", &rated.to_string_lossy()],
        0,
    );
    assert!(
        said.starts_with(
            "ratings of Kofi Mensah taken into case `c1` (revision 3): 2 of 69 expectations rated\n"
        ),
        "{said}"
    );
    assert!(
        said.contains("emerging   meets      “") && said.contains("   ← differ\n"),
        "{said}"
    );
    let record = ok(&db, &["case", "show", "c1"], 0);
    assert!(
        record.contains("**Case owner:** Maya Rossi. **Reviewers:** Kofi Mensah (design).\n"),
        "{record}"
    );
    assert!(
        record.contains(
            "**Rating:** Meets — Ana led the migration\n\n- *Kofi Mensah's rating (reviewer):* Emerging — One project only.\n"
        ),
        "{record}"
    );
    assert!(
        ok(&db, &["case", "history", "c1"], 0)
            .contains("ratings from reviewer Kofi Mensah imported"),
        "the history says so"
    );

    // A copy is not a case to import a review into, and a case file is not a copy.
    let plain = dir.path().join("plain.json");
    std::fs::write(&plain, ok(&db, &["case", "export", "c1"], 0)).unwrap();
    let o = rung(
        &db,
        &["case", "review-import", "c1", &plain.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: this file is not a reviewer's copy of a case"),
        "{}",
        err(&o)
    );
}
