//! Running the built `rung` for a person whose data folder is the test's own
//! (`RUNG_DATA_DIR`), for the tests of keys and sealed case files (only tests of the
//! `rung` package have its binary, so this is not in `mod.rs`, which the desktop shell's
//! tests share).

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `rung ARGS` for the person whose data folder is `data`, on the database in it.
pub(crate) fn rung(data: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rung"));
    command.args(args);
    if args.first() == Some(&"case") {
        command.arg("--db").arg(data.join("cases.db"));
    }
    command
        .env("RUNG_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

/// Runs `rung`, asserts it succeeded, and answers what it printed and warned.
pub(crate) fn ok_warned(data: &Path, args: &[&str]) -> (String, String) {
    let o = rung(data, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// Runs `rung`, asserts it succeeded, and answers what it printed.
pub(crate) fn ok(data: &Path, args: &[&str]) -> String {
    ok_warned(data, args).0
}

/// Runs `rung`, asserts it refused (exit code 2, as for every error), and answers what
/// it said.
pub(crate) fn refused(data: &Path, args: &[&str]) -> String {
    let o = rung(data, args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    String::from_utf8(o.stderr).unwrap()
}

/// A person with a data folder of their own (`name` under `root`) and their public key.
pub(crate) fn person(root: &Path, name: &str) -> (PathBuf, String) {
    let data = root.join(name);
    let key = ok(&data, &["key"]).trim().to_owned();
    (data, key)
}
