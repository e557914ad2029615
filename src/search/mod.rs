//! Full-text search over a framework: expectations, level summaries, shared dimensions,
//! competency descriptions and glossary entries, in an in-RAM tantivy index.
//!
//! Queries are built from the words a person types, never parsed as a query language,
//! so no input is a syntax error. Words are stemmed (English), words of four letters or
//! more tolerate one typo, the last word matches as a prefix while it is being typed,
//! and text in double quotes is a phrase. Every word must match somewhere.
//!
//! This file holds the index and its API: building, updating and searching. The parts:
//! - `types`: what a search is asked and answers ([`Filters`], [`Hit`], [`Results`]);
//! - `tokenizer`: how text becomes words and stems;
//! - `vocabulary`: the words as written, where typos and prefixes are matched;
//! - `documents`: the fields, and one document per searchable piece of a framework;
//! - `places`: the levels by the words of their titles and by their facts;
//! - `update`: the bookkeeping of updating the index in place;
//! - `query`: queries built from what was typed;
//! - `highlight`: the snippet a hit shows, its matched words marked.

mod documents;
mod highlight;
mod places;
mod query;
mod tokenizer;
mod types;
mod update;
mod vocabulary;

use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, Searcher};

use crate::framework::model::Framework;

use documents::{drafts, render_all, rendered, schema, Doc, Entries, Fields};
use highlight::Highlighter;
use places::Places;
use query::{Builder, Typed, TITLE_SCORE};
pub use tokenizer::words_with_stems;
use tokenizer::{common_stems, indexed, words_only, STEMS, TOKENIZER};
pub use types::{Filters, Hit, HitKind, Results};
use update::{Keys, Writer};
use vocabulary::{Common, Vocabulary};

/// A framework's search index, in RAM. Cloning shares it.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    reader: IndexReader,
    fields: Fields,
    /// Stems only: for queries.
    analyzer: TextAnalyzer,
    /// Words split and lowercased as indexed, without stems: for highlighting.
    words: TextAnalyzer,
    /// The writer, kept for updates; it also merges segments in the background.
    writer: Mutex<Writer>,
    entries: RwLock<Entries>,
    places: RwLock<Places>,
    /// The words indexed, as written, where typos and prefixes are matched, and the
    /// stems indexed in pairs when adjacent.
    vocabulary: Arc<Vocabulary>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

/// Why an index could not be built.
#[derive(Debug, thiserror::Error)]
#[error("the search index could not be built: {0}")]
pub struct IndexError(tantivy::TantivyError);

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError(e)
    }
}

/// What an update changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Update {
    /// Documents added (new or changed).
    pub added: usize,
    /// Documents removed (gone or changed).
    pub removed: usize,
}

impl SearchIndex {
    /// Indexes every searchable piece of `framework`.
    pub fn build(framework: &Framework) -> Result<SearchIndex, IndexError> {
        Self::build_with(framework, None)
    }

    /// [`SearchIndex::build`], with these stems indexed in pairs instead of the common
    /// ones of `framework`.
    fn build_with(
        framework: &Framework,
        common: Option<Common>,
    ) -> Result<SearchIndex, IndexError> {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        let mut writer = Writer::new(index.writer_with_num_threads(2, 96_000_000)?);
        let rendered = rendered(framework);
        let common = common.unwrap_or_else(|| {
            let bodies: Vec<&str> = rendered.iter().map(|(_, e)| e.body.as_str()).collect();
            common_stems(&bodies)
        });
        let vocabulary = Arc::new(Vocabulary::new(common));
        index
            .tokenizers()
            .register(TOKENIZER, indexed(vocabulary.clone()));
        let mut entries = Entries::with_capacity_and_hasher(rendered.len(), Default::default());
        for (key, entry) in rendered {
            let entry = Arc::new(entry);
            writer.added(key, entry.source());
            writer
                .writer
                .add_document(Doc::new(f, key, entry.clone()))?;
            entries.insert(key, entry);
        }
        writer.writer.commit()?;
        vocabulary.refresh();
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let analyzer = index.tokenizers().get(STEMS).ok_or_else(|| {
            tantivy::TantivyError::InternalError(
                "the English stemming tokenizer is missing".to_owned(),
            )
        })?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                reader,
                fields: f,
                analyzer,
                words: words_only(),
                writer: Mutex::new(writer),
                entries: RwLock::new(entries),
                places: RwLock::new(Places::of(framework)),
                vocabulary,
            }),
        })
    }

    /// Brings the index up to date with `framework`, re-indexing only the documents that
    /// changed. `changed` lists the files changed since the framework last indexed (see
    /// [`crate::Loader::changed`]); when they are all level files, only their documents
    /// are compared, otherwise all are. `generation` orders updates: one older than the
    /// last applied is skipped.
    pub fn update(
        &self,
        framework: &Framework,
        changed: Option<&[String]>,
        generation: u64,
    ) -> Result<Update, IndexError> {
        let inner = &*self.inner;
        let Ok(mut w) = inner.writer.lock() else {
            return Err(IndexError(tantivy::TantivyError::Poisoned));
        };
        if generation < w.generation {
            return Ok(Update::default());
        }
        let only = w.scope(changed, generation);
        let drafts = drafts(framework, only.as_ref());
        let (fresh, gone) = w.changes(framework, &drafts, &self.read_entries(), only.as_ref());
        let update = Update {
            added: fresh.len(),
            removed: gone.len(),
        };
        if update != Update::default() {
            let rendered = render_all(fresh.clone());
            let mut documents = Vec::with_capacity(rendered.len());
            // Hits are looked up by key: add the new entries before their documents
            // become visible, and drop the old ones only after theirs are gone.
            {
                let mut entries = self.write_entries();
                for (key, entry) in rendered {
                    let entry = Arc::new(entry);
                    documents.push(Doc::new(inner.fields, key, entry.clone()));
                    entries.insert(key, entry);
                }
            }
            for d in documents {
                w.writer.add_document(d)?;
            }
            if !gone.is_empty() {
                w.writer.delete_query(Box::new(Keys::of(&gone)))?;
            }
            w.writer.commit()?;
            // The new words are searchable before the documents that hold them.
            inner.vocabulary.refresh();
            inner.reader.reload()?;
            let mut entries = self.write_entries();
            for key in &gone {
                if let Some(e) = entries.remove(key) {
                    w.deleted(*key, &e);
                }
            }
            for (key, draft) in &fresh {
                w.added(*key, draft.source());
            }
        }
        *self
            .inner
            .places
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Places::of(framework);
        w.generation = generation;
        Ok(update)
    }

    /// Records which load of a framework this index holds (see [`crate::Loader::generation`]),
    /// so that the next update knows whether only the files changed since can be compared.
    pub fn set_generation(&self, generation: u64) {
        if let Ok(mut w) = self.inner.writer.lock() {
            w.generation = generation;
        }
    }

    fn read_entries(&self) -> std::sync::RwLockReadGuard<'_, Entries> {
        self.inner
            .entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write_entries(&self) -> std::sync::RwLockWriteGuard<'_, Entries> {
        self.inner
            .entries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.read_entries().len()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best `limit` hits for what a person typed.
    pub fn search(&self, typed: &str, filters: &Filters, limit: usize) -> Results {
        let parsed = Typed::from(typed);
        let searcher = self.inner.reader.searcher();
        let mut reached = Vec::new();
        let queries = {
            let places = self
                .inner
                .places
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let builder = Builder {
                fields: self.inner.fields,
                analyzer: &self.inner.analyzer,
                places: &places,
                vocabulary: &self.inner.vocabulary,
            };
            builder
                .text(&parsed, &mut reached)
                .map(|text| (builder.with_filters(text.box_clone(), filters), text))
        };
        let Some((filtered, text_query)) = queries else {
            return Results {
                hits: Vec::new(),
                total: 0,
                total_unfiltered: None,
            };
        };
        let highlight = Highlighter::new(&parsed, &self.inner.analyzer, reached);
        let (hits, total) = self.run(&searcher, &*filtered, &parsed, &highlight, limit.max(1));
        let total_unfiltered = (!filters.is_empty()).then(|| count(&searcher, &*text_query));
        Results {
            hits,
            total,
            total_unfiltered,
        }
    }

    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        parsed: &Typed,
        highlight: &Highlighter,
        limit: usize,
    ) -> (Vec<Hit>, u32) {
        let collector = (
            // A few more than asked, for the exact-title bonus below to reorder.
            TopDocs::with_limit(limit.max(10)).order_by_score(),
            tantivy::collector::Count,
        );
        let Ok((top, count)) = searcher.search(query, &collector) else {
            return (Vec::new(), 0);
        };
        let entries = self.read_entries();
        let typed = normalized(
            &parsed
                .phrases
                .iter()
                .chain(&parsed.words)
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut hits: Vec<Hit> = top
            .into_iter()
            .filter_map(|(score, address)| {
                let keys = searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("key")
                    .ok()?;
                let e = entries.get(&keys.first(address.doc_id)?)?;
                Some(Hit {
                    kind: e.kind,
                    title: e.title.to_string(),
                    snippet_html: highlight.snippet(&e.body, &self.inner.words),
                    track: e.level.as_ref().map(|l| l.track.clone()),
                    level: e.level.as_ref().map(|l| l.level.clone()),
                    competency: e.competency.as_deref().map(str::to_owned),
                    target: e.target.to_string(),
                    score,
                })
            })
            .collect();
        // A title that is exactly what was typed (a term, a competency) comes first.
        for hit in &mut hits {
            if hit.kind != HitKind::Expectation && normalized(&hit.title) == typed {
                hit.score += TITLE_SCORE;
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        (hits, u32::try_from(count).unwrap_or(u32::MAX))
    }
}

fn count(searcher: &Searcher, query: &dyn Query) -> u32 {
    searcher
        .search(query, &tantivy::collector::Count)
        .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// Lowercase words joined by single spaces, for comparing a title with what was typed.
fn normalized(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
