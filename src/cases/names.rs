//! What a person reads for a case's track, levels and competencies. Ids are for files and
//! links: a level's id means different things on different tracks (`d3` is a band-4
//! level, `e3` a band-3 one), so every text a person reads (the decision record, the
//! case list, `rung case` in a terminal) names a level by its title and band and a
//! competency by its name. A case pins these names when it begins, as it pins its
//! expectations; a case begun before Rung pinned them borrows them from the same
//! framework when it is open, and otherwise falls back to the ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Case;
use crate::framework::model::{Framework, Track};

/// The names of a case's track, levels and competencies, as they were when it began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// The track's name, such as `Product Designer`.
    pub track: String,
    /// The level held now.
    pub current: LevelName,
    /// The level argued for.
    pub target: LevelName,
    /// Each competency of the case's expectations: its name, by its id.
    pub competencies: BTreeMap<String, String>,
}

/// A level as a reader knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LevelName {
    /// Its title, such as `Senior Product Designer`.
    pub title: String,
    /// Its band.
    pub band: u32,
}

impl LevelName {
    /// `Senior Product Designer (band 4)`.
    pub fn label(&self) -> String {
        format!("{} (band {})", self.title, self.band)
    }
}

/// The names of `track`'s levels `current` and `target` and of the competencies of
/// `framework`, as a case begun now pins them; `None` when a level is missing.
pub(crate) fn pin(
    framework: &Framework,
    track: &Track,
    current: &str,
    target: &str,
    competencies: impl IntoIterator<Item = String>,
) -> Option<Names> {
    let level = |id: &str| {
        track.level(id).map(|l| LevelName {
            title: l.title.clone(),
            band: l.band,
        })
    };
    Some(Names {
        track: track.name.clone(),
        current: level(current)?,
        target: level(target)?,
        competencies: competencies
            .into_iter()
            .filter_map(|id| {
                let name = framework
                    .competencies
                    .iter()
                    .find(|c| c.id == id)?
                    .name
                    .clone();
                Some((id, name))
            })
            .collect(),
    })
}

/// Gives a case begun before Rung pinned names the names `framework` has for its track,
/// levels and competencies, when `framework` is the one the case was begun on and still
/// has them. A case with names keeps its own.
pub fn fill(case: &mut Case, framework: &Framework) {
    if case.names.is_some() || framework.name != case.framework.name {
        return;
    }
    let Some(track) = framework.track(&case.track) else {
        return;
    };
    let competencies = case.expectations.iter().map(|e| e.competency.clone());
    case.names = pin(
        framework,
        track,
        &case.current_level,
        &case.target_level,
        competencies,
    );
}

/// The track's name, or its id for a case without names.
pub fn track(case: &Case) -> &str {
    case.names.as_ref().map_or(&case.track, |n| &n.track)
}

/// `Product Designer (band 3)` for the level held now; `level d2` for a case without names.
pub fn current(case: &Case) -> String {
    case.names.as_ref().map_or_else(
        || format!("level {}", case.current_level),
        |n| n.current.label(),
    )
}

/// `Senior Product Designer (band 4)` for the level argued for; `level d3` for a case
/// without names.
pub fn target(case: &Case) -> String {
    case.names.as_ref().map_or_else(
        || format!("level {}", case.target_level),
        |n| n.target.label(),
    )
}

/// A competency's name, or its id when the case has no name for it.
pub fn competency<'a>(case: &'a Case, id: &'a str) -> &'a str {
    case.names
        .as_ref()
        .and_then(|n| n.competencies.get(id))
        .map_or(id, String::as_str)
}

/// An expectation of the case in a few words: the start of its text as plain words,
/// ending with `…` when cut, or its id when the case does not hold it.
pub fn expectation(case: &Case, id: &str) -> String {
    case.expectations
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_owned(), |e| short(&e.text, 60))
}

/// `markdown` as plain words, at most `max` characters, cut at a word with `…`.
pub fn short(markdown: &str, max: usize) -> String {
    let plain = crate::framework::markdown::to_plain_text(markdown);
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() <= max {
        return plain;
    }
    let cut: String = plain.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn designer() -> Case {
        let f = crate::load_bundled().framework;
        let started = crate::cases::start::start(
            &f,
            crate::cases::start::Start {
                id: "c1",
                candidate: crate::cases::Candidate {
                    name: "Dana Reyes".into(),
                    alias: "Candidate 4".into(),
                },
                track: "product-designer",
                current: "d2",
                target: "d3",
                hash: "abc",
                commit: None,
            },
        );
        match started {
            Ok(case) => case,
            Err(e) => panic!("the designer case starts: {e}"),
        }
    }

    #[test]
    fn a_case_pins_titles_bands_and_competency_names() {
        let case = designer();
        assert_eq!(track(&case), "Product Designer");
        assert_eq!(current(&case), "Product Designer (band 3)");
        assert_eq!(target(&case), "Senior Product Designer (band 4)");
        let first = &case.expectations[0];
        let name = competency(&case, &first.competency);
        assert_ne!(name, first.competency, "a name, not the id");
        assert!(case.expectations.iter().all(|e| case
            .names
            .as_ref()
            .is_some_and(|n| n.competencies.contains_key(&e.competency))));
    }

    #[test]
    fn a_case_without_names_falls_back_to_ids_and_borrows_them_from_its_framework() {
        let mut case = designer();
        let pinned = case.names.take();
        assert_eq!(track(&case), "product-designer");
        assert_eq!(current(&case), "level d2");
        assert_eq!(competency(&case, "design-craft"), "design-craft");
        let mut other = crate::load_bundled().framework;
        other.name = "Another framework".into();
        fill(&mut case, &other);
        assert_eq!(case.names, None, "another framework's names could be wrong");
        fill(&mut case, &crate::load_bundled().framework);
        assert_eq!(case.names, pinned);
    }

    #[test]
    fn an_expectation_reads_as_its_first_words() {
        assert_eq!(
            short("Leads **the** design [side](https://x.y)", 60),
            "Leads the design side"
        );
        assert_eq!(short("one two three four five six", 15), "one two three…");
        let case = designer();
        assert_eq!(expectation(&case, "nope/x"), "nope/x");
        assert!(!expectation(&case, &case.expectations[0].id).contains('/'));
    }
}
