//! Running the built `rung` from the crate's folder on the import sources written for
//! the tests (`tests/import-sources/`), for the tests of `rung import` (only tests of
//! the `rung` package have its binary, so this is not in `mod.rs`, which the desktop
//! shell's tests share).

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `rung ARGS` in the crate's folder, without colour.
pub(crate) fn rung(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

/// What it printed.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed as errors.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Imports `source` into `out`, with `extra` arguments, and returns the report; fails
/// unless it succeeded.
pub(crate) fn import(source: &str, out: &Path, extra: &[&str]) -> String {
    let out = out.to_string_lossy();
    let mut args = vec!["import", source, "--out", &out];
    args.extend_from_slice(extra);
    let o = rung(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    stdout(&o)
}

/// The `rung check --format json` report of a written folder; fails when it has an
/// error or `rung check` fails.
pub(crate) fn check_has_no_errors(dir: &Path) -> serde_json::Value {
    let o = rung(&["check", &dir.to_string_lossy(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(o.status.code(), Some(0));
    report
}

/// Every file under `dir`, by relative path (`/` between folders), with its text, sorted.
pub(crate) fn files(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
