//! The app and `rung case` refuse the same input with the same words: each test gives the
//! `rung` tool an input the app's shell also refuses, and asserts the tool's message is
//! the one of the core function the shell calls on it (`NewCase::check` in `case_new`,
//! `check_case_id` in every command that names a case, `ExportFormat`'s parsing in
//! `case_save`, `read_case_file` in `case_import` and `case_import_self`).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::process::Output;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, rung};

use rung::cases::create::NewCase;
use rung::cases::exchange::{read_case_file, MAX_CASE_FILE};
use rung::cases::export::ExportFormat;
use rung::cases::limits::{check_case_id, MAX_ID, MAX_NAME};

/// What the app's window sends for a new case; `rung case new` takes the same fields.
fn new_case(name: &str, alias: &str, track: &str) -> NewCase {
    NewCase {
        id: None,
        name: name.into(),
        alias: alias.into(),
        track: track.into(),
        from: "e3".into(),
        to: "e4".into(),
        self_assessment: false,
        owner_craft: None,
        owner: None,
        period: None,
    }
}

/// `rung case new` with the fields of `new`.
fn start(db: &Path, new: &NewCase) -> Output {
    let mut args = vec![
        "case", "new", "--name", &new.name, "--alias", &new.alias, "--track", &new.track, "--from",
        &new.from, "--to", &new.to,
    ];
    if let Some(id) = &new.id {
        args.extend(["--id", id]);
    }
    rung(db, &args)
}

/// A case the file tests can import into: started, as the app starts one, without an id.
fn started(db: &Path) -> String {
    let o = start(db, &new_case("Ana Lima", "Candidate 7", "engineering"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let id = out
        .strip_prefix("case `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(id, _)| id.to_owned())
        .expect("the id it was given");
    assert!(
        id.starts_with("case-"),
        "a fresh id, as the app gives: {out}"
    );
    id
}

#[test]
fn a_new_case_outside_the_limits_is_refused_as_the_app_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let long_name = "x".repeat(MAX_NAME + 1);
    let long_track = "t".repeat(MAX_ID + 1);
    let mut with_long_id = new_case("Ana Lima", "Candidate 7", "engineering");
    with_long_id.id = Some("c".repeat(MAX_ID + 1));
    for new in [
        new_case(&long_name, "Candidate 7", "engineering"),
        new_case("Ana Lima", &long_name, "engineering"),
        new_case("Ana Lima", "   ", "engineering"),
        new_case("Ana Lima", "Candidate 7", &long_track),
        with_long_id,
    ] {
        let refusal = new.check().expect_err("the shell's check refuses it");
        let o = start(&db, &new);
        assert_eq!(o.status.code(), Some(2), "{}", err(&o));
        assert_eq!(err(&o), format!("error: {refusal}\n"));
    }
    assert_eq!(
        err(&start(&db, &new_case(&long_name, "C 7", "engineering"))),
        "error: the candidate's name is longer than 200 characters\n"
    );
    assert!(!db.exists(), "nothing was stored, not even a database");
}

#[test]
fn a_case_id_no_case_can_have_is_refused_as_the_app_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let long = "c".repeat(MAX_ID + 1);
    let refusal = check_case_id(&long).expect_err("the shell's check refuses it");
    for args in [
        vec!["case", "show", &long],
        vec!["case", "export", &long],
        vec!["case", "history", &long],
        vec!["case", "rate", &long, "engineering/e4/x", "meets"],
        vec!["case", "check", &long],
    ] {
        let o = rung(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert_eq!(err(&o), format!("error: {refusal}\n"), "{args:?}");
    }
}

#[test]
fn an_unknown_export_format_is_refused_as_the_app_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let id = started(&db);
    let refusal = "pdf"
        .parse::<ExportFormat>()
        .expect_err("the shell's parse refuses it");
    let o = rung(&db, &["case", "export", &id, "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains(&format!(": {refusal}\n")),
        "clap names the option, then the core's words: {}",
        err(&o)
    );
    assert_eq!(
        refusal.to_string(),
        "cases export as json, markdown or html, not `pdf`"
    );
    // Every format the app offers, the tool writes.
    for format in ExportFormat::ALL {
        let o = rung(&db, &["case", "export", &id, "--format", format.name()]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", err(&o));
    }
}

#[test]
fn an_oversized_or_binary_case_file_is_refused_as_the_app_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let id = started(&db);
    let large = dir.path().join("large.json");
    // Sparse: larger than the limit on paper, without writing 64 MiB.
    std::fs::File::create(&large)
        .and_then(|f| f.set_len(MAX_CASE_FILE + 1))
        .unwrap();
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, b"{\"rung_case\": 2, \xff\xfe}").unwrap();
    let missing = dir.path().join("missing.json");
    for (file, words) in [
        (&large, "large.json: is too large to be a case file"),
        (&binary, "binary.json: is not a text file (UTF-8)"),
        (&missing, "missing.json: cannot be read ("),
    ] {
        let refusal = read_case_file(file)
            .expect_err("the shell's read refuses it")
            .to_string();
        assert!(refusal.starts_with(words), "{refusal}");
        let path = file.to_string_lossy();
        for args in [
            vec!["case", "import", &path],
            vec!["case", "import-self", &id, &path],
        ] {
            let o = rung(&db, &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
            assert_eq!(err(&o), format!("error: {refusal}\n"), "{args:?}");
        }
    }
    // `rung case check` reads a file the same way (an absent one is a case id to it).
    for file in [&large, &binary] {
        let refusal = read_case_file(file).expect_err("refused").to_string();
        let o = rung(&db, &["case", "check", &file.to_string_lossy()]);
        assert_eq!(err(&o), format!("error: {refusal}\n"));
    }
}

#[test]
fn an_owner_a_period_or_a_reviewer_outside_the_limits_is_refused_as_the_app_refuses_it() {
    use rung::cases::edit::{apply, Edit};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let id = started(&db);
    let mut case = rung::cases::store::Store::open(&db)
        .and_then(|s| s.get(&id))
        .unwrap()
        .case;
    let long = "x".repeat(MAX_NAME + 1);
    let refusals = [
        (
            rung::cases::limits::parse_period("2026-07-01..2026-06-30")
                .expect_err("the window's period is refused")
                .to_string(),
            vec!["case", "period", &id, "2026-07-01..2026-06-30"],
        ),
        (
            rung::cases::limits::parse_period("2026-02-30..2026-06-30")
                .expect_err("not a date")
                .to_string(),
            vec!["case", "period", &id, "2026-02-30..2026-06-30"],
        ),
        (
            apply(
                &mut case,
                Edit::Owner {
                    name: Some(long.clone()),
                },
            )
            .expect_err("the shell's edit refuses it")
            .to_string(),
            vec!["case", "owner", &id, "--name", &long],
        ),
        (
            rung::cases::review::for_reviewer(
                &case,
                &rung::cases::Reviewer {
                    name: " ".into(),
                    craft: String::new(),
                },
            )
            .expect_err("the shell's export refuses it")
            .to_string(),
            vec!["case", "review-export", &id, "--reviewer", " "],
        ),
    ];
    for (refusal, args) in refusals {
        let o = rung(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert_eq!(err(&o), format!("error: {refusal}\n"), "{args:?}");
    }
}

#[test]
fn a_calibration_change_or_an_acknowledgement_without_a_reason_is_refused_as_the_app_refuses_it() {
    use rung::cases::edit::{apply, Edit};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let id = started(&db);
    let mut case = rung::cases::store::Store::open(&db)
        .and_then(|s| s.get(&id))
        .unwrap()
        .case;
    let first = case.expectations[0].id.clone();
    let refusal = apply(
        &mut case,
        Edit::Recalibrate {
            expectation: first.clone(),
            rating: "meets".into(),
            reason: "  ".into(),
            at: "2026-11-30T10:00:00Z".into(),
        },
    )
    .expect_err("the shell's edit refuses it")
    .to_string();
    for args in [
        vec!["case", "recalibrate", &id, &first, "meets"],
        vec![
            "case",
            "recalibrate",
            &id,
            &first,
            "meets",
            "--reason",
            "  ",
        ],
    ] {
        let o = rung(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert_eq!(err(&o), format!("error: {refusal}\n"), "{args:?}");
    }

    // A top rating on no evidence raises a warning to acknowledge.
    let o = rung(
        &db,
        &["case", "rate", &id, &first, "beyond", "--reason", "r"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(&db, &["calibrate", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let calibration: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let key = calibration["warnings"][0]["key"]
        .as_str()
        .expect("a warning")
        .to_owned();
    let refusal = apply(
        &mut case,
        Edit::Acknowledge {
            warning: key.clone(),
            reason: String::new(),
            at: "2026-11-30T10:00:00Z".into(),
        },
    )
    .expect_err("the shell's acknowledgement refuses it")
    .to_string();
    let o = rung(&db, &["calibrate", "--acknowledge", &key]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(err(&o), format!("error: {refusal}\n"));
}
