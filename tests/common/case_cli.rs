//! Running the built `rung` on a case database of the test's own, for the tests of
//! `rung case` and `rung calibrate` (only tests of the `rung` package have its binary).

#![allow(dead_code, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `rung ARGS --db DB`, without colour.
pub(crate) fn rung(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

/// What it printed.
pub(crate) fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed as errors.
pub(crate) fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The arguments of `rung case new` for the usual case: `id`, of `name`, known as
/// `alias`, on the engineering track from e3 to e4.
pub(crate) fn new_case_args<'a>(id: &'a str, name: &'a str, alias: &'a str) -> [&'a str; 14] {
    [
        "case",
        "new",
        "--id",
        id,
        "--name",
        name,
        "--alias",
        alias,
        "--track",
        "engineering",
        "--from",
        "e3",
        "--to",
        "e4",
    ]
}
