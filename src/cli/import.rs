//! `rung import`: reads a framework written elsewhere, writes it as a Rung framework
//! folder, and prints the report of where every item of the source went.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};

use rung::import::{self, Options, Outcome};

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
