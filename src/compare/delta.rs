//! The level delta: what changes from one level of a track to a higher one, per
//! competency (new, stronger forms of a lower expectation, carried over, dropped) and per
//! shared dimension. A stronger form is linked in the files (`replaces=`, followed
//! through the levels between) or paired by the similarity of the words.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use super::diff::{mostly_rewritten, word_diff, DiffPart};
use super::error::CompareError;
use super::expectation::{marked, page_of, ExpectationRef, LevelHead};
use crate::framework::judging::AidsView;
use crate::framework::markdown::{to_plain_text, TermContext, TermMarker};
use crate::framework::model::{Applicable, Framework, Level, Track};

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
    /// What a reviewer can see at the lower level, when the framework says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from_aids: Option<AidsView>,
    /// What a reviewer can see at the higher level, when the framework says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to_aids: Option<AidsView>,
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
        let at = TermContext {
            competency: Some(&competency.id),
            ..page
        };
        let aids = |level: &Level| {
            competency
                .aids_at(&track.id, level)
                .map(|a| AidsView::render(&a, terms, &at, &mut HashSet::new()))
        };
        competencies.push(CompetencyDelta {
            competency: competency.id.clone(),
            name: competency.name.clone(),
            new,
            stronger,
            carried,
            dropped: gone,
            from_aids: aids(from),
            to_aids: aids(to),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
