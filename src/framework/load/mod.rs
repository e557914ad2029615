//! Loading a framework from its files: every file is read on its own, then checked
//! against the others. The result is the framework plus every diagnostic; a bad file is
//! reported and skipped, and everything else still loads.

mod aids;
mod checks;
mod files;
mod glossary;
mod guide;
mod item;
#[cfg(test)]
mod reload_tests;
mod supervision;

use crate::framework::diagnostic::{self, Code, Diagnostic, Severity};
use crate::framework::model::Framework;
use crate::framework::source::SourceFile;

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
    /// `guide.md`: how to use the framework.
    Guide,
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
        ["guide.md"] => Kind::Guide,
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

/// What one file gave on its own, before it is checked against the others.
#[derive(Clone)]
enum Outcome {
    Framework(Option<files::FrameworkFile>),
    Guide(Option<crate::framework::model::Guide>),
    Competency(Option<files::CompetencyFile>),
    Glossary(files::GlossaryFile),
    Track(String, Option<files::TrackFile>),
    /// Shared, so that keeping a copy for the next load costs nothing.
    Level(String, Option<std::sync::Arc<files::LevelFile>>),
    Ignored,
    Stray,
}

/// A file's outcome and the diagnostics of reading it alone.
#[derive(Clone)]
struct FileReading {
    outcome: Outcome,
    diagnostics: Vec<Diagnostic>,
}

fn parse_file(file: &SourceFile) -> FileReading {
    let mut diagnostics = Vec::new();
    let outcome = match classify(&file.path) {
        Kind::Framework => Outcome::Framework(files::framework(file, &mut diagnostics)),
        Kind::Guide => Outcome::Guide(guide::read(file, &mut diagnostics)),
        Kind::Competency => Outcome::Competency(files::competency(file, &mut diagnostics)),
        Kind::Glossary => Outcome::Glossary(files::glossary(file, &mut diagnostics)),
        Kind::Track { folder } => Outcome::Track(folder, files::track(file, &mut diagnostics)),
        Kind::Level { folder } => Outcome::Level(
            folder,
            files::level(file, &mut diagnostics).map(std::sync::Arc::new),
        ),
        Kind::Ignored => Outcome::Ignored,
        Kind::Stray => Outcome::Stray,
    };
    if !matches!(outcome, Outcome::Ignored) {
        crate::framework::placeholder::report(file, &mut diagnostics);
    }
    FileReading {
        outcome,
        diagnostics,
    }
}

/// Below this many files, parsing on one thread is faster than starting others.
const PARALLEL_FROM: usize = 64;

/// Parses every file on its own, on all cores when there are many.
fn parse_all(
    sources: &[SourceFile],
    reuse: impl Fn(&SourceFile) -> Option<FileReading> + Sync,
) -> Vec<FileReading> {
    let one = |file: &SourceFile| reuse(file).unwrap_or_else(|| parse_file(file));
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || sources.len() < PARALLEL_FROM {
        return sources.iter().map(one).collect();
    }
    // Interleave files across threads so that big and small files spread evenly.
    let per_thread: Vec<Vec<(usize, FileReading)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let one = &one;
                scope.spawn(move || {
                    sources
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, file)| (i, one(file)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut slots: Vec<Option<FileReading>> = vec![None; sources.len()];
    for (i, parsed) in per_thread.into_iter().flatten() {
        slots[i] = Some(parsed);
    }
    // A worker that panicked left its files empty; parse those here.
    slots
        .into_iter()
        .zip(sources)
        .map(|(parsed, file)| parsed.unwrap_or_else(|| one(file)))
        .collect()
}

fn prepare(sources: &mut Vec<SourceFile>) {
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    // A folder cannot hold two files with one path; a caller that passes two keeps the first.
    sources.dedup_by(|later, first| later.path == first.path);
}

/// Loads a framework from files already read, adding to the diagnostics of reading them.
pub fn load(mut sources: Vec<SourceFile>, diagnostics: Vec<Diagnostic>) -> Loaded {
    prepare(&mut sources);
    let parsed = parse_all(&sources, |_| None);
    combine(sources, parsed, diagnostics, None)
}

/// Loads a framework again and again as its files change, parsing only the files whose
/// text changed since the last load, and checking again only the tracks those files touch.
/// The result is the same as [`load`]'s.
#[derive(Default)]
pub struct Loader {
    /// Each file read, by path (so in the order a load sorts them in).
    files: std::collections::BTreeMap<String, Kept>,
    /// What reading the files reported beside them: files that could not be read.
    read: Vec<Diagnostic>,
    /// What assembling each track gave, reused while nothing it reads changed.
    tracks: checks::TrackCache,
    /// The files added, changed or removed by the last load; `None` before a second one.
    changed: Option<Vec<String>>,
    /// How many loads this loader has done.
    generation: u64,
    /// The last version given to a file's text.
    versions: u64,
    /// The content hash as it stood after each file, in path order, and the version of
    /// that file: a load hashes again only from the first file that changed.
    hashed: Vec<(u64, sha2::Sha256)>,
    /// The content hash of the last load (see [`crate::framework::hash::content_hash`]).
    hash: String,
    /// Set by whoever reads the files when changes to single files cannot be trusted to
    /// be all there is (links between files, a folder at its limit): then only reading
    /// every file again will do.
    pub(crate) whole_reads_only: bool,
}

/// A file as a loader keeps it: its text, what it gave on its own, and the version of its
/// text, which changes whenever the text does.
struct Kept {
    source: SourceFile,
    reading: FileReading,
    version: u64,
}

/// A file read again after a change: at `path`, now `source`, or nothing when it is gone
/// or cannot be read, with what reading it reported.
#[derive(Debug, Clone)]
pub struct Reread {
    /// Relative to the framework's folder, with `/` separators.
    pub path: String,
    /// Its text now; `None` when it is gone or cannot be read.
    pub source: Option<SourceFile>,
    /// Why it could not be read, if so.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("files", &self.files.len())
            .finish()
    }
}

impl Loader {
    /// A loader with nothing cached.
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Loads from every file of the framework, already read, reusing what unchanged
    /// files gave last time.
    pub fn load(&mut self, mut sources: Vec<SourceFile>, diagnostics: Vec<Diagnostic>) -> Loaded {
        prepare(&mut sources);
        let files = &self.files;
        let parsed = parse_all(&sources, |file| {
            files
                .get(&file.path)
                .filter(|kept| kept.source.text == file.text)
                .map(|kept| kept.reading.clone())
        });
        let kept: std::collections::HashSet<&str> =
            sources.iter().map(|f| f.path.as_str()).collect();
        let mut changed: Vec<String> = self
            .files
            .keys()
            .filter(|p| !kept.contains(p.as_str()))
            .cloned()
            .collect();
        self.files.retain(|path, _| kept.contains(path.as_str()));
        for (file, reading) in sources.into_iter().zip(parsed) {
            if self
                .files
                .get(&file.path)
                .is_some_and(|k| k.source.text == file.text)
            {
                continue;
            }
            changed.push(file.path.clone());
            self.keep(file, reading);
        }
        self.read = diagnostics;
        self.finish(changed)
    }

    /// Loads again after some files changed, given only those files, read again: every
    /// other file is taken to be as it was at the last load.
    pub fn load_changes(&mut self, changes: Vec<Reread>) -> Loaded {
        // A path named twice is what it was last.
        let mut now: std::collections::BTreeMap<String, Option<SourceFile>> = Default::default();
        for change in changes {
            self.read.retain(|d| d.path != change.path);
            self.read.extend(change.diagnostics);
            let source = change.source.filter(|s| s.path == change.path);
            now.insert(change.path, source);
        }
        let mut changed = Vec::new();
        let mut fresh = Vec::new();
        for (path, source) in now {
            match source {
                Some(source) => {
                    let same = self
                        .files
                        .get(&path)
                        .is_some_and(|k| k.source.text == source.text);
                    if !same {
                        fresh.push(source);
                    }
                }
                None => {
                    if self.files.remove(&path).is_some() {
                        changed.push(path);
                    }
                }
            }
        }
        let parsed = parse_all(&fresh, |_| None);
        for (file, reading) in fresh.into_iter().zip(parsed) {
            changed.push(file.path.clone());
            self.keep(file, reading);
        }
        self.finish(changed)
    }

    fn keep(&mut self, source: SourceFile, reading: FileReading) {
        self.versions += 1;
        let version = self.versions;
        self.files.insert(
            source.path.clone(),
            Kept {
                source,
                reading,
                version,
            },
        );
    }

    fn finish(&mut self, mut changed: Vec<String>) -> Loaded {
        changed.sort();
        changed.dedup();
        self.changed = (self.generation > 0).then_some(changed);
        self.generation += 1;
        let sources = self.files.values().map(|k| k.source.clone()).collect();
        let parsed = self.files.values().map(|k| k.reading.clone()).collect();
        let versions: Vec<u64> = self.files.values().map(|k| k.version).collect();
        self.hash_again(&versions);
        combine(
            sources,
            parsed,
            self.read.clone(),
            Some(checks::Reuse {
                cache: &mut self.tracks,
                versions: &versions,
            }),
        )
    }

    /// The files added, changed or removed by the last load, by path; `None` when there
    /// was no load before it to compare with.
    pub fn changed(&self) -> Option<&[String]> {
        self.changed.as_deref()
    }

    /// How many loads this loader has done: orders the results of successive loads.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Works out the content hash, from the first file whose version is not the one
    /// hashed at its place: the files before it hash as they did.
    fn hash_again(&mut self, versions: &[u64]) {
        use sha2::Digest;
        let same = self
            .hashed
            .iter()
            .zip(versions)
            .take_while(|((hashed, _), version)| hashed == *version)
            .count();
        self.hashed.truncate(same);
        let mut hasher = self
            .hashed
            .last()
            .map_or_else(sha2::Sha256::new, |(_, state)| state.clone());
        for kept in self.files.values().skip(same) {
            hasher.update(kept.source.path.as_bytes());
            hasher.update([0]);
            hasher.update(kept.source.text.as_bytes());
            hasher.update([0]);
            self.hashed.push((kept.version, hasher.clone()));
        }
        // As `content_hash` writes it: the first six bytes, in hexadecimal.
        self.hash = hasher
            .finalize()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect();
    }

    /// The content hash of the files of the last load: what
    /// [`crate::framework::hash::content_hash`] gives for its result.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// How many files the last load read.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Whether the loader holds a load to apply changes to, and changes to single files
    /// can be trusted (see [`Loader::load_changes`]).
    pub fn takes_changes(&self) -> bool {
        self.generation > 0 && !self.whole_reads_only
    }
}

fn combine(
    sources: Vec<SourceFile>,
    parsed: Vec<FileReading>,
    mut diagnostics: Vec<Diagnostic>,
    mut reuse: Option<checks::Reuse<'_>>,
) -> Loaded {
    let mut all = checks::Gathered::default();
    let mut has_framework_file = false;
    for (index, (file, p)) in sources.iter().zip(parsed).enumerate() {
        diagnostics.extend(p.diagnostics);
        match p.outcome {
            Outcome::Framework(meta) => {
                has_framework_file = true;
                all.framework = meta;
            }
            Outcome::Guide(g) => all.guide = g,
            Outcome::Competency(c) => all.competencies.extend(c.map(|c| (index, c))),
            Outcome::Glossary(g) => {
                all.terms.extend(g.terms.into_iter().map(|t| (index, t)));
                all.craft_words.extend(g.craft_words);
            }
            Outcome::Track(folder, Some(t)) => all.tracks.push((index, folder, t)),
            // Its error is reported already, so the levels and competencies that refer to
            // this track stay quiet.
            Outcome::Track(folder, None) => all.broken_tracks.push(folder),
            Outcome::Level(folder, l) => all.levels.extend(l.map(|l| (index, folder, l))),
            Outcome::Ignored => {}
            Outcome::Stray => diagnostics.push(
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

    let framework = checks::assemble(
        all,
        &sources,
        reuse.as_mut().map(|r| checks::Reuse {
            cache: &mut *r.cache,
            versions: r.versions,
        }),
        &mut diagnostics,
    );
    supervision::inherited_supervision(
        &framework,
        &sources,
        reuse.map(|r| r.cache),
        &mut diagnostics,
    );
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

    fn bundled() -> Vec<SourceFile> {
        crate::files::bundled::sources().0
    }

    fn edit(sources: &mut [SourceFile], path: &str, f: impl Fn(&str) -> String) {
        let file = sources
            .iter_mut()
            .find(|s| s.path == path)
            .expect("file exists");
        *file = SourceFile::new(path, f(&file.text));
    }

    fn same(a: &Loaded, b: &Loaded) {
        assert_eq!(a.framework, b.framework);
        assert_eq!(a.diagnostics, b.diagnostics);
        assert_eq!(a.sources, b.sources);
    }

    #[test]
    fn a_loader_gives_what_a_fresh_load_gives_and_lists_the_changed_files() {
        let mut loader = Loader::new();
        let mut files = bundled();
        same(
            &loader.load(files.clone(), Vec::new()),
            &load(files.clone(), Vec::new()),
        );
        assert_eq!(
            loader.changed(),
            None,
            "nothing to compare the first load with"
        );

        // An expectation reworded, a vague word added (a diagnostic), a file removed,
        // a stray file added: each reload equals a load from scratch.
        edit(&mut files, "tracks/engineering/e3.md", |t| {
            t.replace(
                "Owns a project of one to three months",
                "Owns a strong project of one to four months",
            )
        });
        let reloaded = loader.load(files.clone(), Vec::new());
        same(&reloaded, &load(files.clone(), Vec::new()));
        assert_eq!(
            loader.changed(),
            Some(&["tracks/engineering/e3.md".to_owned()][..])
        );
        assert!(reloaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::VagueWording && d.path == "tracks/engineering/e3.md"));

        files.retain(|f| f.path != "tracks/engineering/e4.md");
        files.push(SourceFile::new("tracks/notes.md", "stray"));
        let reloaded = loader.load(files.clone(), Vec::new());
        same(&reloaded, &load(files.clone(), Vec::new()));
        let mut changed = loader.changed().unwrap_or_default().to_vec();
        changed.sort();
        assert_eq!(changed, ["tracks/engineering/e4.md", "tracks/notes.md"]);

        // Nothing changed: nothing listed, the same result.
        let again = loader.load(files.clone(), Vec::new());
        same(&again, &reloaded);
        assert_eq!(loader.changed(), Some(&[][..]));
        assert_eq!(loader.generation(), 4);
    }

    #[test]
    fn parsing_on_several_threads_keeps_the_order_of_files() {
        // More files than the parallel threshold: the bundled ones plus padding.
        let mut files = bundled();
        for i in 0..PARALLEL_FROM {
            files.push(SourceFile::new(format!("notes-{i:03}.md"), "ignored"));
        }
        let loaded = load(files.clone(), Vec::new());
        assert_eq!(loaded.framework, {
            let mut sorted = files.clone();
            prepare(&mut sorted);
            let parsed = sorted.iter().map(parse_file).collect();
            combine(sorted, parsed, Vec::new(), None).framework
        });
    }

    #[test]
    fn files_are_classified_by_place() {
        assert_eq!(classify("framework.md"), Kind::Framework);
        assert_eq!(classify("README.md"), Kind::Ignored);
        assert_eq!(classify("guide.md"), Kind::Guide);
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
