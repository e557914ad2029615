//! `rung case` and `rung calibrate` as a committee uses them: the case owner and the
//! period a case reviews, reviewers' copies rated on their own and imported, the
//! decision record showing every rating beside the owner's, and calibration.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

#[path = "common/case_cli.rs"]
mod case_cli;
use case_cli::{err, out, rung};

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

    // An unrated copy is refused; the reviewer rates it in place.
    let o = rung(
        &db,
        &["case", "review-import", "c1", &copy.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o), "error: Kofi Mensah has rated no expectation yet\n");
    let rated = &copy;
    for (id, rating, reason, said) in [
        (&ids[0], "emerging", "One project only.", 1),
        (&ids[1], "meets", "Ran the incident reviews.", 2),
    ] {
        let o = ok(
            &db,
            &[
                "case",
                "review-rate",
                &rated.to_string_lossy(),
                id,
                rating,
                "--reason",
                reason,
            ],
            0,
        );
        assert!(
            o.starts_with("“")
                && o.ends_with(&format!(
                    "” rated in the copy of case `c1` for Kofi Mensah: {said} of 69 expectations rated\n"
                )),
            "{o}"
        );
    }
    let o = rung(
        &db,
        &[
            "case",
            "review-rate",
            &rated.to_string_lossy(),
            &ids[0],
            "superb",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: `superb` is not on the rating scale"),
        "{}",
        err(&o)
    );

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
    let o = rung(
        &db,
        &[
            "case",
            "review-rate",
            &plain.to_string_lossy(),
            &ids[0],
            "meets",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: this file is not a reviewer's copy of a case"),
        "{}",
        err(&o)
    );
}

/// Every name the calibration's cases hold: candidates, their owner, a reviewer.
const NAMES: [&str; 10] = [
    "Ana", "Lima", "Dana", "Reyes", "Priya", "Nair", "Maya", "Rossi", "Kofi", "Mensah",
];

/// Three cases on band 4 (an engineer, a designer, a product manager) by one owner in
/// one period, each rating its first expectation at the top of the scale with no
/// evidence at all, and a reviewer's ratings imported into the first. Returns the first
/// expectation of each case.
fn three_on_band_four(dir: &Path, db: &Path) -> Vec<String> {
    let mut firsts = Vec::new();
    for (id, name, alias, track, from, to, said) in [
        (
            "c1",
            "Ana Lima",
            "Candidate 7",
            "engineering",
            "e3",
            "e4",
            "Ana led it herself",
        ),
        (
            "c2",
            "Dana Reyes",
            "Candidate 4",
            "product-designer",
            "d2",
            "d3",
            "Dana Reyes ran every review",
        ),
        (
            "c3",
            "Priya Nair",
            "Candidate 9",
            "product-manager",
            "p2",
            "p3",
            "Priya owns it",
        ),
    ] {
        start(
            db,
            [id, name, alias, track, from, to],
            &[
                "--owner",
                "Maya Rossi",
                "--owner-craft",
                "engineering",
                "--period",
                "2026-01-01..2026-06-30",
            ],
        );
        let first = expectations(db, id, 1).remove(0);
        ok(
            db,
            &["case", "rate", id, &first, "beyond", "--reason", said],
            0,
        );
        firsts.push(first);
    }
    let copy = dir.join("copy.json");
    ok(
        db,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Kofi Mensah",
            "--out",
            &copy.to_string_lossy(),
        ],
        0,
    );
    ok(
        db,
        &[
            "case",
            "review-rate",
            &copy.to_string_lossy(),
            &firsts[0],
            "emerging",
            "--reason",
            "Kofi Mensah saw one project by Ana",
        ],
        0,
    );
    let rated = copy;
    ok(
        db,
        &["case", "review-import", "c1", &rated.to_string_lossy()],
        0,
    );
    firsts
}

/// The calibration as JSON, and the exit code.
fn calibration(db: &Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let mut all = vec!["calibrate", "--format", "json"];
    all.extend_from_slice(args);
    let o = rung(db, &all);
    let json = serde_json::from_str(&out(&o)).unwrap_or_else(|e| {
        panic!("{all:?} prints JSON ({e}):\n{}\n{}", out(&o), err(&o));
    });
    (json, o.status.code())
}

/// The keys of the warnings not yet acknowledged.
fn standing(c: &serde_json::Value) -> Vec<String> {
    c["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["acknowledged"].is_null())
        .map(|w| w["key"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn three_cases_on_one_band_raise_warnings_until_each_is_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let firsts = three_on_band_four(dir.path(), &db);

    let (c, code) = calibration(&db, &["--band", "4"]);
    assert_eq!(code, Some(1), "warnings stand: {c}");
    let cases: Vec<&str> = c["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|col| col["case"].as_str().unwrap())
        .collect();
    assert_eq!(cases, ["c1", "c2", "c3"]);
    assert_eq!(c["across_tracks"], true);
    let kinds: Vec<&str> = c["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"high-on-weak"),
        "a top rating on no evidence: {kinds:?}"
    );
    let keys = standing(&c);
    assert!(!keys.is_empty());
    // The text says so too, and exits alike.
    let text = ok(&db, &["calibrate", "--band", "4"], 1);
    assert!(!text.is_empty());

    // An unknown key is refused; a reason is required.
    let o = rung(
        &db,
        &[
            "calibrate",
            "--band",
            "4",
            "--acknowledge",
            "nope",
            "--reason",
            "r",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: no warning `nope` in this calibration"),
        "{}",
        err(&o)
    );

    for (i, key) in keys.iter().enumerate() {
        let said = ok(
            &db,
            &[
                "calibrate",
                "--band",
                "4",
                "--acknowledge",
                key,
                "--reason",
                "The committee read the evidence together and agreed.",
            ],
            0,
        );
        let left = keys.len() - i - 1;
        assert!(
            said.starts_with(&format!("warning `{key}` acknowledged in ")),
            "{said}"
        );
        assert!(
            said.ends_with(&match left {
                0 => "; no warning is still unacknowledged\n".to_owned(),
                1 => "; 1 warning is still unacknowledged\n".to_owned(),
                n => format!("; {n} warnings are still unacknowledged\n"),
            }),
            "{said}"
        );
    }
    let (c, code) = calibration(&db, &["--band", "4"]);
    assert_eq!(code, Some(0), "every warning acknowledged: {c}");
    assert!(standing(&c).is_empty());
    ok(&db, &["calibrate", "--band", "4"], 0);
    let history = ok(&db, &["case", "history", "c1"], 0);
    assert!(
        history.contains(
            "calibration warning acknowledged: The committee read the evidence together and agreed."
        ),
        "{history}"
    );

    // A change of rating in calibration is kept with before, after and why.
    let said = ok(
        &db,
        &[
            "case",
            "recalibrate",
            "c1",
            &firsts[0],
            "meets",
            "--reason",
            "Only one project shows it.",
        ],
        0,
    );
    assert!(
        said.starts_with("case `c1` saved (revision ")
            && said.ends_with(
                ": “Leads the team's largest engineering efforts, each…” changed in calibration from Beyond to Meets\n"
            ),
        "{said}"
    );
    let record = ok(&db, &["case", "show", "c1"], 0);
    assert!(
        record.contains(":* Beyond → Meets — Only one project shows it.\n"),
        "{record}"
    );
    let (c, _) = calibration(&db, &["--band", "4"]);
    let cell = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .flat_map(|cells| cells.as_array().unwrap())
        .find(|cell| cell["case"] == "c1" && cell["expectation"] == firsts[0].as_str())
        .expect("the cell");
    assert_eq!(cell["rating"], "meets");
    assert_eq!(cell["recalibrated"]["before"], "beyond");
}

#[test]
fn a_calibration_is_blind_unless_names_are_revealed_and_a_reveal_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    three_on_band_four(dir.path(), &db);
    for format in ["text", "markdown", "json", "html"] {
        let o = rung(&db, &["calibrate", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", err(&o));
        let text = out(&o);
        let words: std::collections::HashSet<&str> =
            text.split(|c: char| !c.is_alphanumeric()).collect();
        for name in NAMES {
            assert!(
                !words.contains(name),
                "the blind {format} calibration holds `{name}`:\n{text}"
            );
        }
        assert!(text.contains("Candidate 7"), "{format}: {text}");
        if format == "html" {
            assert!(text.starts_with("<!"), "a whole page: {text}");
        }
    }
    // --blind says the default aloud.
    let blind = ok(&db, &["calibrate", "--blind"], 1);
    assert_eq!(blind, ok(&db, &["calibrate"], 1));
    assert!(
        !ok(&db, &["case", "history", "c1"], 0).contains("names revealed"),
        "a blind view records nothing"
    );

    let o = rung(
        &db,
        &["calibrate", "c1", "c2", "--reveal", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(
        err(&o),
        "names shown; the reveal is recorded in the history of each of the 2 cases\n"
    );
    let c: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(c["blind"], false);
    assert_eq!(c["columns"][0]["label"], "Ana Lima");
    assert_eq!(c["columns"][0]["owner"], "Maya Rossi");
    assert_eq!(c["columns"].as_array().unwrap().len(), 2);
    for (id, revealed) in [("c1", true), ("c2", true), ("c3", false)] {
        let history = ok(&db, &["case", "history", id], 0);
        assert_eq!(
            history.contains("names revealed in the calibration of 2 cases among `c1`, `c2`"),
            revealed,
            "{id}: {history}"
        );
    }
}

#[test]
fn cases_are_chosen_by_cycle_band_track_or_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    three_on_band_four(dir.path(), &db);
    start(
        &db,
        ["c4", "Bo Chen", "Candidate 2", "engineering", "e3", "e4"],
        &["--period", "2025-01-01..2025-06-30"],
    );
    start(
        &db,
        ["c5", "Cy Ode", "Candidate 3", "engineering", "e4", "e5"],
        &["--period", "2026-01-01..2026-06-30"],
    );
    start(
        &db,
        ["s1", "Ana Lima", "Self 1", "engineering", "e3", "e4"],
        &["--self-assessment"],
    );
    let chosen = |args: &[&str]| -> Vec<String> {
        let (c, _) = calibration(&db, args);
        c["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|col| col["case"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(chosen(&[]), ["c1", "c2", "c3", "c4", "c5"]);
    assert_eq!(chosen(&["--band", "4"]), ["c1", "c2", "c3", "c4"]);
    assert_eq!(
        chosen(&["--cycle", "2026-03-01..2026-03-31"]),
        ["c1", "c2", "c3", "c5"]
    );
    assert_eq!(
        chosen(&["--track", "engineering", "--band", "4"]),
        ["c1", "c4"]
    );
    assert_eq!(chosen(&["c4", "c1"]), ["c1", "c4"]);

    for (args, words) in [
        (
            vec!["calibrate", "--band", "9"],
            "error: no promotion case matches on band 9\n",
        ),
        (
            vec!["calibrate", "nope"],
            "error: there is no case `nope`\n",
        ),
        (
            vec!["calibrate", "s1"],
            "error: `s1` is a self-assessment or a reviewer's copy; only promotion cases are calibrated\n",
        ),
        (
            vec!["calibrate", "--cycle", "2026-07-01..2026-01-01"],
            "error: the review period ends (2026-01-01) before it begins (2026-07-01)\n",
        ),
    ] {
        let o = rung(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(err(&o), words, "{args:?}");
    }
}

#[test]
fn five_kinds_of_warning_are_raised_on_purpose_and_a_new_change_raises_one_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    for id in ["c1", "c4"] {
        start(
            &db,
            [id, "Bo Chen", "Candidate 2", "engineering", "e3", "e4"],
            &[
                "--owner",
                "Maya Rossi",
                "--owner-craft",
                "engineering",
                "--period",
                "2026-01-01..2026-06-30",
            ],
        );
    }
    let e = expectations(&db, "c1", 4);
    // c1's first expectation rests on four peers' items, all from the period's last month.
    for i in 1..=4 {
        let what = format!("Led step {i} of the billing migration");
        ok(
            &db,
            &[
                "case",
                "evidence",
                "c1",
                "--what",
                &what,
                "--when",
                "2026-06",
                "--outcome",
                "It shipped",
                "--reported-by",
                "peer",
                "--expectation",
                &e[0],
            ],
            0,
        );
    }
    for id in ["c1", "c4"] {
        ok(
            &db,
            &["case", "rate", id, &e[0], "meets", "--reason", "r"],
            0,
        );
        for x in &e[1..] {
            ok(&db, &["case", "rate", id, x, "beyond", "--reason", "r"], 0);
        }
    }
    // A reviewer sees far less than the owner in c1.
    let copy = dir.path().join("copy.json");
    let copy_path = copy.to_string_lossy().into_owned();
    ok(
        &db,
        &[
            "case",
            "review-export",
            "c1",
            "--reviewer",
            "Kofi Mensah",
            "--out",
            &copy_path,
        ],
        0,
    );
    for x in &e[1..] {
        ok(
            &db,
            &[
                "case",
                "review-rate",
                &copy_path,
                x,
                "not-yet",
                "--reason",
                "none seen",
            ],
            0,
        );
    }
    ok(&db, &["case", "review-import", "c1", &copy_path], 0);
    // Three ratings of c4 brought down in calibration.
    for x in &e[1..] {
        ok(
            &db,
            &[
                "case",
                "recalibrate",
                "c4",
                x,
                "meets",
                "--reason",
                "Read again",
            ],
            0,
        );
    }

    let (c, code) = calibration(&db, &[]);
    assert_eq!(code, Some(1));
    let mut kinds: Vec<&str> = c["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "unequal-evidence",
            "high-on-weak",
            "recency",
            "leniency",
            "compression"
        ],
        "{c}"
    );
    let text = ok(&db, &["calibrate"], 1);
    assert!(
        text.contains("4 of its 4 dated items in the period are from its last 20%"),
        "{text}"
    );
    for key in standing(&c) {
        ok(
            &db,
            &["calibrate", "--acknowledge", &key, "--reason", "Looked at"],
            0,
        );
    }
    ok(&db, &["calibrate"], 0);

    // Another change in calibration makes the compression warning another one.
    ok(
        &db,
        &[
            "case",
            "recalibrate",
            "c4",
            &e[0],
            "emerging",
            "--reason",
            "One project only",
        ],
        0,
    );
    let (c, code) = calibration(&db, &[]);
    assert_eq!(code, Some(1));
    let kinds: Vec<String> = c["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["acknowledged"].is_null())
        .map(|w| w["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(kinds.contains(&"compression".to_owned()), "{c}");
}
