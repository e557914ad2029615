//! `rung export-html`: one offline HTML file of a framework, written where asked.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{load, warn_if_broken};

/// `rung export-html [DIR] -o FILE`.
pub(crate) fn export_html(dir: Option<&Path>, output: &Path) -> Result<ExitCode> {
    let (loaded, name) = load(dir)?;
    warn_if_broken(&loaded);
    let today = super::case::now();
    let today = today.get(..10).unwrap_or(&today);
    let html = rung::share::to_html(&loaded, today);
    std::fs::write(output, &html)
        .with_context(|| format!("cannot write `{}`", output.display()))?;
    eprintln!(
        "wrote {name} to {} ({} KB)",
        output.display(),
        html.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}
