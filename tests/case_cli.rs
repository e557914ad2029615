//! `rung case` as a script or an STO at a terminal uses it, on a database of its own.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Output;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, out, rung};

/// `rung case new` with id, name, alias, track, from and to, then any more arguments.
fn start(db: &Path, case: &[&str; 6], more: &[&str]) -> Output {
    let [id, name, alias, track, from, to] = *case;
    let mut args = vec![
        "case", "new", "--id", id, "--name", name, "--alias", alias, "--track", track, "--from",
        from, "--to", to,
    ];
    args.extend_from_slice(more);
    rung(db, &args)
}

#[test]
fn a_case_is_started_checked_exported_blind_and_imported_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = start(
        &db,
        &["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("case `c1` started: 69 expectations of Senior Software Engineer (band 4), 21 of them new since Software Engineer III (band 3)"),
        "{}",
        out(&o)
    );

    let o = rung(&db, &["case", "list"]);
    assert!(out(&o).contains("Ana Lima"), "{}", out(&o));
    assert!(
        out(&o).contains(
            "Software Engineer: Software Engineer III (band 3) → Senior Software Engineer (band 4)"
        ),
        "levels by title and band, not id: {}",
        out(&o)
    );
    assert!(!out(&rung(&db, &["case", "list", "--blind"])).contains("Ana"));

    // Nothing is supported yet: every gap is listed and the exit code says so.
    let o = rung(&db, &["case", "check", "c1"]);
    assert_eq!(o.status.code(), Some(1));
    // Each gap by its words, the id last for `rung case rate`.
    assert!(
        out(&o).contains("gap: no evidence: “Leads the team's largest engineering efforts")
            && out(&o).contains(" (engineering/e4/leads-the-teams-largest-engineering-efforts)\n"),
        "{}",
        out(&o)
    );

    let o = rung(&db, &["case", "export", "c1", "--blind"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(err(&o), "", "nothing to warn about yet");
    let blind = out(&o);
    assert!(!blind.contains("Ana") && !blind.contains("Lima"));
    // A gendered word stays in the blind copy: the export says where.
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    let o = rung(
        &db,
        &[
            "case",
            "rate",
            "c1",
            e,
            "meets",
            "--reason",
            "She led the billing migration",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(
        &db,
        &["case", "export", "c1", "--blind", "--format", "markdown"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("warning: the rating of “Leads the team's largest engineering")
            && err(&o).contains("” says `She`")
            && !err(&o).contains(e),
        "the expectation by its words: {}",
        err(&o)
    );
    let file = dir.path().join("c1.json");
    std::fs::write(&file, &blind).unwrap();

    // Another person's database: the file imports, once.
    let other = dir.path().join("other.db");
    let o = rung(&other, &["case", "import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(&other, &["case", "import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    let id = serde_json::from_str::<serde_json::Value>(&blind).unwrap()["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        id.starts_with("blind-"),
        "the blind copy's id says nothing: {id}"
    );
    assert!(
        err(&o).contains(&format!("a case `{id}` exists already")),
        "{}",
        err(&o)
    );
    let record = out(&rung(&other, &["case", "show", &id]));
    assert!(
        record.starts_with("# Promotion case: Candidate 7\n"),
        "{record}"
    );
}

#[test]
fn a_broken_case_file_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "{\"rung_case\": 1,\n \"case\": {\"id\": \"x\"}}").unwrap();
    let o = rung(&db, &["case", "import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("bad.json: line 2, column 20: missing field `candidate`\n"),
        "{}",
        err(&o)
    );
    let o = rung(&db, &["case", "check", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("there is no case `nope`"), "{}", err(&o));
}

#[test]
fn a_case_says_when_its_framework_changed_since_it_began() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let ladders = dir.path().join("ladders");
    common::write_files(&ladders, &common::worked_example());
    let folder = ladders.to_string_lossy().into_owned();
    let o = start(
        &db,
        &["c1", "Bo", "Candidate 1", "engineering", "e1", "e2"],
        &["--ladders", &folder],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(&db, &["case", "check", "c1", "--ladders", &folder]);
    assert!(!out(&o).contains("the framework changed"), "{}", out(&o));
    let e2 = ladders.join("tracks/engineering/e2.md");
    let text = std::fs::read_to_string(&e2).unwrap();
    std::fs::write(
        &e2,
        text.replace(
            "points out missing tests",
            "points out missing tests and unclear names",
        ),
    )
    .unwrap();
    let o = rung(&db, &["case", "check", "c1", "--ladders", &folder]);
    let report = out(&o);
    assert!(
        report.contains("the framework changed since this case began"),
        "{report}"
    );
    assert!(report.contains("reworded: “Reviews colleagues' changes and points out missing tests.” now reads \"Reviews colleagues' changes and points out missing tests and unclear names.\" (engineering/e2/reviews-colleagues-changes-and-points-out)"), "{report}");
}

#[test]
fn evidence_and_ratings_are_added_checked_and_kept_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = start(
        &db,
        &["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    let o = rung(
        &db,
        &[
            "case",
            "evidence",
            "c1",
            "--what",
            "Led the billing migration",
            "--when",
            "2026-09",
            "--outcome",
            "No invoice was late",
            "--expectation",
            e,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("revision 2): 1 of 69 expectations supported"),
        "{}",
        out(&o)
    );
    let o = rung(&db, &["case", "rate", "c1", e, "superb"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("`superb` is not on the rating scale"),
        "{}",
        err(&o)
    );
    let scale = rung::load_bundled().framework.rating;
    let meets = &scale[1].id;
    let o = rung(
        &db,
        &[
            "case",
            "rate",
            "c1",
            e,
            meets,
            "--reason",
            "the billing migration",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(
        &db,
        &[
            "case",
            "evidence",
            "c1",
            "--what",
            "x",
            "--expectation",
            "nope/x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("`nope/x` is not an expectation of this case"));
    let history = out(&rung(&db, &["case", "history", "c1"]));
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 3, "{history}");
    // In words a person reads: evidence and expectations by their words, the rating by
    // its name on the scale, never a JSON path or an id.
    let meets_name = &scale[1].name;
    assert!(lines[0].ends_with("r1  case started"), "{history}");
    assert!(
        lines[1].ends_with(
            "r2  evidence “Led the billing migration” added, reported by the case owner"
        ),
        "{history}"
    );
    assert!(
        lines[2].ends_with(&format!("r3  rating of “Leads the team's largest engineering efforts, each…”: — → {meets_name} — the billing migration")),
        "{history}"
    );
    assert!(
        !history.contains("engineering/e4") && !history.contains("ev-1"),
        "{history}"
    );
}

#[test]
fn who_reported_the_evidence_is_given_by_reported_by_or_by_its_old_name_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = start(
        &db,
        &["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    for (flag, who, what) in [
        ("--reported-by", "peer", "Led the billing migration"),
        ("--source", "specialist", "Reviewed the migration plan"),
    ] {
        let o = rung(
            &db,
            &[
                "case",
                "evidence",
                "c1",
                "--what",
                what,
                flag,
                who,
                "--expectation",
                e,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{flag}: {}", err(&o));
    }
    let history = out(&rung(&db, &["case", "history", "c1"]));
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 3, "{history}");
    assert!(
        lines[1].ends_with("r2  evidence “Led the billing migration” added, reported by a peer"),
        "{history}"
    );
    assert!(
        lines[2].ends_with(
            "r3  evidence “Reviewed the migration plan” added, reported by a specialist"
        ),
        "{history}"
    );
}

#[test]
fn a_case_file_that_says_source_for_who_reported_the_evidence_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    // Written by a Rung of format 2, which called `reported_by` `source`.
    let file = common::root().join("tests/case-files/source-before-reported-by.json");
    let o = rung(&db, &["case", "import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "case `2026-h2-ana` imported\n");
    // The peer's evidence supports its expectation; the candidate's own does not.
    let check = out(&rung(&db, &["case", "check", "2026-h2-ana"]));
    assert!(
        check.starts_with(
            "case `2026-h2-ana`: 1 of 2 expectations supported by someone other than the candidate\n"
        ),
        "{check}"
    );
    assert!(
        check.lines().any(|l| l
            .starts_with("gap: only the candidate's own evidence: “Spots delivery risks")),
        "{check}"
    );
    let record = out(&rung(&db, &["case", "show", "2026-h2-ana"]));
    assert!(
        record.contains("Led the billing migration (2026-09, reported by a peer)")
            && record.contains("Wrote the migration plan (2026-08, reported by the candidate)"),
        "{record}"
    );
    // Exported again, it is a file of this Rung's format.
    let json = out(&rung(&db, &["case", "export", "2026-h2-ana"]));
    let head = format!("{{\n  \"rung_case\": {},", rung::cases::exchange::SCHEMA);
    assert!(json.starts_with(&head), "{json}");
    assert!(
        json.contains("\"reported_by\": \"peer\"") && !json.contains("\"source\""),
        "{json}"
    );
}

#[test]
fn a_self_assessment_is_imported_and_read_beside_the_owners_ratings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let mine = dir.path().join("mine.db");
    let new = |db: &Path, id: &str| {
        let o = start(
            db,
            &[id, "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
            &[],
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    };
    let e = "engineering/e4/leads-the-teams-largest-engineering-efforts";
    let scale = rung::load_bundled().framework.rating;
    let (low, high) = (&scale[0].id, &scale[1].id);
    // The employee, on their own laptop.
    let o = start(
        &mine,
        &[
            "ana-self",
            "Ana Lima",
            "Candidate",
            "engineering",
            "e3",
            "e4",
        ],
        &["--self-assessment"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    rung(
        &mine,
        &[
            "case",
            "evidence",
            "ana-self",
            "--what",
            "Led the billing migration",
            "--when",
            "2026-09",
            "--outcome",
            "On time",
            "--reported-by",
            "self",
            "--expectation",
            e,
        ],
    );
    rung(
        &mine,
        &[
            "case",
            "rate",
            "ana-self",
            e,
            high,
            "--reason",
            "the migration",
        ],
    );
    let file = dir.path().join("self.json");
    std::fs::write(&file, out(&rung(&mine, &["case", "export", "ana-self"]))).unwrap();
    // The STO.
    new(&db, "c1");
    // A promotion case is not a self-assessment: refused, and the case unchanged.
    let other = dir.path().join("other.json");
    std::fs::write(&other, out(&rung(&db, &["case", "export", "c1"]))).unwrap();
    let o = rung(
        &db,
        &["case", "import-self", "c1", &other.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("not a self-assessment"), "{}", err(&o));
    rung(
        &db,
        &["case", "rate", "c1", e, low, "--reason", "one project only"],
    );
    let o = rung(&db, &["case", "import-self", "c1", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let table = out(&o);
    let line = table
        .lines()
        .find(|l| l.contains(e))
        .expect("the rated expectation");
    assert!(
        line.starts_with(&format!(
            "{high:<10} {low:<10} “Leads the team's largest engineering"
        )) && line.ends_with(&format!(" ({e})   ← differ")),
        "{table}"
    );
    let check = out(&rung(&db, &["case", "check", "c1"]));
    assert!(
        check.lines().any(
            |l| l.starts_with("gap: only the candidate's own evidence: ")
                && l.ends_with(&format!(" ({e})"))
        ),
        "{check}"
    );
}

#[test]
fn specialist_input_and_the_decision_reach_the_decision_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = start(
        &db,
        &[
            "c1",
            "Ana Lima",
            "Candidate 7",
            "product-designer",
            "d2",
            "d3",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let json = out(&rung(&db, &["case", "export", "c1"]));
    let file: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = file["case"]["expectations"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let o = rung(
        &db,
        &[
            "case",
            "specialist",
            "c1",
            "--who",
            "Bo Chen, principal designer",
            "--craft",
            "design",
            "--said",
            "Her research plan for checkout was the one the area adopted.",
            "--expectation",
            &e,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = rung(
        &db,
        &[
            "case",
            "decide",
            "c1",
            "--outcome",
            "promoted",
            "--rationale",
            "",
            "--decider",
            "Cy",
            "--date",
            "2026-12-01",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("a decision needs an outcome and its rationale"),
        "{}",
        err(&o)
    );
    let o = rung(
        &db,
        &[
            "case",
            "decide",
            "c1",
            "--outcome",
            "promoted",
            "--rationale",
            "Evidence from two crafts on every new expectation.",
            "--dissent",
            "Dee: wanted one more quarter.",
            "--decider",
            "Cy",
            "--decider",
            "Dee",
            "--date",
            "2026-12-01",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let record = out(&rung(&db, &["case", "show", "c1"]));
    assert!(
        record.contains("**promoted** on 2026-12-01, by Cy, Dee."),
        "{record}"
    );
    assert!(
        record.contains("Dissent: Dee: wanted one more quarter."),
        "{record}"
    );
    assert!(
        record.contains("- Bo Chen, principal designer (design, specialist): Her research plan"),
        "{record}"
    );
    // Specialist input counts as support in the coverage.
    assert!(!out(&rung(&db, &["case", "check", "c1"]))
        .lines()
        .any(|l| l.starts_with("gap: no evidence: ") && l.ends_with(&format!(" ({e})"))));
    // A committee reads titles and bands, and no level or track id.
    assert!(
        record.contains("From Product Designer (band 3) to Senior Product Designer (band 4), on the Product Designer track"),
        "{record}"
    );
    for id in ["`d2`", "`d3`", "product-designer", " d3 "] {
        assert!(!record.contains(id), "{id} in {record}");
    }
}

#[test]
fn a_case_stands_against_its_promotion_rule_and_a_promotion_against_it_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = start(
        &db,
        &["c1", "Ana Lima", "Candidate 7", "engineering", "e3", "e4"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    // The bundled rule was pinned; nothing is rated, so the rating clauses fail.
    let o = rung(&db, &["case", "check", "c1"]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(
        text.contains("promotion rule: the case does not meet it yet\n"),
        "{text}"
    );
    let new_line = text
        .lines()
        .find(|l| l.starts_with("  does not hold: Every expectation new at this level"))
        .unwrap_or_else(|| panic!("{text}"));
    // Every new expectation is named by its words; how many follows the bundled ladders.
    let (n, rest) = new_line
        .trim_start_matches(
            "  does not hold: Every expectation new at this level is rated Meets or above. ",
        )
        .split_once(" of ")
        .unwrap_or_else(|| panic!("{new_line}"));
    assert!(
        rest.starts_with(&format!(
            "{n} new expectations are not yet rated Meets or above: “"
        )),
        "{new_line}"
    );
    assert!(
        text.contains("  holds: Every rating needs evidence from someone other than the candidate. Nothing is rated yet.\n"),
        "{text}"
    );

    let decide = |more: &[&str]| {
        let mut args = vec![
            "case",
            "decide",
            "c1",
            "--outcome",
            "promoted",
            "--rationale",
            "Led the billing migration.",
            "--decider",
            "Cy",
            "--date",
            "2026-12-01",
            "--promote",
        ];
        args.extend_from_slice(more);
        rung(&db, &args)
    };
    let o = decide(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("the case does not meet its promotion rule; a decision to promote needs the reason for going against it"),
        "{}",
        err(&o)
    );
    let o = decide(&[
        "--against-rule",
        "The ratings wait on the calibration meeting.",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    let record = out(&rung(&db, &["case", "show", "c1"]));
    assert!(
        record.contains("## Promotion rule\n\nEvery expectation new at this level is rated Meets or above. Every expectation carried over from earlier levels is rated Meets or above, save at most 2 that may be below Meets. Every rating needs evidence from someone other than the candidate.\n\n**The case does not meet its promotion rule.**\n"),
        "{record}"
    );
    assert!(
        record.contains(&format!("- Does not hold: Every expectation new at this level is rated Meets or above. {n} of {n} new expectations")),
        "{record}"
    );
    assert!(
        record.contains("**Against the promotion rule:** the case does not meet its rule, and the committee promotes for this reason: The ratings wait on the calibration meeting."),
        "{record}"
    );
    let history = out(&rung(&db, &["case", "history", "c1"]));
    assert!(
        history.contains("decision: — → promoted: Led the billing migration., promotes, against the promotion rule because “The ratings wait on the calibration meeting.”"),
        "{history}"
    );
}
