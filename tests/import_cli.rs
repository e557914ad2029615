//! `rung import` on sources written for the tests (`tests/import-sources/`, one folder
//! per case): what the report says, line by line; that the folder written passes
//! `rung check` with no errors (placeholders are warnings); that importing the same
//! source twice gives the same files, so the same IDs; and that broken sources give
//! report lines, never a panic.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "common/import_cli.rs"]
mod import_cli;

use std::path::Path;
use std::process::Command;

use import_cli::{files, import, rung, stderr, stdout};

/// Checks a written folder: no errors, and the placeholders among the warnings.
fn check_has_no_errors(dir: &Path) {
    let report = import_cli::check_has_no_errors(dir);
    let placeholders = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "placeholder")
        .count();
    assert!(placeholders > 0, "no placeholder warnings");
}

#[test]
fn a_matrix_imports_cell_lines_as_expectations_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/matrix/engineering.csv", &out, &[]);
    for line in [
        "tests/import-sources/matrix/engineering.csv:1:24: mapped: level \"Engineer I\" → tracks/engineering/engineer-i.md:3",
        "tests/import-sources/matrix/engineering.csv:3:1: mapped: expectation \"Says early when a task will take longer.\" → tracks/engineering/engineer-i.md:13 as engineering/engineer-i/says-early-when-a-task-will",
        "tests/import-sources/matrix/engineering.csv:4:3: mapped: example \"Posts a note in the team channel on day two.\" → tracks/engineering/engineer-i.md:14",
        "tests/import-sources/matrix/engineering.csv:6:1: mapped: expectation \"Reviews colleagues' changes and points out miss…\" → tracks/engineering/engineer-ii.md:17 as engineering/engineer-ii/reviews-colleagues-changes-and-points-out-2",
        "imported 10 expectations into",
    ] {
        assert!(report.contains(line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
    let framework = std::fs::read_to_string(out.join("framework.md")).unwrap();
    assert!(
        framework.ends_with("---\n\nImported by `rung import` from `engineering.csv`.\n"),
        "{framework}"
    );
    let level = std::fs::read_to_string(out.join("tracks/engineering/engineer-i.md")).unwrap();
    assert!(level.contains(
        "## Delivery\n\n- Finishes tasks of a few days.\n- Says early when a task will take longer.\n  - Posts a note in the team channel on day two.\n"
    ), "{level}");
}

#[test]
fn importing_the_same_source_twice_gives_the_same_ids() {
    for source in [
        "tests/import-sources/matrix",
        "tests/import-sources/long-form",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let first = import(source, &tmp.path().join("a"), &[]);
        // The same files named another way round.
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
fn the_long_form_keeps_extra_columns_as_notes_and_says_what_it_could_not_map() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/long-form/ladder.csv", &out, &[]);
    for line in [
        "tests/import-sources/long-form/ladder.csv:2:151: kept as a note: \"Owner: Sam\" → tracks/engineering/e1.md:10",
        "tests/import-sources/long-form/ladder.csv:4:25: mapped: expectation \"Plans a feature of one or two weeks into tasks…\" → tracks/engineering/e2.md:12 as engineering/e2/plans-a-feature-of-one-or",
        // A blank cell, as a spreadsheet's merged cell is written, is the one above.
        "tests/import-sources/long-form/ladder.csv:8:11: problem: the competency cell: blank: read as the competency above, \"Craft\"",
    ] {
        assert!(report.contains(line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
    let craft = std::fs::read_to_string(out.join("competencies/craft.md")).unwrap();
    assert!(craft.contains("\nname: \"Craft\"\n---\n"), "{craft}");
    let delivery = std::fs::read_to_string(out.join("competencies/delivery.md")).unwrap();
    assert!(delivery.contains("\ntracks: [engineering]\n"), "{delivery}");
}

#[test]
fn broken_sources_give_report_lines_and_the_rest_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/broken", &out, &[]);
    let b = "tests/import-sources/broken";
    for line in [
        format!("{b}/empty-header.csv:1:1: problem: the header row: it is empty: the first row must name the columns; nothing in the file is imported"),
        format!("{b}/empty-header.csv:2:10: not mapped: \"Ships tasks.\": its column has no name"),
        format!("{b}/latin1.csv:2:2: not mapped: the file: it is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import again"),
        format!("{b}/notes.txt:1:1: not mapped: the file: not a kind of file rung import reads (name one with --from)"),
        format!("{b}/ragged.csv:2:39: not mapped: \"Leads a guild.\": the row has more cells than the header's 3 columns"),
        format!("{b}/ragged.csv:3:1: problem: the row: it has 2 cells where the header has 3; the missing cells are read as empty"),
        format!("{b}/unnamed-level.csv:1:12: problem: column 2: it has no name, so it is not a level; its cells are not imported"),
        format!("{b}/unnamed-level.csv:2:10: not mapped: \"Ships tasks.\": its column has no name"),
        format!("{b}/unnamed-level.csv:2:23: mapped: expectation \"Plans projects.\" → tracks/unnamed-level/senior.md:12 as unnamed-level/senior/plans-projects"),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    assert!(
        report.contains("7 not mapped, 3 problems in the source"),
        "{report}"
    );
    check_has_no_errors(&out);
}

#[test]
fn column_roles_can_be_named_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let named = [
        "--column",
        "level=Step",
        "--column",
        "text=Words",
        "--column",
        "ignore=Internal",
    ];
    let report = import(
        "tests/import-sources/named-columns/grades.csv",
        &out,
        &named,
    );
    assert!(report.contains("tests/import-sources/named-columns/grades.csv:3:22: mapped: expectation \"Runs a discovery sprint with a designer.\" → tracks/product/p2.md:12 as product/p2/runs-a-discovery-sprint-with-a"), "{report}");
    assert!(report.contains("tests/import-sources/named-columns/grades.csv:2:55: not mapped: \"x\": its column is ignored (--column ignore=…)"), "{report}");
    check_has_no_errors(&out);
    let o = rung(&[
        "import",
        "tests/import-sources/named-columns",
        "--out",
        &tmp.path().join("x").to_string_lossy(),
        "--column",
        "rank=Step",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: unknown column role `rank`: use track, level, competency, text, example, note, description or ignore\n");
    let o = rung(&[
        "import",
        "tests/import-sources/named-columns",
        "--out",
        &tmp.path().join("x").to_string_lossy(),
        "--from",
        "xlsx",
    ]);
    assert_eq!(
        stderr(&o),
        "error: unknown format `xlsx`: rung import reads csv, markdown, progression (front matter), yaml or json, or rung-html\n"
    );
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_and_writes_nothing_from_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.md"), "mine").unwrap();
    let o = rung(&[
        "import",
        "tests/import-sources/matrix",
        "--out",
        &tmp.path().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {} is not empty: name a new or empty folder for the imported framework\n",
            tmp.path().display()
        )
    );
    assert_eq!(
        files(tmp.path()),
        [("keep.md".to_owned(), "mine".to_owned())]
    );
    let out = tmp.path().join("new");
    let o = rung(&[
        "import",
        "tests/import-sources/broken/notes.txt",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: nothing in tests/import-sources/broken/notes.txt could be imported as expectations, so nothing was written\n");
    assert!(!out.exists());
}

#[test]
fn a_reimport_after_the_source_changed_shows_only_the_real_change_in_diff_versions() {
    let tmp = tempfile::tempdir().unwrap();
    let source = "tests/import-sources/matrix/engineering.csv";
    let changed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(source))
        .unwrap()
        .replace(
            "Leads design reviews across two teams.",
            "Leads design reviews across two teams and writes down what they decided.",
        )
        .replace(
            "\"Writes tests for every change.\"",
            "\"Writes tests for every change.\nRuns the tests before asking for a review.\"",
        );
    let changed_path = tmp.path().join("engineering.csv");
    std::fs::write(&changed_path, changed).unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    import(source, &old, &[]);
    import(&changed_path.to_string_lossy(), &new, &[]);
    let o = rung(&[
        "diff",
        "--versions",
        &old.to_string_lossy(),
        &new.to_string_lossy(),
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("1 added, 0 removed, 1 reworded, 9 unchanged"),
        "{out}"
    );
    assert!(
        out.contains("added     engineering/engineer-i/runs-the-tests-before-asking-for\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "reworded  engineering/senior-engineer/leads-design-reviews-across-two-teams\n"
        ),
        "{out}"
    );
}

#[test]
fn an_exported_page_imports_back_to_the_same_framework() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("bundled.html");
    let o = rung(&["export-html", "-o", &page.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path().join("framework");
    let bundled = rung::load_bundled();
    let hash = rung::framework::hash::content_hash(&bundled);
    let report = import(&page.to_string_lossy(), &out, &[]);
    assert_eq!(
        report,
        format!(
            "imported the framework of {} into {} ({} files, content hash {hash}), exactly as it was exported\n",
            page.display(),
            out.display(),
            bundled.sources.len()
        )
    );
    let o = rung(&["check", &out.to_string_lossy(), "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let back = rung::load_dir(&out).unwrap();
    assert_eq!(rung::framework::hash::content_hash(&back), hash);

    // Named with --from, whatever the file is called; a page without a framework says so.
    let renamed = tmp.path().join("bundled.txt");
    std::fs::copy(&page, &renamed).unwrap();
    let again = tmp.path().join("again");
    import(&renamed.to_string_lossy(), &again, &["--from", "rung-html"]);
    assert_eq!(files(&again), files(&out));
    let plain = tmp.path().join("plain.html");
    std::fs::write(&plain, "<html><body>Hi</body></html>").unwrap();
    let o = rung(&[
        "import",
        &plain.to_string_lossy(),
        "--out",
        &tmp.path().join("x").to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot import {}: this page was not written by rung export-html (Rung reads back only its own exported pages)\n",
            plain.display()
        )
    );
    assert!(!tmp.path().join("x").exists());

    // A page changed after export: what it holds is imported, and the report says so
    // where the page states its hash.
    let html = std::fs::read_to_string(&page).unwrap();
    let edited = html.replacen("\"},{\"path\"", " Edited.\"},{\"path\"", 1);
    assert_ne!(edited, html);
    let changed = tmp.path().join("changed.html");
    std::fs::write(&changed, &edited).unwrap();
    let out = tmp.path().join("changed");
    let report = import(&changed.to_string_lossy(), &out, &[]);
    let new_hash = rung::framework::hash::content_hash(&rung::load_dir(&out).unwrap());
    assert_ne!(new_hash, hash);
    let at = edited.find("content hash <code>").unwrap() + "content hash <code>".len();
    let line = edited[..at].matches('\n').count() + 1;
    let column = edited[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!(
        report,
        format!(
            "{}:{line}:{column}: problem: the content hash: the page says {hash}, what it holds hashes to {new_hash}: it was changed after export; imported what it holds\n\
             imported the framework of {} into {} ({} files, content hash {new_hash}), as the page holds it now\n",
            changed.display(),
            changed.display(),
            out.display(),
            bundled.sources.len()
        )
    );
}

#[test]
fn markdown_with_a_heading_per_level_keeps_sections_and_cumulative_lines_as_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/markdown-levels", &out, &[]);
    let f = "tests/import-sources/markdown-levels/engineering.md";
    for line in [
        format!("{f}:5:4: mapped: level \"Engineer I\" → tracks/engineering-ladder/engineer-i.md:3"),
        format!("{f}:11:5: mapped: example \"Posts a note in the team channel on day two.\" → tracks/engineering-ladder/engineer-i.md:16"),
        format!("{f}:15:1: mapped: description \"Writing code others can change.\" → competencies/craft.md:6"),
        format!("{f}:17:3: mapped: expectation \"Writes tests for every change.\" → tracks/engineering-ladder/engineer-i.md:20 as engineering-ladder/engineer-i/writes-tests-for-every-change"),
        format!("{f}:21:3: kept as a note: \"Anti-patterns: Hides a delay until the deadline.\" → tracks/engineering-ladder/engineer-i.md:10"),
        format!("{f}:25:1: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists"),
        format!("{f}:25:1: kept as a note: \"Everything in the level below, plus:\" → tracks/engineering-ladder/engineer-ii.md:10"),
        format!("{f}:33:34: problem: HTML \"<em>\": markdown pages are read as text: the tag is dropped and the text around it kept"),
        format!("{f}:37:3: kept as a note: \"Not yet: Leads a project across teams.\" → tracks/engineering-ladder/engineer-ii.md:12"),
        format!("{f}:49:3: kept as a note: \"Red flags: Rewrites a colleague's work without…\" → tracks/engineering-ladder/senior-engineer.md:12"),
        "imported 6 expectations into".to_owned(),
        "6 kept as notes, 0 not mapped, 4 problems in the source".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    // No section's bullet became an expectation.
    assert!(
        !report.contains("mapped: expectation \"Hides a delay"),
        "{report}"
    );
    assert!(
        !report.contains("mapped: expectation \"Leads a project across teams."),
        "{report}"
    );
    check_has_no_errors(&out);
    let level =
        std::fs::read_to_string(out.join("tracks/engineering-ladder/engineer-ii.md")).unwrap();
    assert!(
        level.contains("---\n\nEverything in the level below, plus:\n\nNot yet: Leads a project across teams.\n\n## Delivery\n\n- Plans a feature of one or two weeks.\n"),
        "{level}"
    );
}

#[test]
fn markdown_with_a_file_per_level_takes_the_folder_as_the_track() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/markdown-files", &out, &[]);
    let d = "tests/import-sources/markdown-files/design";
    for line in [
        format!("{d}/01-designer.md:1:3: mapped: track \"design\" → tracks/design/track.md:3"),
        format!("{d}/01-designer.md:1:3: mapped: level \"Designer\" → tracks/design/designer.md:3"),
        format!("{d}/01-designer.md:10:3: mapped: expectation \"Shares work in progress every week.\" → tracks/design/designer.md:17 as design/designer/shares-work-in-progress-every-week"),
        format!("{d}/02-senior-designer.md:1:3: mapped: level \"Senior designer\" → tracks/design/senior-designer.md:3"),
        format!("{d}/02-senior-designer.md:3:1: kept as a note: \"All of the previous level, and:\" → tracks/design/senior-designer.md:10"),
        format!("{d}/02-senior-designer.md:15:3: kept as a note: \"Not yet: Sets the direction of the design syste…\" → tracks/design/senior-designer.md:12"),
        "imported 5 expectations into".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
    let senior = std::fs::read_to_string(out.join("tracks/design/senior-designer.md")).unwrap();
    assert!(senior.contains("\nband: 2\n"), "{senior}");
}

#[test]
fn broken_markdown_gives_report_lines_and_the_rest_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/markdown-broken", &out, &[]);
    let b = "tests/import-sources/markdown-broken";
    for line in [
        format!("{b}/front.md:1:1: not mapped: the front matter: pages with a heading per level are read from their headings and bullets; import the front matter with its own family"),
        format!("{b}/front.md:10:3: mapped: expectation \"Talks to users every week.\" → tracks/product/p1.md:12 as product/p1/talks-to-users-every-week"),
        format!("{b}/latin1.md:5:12: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again"),
        format!("{b}/loose.md:1:3: not mapped: bullet \"A bullet before any level.\": it comes before any level heading"),
        format!("{b}/loose.md:3:3: problem: a level heading: it has no text, so the level is called \"Level 1\""),
        format!("{b}/loose.md:7:11: problem: HTML \"<br/>\": markdown pages are read as text: the tag is dropped and the text around it kept"),
        format!("{b}/loose.md:9:4: problem: a competency heading: it has no text, so its expectations go to \"General\""),
        format!("{b}/loose.md:11:3: mapped: expectation \"Plans projects.\" → tracks/loose/senior.md:12 as loose/senior/plans-projects"),
        "imported 3 expectations into".to_owned(),
        "0 kept as notes, 3 not mapped, 3 problems in the source".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
}

#[test]
fn importing_markdown_twice_gives_the_same_ids() {
    for source in [
        "tests/import-sources/markdown-levels",
        "tests/import-sources/markdown-files",
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
fn markdown_tables_are_read_as_matrices_and_as_a_levels_expectations() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let source = "tests/import-sources/markdown-table";
    let report = import(source, &out, &[]);
    let e = format!("{source}/engineering.md");
    let d = format!("{source}/design.md");
    let p = format!("{source}/product");
    for line in [
        // Competencies as rows, levels as columns; a Description column.
        format!("{e}:1:3: mapped: track \"Engineering ladder\" → tracks/engineering-ladder/track.md:3"),
        format!("{e}:5:4: kept as a note: \"The matrix\" → framework.md:31"),
        format!("{e}:7:43: mapped: level \"Engineer II\" → tracks/engineering-ladder/engineer-ii.md:3"),
        format!("{e}:9:3: mapped: competency \"Delivery\" → competencies/delivery.md:3"),
        format!("{e}:9:18: mapped: description \"Getting work done.\" → competencies/delivery.md:7"),
        // `<br>`, `;` and `•` split a cell; each text at its row's line and its own column.
        format!("{e}:9:72: mapped: expectation \"Says early when a task will slip.\" → tracks/engineering-ladder/engineer-i.md:18 as engineering-ladder/engineer-i/says-early-when-a-task-will"),
        format!("{e}:9:138: mapped: expectation \"splits it into tasks\" → tracks/engineering-ladder/engineer-ii.md:17 as engineering-ladder/engineer-ii/splits-it-into-tasks"),
        format!("{e}:9:161: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists"),
        format!("{e}:10:71: mapped: expectation \"Reads the style guide.\" → tracks/engineering-ladder/engineer-i.md:13 as engineering-ladder/engineer-i/reads-the-style-guide"),
        format!("{e}:10:126: problem: HTML \"<em>\": markdown pages are read as text: the tag is dropped and the text around it kept"),
        format!("{e}:10:151: mapped: expectation \"Picks between `a | b` designs and writes down w…\" → tracks/engineering-ladder/senior-engineer.md:14 as engineering-ladder/senior-engineer/picks-between-a-b-designs-and"),
        format!("{e}:11:22: not mapped: \"No competency here.\": its row names no competency"),
        format!("{e}:15:1: problem: a table: it is neither a matrix (levels as columns or as rows) nor a level's expectations by competency: its text is kept as a note"),
        format!("{e}:15:1: kept as a note: \"Term | Meaning; PR | A change waiting for revie…\" → framework.md:35"),
        // Levels as rows, competencies as columns.
        format!("{d}:3:19: mapped: competency \"Collaboration\" → competencies/collaboration.md:3"),
        format!("{d}:6:3: mapped: level \"Senior designer\" → tracks/design/senior-designer.md:3"),
        format!("{d}:5:51: mapped: expectation \"Asks for critique.\" → tracks/design/designer.md:15 as design/designer/asks-for-critique"),
        format!("{d}:6:82: kept as a note: \"Owns a product area.\" → tracks/design/senior-designer.md:10"),
        // A table under a level: that level's expectations by competency.
        format!("{p}/1-associate.md:5:15: mapped: expectation \"Talks to users every week.\" → tracks/product/associate-product-manager.md:16 as product/associate-product-manager/talks-to-users-every-week"),
        format!("{p}/1-associate.md:5:44: mapped: example \"Five calls in a sprint.\" → tracks/product/associate-product-manager.md:17"),
        format!("{p}/2-product-manager.md:8:14: mapped: expectation \"Ties the roadmap to the company's goals.\" → tracks/product/product-manager.md:20 as product/product-manager/ties-the-roadmap-to-the-companys"),
        format!("{p}/2-product-manager.md:10:1: kept as a note: \"Reading list; The team's product handbook\" → tracks/product/product-manager.md:12"),
        "imported 18 expectations into".to_owned(),
        // (Problems are counted apart: the order of a folder's levels may add one.)
        "9 kept as notes, 2 not mapped, ".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    // `<br>` is how a cell holds several lines, not HTML to report.
    assert!(!report.contains("HTML \"<br"), "{report}");
    check_has_no_errors(&out);
    let senior =
        std::fs::read_to_string(out.join("tracks/engineering-ladder/senior-engineer.md")).unwrap();
    assert!(
        senior.contains("---\n\nEverything in the level below, plus:\n\n## Craft\n\n- Picks between `a | b` designs and writes down why.\n"),
        "{senior}"
    );
    // The same source read again gives the same IDs and the same files.
    let second = import(&format!("./{source}"), &tmp.path().join("again"), &[]);
    let ids = |report: &str| -> Vec<String> {
        report
            .lines()
            .filter(|l| l.contains(": mapped: expectation "))
            .filter_map(|l| l.rsplit_once(" as ").map(|(_, id)| id.to_owned()))
            .collect()
    };
    assert_eq!(ids(&report).len(), 18);
    assert_eq!(ids(&report), ids(&second));
    assert_eq!(files(&out), files(&tmp.path().join("again")));
}

#[test]
fn spreadsheet_tables_keep_positions_titles_and_merged_cells_and_say_what_they_did() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/tables-messy", &out, &[]);
    let t = "tests/import-sources/tables-messy";
    for line in [
        // Excel on Windows ends lines with CRLF: positions are the same as with LF.
        format!("{t}/crlf.csv:2:7: mapped: expectation \"Writes tests\" → tracks/crlf/junior.md:12 as crlf/junior/writes-tests"),
        format!("{t}/crlf.csv:2:20: mapped: expectation \"Designs modules.\" → tracks/crlf/senior.md:12 as crlf/senior/designs-modules"),
        // A numbered line of a cell loses its number.
        format!("{t}/crlf.csv:3:1: mapped: expectation \"Reviews designs.\" → tracks/crlf/senior.md:13 as crlf/senior/reviews-designs"),
        format!("{t}/crlf.csv:4:35: mapped: expectation \"Mentors others\" → tracks/crlf/senior.md:17 as crlf/senior/mentors-others"),
        format!("{t}/open-quote.csv:2:7: problem: the rest of the file: a quote opened at 2:7 is never closed; everything after it was read as one cell; close the quote (or write it twice, \"\", inside a cell) and import again"),
        format!("{t}/title-row.csv:1:1: kept as a note: \"Engineering ladder (spring edition)\" → framework.md:27"),
        format!("{t}/title-row.csv:3:1: problem: the header row: it is taken to be line 3, the first row that names two columns or more; the rows above it (a title?) are kept as notes of the framework"),
        format!("{t}/title-row.csv:5:1: problem: the competency cell: blank: read as the competency above, \"Craft\""),
        format!("{t}/title-row.csv:5:2: mapped: expectation \"Fixes the bugs it finds\" → tracks/title-row/junior.md:13 as title-row/junior/fixes-the-bugs-it-finds"),
        "imported 11 expectations into".to_owned(),
        "(12 files): 1 kept as a note, 0 not mapped, 4 problems in the source".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
}

#[test]
fn tables_with_one_name_in_two_folders_are_two_tracks() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/same-stem", &out, &[]);
    let s = "tests/import-sources/same-stem";
    for line in [
        format!("{s}/design/framework.csv:1:1: problem: the file's track: another table is also named framework, so this one's track is named after its folder, \"design\", not merged with it"),
        format!("{s}/eng/framework.csv:1:1: problem: the file's track: another table is also named framework, so this one's track is named after its folder, \"eng\", not merged with it"),
        format!("{s}/eng/framework.csv:2:7: mapped: expectation \"Writes tests.\" → tracks/eng/junior.md:12 as eng/junior/writes-tests"),
        format!("{s}/design/framework.csv:2:7: mapped: expectation \"Draws wireframes.\" → tracks/design/junior.md:12 as design/junior/draws-wireframes"),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
}

#[test]
fn levels_are_put_in_order_by_their_numbers_when_the_source_gives_none() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/level-order", &out, &[]);
    let line = "tests/import-sources/level-order/long/ladder-by-competency.csv:2:1: problem: the order of the levels of track \"ladder-by-competency\": the source gives no order: ordered by the numbers in their titles, lowest first: \"L1\", \"L2\", \"L3\", \"L10\"; check it";
    assert!(report.contains(line), "{line}\nnot in\n{report}");
    assert!(
        report.contains("(14 files): 0 kept as notes, 0 not mapped, 1 problem in the source"),
        "{report}"
    );
    let band = |file: &str| {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("band: "))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let bands: Vec<String> = [
        "tracks/ladder-by-competency/l1.md",
        "tracks/ladder-by-competency/l2.md",
        "tracks/ladder-by-competency/l3.md",
        "tracks/ladder-by-competency/l10.md",
        // A file per level: level-2.md before level-10.md.
        "tracks/eng/level-1.md",
        "tracks/eng/level-2.md",
        "tracks/eng/level-10.md",
    ]
    .iter()
    .map(|f| band(f))
    .collect();
    assert_eq!(bands, ["1", "2", "3", "4", "1", "2", "3"]);
    check_has_no_errors(&out);
}

#[test]
fn an_import_with_no_expectations_fails_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let o = rung(&[
        "import",
        "tests/import-sources/no-expectations",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: nothing in tests/import-sources/no-expectations could be imported as expectations, so nothing was written\n"
    );
    assert!(stdout(&o).contains(
        "tests/import-sources/no-expectations/header-only.csv:1:12: mapped: level \"Junior\""
    ));
    assert!(!out.exists());
}

#[test]
fn import_refuses_a_rung_framework_a_missing_source_and_an_output_inside_the_source() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let out = out.to_string_lossy();
    let refused = |source: &str, out: &str, message: &str| {
        let o = rung(&["import", source, "--out", out]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(stderr(&o), format!("error: {message}\n"));
    };
    refused(
        "ladders",
        &out,
        "ladders is already a Rung framework: open it in Rung, or copy it",
    );
    refused(
        "tests/import-sources/gone.csv",
        &out,
        "tests/import-sources/gone.csv does not exist",
    );
    refused(
        "tests/import-sources/same-stem",
        "tests/import-sources/same-stem/eng/out",
        "tests/import-sources/same-stem/eng/out is inside the source folder tests/import-sources/same-stem: name an output folder outside it, so that the next import of the folder does not read the framework written as a source",
    );
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import-sources/same-stem/eng/out")
        .exists());
    assert!(!tmp.path().join("framework").exists());
}

#[test]
fn a_folder_named_as_dot_is_named_after_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let o = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["import", ".", "--out", &out.to_string_lossy()])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import-sources/same-stem"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let framework = std::fs::read_to_string(out.join("framework.md")).unwrap();
    assert!(framework.contains("\nname: \"same-stem\"\n"), "{framework}");
}

#[test]
fn import_help_names_every_family_it_reads() {
    let o = rung(&["import", "--help"]);
    let help = stdout(&o);
    for word in [
        "markdown",
        "progression",
        "`yaml` or `json`",
        "rung-html",
        "--column level=Grade",
    ] {
        assert!(help.contains(word), "{word}\nnot in\n{help}");
    }
}

#[test]
fn markdown_written_loosely_keeps_comments_out_and_reads_bold_and_underlined_levels() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let s = "tests/import-sources/markdown-written-loosely/ladder.md";
    let report = import("tests/import-sources/markdown-written-loosely", &out, &[]);
    for line in [
        format!("{s}:3:3: mapped: level \"Level 1\" → tracks/support-ladder/level-1.md:3"),
        format!("{s}:5:1: not mapped: an HTML comment: text in a comment is left out on purpose: not imported"),
        format!("{s}:9:5: mapped: competency \"R&D\" → competencies/r-d.md:3"),
        format!("{s}:13:1: mapped: level \"Level 2\" → tracks/support-ladder/level-2.md:3"),
        format!("{s}:16:35: not mapped: an HTML comment: text in a comment is left out on purpose: not imported"),
        format!("{s}:18:4: problem: level heading \"Level 2\": the level already has a heading, at {s}:13:1: what follows is added to that level"),
        "imported 3 expectations into".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    assert!(!report.contains("three rings"), "{report}");
    assert!(!report.contains("for a week"), "{report}");
    check_has_no_errors(&out);
    let level = std::fs::read_to_string(out.join("tracks/support-ladder/level-1.md")).unwrap();
    assert!(level.contains("\n## r-d\n"), "{level}");
}

#[test]
fn markdown_pages_titled_alike_get_a_track_each_and_text_without_headings_is_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let d = "tests/import-sources/markdown-pages-alike";
    let report = import(d, &out, &[]);
    for line in [
        format!("{d}/design.md:1:3: problem: track \"Career Framework\": it names the whole framework: a track per page, this one named after its file, \"design\""),
        format!("{d}/design.md:3:4: mapped: level \"Junior\" → tracks/design/junior.md:3"),
        format!("{d}/engineering.md:1:3: problem: track \"Career Framework\": it names the whole framework: a track per page, this one named after its file, \"engineering\""),
        format!("{d}/engineering.md:3:4: mapped: level \"Junior\" → tracks/engineering/junior.md:3"),
        format!("{d}/notes.md:1:1: problem: the file: it has no heading and no bullets: its text is kept as notes of the framework"),
        format!("{d}/notes.md:1:1: kept as a note: \"These pages were copied from the old wiki.\" → framework.md:25"),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
}

#[test]
fn markdown_level_files_take_their_titles_and_a_readme_is_the_introduction() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let d = "tests/import-sources/markdown-level-titles/support";
    let report = import("tests/import-sources/markdown-level-titles", &out, &[]);
    for line in [
        format!("{d}/01-agent.md:1:1: not mapped: the front matter: pages with a heading per level are read from their headings and bullets; only its `title:` is read, as the page has no heading"),
        format!("{d}/01-agent.md:2:8: mapped: level \"Level 1 (Agent)\" → tracks/support/level-1-agent.md:3"),
        format!("{d}/02-specialist.md:1:3: mapped: level \"Level 2 (Specialist)\" → tracks/support/level-2-specialist.md:3"),
        format!("{d}/README.md:1:1: kept as a note: \"How the support team grows, one file per level.\" → framework.md:27"),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    assert!(!report.contains("level \"README\""), "{report}");
    check_has_no_errors(&out);
}
