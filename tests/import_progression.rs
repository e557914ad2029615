//! `rung import` on pages with the whole matrix in their YAML front matter (the
//! progression family), on sources written for the tests: `tests/import-sources/
//! progression/` (two track pages and a prose page) and `…/progression-broken/`. What
//! the report says, line by line; that the folder written has no `rung check` errors;
//! that a second import gives the same files; and that every criterion and example of
//! the source is in the framework written or in the report.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "common/import_cli.rs"]
mod import_cli;

use std::path::Path;

use import_cli::{check_has_no_errors, files, import};

/// The criteria and examples of a source page, as `(line, text)`: every quoted item of
/// a list and every quoted `criteria:` value in its front matter, HTML tags removed.
fn criteria_and_examples(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim_end() == "---" {
            break;
        }
        let t = line.trim();
        let quoted = t
            .strip_prefix("- \"")
            .or_else(|| t.strip_prefix("- criteria: \""))
            .or_else(|| t.strip_prefix("criteria: \""));
        if let Some(q) = quoted {
            let mut plain = String::new();
            let mut in_tag = false;
            for c in q.trim_end_matches('"').chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            out.push((i + 1, plain));
        }
    }
    out
}

/// Checks that every criterion and example of each page of `source` is in the report,
/// and, when mapped, on the line of the output the report names.
fn every_item_is_written_or_reported(source: &str, report: &str, out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for page in walkdir(&root.join(source)) {
        let Ok(text) = std::fs::read_to_string(root.join(&page)) else {
            continue;
        };
        for (line, item) in criteria_and_examples(&text) {
            seen += 1;
            let at = format!("{page}:{line}:");
            let lines: Vec<&str> = report.lines().filter(|l| l.starts_with(&at)).collect();
            assert!(
                !lines.is_empty(),
                "{item:?} at {at} is not in the report\n{report}"
            );
            for l in lines {
                let Some((_, to)) = l.split_once(" → ") else {
                    assert!(
                        l.contains(": not mapped: ") || l.contains(": problem: "),
                        "{l}"
                    );
                    continue;
                };
                let to = to.split(" as ").next().unwrap();
                let (file, n) = to.rsplit_once(':').unwrap();
                let n: usize = n.parse().unwrap();
                let written = std::fs::read_to_string(out.join(file)).unwrap();
                let written = written.lines().nth(n - 1).unwrap();
                assert!(
                    written.contains(&item),
                    "{item:?} is not on {to}: {written:?}"
                );
            }
        }
    }
    assert!(seen > 0, "no criteria found under {source}");
}

/// The files under a folder of the sources, as paths relative to the crate, sorted.
fn walkdir(dir: &Path) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = |p: &Path| {
        p.strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    if dir.is_file() {
        return vec![relative(dir)];
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(relative(&path));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_folder_of_pages_imports_each_as_a_track_with_topics_as_competencies() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/progression", &out, &[]);
    let b = "tests/import-sources/progression/engineering/backend.md";
    let w = "tests/import-sources/progression/engineering/web.md";
    let p = "tests/import-sources/progression/principles.md";
    for line in [
        format!("{b}:2:1: not mapped: key \"path\": the page's address on the site that published it; Rung names its files after their ids"),
        format!("{b}:3:1: not mapped: key \"title\": the page is named after its sidebarTitle, the shorter of its two names"),
        format!("{b}:4:15: mapped: track \"Backend\" → tracks/backend/track.md:3"),
        format!("{b}:5:1: not mapped: key \"sidebarGroup\": the menu group the site showed the page under; Rung lists tracks by career path"),
        format!("{b}:6:1: not mapped: key \"yaml\": it told the site whether the page holds a matrix; the page was read from what it holds"),
        format!("{b}:7:1: not mapped: key \"levels\": the number of levels, which are read from the topics themselves"),
        format!("{b}:8:1: not mapped: key \"homepage\": whether the site listed the page on its home page"),
        format!("{b}:10:11: mapped: competency \"communication\" → competencies/communication.md:3"),
        format!("{b}:13:16: mapped: level \"Level 1\" → tracks/backend/level-1.md:3"),
        format!("{b}:15:13: mapped: expectation \"Tells the team each day what they are working on\" → tracks/backend/level-1.md:12 as backend/level-1/tells-the-team-each-day-what"),
        format!("{b}:19:13: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists"),
        format!("{b}:19:13: kept as a note: \"Everything in the level below, plus:\" → tracks/backend/level-2.md:10"),
        format!("{b}:22:23: mapped: expectation \"Gives kind and specific review comments\" → tracks/backend/level-2.md:15 as backend/level-2/gives-kind-and-specific-review-comments"),
        format!("{b}:24:17: mapped: example \"Suggests a clearer name and says what it would…\" → tracks/backend/level-2.md:16"),
        format!("{b}:28:11: mapped: competency \"🚚 Delivery\" → competencies/delivery.md:3"),
        format!("{b}:37:13: mapped: expectation \"Keeps the ticket up to date\" → tracks/backend/level-2.md:21 as backend/level-2/keeps-the-ticket-up-to-date"),
        format!("{b}:37:24: problem: HTML \"<b>\": markdown pages are read as text: the tag is dropped and the text around it kept"),
        format!("{b}:45:17: mapped: example \"Proposes a smaller first release\" → tracks/backend/level-3.md:19"),
        format!("{b}:59:5: kept as a note: \"Backend: How to read this page\" → framework.md:29"),
        format!("{b}:61:1: kept as a note: \"Backend: Each topic lists what we look for at e…\" → framework.md:31"),
        format!("{w}:12:16: problem: level \"Level 2\": the page's levels start at 2: each level keeps its number as its band, so no level of this track is on a band below it"),
        format!("{w}:12:16: mapped: level \"Level 2\" → tracks/web/level-2.md:3"),
        format!("{w}:25:23: mapped: expectation \"Measures page speed before and after a change\" → tracks/web/level-2.md:17 as web/level-2/measures-page-speed-before-and-after"),
        format!("{p}:3:1: not mapped: key \"title\": the page is named after its sidebarTitle, the shorter of its two names"),
        format!("{p}:9:1: kept as a note: \"Principles: These pages describe how people gro…\" → framework.md:33"),
        format!("{p}:11:4: kept as a note: \"Principles: Fairness\" → framework.md:35"),
        format!("{p}:13:51: problem: HTML \"<em>\": markdown pages are read as text: the tag is dropped and the text around it kept"),
        "imported 18 expectations into".to_owned(),
        "6 kept as notes, 16 not mapped, 6 problems in the source".to_owned(),
    ] {
        assert!(report.contains(&line), "{line}\nnot in\n{report}");
    }
    check_has_no_errors(&out);
    every_item_is_written_or_reported("tests/import-sources/progression", &report, &out);

    let level = std::fs::read_to_string(out.join("tracks/backend/level-2.md")).unwrap();
    assert!(level.contains("band: 2\n"), "{level}");
    assert!(
        level.contains("---\n\nEverything in the level below, plus:\n\n## communication\n\n- Writes change descriptions that say why, not only what\n- Gives kind and specific review comments\n  - Suggests a clearer name and says what it would make easier\n\n## 🚚 Delivery\n"),
        "{level}"
    );
    // Levels numbered from 2 keep their numbers as bands.
    let web = std::fs::read_to_string(out.join("tracks/web/level-2.md")).unwrap();
    assert!(web.contains("band: 2\n"), "{web}");
    let craft = std::fs::read_to_string(out.join("competencies/craft.md")).unwrap();
    assert!(craft.contains("\nname: \"🛠️ Craft\"\n"), "{craft}");
    let framework = std::fs::read_to_string(out.join("framework.md")).unwrap();
    assert!(
        framework.ends_with(
            "Principles: Two people at the same level are held to the same expectations.\n"
        ),
        "{framework}"
    );
}

#[test]
fn a_second_import_gives_the_same_files_and_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let source = "tests/import-sources/progression";
    let first = import(source, &tmp.path().join("a"), &[]);
    let second = import(&format!("./{source}"), &tmp.path().join("b"), &[]);
    let ids = |report: &str| -> Vec<String> {
        report
            .lines()
            .filter(|l| l.contains(": mapped: expectation "))
            .filter_map(|l| l.rsplit_once(" as ").map(|(_, id)| id.to_owned()))
            .collect()
    };
    assert_eq!(ids(&first).len(), 18);
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(files(&tmp.path().join("a")), files(&tmp.path().join("b")));

    // One page on its own is found by its front matter too.
    let one = import(
        "tests/import-sources/progression/engineering/web.md",
        &tmp.path().join("c"),
        &[],
    );
    assert!(
        one.contains("web.md:4:15: mapped: track \"Web\" → tracks/web/track.md:3"),
        "{one}"
    );
    check_has_no_errors(&tmp.path().join("c"));
}

#[test]
fn broken_pages_give_report_lines_and_the_rest_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("framework");
    let report = import("tests/import-sources/progression-broken", &out, &[]);
    let d = "tests/import-sources/progression-broken";
    let expected = [
        format!("{d}/empty.md:1:1: not mapped: the file: it is empty"),
        format!("{d}/latin1.md:4:15: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again"),
        format!("{d}/messy.md:2:8: mapped: track \"Support\" → tracks/support/track.md:3"),
        format!("{d}/messy.md:4:5: problem: topic 1: it has no name or title, so its criteria go to the competency \"Topic 1\""),
        format!("{d}/messy.md:4:5: mapped: competency \"Topic 1\" → competencies/topic-1.md:3"),
        format!("{d}/messy.md:6:16: mapped: level \"Level 1\" → tracks/support/level-1.md:3"),
        format!("{d}/messy.md:8:13: mapped: expectation \"Answers a customer within a day\" → tracks/support/level-1.md:12 as support/level-1/answers-a-customer-within-a-day"),
        format!("{d}/messy.md:9:16: not mapped: level \"one\" of topic \"Topic 1\": not a level number (a whole number from 1), so its criteria are not read"),
        format!("{d}/messy.md:11:13: not mapped: criterion \"Closes a ticket alone\": its level has no number"),
        format!("{d}/messy.md:12:16: problem: level 1 of topic \"Topic 1\": it appears twice in the topic; the criteria of both are read into \"Level 1\""),
        format!("{d}/messy.md:14:13: mapped: expectation \"Writes a help article\" → tracks/support/level-1.md:13 as support/level-1/writes-a-help-article"),
        format!("{d}/messy.md:15:16: problem: level 3 of topic \"Topic 1\": it has no criteria"),
        format!("{d}/messy.md:16:11: mapped: competency \"tooling\" → competencies/tooling.md:3"),
        format!("{d}/messy.md:18:16: mapped: level \"Level 2\" → tracks/support/level-2.md:3"),
        format!("{d}/messy.md:20:13: mapped: expectation \"Improves a support macro\" → tracks/support/level-2.md:12 as support/level-2/improves-a-support-macro"),
        format!("{d}/tabs.md:4:2: not mapped: the front matter: invalid YAML (a tab indents this line; YAML indents with spaces), so nothing in it is read"),
    ];
    let got: Vec<&str> = report.lines().take(expected.len()).collect();
    assert_eq!(got, expected, "{report}");
    assert_eq!(
        report.lines().nth(expected.len()),
        Some(
            format!(
                "imported 3 expectations into {} (6 files): 0 kept as notes, 5 not mapped, 3 problems in the source; `rung check {}` lists the placeholders to fill in",
                out.display(),
                out.display()
            )
            .as_str()
        ),
        "{report}"
    );
    check_has_no_errors(&out);
    every_item_is_written_or_reported(&format!("{d}/messy.md"), &report, &out);
}
