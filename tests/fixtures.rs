//! Each broken fixture produces exactly its expected diagnostics: code, file, line,
//! column and text. The text is part of the interface, so it is asserted whole.
//! `RUNG_BLESS=1 cargo test --test fixtures` rewrites the `expected.txt` files.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::Severity;

/// Fixtures that load without a single diagnostic: each shows that something still
/// reads as it did (an older spelling of a key loads as the key it now is).
const CLEAN: &[&str] = &["older-spellings"];

#[test]
fn every_fixture_produces_its_expected_diagnostics() {
    let mut failures = Vec::new();
    for name in common::fixture_names() {
        let dir = common::fixture(&name);
        let loaded = rung::load_dir(dir.path()).expect("fixture loads");
        let actual: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        let expected_path = common::root()
            .join("tests/fixtures")
            .join(&name)
            .join("expected.txt");
        if std::env::var_os("RUNG_BLESS").is_some() {
            // Review the diff of expected.txt files after blessing: it is the interface.
            std::fs::write(&expected_path, actual.join("\n") + "\n").expect("write expected.txt");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        if actual != expected {
            failures.push(format!(
                "fixture `{name}`:\n  expected:\n    {}\n  actual:\n    {}",
                expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_fixture_reports_at_least_one_problem() {
    for name in common::fixture_names() {
        if CLEAN.contains(&name.as_str()) {
            continue;
        }
        let expected = std::fs::read_to_string(
            common::root()
                .join("tests/fixtures")
                .join(&name)
                .join("expected.txt"),
        )
        .unwrap_or_default();
        assert!(
            !expected.trim().is_empty(),
            "fixture `{name}` expects no diagnostic"
        );
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others_from_loading() {
    let dir = common::fixture("malformed-yaml");
    let loaded = rung::load_dir(dir.path()).expect("fixture loads");
    assert_eq!(loaded.count(Severity::Error), 1);
    let track = loaded
        .framework
        .track("engineering")
        .expect("the track still loads");
    let ids: Vec<&str> = track.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["e1"], "the broken e2 is skipped, e1 is kept");
    assert_eq!(loaded.framework.competencies.len(), 2);
    assert_eq!(loaded.framework.glossary.len(), 1);
}

#[test]
fn a_typo_in_a_key_reports_but_keeps_the_rest_of_the_file() {
    let dir = common::fixture("nested-unknown-key");
    let loaded = rung::load_dir(dir.path()).expect("fixture loads");
    // The framework file cannot be used, so no band checks run: only the one problem.
    assert_eq!(loaded.diagnostics.len(), 1);
}

#[test]
fn older_spellings_of_track_keys_load_the_same_framework() {
    let example = tempfile::tempdir().expect("temporary folder");
    common::write_files(example.path(), &common::worked_example());
    let example = rung::load_dir(example.path()).expect("the example loads");
    let dir = common::fixture("older-spellings");
    let older = rung::load_dir(dir.path()).expect("fixture loads");
    assert!(older.diagnostics.is_empty(), "{:?}", older.diagnostics);
    assert_eq!(older.framework, example.framework);
}
