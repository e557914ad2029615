//! Queries built from what a person typed, never parsed as a query language, so that no
//! input is a syntax error. Text in double quotes is a phrase; every other word must match
//! somewhere: by its stem, with one typo when it has four letters or more, or as a prefix
//! when it is the last word and still being typed. A word found in a level's title or track
//! name finds the level's expectations too.

use std::sync::Arc;

use tantivy::query::{
    BitSetDocSet, BooleanQuery, BoostQuery, ConstScoreQuery, ConstScorer, EmptyScorer,
    EnableScoring, Explanation, FuzzyTermQuery, Occur, PhraseQuery, Query, Scorer, TermQuery,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, Term};

use super::documents::Fields;
use super::places::Places;
use super::tokenizer::{pair, tokens};
use super::types::Filters;
use super::vocabulary::Vocabulary;

/// The score of a word found in a title. Titles are on few documents, so BM25 would
/// judge each one long against an average taken over all documents; a title match
/// counts the same whatever its length instead.
pub(super) const TITLE_SCORE: f32 = 15.0;

/// What a person typed: quoted phrases and loose words.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Typed {
    pub(super) phrases: Vec<String>,
    pub(super) words: Vec<String>,
    /// Whether the last word is still being typed (no space after it).
    pub(super) last_is_partial: bool,
}

impl From<&str> for Typed {
    fn from(typed: &str) -> Typed {
        let mut parsed = Typed::default();
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

/// What queries are built from: the index's fields, the analyzer that stems what was
/// typed, the levels by the words of their titles, and the words as written with the
/// stems indexed in pairs.
pub(super) struct Builder<'a> {
    pub(super) fields: Fields,
    /// Stems only.
    pub(super) analyzer: &'a TextAnalyzer,
    pub(super) places: &'a Places,
    pub(super) vocabulary: &'a Vocabulary,
}

/// The documents with one of `stems` in `field`, each scored 1 as tantivy's fuzzy query
/// scores: the stems of the words a typo or a prefix matches (in the vocabulary), other
/// than the stems of the word typed, which the query finds by their own terms, so that a
/// common word's long list is not read a second time.
#[derive(Clone, Debug)]
struct Others {
    field: Field,
    stems: Arc<[String]>,
}

impl Query for Others {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Others {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut found: Option<BitSet> = None;
        for stem in self.stems.iter() {
            let Some(info) = inverted.get_term_info(&Term::from_field_text(self.field, stem))?
            else {
                continue;
            };
            let docs = found.get_or_insert_with(|| BitSet::with_max_value(reader.max_doc()));
            let mut postings =
                inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    docs.insert(doc);
                }
                postings.advance();
            }
        }
        Ok(set_scorer(found, boost))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_set(
            self,
            reader,
            doc,
            "a word within one typo, or the prefix typed",
        )
    }
}

/// The scorer of the documents of a segment found as a set (`None`: none), each scored
/// `boost`: for the queries that work out their documents themselves.
pub(super) fn set_scorer(found: Option<BitSet>, boost: Score) -> Box<dyn Scorer> {
    match found {
        Some(docs) => Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)),
        None => Box::new(EmptyScorer),
    }
}

/// Why `doc` matches a weight whose documents each score 1 (see [`set_scorer`]): `why`,
/// or an error when it does not match.
pub(super) fn explain_set(
    weight: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
    why: &'static str,
) -> tantivy::Result<Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.seek(doc) == doc {
        Ok(Explanation::new(why, 1.0))
    } else {
        Err(tantivy::TantivyError::InvalidArgument(
            "the document does not match".to_owned(),
        ))
    }
}

impl Builder<'_> {
    /// The query of what was typed, without filters; `None` when nothing was typed.
    /// `reached` receives the stems that typos and prefixes lead to (the words as written
    /// one typo away or starting with the prefix), for the snippets to mark the words
    /// they were found by.
    pub(super) fn text(&self, parsed: &Typed, reached: &mut Vec<String>) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for phrase in &parsed.phrases {
            let stems = tokens(self.analyzer, phrase);
            // A phrase of no word (`"!"`) matches nothing to add; tantivy refuses a
            // phrase query without terms.
            if stems.is_empty() {
                continue;
            }
            let common = |s: &String| self.vocabulary.common().contains(s.as_str());
            let per_field = [f.body, f.title].map(|field| -> Box<dyn Query> {
                let terms: Vec<Term> = stems
                    .iter()
                    .map(|s| Term::from_field_text(field, s))
                    .collect();
                // Two adjacent common stems are indexed as one pair (see
                // `tokenizer::pair`): a phrase of two is that pair, a longer one is
                // narrowed by its pairs before its positions are compared.
                let pairs: Vec<Term> = stems
                    .windows(2)
                    .filter(|w| common(&w[0]) && common(&w[1]))
                    .map(|w| Term::from_field_text(field, &pair(&w[0], &w[1])))
                    .collect();
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else if terms.len() == 2 && pairs.len() == 1 {
                    Box::new(TermQuery::new(
                        pairs[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else if pairs.is_empty() {
                    Box::new(PhraseQuery::new(terms))
                } else {
                    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                        vec![(Occur::Must, Box::new(PhraseQuery::new(terms)))];
                    for p in pairs {
                        let only = TermQuery::new(p, IndexRecordOption::Basic);
                        clauses.push((
                            Occur::Must,
                            Box::new(ConstScoreQuery::new(Box::new(only), 0.0)),
                        ));
                    }
                    Box::new(BooleanQuery::new(clauses))
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
            let stems = tokens(self.analyzer, word);
            let fuzzy = word.chars().count() >= 4;
            let word_match = WordMatch {
                lower: &lower,
                stems: &stems,
                fuzzy,
                prefix: is_prefix,
            };
            let places: Vec<Term> = self
                .places
                .with_word(|indexed| word_match.matches(indexed))
                .into_iter()
                .map(|id| Term::from_field_text(f.place, id))
                .collect();
            if !places.is_empty() {
                shoulds.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(TermSetQuery::new(places)),
                        1.0,
                    )),
                ));
            }
            // A typo or a prefix also finds the word itself and its stems, but those are
            // found by their own terms below: the automata look for the others only, so
            // that a common word's long list is read once.
            let raw_term = Term::from_field_text(f.body, &lower);
            let typo = fuzzy
                .then(|| {
                    FuzzyTermQuery::new(raw_term.clone(), 1, true)
                        .automaton()
                        .ok()
                })
                .flatten();
            let prefix = is_prefix
                .then(|| {
                    FuzzyTermQuery::new_prefix(raw_term, 0, true)
                        .automaton()
                        .ok()
                })
                .flatten();
            let others: Vec<Arc<[String]>> = typo
                .into_iter()
                .chain(prefix)
                .map(|automaton| {
                    let mut found = self.vocabulary.stems_matching(&automaton);
                    found.retain(|s| !stems.contains(s));
                    reached.extend(found.iter().cloned());
                    found.into()
                })
                .filter(|found: &Arc<[String]>| !found.is_empty())
                .collect();
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
                for found in &others {
                    shoulds.push((
                        Occur::Should,
                        Box::new(Others {
                            field,
                            stems: found.clone(),
                        }),
                    ));
                }
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
    }

    /// `query` narrowed by `filters`: by track, craft, level and band through the places
    /// of the levels that have them, and by competency.
    pub(super) fn with_filters(&self, query: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        let given = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        let (track, craft, level) = (
            given(&filters.track),
            given(&filters.craft),
            given(&filters.level),
        );
        if track.is_some() || craft.is_some() || level.is_some() || filters.band.is_some() {
            let terms: Vec<Term> = self
                .places
                .with_facts(
                    track.as_deref(),
                    craft.as_deref(),
                    level.as_deref(),
                    filters.band,
                )
                .into_iter()
                .map(|id| Term::from_field_text(f.place, id))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_split_into_phrases_and_words() {
        let p = Typed::from("on-call \"design system\" mentor");
        assert_eq!(p.phrases, ["design system"]);
        assert_eq!(p.words, ["on", "call", "mentor"]);
        assert!(p.last_is_partial);
        assert!(!Typed::from("mentor ").last_is_partial);
        let open = Typed::from("\"design sys");
        assert_eq!(open.words, ["design", "sys"]);
    }
}
