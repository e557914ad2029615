//! The search index an exported page carries, built here so the page's own small script
//! only looks words up: every word as the app's search splits, lowercases and stems it
//! ([`crate::search::words_with_stems`]), each pointing at its stem, and each stem at the
//! documents and fields it is found in. A document's text is stored once, as the snippet
//! its result shows.
//!
//! The JSON is compact: `l` the labels shared by documents (track · level · competency),
//! `d` the documents as `[anchor, label, title, text]`, `w` every word and stem sorted and
//! joined by spaces (so a prefix is a range) and `s` the stem each is found by, `p` per
//! stem the postings `document * 2 + field` (field 0 the title, 1 the text), ascending,
//! each written as its difference from the one before, `x` an expectation's
//! examples by document (found as its text, shown when they match), and `n` for a level's
//! document how many documents after it are its expectations: as in the app, a word of a
//! level's title or track name finds the level's expectations too.

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
    /// Every word and stem, sorted, with the stem it is found by.
    #[serde(skip)]
    words: Vec<(String, u32)>,
    #[serde(rename = "w")]
    joined: String,
    #[serde(rename = "s")]
    stems: Vec<u32>,
    /// Per stem, its postings in order.
    #[serde(skip)]
    postings: Vec<Vec<u32>>,
    #[serde(rename = "p")]
    deltas: Vec<Vec<u32>>,
    #[serde(rename = "x")]
    examples: BTreeMap<u32, Vec<String>>,
    #[serde(rename = "n")]
    levels: BTreeMap<u32, u32>,
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

    /// Adds a document found by the words of `titles` and `texts`, showing the first of
    /// each (`shown`: how much of the text, all when `None`); returns its number.
    fn add(
        &mut self,
        anchor: &str,
        label: String,
        titles: &[&str],
        texts: &[&str],
        shown: Option<usize>,
    ) -> u32 {
        let doc = self.index.docs.len() as u32;
        let label = self.label(label);
        let parts = titles.iter().map(|t| (0, *t));
        for (field, part) in parts.chain(texts.iter().map(|t| (1, *t))) {
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
        let title = titles.first().copied().unwrap_or_default();
        let text = texts.first().copied().unwrap_or_default();
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
        doc
    }

    fn finish(mut self) -> Index {
        let index = &mut self.index;
        index.words = self.words.into_iter().collect();
        // Words are letters and digits only, so a space cannot be part of one.
        let words: Vec<&str> = index.words.iter().map(|(w, _)| w.as_str()).collect();
        index.joined = words.join(" ");
        index.stems = index.words.iter().map(|(_, s)| *s).collect();
        index.deltas = index
            .postings
            .iter()
            .map(|list| {
                let mut last = 0;
                list.iter()
                    .map(|&p| {
                        let delta = p - last;
                        last = p;
                        delta
                    })
                    .collect()
            })
            .collect();
        self.index
    }
}

/// The index of `framework`, the documents the app's search has: tracks, levels (their
/// title and track name; their summary and what they say about each shared dimension),
/// expectations (their text and examples, labelled with track, level and competency),
/// competencies and glossary terms.
pub(super) fn build(framework: &Framework) -> Index {
    let mut b = Builder::default();
    for track in &framework.tracks {
        let summary = to_plain_text(&track.summary);
        b.add(
            &track.id,
            "Track".to_owned(),
            &[&track.name],
            &[&summary],
            Some(SNIPPET),
        );
        for level in track.levels.iter() {
            let anchor = format!("{}/{}", track.id, level.id);
            let mut texts = vec![to_plain_text(&level.summary)];
            texts.extend(level.dimensions.iter().map(|d| to_plain_text(&d.text)));
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let at = b.add(
                &anchor,
                format!("{} · level", track.name),
                &[&level.title, &track.name],
                &texts,
                Some(SNIPPET),
            );
            for section in &level.sections {
                let competency = framework
                    .competency(&section.competency)
                    .map_or(section.competency.as_str(), |c| c.name.as_str());
                let label = format!("{} · {} · {}", track.name, level.title, competency);
                for e in &section.expectations {
                    let mut texts = vec![to_plain_text(&e.text)];
                    texts.extend(e.examples.iter().map(|x| to_plain_text(x)));
                    let parts: Vec<&str> = texts.iter().map(String::as_str).collect();
                    let doc = b.add(&e.id, label.clone(), &[], &parts, None);
                    if texts.len() > 1 {
                        b.index.examples.insert(doc, texts.split_off(1));
                    }
                }
            }
            let after = b.index.docs.len() as u32 - at - 1;
            if after > 0 {
                b.index.levels.insert(at, after);
            }
        }
    }
    for c in &framework.competencies {
        b.add(
            &format!("competency/{}", c.id),
            "Competency".to_owned(),
            &[&c.name],
            &[&to_plain_text(&c.description)],
            Some(SNIPPET),
        );
    }
    for term in &framework.glossary {
        b.add(
            &format!("glossary/{}", term.id),
            "Glossary".to_owned(),
            &[&term.term],
            &[&to_plain_text(&term.definition)],
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
        let label = || "T · A · C".to_owned();
        b.add("t/a/x", label(), &[], &["Mentoring the team"], None);
        b.add("t/a/y", label(), &[], &["Mentors others"], None);
        b.add("t/a", "T · level".to_owned(), &["Mentor"], &["Leads"], None);
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
        // As written: words joined, postings as differences.
        let json = serde_json::to_value(&index).unwrap();
        let mentor = stem_of(&index, "mentor").unwrap() as usize;
        assert_eq!(json["p"][mentor], serde_json::json!([1, 2, 1]));
        assert!(json["w"]
            .as_str()
            .unwrap()
            .starts_with("lead leads mentor mentoring mentors other"));
        assert_eq!(json["s"].as_array().unwrap().len(), index.words.len());
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
            &["Review reviews", "review"],
            &["reviewing a review", "reviews"],
            None,
        );
        let index = b.finish();
        assert_eq!(docs_of(&index, "review"), vec![("a", 0), ("a", 1)]);
    }

    #[test]
    fn long_texts_are_cut_in_the_snippet_but_found_in_full() {
        let mut b = Builder::default();
        let text = format!("{} zebra", "word ".repeat(100));
        b.add("c", "Competency".to_owned(), &["Name"], &[&text], Some(20));
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
            for level in track.levels.iter() {
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
        // A level's document counts its expectations, which follow it; an expectation's
        // examples are kept beside it and found as its text.
        let mut examples = 0;
        for track in &loaded.framework.tracks {
            for level in track.levels.iter() {
                let anchor = format!("{}/{}", track.id, level.id);
                let at = index.docs.iter().position(|d| d.0 == anchor).unwrap();
                let ids: Vec<&str> = level
                    .sections
                    .iter()
                    .flat_map(|s| s.expectations.iter().map(|e| e.id.as_str()))
                    .collect();
                assert_eq!(
                    index.levels.get(&(at as u32)).copied().unwrap_or(0) as usize,
                    ids.len()
                );
                for (k, id) in ids.iter().enumerate() {
                    assert_eq!(index.docs[at + 1 + k].0, *id);
                }
                assert_eq!(index.docs[at].2, level.title);
                let e = level
                    .sections
                    .iter()
                    .flat_map(|s| &s.expectations)
                    .find(|e| !e.examples.is_empty());
                if let Some(e) = e {
                    examples += 1;
                    let doc = index.docs.iter().position(|d| d.0 == e.id).unwrap() as u32;
                    assert_eq!(index.examples[&doc].len(), e.examples.len());
                }
            }
        }
        assert!(examples > 10, "{examples}");
        // A track's name is a title word of its levels.
        let hits = docs_of(&index, "engineer");
        assert!(hits.contains(&("engineering/e3", 0)), "{hits:?}");
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
            &["</script>"],
            &["<b> & </script><script>"],
            None,
        );
        let block = embed(&b.finish());
        assert_eq!(block.matches("</script>").count(), 1);
        assert_eq!(block.matches('<').count(), 2);
        assert!(!block.contains('&'));
    }
}
