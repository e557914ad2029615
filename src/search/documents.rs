//! What the index holds: one document per searchable piece of a framework (an
//! expectation, a level's summary, what a level says about a shared dimension, a
//! competency, a glossary entry), the fields it is indexed in, and the entry a hit shows.
//! A document is keyed by a fingerprint of everything indexed, so that an update can tell
//! which documents changed without rendering their markdown.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::Arc;

use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf, Value};
use tantivy::schema::{
    Document, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
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
    pub(super) title: Arc<str>,
    /// Plain text, for matching and snippets.
    pub(super) body: String,
    /// The level the document belongs to, shared by all of that level's documents.
    pub(super) level: Option<Arc<LevelOf>>,
    pub(super) competency: Option<Arc<str>>,
    pub(super) target: Arc<str>,
}

/// What the documents of one level share: made once per level, not once per document.
#[derive(Debug, PartialEq)]
pub(super) struct LevelOf {
    pub(super) track: String,
    /// The track's name: more title words the level is found by.
    track_name: String,
    craft: String,
    pub(super) level: String,
    band: u32,
    /// `track/level`: the level's place (see `Fields::place`), and the target of its
    /// documents other than expectations.
    place: Arc<str>,
    /// The level's title: the title of all its documents.
    title: Arc<str>,
    /// The level file the documents come from.
    pub(super) source: String,
}

impl Entry {
    /// The level file the document comes from.
    pub(super) fn source(&self) -> Option<&str> {
        self.level.as_ref().map(|l| l.source.as_str())
    }
}

/// A document before its markdown is turned into plain text: cheap to make and to
/// fingerprint, so that an update renders only what changed.
pub(super) struct Draft<'a> {
    kind: HitKind,
    /// The title, when it is not the level's.
    title: Option<&'a str>,
    /// Markdown parts, joined by " — " once rendered.
    body: Vec<&'a str>,
    level: Option<Arc<LevelOf>>,
    competency: Option<Arc<str>>,
    /// The target, when it is not the level's place.
    target: Option<&'a str>,
}

impl Draft<'_> {
    fn fingerprint(&self) -> u64 {
        // One seed per process: keys are compared only with keys of the same process.
        static SEED: std::sync::LazyLock<foldhash::quality::RandomState> =
            std::sync::LazyLock::new(foldhash::quality::RandomState::default);
        let level = self.level.as_deref();
        SEED.hash_one((
            self.kind.as_str(),
            self.title,
            &self.body,
            level.map(|l| {
                (
                    &l.track,
                    &l.track_name,
                    &l.craft,
                    &l.level,
                    l.band,
                    &l.source,
                    &l.title,
                )
            }),
            self.competency.as_deref(),
            self.target,
        ))
    }

    /// The level file the document comes from.
    pub(super) fn source(&self) -> Option<&str> {
        self.level.as_ref().map(|l| l.source.as_str())
    }

    /// The entry of the draft. A craft and a band are not shown: filters find them
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
        let target = match (self.target, &self.level) {
            (Some(own), _) => Arc::from(own),
            (None, Some(level)) => level.place.clone(),
            (None, None) => Arc::from(""),
        };
        let title = match (self.title, &self.level) {
            (Some(own), _) => Arc::from(own),
            (None, Some(level)) => level.title.clone(),
            (None, None) => Arc::from(""),
        };
        Entry {
            kind: self.kind,
            title,
            body,
            level: self.level.clone(),
            competency: self.competency.clone(),
            target,
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
            title: Some(&c.name),
            body: vec![&c.description],
            level: None,
            competency: Some(Arc::from(c.id.as_str())),
            target: Some(&c.id),
        });
    }
    for t in framework.glossary.iter().filter(|_| everything) {
        out.push(Draft {
            kind: HitKind::Term,
            title: Some(&t.term),
            body: vec![&t.definition],
            level: None,
            competency: None,
            target: Some(&t.id),
        });
    }
    for track in &framework.tracks {
        let wanted = |level: &&Level| only.is_none_or(|o| o.contains(level.source.as_str()));
        for level in track.levels.iter().filter(wanted) {
            let of = Arc::new(LevelOf {
                track: track.id.clone(),
                track_name: track.name.clone(),
                craft: track.craft.clone(),
                level: level.id.clone(),
                band: level.band,
                place: Arc::from([track.id.as_str(), "/", level.id.as_str()].concat()),
                title: Arc::from(level.title.as_str()),
                source: level.source.clone(),
            });
            let base = |kind: HitKind, body: Vec<&'a str>| Draft {
                kind,
                title: None,
                body,
                level: Some(of.clone()),
                competency: None,
                target: None,
            };
            out.push(base(HitKind::Level, vec![&level.summary]));
            for s in &level.dimensions {
                out.push(base(HitKind::Dimension, vec![&s.text]));
            }
            for section in &level.sections {
                let competency: Arc<str> = Arc::from(section.competency.as_str());
                for e in &section.expectations {
                    let mut body = vec![e.text.as_str()];
                    body.extend(e.examples.iter().map(String::as_str));
                    let mut d = base(HitKind::Expectation, body);
                    d.competency = Some(competency.clone());
                    d.target = Some(&e.id);
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

/// The tantivy document of an entry: its fields are read from the entry the index keeps
/// for hits, not copied.
pub(super) struct Doc {
    fields: Fields,
    key: u64,
    entry: Arc<Entry>,
}

impl Doc {
    pub(super) fn new(fields: Fields, key: u64, entry: Arc<Entry>) -> Doc {
        Doc { fields, key, entry }
    }
}

/// A value of a [`Doc`]'s field.
#[derive(Debug, Clone, Copy)]
pub(super) enum Part<'a> {
    Text(&'a str),
    Number(u64),
}

impl<'a> Value<'a> for Part<'a> {
    type ArrayIter = std::iter::Empty<Part<'a>>;
    type ObjectIter = std::iter::Empty<(&'a str, Part<'a>)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        match *self {
            Part::Text(text) => ReferenceValueLeaf::Str(text).into(),
            Part::Number(n) => ReferenceValueLeaf::U64(n).into(),
        }
    }
}

impl Document for Doc {
    type Value<'a> = Part<'a>;
    type FieldsValuesIter<'a> =
        std::iter::Flatten<std::array::IntoIter<Option<(Field, Part<'a>)>, 6>>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        let (f, e) = (&self.fields, &*self.entry);
        let titled = indexes_title(e.kind);
        let level = e.level.as_deref();
        [
            Some((f.key, Part::Number(self.key))),
            titled.then(|| (f.title, Part::Text(&e.title))),
            level
                .filter(|_| titled)
                .map(|l| (f.title, Part::Text(&l.track_name))),
            level.map(|l| (f.place, Part::Text(&l.place))),
            Some((f.body, Part::Text(&e.body))),
            e.competency
                .as_deref()
                .map(|c| (f.competency, Part::Text(c))),
        ]
        .into_iter()
        .flatten()
    }
}
