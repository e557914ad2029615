//! Full-text search over a framework: expectations, level summaries, shared dimensions,
//! competency descriptions and glossary entries, in an in-RAM tantivy index.
//!
//! Queries are built from the words a person types, never parsed as a query language,
//! so no input is a syntax error. Words are stemmed (English), words of four letters or
//! more tolerate one typo, the last word matches as a prefix while it is being typed,
//! and text in double quotes is a phrase. Every word must match somewhere.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STRING,
};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::{Index, IndexReader, IndexWriter, Term};
use ts_rs::TS;

use crate::framework::markdown::to_plain_text;
use crate::framework::model::Framework;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    /// An expectation of a level.
    Expectation,
    /// A level's title and summary.
    Level,
    /// What a level says about a shared dimension.
    Dimension,
    /// A competency's description.
    Competency,
    /// A glossary entry.
    Term,
}

impl HitKind {
    fn as_str(self) -> &'static str {
        match self {
            HitKind::Expectation => "expectation",
            HitKind::Level => "level",
            HitKind::Dimension => "dimension",
            HitKind::Competency => "competency",
            HitKind::Term => "term",
        }
    }
}

/// Narrows a search; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Filters {
    /// Only this track.
    #[serde(default)]
    pub track: Option<String>,
    /// Only this craft.
    #[serde(default)]
    pub discipline: Option<String>,
    /// Only this level (with `track`).
    #[serde(default)]
    pub level: Option<String>,
    /// Only this band.
    #[serde(default)]
    pub band: Option<u32>,
    /// Only this competency.
    #[serde(default)]
    pub competency: Option<String>,
}

impl Filters {
    fn is_empty(&self) -> bool {
        self == &Filters::default()
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Hit {
    /// What it is.
    pub kind: HitKind,
    /// Its title: the level's title, the competency's or the term's name.
    pub title: String,
    /// The matching text around the match, HTML-escaped, with matched words in `<mark>`.
    pub snippet_html: String,
    /// The track, when the hit belongs to one.
    pub track: Option<String>,
    /// The level, when the hit belongs to one.
    pub level: Option<String>,
    /// The competency, for expectations and competencies.
    pub competency: Option<String>,
    /// Where to go: an expectation's ID, a level as `track/level`, a term's or competency's id.
    pub target: String,
    /// Relevance, higher first.
    pub score: f32,
}

/// The results of one search.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Results {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched with the filters.
    pub total: u32,
    /// How many matched without the filters, when filters were given.
    pub total_unfiltered: Option<u32>,
}

#[derive(Clone, Copy)]
struct Fields {
    competency: Field,
    /// The document's key in [`Entries`]: a fingerprint of everything indexed.
    key: Field,
    /// `track/level` of the documents that belong to a level: filters by track, craft,
    /// level and band become a set of places (see [`Places`]).
    place: Field,
    /// Each word twice at one position, as written (lowercase) and stemmed: stems for
    /// matching and phrases, the words as written for typos and prefixes.
    title: Field,
    body: Field,
}

/// What a document shows as a hit, by key.
type Entries = HashMap<u64, Arc<Entry>>;

/// One indexed document: what a hit shows, and the text it is found by.
#[derive(Debug, PartialEq)]
struct Entry {
    kind: HitKind,
    /// The title shown.
    title: String,
    /// More title words to be found by (a level's track name).
    title_extra: Option<String>,
    /// Plain text, for matching and snippets.
    body: String,
    track: Option<String>,
    discipline: Option<String>,
    level: Option<String>,
    band: Option<u32>,
    competency: Option<String>,
    target: String,
    /// The level file the document comes from.
    source: Option<String>,
}

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
    /// Words and their stems, as indexed: for highlighting.
    words: TextAnalyzer,
    /// The writer, kept for updates; it also merges segments in the background.
    writer: Mutex<Writer>,
    entries: RwLock<Entries>,
    places: RwLock<Places>,
}

/// The levels by the words of their title and track name: a level's expectations are
/// found by these words without carrying them in every document.
#[derive(Default)]
struct Places {
    /// `track/level` of each level.
    ids: Vec<String>,
    /// What filters see of each level: track, craft, level and band.
    facts: Vec<(String, String, String, u32)>,
    /// Each distinct word (and stem), with the levels that have it.
    words: Vec<(String, Vec<usize>)>,
}

fn places(framework: &Framework) -> Places {
    let mut analyzer = words_and_stems();
    let mut ids = Vec::new();
    let mut facts = Vec::new();
    let mut words: HashMap<String, Vec<usize>> = HashMap::new();
    for track in &framework.tracks {
        for level in &track.levels {
            let at = ids.len();
            ids.push(format!("{}/{}", track.id, level.id));
            facts.push((
                track.id.clone(),
                track.discipline.clone(),
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

struct Writer {
    writer: IndexWriter,
    /// The keys of the documents of each level file.
    by_source: HashMap<String, Vec<u64>>,
    /// The generation of the framework last indexed; older updates are skipped.
    generation: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

/// The score of a word found in a title. Titles are on few documents, so BM25 would
/// judge each one long against an average taken over all documents; a title match
/// counts the same whatever its length instead.
const TITLE_SCORE: f32 = 15.0;

/// The analyzer of the stemmed fields: each word as written and, when it differs, its stem.
const TOKENIZER: &str = "rung";
/// Stems only.
const STEMS: &str = "en_stem";

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        competency: builder.add_text_field("competency", STRING),
        key: builder.add_u64_field("key", INDEXED | FAST),
        place: builder.add_text_field("place", STRING),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
    };
    (builder.build(), fields)
}

/// Why an index could not be built.
#[derive(Debug)]
pub struct IndexError(tantivy::TantivyError);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the search index could not be built: {}", self.0)
    }
}

impl std::error::Error for IndexError {}

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

/// A document before its markdown is turned into plain text: cheap to make and to
/// fingerprint, so that an update renders only what changed.
struct Draft<'a> {
    kind: HitKind,
    title: &'a str,
    title_extra: Option<&'a str>,
    /// Markdown parts, joined by " — " once rendered.
    body: Vec<&'a str>,
    track: Option<&'a str>,
    discipline: Option<&'a str>,
    level: Option<&'a str>,
    band: Option<u32>,
    competency: Option<&'a str>,
    target: String,
    source: Option<&'a str>,
}

impl Draft<'_> {
    fn fingerprint(&self) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        (
            self.kind.as_str(),
            self.title,
            self.title_extra,
            &self.body,
            self.track,
            self.discipline,
            self.level,
            self.band,
            self.competency,
            &self.target,
            self.source,
        )
            .hash(&mut h);
        h.finish()
    }

    fn render(&self) -> Entry {
        let mut body = String::new();
        for (i, part) in self.body.iter().enumerate() {
            if i > 0 {
                body.push_str(" — ");
            }
            body.push_str(&to_plain_text(part));
        }
        Entry {
            kind: self.kind,
            title: self.title.to_owned(),
            title_extra: self.title_extra.map(str::to_owned),
            body,
            track: self.track.map(str::to_owned),
            discipline: self.discipline.map(str::to_owned),
            level: self.level.map(str::to_owned),
            band: self.band,
            competency: self.competency.map(str::to_owned),
            target: self.target.clone(),
            source: self.source.map(str::to_owned),
        }
    }
}

/// The documents of a framework, keyed by fingerprint (equal documents get distinct
/// keys): all of them, or those of the level files in `only`.
fn drafts<'a>(framework: &'a Framework, only: Option<&HashSet<&str>>) -> Vec<(u64, Draft<'a>)> {
    let mut out = Vec::new();
    let everything = only.is_none();
    for c in framework.competencies.iter().filter(|_| everything) {
        out.push(Draft {
            kind: HitKind::Competency,
            title: &c.name,
            title_extra: None,
            body: vec![&c.description],
            track: None,
            discipline: None,
            level: None,
            band: None,
            competency: Some(&c.id),
            target: c.id.clone(),
            source: None,
        });
    }
    for t in framework.glossary.iter().filter(|_| everything) {
        out.push(Draft {
            kind: HitKind::Term,
            title: &t.term,
            title_extra: None,
            body: vec![&t.definition],
            track: None,
            discipline: None,
            level: None,
            band: None,
            competency: None,
            target: t.id.clone(),
            source: None,
        });
    }
    for track in &framework.tracks {
        let wanted = |level: &&crate::framework::model::Level| {
            only.is_none_or(|o| o.contains(level.source.as_str()))
        };
        for level in track.levels.iter().filter(wanted) {
            let base = |kind: HitKind, target: String, body: Vec<&'a str>| Draft {
                kind,
                title: &level.title,
                title_extra: Some(&track.name),
                body,
                track: Some(&track.id),
                discipline: Some(&track.discipline),
                level: Some(&level.id),
                band: Some(level.band),
                competency: None,
                target,
                source: Some(&level.source),
            };
            let level_target = format!("{}/{}", track.id, level.id);
            out.push(base(
                HitKind::Level,
                level_target.clone(),
                vec![&level.summary],
            ));
            for s in &level.dimensions {
                out.push(base(
                    HitKind::Dimension,
                    level_target.clone(),
                    vec![&s.text],
                ));
            }
            for section in &level.sections {
                for e in &section.expectations {
                    let mut body = vec![e.text.as_str()];
                    body.extend(e.examples.iter().map(String::as_str));
                    let mut d = base(HitKind::Expectation, e.id.clone(), body);
                    d.competency = Some(&section.competency);
                    out.push(d);
                }
            }
        }
    }
    let fingerprints = par_map(&out, Draft::fingerprint);
    let mut seen = HashSet::with_capacity(out.len());
    out.into_iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let mut key = fingerprint;
            while !seen.insert(key) {
                key = key.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(1);
            }
            (key, d)
        })
        .collect()
}

/// Renders drafts to entries, on all cores when there are many.
fn render_all(drafts: Vec<(u64, &Draft<'_>)>) -> Vec<(u64, Entry)> {
    par_map(&drafts, |(k, d)| (*k, d.render()))
}

/// `items.iter().map(f).collect()`, split over all cores when there are many items.
fn par_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || items.len() < 2_000 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (worker, part) in workers.into_iter().zip(items.chunks(chunk)) {
            match worker.join() {
                Ok(done) => out.extend(done),
                // A worker that panicked: do its part here.
                Err(_) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

fn document(f: &Fields, key: u64, e: &Entry) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_u64(f.key, key);
    // A level's expectations and dimensions are found by its title through `place`
    // (see `SearchIndex::places_matching`); the title is indexed once, with the level.
    if !matches!(e.kind, HitKind::Expectation | HitKind::Dimension) {
        d.add_text(f.title, &e.title);
        if let Some(extra) = &e.title_extra {
            d.add_text(f.title, extra);
        }
    }
    if let (Some(track), Some(level)) = (&e.track, &e.level) {
        d.add_text(f.place, format!("{track}/{level}"));
    }
    d.add_text(f.body, &e.body);
    if let Some(c) = &e.competency {
        d.add_text(f.competency, c);
    }
    d
}

impl SearchIndex {
    /// Indexes every searchable piece of `framework`.
    pub fn build(framework: &Framework) -> Result<SearchIndex, IndexError> {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(TOKENIZER, words_and_stems());
        let mut writer = index.writer_with_num_threads(2, 96_000_000)?;
        let drafts = drafts(framework, None);
        let rendered = render_all(drafts.iter().map(|(k, d)| (*k, d)).collect());
        let mut entries = Entries::with_capacity(rendered.len());
        let mut by_source: HashMap<String, Vec<u64>> = HashMap::new();
        for (key, entry) in rendered {
            writer.add_document(document(&f, key, &entry))?;
            if let Some(source) = &entry.source {
                by_source.entry(source.clone()).or_default().push(key);
            }
            entries.insert(key, Arc::new(entry));
        }
        writer.commit()?;
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
                words: words_and_stems(),
                writer: Mutex::new(Writer {
                    writer,
                    by_source,
                    generation: 0,
                }),
                entries: RwLock::new(entries),
                places: RwLock::new(places(framework)),
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
        // Comparing only the changed files' documents is right when the index holds the
        // load just before this one, and only level files changed.
        let only: Option<HashSet<&str>> = changed
            .filter(|_| generation == w.generation + 1)
            .filter(|paths| {
                paths.iter().all(|p| {
                    matches!(
                        crate::framework::load::classify(p),
                        crate::framework::load::Kind::Level { .. }
                    )
                })
            })
            .map(|paths| paths.iter().map(String::as_str).collect());
        // A changed file can also take another out (two files with one level id): the
        // documents of level files no longer in the framework go too.
        let present: HashSet<&str> = framework
            .tracks
            .iter()
            .flat_map(|t| &t.levels)
            .map(|l| l.source.as_str())
            .collect();
        let drafts = drafts(framework, only.as_ref());
        let (fresh, gone) = {
            let old = self.read_entries();
            let new_keys: HashSet<u64> = drafts.iter().map(|(k, _)| *k).collect();
            let fresh: Vec<(u64, &Draft<'_>)> = drafts
                .iter()
                .filter(|(k, _)| !old.contains_key(k))
                .map(|(k, d)| (*k, d))
                .collect();
            let before: Vec<u64> = match &only {
                Some(paths) => w
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
        };
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
                    documents.push(document(&inner.fields, key, &entry));
                    entries.insert(key, Arc::new(entry));
                }
            }
            for d in documents {
                w.writer.add_document(d)?;
            }
            for key in &gone {
                w.writer
                    .delete_term(Term::from_field_u64(inner.fields.key, *key));
            }
            w.writer.commit()?;
            inner.reader.reload()?;
            let mut entries = self.write_entries();
            for key in &gone {
                if let Some(e) = entries.remove(key) {
                    if let Some(keys) = e.source.as_ref().and_then(|s| w.by_source.get_mut(s)) {
                        keys.retain(|k| k != key);
                    }
                }
            }
            for (key, draft) in &fresh {
                if let Some(source) = draft.source {
                    w.by_source.entry(source.to_owned()).or_default().push(*key);
                }
            }
            w.by_source.retain(|_, keys| !keys.is_empty());
        }
        *self
            .inner
            .places
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = places(framework);
        w.generation = generation;
        Ok(update)
    }

    /// The levels whose title or track name has a word that matches: see [`WordMatch`].
    fn places_matching(&self, word: &WordMatch) -> Vec<Term> {
        let places = self
            .inner
            .places
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut found: Vec<usize> = places
            .words
            .iter()
            .filter(|(w, _)| word.matches(w))
            .flat_map(|(_, at)| at.iter().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter_map(|i| places.ids.get(i))
            .map(|id| Term::from_field_text(self.inner.fields.place, id))
            .collect()
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
        let parsed = Parsed::from(typed);
        let Some(text_query) = self.text_query(&parsed) else {
            return Results {
                hits: Vec::new(),
                total: 0,
                total_unfiltered: None,
            };
        };
        let filtered = self.with_filters(text_query.box_clone(), filters);
        let (hits, total) = self.run(&*filtered, &parsed, limit.max(1));
        let total_unfiltered = (!filters.is_empty()).then(|| self.count(&*text_query));
        Results {
            hits,
            total,
            total_unfiltered,
        }
    }

    fn count(&self, query: &dyn Query) -> u32 {
        let searcher = self.inner.reader.searcher();
        searcher
            .search(query, &tantivy::collector::Count)
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn run(&self, query: &dyn Query, parsed: &Parsed, limit: usize) -> (Vec<Hit>, u32) {
        let searcher = self.inner.reader.searcher();
        let collector = (
            // A few more than asked, for the exact-title bonus below to reorder.
            TopDocs::with_limit(limit.max(10)).order_by_score(),
            tantivy::collector::Count,
        );
        let Ok((top, count)) = searcher.search(query, &collector) else {
            return (Vec::new(), 0);
        };
        let entries = self.read_entries();
        let highlight = self.highlighter(parsed);
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
                    title: e.title.clone(),
                    snippet_html: highlight.snippet(&e.body, &self.inner.words),
                    track: e.track.clone(),
                    level: e.level.clone(),
                    competency: e.competency.clone(),
                    target: e.target.clone(),
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

    fn stems(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.inner.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    fn text_query(&self, parsed: &Parsed) -> Option<Box<dyn Query>> {
        let f = self.inner.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for phrase in &parsed.phrases {
            let stems = self.stems(phrase);
            let per_field = [f.body, f.title].map(|field| -> Box<dyn Query> {
                let terms: Vec<Term> = stems
                    .iter()
                    .map(|s| Term::from_field_text(field, s))
                    .collect();
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
                };
                if field == f.title {
                    Box::new(ConstScoreQuery::new(q, TITLE_SCORE))
                } else {
                    q
                }
            });
            if !stems.is_empty() {
                musts.push((
                    Occur::Must,
                    Box::new(BooleanQuery::new(
                        per_field.into_iter().map(|q| (Occur::Should, q)).collect(),
                    )),
                ));
            }
        }
        let count = parsed.words.len();
        for (i, word) in parsed.words.iter().enumerate() {
            let is_prefix = parsed.last_is_partial && i + 1 == count;
            let lower = word.to_lowercase();
            let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let stems = self.stems(word);
            let fuzzy = word.chars().count() >= 4;
            let places = self.places_matching(&WordMatch {
                lower: &lower,
                stems: &stems,
                fuzzy,
                prefix: is_prefix,
            });
            if !places.is_empty() {
                shoulds.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(TermSetQuery::new(places)),
                        1.0,
                    )),
                ));
            }
            for field in [f.body, f.title] {
                for stem in &stems {
                    let term = Term::from_field_text(field, stem);
                    let q = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    shoulds.push((
                        Occur::Should,
                        if field == f.title {
                            Box::new(ConstScoreQuery::new(q, TITLE_SCORE))
                        } else {
                            Box::new(BoostQuery::new(q, 2.0))
                        },
                    ));
                }
                let raw_term = Term::from_field_text(field, &lower);
                if fuzzy {
                    shoulds.push((
                        Occur::Should,
                        Box::new(FuzzyTermQuery::new(raw_term.clone(), 1, true)),
                    ));
                }
                if is_prefix {
                    shoulds.push((
                        Occur::Should,
                        Box::new(FuzzyTermQuery::new_prefix(raw_term, 0, true)),
                    ));
                }
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
    }

    fn with_filters(&self, query: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
        let f = self.inner.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        let given = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        let (track, discipline, level) = (
            given(&filters.track),
            given(&filters.discipline),
            given(&filters.level),
        );
        if track.is_some() || discipline.is_some() || level.is_some() || filters.band.is_some() {
            let places = self
                .inner
                .places
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let terms: Vec<Term> = places
                .ids
                .iter()
                .zip(&places.facts)
                .filter(|(_, (t, d, l, b))| {
                    track.as_ref().is_none_or(|x| x == t)
                        && discipline.as_ref().is_none_or(|x| x == d)
                        && level.as_ref().is_none_or(|x| x == l)
                        && filters.band.is_none_or(|x| x == *b)
                })
                .map(|(id, _)| Term::from_field_text(f.place, id))
                .collect();
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if let Some(c) = given(&filters.competency) {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.competency, &c),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn highlighter(&self, parsed: &Parsed) -> Highlighter {
        let mut stems = HashSet::new();
        let mut fuzzy = Vec::new();
        for word in parsed.words.iter().chain(&parsed.phrases) {
            for stem in self.stems(word) {
                stems.insert(stem);
            }
        }
        for word in &parsed.words {
            if word.chars().count() >= 4 {
                fuzzy.push(word.to_lowercase());
            }
        }
        let prefix = parsed
            .last_is_partial
            .then(|| parsed.words.last().map(|w| w.to_lowercase()))
            .flatten();
        Highlighter {
            stems,
            fuzzy,
            prefix,
        }
    }
}

/// Lowercase words joined by single spaces, for comparing a title with what was typed.
fn normalized(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How one typed word matches an indexed word: by stem, with one typo (words of four
/// letters or more), or as a prefix (the word being typed). The same rules as the query.
struct WordMatch<'a> {
    lower: &'a str,
    stems: &'a [String],
    fuzzy: bool,
    prefix: bool,
}

impl WordMatch<'_> {
    fn matches(&self, indexed: &str) -> bool {
        self.stems.iter().any(|s| s == indexed)
            || indexed == self.lower
            || (self.prefix && indexed.starts_with(self.lower))
            || (self.fuzzy && strsim::damerau_levenshtein(self.lower, indexed) <= 1)
    }
}

/// What a person typed: quoted phrases and loose words.
#[derive(Debug, Default, PartialEq)]
struct Parsed {
    phrases: Vec<String>,
    words: Vec<String>,
    /// Whether the last word is still being typed (no space after it).
    last_is_partial: bool,
}

impl From<&str> for Parsed {
    fn from(typed: &str) -> Parsed {
        let mut parsed = Parsed::default();
        let mut rest = typed;
        let mut loose = String::new();
        while let Some(open) = rest.find('"') {
            loose.push_str(&rest[..open]);
            loose.push(' ');
            let after = &rest[open + 1..];
            match after.find('"') {
                Some(close) => {
                    let phrase = after[..close].trim();
                    if !phrase.is_empty() {
                        parsed.phrases.push(phrase.to_owned());
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    // An unclosed quote: the phrase is still being typed; use its words.
                    rest = after;
                    break;
                }
            }
        }
        loose.push_str(rest);
        parsed.words = loose
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .take(16)
            .map(str::to_owned)
            .collect();
        parsed.last_is_partial =
            typed.chars().last().is_some_and(|c| c.is_alphanumeric()) && !parsed.words.is_empty();
        parsed
    }
}

/// Marks the words of a text that a query matched.
struct Highlighter {
    stems: HashSet<String>,
    fuzzy: Vec<String>,
    prefix: Option<String>,
}

impl Highlighter {
    /// Whether an indexed token (a lowercase word, or its stem) matches the query.
    fn matches(&self, token: &str) -> bool {
        self.stems.contains(token)
            || self.prefix.as_deref().is_some_and(|p| token.starts_with(p))
            || self
                .fuzzy
                .iter()
                .any(|q| q.len().abs_diff(token.len()) <= 1 && strsim::osa_distance(q, token) <= 1)
    }

    /// About 200 characters of `text` around the first match, escaped, matches in `<mark>`.
    /// `analyzer` gives each word and its stem at the same offsets ([`words_and_stems`]).
    fn snippet(&self, text: &str, analyzer: &TextAnalyzer) -> String {
        let mut analyzer = analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut marks: Vec<(usize, usize)> = Vec::new();
        while stream.advance() {
            let t = stream.token();
            let mark = (t.offset_from, t.offset_to);
            if marks.last() != Some(&mark) && self.matches(&t.text) {
                marks.push(mark);
            }
        }
        const WIDTH: usize = 200;
        let first = marks.first().map_or(0, |m| m.0);
        let mut start = first.saturating_sub(WIDTH / 3);
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        if start > 0 {
            // Start at a word.
            start = text[start..].find(' ').map_or(start, |i| start + i + 1);
        }
        let mut end = (start + WIDTH).min(text.len());
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        if end < text.len() {
            end = text[..end].rfind(' ').filter(|i| *i > start).unwrap_or(end);
        }
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut cursor = start;
        for &(from, to) in marks.iter().filter(|m| m.0 >= start && m.1 <= end) {
            out.push_str(&escape(&text[cursor..from]));
            out.push_str("<mark>");
            out.push_str(&escape(&text[from..to]));
            out.push_str("</mark>");
            cursor = to;
        }
        out.push_str(&escape(&text[cursor..end]));
        if end < text.len() {
            out.push('…');
        }
        out
    }
}

/// The analyzer of the text fields: words split and lowercased as tantivy's default
/// does, each followed, at the same position, by its English stem when that differs.
fn words_and_stems() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(KeepAndStem)
        .build()
}

/// A token filter that keeps each word and adds its stem at the same position.
#[derive(Clone)]
struct KeepAndStem;

impl TokenFilter for KeepAndStem {
    type Tokenizer<T: Tokenizer> = KeepAndStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> KeepAndStemFilter<T> {
        KeepAndStemFilter { inner }
    }
}

#[derive(Clone)]
struct KeepAndStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for KeepAndStemFilter<T> {
    type TokenStream<'a> = KeepAndStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KeepAndStemStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            stem: None,
            token: Token::default(),
        }
    }
}

thread_local! {
    /// Each indexing thread's stems of the words it has seen (`None`: the word is its stem).
    static STEMS_SEEN: std::cell::RefCell<HashMap<String, Option<String>>> =
        std::cell::RefCell::new(HashMap::new());
}

struct KeepAndStemStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
    /// The stem still to give for the word just given.
    stem: Option<String>,
    token: Token,
}

impl<T: TokenStream> TokenStream for KeepAndStemStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(stem) = self.stem.take() {
            self.token.text = stem;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.token.clone_from(self.tail.token());
        self.stem = STEMS_SEEN.with_borrow_mut(|seen| {
            if let Some(stem) = seen.get(&self.token.text) {
                return stem.clone();
            }
            let stem = self.stemmer.stem(&self.token.text);
            let stem = (stem != self.token.text).then(|| stem.into_owned());
            // Words follow Zipf's law: a small cache answers most of them. It is bounded
            // by clearing it, which costs a few re-stemmings.
            if seen.len() >= 50_000 {
                seen.clear();
            }
            seen.insert(self.token.text.clone(), stem.clone());
            stem
        });
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    fn index() -> SearchIndex {
        SearchIndex::build(&crate::load_bundled().framework).expect("index")
    }

    fn top(index: &SearchIndex, q: &str, n: usize) -> Vec<String> {
        index
            .search(q, &Filters::default(), n)
            .hits
            .into_iter()
            .map(|h| h.target)
            .collect()
    }

    #[test]
    fn typed_text_is_split_into_phrases_and_words() {
        let p = Parsed::from("on-call \"design system\" mentor");
        assert_eq!(p.phrases, ["design system"]);
        assert_eq!(p.words, ["on", "call", "mentor"]);
        assert!(p.last_is_partial);
        assert!(!Parsed::from("mentor ").last_is_partial);
        let open = Parsed::from("\"design sys");
        assert_eq!(open.words, ["design", "sys"]);
    }

    #[test]
    fn no_input_is_an_error() {
        let index = index();
        for q in [
            "",
            "   ",
            "\"",
            "\"\"",
            "AND OR NOT",
            "(((",
            "*?~^:",
            "title:foo",
            "🙂",
            &"x".repeat(10_000),
        ] {
            let _ = index.search(q, &Filters::default(), 10);
        }
        assert!(index.search("", &Filters::default(), 10).hits.is_empty());
    }

    #[test]
    fn stemming_typos_and_prefixes_find_the_same_things() {
        let index = index();
        let exact = index.search("mentoring", &Filters::default(), 50).total;
        assert!(exact > 5, "{exact}");
        assert!(index.search("mentors", &Filters::default(), 50).total > 5);
        assert!(
            index.search("mentorign", &Filters::default(), 50).total > 5,
            "one typo"
        );
        assert!(
            index.search("postmo", &Filters::default(), 50).total > 2,
            "prefix being typed"
        );
        assert_eq!(
            index.search("postmo ", &Filters::default(), 50).total,
            0,
            "a finished word is not a prefix"
        );
    }

    #[test]
    fn phrases_match_words_in_order() {
        let index = index();
        let phrase = index
            .search("\"design system\"", &Filters::default(), 500)
            .total;
        let words = index
            .search("system design", &Filters::default(), 500)
            .total;
        assert!(phrase > 0);
        assert!(words >= phrase);
    }

    #[test]
    fn filters_narrow_and_report_the_unfiltered_total() {
        let index = index();
        let filters = Filters {
            discipline: Some("design".into()),
            ..Filters::default()
        };
        let r = index.search("roadmap", &filters, 50);
        assert!(r
            .hits
            .iter()
            .all(|h| h.track.as_deref() == Some("product-designer")));
        assert!(r.total_unfiltered.is_some_and(|all| all > r.total));
    }

    #[test]
    fn snippets_mark_matches_and_escape_text() {
        let index = index();
        let r = index.search("mentoring", &Filters::default(), 5);
        assert!(
            r.hits.iter().any(|h| h.snippet_html.contains("<mark>")),
            "{:?}",
            r.hits
        );
        let h = Highlighter {
            stems: HashSet::from(["tag".to_owned()]),
            fuzzy: Vec::new(),
            prefix: None,
        };
        let analyzer = words_and_stems();
        assert_eq!(
            h.snippet("a <b> tag", &analyzer),
            "a &lt;b&gt; <mark>tag</mark>"
        );
    }

    /// Everything a search returns, for comparing two indexes.
    /// A query, its hits (target and snippet, sorted) and its total.
    type Answer = (String, Vec<(String, String)>, u32);

    fn answers(index: &SearchIndex) -> Vec<Answer> {
        [
            "mentoring",
            "zzedited",
            "roadmap",
            "\"design system\"",
            "postmo",
            "incident review",
            "zzglossary",
        ]
        .iter()
        .map(|q| {
            let r = index.search(q, &Filters::default(), 30);
            let mut hits: Vec<(String, String)> = r
                .hits
                .into_iter()
                .map(|h| (h.target, h.snippet_html))
                .collect();
            hits.sort();
            ((*q).to_owned(), hits, r.total)
        })
        .collect()
    }

    #[test]
    fn an_updated_index_answers_like_a_new_one() {
        let mut files = crate::files::bundled::sources().0;
        let mut loader = crate::Loader::new();
        let first = loader.load(files.clone(), Vec::new());
        let index = SearchIndex::build(&first.framework).expect("index");
        index.set_generation(loader.generation());
        let docs = index.len();

        fn edit(files: &mut [SourceFile], path: &str, from: &str, to: &str) -> Vec<SourceFile> {
            let file = files.iter_mut().find(|f| f.path == path).expect("file");
            assert!(file.text.contains(from), "{path} has {from:?}");
            *file = SourceFile::new(path, file.text.replacen(from, to, 1));
            files.to_vec()
        }
        // A level file: only its documents are compared.
        let sources = edit(
            &mut files,
            "tracks/engineering/e3.md",
            "Owns a project of one to three months",
            "Owns a zzedited project of one to three months",
        );
        let loaded = loader.load(sources, Vec::new());
        let scoped = index
            .update(&loaded.framework, loader.changed(), loader.generation())
            .expect("update");
        assert_eq!(
            scoped,
            Update {
                added: 1,
                removed: 1
            }
        );
        assert_eq!(index.len(), docs);
        let fresh = SearchIndex::build(&loaded.framework).expect("index");
        assert_eq!(answers(&index), answers(&fresh));
        assert_eq!(index.search("zzedited", &Filters::default(), 5).total, 1);
        assert_eq!(
            index
                .search("\"owns a project of one\"", &Filters::default(), 5)
                .total,
            fresh
                .search("\"owns a project of one\"", &Filters::default(), 5)
                .total
        );

        // A glossary file: every document is compared, and only the changed one moves.
        let glossary = files
            .iter()
            .find(|f| f.path.starts_with("glossary/"))
            .map(|f| f.path.clone())
            .expect("a glossary file");
        let first_heading = files
            .iter()
            .find(|f| f.path == glossary)
            .and_then(|f| {
                f.text
                    .lines()
                    .find(|l| l.starts_with("## "))
                    .map(str::to_owned)
            })
            .expect("a term");
        let sources = edit(
            &mut files,
            &glossary,
            &first_heading,
            &format!("{first_heading}\n\nzzglossary"),
        );
        let loaded = loader.load(sources, Vec::new());
        let global = index
            .update(&loaded.framework, loader.changed(), loader.generation())
            .expect("update");
        assert_eq!(
            global,
            Update {
                added: 1,
                removed: 1
            }
        );
        let fresh = SearchIndex::build(&loaded.framework).expect("index");
        assert_eq!(answers(&index), answers(&fresh));

        // A removed level file: its documents go.
        files.retain(|f| f.path != "tracks/engineering/e3.md");
        let loaded = loader.load(files.clone(), Vec::new());
        let removed = index
            .update(&loaded.framework, loader.changed(), loader.generation())
            .expect("update");
        assert!(removed.removed > 20 && removed.added == 0, "{removed:?}");
        assert_eq!(index.search("zzedited", &Filters::default(), 5).total, 0);
        let fresh = SearchIndex::build(&loaded.framework).expect("index");
        assert_eq!(answers(&index), answers(&fresh));
        assert_eq!(index.len(), fresh.len());

        // An update older than the last applied one is skipped.
        let stale = index
            .update(&first.framework, None, loader.generation() - 1)
            .expect("update");
        assert_eq!(stale, Update::default());
        assert_eq!(index.len(), fresh.len());
    }

    #[test]
    fn a_level_file_that_knocks_out_another_takes_its_documents_with_it() {
        let mut files = crate::files::bundled::sources().0;
        let mut loader = crate::Loader::new();
        let first = loader.load(files.clone(), Vec::new());
        let index = SearchIndex::build(&first.framework).expect("index");
        index.set_generation(loader.generation());
        let e2_hits = |index: &SearchIndex| {
            index
                .search("primary on-call shift", &Filters::default(), 50)
                .hits
                .iter()
                .filter(|h| h.target.starts_with("engineering/e2/"))
                .count()
        };
        assert!(e2_hits(&index) > 0);
        // e1.md now claims e2's id: e2.md is reported as a duplicate and drops out.
        let e1 = files
            .iter_mut()
            .find(|f| f.path == "tracks/engineering/e1.md")
            .expect("e1");
        *e1 = SourceFile::new(&e1.path, e1.text.replacen("id: e1", "id: e2", 1));
        let loaded = loader.load(files, Vec::new());
        index
            .update(&loaded.framework, loader.changed(), loader.generation())
            .expect("update");
        let fresh = SearchIndex::build(&loaded.framework).expect("index");
        assert_eq!(index.len(), fresh.len());
        assert_eq!(e2_hits(&index), e2_hits(&fresh));
    }

    #[test]
    fn words_are_indexed_with_their_stems_at_one_position() {
        let mut analyzer = words_and_stems();
        let mut stream = analyzer.token_stream("Mentoring the team");
        let mut tokens = Vec::new();
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.text.clone(), t.position));
        }
        assert_eq!(
            tokens,
            [
                ("mentoring".to_owned(), 0),
                ("mentor".to_owned(), 0),
                ("the".to_owned(), 1),
                ("team".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn relevant_results_rank_in_the_top_three() {
        let index = index();
        let glossary = top(&index, "technical debt", 3);
        assert!(
            glossary.contains(&"technical-debt".to_owned()),
            "{glossary:?}"
        );
        assert_eq!(top(&index, "design system", 1), ["design-system"]);
        assert_eq!(top(&index, "postmortem", 1), ["postmortem"]);
        let usability = top(&index, "usability test", 3);
        assert!(
            usability.contains(&"usability-test".to_owned()),
            "{usability:?}"
        );
    }
}
