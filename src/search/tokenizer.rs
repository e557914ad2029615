//! How text becomes the words the index holds: split and lowercased as tantivy's default
//! does, each word followed, at the same position, by its English stem when that differs.
//! Stems match across word forms and phrases; the words as written let a typo or a prefix
//! match what was typed.

use std::collections::HashMap;

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the index knows [`words_and_stems`] by: the analyzer of its text fields.
pub(super) const TOKENIZER: &str = "rung";
/// The name of tantivy's own analyzer that gives stems only, for queries.
pub(super) const STEMS: &str = "en_stem";

/// The analyzer of the text fields: words split and lowercased as tantivy's default
/// does, each followed, at the same position, by its English stem when that differs.
pub(super) fn words_and_stems() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(KeepAndStem)
        .build()
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

#[cfg(test)]
mod tests {
    use super::*;

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
