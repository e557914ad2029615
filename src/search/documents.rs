//! What the index holds: one document per searchable piece of a framework (an
//! expectation, a level's summary, what a level says about a shared dimension, a
//! competency, a glossary entry), the fields it is indexed in, and the entry a hit shows.
//! A document is keyed by a fingerprint of everything indexed, so that an update can tell
//! which documents changed without rendering their markdown.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::Arc;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, FAST, STRING,
};

use super::tokenizer::TOKENIZER;
use super::types::HitKind;
use crate::framework::markdown::to_plain_text;
use crate::framework::model::{Framework, Level};
use crate::framework::parallel::map;

/// The fields of the index.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) competency: Field,
    /// The document's key in [`Entries`]: a fingerprint of everything indexed. A fast
    /// field only: an update deletes by scanning it (see `update::Keys`), which costs
    /// less than a term per document to build.
    pub(super) key: Field,
    /// `track/level` of the documents that belong to a level: filters by track, craft,
    /// level and band become a set of places (see [`super::places::Places`]).
    pub(super) place: Field,
    /// Each word's stem, and the pairs of adjacent common stems (see `tokenizer`); the
    /// words as written are in the vocabulary, for typos and prefixes.
    pub(super) title: Field,
    pub(super) body: Field,
}

/// The schema of the index, with its fields.
pub(super) fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        competency: builder.add_text_field("competency", STRING),
        key: builder.add_u64_field("key", FAST),
        place: builder.add_text_field("place", STRING),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
    };
    (builder.build(), fields)
}

/// What a document shows as a hit, by key.
/// The keys are fingerprints already: a fast hash of them is enough.
pub(super) type Entries = HashMap<u64, Arc<Entry>, foldhash::fast::RandomState>;

/// One indexed document: what a hit shows, and the text it is found by.
#[derive(Debug, PartialEq)]
pub(super) struct Entry {
    pub(super) kind: HitKind,
    /// The title shown.
    pub(super) title: String,
    /// More title words to be found by (a level's track name), for the documents whose
    /// title is indexed (see [`document`]).
    title_extra: Option<String>,
    /// Plain text, for matching and snippets.
    pub(super) body: String,
    pub(super) track: Option<String>,
    pub(super) level: Option<String>,
    pub(super) competency: Option<String>,
    pub(super) target: String,
    /// The level file the document comes from.
    pub(super) source: Option<String>,
}

/// A document before its markdown is turned into plain text: cheap to make and to
/// fingerprint, so that an update renders only what changed.
pub(super) struct Draft<'a> {
    kind: HitKind,
    title: &'a str,
    title_extra: Option<&'a str>,
    /// Markdown parts, joined by " — " once rendered.
    body: Vec<&'a str>,
    track: Option<&'a str>,
    craft: Option<&'a str>,
    level: Option<&'a str>,
    band: Option<u32>,
    competency: Option<&'a str>,
    target: String,
    /// The level file the document comes from.
    pub(super) source: Option<&'a str>,
}

impl Draft<'_> {
    fn fingerprint(&self) -> u64 {
        // One seed per process: keys are compared only with keys of the same process.
        static SEED: std::sync::LazyLock<foldhash::quality::RandomState> =
            std::sync::LazyLock::new(foldhash::quality::RandomState::default);
        SEED.hash_one((
            self.kind.as_str(),
            self.title,
            self.title_extra,
            &self.body,
            self.track,
            self.craft,
            self.level,
            self.band,
            self.competency,
            &self.target,
            self.source,
        ))
    }

    /// The entry of the draft. A craft and a band are not kept: filters find them
    /// through the places (they are in the fingerprint, so a change re-indexes).
    fn render(&self) -> Entry {
        let body = match self.body.as_slice() {
            [only] => to_plain_text(only),
            parts => {
                let mut body = String::new();
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        body.push_str(" — ");
                    }
                    body.push_str(&to_plain_text(part));
                }
                body
            }
        };
        Entry {
            kind: self.kind,
            title: self.title.to_owned(),
            title_extra: self
                .title_extra
                .filter(|_| indexes_title(self.kind))
                .map(str::to_owned),
            body,
            track: self.track.map(str::to_owned),
            level: self.level.map(str::to_owned),
            competency: self.competency.map(str::to_owned),
            target: self.target.clone(),
            source: self.source.map(str::to_owned),
        }
    }
}

/// The documents of a framework, keyed by fingerprint (see [`keyed`]): all of them, or
/// those of the level files in `only`.
pub(super) fn drafts<'a>(
    framework: &'a Framework,
    only: Option<&HashSet<&str>>,
) -> Vec<(u64, Draft<'a>)> {
    let out = unkeyed(framework, only);
    let fingerprints = map(&out, 2_000, Draft::fingerprint);
    keyed(out, fingerprints)
}

/// Every document of a framework, keyed and rendered: what a new index holds. Each
/// draft is fingerprinted and rendered in one pass, while its text is in the cache.
pub(super) fn rendered(framework: &Framework) -> Vec<(u64, Entry)> {
    let out = unkeyed(framework, None);
    let (fingerprints, entries): (Vec<u64>, Vec<Entry>) =
        map(&out, 2_000, |d| (d.fingerprint(), d.render()))
            .into_iter()
            .unzip();
    keyed(entries, fingerprints)
}

/// Each of `items` with the key of its fingerprint; equal fingerprints (equal
/// documents) get distinct keys.
fn keyed<T>(items: Vec<T>, fingerprints: Vec<u64>) -> Vec<(u64, T)> {
    let mut seen: HashSet<u64, foldhash::fast::RandomState> =
        HashSet::with_capacity_and_hasher(items.len(), foldhash::fast::RandomState::default());
    items
        .into_iter()
        .zip(fingerprints)
        .map(|(item, fingerprint)| {
            let mut key = fingerprint;
            while !seen.insert(key) {
                key = key.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(1);
            }
            (key, item)
        })
        .collect()
}

/// The drafts of a framework's documents, not yet keyed.
fn unkeyed<'a>(framework: &'a Framework, only: Option<&HashSet<&str>>) -> Vec<Draft<'a>> {
    let mut out = Vec::new();
    let everything = only.is_none();
    for c in framework.competencies.iter().filter(|_| everything) {
        out.push(Draft {
            kind: HitKind::Competency,
            title: &c.name,
            title_extra: None,
            body: vec![&c.description],
            track: None,
            craft: None,
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
            craft: None,
            level: None,
            band: None,
            competency: None,
            target: t.id.clone(),
            source: None,
        });
    }
    for track in &framework.tracks {
        let wanted = |level: &&Level| only.is_none_or(|o| o.contains(level.source.as_str()));
        for level in track.levels.iter().filter(wanted) {
            let base = |kind: HitKind, target: String, body: Vec<&'a str>| Draft {
                kind,
                title: &level.title,
                title_extra: Some(&track.name),
                body,
                track: Some(&track.id),
                craft: Some(&track.craft),
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
    out
}

/// Renders drafts to entries, on all cores when there are many.
pub(super) fn render_all(drafts: Vec<(u64, &Draft<'_>)>) -> Vec<(u64, Entry)> {
    map(&drafts, 2_000, |(k, d)| (*k, d.render()))
}

/// Whether a document's title is indexed. A level's expectations and dimensions are
/// found by its title through `place` (see `query::Builder::text`); the title is indexed
/// once, with the level.
fn indexes_title(kind: HitKind) -> bool {
    !matches!(kind, HitKind::Expectation | HitKind::Dimension)
}

/// The tantivy document of an entry.
pub(super) fn document(f: &Fields, key: u64, e: &Entry) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_u64(f.key, key);
    if indexes_title(e.kind) {
        d.add_text(f.title, &e.title);
        if let Some(extra) = &e.title_extra {
            d.add_text(f.title, extra);
        }
    }
    if let (Some(track), Some(level)) = (&e.track, &e.level) {
        d.add_text(f.place, [track.as_str(), "/", level.as_str()].concat());
    }
    d.add_text(f.body, &e.body);
    if let Some(c) = &e.competency {
        d.add_text(f.competency, c);
    }
    d
}
