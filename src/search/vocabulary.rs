//! The words of the indexed text as written, each with its stem. The index holds stems
//! (and pairs of common stems) only, which makes it smaller and quicker to build; a typo
//! or a prefix is matched against these words instead, and finds the documents of their
//! stems.
//!
//! The tokenizer records each word it indexes (see `tokenizer::stem_noting`, which tells
//! a vocabulary of a word once per thread); [`Vocabulary::refresh`] then makes the words
//! recorded since the last refresh searchable. Words are never taken out: a word that an
//! edit removes still leads a typo to its stem, whose documents hold another form of it
//! or, when none is left, nothing.
//!
//! The words are kept in byte order, and an automaton (a typo's or a prefix's) walks them
//! as a trie: each run of words that share a prefix is visited once, and skipped as soon
//! as the automaton cannot match past that prefix. New words are merged in place, so a
//! refresh costs the new words, not the whole vocabulary.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tantivy_fst::Automaton;

/// The stems common enough that a phrase of two of them is worth indexing as a pair:
/// those in at least one document in five of a sample, at most `tokenizer::MOST_COMMON`. A phrase
/// with a rarer word is quick by positions: the rarer word's shorter list leads (the
/// search benchmark's phrases of less common words show it). Each pair is one more token
/// to index, so the fewer the stems, the quicker the index is built.
pub(super) type Common = Arc<HashSet<String, foldhash::fast::RandomState>>;

/// Gives each vocabulary its own id, for the tokenizer's per-thread cache.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A word, with its stem when that differs.
type Word = (Box<str>, Option<Box<str>>);

/// The words an index was given, with their stems, and the stems it indexes in pairs.
pub(super) struct Vocabulary {
    id: u64,
    /// The stems indexed in pairs when adjacent, fixed when the index is built.
    common: Common,
    /// Words recorded since the last refresh.
    recorded: Mutex<Vec<Word>>,
    /// Every word refreshed, and every stem (as a word of its own), in byte order.
    words: RwLock<Vec<Word>>,
}

impl Vocabulary {
    pub(super) fn new(common: Common) -> Vocabulary {
        Vocabulary {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            common,
            recorded: Mutex::new(Vec::new()),
            words: RwLock::new(Vec::new()),
        }
    }

    /// What tells this vocabulary from any other in this process; never 0.
    pub(super) fn id(&self) -> u64 {
        self.id
    }

    /// The stems indexed in pairs when adjacent.
    pub(super) fn common(&self) -> &Common {
        &self.common
    }

    /// Records `word` (lowercase), whose stem is `stem`, or the word itself when `None`.
    pub(super) fn record(&self, word: &str, stem: Option<&str>) {
        self.recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((word.into(), stem.map(Into::into)));
    }

    /// Makes the words recorded since the last refresh searchable.
    pub(super) fn refresh(&self) {
        let recorded =
            std::mem::take(&mut *self.recorded.lock().unwrap_or_else(PoisonError::into_inner));
        if recorded.is_empty() {
            return;
        }
        // Each thread records a word once: most are recorded by every indexing thread.
        let mut fresh: Vec<Word> = Vec::with_capacity(recorded.len() * 2);
        for (word, stem) in recorded {
            if let Some(stem) = &stem {
                fresh.push((stem.clone(), None));
            }
            fresh.push((word, stem));
        }
        fresh.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        fresh.dedup_by(|a, b| a.0 == b.0);
        let mut words = self.words.write().unwrap_or_else(PoisonError::into_inner);
        fresh.retain(|(word, _)| words.binary_search_by(|(w, _)| w.cmp(word)).is_err());
        if fresh.is_empty() {
            return;
        }
        let old = std::mem::take(&mut *words);
        *words = merged(old, fresh);
    }

    /// The stems of the words `automaton` accepts, each once, in byte order.
    pub(super) fn stems_matching<A: Automaton>(&self, automaton: &A) -> Vec<String> {
        let words = self.words.read().unwrap_or_else(PoisonError::into_inner);
        let mut found: Vec<&str> = Vec::new();
        walk(&words, 0, automaton.start(), automaton, &mut found);
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(str::to_owned).collect()
    }

    /// How many words it holds, stems included.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.words
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// Adds to `found` the stems of the words of `words` that `automaton` accepts. The words
/// are in byte order and share their first `depth` bytes, after which the automaton is
/// in `state`.
fn walk<'w, A: Automaton>(
    words: &'w [Word],
    depth: usize,
    state: A::State,
    automaton: &A,
    found: &mut Vec<&'w str>,
) {
    let mut rest = words;
    // The word that ends here, if any, sorts first.
    if let Some(((word, stem), after)) = rest.split_first() {
        if word.len() == depth {
            if automaton.is_match(&state) {
                found.push(stem.as_deref().unwrap_or(word));
            }
            rest = after;
        }
    }
    // Each run of words with the same next byte.
    while let Some(byte) = rest.first().and_then(|(w, _)| w.as_bytes().get(depth)) {
        let byte = *byte;
        let end =
            rest.partition_point(|(w, _)| w.as_bytes().get(depth).is_some_and(|b| *b <= byte));
        let (run, after) = rest.split_at(end);
        let next = automaton.accept(&state, byte);
        if automaton.can_match(&next) {
            walk(run, depth + 1, next, automaton, found);
        }
        rest = after;
    }
}

/// Two lists of words in byte order, with no word in both, as one.
fn merged(a: Vec<Word>, b: Vec<Word>) -> Vec<Word> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
            (Some(_), Some(_)) | (None, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => return out,
        };
        out.extend(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::FuzzyTermQuery;
    use tantivy::schema::Field;
    use tantivy::Term;

    fn automaton(word: &str, prefix: bool) -> tantivy::query::DfaWrapper {
        let term = Term::from_field_text(Field::from_field_id(0), word);
        let query = if prefix {
            FuzzyTermQuery::new_prefix(term, 0, true)
        } else {
            FuzzyTermQuery::new(term, 1, true)
        };
        query.automaton().expect("an automaton")
    }

    #[test]
    fn the_walk_finds_what_trying_every_word_finds() {
        // Words from a small alphabet, so that many share prefixes.
        let v = vocabulary();
        let mut all: Vec<String> = Vec::new();
        let mut n: u32 = 7;
        for _ in 0..600 {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 1 + (n >> 8) as usize % 7;
            let word: String = (0..len)
                .map(|i| char::from(b'a' + ((n >> (2 * i + 3)) % 4) as u8))
                .collect();
            let stem = word.trim_end_matches('d').to_owned();
            let stem = (!stem.is_empty() && stem != word).then_some(stem);
            v.record(&word, stem.as_deref());
            all.push(word.clone());
            all.extend(stem);
        }
        v.refresh();
        let stem_of = |w: &str| {
            let trimmed = w.trim_end_matches('d');
            if trimmed.is_empty() {
                w.to_owned()
            } else {
                trimmed.to_owned()
            }
        };
        for typed in ["abc", "abca", "b", "cab", "dddd", "a", "bacd"] {
            for prefix in [false, true] {
                let a = automaton(typed, prefix);
                let mut expected: Vec<String> = all
                    .iter()
                    .filter(|w| {
                        let mut state = a.start();
                        for b in w.bytes() {
                            state = a.accept(&state, b);
                        }
                        a.is_match(&state)
                    })
                    .map(|w| stem_of(w))
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                assert_eq!(v.stems_matching(&a), expected, "{typed} prefix {prefix}");
            }
        }
    }

    fn sorted(mut stems: Vec<String>) -> Vec<String> {
        stems.sort_unstable();
        stems
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(std::sync::Arc::default())
    }

    #[test]
    fn typos_and_prefixes_lead_to_the_stems_of_the_words_they_match() {
        let v = vocabulary();
        v.record("mentoring", Some("mentor"));
        v.record("teams", Some("team"));
        v.record("the", None);
        assert_eq!(v.len(), 0, "nothing is searchable before a refresh");
        v.refresh();
        let lexicon = &v;
        assert_eq!(lexicon.len(), 5, "three words and two stems");
        // A typo of a word as written finds its stem.
        assert_eq!(
            lexicon.stems_matching(&automaton("mentorin", false)),
            ["mentor"]
        );
        // So does a typo of the stem itself, and a prefix of either.
        assert_eq!(lexicon.stems_matching(&automaton("tean", false)), ["team"]);
        assert_eq!(
            sorted(lexicon.stems_matching(&automaton("t", true))),
            ["team", "the"]
        );
        assert!(lexicon
            .stems_matching(&automaton("zebra", false))
            .is_empty());
    }

    #[test]
    fn words_recorded_again_are_kept_once_and_new_ones_merged_in_order() {
        let v = vocabulary();
        v.record("mentors", Some("mentor"));
        v.refresh();
        v.record("mentors", Some("mentor"));
        v.record("mentor", None);
        v.refresh();
        assert_eq!(v.len(), 2);
        v.record("coach", None);
        v.record("aardvarks", Some("aardvark"));
        v.refresh();
        let lexicon = &v;
        assert_eq!(lexicon.len(), 5);
        // Merged in byte order: every word is found.
        for (word, stem) in [
            ("aardvarks", "aardvark"),
            ("aardvark", "aardvark"),
            ("coach", "coach"),
            ("mentor", "mentor"),
            ("mentors", "mentor"),
        ] {
            let found = lexicon.stems_matching(&automaton(word, false));
            assert!(found.contains(&stem.to_owned()), "{word}: {found:?}");
        }
        assert_ne!(vocabulary().id(), v.id());
    }
}
