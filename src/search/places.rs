//! The levels of a framework by the words of their title and track name, and by what
//! filters see of them (track, craft, level, band). A level's expectations and dimensions
//! are found and filtered through the level they belong to, without carrying its title
//! and facts in every document.

use std::collections::HashMap;

use tantivy::tokenizer::TokenStream;

use super::tokenizer::words_and_stems;
use crate::framework::model::Framework;

/// The levels of a framework, each as `track/level`, by word and by fact.
#[derive(Default)]
pub(super) struct Places {
    /// `track/level` of each level.
    ids: Vec<String>,
    /// What filters see of each level: track, craft, level and band.
    facts: Vec<(String, String, String, u32)>,
    /// Each distinct word (and stem), with the levels that have it.
    words: Vec<(String, Vec<usize>)>,
}

impl Places {
    /// The levels of `framework`, with the words (as written and stemmed) of their title and
    /// track name.
    pub(super) fn of(framework: &Framework) -> Places {
        let mut analyzer = words_and_stems();
        let mut ids = Vec::new();
        let mut facts = Vec::new();
        let mut words: HashMap<String, Vec<usize>> = HashMap::new();
        for track in &framework.tracks {
            for level in track.levels.iter() {
                let at = ids.len();
                ids.push(format!("{}/{}", track.id, level.id));
                facts.push((
                    track.id.clone(),
                    track.craft.clone(),
                    level.id.clone(),
                    level.band,
                ));
                for text in [&level.title, &track.name] {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        let places = words.entry(stream.token().text.clone()).or_default();
                        if places.last() != Some(&at) {
                            places.push(at);
                        }
                    }
                }
            }
        }
        Places {
            ids,
            facts,
            words: words.into_iter().collect(),
        }
    }

    /// `track/level` of each level whose title or track name has a word (or stem) that
    /// `matches`, each once, in framework order.
    pub(super) fn with_word(&self, matches: impl Fn(&str) -> bool) -> Vec<&str> {
        let mut found: Vec<usize> = self
            .words
            .iter()
            .filter(|(w, _)| matches(w))
            .flat_map(|(_, at)| at.iter().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter_map(|i| self.ids.get(i))
            .map(String::as_str)
            .collect()
    }

    /// `track/level` of each level with these facts; `None` matches any.
    pub(super) fn with_facts(
        &self,
        track: Option<&str>,
        craft: Option<&str>,
        level: Option<&str>,
        band: Option<u32>,
    ) -> Vec<&str> {
        self.ids
            .iter()
            .zip(&self.facts)
            .filter(|(_, (t, d, l, b))| {
                track.is_none_or(|x| x == t)
                    && craft.is_none_or(|x| x == d)
                    && level.is_none_or(|x| x == l)
                    && band.is_none_or(|x| x == *b)
            })
            .map(|(id, _)| id.as_str())
            .collect()
    }
}
