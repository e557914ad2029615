//! `rung import`: reads a framework written elsewhere, writes it as a Rung framework
//! folder, and prints the report of where every item of the source went.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use rung::import::{self, Format, Options, Outcome};

/// `rung import SOURCE --out DIR [--from FORMAT] [--column ROLE=NAME …]`.
pub(crate) fn run(
    source: &Path,
    out: &Path,
    from: Option<&str>,
    columns: &[String],
) -> Result<ExitCode> {
    let options = Options {
        from: from.map(str::parse).transpose()?,
        columns: columns
            .iter()
            .map(|c| Options::parse_column(c))
            .collect::<Result<_, _>>()?,
    };
    if out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        bail!(import::ImportError::NotEmpty(out.display().to_string()));
    }
    let page = options
        .from
        .or_else(|| import::detect(&source.to_string_lossy()))
        == Some(Format::RungHtml);
    if page && !source.is_dir() {
        return from_page(source, out);
    }
    let (sources, name) = import::read_source(source)?;
    let imported = import::read(&sources, &name, &options);
    let written = import::write(&imported);
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", written.report)?;
    if imported.tracks.is_empty() {
        stdout.flush()?;
        bail!(
            "nothing in {} could be imported, so nothing was written",
            source.display()
        );
    }
    import::write_folder(out, &written.files)?;
    let report = &written.report;
    let expectations = report
        .lines
        .iter()
        .filter(|l| {
            l.what.starts_with("expectation ") && matches!(l.outcome, Outcome::Mapped { .. })
        })
        .count();
    let notes = report.count(|o| matches!(o, Outcome::Note { .. }));
    let lost = report.count(|o| matches!(o, Outcome::NotMapped { .. }));
    let problems = report.count(|o| matches!(o, Outcome::Problem { .. }));
    writeln!(
        stdout,
        "imported {expectations} {} into {} ({} files): {notes} kept as notes, {lost} not mapped, {problems} problems in the source; `rung check {}` lists the placeholders to fill in",
        if expectations == 1 {
            "expectation"
        } else {
            "expectations"
        },
        out.display(),
        written.files.len(),
        out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `rung import FILE.html`: the framework's own files, embedded in a page written by
/// `rung export-html`, written back exactly, so the content hash is the original's.
///
/// The reading of the page lives here, in the tool, because the import layer sits below
/// the share layer that writes and reads the page (`tests/architecture.rs`).
fn from_page(source: &Path, out: &Path) -> Result<ExitCode> {
    let html = std::fs::read_to_string(source).map_err(|e| import::ImportError::Io {
        action: "read",
        path: source.display().to_string(),
        source: e,
    })?;
    let files = rung::share::source_from_html(&html)
        .with_context(|| format!("cannot import {}", source.display()))?;
    if files.is_empty() {
        bail!(
            "cannot import {}: the page holds no framework files",
            source.display()
        );
    }
    import::write_folder(out, &files)?;
    let loaded = rung::load_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    let hash = rung::framework::hash::content_hash(&loaded);
    println!(
        "imported the framework of {} into {} ({} files, content hash {hash}), exactly as it was exported",
        source.display(),
        out.display(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}
