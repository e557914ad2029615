//! Import a framework written elsewhere into a new Rung framework folder: the one code
//! path behind `rung import` and the app's "Import a framework…". It sits in the app
//! layer because a page written by `rung export-html` is read by the share layer, which
//! the import layer sits below (`tests/architecture.rs`).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::import::{self, Format, ImportError, Options, Outcome, Report};
use crate::share::SourceError;

/// What stops an import as a whole; problems of the content are lines of the report.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// Reading the source or writing the folder failed, or the options are wrong.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Nothing in the source could be read as a framework; nothing was written.
    #[error("nothing in {path} could be imported, so nothing was written")]
    Nothing {
        /// The source, as named.
        path: String,
        /// Why each part of it was not imported.
        report: Report,
    },
    /// A page that does not hold a framework written by `rung export-html`.
    #[error("cannot import {path}: {error}")]
    Page {
        /// The page.
        path: String,
        /// What is wrong with it.
        error: SourceError,
    },
    /// A page whose block of framework files is empty.
    #[error("cannot import {0}: the page holds no framework files")]
    EmptyPage(String),
    /// The folder just written could not be read back.
    #[error("cannot read {path}: {error}")]
    Reread {
        /// The folder.
        path: String,
        /// Why.
        error: std::io::Error,
    },
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDone {
    /// Where every item of the source went (empty for a page read back exactly).
    pub report: Report,
    /// How many files were written.
    pub files: usize,
    /// How many expectations were mapped.
    pub expectations: usize,
    /// For a page written by `rung export-html`: the content hash of the framework read
    /// back, the same as the exported one.
    pub page_hash: Option<String>,
}

/// Imports `source` (a file or a folder) into `out`, which must be new or empty.
pub fn import_framework(
    source: &Path,
    out: &Path,
    options: &Options,
) -> Result<ImportDone, ImportFailure> {
    if out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(ImportError::NotEmpty(out.display().to_string()).into());
    }
    let page = options
        .from
        .or_else(|| import::detect(&source.to_string_lossy()))
        == Some(Format::RungHtml);
    if page && !source.is_dir() {
        return from_page(source, out);
    }
    let (sources, name) = import::read_source(source)?;
    let imported = import::read(&sources, &name, options);
    let written = import::write(&imported);
    if imported.tracks.is_empty() {
        return Err(ImportFailure::Nothing {
            path: source.display().to_string(),
            report: written.report,
        });
    }
    import::write_folder(out, &written.files)?;
    let expectations = written
        .report
        .lines
        .iter()
        .filter(|l| {
            l.what.starts_with("expectation ") && matches!(l.outcome, Outcome::Mapped { .. })
        })
        .count();
    Ok(ImportDone {
        report: written.report,
        files: written.files.len(),
        expectations,
        page_hash: None,
    })
}

/// The framework's own files, embedded in a page written by `rung export-html`, written
/// back exactly, so the content hash is the original's.
fn from_page(source: &Path, out: &Path) -> Result<ImportDone, ImportFailure> {
    let path = source.display().to_string();
    let html = std::fs::read_to_string(source).map_err(|e| ImportError::Io {
        action: "read",
        path: path.clone(),
        source: e,
    })?;
    let files = crate::share::source_from_html(&html).map_err(|error| ImportFailure::Page {
        path: path.clone(),
        error,
    })?;
    if files.is_empty() {
        return Err(ImportFailure::EmptyPage(path));
    }
    import::write_folder(out, &files)?;
    let loaded = crate::load_dir(out).map_err(|error| ImportFailure::Reread {
        path: out.display().to_string(),
        error,
    })?;
    Ok(ImportDone {
        report: Report::default(),
        files: files.len(),
        expectations: 0,
        page_hash: Some(crate::framework::hash::content_hash(&loaded)),
    })
}

/// What became of one item of the source, as the app shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ImportLineKind {
    /// Something wrong with the source that did not lose anything.
    Problem,
    /// Not written anywhere.
    NotMapped,
    /// Kept as text of the framework, not as an expectation.
    Note,
    /// Written into the framework.
    Mapped,
}

/// One line of the import report, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportLineView {
    /// What became of the item.
    pub kind: ImportLineKind,
    /// Where in the source: `file:line:col`.
    pub at: String,
    /// The item and where it went, or why not.
    pub message: String,
}

/// The report of an import, as the app shows it: counts, then the lines, problems first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReportView {
    /// The folder written, which the app opens.
    pub folder: String,
    /// How many files were written.
    pub files: usize,
    /// Expectations mapped.
    pub expectations: usize,
    /// Items kept as notes.
    pub notes: usize,
    /// Items not mapped.
    pub not_mapped: usize,
    /// Problems in the source.
    pub problems: usize,
    /// For an exported page read back exactly: its content hash.
    pub page_hash: Option<String>,
    /// Every line: problems, then what was not mapped, then notes, then what was mapped,
    /// each in source order.
    pub lines: Vec<ImportLineView>,
}

impl ImportReportView {
    /// The report of `done`, written into `folder`.
    pub fn new(done: &ImportDone, folder: &Path) -> Self {
        let mut lines: Vec<ImportLineView> = done
            .report
            .lines
            .iter()
            .map(|l| {
                let (kind, message) = match &l.outcome {
                    Outcome::Problem { why } => {
                        (ImportLineKind::Problem, format!("{}: {why}", l.what))
                    }
                    Outcome::NotMapped { why } => {
                        (ImportLineKind::NotMapped, format!("{}: {why}", l.what))
                    }
                    Outcome::Note { to } => (ImportLineKind::Note, format!("{} → {to}", l.what)),
                    Outcome::Mapped { to } => {
                        (ImportLineKind::Mapped, format!("{} → {to}", l.what))
                    }
                };
                let at = format!("{}:{}:{}", l.at.path, l.at.line, l.at.column);
                ImportLineView { kind, at, message }
            })
            .collect();
        // Stable: each kind keeps source order.
        lines.sort_by_key(|l| l.kind as u8);
        let count = |k: ImportLineKind| lines.iter().filter(|l| l.kind == k).count();
        ImportReportView {
            folder: folder.display().to_string(),
            files: done.files,
            expectations: done.expectations,
            notes: count(ImportLineKind::Note),
            not_mapped: count(ImportLineKind::NotMapped),
            problems: count(ImportLineKind::Problem),
            page_hash: done.page_hash.clone(),
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_matrix_is_imported_and_reported_problems_first() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = tmp.path().join("ladder.csv");
        let csv = "Competency,Junior,Senior\nCode,Writes tests,Designs systems\n,,\n";
        std::fs::write(&source, csv).unwrap_or_else(|e| panic!("{e}"));
        let out = tmp.path().join("out");
        let done =
            import_framework(&source, &out, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(done.expectations, 2);
        assert!(out.join("framework.md").is_file());
        let view = ImportReportView::new(&done, &out);
        assert_eq!(view.expectations, 2);
        assert_eq!(view.files, done.files);
        let kinds: Vec<_> = view.lines.iter().map(|l| l.kind as u8).collect();
        let mut sorted = kinds.clone();
        sorted.sort_unstable();
        assert_eq!(kinds, sorted, "problems first");
        let tests = view
            .lines
            .iter()
            .find(|l| l.message.starts_with("expectation \"Writes tests\""))
            .unwrap_or_else(|| panic!("{:#?}", view.lines));
        assert_eq!(tests.kind, ImportLineKind::Mapped);
        assert!(tests.at.ends_with("ladder.csv:2:6"), "{}", tests.at);
    }

    #[test]
    fn a_folder_that_is_not_empty_is_refused() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(tmp.path().join("x"), "x").unwrap_or_else(|e| panic!("{e}"));
        let err = import_framework(tmp.path(), tmp.path(), &Options::default())
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err,
            Some(format!(
                "{} is not empty: name a new or empty folder for the imported framework",
                tmp.path().display()
            ))
        );
    }
}
