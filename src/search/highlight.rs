//! The snippet a hit shows: about 200 characters of its text around the first match,
//! HTML-escaped, with every word the query matched in `<mark>`. A word is marked by the
//! same rules the query matched it by: its stem, one typo, or the prefix being typed.

use std::collections::HashSet;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::query::Typed;
use super::tokenizer::{stem_into, stemmer, tokens};

/// Marks the words of a text that a query matched.
pub(super) struct Highlighter {
    stems: HashSet<String>,
    fuzzy: Vec<String>,
    prefix: Option<String>,
    /// The characters a word must start with, or have second, for its stem to possibly
    /// match (see [`Highlighter::may_match_stem`]).
    leads: Vec<char>,
    stemmer: frostem::Stemmer,
}

impl Highlighter {
    /// The highlighter of what was typed; `analyzer` gives the stems of its words, and
    /// `reached` the stems its typos and prefixes led to (see `query::Builder::text`),
    /// so that a hit found through another form of a word one typo away shows it marked.
    pub(super) fn new(
        parsed: &Typed,
        analyzer: &TextAnalyzer,
        reached: Vec<String>,
    ) -> Highlighter {
        let mut stems: HashSet<String> = reached.into_iter().collect();
        let mut fuzzy = Vec::new();
        for word in parsed.words.iter().chain(&parsed.phrases) {
            for stem in tokens(analyzer, word) {
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
        Highlighter::with(stems, fuzzy, prefix)
    }

    fn with(stems: HashSet<String>, fuzzy: Vec<String>, prefix: Option<String>) -> Highlighter {
        let mut leads: Vec<char> = Vec::new();
        for w in stems.iter().chain(&prefix) {
            leads.extend(w.chars().next());
        }
        // One typo can change a word's first character, or move it second.
        for w in &fuzzy {
            leads.extend(w.chars().take(2));
        }
        leads.sort_unstable();
        leads.dedup();
        Highlighter {
            stems,
            fuzzy,
            prefix,
            leads,
            stemmer: stemmer(),
        }
    }

    /// Whether the stem of `word` could match when the word itself does not. English
    /// stems keep a word's first two characters, so a stem can only match a query stem or
    /// prefix that starts like the word, or a typed word one typo away whose first two
    /// characters hold the word's first or second one.
    fn may_match_stem(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let (first, second) = (chars.next(), chars.next());
        [first, second]
            .into_iter()
            .flatten()
            .any(|c| self.leads.binary_search(&c).is_ok())
    }

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
    /// `words` splits and lowercases as the index does ([`super::tokenizer::words_only`]);
    /// a word matches by itself or by its stem, which is worked out only when it could
    /// match.
    pub(super) fn snippet(&self, text: &str, words: &TextAnalyzer) -> String {
        let mut analyzer = words.clone();
        let mut stream = analyzer.token_stream(text);
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut stem = String::new();
        while stream.advance() {
            let t = stream.token();
            let word = t.text.as_str();
            if self.matches(word)
                || (self.may_match_stem(word)
                    && stem_into(&self.stemmer, word, &mut stem)
                    && self.matches(&stem))
            {
                marks.push((t.offset_from, t.offset_to));
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
    use crate::search::tokenizer::{words_and_stems, words_only};

    #[test]
    fn snippets_mark_matches_and_escape_text() {
        let h = Highlighter::with(HashSet::from(["tag".to_owned()]), Vec::new(), None);
        assert_eq!(
            h.snippet("a <b> tag", &words_only()),
            "a &lt;b&gt; <mark>tag</mark>"
        );
    }

    /// Marks by the old rule: every word and every stem, as the index holds them.
    fn marked_by_every_stem(h: &Highlighter, text: &str) -> Vec<String> {
        let mut analyzer = words_and_stems();
        let mut stream = analyzer.token_stream(text);
        let mut out: Vec<String> = Vec::new();
        let mut last = None;
        while stream.advance() {
            let t = stream.token();
            let at = (t.offset_from, t.offset_to);
            if last != Some(at) && h.matches(&t.text) {
                out.push(text[at.0..at.1].to_owned());
                last = Some(at);
            }
        }
        out
    }

    fn marked(h: &Highlighter, text: &str) -> Vec<String> {
        let snippet = h.snippet(text, &words_only());
        snippet
            .split("<mark>")
            .skip(1)
            .filter_map(|part| part.split("</mark>").next())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn stemming_only_the_words_that_could_match_marks_the_same_words() {
        let stems = tantivy::tokenizer::TokenizerManager::default()
            .get(crate::search::tokenizer::STEMS)
            .unwrap_or_else(|| panic!("tantivy has its English stemmer"));
        let mut by_stem_only = 0;
        let text = "Happily leads the relational redesigns, skies and dying stars; \
                    writes happiness notes, tying generalizations to early leaders.";
        for typed in [
            "lead",
            "leading",
            "redesign",
            "relate",
            "happy",
            "hapiness",
            "sky",
            "die",
            "tie",
            "generalization",
            "earli",
            "leaderz",
            "rlational",
            "apiness",
            "leds",
            "notes happi",
            "\"redesigns skies\"",
            "tyin",
        ] {
            // As typed, and with a space after (then the last word is no prefix).
            for typed in [typed.to_owned(), format!("{typed} ")] {
                let parsed = Typed::from(typed.as_str());
                let h = Highlighter::new(&parsed, &stems, Vec::new());
                let old = marked_by_every_stem(&h, text);
                assert_eq!(marked(&h, text), old, "{typed}");
                by_stem_only += usize::from(old.iter().any(|w| {
                    let lower = w.to_lowercase();
                    !h.stems.contains(&lower)
                        && !h.prefix.as_ref().is_some_and(|p| lower.starts_with(p))
                        && !h.fuzzy.iter().any(|q| strsim::osa_distance(q, &lower) <= 1)
                }));
            }
        }
        // Some words above are found by their stem alone: the shortcut was exercised.
        assert!(by_stem_only >= 5, "{by_stem_only}");
    }
}
