//! `rung import` of structured YAML or JSON sources written for the tests
//! (`tests/import-sources/structured-*`): levels and criteria in separate files with an
//! individual-contributor and a manager path, one JSON file, and broken files. What the
//! report says, line by line; that the folder written passes `rung check` with no
//! errors; that the manager path is a track of its own on the bands above its branch;
//! that a second import gives the same files; and that every criterion and example of
//! the source is in the framework or in the report.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "common/import_cli.rs"]
mod import_cli;

use std::path::Path;

use import_cli::{check_has_no_errors, files, import};

fn has(report: &str, lines: &[String]) {
    for line in lines {
        assert!(
            report.lines().any(|l| l == line),
            "{line}\nnot in\n{report}"
        );
    }
}

/// The texts of a source's criteria and examples, one per item of a numbered list.
fn source_texts(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let criteria = match &value {
        serde_json::Value::Array(items) => items.clone(),
        other => other["competencies"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    };
    let mut texts = Vec::new();
    for c in criteria {
        let mut all = vec![c["summary"].as_str().unwrap_or_default().to_owned()];
        for e in c["examples"].as_array().into_iter().flatten() {
            all.push(e.as_str().unwrap().to_owned());
        }
        for t in all {
            for line in t.lines().filter(|l| !l.trim().is_empty()) {
                let line = line.trim();
                let line = line
                    .split_once(". ")
                    .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                    .map_or(line, |(_, rest)| rest);
                texts.push(line.to_owned());
            }
        }
    }
    assert!(!texts.is_empty());
    texts
}

/// Each text is in a written file or named in the report.
fn nothing_lost(texts: &[String], dir: &Path, report: &str) {
    let written: String = files(dir).into_iter().map(|(_, t)| t).collect();
    for text in texts {
        let short: String = text.chars().take(40).collect();
        assert!(
            written.contains(text.as_str()) || report.contains(&short),
            "{text} is neither written nor reported"
        );
    }
}

#[test]
fn levels_themes_and_criteria_in_separate_files_import_with_a_manager_track() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let s = "tests/import-sources/structured-yaml";
    let report = import(s, &out, &[]);
    let ic = "tracks/platform-engineering";
    let m = "tracks/platform-engineering-management";
    has(&report, &[
        format!("{s}/levels.yml:3:7: mapped: track \"Platform Engineering\" → {ic}/track.md:3"),
        format!("{s}/levels.yml:4:10: kept as a note: \"How engineers and managers of the platform grou…\" → framework.md:33"),
        format!("{s}/levels.yml:8:14: kept as a note: \"Learns the systems with a mentor close by.\" → {ic}/associate-engineer.md:10"),
        format!("{s}/levels.yml:17:11: mapped: track \"Platform Engineering management\" → {m}/track.md:3"),
        format!("{s}/levels.yml:17:11: mapped: level \"Engineering Manager\" → {m}/engineering-manager.md:3"),
        format!("{s}/levels.yml:20:11: mapped: level \"Principal Engineer\" → {ic}/principal-engineer.md:3"),
        format!("{s}/themes.yml:3:16: mapped: description \"Getting useful work into the hands of users, pr…\" → competencies/delivery.md:6"),
        format!("{s}/criteria.yml:1:7: mapped: source id \"c-101\" → {ic}/associate-engineer.md:14 as platform-engineering/associate-engineer/finishes-small-well-described-tasks-with"),
        format!("{s}/criteria.yml:4:12: mapped: expectation \"Finishes small, well described tasks with help.\" → {ic}/associate-engineer.md:14 as platform-engineering/associate-engineer/finishes-small-well-described-tasks-with"),
        format!("{s}/criteria.yml:6:7: mapped: example \"Closes a ticket about a wrong error message in…\" → {ic}/associate-engineer.md:15"),
        format!("{s}/criteria.yml:19:8: mapped: expectation \"Reads an unfamiliar service before changing it.\" → {ic}/engineer.md:16 as platform-engineering/engineer/reads-an-unfamiliar-service-before-changing"),
        format!("{s}/criteria.yml:20:8: mapped: expectation \"Leaves the code clearer than it found it.\" → {ic}/engineer.md:17 as platform-engineering/engineer/leaves-the-code-clearer-than-it"),
        format!("{s}/criteria.yml:25:3: not mapped: key `proficiency`: not a key rung import reads in a criterion (it reads id, level, theme, text and examples, or other names for them listed in docs/import.md)"),
        format!("{s}/criteria.yml:39:12: mapped: expectation \"Holds regular one to ones with every member of…\" → {m}/engineering-manager.md:12 as platform-engineering-management/engineering-manager/holds-regular-one-to-ones-with"),
        format!("{s}/criteria.yml:41:7: mapped: example \"Keeps notes of agreed actions and follows them…\" → {m}/engineering-manager.md:13"),
    ]);
    assert!(report.contains("imported 11 expectations into"), "{report}");
    check_has_no_errors(&out);
    let track = std::fs::read_to_string(out.join(format!("{m}/track.md"))).unwrap();
    assert!(track.contains("\ncareer_path: manager\n"), "{track}");
    let ic_track = std::fs::read_to_string(out.join(format!("{ic}/track.md"))).unwrap();
    assert!(
        ic_track.contains("\ncareer_path: individual-contributor\n"),
        "{ic_track}"
    );
    // The manager path branches above Senior Engineer (band 3).
    for (level, band) in [
        (format!("{m}/engineering-manager.md"), 4),
        (format!("{m}/head-of-engineering.md"), 5),
        (format!("{ic}/senior-engineer.md"), 3),
        (format!("{ic}/principal-engineer.md"), 5),
    ] {
        let text = std::fs::read_to_string(out.join(&level)).unwrap();
        assert!(
            text.contains(&format!("\nband: {band}\n")),
            "{level}\n{text}"
        );
    }
    let texts = source_texts(&format!("{s}/criteria.yml"));
    assert_eq!(texts.len(), 14, "{texts:#?}");
    nothing_lost(&texts, &out, &report);
}

#[test]
fn one_json_file_imports_with_its_levels_in_number_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let s = "tests/import-sources/structured-json/ladder.json";
    let report = import(s, &out, &[]);
    has(&report, &[
        format!("{s}:7:32: mapped: track \"Data Science management\" → tracks/data-science-management/track.md:3"),
        format!("{s}:10:56: mapped: description \"Turning data into answers people can trust.\" → competencies/analysis.md:7"),
        format!("{s}:14:13: mapped: source id \"k1\" → tracks/data-science/data-scientist.md:12 as data-science/data-scientist/cleans-a-data-set-and-states"),
        format!("{s}:15:20: mapped: example \"Notes that a tenth of the rows had no date.\" → tracks/data-science/data-scientist.md:13"),
        format!("{s}:18:71: mapped: expectation \"Reviews the methods of the whole team's studies.\" → tracks/data-science/lead-data-scientist.md:12 as data-science/lead-data-scientist/reviews-the-methods-of-the-whole"),
    ]);
    check_has_no_errors(&out);
    let level = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert!(level("tracks/data-science/senior-data-scientist.md").contains("\nband: 2\n"));
    assert!(level("tracks/data-science/lead-data-scientist.md").contains("\nband: 3\n"));
    assert!(
        level("tracks/data-science-management/data-science-manager.md").contains("\nband: 3\n")
    );
    assert!(level("tracks/data-science-management/track.md").contains("\ncareer_path: manager\n"));
    let texts = source_texts(s);
    assert_eq!(texts.len(), 7, "{texts:#?}");
    nothing_lost(&texts, &out, &report);
}

#[test]
fn importing_a_structured_source_twice_gives_the_same_files() {
    for source in [
        "tests/import-sources/structured-yaml",
        "tests/import-sources/structured-json",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let first = import(source, &tmp.path().join("a"), &[]);
        let second = import(&format!("./{source}"), &tmp.path().join("b"), &[]);
        let ids = |report: &str| -> Vec<String> {
            report
                .lines()
                .filter(|l| l.contains(": mapped: expectation "))
                .filter_map(|l| l.rsplit_once(" as ").map(|(_, id)| id.to_owned()))
                .collect()
        };
        assert!(!ids(&first).is_empty());
        assert_eq!(ids(&first), ids(&second));
        assert_eq!(files(&tmp.path().join("a")), files(&tmp.path().join("b")));
    }
}

#[test]
fn broken_structured_files_give_report_lines_and_the_rest_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let b = "tests/import-sources/structured-broken";
    let report = import(b, &out, &[]);
    has(&report, &[
        format!("{b}/criteria.yaml:4:11: not mapped: expectation \"Answers the hardest questions from customers.\": its level `Expert` is not in the levels list"),
        format!("{b}/criteria.yaml:6:9: not mapped: example \"Explains a billing error to an upset customer.\": its criterion was not mapped"),
        format!("{b}/criteria.yaml:7:5: not mapped: criterion: it has no text (a text, criterion, summary or description key)"),
        format!("{b}/criteria.yaml:10:9: not mapped: example \"Greets every caller by name.\": its criterion has no text"),
        format!("{b}/criteria.yaml:12:11: not mapped: expectation \"Logs every call the same day.\": it names no theme (a theme, area, competency or category key)"),
        format!("{b}/criteria.yaml:15:11: mapped: expectation \"Solves most calls without passing them on.\" → tracks/structured-broken/practitioner.md:12 as structured-broken/practitioner/solves-most-calls-without-passing-them"),
        format!("{b}/criteria.yaml:16:5: not mapped: key `owner`: not a key rung import reads in a criterion (it reads id, level, theme, text and examples, or other names for them listed in docs/import.md)"),
        format!("{b}/latin1.yml:4:12: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again; none of this file was imported"),
        format!("{b}/shopping.yaml:1:1: not mapped: the file: neither a list of criteria tagged with levels nor a map with levels, themes or criteria (see docs/import.md for the shapes rung import reads)"),
        // A slip in a file is read around, and said where.
        format!("{b}/tabs.yaml:2:1: problem: a tab: tabs indent this file, which YAML does not allow; read as a space each"),
        format!("{b}/tabs.yaml:3:10: not mapped: expectation \"Uses tabs.\": it names no theme (a theme, area, competency or category key)"),
        format!("{b}/trailing-comma.json:3:58: mapped: expectation \"Reads the manual.\" → tracks/structured-broken/apprentice.md:12 as structured-broken/apprentice/reads-the-manual"),
        format!("{b}/trailing-comma.json:3:77: problem: a comma: JSON has no comma before a closing bracket; read as if it were not there"),
    ]);
    assert!(
        report.contains("9 not mapped, 2 problems in the source"),
        "{report}"
    );
    check_has_no_errors(&out);
}

#[test]
fn a_small_slip_loses_only_what_it_touches() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let s = "tests/import-sources/structured-slips";
    let report = import(s, &out, &[]);
    has(&report, &[
        // A key given twice keeps the first; the rest of the file is read.
        format!("{s}/criteria.yml:6:11: mapped: expectation \"Waters the beds each morning.\" → tracks/structured-slips/trainee.md:12 as structured-slips/trainee/waters-the-beds-each-morning"),
        format!("{s}/criteria.yml:7:5: not mapped: key `text`: the map already has it at line 6, column 5; the first is kept"),
        format!("{s}/criteria.yml:10:11: mapped: expectation \"Plans the season's planting.\" → tracks/structured-slips/mentor.md:12 as structured-slips/mentor/plans-the-seasons-planting"),
        // The file's second document is read too.
        format!("{s}/criteria.yml:15:11: mapped: expectation \"Teaches pruning to trainees.\" → tracks/structured-slips/mentor.md:13 as structured-slips/mentor/teaches-pruning-to-trainees"),
        // A NUL is taken out, and a comma JSON does not allow is read around.
        format!("{s}/more.json:2:54: problem: a text: it holds a control character (U+0000) that no page can show; left out"),
        format!("{s}/more.json:2:54: mapped: expectation \"Labels every seed tray.\" → tracks/structured-slips/trainee.md:13 as structured-slips/trainee/labels-every-seed-tray"),
        format!("{s}/more.json:2:86: problem: a comma: JSON has no comma before a closing bracket; read as if it were not there"),
    ]);
    assert!(report.contains("imported 4 expectations"), "{report}");
    let trainee = std::fs::read_to_string(out.join("tracks/structured-slips/trainee.md")).unwrap();
    assert!(trainee.contains("Labels every seed tray."), "{trainee}");
    assert!(!trainee.contains('\0'));
    check_has_no_errors(&out);
}
