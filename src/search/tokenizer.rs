//! How text becomes the words the index holds: split and lowercased as tantivy's default
//! does, then stemmed (English). Stems match across word forms and phrases. Two adjacent
//! words whose stems are both common (see [`Common`]) are also indexed as one pair, so
//! that a phrase of two common words is one posting list instead of two long ones
//! intersected position by position. The words as written are not indexed: the analyzer
//! records them in a [`Vocabulary`], where typos and prefixes are matched.
//!
//! Highlighting, the places and the exported page use [`words_and_stems`]: each word
//! followed, at the same position, by its stem when that differs.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::vocabulary::{Common, Vocabulary};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the index knows [`words_and_stems`] by: the analyzer of its text fields.
pub(super) const TOKENIZER: &str = "rung";
/// The name of tantivy's own analyzer that gives stems only, for queries.
pub(super) const STEMS: &str = "en_stem";

/// Words split and lowercased as tantivy's default does, each followed, at the same
/// position, by its English stem when that differs: for highlighting, for the places and
/// for the exported page. The index's own analyzer is [`indexed`].
pub(super) fn words_and_stems() -> TextAnalyzer {
    analyzer(None)
}

/// The analyzer of the text fields: the stem of each word (the word itself when stemming
/// leaves it as it is), and after the second word of two adjacent common ones (see
/// [`Vocabulary::common`]), at its position, their [`pair`]. Each word is recorded in
/// `vocabulary`.
pub(super) fn indexed(vocabulary: Arc<Vocabulary>) -> TextAnalyzer {
    analyzer(Some(vocabulary))
}

fn analyzer(vocabulary: Option<Arc<Vocabulary>>) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(KeepAndStem { vocabulary })
        .build()
}

/// A fast hash for short words (FxHash's steps, then a finaliser): the stem cache and the
/// common stems are looked up once per indexed word.
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        // The multiplications mix upwards only: mix the high bits down (SplitMix64's
        // finaliser), since the table picks a bucket by the low ones.
        let mut h = self.0;
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// At most this many common stems.
const MOST_COMMON: usize = 64;

/// The common stems of `texts`, from every `n`th text where `n` keeps the sample near
/// 1,000 texts (enough to tell one text in five within a few points). Deterministic: the
/// same texts give the same stems.
pub(super) fn common_stems(texts: &[&str]) -> Common {
    let step = texts.len().div_ceil(1_000).max(1);
    let sample: Vec<&str> = texts.iter().step_by(step).copied().collect();
    let mut words = words_only();
    let stemmer = stemmer();
    let mut stem = String::new();
    // Stems held inline: a stem longer than the stem cache holds is not counted.
    let mut documents: FastMap<Short, u32> = FastMap::default();
    let mut seen: HashSet<Short, BuildHasherDefault<WordHasher>> = HashSet::default();
    for text in &sample {
        seen.clear();
        let mut stream = words.token_stream(text);
        while stream.advance() {
            let word = &stream.token().text;
            let s = if stem_into(&stemmer, word, &mut stem) {
                stem.as_str()
            } else {
                word.as_str()
            };
            seen.extend(Short::new(s));
        }
        for stem in seen.drain() {
            *documents.entry(stem).or_default() += 1;
        }
    }
    let least = u32::try_from(sample.len() / 5).unwrap_or(u32::MAX).max(2);
    let mut common: Vec<(String, u32)> = documents
        .into_iter()
        .filter(|(_, n)| *n >= least)
        .map(|(stem, n)| (stem.as_str().to_owned(), n))
        .collect();
    common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    common.truncate(MOST_COMMON);
    Arc::new(common.into_iter().map(|(stem, _)| stem).collect())
}

/// The token of two adjacent stems: they are marked so that no word, typo or prefix
/// typed can match a pair (a pair differs from any word by two characters or more).
pub(super) fn pair(first: &str, second: &str) -> String {
    let mut out = String::with_capacity(first.len() + second.len() + 2);
    out.push('\u{1}');
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
    out
}

/// The tokens `analyzer` makes of `text`, in order: with the [`STEMS`] analyzer, the
/// stem of each word.
pub(super) fn tokens(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Each word of `text` as the index holds it (split and lowercased, words over 40 bytes
/// left out) with its English stem, the word itself when stemming leaves it as it is:
/// what a page that searches without this index (an exported page) needs to match the
/// same way.
pub fn words_with_stems(text: &str) -> Vec<(String, String)> {
    let mut analyzer = words_and_stems();
    let mut stream = analyzer.token_stream(text);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut last = usize::MAX;
    while stream.advance() {
        let token = stream.token();
        match out.last_mut() {
            Some(pair) if token.position == last => pair.1.clone_from(&token.text),
            _ => out.push((token.text.clone(), token.text.clone())),
        }
        last = token.position;
    }
    out
}

/// A token filter that stems each word. Without a vocabulary, it keeps each word and adds
/// its stem at the same position. With one (the index's analyzer), it gives the stem in
/// place of the word, records the word in the vocabulary, and adds the pair of each two
/// adjacent common stems.
#[derive(Clone)]
struct KeepAndStem {
    vocabulary: Option<Arc<Vocabulary>>,
}

impl TokenFilter for KeepAndStem {
    type Tokenizer<T: Tokenizer> = KeepAndStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> KeepAndStemFilter<T> {
        KeepAndStemFilter {
            inner,
            vocabulary: self.vocabulary,
        }
    }
}

#[derive(Clone)]
struct KeepAndStemFilter<T> {
    inner: T,
    vocabulary: Option<Arc<Vocabulary>>,
}

impl<T: Tokenizer> Tokenizer for KeepAndStemFilter<T> {
    type TokenStream<'a> = KeepAndStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KeepAndStemStream {
            tail: self.inner.token_stream(text),
            stemmer: stemmer(),
            vocabulary: self.vocabulary.as_deref(),
            stem: String::new(),
            has_stem: false,
            pair: String::new(),
            has_pair: false,
            previous: None,
            token: Token::default(),
        }
    }
}

/// The longest word the stem cache holds.
const SHORT: usize = 24;

/// A word of at most [`SHORT`] bytes, inline and padded with zero bytes (no token holds
/// one): the stem cache compares and hashes it without following a pointer.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short([u8; SHORT]);

impl Short {
    fn new(word: &str) -> Option<Short> {
        let bytes = word.as_bytes();
        let mut inline = [0u8; SHORT];
        inline.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Short(inline))
    }

    fn as_str(&self) -> &str {
        let len = self.0.iter().position(|b| *b == 0).unwrap_or(SHORT);
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl std::hash::Hash for Short {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for chunk in self.0.chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            state.write_u64(u64::from_le_bytes(word));
        }
    }
}

/// A word as cached: its stem when that differs, the id of the vocabulary last told of
/// the word (0: none), and whether the stem is common in that vocabulary.
struct Cached {
    stem: Option<Short>,
    told: u64,
    common: bool,
}

thread_local! {
    /// Each thread's stems of the words it has seen.
    static STEMS_SEEN: std::cell::RefCell<FastMap<Short, Cached>> =
        std::cell::RefCell::new(FastMap::default());
}

/// Puts the English stem of `word` (lowercase) into `stem` and says whether it differs
/// from the word; when it does not, `stem` is left empty. Stems are cached per thread.
pub(super) fn stem_into(stemmer: &frostem::Stemmer, word: &str, stem: &mut String) -> bool {
    stem_noting(stemmer, word, stem, None).differs
}

/// What [`stem_noting`] tells of a word.
struct Stemmed {
    /// Whether the stem differs from the word.
    differs: bool,
    /// Whether the stem is common in the vocabulary given.
    common: bool,
}

/// [`stem_into`], and records the word in `vocabulary` unless this thread already did.
fn stem_noting(
    stemmer: &frostem::Stemmer,
    word: &str,
    stem: &mut String,
    vocabulary: Option<&Vocabulary>,
) -> Stemmed {
    stem.clear();
    // Tells `v` of the word, whose stem is `differs` (or the word), and says whether
    // the stem is common there.
    let tell = |v: &Vocabulary, differs: Option<&str>| {
        v.record(word, differs);
        v.common().contains(differs.unwrap_or(word))
    };
    let Some(key) = Short::new(word) else {
        // A long word is rare: stemmed (and told) each time.
        let s = stemmer.stem(word);
        let differs = (s != word).then_some(&*s);
        stem.push_str(differs.unwrap_or_default());
        return Stemmed {
            differs: differs.is_some(),
            common: vocabulary.is_some_and(|v| tell(v, differs)),
        };
    };
    STEMS_SEEN.with_borrow_mut(|seen| {
        if let Some(cached) = seen.get_mut(&key) {
            let differs = cached.stem.as_ref().map(Short::as_str);
            stem.push_str(differs.unwrap_or_default());
            let Some(v) = vocabulary else {
                return Stemmed {
                    differs: differs.is_some(),
                    common: false,
                };
            };
            if v.id() != cached.told {
                cached.common = tell(v, differs);
                cached.told = v.id();
            }
            return Stemmed {
                differs: differs.is_some(),
                common: cached.common,
            };
        }
        let s = stemmer.stem(word);
        let differs = (s != word).then_some(&*s);
        stem.push_str(differs.unwrap_or_default());
        let common = vocabulary.is_some_and(|v| tell(v, differs));
        let stemmed = Stemmed {
            differs: differs.is_some(),
            common,
        };
        // A stem longer than the cache holds (none is known) is not cached.
        let Some(short_stem) = differs.map_or(Some(None), |d| Short::new(d).map(Some)) else {
            return stemmed;
        };
        // Words follow Zipf's law: a small cache answers most of them. It is bounded
        // by clearing it, which costs a few re-stemmings (and re-recordings).
        if seen.len() >= 50_000 {
            seen.clear();
        }
        seen.insert(
            key,
            Cached {
                stem: short_stem,
                told: vocabulary.map_or(0, Vocabulary::id),
                common,
            },
        );
        stemmed
    })
}

/// Words split and lowercased as the index's analyzer does, without stems: the
/// highlighter stems only the words that could match (see `highlight`).
pub(super) fn words_only() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// The English stemmer the index uses.
pub(super) fn stemmer() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

struct KeepAndStemStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    /// Where each word is recorded; with one, a word's stem is given in its place.
    vocabulary: Option<&'a Vocabulary>,
    /// The stem still to give for the word just given, when `has_stem`.
    stem: String,
    has_stem: bool,
    /// The pair still to give after the word just given (and its stem), when `has_pair`.
    pair: String,
    has_pair: bool,
    /// The position and stem of the word before, when it is common.
    previous: Option<(usize, String)>,
    token: Token,
}

impl<T: TokenStream> KeepAndStemStream<'_, T> {
    /// Notes the stem just given, common or not, and, when it and the one before are
    /// common and adjacent, the pair to give.
    fn note_pair(&mut self, common: bool) {
        if !common {
            self.previous = None;
            return;
        }
        let stem = &self.token.text;
        let position = self.token.position;
        if let Some((at, before)) = &self.previous {
            if at + 1 == position {
                self.pair.clear();
                self.pair.push('\u{1}');
                self.pair.push_str(before);
                self.pair.push(' ');
                self.pair.push_str(stem);
                self.has_pair = true;
            }
        }
        match &mut self.previous {
            Some((at, before)) => {
                *at = position;
                before.clear();
                before.push_str(stem);
            }
            None => self.previous = Some((position, stem.clone())),
        }
    }
}

impl<T: TokenStream> TokenStream for KeepAndStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.has_stem {
            self.has_stem = false;
            std::mem::swap(&mut self.token.text, &mut self.stem);
            return true;
        }
        if self.has_pair {
            self.has_pair = false;
            std::mem::swap(&mut self.token.text, &mut self.pair);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let from = self.tail.token();
        self.token.offset_from = from.offset_from;
        self.token.offset_to = from.offset_to;
        self.token.position = from.position;
        self.token.position_length = from.position_length;
        self.token.text.clear();
        self.token.text.push_str(&from.text);
        let stemmed = stem_noting(
            &self.stemmer,
            &self.token.text,
            &mut self.stem,
            self.vocabulary,
        );
        self.has_stem = stemmed.differs;
        if self.vocabulary.is_some() {
            // The index holds the stem alone: the vocabulary has the word.
            if self.has_stem {
                self.has_stem = false;
                std::mem::swap(&mut self.token.text, &mut self.stem);
            }
            self.note_pair(stemmed.common);
        }
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens_of(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn the_index_holds_stems_and_pairs_and_records_the_words() {
        let common: Common = Arc::new(
            ["team", "mentor", "the"]
                .map(str::to_owned)
                .into_iter()
                .collect(),
        );
        let vocabulary = Arc::new(Vocabulary::new(common.clone()));
        let at = |t: &str, p: usize| (t.to_owned(), p);
        assert_eq!(
            tokens_of(indexed(vocabulary.clone()), "Mentoring the team, mentors"),
            [
                at("mentor", 0),
                at("the", 1),
                at("\u{1}mentor the", 1),
                at("team", 2),
                at("\u{1}the team", 2),
                at("mentor", 3),
                at("\u{1}team mentor", 3),
            ]
        );
        // A word that is not common breaks the run; a word too long to index leaves a gap.
        let long = "x".repeat(41);
        assert_eq!(
            tokens_of(
                indexed(vocabulary.clone()),
                &format!("the zebra team {long} the")
            ),
            [at("the", 0), at("zebra", 1), at("team", 2), at("the", 4)]
        );
        // Without common stems, no pair; without a vocabulary, the words as written too.
        assert_eq!(
            tokens_of(words_and_stems(), "the team"),
            [at("the", 0), at("team", 1)]
        );
        // The words as written are in the vocabulary, with their stems.
        vocabulary.refresh();
        let typo = tantivy::query::FuzzyTermQuery::new(
            tantivy::Term::from_field_text(tantivy::schema::Field::from_field_id(0), "mentorng"),
            1,
            true,
        )
        .automaton()
        .expect("an automaton");
        assert_eq!(vocabulary.stems_matching(&typo), ["mentor"]);
        // This thread has told the vocabulary of each word already; a new one is told.
        // A word longer than the stem cache holds is stemmed and recorded all the same.
        let long = "antidisestablishmentarianisms";
        assert!(long.len() > SHORT);
        let stem = stemmer().stem(long).into_owned();
        assert_ne!(stem, long);
        for _ in 0..2 {
            assert_eq!(tokens_of(indexed(vocabulary.clone()), long), [at(&stem, 0)]);
        }
        vocabulary.refresh();
        let typo_of = |word: &str| {
            tantivy::query::FuzzyTermQuery::new(
                tantivy::Term::from_field_text(tantivy::schema::Field::from_field_id(0), word),
                1,
                true,
            )
            .automaton()
            .expect("an automaton")
        };
        assert_eq!(
            vocabulary.stems_matching(&typo_of("antidisestablishmentarianismz")),
            [stem]
        );
        let other = Arc::new(Vocabulary::new(common));
        tokens_of(indexed(other.clone()), "mentoring");
        other.refresh();
        assert_eq!(other.stems_matching(&typo), ["mentor"]);
    }

    #[test]
    fn common_stems_are_those_of_many_documents() {
        let mut texts = vec!["Teams mentor"; 60];
        texts.push("a zebra");
        texts.push("the lion");
        // In one document in five: common. In fewer: not.
        texts.extend(["Owns the roadmaps"; 20]);
        texts.extend(["Coaches others"; 15]);
        let common = common_stems(&texts);
        let mut found: Vec<&str> = common.iter().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(found, ["mentor", "own", "roadmap", "team", "the"]);
    }

    #[test]
    fn a_pair_is_never_within_one_typo_of_a_word() {
        let p = pair("abc", "d");
        assert_eq!(p, "\u{1}abc d");
        assert!(strsim::damerau_levenshtein(&p, "abcd") >= 2);
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
        let pair = |w: &str, s: &str| (w.to_owned(), s.to_owned());
        assert_eq!(
            words_with_stems("Mentoring the team's MENTORS"),
            [
                pair("mentoring", "mentor"),
                pair("the", "the"),
                pair("team", "team"),
                pair("s", "s"),
                pair("mentors", "mentor")
            ]
        );
    }
}
