//! The commands of the `rung` tool: loading, then printing for a terminal or as JSON.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

use rung::framework::markdown::to_plain_text;
use rung::{framework::suggest, Diagnostic, Loaded, Severity};

pub(crate) mod args;
pub(crate) mod backup;
pub(crate) mod calibrate;
pub(crate) mod case;
pub(crate) mod compare;
pub(crate) mod import;
pub(crate) mod seal;
pub(crate) mod share;

/// Writes the whole output to stdout.
fn print(out: &str) -> Result<ExitCode> {
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn load(dir: Option<&Path>) -> Result<(Loaded, String)> {
    match dir {
        Some(dir) => {
            let loaded = rung::load_dir(dir)
                .with_context(|| format!("cannot read the framework folder `{}`", dir.display()))?;
            Ok((loaded, dir.display().to_string()))
        }
        None => Ok((rung::load_bundled(), "the bundled framework".to_owned())),
    }
}

/// `rung check`.
pub(crate) fn check(dir: Option<&Path>, json: bool, deny_warnings: bool) -> Result<ExitCode> {
    let (loaded, name) = load(dir)?;
    let errors = loaded.count(Severity::Error);
    let warnings = loaded.count(Severity::Warning);
    let mut out = std::io::stdout().lock();
    if json {
        let report = serde_json::json!({
            "errors": errors,
            "warnings": warnings,
            "diagnostics": loaded.diagnostics,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        out.write_all(render_diagnostics(&loaded, color).as_bytes())?;
        writeln!(out, "{}", summary(&loaded, &name, errors, warnings))?;
    }
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {word}s")
    }
}

fn summary(loaded: &Loaded, name: &str, errors: usize, warnings: usize) -> String {
    let f = &loaded.framework;
    if errors == 0 && warnings == 0 {
        let levels: usize = f.tracks.iter().map(|t| t.levels.len()).sum();
        let expectations: usize = f
            .tracks
            .iter()
            .flat_map(|t| t.levels.iter())
            .flat_map(|l| &l.sections)
            .map(|s| s.expectations.len())
            .sum();
        format!(
            "{name}: no problems found ({}, {}, {}, {}, {})",
            plural(f.tracks.len(), "track"),
            plural(levels, "level"),
            plural(f.competencies.len(), "competency"),
            plural(expectations, "expectation"),
            plural(f.glossary.len(), "glossary term"),
        )
    } else {
        format!(
            "{name}: {} and {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// Renders diagnostics the way a compiler does: the message, then the line with a marker.
pub(crate) fn render_diagnostics(loaded: &Loaded, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::HashMap::new();
    for d in &loaded.diagnostics {
        if let Some(source) = loaded.source(&d.path) {
            ids.entry(d.path.clone())
                .or_insert_with(|| files.add(source.path.clone(), source.text.clone()));
        }
    }
    let config = term::Config::default();
    let mut text = String::new();
    let mut buffer = termcolor::Buffer::ansi();
    for d in &loaded.diagnostics {
        let Some(&file) = ids.get(&d.path) else {
            // No text to quote (an unreadable file): the header and position, as rustc does.
            let mut plain = format!(
                "{}[{}]: {}\n  --> {}:{}:{}\n",
                d.severity, d.code, d.message, d.path, d.line, d.column
            );
            if let Some(help) = &d.help {
                plain.push_str(&format!("   = help: {help}\n"));
            }
            plain.push('\n');
            if color {
                let _ = buffer.write_all(plain.as_bytes());
            } else {
                text.push_str(&plain);
            }
            continue;
        };
        let report = report(d, Some(file));
        let rendered = if color {
            term::emit_to_write_style(&mut buffer, &config, &files, &report).is_ok()
        } else {
            match term::emit_into_string(&config, &files, &report) {
                Ok(s) => {
                    text.push_str(&s);
                    true
                }
                Err(_) => false,
            }
        };
        if !rendered {
            let _ = writeln!(text, "{d}\n");
        }
    }
    if color {
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    } else {
        text
    }
}

fn report(d: &Diagnostic, file: Option<usize>) -> Report<usize> {
    let base = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    let mut report = base.with_code(d.code.as_str()).with_message(&d.message);
    if let Some(file) = file {
        report = report.with_labels(vec![Label::primary(file, d.offset..d.offset + d.len)]);
    }
    if let Some(help) = &d.help {
        report = report.with_notes(vec![format!("help: {help}")]);
    }
    report
}

fn warn_if_broken(loaded: &Loaded) {
    let errors = loaded.count(Severity::Error);
    if errors > 0 {
        eprintln!(
            "warning: this framework has {}; some files were skipped (run `rung check` for details)",
            plural(errors, "error")
        );
    }
}

/// `rung list`.
pub(crate) fn list(dir: Option<&Path>, by_band: bool, json: bool) -> Result<ExitCode> {
    let (loaded, _) = load(dir)?;
    warn_if_broken(&loaded);
    let f = &loaded.framework;
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(f)?;
        out.push('\n');
    } else if by_band {
        writeln!(out, "{} {}", f.name, f.version)?;
        for band in &f.bands {
            writeln!(out, "\nBand {} · {}", band.number, band.name)?;
            for track in &f.tracks {
                for level in track.levels.iter().filter(|l| l.band == band.number) {
                    writeln!(
                        out,
                        "  {:<28} {}",
                        format!("{}/{}", track.id, level.id),
                        level.title
                    )?;
                }
            }
        }
    } else {
        writeln!(out, "{} {}", f.name, f.version)?;
        for track in &f.tracks {
            writeln!(
                out,
                "\n{}  {} ({}, {})",
                track.id,
                track.name,
                track.craft,
                track.career_path.as_str().replace('-', " ")
            )?;
            for level in track.levels.iter() {
                let band = f.band(level.band).map_or(String::new(), |b| b.name.clone());
                writeln!(
                    out,
                    "  {:<6} band {} {:<13} {}",
                    level.id, level.band, band, level.title
                )?;
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The track with this id, or an error that names the tracks there are.
fn find_track<'a>(
    f: &'a rung::Framework,
    track_id: &str,
) -> Result<&'a rung::framework::model::Track> {
    f.track(track_id).ok_or_else(|| {
        let hint = suggest::hint(track_id, f.tracks.iter().map(|t| t.id.as_str()));
        anyhow!(
            "no track `{track_id}`{hint}; the tracks are {}",
            suggest::list(f.tracks.iter().map(|t| t.id.as_str()))
        )
    })
}

/// The level of `track` with this id, or an error that names its levels.
fn find_level<'a>(
    track: &'a rung::framework::model::Track,
    level_id: &str,
) -> Result<&'a rung::framework::model::Level> {
    track.level(level_id).ok_or_else(|| {
        let hint = suggest::hint(level_id, track.levels.iter().map(|l| l.id.as_str()));
        anyhow!(
            "track `{}` has no level `{level_id}`{hint}; its levels are {}",
            track.id,
            suggest::list(track.levels.iter().map(|l| l.id.as_str()))
        )
    })
}

/// `rung show TRACK LEVEL`.
pub(crate) fn show(
    dir: Option<&Path>,
    track_id: &str,
    level_id: &str,
    only_new: bool,
    ids: bool,
) -> Result<ExitCode> {
    let (loaded, _) = load(dir)?;
    warn_if_broken(&loaded);
    let f = &loaded.framework;
    let track = find_track(f, track_id)?;
    let level = find_level(track, level_id)?;
    let mut out = String::new();
    let band = f
        .band(level.band)
        .map_or(String::new(), |b| format!(" · {}", b.name));
    writeln!(
        out,
        "{} ({}/{}) · band {}{band}",
        level.title, track.id, level.id, level.band
    )?;
    writeln!(out, "{}", to_plain_text(&level.summary))?;
    if !level.dimensions.is_empty() {
        writeln!(out)?;
        for statement in &level.dimensions {
            let name = f
                .dimensions
                .iter()
                .find(|d| d.id == statement.dimension)
                .map_or(statement.dimension.as_str(), |d| d.name.as_str());
            writeln!(out, "  {name}: {}", statement.text)?;
        }
    }
    let applicable = f.applicable(track, level);
    let mut current: Option<&str> = None;
    for a in applicable
        .iter()
        .filter(|a| !only_new || a.from.id == level.id)
    {
        if current != Some(a.competency) {
            current = Some(a.competency);
            let name = f
                .competency(a.competency)
                .map_or(a.competency, |c| c.name.as_str());
            writeln!(out, "\n{name}")?;
        }
        let inherited = if a.from.id == level.id {
            String::new()
        } else {
            format!("[{}] ", a.from.id)
        };
        write!(out, "  • {inherited}{}", to_plain_text(&a.expectation.text))?;
        if ids {
            write!(out, "  ({})", a.expectation.id)?;
        }
        writeln!(out)?;
        for example in &a.expectation.examples {
            writeln!(out, "      e.g. {}", to_plain_text(example))?;
        }
    }
    let inherited = applicable.iter().filter(|a| a.from.id != level.id).count();
    if inherited > 0 && !only_new {
        writeln!(
            out,
            "\n{} marked [level] are inherited from that lower level; --only-new hides them.",
            plural(inherited, "expectation")
        )?;
    }
    if let Some(rule) = f.rule_for(track) {
        writeln!(
            out,
            "\nHow a promotion to this level is judged: {}",
            f.rule_words(rule)
        )?;
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `rung search QUERY`.
pub(crate) fn search(
    dir: Option<&Path>,
    query: &str,
    filters: rung::search::Filters,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    let (loaded, _) = load(dir)?;
    warn_if_broken(&loaded);
    let index = rung::search::SearchIndex::build(&loaded.framework)?;
    let results = index.search(query, &filters, limit);
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(&results)?;
        out.push('\n');
    } else if results.hits.is_empty() {
        writeln!(out, "no results for {query:?}")?;
        if let Some(all) = results.total_unfiltered.filter(|n| *n > 0) {
            writeln!(
                out,
                "{} without the filters",
                plural(all as usize, "result")
            )?;
        }
    } else {
        for hit in &results.hits {
            let place = match (&hit.track, &hit.level) {
                (Some(t), Some(l)) => format!("{t}/{l}"),
                _ => format!("{:?}", hit.kind).to_lowercase(),
            };
            writeln!(out, "{place}  {}", hit.title)?;
            writeln!(out, "    {}", snippet_text(&hit.snippet_html))?;
            if hit.kind == rung::search::HitKind::Expectation {
                writeln!(out, "    ({})", hit.target)?;
            }
        }
        let shown = results.hits.len();
        if (results.total as usize) > shown {
            writeln!(
                out,
                "\n{} of {} results; --limit shows more",
                shown, results.total
            )?;
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A snippet's HTML as terminal text: matches in brackets, entities decoded.
fn snippet_text(html: &str) -> String {
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
