//! `rung import`: reads a framework written elsewhere, writes it as a Rung framework
//! folder, and prints the report of where every item of the source went. The import
//! itself is [`rung::app::import_framework`], the same code the app runs.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use rung::app::{import_framework, ImportFailure};
use rung::import::{Options, Outcome};

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
    let mut stdout = std::io::stdout().lock();
    let done = match import_framework(source, out, &options) {
        Ok(done) => done,
        Err(ImportFailure::Nothing { path, report }) => {
            write!(stdout, "{report}")?;
            stdout.flush()?;
            return Err(ImportFailure::Nothing { path, report }.into());
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(hash) = &done.page_hash {
        // A report for a page says it was changed after export.
        write!(stdout, "{}", done.report)?;
        let how = if done.report.lines.is_empty() {
            "exactly as it was exported"
        } else {
            "as the page holds it now"
        };
        writeln!(
            stdout,
            "imported the framework of {} into {} ({} files, content hash {hash}), {how}",
            source.display(),
            out.display(),
            done.files
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = &done.report;
    write!(stdout, "{report}")?;
    let expectations = done.expectations;
    let notes = report.count(|o| matches!(o, Outcome::Note { .. }));
    let lost = report.count(|o| matches!(o, Outcome::NotMapped { .. }));
    let problems = report.count(|o| matches!(o, Outcome::Problem { .. }));
    writeln!(
        stdout,
        "imported {expectations} {} into {} ({} {}): {notes} kept as {}, {lost} not mapped, {problems} {} in the source; `rung check {}` lists the placeholders to fill in",
        plural(expectations, "expectation"),
        out.display(),
        done.files,
        plural(done.files, "file"),
        if notes == 1 { "a note" } else { "notes" },
        plural(problems, "problem"),
        out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `word`, with an `s` unless there is one.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
