//! Every input a fuzz target ever crashed on, kept under `fuzz/regressions/<target>/`,
//! replayed through the same checks the target runs (`rung::fuzzing`), so that a crash
//! once fixed stays fixed under a plain `cargo test`. See `docs/fuzzing.md`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Every file of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read a folder of regressions")
        .map(|e| e.expect("read an entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_crash_passes_its_targets_checks() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for folder in files(&regressions()) {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let Some(check) = rung::fuzzing::check(&name) else {
            failures.push(format!("{}: names no fuzz target", folder.display()));
            continue;
        };
        for input in files(&folder) {
            let data = std::fs::read(&input).expect("read a regression input");
            match catch_unwind(AssertUnwindSafe(|| check(&data))) {
                Ok(Ok(())) => {}
                Ok(Err(broken)) => failures.push(format!("{}: {broken}", input.display())),
                Err(_) => failures.push(format!("{}: panicked", input.display())),
            }
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        replayed > 0,
        "no regression input under {}",
        regressions().display()
    );
}

#[test]
fn every_target_of_the_fuzz_project_has_its_checks() {
    let manifest = std::fs::read_to_string(regressions().with_file_name("Cargo.toml")).unwrap();
    let targets: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|n| *n != "rung-fuzz")
        .collect();
    let known: Vec<&str> = rung::fuzzing::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(targets, known);
}

/// The first crash of `case_file`: an empty file was refused at column 0.
#[test]
fn an_empty_case_file_is_refused_at_line_1_column_1() {
    let error = rung::cases::exchange::from_json("").unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 1, column 1: EOF while parsing a value"
    );
}

/// The first crash of `search_query`: a phrase in quotes with no word in it (only
/// punctuation, or bytes that are not text) made an empty phrase query, which panicked.
#[test]
fn a_phrase_of_no_word_finds_nothing_and_does_not_panic() {
    let (sources, diagnostics) = rung::files::bundled::sources();
    let index = rung::search::SearchIndex::build(&rung::load(sources, diagnostics).framework)
        .expect("the bundled framework indexes");
    let results = index.search("\"!\"", &rung::search::Filters::default(), 10);
    assert_eq!((results.hits.len(), results.total), (0, 0));
    let results = index.search("\"!\" review", &rung::search::Filters::default(), 10);
    assert!(results.total > 0);
}
