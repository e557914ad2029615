//! Loading a framework from its files: every file is read on its own, then checked
//! against the others. The result is the framework plus every diagnostic; a bad file is
//! reported and skipped, and everything else still loads.

mod checks;
mod files;

use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::model::Framework;
use crate::source::SourceFile;

/// What loading produced: the framework, what is wrong with it, and the files read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Everything that could be loaded.
    pub framework: Framework,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for showing diagnostics in context.
    pub sources: Vec<SourceFile>,
}

impl Loaded {
    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The source file at a relative path.
    pub fn source(&self, path: &str) -> Option<&SourceFile> {
        self.sources.iter().find(|s| s.path == path)
    }
}

/// What a file is, from where it sits in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Framework,
    Competency,
    Glossary,
    Track {
        folder: String,
    },
    Level {
        folder: String,
    },
    /// A markdown file at the root other than `framework.md` (README, CHANGELOG, …).
    Ignored,
    Stray,
}

pub(crate) fn classify(path: &str) -> Kind {
    if !path.ends_with(".md") {
        return Kind::Ignored;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["framework.md"] => Kind::Framework,
        [_] => Kind::Ignored,
        ["competencies", _] => Kind::Competency,
        ["glossary", _] => Kind::Glossary,
        ["tracks", folder, "track.md"] => Kind::Track {
            folder: (*folder).to_owned(),
        },
        ["tracks", folder, _] => Kind::Level {
            folder: (*folder).to_owned(),
        },
        _ => Kind::Stray,
    }
}

/// Loads a framework from files already read, adding to the diagnostics of reading them.
pub fn load(mut sources: Vec<SourceFile>, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    // A folder cannot hold two files with one path; a caller that passes two keeps the first.
    sources.dedup_by(|later, first| later.path == first.path);
    let mut parsed = checks::Parsed::default();
    let mut has_framework_file = false;

    for (index, file) in sources.iter().enumerate() {
        match classify(&file.path) {
            Kind::Framework => {
                has_framework_file = true;
                parsed.framework = files::framework(file, &mut diagnostics);
            }
            Kind::Competency => {
                if let Some(c) = files::competency(file, &mut diagnostics) {
                    parsed.competencies.push((index, c));
                }
            }
            Kind::Glossary => {
                for term in files::glossary(file, &mut diagnostics) {
                    parsed.terms.push((index, term));
                }
            }
            Kind::Track { folder } => match files::track(file, &mut diagnostics) {
                Some(t) => parsed.tracks.push((index, folder, t)),
                // Its error is reported already, so the levels and competencies that
                // refer to this track stay quiet.
                None => parsed.broken_tracks.push(folder),
            },
            Kind::Level { folder } => {
                if let Some(l) = files::level(file, &mut diagnostics) {
                    parsed.levels.push((index, folder, l));
                }
            }
            Kind::Ignored => {}
            Kind::Stray => diagnostics.push(
                Diagnostic::file(
                    Code::StrayFile,
                    &file.path,
                    "this file is not part of the framework",
                )
                .with_help(
                    "competencies go in `competencies/`, terms in `glossary/`, levels in `tracks/<track>/`",
                ),
            ),
        }
    }

    if !has_framework_file && !diagnostics.iter().any(|d| d.path == "framework.md") {
        diagnostics.push(
            Diagnostic::file(
                Code::MissingFramework,
                "framework.md",
                "the folder has no `framework.md`",
            )
            .with_help("create `framework.md` with the framework's name, version, bands, dimensions and rating scale"),
        );
    }

    let framework = checks::assemble(parsed, &sources, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Loaded {
        framework,
        diagnostics,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_classified_by_place() {
        assert_eq!(classify("framework.md"), Kind::Framework);
        assert_eq!(classify("README.md"), Kind::Ignored);
        assert_eq!(classify("competencies/delivery.md"), Kind::Competency);
        assert_eq!(classify("glossary/terms.md"), Kind::Glossary);
        assert_eq!(
            classify("tracks/eng/track.md"),
            Kind::Track {
                folder: "eng".into()
            }
        );
        assert_eq!(
            classify("tracks/eng/e1.md"),
            Kind::Level {
                folder: "eng".into()
            }
        );
        assert_eq!(classify("tracks/notes.md"), Kind::Stray);
        assert_eq!(classify("tracks/eng/old/e1.md"), Kind::Stray);
        assert_eq!(classify("tracks/eng/logo.png"), Kind::Ignored);
    }
}
