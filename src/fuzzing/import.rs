//! The `import_*` targets: `rung import` of each family of sources. Every report line
//! points at a file read, at a 1-based line and column within it; the files written load
//! with no error; reading and writing again give the same model and the same files (the
//! IDs are stable). An exported page reads back to files that embed and read back the
//! same, and load with diagnostics that fit.

use super::{diagnostics_fit, ensure, split, Checked};
use crate::import::{self, Format, Options, ReportLine, Source};
use crate::share::{self, source_from_html};
use crate::SourceFile;

/// A CSV table, or several.
pub(super) fn csv(data: &[u8]) -> Checked {
    family(data, Format::Csv, &["ladder.csv", "grades.tsv"])
}

/// Markdown pages with a heading per level.
pub(super) fn markdown(data: &[u8]) -> Checked {
    family(
        data,
        Format::Markdown,
        &["engineering.md", "design/01-designer.md"],
    )
}

/// Markdown pages whose front matter holds the matrix.
pub(super) fn progression(data: &[u8]) -> Checked {
    family(
        data,
        Format::Progression,
        &["engineering/web.md", "principles.md"],
    )
}

/// Structured YAML or JSON, possibly in several files.
pub(super) fn structured(data: &[u8]) -> Checked {
    family(data, Format::Structured, &["ladder.yaml", "levels.json"])
}

/// A page written by `rung export-html`: read as the app and the tool read it (the files
/// it embeds), and through [`import::read`], which sends it to be imported on its own.
pub(super) fn rung_html(data: &[u8]) -> Checked {
    family(data, Format::RungHtml, &["framework.html"])?;
    let html = String::from_utf8_lossy(data);
    let files = match source_from_html(&html) {
        Err(error) => {
            return ensure(!error.to_string().trim().is_empty(), || {
                format!("an empty message for {error:?}")
            })
        }
        Ok(files) => files,
    };
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::new(path.as_str(), text.as_str()))
        .collect();
    let embedded = share::source::embed(&sources);
    ensure(source_from_html(&embedded).as_ref() == Ok(&files), || {
        "the files of a page do not read back once embedded again".to_owned()
    })?;
    ensure(embedded.matches("</script>").count() == 1, || {
        "a file's text closes the block it is embedded in".to_owned()
    })?;
    let mut unique = std::collections::HashSet::new();
    let sources: Vec<SourceFile> = sources
        .into_iter()
        .filter(|s| unique.insert(s.path.clone()))
        .collect();
    let loaded = crate::load(sources.clone(), Vec::new());
    diagnostics_fit(&loaded.diagnostics, &sources)
}

/// Reads the input's files as `format`, writes the framework, and checks both.
fn family(data: &[u8], format: Format, paths: &[&str]) -> Checked {
    let sources: Vec<Source> = split(data, paths)
        .into_iter()
        .map(|(path, bytes)| Source {
            path,
            bytes: bytes.to_vec(),
        })
        .collect();
    let options = Options {
        from: Some(format),
        columns: Vec::new(),
    };
    let imported = import::read(&sources, "fuzzed", &options);
    ensure(
        import::read(&sources, "fuzzed", &options) == imported,
        || "reading the same source twice gave two models".to_owned(),
    )?;
    for line in &imported.problems {
        within(line, &sources)?;
    }
    let written = import::write(&imported);
    ensure(import::write(&imported) == written, || {
        "writing the same model twice gave two sets of files".to_owned()
    })?;
    for line in &written.report.lines {
        within(line, &sources)?;
    }
    let files: Vec<SourceFile> = written
        .files
        .iter()
        .map(|(path, text)| SourceFile::new(path.as_str(), text.as_str()))
        .collect();
    let loaded = crate::load(files.clone(), Vec::new());
    diagnostics_fit(&loaded.diagnostics, &files)?;
    match loaded.diagnostics.iter().find(|d| d.is_error()) {
        Some(d) => Err(format!(
            "the written framework does not load: {}:{}:{}: {}\n{}",
            d.path,
            d.line,
            d.column,
            d.message,
            files
                .iter()
                .find(|f| f.path == d.path)
                .map_or("", |f| f.text.as_str())
        )),
        None => Ok(()),
    }
}

/// A report line names a file read, at a 1-based line and column, on a line it has.
fn within(line: &ReportLine, sources: &[Source]) -> Checked {
    let at = &line.at;
    ensure(at.line >= 1 && at.column >= 1, || {
        format!("a position that is not 1-based: {line}")
    })?;
    let source = sources
        .iter()
        .find(|s| s.path == at.path)
        .ok_or_else(|| format!("a report line about a file not read: {line}"))?;
    let lines = source.bytes.split(|b| *b == b'\n').count();
    ensure(at.line <= lines, || {
        format!("a report line past the end of its file ({lines} lines): {line}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_sources_of_the_tests_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import-sources");
        for (folder, check) in [
            ("matrix", csv as fn(&[u8]) -> Checked),
            ("long-form", csv),
            ("broken", csv),
            ("markdown-levels", markdown),
            ("markdown-table", markdown),
            ("markdown-files", markdown),
            ("progression", progression),
            ("progression-broken", progression),
            ("structured-yaml", structured),
            ("structured-json", structured),
            ("structured-broken", structured),
            ("structured-slips", structured),
        ] {
            let mut input = Vec::new();
            let mut paths = Vec::new();
            for entry in walk(&root.join(folder)) {
                let rel = entry.strip_prefix(&root).unwrap().display().to_string();
                input.extend_from_slice(format!("@@@ {rel}\n").as_bytes());
                input.extend_from_slice(&std::fs::read(&entry).unwrap());
                if !input.ends_with(b"\n") {
                    input.push(b'\n');
                }
                paths.push(rel);
            }
            assert!(!paths.is_empty(), "{folder}");
            assert_eq!(check(&input), Ok(()), "{folder}");
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_report_line_past_the_end_fails_the_check() {
        let sources = [Source {
            path: "a.csv".to_owned(),
            bytes: b"x\ny\n".to_vec(),
        }];
        let mut line = ReportLine {
            at: import::Origin {
                path: "a.csv".to_owned(),
                line: 3,
                column: 1,
            },
            what: "x".to_owned(),
            outcome: import::Outcome::Problem {
                why: "y".to_owned(),
            },
        };
        assert_eq!(within(&line, &sources), Ok(()));
        line.at.line = 4;
        assert!(within(&line, &sources).is_err_and(|e| e.starts_with("a report line past the end")));
        line.at.path = "b.csv".to_owned();
        assert!(within(&line, &sources)
            .is_err_and(|e| e.starts_with("a report line about a file not read")));
    }

    #[test]
    fn an_exported_page_passes() {
        let (sources, _) = crate::files::bundled::sources();
        let page = format!("<html>{}</html>", share::source::embed(&sources));
        assert_eq!(rung_html(page.as_bytes()), Ok(()));
        assert_eq!(rung_html(b"<html></html>"), Ok(()));
    }
}
