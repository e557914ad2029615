//! The bookkeeping that lets an index be updated in place: which documents each level file
//! has, which load of the framework the index holds, and, for a new load, which documents
//! to add and which to delete. Only the changed files' documents are compared when that
//! is safe; otherwise all of them are.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{BitSet, DocId, IndexWriter, Score, SegmentReader};

use super::documents::{Doc, Draft, Entries, Entry};
use super::query::{explain_set, set_scorer};
use crate::framework::load::{classify, Kind};
use crate::framework::model::Framework;

/// The index's writer, and what an update needs to know about what it wrote.
pub(super) struct Writer {
    /// Kept for updates; it also merges segments in the background.
    pub(super) writer: IndexWriter<Doc>,
    /// The keys of the documents of each level file.
    by_source: HashMap<String, Vec<u64>, foldhash::fast::RandomState>,
    /// The generation of the framework last indexed; older updates are skipped.
    pub(super) generation: u64,
}

impl Writer {
    /// The writer of an index that holds nothing yet, at generation 0: each document
    /// written is then noted with [`Writer::added`].
    pub(super) fn new(writer: IndexWriter<Doc>) -> Writer {
        Writer {
            writer,
            by_source: HashMap::default(),
            generation: 0,
        }
    }

    /// The level files whose documents alone need comparing for load `generation`, given
    /// the files `changed` since the last load; `None`: compare every document.
    pub(super) fn scope<'c>(
        &self,
        changed: Option<&'c [String]>,
        generation: u64,
    ) -> Option<HashSet<&'c str>> {
        // Comparing only the changed files' documents is right when the index holds the
        // load just before this one, and only level files changed.
        changed
            .filter(|_| generation == self.generation + 1)
            .filter(|paths| {
                paths
                    .iter()
                    .all(|p| matches!(classify(p), Kind::Level { .. }))
            })
            .map(|paths| paths.iter().map(String::as_str).collect())
    }

    /// What to add (the drafts the index does not hold) and what to delete (the keys of
    /// the compared documents that are no longer drafted), given the drafts of `framework`
    /// for `only` (see [`Writer::scope`]) and the entries the index holds.
    pub(super) fn changes<'d, 'f>(
        &self,
        framework: &Framework,
        drafts: &'d [(u64, Draft<'f>)],
        old: &Entries,
        only: Option<&HashSet<&str>>,
    ) -> (Vec<(u64, &'d Draft<'f>)>, Vec<u64>) {
        // A changed file can also take another out (two files with one level id): the
        // documents of level files no longer in the framework go too.
        let present: HashSet<&str> = framework
            .tracks
            .iter()
            .flat_map(|t| t.levels.iter())
            .map(|l| l.source.as_str())
            .collect();
        let new_keys: HashSet<u64> = drafts.iter().map(|(k, _)| *k).collect();
        let fresh: Vec<(u64, &Draft<'_>)> = drafts
            .iter()
            .filter(|(k, _)| !old.contains_key(k))
            .map(|(k, d)| (*k, d))
            .collect();
        let before: Vec<u64> = match only {
            Some(paths) => self
                .by_source
                .iter()
                .filter(|(source, _)| {
                    paths.contains(source.as_str()) || !present.contains(source.as_str())
                })
                .flat_map(|(_, keys)| keys.iter().copied())
                .collect(),
            None => old.keys().copied().collect(),
        };
        let gone: Vec<u64> = before
            .into_iter()
            .filter(|k| !new_keys.contains(k))
            .collect();
        (fresh, gone)
    }

    /// Notes that document `key`, from the level file `source` if any, was added.
    pub(super) fn added(&mut self, key: u64, source: Option<&str>) {
        let Some(source) = source else {
            return;
        };
        // Most documents follow one of the same file: look it up before copying its path.
        match self.by_source.get_mut(source) {
            Some(keys) => keys.push(key),
            None => {
                self.by_source.insert(source.to_owned(), vec![key]);
            }
        }
    }

    /// Notes that document `key` of `entry` was deleted.
    pub(super) fn deleted(&mut self, key: u64, entry: &Entry) {
        let Some(source) = entry.source() else {
            return;
        };
        if let Some(keys) = self.by_source.get_mut(source) {
            keys.retain(|k| *k != key);
            if keys.is_empty() {
                self.by_source.remove(source);
            }
        }
    }
}

/// The documents whose key is one of a set: what an update deletes. The key is a fast
/// field, not an indexed term (see `documents::Fields::key`): each segment's column of
/// keys is scanned once per update, which costs far less than a term per document.
#[derive(Clone, Debug)]
pub(super) struct Keys(Arc<HashSet<u64>>);

impl Keys {
    pub(super) fn of(keys: &[u64]) -> Keys {
        Keys(Arc::new(keys.iter().copied().collect()))
    }
}

impl Query for Keys {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Keys {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let column = reader.fast_fields().u64("key")?;
        let mut found: Option<BitSet> = None;
        for doc in 0..reader.max_doc() {
            if column.first(doc).is_some_and(|k| self.0.contains(&k)) {
                found
                    .get_or_insert_with(|| BitSet::with_max_value(reader.max_doc()))
                    .insert(doc);
            }
        }
        Ok(set_scorer(found, boost))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_set(self, reader, doc, "a key to delete")
    }
}
