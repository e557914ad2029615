//! `rung case` and specialists' views: the owner's craft, a structured view, the reason
//! asked for when the owner's rating differs, and the craft's expectations no
//! specialist has seen yet.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, new_case_args, out, rung};

/// The case's expectations, `(id, craft_specific)`, from its exported JSON.
fn expectations(db: &Path, id: &str) -> Vec<(String, bool)> {
    let json: serde_json::Value =
        serde_json::from_str(&out(&rung(db, &["case", "export", id]))).unwrap();
    json["case"]["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["craft_specific"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn a_specialists_view_is_recorded_and_weighed_against_the_owners() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = rung(
        &db,
        &[
            &new_case_args("c1", "Ana Lima", "Candidate 7")[..],
            &["--owner-craft", "design"],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let all = expectations(&db, "c1");
    let specific: Vec<&str> = all
        .iter()
        .filter(|(_, s)| *s)
        .map(|(id, _)| id.as_str())
        .collect();
    assert!(!specific.is_empty());
    let unseen = |check: &str| -> Vec<String> {
        check
            .lines()
            .filter(|l| l.starts_with("gap: No specialist view yet: “"))
            .filter_map(|l| {
                l.rsplit_once(" (")
                    .map(|(_, id)| id.trim_end_matches(')').to_owned())
            })
            .collect()
    };
    let check = out(&rung(&db, &["case", "check", "c1"]));
    assert_eq!(unseen(&check), specific, "{check}");
    let first = specific[0];

    // Refusals in their own words, and nothing recorded.
    let view = |rating: &str, link: &str| {
        rung(
            &db,
            &[
                "case",
                "specialist",
                "c1",
                "--who",
                "Bo Chen",
                "--craft",
                "engineering",
                "--level",
                "e6",
                "--rating",
                &format!("{first}={rating}"),
                "--reason",
                &format!("{first}=The design held up under load."),
                "--reviewed",
                "The billing design document",
                "--reviewed-link",
                link,
                "--confidence",
                "high",
                "--conflict",
                "Same team until 2025",
            ],
        )
    };
    let o = view("superb", "https://example.com/design");
    assert!(!o.status.success());
    assert!(
        err(&o).contains("`superb` is not on the rating scale (not-yet, emerging, meets, beyond)"),
        "{}",
        err(&o)
    );
    let o = view("meets", "javascript:alert(1)");
    assert!(
        err(&o).contains("`javascript:alert(1)` is not an http(s) or mailto link"),
        "{}",
        err(&o)
    );
    let o = rung(
        &db,
        &[
            "case",
            "specialist",
            "c1",
            "--who",
            "Bo",
            "--craft",
            "x",
            "--rating",
            "nothing",
        ],
    );
    assert!(
        err(&o).contains("`--rating nothing`: write it as EXPECTATION=VALUE"),
        "{}",
        err(&o)
    );

    let o = view("emerging", "https://example.com/design");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(
        &db,
        &[
            "case",
            "rate",
            "c1",
            first,
            "meets",
            "--reason",
            "A year of work",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let check = out(&rung(&db, &["case", "check", "c1"]));
    assert!(
        check.contains("gap: Your rating differs from Bo Chen's; say why: “"),
        "{check}"
    );
    assert_eq!(unseen(&check), specific[1..], "{check}");
    let record = out(&rung(&db, &["case", "show", "c1"]));
    assert!(
        record.contains("- Bo Chen (engineering, e6, specialist, high confidence)\n  - *Their rating:* Emerging — The design held up under load.\n  - *Reviewed:* The billing design document; <https://example.com/design>\n  - *Conflict of interest:* Same team until 2025\n  - *The ratings differ:* the case owner's Meets — A year of work | Bo Chen's Emerging — The design held up under load.\n  - *The case owner on the difference:* *no reason given*\n"),
        "{record}"
    );

    let o = rung(
        &db,
        &[
            "case",
            "differs",
            "c1",
            first,
            "--reason",
            "Bo saw one project.",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let check = out(&rung(&db, &["case", "check", "c1"]));
    assert!(!check.contains("Your rating differs"), "{check}");
    let record = out(&rung(&db, &["case", "show", "c1"]));
    assert!(
        record.contains("  - *The case owner on the difference:* Bo saw one project.\n"),
        "{record}"
    );

    // An owner of the track's own craft needs no specialist.
    let o = rung(&db, &["case", "owner-craft", "c1", "engineering"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let check = out(&rung(&db, &["case", "check", "c1"]));
    assert!(!check.contains("No specialist view yet"), "{check}");
}

#[test]
fn a_specialist_is_asked_blind_and_their_answer_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = rung(&db, &new_case_args("c1", "Ana Lima", "Candidate 7"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let all = expectations(&db, "c1");
    let first = all[0].0.as_str();
    let o = rung(
        &db,
        &[
            "case",
            "evidence",
            "c1",
            "--what",
            "Ana Lima led the billing migration",
            "--when",
            "2026-09",
            "--outcome",
            "No invoice was late",
            "--link",
            "https://example.com/ana",
            "--expectation",
            first,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    let o = rung(&db, &["case", "request", "c1", "--expectation", "a/b/c"]);
    assert!(
        err(&o).contains("`a/b/c` is not an expectation of this case"),
        "{}",
        err(&o)
    );
    let o = rung(&db, &["case", "request", "c1", "--expectation", first]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let request = out(&o);
    assert!(
        request.starts_with("{\n  \"rung_specialist_request\": 1,"),
        "{request}"
    );
    assert!(
        request.contains("Candidate 7 led the billing migration"),
        "{request}"
    );
    assert!(
        !request.contains("Ana") && !request.contains("example.com"),
        "{request}"
    );
    let not_blind = out(&rung(
        &db,
        &[
            "case",
            "request",
            "c1",
            "--expectation",
            first,
            "--not-blind",
        ],
    ));
    assert!(not_blind.contains("Ana Lima led") && not_blind.contains("https://example.com/ana"));

    let mut answer: serde_json::Value = serde_json::from_str(&request).unwrap();
    answer["view"]["who"] = "Bo Chen".into();
    answer["view"]["craft"] = "engineering".into();
    answer["view"]["ratings"][first]["rating"] = "beyond".into();
    answer["view"]["ratings"][first]["reason"] = "Led it across three teams.".into();
    let file = dir.path().join("answer.json");
    std::fs::write(&file, answer.to_string()).unwrap();
    let o = rung(&db, &["case", "import-view", "c1", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("the view of Bo Chen taken into case `c1` (revision 3)"),
        "{}",
        out(&o)
    );
    let record = out(&rung(&db, &["case", "show", "c1"]));
    assert!(
        record.contains("- Bo Chen (engineering, specialist)\n  - *Their rating:* Beyond — Led it across three teams.\n"),
        "{record}"
    );

    answer["case"] = "another".into();
    std::fs::write(&file, answer.to_string()).unwrap();
    let o = rung(&db, &["case", "import-view", "c1", file.to_str().unwrap()]);
    assert!(
        err(&o).contains("this answer is about case `another`, not this one"),
        "{}",
        err(&o)
    );
}
