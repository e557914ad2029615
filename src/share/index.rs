//! The search index an exported page carries, built here so the page's own small script
//! only looks words up: every word as the app's search splits, lowercases and stems it
//! ([`crate::search::words_with_stems`]), each pointing at its stem, and each stem at the
//! documents and fields it is found in. A document's text is stored once, as the snippet
//! its result shows.
//!
//! The JSON is compact: `l` the labels shared by documents (track · level · competency),
//! `d` the documents as `[anchor, label, title, text]`, `w` every word and stem sorted as
//! `[word, stem]` (so a prefix is a range), and `p` per stem the postings
//! `document * 2 + field` (field 0 the title, 1 the text), ascending.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::framework::markdown::to_plain_text;
use crate::framework::model::Framework;
use crate::search::words_with_stems;

/// The id of the block that holds the index.
pub(super) const INDEX_ID: &str = "rung-search";

/// The most characters of a text shown as a snippet for what is not an expectation (a
/// competency's description, a track's summary); all of it is still found.
const SNIPPET: usize = 240;

#[derive(Debug, Default, Serialize, PartialEq)]
pub(super) struct Index {
    #[serde(rename = "l")]
    labels: Vec<String>,
    #[serde(rename = "d")]
    docs: Vec<(String, u32, String, String)>,
    #[serde(rename = "w")]
    words: Vec<(String, u32)>,
    #[serde(rename = "p")]
    postings: Vec<Vec<u32>>,
}

/// Builds the index as documents are added, then sorts its words.
#[derive(Default)]
struct Builder {
    index: Index,
    labels: HashMap<String, u32>,
    stems: HashMap<String, u32>,
    /// Every word and stem, with the stem it is found by.
    words: BTreeMap<String, u32>,
}

impl Builder {
    fn label(&mut self, label: String) -> u32 {
        let next = self.labels.len() as u32;
        *self.labels.entry(label.clone()).or_insert_with(|| {
            self.index.labels.push(label);
            next
        })
    }

    fn stem(&mut self, stem: &str) -> u32 {
        if let Some(&n) = self.stems.get(stem) {
            return n;
        }
        let n = self.index.postings.len() as u32;
        self.index.postings.push(Vec::new());
        self.stems.insert(stem.to_owned(), n);
        // A stem is found by itself unless it is also a word written with another stem.
        self.words.entry(stem.to_owned()).or_insert(n);
        n
    }

    /// Adds a document; `shown` is how much of `text` its result shows (all when `None`).
    fn add(&mut self, anchor: &str, label: String, title: &str, text: &str, shown: Option<usize>) {
        let doc = self.index.docs.len() as u32;
        let label = self.label(label);
        for (field, part) in [(0, title), (1, text)] {
            for (word, stem) in words_with_stems(part) {
                let n = self.stem(&stem);
                self.words.insert(word, n);
                let posting = doc * 2 + field;
                let list = &mut self.index.postings[n as usize];
                if list.last() != Some(&posting) {
                    list.push(posting);
                }
            }
        }
        let text = match shown {
            Some(max) if text.chars().count() > max => {
                let cut: String = text.chars().take(max).collect();
                format!("{}…", cut.trim_end())
            }
            _ => text.to_owned(),
        };
        self.index
            .docs
            .push((anchor.to_owned(), label, title.to_owned(), text));
    }

    fn finish(mut self) -> Index {
        self.index.words = self.words.into_iter().collect();
        self.index
    }
}

/// The index of `framework`: its tracks, levels (title and summary), expectations (their
/// text, labelled with track, level and competency), competencies and glossary terms.
pub(super) fn build(framework: &Framework) -> Index {
    let mut b = Builder::default();
    for track in &framework.tracks {
        b.add(
            &track.id,
            "Track".to_owned(),
            &track.name,
            &to_plain_text(&track.summary),
            Some(SNIPPET),
        );
        for level in &track.levels {
            let anchor = format!("{}/{}", track.id, level.id);
            b.add(
                &anchor,
                format!("{} · level", track.name),
                &level.title,
                &to_plain_text(&level.summary),
                Some(SNIPPET),
            );
            for section in &level.sections {
                let competency = framework
                    .competency(&section.competency)
                    .map_or(section.competency.as_str(), |c| c.name.as_str());
                let label = format!("{} · {} · {}", track.name, level.title, competency);
                for e in &section.expectations {
                    b.add(&e.id, label.clone(), "", &to_plain_text(&e.text), None);
                }
            }
        }
    }
    for c in &framework.competencies {
        b.add(
            &format!("competency/{}", c.id),
            "Competency".to_owned(),
            &c.name,
            &to_plain_text(&c.description),
            Some(SNIPPET),
        );
    }
    for term in &framework.glossary {
        b.add(
            &format!("glossary/{}", term.id),
            "Glossary".to_owned(),
            &term.term,
            &to_plain_text(&term.definition),
            Some(SNIPPET),
        );
    }
    b.finish()
}

/// The `<script type="application/json">` block holding `index`, with every `<`, `>` and
/// `&` written as a JSON escape so no text can close the block.
pub(super) fn embed(index: &Index) -> String {
    // Serialising strings and numbers to JSON cannot fail; an empty index is the fallback.
    let json = serde_json::to_string(index).unwrap_or_else(|_| "{}".to_owned());
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("<script type=\"application/json\" id=\"{INDEX_ID}\">{json}</script>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Index {
        build(&crate::load_bundled().framework)
    }

    fn stem_of(index: &Index, word: &str) -> Option<u32> {
        let at = index.words.binary_search_by(|(w, _)| w.as_str().cmp(word));
        at.ok().map(|i| index.words[i].1)
    }

    fn docs_of<'a>(index: &'a Index, word: &str) -> Vec<(&'a str, u32)> {
        let Some(stem) = stem_of(index, word) else {
            return Vec::new();
        };
        index.postings[stem as usize]
            .iter()
            .map(|p| (index.docs[(p / 2) as usize].0.as_str(), p % 2))
            .collect()
    }

    #[test]
    fn words_and_their_stems_lead_to_the_same_documents() {
        let mut b = Builder::default();
        b.add(
            "t/a/x",
            "T · A · C".to_owned(),
            "",
            "Mentoring the team",
            None,
        );
        b.add("t/a/y", "T · A · C".to_owned(), "", "Mentors others", None);
        b.add("t/a", "T · level".to_owned(), "Mentor", "Leads", None);
        let index = b.finish();
        let expected = vec![("t/a/x", 1), ("t/a/y", 1), ("t/a", 0)];
        assert_eq!(docs_of(&index, "mentoring"), expected);
        assert_eq!(docs_of(&index, "mentors"), expected);
        // The stem is a word of its own, found by itself.
        assert_eq!(docs_of(&index, "mentor"), expected);
        assert_eq!(docs_of(&index, "team"), vec![("t/a/x", 1)]);
        assert!(docs_of(&index, "lead").len() == 1 && docs_of(&index, "leads").len() == 1);
        // Words are sorted, so a prefix is a range.
        let words: Vec<&str> = index.words.iter().map(|(w, _)| w.as_str()).collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "{words:?}");
        // The label is stored once and shared.
        assert_eq!(index.labels, ["T · A · C", "T · level"]);
        assert_eq!(
            index.docs[1],
            (
                "t/a/y".to_owned(),
                0,
                String::new(),
                "Mentors others".to_owned()
            )
        );
    }

    #[test]
    fn a_posting_is_written_once_per_document_and_field() {
        let mut b = Builder::default();
        b.add(
            "a",
            "L".to_owned(),
            "Review reviews",
            "reviewing a review",
            None,
        );
        let index = b.finish();
        assert_eq!(docs_of(&index, "review"), vec![("a", 0), ("a", 1)]);
    }

    #[test]
    fn long_texts_are_cut_in_the_snippet_but_found_in_full() {
        let mut b = Builder::default();
        let text = format!("{} zebra", "word ".repeat(100));
        b.add("c", "Competency".to_owned(), "Name", &text, Some(20));
        let index = b.finish();
        assert_eq!(
            index.docs[0].3,
            format!("{}…", "word ".repeat(4).trim_end())
        );
        assert_eq!(docs_of(&index, "zebra"), vec![("c", 1)]);
    }

    #[test]
    fn the_bundled_framework_has_every_expectation_once() {
        let loaded = crate::load_bundled();
        let index = bundled();
        let mut count = 0;
        for track in &loaded.framework.tracks {
            for level in &track.levels {
                for section in &level.sections {
                    for e in &section.expectations {
                        count += 1;
                        let n = index.docs.iter().filter(|d| d.0 == e.id).count();
                        assert_eq!(n, 1, "{}", e.id);
                    }
                }
            }
        }
        assert!(count > 300, "{count}");
        let json = embed(&index);
        println!(
            "search index: {} documents, {} words, {} stems, {} bytes",
            index.docs.len(),
            index.words.len(),
            index.postings.len(),
            json.len()
        );
        assert!(json.len() < 400 * 1024, "{} bytes", json.len());
        // No posting list is empty, and each is ascending.
        assert!(index
            .postings
            .iter()
            .all(|p| !p.is_empty() && p.windows(2).all(|w| w[0] < w[1])));
    }

    #[test]
    fn text_that_would_close_the_block_stays_inside_it() {
        let mut b = Builder::default();
        b.add(
            "a",
            "L".to_owned(),
            "</script>",
            "<b> & </script><script>",
            None,
        );
        let block = embed(&b.finish());
        assert_eq!(block.matches("</script>").count(), 1);
        assert_eq!(block.matches('<').count(), 2);
        assert!(!block.contains('&'));
    }
}
