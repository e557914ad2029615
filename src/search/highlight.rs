//! The snippet a hit shows: about 200 characters of its text around the first match,
//! HTML-escaped, with every word the query matched in `<mark>`. A word is marked by the
//! same rules the query matched it by: its stem, one typo, or the prefix being typed.

use std::collections::HashSet;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::query::Typed;
use super::tokenizer::tokens;

/// Marks the words of a text that a query matched.
pub(super) struct Highlighter {
    stems: HashSet<String>,
    fuzzy: Vec<String>,
    prefix: Option<String>,
}

impl Highlighter {
    /// The highlighter of what was typed; `analyzer` gives the stems of its words.
    pub(super) fn new(parsed: &Typed, analyzer: &TextAnalyzer) -> Highlighter {
        let mut stems = HashSet::new();
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
        Highlighter {
            stems,
            fuzzy,
            prefix,
        }
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
    /// `analyzer` gives each word and its stem at the same offsets
    /// ([`super::tokenizer::words_and_stems`]).
    pub(super) fn snippet(&self, text: &str, analyzer: &TextAnalyzer) -> String {
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
    use crate::search::tokenizer::words_and_stems;

    #[test]
    fn snippets_mark_matches_and_escape_text() {
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
}
