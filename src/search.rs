//! Full-text search over a framework: expectations, level summaries, shared dimensions,
//! competency descriptions and glossary entries, in an in-RAM tantivy index.
//!
//! Queries are built from the words a person types, never parsed as a query language,
//! so no input is a syntax error. Words are stemmed (English), words of four letters or
//! more tolerate one typo, the last word matches as a prefix while it is being typed,
//! and text in double quotes is a phrase. Every word must match somewhere.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, Value, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{doc, Index, IndexReader, Term};
use ts_rs::TS;

use crate::markdown::to_plain_text;
use crate::model::Framework;

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

    fn parse(s: &str) -> HitKind {
        match s {
            "expectation" => HitKind::Expectation,
            "level" => HitKind::Level,
            "dimension" => HitKind::Dimension,
            "competency" => HitKind::Competency,
            _ => HitKind::Term,
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
    kind: Field,
    track: Field,
    discipline: Field,
    level: Field,
    band: Field,
    competency: Field,
    target: Field,
    title: Field,
    body: Field,
    /// The same text lowercased but not stemmed, for typos and prefixes.
    title_raw: Field,
    body_raw: Field,
}

/// A framework's search index, in RAM.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

const TOKENIZER: &str = "en_stem";

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        kind: builder.add_text_field("kind", STRING | STORED),
        track: builder.add_text_field("track", STRING | STORED),
        discipline: builder.add_text_field("discipline", STRING | STORED),
        level: builder.add_text_field("level", STRING | STORED),
        band: builder.add_u64_field("band", INDEXED | STORED | FAST),
        competency: builder.add_text_field("competency", STRING | STORED),
        target: builder.add_text_field("target", STRING | STORED),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
        title_raw: builder.add_text_field("title_raw", raw.clone()),
        body_raw: builder.add_text_field("body_raw", raw),
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

impl SearchIndex {
    /// Indexes every searchable piece of `framework`.
    pub fn build(framework: &Framework) -> Result<SearchIndex, IndexError> {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        let mut writer = index.writer_with_num_threads(2, 96_000_000)?;
        // Every title and body also goes, unstemmed, into the raw fields.
        let add =
            |writer: &mut tantivy::IndexWriter, mut d: TantivyDocument| -> tantivy::Result<()> {
                let copies: Vec<(Field, String)> = d
                    .field_values()
                    .filter_map(|(field, value)| {
                        let raw = if field == f.title {
                            f.title_raw
                        } else if field == f.body {
                            f.body_raw
                        } else {
                            return None;
                        };
                        value.as_str().map(|text| (raw, text.to_owned()))
                    })
                    .collect();
                for (field, text) in copies {
                    d.add_text(field, text);
                }
                writer.add_document(d).map(|_| ())
            };
        for c in &framework.competencies {
            add(
                &mut writer,
                doc!(
                    f.kind => HitKind::Competency.as_str(),
                    f.competency => c.id.as_str(),
                    f.target => c.id.as_str(),
                    f.title => c.name.as_str(),
                    f.body => to_plain_text(&c.description),
                ),
            )?;
        }
        for t in &framework.glossary {
            add(
                &mut writer,
                doc!(
                    f.kind => HitKind::Term.as_str(),
                    f.target => crate::view::term_id(&t.term),
                    f.title => t.term.as_str(),
                    f.body => to_plain_text(&t.definition),
                ),
            )?;
        }
        for track in &framework.tracks {
            for level in &track.levels {
                let base = |kind: HitKind, target: String, body: String| {
                    let mut d = doc!(
                        f.kind => kind.as_str(),
                        f.track => track.id.as_str(),
                        f.discipline => track.discipline.as_str(),
                        f.level => level.id.as_str(),
                        f.band => u64::from(level.band),
                        f.target => target,
                        f.title => level.title.as_str(),
                        f.body => body,
                    );
                    d.add_text(f.title, &track.name);
                    d
                };
                let level_target = format!("{}/{}", track.id, level.id);
                add(
                    &mut writer,
                    base(
                        HitKind::Level,
                        level_target.clone(),
                        to_plain_text(&level.summary),
                    ),
                )?;
                for s in &level.dimensions {
                    add(
                        &mut writer,
                        base(
                            HitKind::Dimension,
                            level_target.clone(),
                            to_plain_text(&s.text),
                        ),
                    )?;
                }
                for section in &level.sections {
                    for e in &section.expectations {
                        let mut body = to_plain_text(&e.text);
                        for example in &e.examples {
                            body.push_str(" — ");
                            body.push_str(&to_plain_text(example));
                        }
                        let mut d = base(HitKind::Expectation, e.id.clone(), body);
                        d.add_text(f.competency, &section.competency);
                        add(&mut writer, d)?;
                    }
                }
            }
        }
        writer.commit()?;
        let reader = index.reader()?;
        let analyzer = index.tokenizers().get(TOKENIZER).ok_or_else(|| {
            tantivy::TantivyError::InternalError(
                "the English stemming tokenizer is missing".to_owned(),
            )
        })?;
        Ok(SearchIndex {
            reader,
            fields: f,
            analyzer,
        })
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
        let total_unfiltered = (!filters.is_empty()).then(|| self.run(&*text_query, &parsed, 1).1);
        Results {
            hits,
            total,
            total_unfiltered,
        }
    }

    fn run(&self, query: &dyn Query, parsed: &Parsed, limit: usize) -> (Vec<Hit>, u32) {
        let searcher = self.reader.searcher();
        let collector = (
            TopDocs::with_limit(limit).order_by_score(),
            tantivy::collector::Count,
        );
        let Ok((top, count)) = searcher.search(query, &collector) else {
            return (Vec::new(), 0);
        };
        let highlight = self.highlighter(parsed);
        let hits = top
            .into_iter()
            .filter_map(|(score, address)| {
                let d: TantivyDocument = searcher.doc(address).ok()?;
                let text = |field: Field| {
                    d.get_first(field)
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                };
                let kind = HitKind::parse(&text(self.fields.kind).unwrap_or_default());
                let body = text(self.fields.body).unwrap_or_default();
                Some(Hit {
                    kind,
                    title: text(self.fields.title).unwrap_or_default(),
                    snippet_html: highlight.snippet(&body, &self.analyzer),
                    track: text(self.fields.track),
                    level: text(self.fields.level),
                    competency: text(self.fields.competency),
                    target: text(self.fields.target).unwrap_or_default(),
                    score,
                })
            })
            .collect();
        (hits, u32::try_from(count).unwrap_or(u32::MAX))
    }

    fn stems(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    fn text_query(&self, parsed: &Parsed) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for phrase in &parsed.phrases {
            let stems = self.stems(phrase);
            let per_field = [f.body, f.title].map(|field| -> Box<dyn Query> {
                let terms: Vec<Term> = stems
                    .iter()
                    .map(|s| Term::from_field_text(field, s))
                    .collect();
                if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
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
            for (field, raw) in [(f.body, f.body_raw), (f.title, f.title_raw)] {
                for stem in self.stems(word) {
                    let term = Term::from_field_text(field, &stem);
                    shoulds.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                            2.0,
                        )),
                    ));
                }
                let raw_term = Term::from_field_text(raw, &lower);
                if word.chars().count() >= 4 {
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
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        let mut exact = |field: Field, value: &Option<String>| {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, value),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        };
        exact(f.track, &filters.track);
        exact(f.discipline, &filters.discipline);
        exact(f.level, &filters.level);
        exact(f.competency, &filters.competency);
        if let Some(band) = filters.band {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.band, u64::from(band)),
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
    fn matches(&self, word: &str, stem: &str) -> bool {
        let lower = word.to_lowercase();
        self.stems.contains(stem)
            || self
                .fuzzy
                .iter()
                .any(|q| strsim::damerau_levenshtein(q, &lower) <= 1)
            || self.prefix.as_deref().is_some_and(|p| lower.starts_with(p))
    }

    /// About 200 characters of `text` around the first match, escaped, matches in `<mark>`.
    fn snippet(&self, text: &str, analyzer: &TextAnalyzer) -> String {
        let mut analyzer = analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut marks: Vec<(usize, usize)> = Vec::new();
        while stream.advance() {
            let t = stream.token();
            if let Some(word) = text.get(t.offset_from..t.offset_to) {
                if self.matches(word, &t.text) {
                    marks.push((t.offset_from, t.offset_to));
                }
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
        let analyzer = index.analyzer.clone();
        assert_eq!(
            h.snippet("a <b> tag", &analyzer),
            "a &lt;b&gt; <mark>tag</mark>"
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
        let usability = top(&index, "usability test", 3);
        assert!(
            usability.contains(&"usability-test".to_owned()),
            "{usability:?}"
        );
    }
}
