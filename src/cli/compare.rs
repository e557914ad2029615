//! `rung diff` and `rung band`: comparisons printed as text, markdown or JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{anyhow, bail, Context, Result};

use rung::compare::{
    self, BandComparison, DiffKind, DiffPart, ExpectationRef, LevelDelta, VersionDiff,
};
use rung::framework::markdown::{to_plain_text, TermMarker};
use rung::{framework::suggest, Loaded, SourceFile};

use super::{find_level, find_track, load, print, warn_if_broken};

/// How a comparison is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Text,
    Markdown,
    Json,
}

/// `rung diff TRACK FROM [TO]`.
pub(crate) fn levels(
    dir: Option<&Path>,
    track_id: &str,
    from: &str,
    to: Option<&str>,
    carried: bool,
    style: Style,
) -> Result<ExitCode> {
    let (loaded, _) = load(dir)?;
    warn_if_broken(&loaded);
    let f = &loaded.framework;
    let track = find_track(f, track_id)?;
    let from_level = find_level(track, from)?;
    let to = match to {
        Some(to) => to.to_owned(),
        None => compare::next_level(track, from_level)
            .map(|l| l.id.clone())
            .ok_or_else(|| anyhow!("`{from}` is the highest level of `{track_id}`: name a level to compare it with"))?,
    };
    let delta = compare::level_delta(f, &TermMarker::of_framework(f), track_id, from, &to)
        .map_err(|e| anyhow!("{e}"))?;
    let out = match style {
        Style::Json => serde_json::to_string_pretty(&delta)? + "\n",
        Style::Text => delta_text(&delta, carried),
        Style::Markdown => delta_markdown(&delta, carried),
    };
    print(&out)
}

/// `rung band N`.
pub(crate) fn band(dir: Option<&Path>, number: u32, style: Style) -> Result<ExitCode> {
    let (loaded, _) = load(dir)?;
    warn_if_broken(&loaded);
    let f = &loaded.framework;
    let view = compare::band_comparison(f, &TermMarker::of_framework(f), number).map_err(|e| {
        let numbers: Vec<String> = f.bands.iter().map(|b| b.number.to_string()).collect();
        anyhow!(
            "{e}; the bands are {}",
            suggest::list(numbers.iter().map(String::as_str))
        )
    })?;
    let out = match style {
        Style::Json => serde_json::to_string_pretty(&view)? + "\n",
        Style::Text => band_text(&view),
        Style::Markdown => band_markdown(&view),
    };
    print(&out)
}

/// `rung diff --versions OLD NEW`.
pub(crate) fn versions(dir: Option<&Path>, old: &str, new: &str, style: Style) -> Result<ExitCode> {
    let (old_loaded, old_name) = version(dir, old)?;
    let (new_loaded, new_name) = version(dir, new)?;
    for (loaded, name) in [(&old_loaded, &old_name), (&new_loaded, &new_name)] {
        let errors = loaded.count(rung::Severity::Error);
        if errors > 0 {
            eprintln!("warning: {name} has {errors} error(s); `rung check` lists them");
        }
    }
    let diff = compare::version_diff(&old_loaded.framework, &new_loaded.framework);
    let out = match style {
        Style::Json => serde_json::to_string_pretty(&diff)? + "\n",
        Style::Text => versions_text(&diff, &old_name, &new_name),
        Style::Markdown => versions_markdown(&diff, &old_name, &new_name),
    };
    print(&out)
}

/// One version: a folder, or a git revision of the repository the framework folder is in.
fn version(dir: Option<&Path>, spec: &str) -> Result<(Loaded, String)> {
    let path = PathBuf::from(spec);
    if path.is_dir() {
        let loaded = rung::load_dir(&path)
            .with_context(|| format!("cannot read the framework folder `{spec}`"))?;
        return Ok((loaded, spec.to_owned()));
    }
    let folder = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let sources = git_files(&folder, spec).with_context(|| {
        format!(
            "`{spec}` is neither a folder nor a git revision of the repository holding `{}`",
            folder.display()
        )
    })?;
    Ok((
        rung::load(sources, Vec::new()),
        format!("{spec} of {}", folder.display()),
    ))
}

fn git(folder: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .context("cannot run `git`; it is needed to compare git revisions")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The framework files of `folder` as they were at revision `rev`.
fn git_files(folder: &Path, rev: &str) -> Result<Vec<SourceFile>> {
    let prefix = git(folder, &["rev-parse", "--show-prefix"])?
        .trim()
        .to_owned();
    let listing = git(
        folder,
        &[
            "ls-tree",
            "-r",
            // Names as they are, not quoted when they hold other than plain ASCII.
            "-z",
            "--name-only",
            "--full-tree",
            rev,
            "--",
            &format!(":/{prefix}"),
        ],
    )?;
    let paths: Vec<&str> = listing.split('\0').filter(|p| p.ends_with(".md")).collect();
    if paths.is_empty() {
        bail!("revision `{rev}` has no markdown files under `{prefix}`");
    }
    // One `git cat-file --batch` for every file.
    let mut child = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run `git cat-file`")?;
    let mut request = String::new();
    for p in &paths {
        let _ = writeln!(request, "{rev}:{p}");
    }
    // Written from another thread: git answers while it reads, and a long request and
    // answer would otherwise fill both pipes and wait on each other.
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || std::io::Write::write_all(&mut stdin, request.as_bytes()))
    });
    let out = child.wait_with_output()?;
    if let Some(writer) = writer {
        writer
            .join()
            .map_err(|_| anyhow!("writing to git failed"))?
            .context("cannot write to git")?;
    }
    let bytes = out.stdout;
    let mut files = Vec::new();
    let mut at = 0;
    for p in paths {
        let header_end = bytes[at..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| at + i)
            .ok_or_else(|| anyhow!("git's answer ended early"))?;
        let header = String::from_utf8_lossy(&bytes[at..header_end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow!("unexpected answer from git: {header}"))?;
        let body = bytes
            .get(header_end + 1..header_end + 1 + size)
            .ok_or_else(|| anyhow!("git's answer ended early"))?;
        at = header_end + 1 + size + 1;
        let relative = p.strip_prefix(&prefix).unwrap_or(p);
        match rung::files::folder::decode(relative, body.to_vec()) {
            Ok(file) => files.push(file),
            Err(d) => eprintln!("warning: {d}"),
        }
    }
    Ok(files)
}

fn diff_text(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| match p.kind {
            DiffKind::Same => p.text.clone(),
            DiffKind::Added => format!("{{+{}+}}", p.text),
            DiffKind::Removed => format!("[-{}-]", p.text),
        })
        .collect()
}

fn diff_markdown(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| {
            let words = p.text.trim();
            let (before, after) = (
                &p.text[..p.text.len() - p.text.trim_start().len()],
                &p.text[p.text.trim_end().len()..],
            );
            match p.kind {
                DiffKind::Same => p.text.clone(),
                _ if words.is_empty() => p.text.clone(),
                DiffKind::Added => format!("{before}**{words}**{after}"),
                DiffKind::Removed => format!("{before}~~{words}~~{after}"),
            }
        })
        .collect()
}

fn plain(e: &ExpectationRef) -> String {
    to_plain_text(&e.text)
}

fn delta_text(d: &LevelDelta, carried: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} → {} ({}, band {} → {})",
        d.from.title, d.to.title, d.track_name, d.from.band, d.to.band
    );
    let c = d.counts;
    let _ = writeln!(
        o,
        "{} new, {} stronger, {} carried over, {} dropped",
        c.new, c.stronger, c.carried, c.dropped
    );
    for dim in &d.dimensions {
        if dim.from == dim.to {
            continue;
        }
        let _ = writeln!(o, "\n{}", dim.name);
        if dim.rewritten {
            let _ = writeln!(
                o,
                "  was  {}",
                dim.from.as_deref().map(to_plain_text).unwrap_or_default()
            );
            let _ = writeln!(
                o,
                "  now  {}",
                dim.to.as_deref().map(to_plain_text).unwrap_or_default()
            );
        } else {
            let _ = writeln!(o, "  {}", diff_text(&dim.diff));
        }
    }
    for comp in &d.competencies {
        let _ = writeln!(o, "\n{}", comp.name);
        for e in &comp.new {
            let _ = writeln!(o, "  new       {}", plain(e));
        }
        for s in &comp.stronger {
            let how = if s.linked {
                "replaces"
            } else {
                "grows from (similar words)"
            };
            let _ = writeln!(o, "  stronger  {}", plain(&s.to));
            let _ = writeln!(
                o,
                "            {how} an expectation of {}",
                s.from.level_label()
            );
            if s.rewritten {
                let _ = writeln!(o, "            was: {}", plain(&s.from));
            } else {
                let _ = writeln!(o, "            {}", diff_text(&s.diff));
            }
        }
        for e in &comp.dropped {
            let _ = writeln!(o, "  dropped   {}", plain(e));
        }
        if carried {
            for e in &comp.carried {
                let _ = writeln!(o, "  carried   {}", plain(e));
            }
        } else if !comp.carried.is_empty() {
            let _ = writeln!(
                o,
                "  carried   {} (--carried lists them)",
                comp.carried.len()
            );
        }
    }
    o
}

fn delta_markdown(d: &LevelDelta, carried: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# From {} to {}\n", d.from.title, d.to.title);
    let c = d.counts;
    let _ = writeln!(
        o,
        "{} track, band {} to {}: {} new, {} stronger, {} carried over, {} dropped.",
        d.track_name, d.from.band, d.to.band, c.new, c.stronger, c.carried, c.dropped
    );
    let changed: Vec<_> = d.dimensions.iter().filter(|x| x.from != x.to).collect();
    if !changed.is_empty() {
        let _ = writeln!(o, "\n## At a glance\n");
        for dim in changed {
            if dim.rewritten {
                let _ = writeln!(
                    o,
                    "- **{}**: {} (was: {})",
                    dim.name,
                    dim.to.as_deref().unwrap_or("—"),
                    dim.from.as_deref().unwrap_or("—")
                );
            } else {
                let _ = writeln!(o, "- **{}**: {}", dim.name, diff_markdown(&dim.diff));
            }
        }
    }
    for comp in &d.competencies {
        let _ = writeln!(o, "\n## {}\n", comp.name);
        for e in &comp.new {
            let _ = writeln!(o, "- New: {}", e.text);
        }
        for s in &comp.stronger {
            if s.rewritten {
                let _ = writeln!(o, "- Stronger: {} (was: {})", s.to.text, s.from.text);
            } else {
                let _ = writeln!(o, "- Stronger: {}", diff_markdown(&s.diff));
            }
        }
        for e in &comp.dropped {
            let _ = writeln!(o, "- No longer listed: {}", e.text);
        }
        if carried {
            for e in &comp.carried {
                let _ = writeln!(o, "- Carried over: {}", e.text);
            }
        } else if !comp.carried.is_empty() {
            let _ = writeln!(o, "- Carried over: {} expectations", comp.carried.len());
        }
    }
    o
}

fn band_text(v: &BandComparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Band {} · {}", v.band, v.name);
    if !v.summary.is_empty() {
        let _ = writeln!(o, "{}", v.summary);
    }
    let _ = writeln!(o);
    for col in &v.columns {
        match &col.level {
            Some(l) => {
                let _ = writeln!(o, "  {:<22} {} ({})", col.track_name, l.title, l.id);
            }
            None => {
                let _ = writeln!(o, "  {:<22} no level on this band", col.track_name);
            }
        }
    }
    for row in v.dimensions.iter().chain(&v.competencies) {
        let tag = if row.shared { "" } else { " (craft-specific)" };
        let _ = writeln!(o, "\n{}{tag}", row.name);
        for (col, cell) in v.columns.iter().zip(&row.cells) {
            match cell {
                None => {}
                Some(items) if items.is_empty() => {
                    let _ = writeln!(o, "  {:<22} (nothing new at this level)", col.track_name);
                }
                Some(items) => {
                    for (i, e) in items.iter().enumerate() {
                        let name = if i == 0 { col.track_name.as_str() } else { "" };
                        let _ = writeln!(o, "  {name:<22} {}", plain(e));
                    }
                }
            }
        }
    }
    o
}

fn band_markdown(v: &BandComparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Band {}: {}\n", v.band, v.name);
    if !v.summary.is_empty() {
        let _ = writeln!(o, "{}\n", v.summary);
    }
    let _ = writeln!(o, "| Track | Level |\n|---|---|");
    for col in &v.columns {
        let level = col.level.as_ref().map_or_else(
            || "no level on this band".to_owned(),
            |l| format!("{} (`{}`)", l.title, l.id),
        );
        let _ = writeln!(o, "| {} | {level} |", col.track_name);
    }
    for row in v.dimensions.iter().chain(&v.competencies) {
        let tag = if row.shared { "" } else { " (craft-specific)" };
        let _ = writeln!(o, "\n## {}{tag}\n", row.name);
        for (col, cell) in v.columns.iter().zip(&row.cells) {
            match cell {
                None => {}
                Some(items) if items.is_empty() => {
                    let _ = writeln!(o, "- **{}**: nothing new at this level", col.track_name);
                }
                Some(items) => {
                    let _ = writeln!(o, "- **{}**", col.track_name);
                    for e in items {
                        let _ = writeln!(o, "  - {}", e.text);
                    }
                }
            }
        }
    }
    o
}

fn versions_text(d: &VersionDiff, old: &str, new: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} {} ({old}) → {} {} ({new})",
        d.old.name, d.old.version, d.new.name, d.new.version
    );
    let _ = writeln!(
        o,
        "{} added, {} removed, {} reworded, {} unchanged",
        d.added.len(),
        d.removed.len(),
        d.reworded.len(),
        d.unchanged
    );
    for e in &d.added {
        let _ = writeln!(o, "\nadded     {}\n          {}", e.id, plain(e));
    }
    for e in &d.removed {
        let _ = writeln!(o, "\nremoved   {}\n          {}", e.id, plain(e));
    }
    for r in &d.reworded {
        if r.rewritten {
            let _ = writeln!(
                o,
                "\nreworded  {}\n     was  {}\n     now  {}",
                r.id,
                plain(&r.old),
                plain(&r.new)
            );
        } else {
            let _ = writeln!(o, "\nreworded  {}\n          {}", r.id, diff_text(&r.diff));
        }
    }
    o
}

fn versions_markdown(d: &VersionDiff, old: &str, new: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {} {} → {}\n\nFrom `{old}` to `{new}`: {} added, {} removed, {} reworded, {} unchanged.",
        d.new.name,
        d.old.version,
        d.new.version,
        d.added.len(),
        d.removed.len(),
        d.reworded.len(),
        d.unchanged
    );
    for (title, list) in [("Added", &d.added), ("Removed", &d.removed)] {
        if !list.is_empty() {
            let _ = writeln!(o, "\n## {title}\n");
            for e in list {
                let _ = writeln!(o, "- `{}`: {}", e.id, e.text);
            }
        }
    }
    if !d.reworded.is_empty() {
        let _ = writeln!(o, "\n## Reworded\n");
        for r in &d.reworded {
            let _ = writeln!(o, "- `{}`: {}", r.id, diff_markdown(&r.diff));
        }
    }
    o
}
