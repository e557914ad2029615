//! Import: an existing career framework, written somewhere else, read into a Rung
//! framework folder. A reader per family of sources (`table.rs` for CSV, `markdown.rs`
//! for pages with a heading per level) fills one
//! source-neutral model of what was read ([`Imported`]: tracks, levels in order,
//! competencies, expectations and notes, each with the file, line and column it came
//! from); `write.rs` turns that model into the files of a framework, scaffolding what the
//! source does not have with placeholders (`[fill in: …]`) that `rung check` lists, and
//! says where every item went in the [`Report`]. `ids.rs` makes ids and expectation keys
//! from the source's own words, so the same source always gives the same IDs.
//! `yaml_node.rs` is the YAML tree with positions that the readers of YAML share.
//!
//! Readers and the writer work on text already read; [`read_source`] and [`write_folder`]
//! are the two edges that touch the disk.

mod ids;
mod markdown;
mod order;
mod progression;
mod report;
mod structured;
mod table;
mod write;
mod yaml_node;

use std::path::Path;

pub use report::{Outcome, Report, ReportLine};
pub use table::columns as csv_columns;
pub use write::{write, write_with, Written};

/// Where something was read: a source file, a 1-based line and a 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// The source file, as it was named to `rung import`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A text of the source and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The text, trimmed.
    pub text: String,
    /// Where it starts.
    pub origin: Origin,
}

/// Everything read from a source, before it becomes files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The framework's name, from the source's file or folder name.
    pub name: String,
    /// The files read, as named to `rung import`, in the order read.
    pub sources: Vec<String>,
    /// The tracks, in the order first met.
    pub tracks: Vec<Track>,
    /// The competencies, in the order first met.
    pub competencies: Vec<Competency>,
    /// Text kept for the framework as a whole.
    pub notes: Vec<Located>,
    /// What the readers could not map, or found wrong in the source.
    pub problems: Vec<ReportLine>,
    /// The source's own ids of expectations: where an expectation's text was read, and
    /// the id the source gives it, so that the report can say which ID it became.
    pub source_ids: Vec<(Origin, Located)>,
}

/// A track of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// The id written (lowercase letters, digits and `-`).
    pub id: String,
    /// The name as the source gives it.
    pub name: String,
    /// The levels, lowest first.
    pub levels: Vec<Level>,
    /// Where the track was first named.
    pub origin: Origin,
    /// The career path, when the source says (a track of a manager path); the writer
    /// assumes individual contributor otherwise.
    pub career_path: Option<CareerPath>,
    /// Whether the source gives the levels' order (a matrix's columns, a page's headings,
    /// a list of levels); a reader sets it to false when it does not (the long form of a
    /// table, criteria tagged with levels and no list of them), and [`read`] then puts the
    /// levels in order by their titles and says how.
    pub order_given: bool,
}

/// The two career paths of the Rung format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareerPath {
    /// `individual-contributor`.
    IndividualContributor,
    /// `manager`.
    Manager,
}

/// A level of a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// The id written, unique in its track.
    pub id: String,
    /// The title as the source gives it.
    pub title: String,
    /// Where the level was first named.
    pub origin: Origin,
    /// The expectations, in source order.
    pub expectations: Vec<Expectation>,
    /// Text kept as the level's introduction.
    pub notes: Vec<Located>,
    /// The band (step across tracks), when the source says; otherwise the level's place
    /// in its track, from 1.
    pub band: Option<u32>,
}

/// A competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competency {
    /// The id written.
    pub id: String,
    /// The name as the source gives it.
    pub name: String,
    /// What it covers, when the source says.
    pub description: Option<Located>,
    /// Where it was first named.
    pub origin: Origin,
}

/// One expectation of a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The id of its competency.
    pub competency: String,
    /// What is expected, on one line.
    pub text: Located,
    /// Examples of it.
    pub examples: Vec<Located>,
}

impl Imported {
    /// The track with this name, added when it is new.
    pub(crate) fn track(&mut self, name: &str, origin: &Origin) -> usize {
        let id = ids::slug(name, "track");
        if let Some(i) = self.tracks.iter().position(|t| t.id == id) {
            return i;
        }
        self.tracks.push(Track {
            id,
            name: name.to_owned(),
            levels: Vec::new(),
            origin: origin.clone(),
            career_path: None,
            order_given: true,
        });
        self.tracks.len() - 1
    }

    /// The level with this title in a track, added (above the others) when it is new.
    pub(crate) fn level(&mut self, track: usize, title: &str, origin: &Origin) -> usize {
        let levels = &mut self.tracks[track].levels;
        if let Some(i) = levels.iter().position(|l| l.title == title) {
            return i;
        }
        let mut id = ids::slug(title, "level");
        if id == "track" {
            id = "track-level".to_owned();
        }
        let id = ids::unique(id, |c| levels.iter().any(|l| l.id == c));
        levels.push(Level {
            id,
            title: title.to_owned(),
            origin: origin.clone(),
            expectations: Vec::new(),
            notes: Vec::new(),
            band: None,
        });
        levels.len() - 1
    }

    /// The id of the competency with this name, added when it is new.
    pub(crate) fn competency(&mut self, name: &str, origin: &Origin) -> String {
        let id = ids::slug(name, "competency");
        if !self.competencies.iter().any(|c| c.id == id) {
            self.competencies.push(Competency {
                id: id.clone(),
                name: name.to_owned(),
                description: None,
                origin: origin.clone(),
            });
        }
        id
    }
}

/// The families of sources `rung import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A CSV (or TSV) table: a matrix or the long form.
    Csv,
    /// Markdown pages with a heading per level (or a file per level) and bullets.
    Markdown,
    /// Markdown pages whose YAML front matter holds the whole matrix (topics, then
    /// levels, then criteria and examples), and that format's prose pages.
    Progression,
    /// Structured YAML or JSON where each criterion is tagged with a level and a theme,
    /// levels possibly branching into individual-contributor and manager paths.
    Structured,
    /// A page written by `rung export-html`, which holds the framework's own files: read
    /// whole (by the `rung` tool, which may call the share layer), never mixed with others.
    RungHtml,
}

impl std::str::FromStr for Format {
    type Err = ImportError;
    fn from_str(s: &str) -> Result<Format, ImportError> {
        match s.to_ascii_lowercase().as_str() {
            "csv" | "tsv" => Ok(Format::Csv),
            "rung-html" | "html" => Ok(Format::RungHtml),
            "markdown" | "md" => Ok(Format::Markdown),
            "progression" | "front-matter" => Ok(Format::Progression),
            "yaml" | "yml" | "json" | "structured" => Ok(Format::Structured),
            _ => Err(ImportError::UnknownFormat(s.to_owned())),
        }
    }
}

/// What a column of a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The track (long form).
    Track,
    /// The level (long form).
    Level,
    /// The competency.
    Competency,
    /// The expectation's text (long form).
    Text,
    /// Examples of the expectation (long form).
    Example,
    /// A note kept on the level (long form).
    Note,
    /// What the competency covers.
    Description,
    /// A column not to import, reported as not mapped.
    Ignore,
}

impl Role {
    /// Every role with its name on the command line.
    pub const NAMES: &'static [(&'static str, Role)] = &[
        ("track", Role::Track),
        ("level", Role::Level),
        ("competency", Role::Competency),
        ("text", Role::Text),
        ("example", Role::Example),
        ("note", Role::Note),
        ("description", Role::Description),
        ("ignore", Role::Ignore),
    ];
}

/// How to read a source.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The family, when not detected from the file names.
    pub from: Option<Format>,
    /// Columns whose role is named instead of detected: `(role, header name)`.
    pub columns: Vec<(Role, String)>,
}

impl Options {
    /// Reads one `ROLE=NAME` of `--column`.
    pub fn parse_column(spec: &str) -> Result<(Role, String), ImportError> {
        let (role, name) = spec
            .split_once('=')
            .ok_or_else(|| ImportError::ColumnSyntax(spec.to_owned()))?;
        let role = Role::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(role.trim()))
            .map(|(_, r)| *r)
            .ok_or_else(|| ImportError::UnknownRole(role.trim().to_owned()))?;
        Ok((role, name.trim().to_owned()))
    }
}

/// One file of a source, read as bytes.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, as named to `rung import` (a folder's files under the folder's name).
    pub path: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// What can stop an import as a whole (problems of the content are report lines).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A source or output path could not be read or written.
    #[error("cannot {action} {path}: {error}")]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The path.
        path: String,
        /// Why (in the message, so not also a source to print again).
        error: std::io::Error,
    },
    /// The source names nothing on disk.
    #[error("{0} does not exist")]
    Missing(String),
    /// The source is a Rung framework already.
    #[error("{0} is already a Rung framework: open it in Rung, or copy it")]
    AlreadyRung(String),
    /// The output folder is inside the source folder.
    #[error("{out} is inside the source folder {source_folder}: name an output folder outside it, so that the next import of the folder does not read the framework written as a source")]
    OutInsideSource {
        /// The output folder, as named.
        out: String,
        /// The source folder, as named.
        source_folder: String,
    },
    /// The output folder already holds something.
    #[error("{0} is not empty: name a new or empty folder for the imported framework")]
    NotEmpty(String),
    /// `--from` names no family.
    #[error("unknown format `{0}`: rung import reads csv, markdown, progression (front matter), yaml or json, or rung-html")]
    UnknownFormat(String),
    /// `--column` names no role.
    #[error("unknown column role `{0}`: use track, level, competency, text, example, note, description or ignore")]
    UnknownRole(String),
    /// `--column` without `=`.
    #[error("`{0}` is not ROLE=NAME, for example level=Grade")]
    ColumnSyntax(String),
    /// A file to write names a place outside the output folder.
    #[error("{0} is not a path inside the framework folder, so nothing was written")]
    OutsidePath(String),
    /// Nothing in the source could be read as a framework.
    #[error(
        "{0} holds no file rung import reads (.csv, .tsv, .md, .yaml, .json or .html, or name one with --from)"
    )]
    NothingToRead(String),
}

/// How far reading a source has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading<'a> {
    /// Starting on the file at `index` (from 0) of `total`.
    File {
        /// The file, as named in the report.
        path: &'a str,
        /// Its place among the files, from 0.
        index: usize,
        /// How many files there are.
        total: usize,
    },
    /// A table's rows mapped to the model so far (the long form): every [`ROWS_STEP`] rows.
    Mapping {
        /// The file, as named in the report.
        path: &'a str,
        /// Rows mapped.
        rows: usize,
        /// The table's rows, its header aside.
        of: usize,
    },
    /// A table read so far: every [`ROWS_STEP`] rows.
    Rows {
        /// The file, as named in the report.
        path: &'a str,
        /// Rows read.
        rows: usize,
        /// Bytes read.
        bytes: usize,
        /// The file's bytes.
        of: usize,
    },
}

/// How many rows of a table between two [`Reading::Rows`].
pub const ROWS_STEP: usize = 1000;

/// Reads every source file into one model. A file that cannot be read is reported and
/// the others are still read.
pub fn read(sources: &[Source], name: &str, options: &Options) -> Imported {
    read_with(sources, name, options, &mut |_| {})
}

/// [`read`], telling `progress` how far it has got.
pub fn read_with(
    sources: &[Source],
    name: &str,
    options: &Options,
    progress: &mut dyn FnMut(Reading<'_>),
) -> Imported {
    let mut imported = Imported {
        name: name.to_owned(),
        ..Imported::default()
    };
    let families: Vec<Option<Format>> = sources
        .iter()
        .map(|s| options.from.or_else(|| detect_content(&s.path, &s.bytes)))
        .collect();
    let count = |f: Format| families.iter().filter(|&&g| g == Some(f)).count();
    let many = count(Format::Markdown) > 1;
    // In a folder of front-matter pages, the other markdown files are its prose pages.
    let progression = count(Format::Progression) > 0;
    // Structured files are read together: one may hold the levels, another the criteria.
    let structured: Vec<&Source> = sources
        .iter()
        .zip(&families)
        .filter(|(_, f)| **f == Some(Format::Structured))
        .map(|(s, _)| s)
        .collect();
    if !structured.is_empty() {
        structured::read(&structured, &mut imported);
    }
    let table_names = table_names(sources, &families);
    for (index, (source, format)) in sources.iter().zip(&families).enumerate() {
        progress(Reading::File {
            path: &source.path,
            index,
            total: sources.len(),
        });
        match format {
            Some(Format::Csv) => table::read(
                source,
                &options.columns,
                (&table_names[index].0, table_names[index].1.clone()),
                &mut imported,
                progress,
            ),
            Some(Format::Markdown) if progression => progression::read_page(source, &mut imported),
            Some(Format::Markdown) => markdown::read(source, many, &mut imported),
            Some(Format::Progression) => progression::read(source, &mut imported),
            Some(Format::Structured) => {}
            Some(Format::RungHtml) => imported.problems.push(ReportLine {
                at: Origin {
                    path: source.path.clone(),
                    line: 1,
                    column: 1,
                },
                what: "the file".to_owned(),
                outcome: Outcome::NotMapped {
                    why: "an exported Rung page holds a whole framework; import it on its own: rung import FILE.html --out DIR".to_owned(),
                },
            }),
            None => imported.problems.push(ReportLine {
                at: Origin {
                    path: source.path.clone(),
                    line: 1,
                    column: 1,
                },
                what: "the file".to_owned(),
                outcome: Outcome::NotMapped {
                    why: "not a kind of file rung import reads (name one with --from)".to_owned(),
                },
            }),
        }
    }
    order::apply(&mut imported);
    imported
}

/// File names that say nothing of the track a table is of.
const GENERIC_STEMS: &[&str] = &[
    "framework",
    "career-framework",
    "ladder",
    "career-ladder",
    "levels",
    "matrix",
    "competencies",
    "expectations",
];

/// The track each table is of when its rows do not say: the file's stem, or its
/// folder's name when the stem is generic (`framework.csv`) or another table has the
/// same stem (`eng/framework.csv` and `design/framework.csv`), with a report line for
/// the reader to add when the name is used (a table whose rows name their tracks does not).
fn table_names(
    sources: &[Source],
    families: &[Option<Format>],
) -> Vec<(String, Option<ReportLine>)> {
    let stem = |p: &str| {
        Path::new(p)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (source, family) in sources.iter().zip(families) {
        if *family == Some(Format::Csv) {
            *counts
                .entry(ids::slug(&stem(&source.path), ""))
                .or_default() += 1;
        }
    }
    sources
        .iter()
        .zip(families)
        .map(|(source, family)| {
            let own = stem(&source.path);
            if *family != Some(Format::Csv) {
                return (own, None);
            }
            let slug = ids::slug(&own, "");
            let shared = counts.get(&slug).is_some_and(|&n| n > 1);
            let generic = GENERIC_STEMS.contains(&slug.as_str());
            let folder = Path::new(&source.path)
                .parent()
                .and_then(Path::file_name)
                .map(|f| f.to_string_lossy().into_owned());
            let Some(folder) = folder.filter(|_| shared || generic) else {
                return (own, None);
            };
            let why = if shared {
                format!("another table is also named {own}, so this one's track is named after its folder, \"{folder}\", not merged with it")
            } else {
                format!("\"{own}\" names no track, so the track is named after the file's folder, \"{folder}\"")
            };
            let line = ReportLine {
                at: Origin {
                    path: source.path.clone(),
                    line: 1,
                    column: 1,
                },
                what: "the file's track".to_owned(),
                outcome: Outcome::Problem { why },
            };
            (folder, Some(line))
        })
        .collect()
}

/// The family of a file, from its name.
pub fn detect(path: &str) -> Option<Format> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        Some(Format::Csv)
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Some(Format::Markdown)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") || lower.ends_with(".json") {
        Some(Format::Structured)
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        Some(Format::RungHtml)
    } else {
        None
    }
}

/// The family of a file, from its name and, for markdown, its front matter: a page whose
/// front matter holds the matrix is of the progression family.
pub fn detect_content(path: &str, bytes: &[u8]) -> Option<Format> {
    match detect(path)? {
        Format::Markdown if progression::holds_matrix(bytes) => Some(Format::Progression),
        format => Some(format),
    }
}

/// A source as read from disk.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// The files that could be read, sorted by path.
    pub sources: Vec<Source>,
    /// The framework's name: the file's stem or the folder's name.
    pub name: String,
    /// A line for every file or folder under the source that could not be read; the
    /// others are read all the same.
    pub unreadable: Vec<ReportLine>,
}

/// Reads a source: one file, or every file under a folder (sorted, hidden ones skipped).
/// Only a source that cannot be read at all is an error; in a folder, a file or a
/// sub-folder that cannot be read is a report line and the rest is read.
pub fn read_source(path: &Path) -> Result<Read, ImportError> {
    let io = |error| ImportError::Io {
        action: "read",
        path: path.display().to_string(),
        error,
    };
    if let Err(e) = std::fs::metadata(path) {
        return Err(if e.kind() == std::io::ErrorKind::NotFound {
            ImportError::Missing(path.display().to_string())
        } else {
            io(e)
        });
    }
    // The name of the folder itself, however it was written (`.`, `../eng`), so that the
    // ids do not depend on where the import was run from.
    let name = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_owned())
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported framework".to_owned());
    let framework = if path.is_dir() {
        Some(path)
    } else if path.file_name().is_some_and(|n| n == "framework.md") {
        path.parent()
    } else {
        None
    };
    if framework.is_some_and(is_rung_framework) {
        return Err(ImportError::AlreadyRung(path.display().to_string()));
    }
    if !path.is_dir() {
        let bytes = std::fs::read(path).map_err(io)?;
        let path = path.display().to_string();
        return Ok(Read {
            sources: vec![Source { path, bytes }],
            name,
            unreadable: Vec::new(),
        });
    }
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    std::fs::read_dir(path).map_err(io)?;
    walk(path, &mut files, &mut unreadable);
    files.sort_by(|a, b| order::natural(&a.to_string_lossy(), &b.to_string_lossy()));
    let mut sources = Vec::new();
    for file in files {
        let shown = file.display().to_string().replace('\\', "/");
        match std::fs::read(&file) {
            Ok(bytes) => sources.push(Source { path: shown, bytes }),
            Err(e) => unreadable.push(cannot_read(shown, &e)),
        }
    }
    Ok(Read {
        sources,
        name,
        unreadable,
    })
}

fn cannot_read(path: String, error: &std::io::Error) -> ReportLine {
    ReportLine {
        at: Origin {
            path,
            line: 1,
            column: 1,
        },
        what: "the file".to_owned(),
        outcome: Outcome::NotMapped {
            why: format!("it cannot be read ({error}); the other files were read"),
        },
    }
}

fn skipped(dir: &Path, why: &str) -> ReportLine {
    ReportLine {
        at: Origin {
            path: dir.display().to_string().replace('\\', "/"),
            line: 1,
            column: 1,
        },
        what: "the folder".to_owned(),
        outcome: Outcome::NotMapped {
            why: why.to_owned(),
        },
    }
}

/// Whether `dir` holds a Rung framework: a `framework.md` whose front matter names the
/// framework, its version and its bands.
fn is_rung_framework(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("framework.md")) else {
        return false;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return false;
    };
    let front: Vec<&str> = rest.lines().take_while(|l| l.trim_end() != "---").collect();
    ["name:", "version:", "bands:"]
        .iter()
        .all(|key| front.iter().any(|l| l.starts_with(key)))
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>, unreadable: &mut Vec<ReportLine>) {
    let shown = || dir.display().to_string().replace('\\', "/");
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return unreadable.push(cannot_read(shown(), &e)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                unreadable.push(cannot_read(shown(), &e));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type();
        if kind.as_ref().is_ok_and(|t| t.is_dir()) {
            if is_rung_framework(&path) {
                unreadable.push(skipped(
                    &path,
                    "it is a Rung framework already (an earlier import?), so it is not read as a source; open it in Rung",
                ));
            } else {
                walk(&path, out, unreadable);
            }
        } else if kind.is_ok_and(|t| t.is_symlink()) && path.is_dir() {
            unreadable.push(skipped(
                &path,
                "it is a link to a folder, which is not followed (a link can lead outside the source, or round in a loop); import that folder on its own, or copy it here",
            ));
        } else {
            out.push(path);
        }
    }
}

/// Writes the files of a framework into `out`, which must be absent or empty.
pub fn write_folder(out: &Path, files: &[(String, String)]) -> Result<(), ImportError> {
    write_folder_with(out, files, &mut |_| {})
}

/// [`write_folder`], telling `progress` how many files are written after each.
pub fn write_folder_with(
    out: &Path,
    files: &[(String, String)],
    progress: &mut dyn FnMut(usize),
) -> Result<(), ImportError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |error| ImportError::Io {
            action: "write",
            path,
            error,
        }
    };
    for (relative, _) in files {
        let inside = std::path::Path::new(relative)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside || relative.is_empty() {
            return Err(ImportError::OutsidePath(relative.clone()));
        }
    }
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(|error| ImportError::Io {
            action: "read",
            path: out.display().to_string(),
            error,
        })?;
        if entries.next().is_some() {
            return Err(ImportError::NotEmpty(out.display().to_string()));
        }
    }
    for (done, (relative, text)) in files.iter().enumerate() {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        progress(done + 1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::diagnostic::Code;

    const MATRIX: &[u8] = b"Competency,Description,Junior,Senior\n\
        Delivery,Finishing work.,\"Ships tasks.\n- Ships tasks.\",Plans projects.\n\
        Craft,,Writes tests.,\n";

    fn written() -> Written {
        let source = Source {
            path: "eng.csv".to_owned(),
            bytes: MATRIX.to_vec(),
        };
        write(&read(&[source], "eng", &Options::default()))
    }

    #[test]
    fn an_import_loads_without_errors_and_lists_what_to_fill_in() {
        let files = written().files;
        let sources = files
            .iter()
            .map(|(path, text)| crate::SourceFile::new(path.clone(), text.clone()))
            .collect();
        let loaded = crate::load(sources, Vec::new());
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}:{}: {}", d.path, d.line, d.message))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Placeholder && d.path == "framework.md"));
        let track = &loaded.framework.tracks[0];
        assert_eq!(track.levels.len(), 2);
    }

    #[test]
    fn the_same_source_gives_the_same_files_and_every_item_a_report_line() {
        let first = written();
        assert_eq!(first, written());
        let lines: Vec<String> = first.report.lines.iter().map(ToString::to_string).collect();
        assert!(lines.contains(
            &"eng.csv:2:26: mapped: expectation \"Ships tasks.\" → tracks/eng/junior.md:12 as eng/junior/ships-tasks"
                .to_owned()
        ), "{lines:#?}");
        assert!(lines.contains(
            &"eng.csv:3:1: mapped: expectation \"Ships tasks.\" → tracks/eng/junior.md:13 as eng/junior/ships-tasks-2"
                .to_owned()
        ), "{lines:#?}");
        assert!(lines.contains(
            &"eng.csv:3:1: problem: expectation \"Ships tasks.\": it repeats the one at 2:26 in the same level; written again as ships-tasks-2"
                .to_owned()
        ), "{lines:#?}");
        let level = &first
            .files
            .iter()
            .find(|(p, _)| p == "tracks/eng/junior.md")
            .map(|(_, t)| t.clone());
        assert!(level
            .as_deref()
            .is_some_and(|t| t.contains("- Ships tasks. {#ships-tasks-2}\n")));
    }

    #[test]
    fn no_file_is_written_outside_the_output_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        for bad in ["../escape.md", "/etc/x.md", ""] {
            let files = vec![
                ("framework.md".to_owned(), String::new()),
                (bad.to_owned(), String::new()),
            ];
            assert_eq!(
                write_folder(&out, &files).map_err(|e| e.to_string()).err(),
                Some(format!(
                    "{bad} is not a path inside the framework folder, so nothing was written"
                ))
            );
        }
        assert!(!out.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_read_does_not_stop_the_others() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("eng.csv"), MATRIX).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("gone.csv"), tmp.path().join("lost.csv"))
            .unwrap();
        let read = read_source(tmp.path()).unwrap();
        assert_eq!(read.sources.len(), 1);
        let lost = tmp.path().join("lost.csv").display().to_string();
        let lines: Vec<String> = read.unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [format!("{lost}:1:1: not mapped: the file: it cannot be read (No such file or directory (os error 2)); the other files were read")]
        );
        let imported = super::read(&read.sources, &read.name, &Options::default());
        assert_eq!(imported.tracks.len(), 1);
    }

    #[test]
    fn column_roles_are_read_from_the_command_line() {
        assert_eq!(
            Options::parse_column("level=Grade").ok(),
            Some((Role::Level, "Grade".to_owned()))
        );
        assert_eq!(
            Options::parse_column("grade")
                .map_err(|e| e.to_string())
                .err()
                .as_deref(),
            Some("`grade` is not ROLE=NAME, for example level=Grade")
        );
        assert_eq!(
            Options::parse_column("rank=Grade").map_err(|e| e.to_string()).err().as_deref(),
            Some("unknown column role `rank`: use track, level, competency, text, example, note, description or ignore")
        );
    }

    fn lines(imported: &Imported) -> Vec<String> {
        imported.problems.iter().map(ToString::to_string).collect()
    }

    fn source(path: &str, text: &str) -> Source {
        Source {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn levels_without_an_order_in_the_source_are_ordered_by_their_titles_and_said_so() {
        let long = source(
            "all.csv",
            "Level,Competency,Expectation\nL3,Architecture,Designs systems.\nL1,Craft,Writes tests.\nL2,Craft,Reviews.\n",
        );
        let imported = read(&[long], "all", &Options::default());
        let titles: Vec<&str> = imported.tracks[0]
            .levels
            .iter()
            .map(|l| l.title.as_str())
            .collect();
        assert_eq!(titles, ["L1", "L2", "L3"]);
        assert_eq!(
            lines(&imported),
            ["all.csv:2:1: problem: the order of the levels of track \"all\": the source gives no order: ordered by the numbers in their titles, lowest first: \"L1\", \"L2\", \"L3\"; check it"]
        );
        // Titles that agree with the order met leave nothing to check.
        let sorted = source(
            "all.csv",
            "Level,Competency,Expectation\nL1,Craft,Writes tests.\nL2,Craft,Reviews.\n",
        );
        let imported = read(&[sorted], "all", &Options::default());
        assert!(imported.problems.is_empty(), "{:?}", lines(&imported));
        // A matrix's columns are its order, even when it is not the titles' order.
        let matrix = source("m.csv", "Competency,Senior,Junior\nCraft,Designs.,Tests.\n");
        let imported = read(&[matrix], "m", &Options::default());
        assert_eq!(imported.tracks[0].levels[0].title, "Senior");
        assert!(imported.problems.is_empty(), "{:?}", lines(&imported));
    }

    #[test]
    fn tables_with_one_name_in_different_folders_are_different_tracks() {
        let eng = source(
            "src/eng/framework.csv",
            "Competency,Junior\nCraft,Writes tests.\n",
        );
        let design = source(
            "src/design/framework.csv",
            "Competency,Junior\nCraft,Draws.\n",
        );
        let a = source("src/a/team.csv", "Competency,Junior\nCraft,Ships.\n");
        let b = source("src/b/team.csv", "Competency,Junior\nCraft,Ships.\n");
        let imported = read(&[eng, design, a, b], "src", &Options::default());
        let ids: Vec<&str> = imported.tracks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["eng", "design", "a", "b"]);
        assert_eq!(
            lines(&imported),
            [
                "src/eng/framework.csv:1:1: problem: the file's track: another table is also named framework, so this one's track is named after its folder, \"eng\", not merged with it",
                "src/design/framework.csv:1:1: problem: the file's track: another table is also named framework, so this one's track is named after its folder, \"design\", not merged with it",
                "src/a/team.csv:1:1: problem: the file's track: another table is also named team, so this one's track is named after its folder, \"a\", not merged with it",
                "src/b/team.csv:1:1: problem: the file's track: another table is also named team, so this one's track is named after its folder, \"b\", not merged with it",
            ]
        );
        let one = source("eng/ladder.csv", "Competency,Junior\nCraft,Writes tests.\n");
        let imported = read(&[one], "ladder", &Options::default());
        assert_eq!(imported.tracks[0].id, "eng");
        assert_eq!(
            lines(&imported),
            ["eng/ladder.csv:1:1: problem: the file's track: \"ladder\" names no track, so the track is named after the file's folder, \"eng\""]
        );
    }

    #[test]
    fn a_folder_is_read_in_natural_order_and_named_by_its_own_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ladder");
        std::fs::create_dir(&dir).unwrap();
        for n in [1, 2, 10] {
            std::fs::write(
                dir.join(format!("level-{n}.md")),
                format!("# Level {n}\n\n- Ships {n}.\n"),
            )
            .unwrap();
        }
        let read = read_source(&dir.join("..").join("ladder").join(".")).unwrap();
        assert_eq!(read.name, "ladder");
        let names: Vec<&str> = read
            .sources
            .iter()
            .map(|s| s.path.rsplit('/').next().unwrap_or_default())
            .collect();
        assert_eq!(names, ["level-1.md", "level-2.md", "level-10.md"]);
    }

    #[test]
    fn a_rung_framework_is_refused_as_a_source_and_skipped_inside_one() {
        let tmp = tempfile::tempdir().unwrap();
        let rung = tmp.path().join("rung");
        std::fs::create_dir_all(rung.join("tracks")).unwrap();
        std::fs::write(
            rung.join("framework.md"),
            "---\nname: Eng\nversion: 1\nbands:\n  - Entry\n---\n",
        )
        .unwrap();
        let shown = rung.display().to_string();
        assert_eq!(
            read_source(&rung).map(|_| ()).map_err(|e| e.to_string()),
            Err(format!(
                "{shown} is already a Rung framework: open it in Rung, or copy it"
            ))
        );
        assert!(read_source(&rung.join("framework.md")).is_err());
        std::fs::write(tmp.path().join("eng.csv"), MATRIX).unwrap();
        let read = read_source(tmp.path()).unwrap();
        assert_eq!(read.sources.len(), 1);
        let lines: Vec<String> = read.unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [format!("{shown}:1:1: not mapped: the folder: it is a Rung framework already (an earlier import?), so it is not read as a source; open it in Rung")]
        );
        let gone = tmp.path().join("gone");
        assert_eq!(
            read_source(&gone).map(|_| ()).map_err(|e| e.to_string()),
            Err(format!("{} does not exist", gone.display()))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_skipped_and_said_why() {
        let tmp = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("eng.csv"), MATRIX).unwrap();
        std::fs::write(tmp.path().join("eng.csv"), MATRIX).unwrap();
        std::os::unix::fs::symlink(other.path(), tmp.path().join("more")).unwrap();
        let read = read_source(tmp.path()).unwrap();
        assert_eq!(read.sources.len(), 1);
        let more = tmp.path().join("more").display().to_string();
        let lines: Vec<String> = read.unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [format!("{more}:1:1: not mapped: the folder: it is a link to a folder, which is not followed (a link can lead outside the source, or round in a loop); import that folder on its own, or copy it here")]
        );
    }
}
