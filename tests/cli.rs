//! The `rung` tool as a maintainer's CI and a reader's terminal use it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::process::{Command, Output};

fn rung(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let o = rung(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let prefix = format!("rung {} (", env!("CARGO_PKG_VERSION"));
    let commit = out
        .trim_end()
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("`rung --version` printed {out:?}"));
    let hash = commit.strip_suffix("-dirty").unwrap_or(commit);
    assert!(
        hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{out:?}"
    );
    // A commit of this repository (another may have been made since the build).
    let known = Command::new("git")
        .args(["cat-file", "-e", &format!("{hash}^{{commit}}")])
        .status()
        .expect("git runs");
    assert!(known.success(), "{hash} is a commit here");
}

#[test]
fn check_on_the_bundled_framework_is_clean() {
    let o = rung(&["check", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with("the bundled framework: no problems found (5 tracks, 23 levels"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_on_a_folder_with_errors_exits_1_and_quotes_the_line() {
    let dir = common::fixture("unknown-competency");
    let o = rung(&["check", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "error[unknown-competency]: unknown competency `Delivry` (did you mean `Delivery`?)"
        ),
        "{out}"
    );
    assert!(out.contains("┌─ tracks/engineering/e2.md:11:1"), "{out}");
    assert!(out.contains("11 │ ## Delivry"), "{out}");
    assert!(
        out.contains("= help: the competencies of track `engineering` are"),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with(": 1 error and 0 warnings"),
        "{out}"
    );
}

#[test]
fn a_file_without_text_still_gets_its_position() {
    let dir = common::fixture("not-utf8");
    let o = rung(&["check", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("--> tracks/engineering/e2.md:3:11"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = common::fixture("stray-file");
    let path = dir.path().to_string_lossy().into_owned();
    assert_eq!(rung(&["check", &path]).status.code(), Some(0));
    assert_eq!(
        rung(&["check", "--deny-warnings", &path]).status.code(),
        Some(1)
    );
}

#[test]
fn json_output_lists_every_diagnostic_with_its_position() {
    let dir = common::fixture("unknown-key");
    let o = rung(&["check", "--format", "json", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(report["errors"], 2);
    assert_eq!(report["warnings"], 0);
    let d = &report["diagnostics"][1];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-key");
    assert_eq!(d["path"], "tracks/engineering/e2.md");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 1);
    assert_eq!(d["message"], "unknown key `titel` (did you mean `title`?)");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(rung(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(rung(&["frobnicate"]).status.code(), Some(2));
    let o = rung(&["check", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("cannot read the framework folder `/no/such/folder`"));
    let o = rung(&["show", "enginering", "e1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("no track `enginering` (did you mean `engineering`?)"));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["list", "--help"],
        &["show", "--help"],
    ] {
        let o = rung(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Usage: rung"), "{args:?}");
    }
}

#[test]
fn list_shows_tracks_and_levels_and_lines_bands_up() {
    let out = stdout(&rung(&["list"]));
    assert!(
        out.contains("sto  Single Threaded Owner (leadership, manager)"),
        "{out}"
    );
    assert!(out.contains("  e6     band 6"), "{out}");
    let by_band = stdout(&rung(&["list", "--by-band"]));
    let band4 = by_band
        .split("Band 4")
        .nth(1)
        .and_then(|s| s.split("Band 5").next())
        .unwrap_or("");
    for level in [
        "engineering/e4",
        "product-designer/d3",
        "product-manager/p3",
        "engineering-manager/m1",
    ] {
        assert!(band4.contains(level), "band 4 lacks {level}: {by_band}");
    }
}

#[test]
fn list_json_is_the_whole_framework() {
    let o = rung(&["list", "--format", "json"]);
    let f: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(f["tracks"].as_array().map(Vec::len), Some(5));
}

#[test]
fn show_groups_expectations_by_competency_and_marks_inherited_ones() {
    let dir = common::fixture("stray-file");
    let o = rung(&[
        "show",
        "engineering",
        "e2",
        "--ladders",
        &dir.path().to_string_lossy(),
        "--ids",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn show_only_new_hides_inherited_expectations() {
    let out = stdout(&rung(&["show", "sto", "s2", "--only-new"]));
    assert!(
        out.starts_with("Senior Single Threaded Owner (sto/s2) · band 6 · Principal"),
        "{out}"
    );
    assert!(!out.contains("[s1]"), "{out}");
    let all = stdout(&rung(&["show", "sto", "s2"]));
    assert!(all.contains("[s1]"), "{all}");
}

#[test]
fn the_run_command_of_the_readme_works_without_files_beside_the_binary() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let o = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["show", "product-designer", "d1"])
        .current_dir(tmp.path())
        .output()
        .expect("rung runs");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Associate Product Designer"));
}

#[test]
fn search_finds_ranked_results_with_marked_matches() {
    let out = stdout(&rung(&["search", "technical debt", "--limit", "3"]));
    assert!(out.contains("Technical debt"), "{out}");
    assert!(
        out.contains("[technical] [debt]") || out.contains("[debt]"),
        "{out}"
    );
    let json = rung(&["search", "mentoring", "--track", "sto", "--format", "json"]);
    let results: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    let hits = results["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["track"] == "sto"), "{results}");
    assert!(results["total_unfiltered"].as_u64() > results["total"].as_u64());
}

#[test]
fn search_without_hits_says_so_and_never_fails() {
    for query in ["xyzzy", "\"", "((", "AND"] {
        let o = rung(&["search", query]);
        assert_eq!(o.status.code(), Some(0), "{query}");
    }
    assert!(stdout(&rung(&["search", "xyzzy"])).starts_with("no results for \"xyzzy\""));
}

#[test]
fn show_says_how_a_promotion_to_the_level_is_judged() {
    let out = stdout(&rung(&["show", "product-designer", "d3"]));
    assert!(
        out.ends_with("\nHow a promotion to this level is judged: Every expectation new at this level is rated Meets or above. Every expectation carried over from earlier levels is rated Meets or above, save at most 2 that may be below Meets. Every rating needs evidence from someone other than the candidate.\n"),
        "{out}"
    );
    // The worked example states no rule, and says nothing of one.
    let dir = common::fixture("stray-file");
    let example = stdout(&rung(&[
        "show",
        "engineering",
        "e2",
        "--ladders",
        &dir.path().to_string_lossy(),
    ]));
    assert!(!example.contains("How a promotion"), "{example}");
}
