//! Import a framework written elsewhere into a new Rung framework folder: the one code
//! path behind `rung import` and the app's "Import a framework…". It sits in the app
//! layer because a page written by `rung export-html` is read by the share layer, which
//! the import layer sits below (`tests/architecture.rs`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::{self, Format, ImportError, Options, Outcome, Reading, Report, Role};
use crate::share::SourceError;

/// What stops an import as a whole; problems of the content are lines of the report.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// Reading the source or writing the folder failed, or the options are wrong.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Nothing in the source could be read as a framework, or no expectation was found;
    /// nothing was written.
    #[error("nothing in {path} could be imported as expectations, so nothing was written")]
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
    /// back, the same as the exported one unless the report says the page was changed.
    pub page_hash: Option<String>,
}

/// How far an import has got, as the app's progress bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum ImportProgress {
    /// Reading the source's files from disk.
    Opening {
        /// The source, as named.
        source: String,
    },
    /// Reading one file of the source.
    File {
        /// Its name, without its folder.
        name: String,
        /// Its place among the files, from 0.
        index: usize,
        /// How many files there are.
        total: usize,
    },
    /// Reading the rows of a table.
    Rows {
        /// The table's name, without its folder.
        name: String,
        /// Rows read so far.
        rows: usize,
        /// How much of the file is read, 0 to 100.
        percent: u8,
    },
    /// Mapping the rows of a table (one row per expectation) to the framework.
    Mapping {
        /// The table's name, without its folder.
        name: String,
        /// Rows mapped so far.
        rows: usize,
        /// The table's rows.
        total: usize,
    },
    /// Making the framework's files and the report, level by level.
    Building {
        /// Levels made so far.
        done: usize,
        /// Levels to make.
        total: usize,
    },
    /// Writing the framework's files.
    Writing {
        /// Files written so far.
        done: usize,
        /// Files to write.
        total: usize,
    },
}

/// How many files are written between two [`ImportProgress::Writing`].
const WRITING_STEP: usize = 25;

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned()
}

impl ImportProgress {
    fn reading(r: Reading<'_>) -> ImportProgress {
        match r {
            Reading::File { path, index, total } => ImportProgress::File {
                name: file_name(path),
                index,
                total,
            },
            Reading::Mapping { path, rows, of } => ImportProgress::Mapping {
                name: file_name(path),
                rows,
                total: of,
            },
            Reading::Rows {
                path,
                rows,
                bytes,
                of,
            } => ImportProgress::Rows {
                name: file_name(path),
                rows,
                percent: u8::try_from(bytes.min(of) * 100 / of.max(1)).unwrap_or(100),
            },
        }
    }
}

/// Imports `source` (a file or a folder) into `out`, which must be new or empty.
pub fn import_framework(
    source: &Path,
    out: &Path,
    options: &Options,
) -> Result<ImportDone, ImportFailure> {
    import_framework_with(source, out, options, &mut |_| {})
}

/// [`import_framework`], telling `progress` how far it has got.
pub fn import_framework_with(
    source: &Path,
    out: &Path,
    options: &Options,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportDone, ImportFailure> {
    if let Err(e) = std::fs::metadata(source) {
        if e.kind() == std::io::ErrorKind::NotFound {
            return Err(ImportError::Missing(source.display().to_string()).into());
        }
    }
    if out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(ImportError::NotEmpty(out.display().to_string()).into());
    }
    if source.is_dir() && inside(out, source) {
        return Err(ImportError::OutInsideSource {
            out: out.display().to_string(),
            source_folder: source.display().to_string(),
        }
        .into());
    }
    progress(ImportProgress::Opening {
        source: source.display().to_string(),
    });
    let page = options
        .from
        .or_else(|| import::detect(&source.to_string_lossy()))
        == Some(Format::RungHtml);
    if page && !source.is_dir() {
        return from_page(source, out, progress);
    }
    let read = import::read_source(source)?;
    let mut imported = import::read_with(&read.sources, &read.name, options, &mut |r| {
        progress(ImportProgress::reading(r));
    });
    imported.problems.extend(read.unreadable);
    let written = import::write_with(&imported, &mut |done, total| {
        progress(ImportProgress::Building { done, total });
    });
    let expectations = written
        .report
        .lines
        .iter()
        .filter(|l| {
            l.what.starts_with("expectation ") && matches!(l.outcome, Outcome::Mapped { .. })
        })
        .count();
    if imported.tracks.is_empty() || expectations == 0 {
        return Err(ImportFailure::Nothing {
            path: source.display().to_string(),
            report: written.report,
        });
    }
    write_folder(out, &written.files, progress)?;
    Ok(ImportDone {
        report: written.report,
        files: written.files.len(),
        expectations,
        page_hash: None,
    })
}

/// Whether `out` is `folder` or inside it, however either is written; `out` need not
/// exist yet (its nearest existing folder is resolved).
fn inside(out: &Path, folder: &Path) -> bool {
    let Ok(folder) = std::fs::canonicalize(folder) else {
        return false;
    };
    let absolute = if out.is_absolute() {
        out.to_owned()
    } else {
        match std::env::current_dir() {
            Ok(dir) => dir.join(out),
            Err(_) => return false,
        }
    };
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            let mut full = real;
            for part in rest.iter().rev() {
                full.push(part);
            }
            return full.starts_with(&folder);
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                at = parent;
            }
            _ => return false,
        }
    }
}

/// Writes the files, telling `progress` every [`WRITING_STEP`] files and at the end.
fn write_folder(
    out: &Path,
    files: &[(String, String)],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<(), ImportError> {
    let total = files.len();
    progress(ImportProgress::Writing { done: 0, total });
    import::write_folder_with(out, files, &mut |done| {
        if done % WRITING_STEP == 0 || done == total {
            progress(ImportProgress::Writing { done, total });
        }
    })
}

/// The framework's own files, embedded in a page written by `rung export-html`, written
/// back exactly, so the content hash is the original's.
fn from_page(
    source: &Path,
    out: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportDone, ImportFailure> {
    let path = source.display().to_string();
    let html = std::fs::read_to_string(source).map_err(|e| ImportError::Io {
        action: "read",
        path: path.clone(),
        error: e,
    })?;
    let files = crate::share::source_from_html(&html).map_err(|error| ImportFailure::Page {
        path: path.clone(),
        error,
    })?;
    if files.is_empty() {
        return Err(ImportFailure::EmptyPage(path));
    }
    write_folder(out, &files, progress)?;
    let loaded = crate::load_dir(out).map_err(|error| ImportFailure::Reread {
        path: out.display().to_string(),
        error,
    })?;
    let hash = crate::framework::hash::content_hash(&loaded);
    // A page edited after export holds a framework other than the one its header names.
    let mut report = Report::default();
    if let Some((stated, line, column)) = crate::share::stated_hash(&html) {
        if stated != hash {
            report.lines.push(import::ReportLine {
                at: import::Origin {
                    path: path.clone(),
                    line,
                    column,
                },
                what: "the content hash".to_owned(),
                outcome: Outcome::Problem {
                    why: format!(
                        "the page says {stated}, what it holds hashes to {hash}: it was changed after export; imported what it holds"
                    ),
                },
            });
        }
    }
    Ok(ImportDone {
        report,
        files: files.len(),
        expectations: 0,
        page_hash: Some(hash),
    })
}

/// The name of a family of sources, as `--from` takes it.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Csv => "csv",
        Format::Markdown => "markdown",
        Format::Progression => "progression",
        Format::Structured => "yaml",
        Format::RungHtml => "rung-html",
    }
}

/// A column of a CSV source and its role (`track`, `level`, `competency`, `text`,
/// `example`, `note`, `description` or `ignore`); no role is a level of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportColumn {
    /// The header's text.
    pub name: String,
    /// The role's name, as `--column ROLE=NAME` takes it.
    pub role: Option<String>,
}

impl ImportColumn {
    /// The columns with a role, as `--column` names them; an unknown role is an error.
    pub fn options(columns: &[ImportColumn]) -> Result<Vec<(Role, String)>, ImportError> {
        columns
            .iter()
            .filter_map(|c| {
                let role = c.role.as_deref()?;
                Some(
                    Role::NAMES
                        .iter()
                        .find(|(n, _)| *n == role)
                        .map(|(_, r)| (*r, c.name.clone()))
                        .ok_or_else(|| ImportError::UnknownRole(role.to_owned())),
                )
            })
            .collect()
    }
}

/// A source picked for an import, as the app shows it before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSourceView {
    /// The file or folder.
    pub path: String,
    /// Whether it is a folder.
    pub folder: bool,
    /// The family detected from a file's name and content (`csv`, `markdown`,
    /// `progression`, `yaml`, `rung-html`); none for a folder, whose files are each
    /// detected, or a file of no known kind.
    pub format: Option<String>,
    /// For a CSV file: its header's columns, each with the role detected.
    pub columns: Vec<ImportColumn>,
}

impl ImportSourceView {
    /// What the app shows of `path` before importing it.
    pub fn new(path: &Path) -> Result<ImportSourceView, ImportError> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Ok(ImportSourceView {
                path: shown,
                folder: true,
                format: None,
                columns: Vec::new(),
            });
        }
        let bytes = std::fs::read(path).map_err(|error| ImportError::Io {
            action: "read",
            path: shown.clone(),
            error,
        })?;
        let format = import::detect_content(&shown, &bytes);
        let columns = match format {
            Some(Format::Csv) => {
                let source = import::Source {
                    path: shown.clone(),
                    bytes,
                };
                import::csv_columns(&source, &[])
                    .into_iter()
                    .map(|(name, role)| ImportColumn {
                        name,
                        role: role.and_then(|r| {
                            Role::NAMES
                                .iter()
                                .find(|(_, n)| *n == r)
                                .map(|(n, _)| (*n).to_owned())
                        }),
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        Ok(ImportSourceView {
            path: shown,
            folder: false,
            format: format.map(|f| format_name(f).to_owned()),
            columns,
        })
    }
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
    fn a_large_csv_tells_each_stage_and_how_many_rows_are_read() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = tmp.path().join("engineering.csv");
        let mut csv = String::from("Level,Competency,Expectation\n");
        for i in 0..2500 {
            csv.push_str(&format!("L{},Code,Expectation {i}.\n", i % 3));
        }
        std::fs::write(&source, csv).unwrap_or_else(|e| panic!("{e}"));
        let out = tmp.path().join("out");
        let mut seen = Vec::new();
        let done = import_framework_with(&source, &out, &Options::default(), &mut |p| {
            seen.push(p);
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(done.expectations, 2500);
        let files = done.files;
        let rows: Vec<_> = seen
            .iter()
            .filter_map(|p| match p {
                ImportProgress::Rows {
                    name,
                    rows,
                    percent,
                } => Some((name.as_str(), *rows, *percent)),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 2, "{seen:#?}");
        assert!(rows.iter().all(|r| r.0 == "engineering.csv"));
        assert_eq!((rows[0].1, rows[1].1), (1000, 2000));
        assert!(
            rows[0].2 > 30 && rows[0].2 < rows[1].2 && rows[1].2 < 100,
            "{rows:?}"
        );
        assert_eq!(
            seen.first(),
            Some(&ImportProgress::Opening {
                source: source.display().to_string()
            })
        );
        assert_eq!(
            seen[1],
            ImportProgress::File {
                name: "engineering.csv".to_owned(),
                index: 0,
                total: 1
            }
        );
        let building: Vec<_> = seen
            .iter()
            .filter_map(|p| match p {
                ImportProgress::Building { done, total } => Some((*done, *total)),
                _ => None,
            })
            .collect();
        assert_eq!(building, [(0, 3), (1, 3), (2, 3)]);
        let mapping = ImportProgress::Mapping {
            name: "engineering.csv".to_owned(),
            rows: 2000,
            total: 2500,
        };
        assert!(seen.contains(&mapping), "{seen:#?}");
        assert_eq!(
            seen.last(),
            Some(&ImportProgress::Writing {
                done: files,
                total: files
            })
        );
    }

    #[test]
    fn a_csv_source_shows_its_columns_with_their_roles() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = tmp.path().join("ladder.csv");
        std::fs::write(&source, "Competency,Junior,Owner,Notes\nCode,Tests,Sam,x\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let view = ImportSourceView::new(&source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(view.format.as_deref(), Some("csv"));
        assert!(!view.folder);
        let column = |name: &str, role: Option<&str>| ImportColumn {
            name: name.to_owned(),
            role: role.map(str::to_owned),
        };
        assert_eq!(
            view.columns,
            [
                column("Competency", Some("competency")),
                column("Junior", None),
                column("Owner", None),
                column("Notes", Some("note")),
            ]
        );
        let folder = ImportSourceView::new(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(folder.folder && folder.format.is_none() && folder.columns.is_empty());
        let chosen = [column("Owner", Some("ignore")), column("Junior", None)];
        assert_eq!(
            ImportColumn::options(&chosen).ok(),
            Some(vec![(Role::Ignore, "Owner".to_owned())])
        );
        assert_eq!(
            ImportColumn::options(&[column("Owner", Some("rank"))])
                .map_err(|e| e.to_string())
                .err()
                .as_deref(),
            Some("unknown column role `rank`: use track, level, competency, text, example, note, description or ignore")
        );
        for f in [
            Format::Csv,
            Format::Markdown,
            Format::Progression,
            Format::Structured,
            Format::RungHtml,
        ] {
            assert_eq!(format_name(f).parse::<Format>().ok(), Some(f));
        }
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
