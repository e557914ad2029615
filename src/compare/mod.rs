//! Comparisons: what changes from one level to another of a track, what every track asks
//! for at one band, and what changed between two versions of a framework.
//!
//! Results carry each expectation's markdown and its sanitised inline HTML, so the
//! command line and the app show the same thing. The HTML of a level delta and of a band
//! marks glossary terms in the sense of the track (and competency) it belongs to, each
//! expectation and statement on its own, as a level page does.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::framework::markdown::{
    inline_to_html, inline_to_html_with_terms, to_plain_text, TermContext, TermMarker,
};
use crate::framework::model::{Applicable, Framework, Level, Track};

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    /// No track with this id.
    UnknownTrack(String),
    /// No level with this id in the track.
    UnknownLevel(String, String),
    /// The two levels are one, or the first is not below the second.
    NotAscending(String, String),
    /// No band with this number.
    UnknownBand(u32),
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::UnknownTrack(t) => write!(f, "there is no track `{t}`"),
            CompareError::UnknownLevel(t, l) => write!(f, "track `{t}` has no level `{l}`"),
            CompareError::NotAscending(a, b) => {
                write!(
                    f,
                    "`{a}` is not below `{b}`: compare a level with a higher one"
                )
            }
            CompareError::UnknownBand(b) => write!(f, "there is no band {b}"),
        }
    }
}

impl std::error::Error for CompareError {}

/// An expectation as a comparison shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectationRef {
    /// Stable ID, `track/level/key`.
    pub id: String,
    /// The level that states it (its id).
    pub level: String,
    /// That level's title, which a reader sees instead of its id.
    pub level_title: String,
    /// That level's band.
    pub band: u32,
    /// Its markdown.
    pub text: String,
    /// Its sanitised inline HTML; in a level delta or a band view, with glossary terms
    /// marked.
    pub html: String,
}

impl ExpectationRef {
    /// An expectation of `track`'s page, its terms marked in the sense of its track and
    /// competency.
    fn of(a: &Applicable<'_>, terms: &TermMarker, track: &TermContext<'_>) -> ExpectationRef {
        let at = TermContext {
            competency: Some(a.competency),
            ..*track
        };
        let text = &a.expectation.text;
        ExpectationRef::new(
            a.expectation.id.clone(),
            a.from,
            text,
            marked(text, terms, &at),
        )
    }

    fn new(id: String, level: &Level, text: &str, html: String) -> ExpectationRef {
        ExpectationRef {
            id,
            level: level.id.clone(),
            level_title: level.title.clone(),
            band: level.band,
            text: text.to_owned(),
            html,
        }
    }

    /// `Product Designer (band 3)`: the level that states it, as a reader knows it.
    pub fn level_label(&self) -> String {
        format!("{} (band {})", self.level_title, self.band)
    }
}

/// Inline HTML of a text shown on its own (an expectation, a statement, a summary), with
/// the glossary terms of `terms` marked at their first use in it, in the sense that fits
/// `at`.
fn marked(text: &str, terms: &TermMarker, at: &TermContext<'_>) -> String {
    inline_to_html_with_terms(text, terms, at, &mut HashSet::new())
}

/// Where a track's pages show text, before any competency.
fn page_of(track: &Track) -> TermContext<'_> {
    TermContext {
        track: &track.id,
        craft: &track.discipline,
        competency: None,
    }
}

/// What a piece of a word-level diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    /// In both.
    Same,
    /// Only in the newer or higher text.
    Added,
    /// Only in the older or lower text.
    Removed,
}

/// A run of words of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffPart {
    /// Same, added or removed.
    pub kind: DiffKind,
    /// The words, with the spaces between them.
    pub text: String,
}

/// The word-level diff of two texts (plain text of their markdown).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let (old, new) = (to_plain_text(old), to_plain_text(new));
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    group_changes(parts)
}

/// Joins changes separated only by spaces into one removed run and one added run, so
/// that "for a code" → "a teammate to" reads as two phrases, not word against word.
fn group_changes(parts: Vec<DiffPart>) -> Vec<DiffPart> {
    let mut out: Vec<DiffPart> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let mut pending_space = String::new();
    let flush = |out: &mut Vec<DiffPart>, removed: &mut String, added: &mut String| {
        for (kind, text) in [(DiffKind::Removed, removed), (DiffKind::Added, added)] {
            if !text.is_empty() {
                out.push(DiffPart {
                    kind,
                    text: std::mem::take(text),
                });
            }
        }
    };
    let mut iter = parts.into_iter().peekable();
    while let Some(part) = iter.next() {
        match part.kind {
            DiffKind::Same => {
                let in_change = !removed.is_empty() || !added.is_empty();
                let next_is_change = iter.peek().is_some_and(|p| p.kind != DiffKind::Same);
                if in_change && next_is_change && part.text.trim().is_empty() {
                    pending_space.push_str(&part.text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                pending_space.clear();
                out.push(part);
            }
            DiffKind::Removed | DiffKind::Added => {
                let target = if part.kind == DiffKind::Removed {
                    &mut removed
                } else {
                    &mut added
                };
                if !target.is_empty() {
                    target.push_str(&pending_space);
                }
                target.push_str(&part.text);
                if part.kind == DiffKind::Added && !pending_space.is_empty() && removed.is_empty() {
                    pending_space.clear();
                }
            }
        }
        if !pending_space.is_empty() && removed.is_empty() && added.is_empty() {
            pending_space.clear();
        }
    }
    flush(&mut out, &mut removed, &mut added);
    tidy_spaces(out)
}

/// Trims the spaces of changed runs into the unchanged text around them, and writes
/// each space inside a run once.
fn tidy_spaces(mut parts: Vec<DiffPart>) -> Vec<DiffPart> {
    for i in 0..parts.len() {
        if parts[i].kind == DiffKind::Same {
            continue;
        }
        let text = std::mem::take(&mut parts[i].text);
        let (leading, trailing) = (
            text.starts_with(char::is_whitespace),
            text.ends_with(char::is_whitespace),
        );
        parts[i].text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if leading
            && i > 0
            && parts[i - 1].kind == DiffKind::Same
            && !parts[i - 1].text.ends_with(char::is_whitespace)
        {
            parts[i - 1].text.push(' ');
        }
        if trailing {
            if let Some(next) = parts[i + 1..].iter_mut().find(|p| p.kind == DiffKind::Same) {
                if !next.text.starts_with(char::is_whitespace) {
                    next.text.insert(0, ' ');
                }
            }
        }
    }
    parts.retain(|p| !p.text.is_empty());
    parts
}

/// Whether a diff changed most of the words: then the two texts read better whole, one
/// after the other, than interleaved.
pub fn mostly_rewritten(parts: &[DiffPart]) -> bool {
    let length = |kind: DiffKind| -> usize {
        parts
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.text.trim().len())
            .sum()
    };
    let same = length(DiffKind::Same);
    same * 5 < (same + length(DiffKind::Added)) * 2
}

/// A higher expectation that is a stronger form of a lower one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Stronger {
    /// The lower expectation.
    pub from: ExpectationRef,
    /// The higher one.
    pub to: ExpectationRef,
    /// Whether the file links them (`replaces=`); otherwise they were paired by the
    /// similarity of their words.
    pub linked: bool,
    /// What changed, word by word.
    pub diff: Vec<DiffPart>,
    /// Whether most words changed: then the two texts read better whole than as a diff.
    pub rewritten: bool,
}

/// What changes in one competency between two levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyDelta {
    /// The competency's id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// Expectations that apply at the higher level and have no counterpart below.
    pub new: Vec<ExpectationRef>,
    /// Expectations that are a stronger form of one below.
    pub stronger: Vec<Stronger>,
    /// Expectations that apply at both levels.
    pub carried: Vec<ExpectationRef>,
    /// Expectations of the lower level that no longer apply and have no stronger form.
    pub dropped: Vec<ExpectationRef>,
}

/// A level, as a comparison names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelHead {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its band.
    pub band: u32,
}

impl LevelHead {
    fn of(level: &Level) -> LevelHead {
        LevelHead {
            id: level.id.clone(),
            title: level.title.clone(),
            band: level.band,
        }
    }
}

/// How a shared dimension reads at the two levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionChange {
    /// The dimension's id.
    pub dimension: String,
    /// Its name.
    pub name: String,
    /// The lower level's statement, if any.
    pub from: Option<String>,
    /// The higher level's statement, if any.
    pub to: Option<String>,
    /// The lower statement as sanitised inline HTML.
    pub from_html: Option<String>,
    /// The higher statement as sanitised inline HTML.
    pub to_html: Option<String>,
    /// What changed, word by word.
    pub diff: Vec<DiffPart>,
    /// Whether most words changed.
    pub rewritten: bool,
}

/// How many expectations fall in each group of a delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct DeltaCounts {
    /// New.
    pub new: u32,
    /// Stronger forms.
    pub stronger: u32,
    /// Carried over.
    pub carried: u32,
    /// Dropped.
    pub dropped: u32,
}

/// What changes from one level of a track to a higher one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelDelta {
    /// The track's id.
    pub track: String,
    /// The track's name.
    pub track_name: String,
    /// The lower level.
    pub from: LevelHead,
    /// The higher level.
    pub to: LevelHead,
    /// The shared dimensions, in the framework's order.
    pub dimensions: Vec<DimensionChange>,
    /// Per competency, in the track's order; competencies with nothing at either level
    /// are left out.
    pub competencies: Vec<CompetencyDelta>,
    /// Totals over all competencies.
    pub counts: DeltaCounts,
}

/// The words two expectations are compared by: lowercase stems of the longer words.
fn words(text: &str, stemmer: &frostem::Stemmer) -> HashSet<String> {
    to_plain_text(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(|w| stemmer.stem(w).into_owned())
        .collect()
}

/// How alike two sets of words are (Jaccard), from 0 to 1.
fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// Below this similarity, a new expectation is new rather than a stronger form.
const PAIRING: f64 = 0.2;

/// The level after `level` in its track, if any.
pub fn next_level<'a>(track: &'a Track, level: &Level) -> Option<&'a Level> {
    track.levels.iter().find(|l| l.band > level.band)
}

/// What changes from level `from` to level `to` of `track`, with the glossary terms of
/// `terms` marked in its HTML.
pub fn level_delta(
    framework: &Framework,
    terms: &TermMarker,
    track_id: &str,
    from_id: &str,
    to_id: &str,
) -> Result<LevelDelta, CompareError> {
    let track = framework
        .track(track_id)
        .ok_or_else(|| CompareError::UnknownTrack(track_id.to_owned()))?;
    let level = |id: &str| {
        track
            .level(id)
            .ok_or_else(|| CompareError::UnknownLevel(track_id.to_owned(), id.to_owned()))
    };
    let (from, to) = (level(from_id)?, level(to_id)?);
    let page = page_of(track);
    if from.band >= to.band {
        return Err(CompareError::NotAscending(
            from_id.to_owned(),
            to_id.to_owned(),
        ));
    }
    let below = framework.applicable(track, from);
    let above = framework.applicable(track, to);
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    let above_ids: HashSet<&str> = above.iter().map(|a| a.expectation.id.as_str()).collect();
    // What each expectation of the track replaces, to follow links through the levels
    // between the two compared (e3 replaces e2's, which replaced e1's).
    let links: HashMap<&str, &[String]> = track
        .levels
        .iter()
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.expectations)
        .map(|e| (e.id.as_str(), e.replaces.as_slice()))
        .collect();
    let below_by_id: HashMap<&str, &Applicable<'_>> = below
        .iter()
        .filter(|a| !above_ids.contains(a.expectation.id.as_str()))
        .map(|a| (a.expectation.id.as_str(), a))
        .collect();
    // For each higher expectation, the lower ones it replaces, directly or through
    // intermediate levels.
    let linked_from = |id: &str| -> Vec<ExpectationRef> {
        let mut found = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = links
            .get(id)
            .map(|r| r.iter().map(String::as_str).collect())
            .unwrap_or_default();
        while let Some(next) = stack.pop() {
            if !seen.insert(next) {
                continue;
            }
            match below_by_id.get(next) {
                Some(a) => found.push(ExpectationRef::of(a, terms, &page)),
                None => stack.extend(
                    links
                        .get(next)
                        .map(|r| r.iter().map(String::as_str))
                        .into_iter()
                        .flatten(),
                ),
            }
        }
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found
    };
    let replaced_by_link: HashSet<String> = above
        .iter()
        .flat_map(|a| linked_from(&a.expectation.id))
        .map(|e| e.id)
        .collect();
    let mut counts = DeltaCounts::default();
    let mut competencies = Vec::new();
    for competency in framework.competencies_of(track) {
        let of = |list: &[Applicable<'_>]| -> Vec<ExpectationRef> {
            list.iter()
                .filter(|a| a.competency == competency.id)
                .map(|a| ExpectationRef::of(a, terms, &page))
                .collect()
        };
        let (low, high) = (of(&below), of(&above));
        if low.is_empty() && high.is_empty() {
            continue;
        }
        let low_ids: HashSet<&str> = low.iter().map(|e| e.id.as_str()).collect();
        let high_ids: HashSet<&str> = high.iter().map(|e| e.id.as_str()).collect();
        let mut carried: Vec<ExpectationRef> = high
            .iter()
            .filter(|e| low_ids.contains(e.id.as_str()))
            .cloned()
            .collect();
        let mut gone: Vec<ExpectationRef> = low
            .iter()
            .filter(|e| !high_ids.contains(e.id.as_str()))
            .filter(|e| !replaced_by_link.contains(&e.id))
            .cloned()
            .collect();
        let mut stronger = Vec::new();
        let mut new = Vec::new();
        let mut unlinked = Vec::new();
        for e in high.iter().filter(|e| !low_ids.contains(e.id.as_str())) {
            let sources = linked_from(&e.id);
            if sources.is_empty() {
                unlinked.push(e.clone());
            }
            for from in sources {
                let diff = word_diff(&from.text, &e.text);
                stronger.push(Stronger {
                    rewritten: mostly_rewritten(&diff),
                    diff,
                    from,
                    to: e.clone(),
                    linked: true,
                });
            }
        }
        // Pair the rest by similarity, best pairs first, each lower one at most once:
        // first with what no longer applies, then with what is carried over.
        let mut candidates: Vec<(f64, usize, bool, usize)> = Vec::new();
        let unlinked_words: Vec<HashSet<String>> =
            unlinked.iter().map(|e| words(&e.text, &stemmer)).collect();
        for (pool, is_gone) in [(&gone, true), (&carried, false)] {
            for (j, lower) in pool.iter().enumerate() {
                let lower_words = words(&lower.text, &stemmer);
                for (i, w) in unlinked_words.iter().enumerate() {
                    let s = similarity(w, &lower_words);
                    if s >= PAIRING {
                        candidates.push((s, i, is_gone, j));
                    }
                }
            }
        }
        // What no longer applies pairs first; then the best scores.
        candidates.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.total_cmp(&a.0)));
        let mut paired_new = HashSet::new();
        let mut paired_low: HashSet<(bool, usize)> = HashSet::new();
        let mut pairs = Vec::new();
        for (_, i, is_gone, j) in candidates {
            if paired_new.contains(&i) || paired_low.contains(&(is_gone, j)) {
                continue;
            }
            paired_new.insert(i);
            paired_low.insert((is_gone, j));
            pairs.push((i, is_gone, j));
        }
        pairs.sort_unstable();
        for (i, is_gone, j) in &pairs {
            let lower = if *is_gone { &gone[*j] } else { &carried[*j] };
            let higher = &unlinked[*i];
            let diff = word_diff(&lower.text, &higher.text);
            stronger.push(Stronger {
                rewritten: mostly_rewritten(&diff),
                diff,
                from: lower.clone(),
                to: higher.clone(),
                linked: false,
            });
        }
        for (i, e) in unlinked.into_iter().enumerate() {
            if !paired_new.contains(&i) {
                new.push(e);
            }
        }
        // A lower expectation shown as the start of a stronger form is not listed again.
        let mut index = 0;
        gone.retain(|_| {
            index += 1;
            !paired_low.contains(&(true, index - 1))
        });
        let mut index = 0;
        carried.retain(|_| {
            index += 1;
            !paired_low.contains(&(false, index - 1))
        });
        counts.new += count(&new);
        counts.stronger += count(&stronger);
        counts.carried += count(&carried);
        counts.dropped += count(&gone);
        competencies.push(CompetencyDelta {
            competency: competency.id.clone(),
            name: competency.name.clone(),
            new,
            stronger,
            carried,
            dropped: gone,
        });
    }
    let dimensions = framework
        .dimensions
        .iter()
        .map(|d| {
            let text = |l: &Level| {
                l.dimensions
                    .iter()
                    .find(|s| s.dimension == d.id)
                    .map(|s| s.text.clone())
            };
            let (a, b) = (text(from), text(to));
            let diff = word_diff(a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""));
            DimensionChange {
                dimension: d.id.clone(),
                name: d.name.clone(),
                rewritten: mostly_rewritten(&diff),
                diff,
                from_html: a.as_deref().map(|t| marked(t, terms, &page)),
                to_html: b.as_deref().map(|t| marked(t, terms, &page)),
                from: a,
                to: b,
            }
        })
        .collect();
    Ok(LevelDelta {
        track: track.id.clone(),
        track_name: track.name.clone(),
        from: LevelHead::of(from),
        to: LevelHead::of(to),
        dimensions,
        competencies,
        counts,
    })
}

fn count<T>(list: &[T]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}

/// One track's column of a band view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandColumn {
    /// The track's id.
    pub track: String,
    /// The track's name.
    pub track_name: String,
    /// The track's craft.
    pub discipline: String,
    /// The track's level on this band, if it has one.
    pub level: Option<LevelHead>,
    /// That level's summary (sanitised HTML).
    pub summary_html: Option<String>,
}

/// A row of a band view: one cell per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandRow {
    /// A dimension's or competency's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether every track uses it (shared dimensions always are).
    pub shared: bool,
    /// Per column: `None` when the track has no level on the band or does not use the
    /// competency; otherwise what the level says (its own expectations, for a
    /// competency; the statement, for a dimension).
    pub cells: Vec<Option<Vec<ExpectationRef>>>,
}

/// Every track's level on one band, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandComparison {
    /// The band's number.
    pub band: u32,
    /// Its name.
    pub name: String,
    /// What it asks for.
    pub summary: String,
    /// One column per track, in the framework's order.
    pub columns: Vec<BandColumn>,
    /// The shared dimensions.
    pub dimensions: Vec<BandRow>,
    /// Competencies: those every track uses first, then craft-specific ones.
    pub competencies: Vec<BandRow>,
}

/// Every track's level on band `number`, aligned by dimension and competency, with the
/// glossary terms of `terms` marked in each cell in the sense of its column's track.
pub fn band_comparison(
    framework: &Framework,
    terms: &TermMarker,
    number: u32,
) -> Result<BandComparison, CompareError> {
    let band = framework
        .band(number)
        .ok_or(CompareError::UnknownBand(number))?;
    let levels: Vec<(&Track, Option<&Level>)> = framework
        .tracks
        .iter()
        .map(|t| (t, t.levels.iter().find(|l| l.band == number)))
        .collect();
    let columns = levels
        .iter()
        .map(|(t, l)| BandColumn {
            track: t.id.clone(),
            track_name: t.name.clone(),
            discipline: t.discipline.clone(),
            level: l.map(LevelHead::of),
            summary_html: l.map(|l| marked(&l.summary, terms, &page_of(t))),
        })
        .collect();
    let dimensions = framework
        .dimensions
        .iter()
        .map(|d| BandRow {
            id: d.id.clone(),
            name: d.name.clone(),
            shared: true,
            cells: levels
                .iter()
                .map(|(t, l)| {
                    let l = (*l)?;
                    let s = l.dimensions.iter().find(|s| s.dimension == d.id)?;
                    Some(vec![ExpectationRef::new(
                        format!("{}/{}/{}", t.id, l.id, d.id),
                        l,
                        &s.text,
                        marked(&s.text, terms, &page_of(t)),
                    )])
                })
                .collect(),
        })
        .collect();
    let mut competencies: Vec<BandRow> = framework
        .competencies
        .iter()
        .filter(|c| framework.tracks.iter().any(|t| c.applies_to(&t.id)))
        .map(|c| BandRow {
            id: c.id.clone(),
            name: c.name.clone(),
            shared: framework.tracks.iter().all(|t| c.applies_to(&t.id)),
            cells: levels
                .iter()
                .map(|(t, l)| {
                    let l = (*l)?;
                    if !c.applies_to(&t.id) {
                        return None;
                    }
                    let at = TermContext {
                        competency: Some(&c.id),
                        ..page_of(t)
                    };
                    Some(
                        l.sections
                            .iter()
                            .filter(|s| s.competency == c.id)
                            .flat_map(|s| &s.expectations)
                            .map(|e| {
                                ExpectationRef::new(
                                    e.id.clone(),
                                    l,
                                    &e.text,
                                    marked(&e.text, terms, &at),
                                )
                            })
                            .collect(),
                    )
                })
                .collect(),
        })
        .filter(|row| row.cells.iter().any(Option::is_some))
        .collect();
    // Stable: shared competencies first, each group in the framework's order.
    competencies.sort_by_key(|row| !row.shared);
    Ok(BandComparison {
        band: band.number,
        name: band.name.clone(),
        summary: band.summary.clone(),
        columns,
        dimensions,
        competencies,
    })
}

/// A framework as a version diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkHead {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// An expectation whose words changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reworded {
    /// Its stable ID, the same in both.
    pub id: String,
    /// The older text.
    pub old: ExpectationRef,
    /// The newer text.
    pub new: ExpectationRef,
    /// What changed, word by word.
    pub diff: Vec<DiffPart>,
    /// Whether most words changed.
    pub rewritten: bool,
}

/// What changed between two versions of a framework, by expectation ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionDiff {
    /// The older version.
    pub old: FrameworkHead,
    /// The newer version.
    pub new: FrameworkHead,
    /// Expectations only in the newer version.
    pub added: Vec<ExpectationRef>,
    /// Expectations only in the older version.
    pub removed: Vec<ExpectationRef>,
    /// Expectations in both whose text or examples changed.
    pub reworded: Vec<Reworded>,
    /// How many expectations are the same in both.
    pub unchanged: u32,
}

/// Every expectation of a framework by ID, in the framework's order.
fn all_expectations(framework: &Framework) -> Vec<(ExpectationRef, Vec<String>)> {
    framework
        .tracks
        .iter()
        .flat_map(|t| &t.levels)
        .flat_map(|l| {
            l.sections.iter().flat_map(move |s| {
                s.expectations.iter().map(move |e| {
                    (
                        ExpectationRef::new(e.id.clone(), l, &e.text, inline_to_html(&e.text)),
                        e.examples.clone(),
                    )
                })
            })
        })
        .collect()
}

/// What changed from `old` to `new`.
pub fn version_diff(old: &Framework, new: &Framework) -> VersionDiff {
    let (before, after) = (all_expectations(old), all_expectations(new));
    let before_by_id: HashMap<&str, &(ExpectationRef, Vec<String>)> =
        before.iter().map(|e| (e.0.id.as_str(), e)).collect();
    let after_ids: HashSet<&str> = after.iter().map(|e| e.0.id.as_str()).collect();
    let mut diff = VersionDiff {
        old: FrameworkHead {
            name: old.name.clone(),
            version: old.version.clone(),
        },
        new: FrameworkHead {
            name: new.name.clone(),
            version: new.version.clone(),
        },
        added: Vec::new(),
        removed: before
            .iter()
            .filter(|e| !after_ids.contains(e.0.id.as_str()))
            .map(|e| e.0.clone())
            .collect(),
        reworded: Vec::new(),
        unchanged: 0,
    };
    for (e, examples) in &after {
        match before_by_id.get(e.id.as_str()) {
            None => diff.added.push(e.clone()),
            Some((was, was_examples)) if was.text != e.text || was_examples != examples => {
                let words = word_diff(
                    &[was.text.as_str()]
                        .into_iter()
                        .chain(was_examples.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" — "),
                    &[e.text.as_str()]
                        .into_iter()
                        .chain(examples.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" — "),
                );
                diff.reworded.push(Reworded {
                    id: e.id.clone(),
                    rewritten: mostly_rewritten(&words),
                    diff: words,
                    old: was.clone(),
                    new: e.clone(),
                });
            }
            Some(_) => diff.unchanged += 1,
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs_keep_the_words_in_order() {
        let d = word_diff(
            "Plans a feature of two weeks.",
            "Plans a project of two months.",
        );
        let text = |k: DiffKind| -> String {
            d.iter()
                .filter(|p| p.kind == k)
                .map(|p| p.text.clone())
                .collect()
        };
        assert!(text(DiffKind::Removed).contains("feature"));
        assert!(text(DiffKind::Added).contains("project"));
        assert!(text(DiffKind::Same).starts_with("Plans a "));
        let all_new: String = d
            .iter()
            .filter(|p| p.kind != DiffKind::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(all_new, "Plans a project of two months.");
    }

    #[test]
    fn changes_separated_by_spaces_read_as_phrases() {
        let d = word_diff(
            "Writes tests and asks for a code review before merging.",
            "Writes tests and asks a teammate to review it before merging.",
        );
        let kinds: Vec<(DiffKind, &str)> = d.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (DiffKind::Same, "Writes tests and asks "),
                (DiffKind::Removed, "for a code"),
                (DiffKind::Added, "a teammate to"),
                (DiffKind::Same, " review "),
                (DiffKind::Added, "it"),
                (DiffKind::Same, " before merging."),
            ]
        );
    }

    #[test]
    fn similar_words_score_higher() {
        let s = frostem::Stemmer::new(frostem::Algorithm::English);
        let a = words(
            "Reviews colleagues' changes and points out missing tests.",
            &s,
        );
        let b = words(
            "Reviews changes across teams and sets the testing practice.",
            &s,
        );
        let c = words(
            "Presents the quarterly roadmap to the leadership group.",
            &s,
        );
        assert!(similarity(&a, &b) > similarity(&a, &c));
        assert_eq!(similarity(&HashSet::new(), &HashSet::new()), 0.0);
    }

    /// The HTML of every expectation of a delta, new, stronger, carried and dropped.
    fn delta_html(d: &LevelDelta) -> Vec<&str> {
        let mut out = Vec::new();
        for c in &d.competencies {
            for e in c.new.iter().chain(&c.carried).chain(&c.dropped) {
                out.push(e.html.as_str());
            }
            for s in &c.stronger {
                out.extend([s.from.html.as_str(), s.to.html.as_str()]);
            }
        }
        out
    }

    #[test]
    fn a_level_delta_explains_terms_in_the_sense_of_its_track() {
        let f = crate::load_bundled().framework;
        let terms = TermMarker::of_framework(&f);
        let design = level_delta(&f, &terms, "product-designer", "d1", "d2").expect("d1 → d2");
        let html = delta_html(&design);
        let proposes = html
            .iter()
            .find(|h| h.starts_with("Proposes new"))
            .expect("d2 proposes components");
        assert!(
            proposes
                .contains("<span class=\"term\" data-term=\"component-design\">components</span>"),
            "{proposes}"
        );
        assert!(
            html.iter()
                .any(|h| h.contains("data-term=\"design-system-component\"")),
            "{html:?}"
        );
        assert!(!html
            .iter()
            .any(|h| h.contains("data-term=\"component-engineering\"")));
        let engineering = level_delta(&f, &terms, "engineering", "e1", "e2").expect("e1 → e2");
        let html = delta_html(&engineering);
        let designs = html
            .iter()
            .find(|h| h.starts_with("Designs a small"))
            .expect("e2 designs a component");
        assert!(
            designs.contains(
                "<span class=\"term\" data-term=\"component-engineering\">component</span>"
            ),
            "{designs}"
        );
        let scope = design
            .dimensions
            .iter()
            .find(|d| d.dimension == "scope")
            .and_then(|d| d.to_html.as_deref())
            .expect("d2 states its scope");
        assert!(
            scope.contains("<span class=\"term\" data-term=\"band\">band</span>-3"),
            "the dimensions mark terms too: {scope}"
        );
    }

    #[test]
    fn each_expectation_of_a_delta_marks_its_own_terms() {
        let f = crate::load_bundled().framework;
        let terms = TermMarker::of_framework(&f);
        let d = level_delta(&f, &terms, "product-designer", "d2", "d3").expect("d2 → d3");
        let marking = delta_html(&d)
            .into_iter()
            .filter(|h| h.contains("data-term=\"design-system-component\""))
            .count();
        assert!(marking >= 2, "{marking}");
    }

    #[test]
    fn a_band_explains_each_cell_in_the_sense_of_its_column() {
        let f = crate::load_bundled().framework;
        let band = band_comparison(&f, &TermMarker::of_framework(&f), 2).expect("band 2");
        let column = |track: &str| {
            let i = band
                .columns
                .iter()
                .position(|c| c.track == track)
                .expect("a column");
            band.competencies
                .iter()
                .chain(&band.dimensions)
                .filter_map(|row| row.cells[i].as_ref())
                .flatten()
                .map(|e| e.html.clone())
                .collect::<Vec<_>>()
        };
        let designer = column("product-designer");
        let builds = designer
            .iter()
            .find(|h| h.starts_with("Builds screens"))
            .expect("d1 builds screens");
        assert!(
            builds.contains(
                "<span class=\"term\" data-term=\"design-system-component\">design system components</span>"
            ),
            "{builds}"
        );
        assert!(!designer
            .iter()
            .any(|h| h.contains("data-term=\"component-engineering\"")));
        let engineer = column("engineering");
        let designs = engineer
            .iter()
            .find(|h| h.starts_with("Designs a small"))
            .expect("e2 designs a component");
        assert!(
            designs.contains(
                "<span class=\"term\" data-term=\"component-engineering\">component</span>"
            ),
            "{designs}"
        );
        assert!(
            band.columns
                .iter()
                .filter_map(|c| c.summary_html.as_deref())
                .any(|h| h.contains("class=\"term\"")),
            "summaries mark terms too"
        );
    }
}
