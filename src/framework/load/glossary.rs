//! The glossary across files: each sense of a term checked against the crafts, tracks
//! and competencies its scope names, one id per sense, and the `missing-term` lint: a
//! craft word that a level page shows where no glossary entry explains it.

use std::collections::{HashMap, HashSet};

use super::files::{Pos, ScopeKey, TermEntry};
use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::markdown::{self, TermContext, TermMarker};
use crate::framework::model::{term_id, Framework, Term, TermScope};
use crate::framework::source::SourceFile;
use crate::framework::suggest;

/// The glossary, alphabetical: every entry whose scope names only what exists is kept
/// as it is, a value that names nothing is reported, and a second definition of a term
/// for the same place is reported and dropped.
pub(crate) fn assemble(
    entries: Vec<(usize, TermEntry)>,
    framework: &Framework,
    broken_tracks: &[String],
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Term> {
    let mut kept: Vec<(Term, String, usize)> = Vec::new();
    for (index, entry) in entries {
        let file = &sources[index];
        for (key, value, pos) in &entry.scope_pos {
            if let Some(d) = unknown_scope_value(*key, value, *pos, framework, broken_tracks, file)
            {
                diagnostics.push(d);
            }
        }
        let key = entry.term.term.to_lowercase();
        let clash = kept
            .iter()
            .filter(|(t, ..)| t.term.to_lowercase() == key)
            .find_map(|(t, path, line)| {
                shared_place(&t.scope, &entry.term.scope).map(|place| (place, path, line))
            });
        if let Some((place, path, line)) = clash {
            let (message, help) = match place {
                None => (
                    format!("the term `{}` is defined twice", entry.term.term),
                    format!("it is first defined at {path}:{line}; keep one definition"),
                ),
                Some(place) => (
                    format!(
                        "the term `{}` is defined twice for {place}",
                        entry.term.term
                    ),
                    format!(
                        "it is first defined at {path}:{line}; keep one definition, or give the two senses different scopes"
                    ),
                ),
            };
            diagnostics.push(
                entry
                    .pos
                    .diagnostic(Code::DuplicateTerm, file, message)
                    .with_help(help),
            );
            continue;
        }
        let (line, _) = file.line_column(entry.pos.offset);
        kept.push((entry.term, file.path.clone(), line));
    }
    let mut out: Vec<Term> = kept.into_iter().map(|(t, ..)| t).collect();
    assign_ids(&mut out);
    out.sort_by(|a, b| (a.term.to_lowercase(), &a.id).cmp(&(b.term.to_lowercase(), &b.id)));
    out
}

/// Whether two senses of one term would both apply somewhere: `Some(None)` when neither
/// has a scope, `Some(Some("craft `design`"))` when both name the same place.
fn shared_place(a: &TermScope, b: &TermScope) -> Option<Option<String>> {
    if a.is_empty() && b.is_empty() {
        return Some(None);
    }
    let both = |x: &[String], y: &[String]| x.iter().find(|v| y.contains(v)).cloned();
    both(&a.competencies, &b.competencies)
        .map(|v| format!("competency `{v}`"))
        .or_else(|| both(&a.tracks, &b.tracks).map(|v| format!("track `{v}`")))
        .or_else(|| both(&a.crafts, &b.crafts).map(|v| format!("craft `{v}`")))
        .map(Some)
}

/// Gives each sense its id: the term's words, and, when the term has several senses,
/// the words of the scope after them for every sense but the one that applies everywhere.
fn assign_ids(terms: &mut [Term]) {
    let mut senses: HashMap<String, usize> = HashMap::new();
    for t in terms.iter() {
        *senses.entry(t.term.to_lowercase()).or_default() += 1;
    }
    let mut taken: HashSet<String> = HashSet::new();
    for t in terms.iter_mut() {
        let several = senses.get(&t.term.to_lowercase()).is_some_and(|n| *n > 1);
        let base = if several && !t.scope.is_empty() {
            let scope: Vec<&str> = t.scope.values().collect();
            term_id(&format!("{} {}", t.term, scope.join(" ")))
        } else {
            term_id(&t.term)
        };
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        t.id = id;
    }
}

fn unknown_scope_value(
    key: ScopeKey,
    value: &str,
    pos: Pos,
    framework: &Framework,
    broken_tracks: &[String],
    file: &SourceFile,
) -> Option<Diagnostic> {
    let (code, known, what): (Code, Vec<&str>, &str) = match key {
        ScopeKey::Crafts => {
            // A broken `track.md` hides its craft: stay quiet rather than guess.
            if !broken_tracks.is_empty() {
                return None;
            }
            let mut crafts: Vec<&str> = framework.tracks.iter().map(|t| t.craft.as_str()).collect();
            crafts.sort_unstable();
            crafts.dedup();
            (Code::UnknownCraft, crafts, "craft")
        }
        ScopeKey::Tracks => {
            if broken_tracks.iter().any(|t| t == value) {
                return None;
            }
            let ids = framework.tracks.iter().map(|t| t.id.as_str()).collect();
            (Code::UnknownTrack, ids, "track")
        }
        ScopeKey::Competencies => {
            let ids = framework
                .competencies
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            (Code::UnknownCompetency, ids, "competency")
        }
    };
    if known.contains(&value) {
        return None;
    }
    let hint = suggest::hint(value, known.iter().copied());
    let message = match key {
        ScopeKey::Crafts => format!("no track has the craft `{value}`{hint}"),
        _ => format!("no {what} has the id `{value}`{hint}"),
    };
    let help = if known.is_empty() {
        format!("the framework has no {what} to name yet")
    } else {
        let plural = match key {
            ScopeKey::Crafts => "crafts",
            ScopeKey::Tracks => "tracks",
            ScopeKey::Competencies => "competencies",
        };
        format!("the {plural} are {}", suggest::list(known.iter().copied()))
    };
    Some(pos.diagnostic(code, file, message).with_help(help))
}

/// A piece of text a level page shows, and where it comes from.
struct Shown<'a> {
    /// The file that holds it.
    path: &'a str,
    /// Where in that file to start looking for a word of it.
    anchor: usize,
    /// Its plain text.
    text: String,
    /// Where it is shown.
    at: TermContext<'a>,
}

/// Warns, once per file and word, where a level page shows one of the framework's craft
/// words and no glossary entry that applies there explains it.
pub(crate) fn unexplained_craft_words(
    framework: &Framework,
    craft_words: &[String],
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if craft_words.is_empty() {
        return;
    }
    let words = TermMarker::new(craft_words.iter().map(|w| (w.as_str(), w.as_str())));
    let glossary = TermMarker::of_framework(framework);
    let any_sense = TermMarker::new(
        framework
            .glossary
            .iter()
            .map(|t| (t.term.as_str(), t.id.as_str())),
    );
    let source = |path: &str| sources.iter().find(|s| s.path == path);
    let mut reported: HashSet<(String, String)> = HashSet::new();
    for shown in shown_on_level_pages(framework, &source) {
        let used = words.find_all(&shown.text, &TermContext::default());
        if used.is_empty() {
            continue;
        }
        let explained = glossary.find_all(&shown.text, &shown.at);
        for (range, word) in used {
            let covered = explained
                .iter()
                .any(|(r, _)| r.start <= range.start && range.end <= r.end);
            if covered || !reported.insert((shown.path.to_owned(), word.to_lowercase())) {
                continue;
            }
            let Some(file) = source(shown.path) else {
                continue;
            };
            let written = &shown.text[range.clone()];
            let offset = file
                .text
                .get(shown.anchor..)
                .and_then(|rest| rest.find(written))
                .map_or(shown.anchor, |i| shown.anchor + i);
            let elsewhere = any_sense
                .find_all(&shown.text, &shown.at)
                .into_iter()
                .find(|(r, _)| r.start <= range.start && range.end <= r.end)
                .and_then(|(_, id)| framework.glossary.iter().find(|t| t.id == id));
            let help = match elsewhere {
                Some(t) => format!(
                    "the entry `{}` in `{}` is scoped to other places; add track `{}` to its scope, or write an entry for this sense",
                    t.term, t.path, shown.at.track
                ),
                None => format!(
                    "add an entry for `{word}` to a file in `glossary/`, in plain words for a reader from another craft"
                ),
            };
            diagnostics.push(
                Diagnostic::at(
                    Code::MissingTerm,
                    file,
                    offset,
                    written.len(),
                    format!("no glossary entry explains the craft word `{written}`"),
                )
                .with_help(help),
            );
        }
    }
}

/// Every piece of text the level pages of a framework show, with where it is shown:
/// each level's summary, dimensions, introduction, expectations and examples, and how
/// to judge each competency of its track.
fn shown_on_level_pages<'a>(
    framework: &'a Framework,
    source: &dyn Fn(&str) -> Option<&'a SourceFile>,
) -> Vec<Shown<'a>> {
    let plain = markdown::to_plain_text;
    let mut out = Vec::new();
    for track in &framework.tracks {
        let page = TermContext {
            track: &track.id,
            craft: &track.craft,
            competency: None,
        };
        for level in track.levels.iter() {
            let path = level.source.as_str();
            let texts = std::iter::once(&level.summary)
                .chain(level.dimensions.iter().map(|d| &d.text))
                .chain(std::iter::once(&level.intro));
            for text in texts {
                out.push(Shown {
                    path,
                    anchor: 0,
                    text: plain(text),
                    at: page,
                });
            }
            for section in &level.sections {
                let at = TermContext {
                    competency: Some(&section.competency),
                    ..page
                };
                for e in &section.expectations {
                    let anchor = source(path).map_or(0, |f| f.offset_of(e.line, 1));
                    for text in std::iter::once(&e.text).chain(&e.examples) {
                        out.push(Shown {
                            path,
                            anchor,
                            text: plain(text),
                            at,
                        });
                    }
                }
            }
        }
        for c in framework.competencies_of(track) {
            let at = TermContext {
                competency: Some(&c.id),
                ..page
            };
            // Judging aids show on the level pages of every level, whatever its band.
            let aids = c.aids.iter().flat_map(|a| {
                a.not_yet
                    .iter()
                    .chain(&a.meets)
                    .chain(&a.beyond)
                    .chain(&a.anchors)
            });
            let texts = std::iter::once(&c.description)
                .chain(&c.evidence)
                .chain(&c.questions)
                .chain(aids);
            for text in texts {
                out.push(Shown {
                    path: &c.path,
                    anchor: 0,
                    text: plain(text),
                    at,
                });
            }
        }
    }
    out
}
