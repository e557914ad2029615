//! The invariants the fuzz targets in `fuzz/` check, in one place: each target calls its
//! function here on every input, and `tests/fuzz_regressions.rs` replays every input kept
//! under `fuzz/regressions/<target>/` through the same function under `cargo test`.
//!
//! A check returns `Err` with what broke when an invariant fails; a panic in the code
//! under test is a failure too. These are not part of Rung's interface (see
//! `docs/fuzzing.md`).

mod case_file;
mod front_matter;
pub mod generate;
mod import;
mod load;
mod markdown;
mod search_query;

use crate::framework::source::SourceFile;
use crate::Diagnostic;

/// What a check answers: `Err` says which invariant failed and how.
pub type Checked = Result<(), String>;

/// A target's check: one input in, what broke out.
pub type Check = fn(&[u8]) -> Checked;

/// Every target by its name in `fuzz/Cargo.toml`, with its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("load", load::check),
    ("case_file", case_file::check),
    ("markdown", markdown::check),
    ("front_matter", front_matter::check),
    ("search_query", search_query::check),
    ("import_csv", import::csv),
    ("import_markdown", import::markdown),
    ("import_progression", import::progression),
    ("import_structured", import::structured),
    ("import_rung_html", import::rung_html),
];

/// The check of the target called `name`.
pub fn check(name: &str) -> Option<Check> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Fails with `message` unless `holds`.
fn ensure(holds: bool, message: impl FnOnce() -> String) -> Checked {
    if holds {
        Ok(())
    } else {
        Err(message())
    }
}

/// Starts a file when it begins a line; the rest of the line is the path.
const HEADER: &[u8] = b"@@@ ";

/// At most this many files are built from one input.
const MAX_FILES: usize = 64;

/// Splits an input into files: a line `@@@ PATH` starts a file named PATH. Text before the
/// first such line, and a file whose path is empty or not UTF-8, takes the next of
/// `paths`, cycled. A repeated path is dropped (a folder cannot hold two files of one
/// name), and at most [`MAX_FILES`] are kept.
fn split<'a>(data: &'a [u8], paths: &[&str]) -> Vec<(String, &'a [u8])> {
    let mut starts = Vec::new();
    if data.starts_with(HEADER) {
        starts.push(0);
    }
    for (i, _) in data.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        if data[i + 1..].starts_with(HEADER) {
            starts.push(i + 1);
        }
    }
    let mut files = Vec::new();
    let mut fallback = 0;
    let mut next_path = |given: Option<&[u8]>| -> String {
        match given.and_then(|p| std::str::from_utf8(p).ok()) {
            Some(p) if !p.is_empty() => p.to_owned(),
            _ => {
                let p = paths.get(fallback % paths.len().max(1)).copied();
                fallback += 1;
                p.unwrap_or("file").to_owned()
            }
        }
    };
    let first = starts.first().copied().unwrap_or(data.len());
    if first > 0 || starts.is_empty() {
        files.push((next_path(None), &data[..first]));
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let chunk = &data[start + HEADER.len()..end];
        let (path, body) = match chunk.iter().position(|b| *b == b'\n') {
            Some(nl) => (&chunk[..nl], &chunk[nl + 1..]),
            None => (chunk, &chunk[chunk.len()..]),
        };
        files.push((next_path(Some(path)), body));
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|(path, _)| seen.insert(path.clone()));
    files.truncate(MAX_FILES);
    files
}

/// Every diagnostic has a line and a column of at least 1, and when it names one of
/// `sources`, its range `offset..offset + len` lies inside the text on character
/// boundaries: the command-line tool cuts the text there to underline the problem.
fn diagnostics_fit(diagnostics: &[Diagnostic], sources: &[SourceFile]) -> Checked {
    for d in diagnostics {
        ensure(d.line >= 1 && d.column >= 1, || {
            format!("line or column 0 in {d:?}")
        })?;
        if let Some(source) = sources.iter().find(|s| s.path == d.path) {
            let end = d.offset.checked_add(d.len);
            ensure(end.is_some_and(|end| end <= source.text.len()), || {
                format!("range past the end in {d:?}")
            })?;
            let end = d.offset + d.len;
            ensure(
                source.text.is_char_boundary(d.offset) && source.text.is_char_boundary(end),
                || format!("range not on char boundaries in {d:?}"),
            )?;
            let (line, column) = source.line_column(d.offset);
            ensure(d.line == line && d.column == column, || {
                format!("line and column are not those of the offset ({line}:{column}) in {d:?}")
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_names_files_by_their_header_and_drops_repeats() {
        let files = split(
            b"before\n@@@ a.md\nA\n@@@ a.md\nB\n@@@ \nC",
            &["x.md", "y.md"],
        );
        let names: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
        assert_eq!(
            names,
            [("x.md", &b"before\n"[..]), ("a.md", b"A\n"), ("y.md", b"C")]
        );
    }

    #[test]
    fn a_diagnostic_off_the_text_fails_the_check() {
        let source = SourceFile::new("a.md", "é");
        let mut d = Diagnostic::at(crate::Code::YamlSyntax, &source, 0, 2, "x");
        assert_eq!(
            diagnostics_fit(&[d.clone()], std::slice::from_ref(&source)),
            Ok(())
        );
        d.len = 1;
        assert!(diagnostics_fit(&[d.clone()], std::slice::from_ref(&source))
            .is_err_and(|e| e.starts_with("range not on char boundaries")));
        d.len = 3;
        assert!(diagnostics_fit(&[d.clone()], std::slice::from_ref(&source))
            .is_err_and(|e| e.starts_with("range past the end")));
        d.len = 2;
        d.column = 0;
        assert!(diagnostics_fit(&[d], &[source]).is_err_and(|e| e.starts_with("line or column 0")));
    }

    #[test]
    fn every_target_has_a_check() {
        assert!(check("markdown").is_some());
        assert!(check("nothing").is_none());
        assert_eq!(TARGETS.len(), 10);
    }
}
