//! A loader given only the files that changed gives what loading every file from scratch
//! gives: the same framework, the same diagnostics in the same order, the same files and
//! so the same content hash. Random series of edits, of every kind a person or a `git
//! checkout` makes, to the bundled framework, are compared load by load.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;

use super::{load, Loaded, Loader, Reread};
use crate::framework::hash::content_hash;
use crate::framework::source::SourceFile;

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

type Files = BTreeMap<String, String>;

/// The bundled framework with two of its tracks (one with `replaces=` references) and two
/// of its glossary files, which keeps every kind of file and cross-file check while the
/// test stays quick.
fn bundled() -> Files {
    crate::load_bundled()
        .sources
        .into_iter()
        .filter(|s| {
            [
                "tracks/product-manager/",
                "tracks/engineering-manager/",
                "tracks/sto/",
                "glossary/design.md",
                "glossary/management.md",
                "glossary/product.md",
            ]
            .iter()
            .all(|t| !s.path.starts_with(t))
        })
        .map(|s| (s.path, s.text))
        .collect()
}

/// How many series of edits: `RUNG_RELOAD_SEEDS` runs more of them.
fn seeds() -> u64 {
    std::env::var("RUNG_RELOAD_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
}

fn sources(files: &Files) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(p, t)| SourceFile::new(p.clone(), t.clone()))
        .collect()
}

fn levels(files: &Files) -> Vec<String> {
    files
        .keys()
        .filter(|p| p.starts_with("tracks/") && !p.ends_with("/track.md"))
        .cloned()
        .collect()
}

fn of_kind(files: &Files, prefix: &str, suffix: &str) -> Vec<String> {
    files
        .keys()
        .filter(|p| p.starts_with(prefix) && p.ends_with(suffix))
        .cloned()
        .collect()
}

/// Replaces the `n`th line (of those `keep` accepts) of a file.
fn edit_line(
    files: &mut Files,
    path: &str,
    rng: &mut Rng,
    keep: impl Fn(&str) -> bool,
    to: impl Fn(&str) -> Option<String>,
) {
    let Some(text) = files.get(path) else { return };
    let lines: Vec<&str> = text.split('\n').collect();
    let candidates: Vec<usize> = (0..lines.len()).filter(|i| keep(lines[*i])).collect();
    let Some(&at) = rng.pick(&candidates) else {
        return;
    };
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match to(lines[at]) {
        Some(line) => out[at] = line,
        None => {
            out.remove(at);
        }
    }
    files.insert(path.to_owned(), out.join("\n"));
}

const WORDS: &[&str] = &[
    "strong",
    "with help available",
    "under supervision",
    "reliably",
    "API",
    "code review",
    "stakeholders",
    "roadmap",
];

/// One edit, chosen at random among the kinds a person makes.
fn random_edit(files: &mut Files, original: &Files, rng: &mut Rng, n: usize) {
    let levels = levels(files);
    let level = rng.pick(&levels).cloned().unwrap_or_default();
    let word = WORDS[rng.below(WORDS.len())];
    match rng.below(22) {
        // An expectation reworded, with a word that may be vague, read like supervision
        // or be a craft word.
        0..=2 => edit_line(
            files,
            &level,
            rng,
            |l| l.starts_with("- "),
            |l| Some(format!("- {word} {}", &l[2..])),
        ),
        // An expectation removed.
        3 => edit_line(files, &level, rng, |l| l.starts_with("- "), |_| None),
        // An expectation added under a heading.
        4 => edit_line(
            files,
            &level,
            rng,
            |l| l.starts_with("## "),
            |l| {
                Some(format!(
                    "{l}\n\n- Writes {word} notes number {n} for the team."
                ))
            },
        ),
        // An expectation that replaces one of another level.
        5 => {
            let other = rng.pick(&levels).cloned().unwrap_or_default();
            let other_id = other
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md")
                .to_owned();
            let key = files
                .get(&other)
                .and_then(|t| t.split('\n').find(|l| l.starts_with("- ")))
                .map(|l| {
                    l[2..]
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join("-")
                        .to_lowercase()
                })
                .unwrap_or_default();
            edit_line(
                files,
                &level,
                rng,
                |l| l.starts_with("- ") && !l.contains('{'),
                |l| Some(format!("{l} {{replaces={other_id}/{key}}}")),
            );
        }
        // A level's id changed, perhaps to another level's (a duplicate).
        6 => {
            let to = if rng.below(2) == 0 {
                format!("x{n}")
            } else {
                rng.pick(&levels)
                    .and_then(|p| p.rsplit('/').next())
                    .unwrap_or("e1.md")
                    .trim_end_matches(".md")
                    .to_owned()
            };
            edit_line(
                files,
                &level,
                rng,
                |l| l.starts_with("id: "),
                |_| Some(format!("id: {to}")),
            );
        }
        // A level moved to another band, perhaps one that is not defined.
        7 => {
            let band = 1 + rng.below(9);
            edit_line(
                files,
                &level,
                rng,
                |l| l.starts_with("band: "),
                |_| Some(format!("band: {band}")),
            );
        }
        // A section heading renamed, to another competency or to none.
        8 => {
            let to = ["Delivery", "Direction", "Delivry", "Team", "Design craft"][rng.below(5)];
            edit_line(
                files,
                &level,
                rng,
                |l| l.starts_with("## "),
                |_| Some(format!("## {to}")),
            );
        }
        // Broken front matter, in any kind of file.
        9 => {
            let all: Vec<String> = files.keys().cloned().collect();
            let path = rng.pick(&all).cloned().unwrap_or_default();
            if rng.below(2) == 0 {
                edit_line(files, &path, rng, |l| l == "---", |_| Some("--".into()));
            } else {
                edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.contains(": "),
                    |l| Some(format!("{l} [")),
                );
            }
        }
        // A level stops or starts inheriting.
        10 => edit_line(
            files,
            &level,
            rng,
            |l| l.starts_with("summary: "),
            |l| Some(format!("{l}\ncumulative: false")),
        ),
        // A file removed: a level, a track, a competency, a glossary, the framework.
        11 | 12 => {
            let all: Vec<String> = files.keys().cloned().collect();
            let path = if rng.below(3) == 0 {
                rng.pick(&all).cloned()
            } else {
                Some(level)
            };
            if let Some(path) = path {
                files.remove(&path);
            }
        }
        // A new level file: a copy of another, in its own or another track.
        13 => {
            let folders = of_kind(files, "tracks/", "/track.md");
            if let (Some(from), Some(folder)) = (files.get(&level).cloned(), rng.pick(&folders)) {
                let folder = folder.trim_end_matches("track.md");
                files.insert(format!("{folder}n{n}.md"), from);
            }
        }
        // A file put back as it was, or a removed one restored.
        14 | 15 => {
            let all: Vec<String> = original.keys().cloned().collect();
            if let Some(path) = rng.pick(&all) {
                files.insert(path.clone(), original[path].clone());
            }
        }
        // A competency renamed, given another id, or limited to other tracks.
        16 => {
            let competencies = of_kind(files, "competencies/", ".md");
            let path = rng.pick(&competencies).cloned().unwrap_or_default();
            match rng.below(3) {
                0 => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("id: "),
                    |_| Some(format!("id: c{n}")),
                ),
                1 => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("name: "),
                    |_| Some("name: Delivery".into()),
                ),
                _ => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("name: "),
                    |l| Some(format!("{l}\ntracks: [engineering, nowhere]")),
                ),
            }
        }
        // A track given another id (perhaps another track's), career path or span.
        17 => {
            let tracks = of_kind(files, "tracks/", "/track.md");
            let path = rng.pick(&tracks).cloned().unwrap_or_default();
            match rng.below(3) {
                0 => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("id: "),
                    |_| Some("id: engineering".into()),
                ),
                1 => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("career_path: "),
                    |_| Some("career_path: manager".into()),
                ),
                _ => edit_line(
                    files,
                    &path,
                    rng,
                    |l| l.starts_with("name: "),
                    |l| Some(format!("{l}\nfirst_band: 3")),
                ),
            }
        }
        // The framework: another default for inheriting, a band or dimension gone.
        18 => match rng.below(3) {
            0 => edit_line(
                files,
                "framework.md",
                rng,
                |l| l.starts_with("cumulative: "),
                |_| Some("cumulative: false".into()),
            ),
            1 => edit_line(
                files,
                "framework.md",
                rng,
                |l| l.starts_with("  - number: "),
                |_| Some("  - number: 9".into()),
            ),
            _ => edit_line(
                files,
                "framework.md",
                rng,
                |l| l.starts_with("  - id: "),
                |_| Some("  - id: reach".into()),
            ),
        },
        // The glossary: a term gone, or a craft word added.
        19 => {
            let glossaries = of_kind(files, "glossary/", ".md");
            let path = rng.pick(&glossaries).cloned().unwrap_or_default();
            if rng.below(2) == 0 {
                edit_line(files, &path, rng, |l| l.starts_with("## "), |_| None);
            } else {
                edit_line(
                    files,
                    &path,
                    rng,
                    |l| l == "craft_words:",
                    |l| Some(format!("{l}\n  - notes number {n}")),
                );
            }
        }
        // A stray file, where nothing belongs.
        20 => {
            let path = [
                "tracks/notes.md",
                "tracks/engineering/old/e1.md",
                "other/x.md",
            ][rng.below(3)];
            files.insert(path.to_owned(), format!("notes {n}"));
        }
        // A file that is not part of the framework at all.
        _ => {
            files.insert("README.md".to_owned(), format!("read me {n}"));
        }
    }
}

fn same(incremental: &Loaded, full: &Loaded, what: &str) {
    assert_eq!(incremental.sources, full.sources, "{what}: files");
    assert_eq!(
        incremental.diagnostics, full.diagnostics,
        "{what}: diagnostics"
    );
    assert_eq!(incremental.framework, full.framework, "{what}: framework");
    assert_eq!(
        content_hash(incremental),
        content_hash(full),
        "{what}: hash"
    );
}

/// The paths whose text differs between two states, read again as they are now.
fn rereads(before: &Files, now: &Files) -> Vec<Reread> {
    let mut paths: Vec<&String> = before.keys().chain(now.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| before.get(*p) != now.get(*p))
        .map(|p| Reread {
            path: p.clone(),
            source: now.get(p).map(|t| SourceFile::new(p.clone(), t.clone())),
            diagnostics: Vec::new(),
        })
        .collect()
}

#[test]
fn random_edits_reload_to_what_a_full_load_gives() {
    let original = bundled();
    for seed in 1..=seeds() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed * 0x1000_0001));
        let mut loader = Loader::new();
        let mut files = original.clone();
        same(
            &loader.load(sources(&files), Vec::new()),
            &load(sources(&files), Vec::new()),
            "first load",
        );
        for step in 0..25 {
            let before = files.clone();
            // One edit, or several at once as a checkout makes.
            for _ in 0..1 + rng.below(3) * rng.below(2) {
                random_edit(&mut files, &original, &mut rng, step);
            }
            let what = format!("seed {seed}, step {step}");
            let changes = rereads(&before, &files);
            let mut expected: Vec<String> = changes.iter().map(|c| c.path.clone()).collect();
            expected.sort();
            // Mostly the changed files alone; sometimes every file, as after a rescan.
            let reloaded = if rng.below(5) == 0 {
                loader.load(sources(&files), Vec::new())
            } else {
                loader.load_changes(changes)
            };
            same(&reloaded, &load(sources(&files), Vec::new()), &what);
            assert_eq!(loader.hash(), content_hash(&reloaded), "{what}: hash");
            assert_eq!(loader.changed(), Some(&expected[..]), "{what}: changed");
        }
    }
}

#[test]
fn a_file_saved_unchanged_or_named_twice_changes_nothing() {
    let files = bundled();
    let mut loader = Loader::new();
    let first = loader.load(sources(&files), Vec::new());
    let path = "tracks/engineering/e3.md";
    let again = loader.load_changes(vec![Reread {
        path: path.to_owned(),
        source: Some(SourceFile::new(path, files[path].clone())),
        diagnostics: Vec::new(),
    }]);
    same(&again, &first, "saved unchanged");
    assert_eq!(loader.changed(), Some(&[][..]));

    // Removed, then written again with other text: the last one counts.
    let edited = files[path].replacen("\n- ", "\n- Edited ", 1);
    let reloaded = loader.load_changes(vec![
        Reread {
            path: path.to_owned(),
            source: None,
            diagnostics: Vec::new(),
        },
        Reread {
            path: path.to_owned(),
            source: Some(SourceFile::new(path, edited.clone())),
            diagnostics: Vec::new(),
        },
    ]);
    let mut now = files.clone();
    now.insert(path.to_owned(), edited);
    same(&reloaded, &load(sources(&now), Vec::new()), "named twice");
    assert_eq!(loader.changed(), Some(&[path.to_owned()][..]));
}

#[test]
fn a_file_that_cannot_be_read_any_more_is_reported_and_gone() {
    let files = bundled();
    let mut loader = Loader::new();
    loader.load(sources(&files), Vec::new());
    let path = "tracks/engineering/e3.md";
    let unreadable = crate::framework::diagnostic::Diagnostic::file(
        crate::framework::diagnostic::Code::ReadError,
        path,
        "cannot read: denied",
    );
    let reloaded = loader.load_changes(vec![Reread {
        path: path.to_owned(),
        source: None,
        diagnostics: vec![unreadable.clone()],
    }]);
    let mut now = files.clone();
    now.remove(path);
    same(
        &reloaded,
        &load(sources(&now), vec![unreadable]),
        "unreadable",
    );
    // Readable again: its diagnostic goes.
    let back = loader.load_changes(vec![Reread {
        path: path.to_owned(),
        source: Some(SourceFile::new(path, files[path].clone())),
        diagnostics: Vec::new(),
    }]);
    same(&back, &load(sources(&files), Vec::new()), "readable again");
}
