//! One list item of a level file read as an expectation, on its own: its key (given or
//! derived from its words), the expectations it replaces, its examples, and the problems
//! found in it alone (a bad marker, vague wording). Checks against other files come later,
//! in [`super::checks`].

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::expectation_id;
use crate::framework::markdown::Item;
use crate::framework::source::SourceFile;

/// An expectation as far as its own file tells: its key, text and line, and the
/// problems found in it alone.
#[derive(Clone)]
pub(crate) struct Prepared {
    pub key: String,
    pub explicit: bool,
    pub text: String,
    pub examples: Vec<String>,
    pub line: usize,
    /// Where the item starts in the file.
    pub start: usize,
    /// `level/key` of each expectation it replaces, with the offset of the reference.
    pub replaces: Vec<(String, usize)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one list item of a level as an expectation.
pub(crate) fn prepare(file: &SourceFile, item: &Item) -> Prepared {
    let mut diagnostics = Vec::new();
    let parsed = expectation_id::parse(&item.text);
    let (line, _) = file.line_column(item.range.start);
    let key = match parsed.explicit {
        Some(key) if expectation_id::is_valid_key(key) => key.to_owned(),
        Some(key) => {
            let whole = format!("{{#{key}}}");
            let marker = if parsed.replaces.is_empty() {
                whole
            } else {
                format!("#{key}")
            };
            let offset = file.text[item.range.clone()]
                .find(&marker)
                .map_or(item.range.start, |i| item.range.start + i);
            diagnostics.push(
                Diagnostic::at(
                    Code::InvalidExpectationId,
                    file,
                    offset,
                    marker.len(),
                    format!("invalid expectation id `{key}`"),
                )
                .with_help("use lowercase letters, digits and `-`, at most 64 characters"),
            );
            expectation_id::derive(&parsed.text)
        }
        None => expectation_id::derive(&parsed.text),
    };
    let marker_word = |word: &str| {
        file.text[item.range.clone()]
            .find(word)
            .map_or(item.range.start, |i| item.range.start + i)
    };
    for word in &parsed.unknown {
        diagnostics.push(
            Diagnostic::at(
                Code::InvalidExpectationId,
                file,
                marker_word(word),
                word.len(),
                format!("`{word}` means nothing in an expectation's marker"),
            )
            .with_help("a marker holds `#key` and `replaces=LEVEL/KEY`, for example `{#leads-incidents replaces=e2/takes-a-primary-on-call}`"),
        );
    }
    let replaces = parsed
        .replaces
        .iter()
        .map(|r| {
            (
                (*r).to_owned(),
                marker_word(&format!("replaces={r}")) + "replaces=".len(),
            )
        })
        .collect();
    if let Some(word) = vague_word(&parsed.text) {
        let slice = &file.text[item.range.clone()];
        let at = slice
            .to_lowercase()
            .find(word)
            .filter(|i| slice.is_char_boundary(*i))
            .map_or(item.range.start, |i| item.range.start + i);
        diagnostics.push(
            Diagnostic::at(
                Code::VagueWording,
                file,
                at,
                word.len(),
                format!("`{word}` tells a reader nothing they can observe"),
            )
            .with_help("say what grows instead: the scope, the autonomy, the complexity handled, or whose work changes"),
        );
    }
    Prepared {
        key,
        explicit: parsed.explicit.is_some(),
        text: parsed.text,
        examples: item.children.clone(),
        line,
        start: item.range.start,
        replaces,
        diagnostics,
    }
}

/// Words that describe a person instead of what they do, or grow a level by adjective,
/// each as its words.
const VAGUE_WORDS: &[(&str, &[&str])] = &[
    ("strong", &["strong"]),
    ("deep", &["deep"]),
    ("deeply", &["deeply"]),
    ("exceptional", &["exceptional"]),
    ("exceptionally", &["exceptionally"]),
    ("greater", &["greater"]),
    ("consistently", &["consistently"]),
    ("strategic", &["strategic"]),
    ("growth mindset", &["growth", "mindset"]),
    ("rockstar", &["rockstar"]),
];

/// The first word of each vague phrase, found anywhere in any case: a text without any
/// of them holds none, and most texts are passed over by this one scan (as the
/// supervision lint's).
static VAGUE_NEEDLES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(VAGUE_WORDS.iter().filter_map(|(_, parts)| parts.first()))
            .ok()
    });

/// Whether one of `needles` (found in any case, overlapping) is in `text`, which is
/// ASCII, as a whole word: with no letter or digit just before or after it. A phrase of
/// whole words can only be in a text that holds its first (or any) word so.
pub(super) fn has_whole_word(needles: &aho_corasick::AhoCorasick, text: &str) -> bool {
    let bytes = text.as_bytes();
    needles.find_overlapping_iter(text).any(|m| {
        let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(m.end());
        !before.is_some_and(u8::is_ascii_alphanumeric)
            && !after.is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// The first vague word or phrase in an expectation, matched as whole words.
fn vague_word(text: &str) -> Option<&'static str> {
    // Only ASCII is folded by the quick scan; other text is read word by word.
    if text.is_ascii()
        && VAGUE_NEEDLES
            .as_ref()
            .is_some_and(|n| !has_whole_word(n, text))
    {
        return None;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|i| {
        VAGUE_WORDS
            .iter()
            .find(|(_, parts)| words[i..].starts_with(parts))
            .map(|(vague, _)| *vague)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_words_are_found_as_whole_words_only() {
        assert_eq!(
            vague_word("Has a strong sense of ownership."),
            Some("strong")
        );
        assert_eq!(
            vague_word("Shows a Growth Mindset."),
            Some("growth mindset")
        );
        assert_eq!(vague_word("Is strategic."), Some("strategic"));
        assert_eq!(
            vague_word("Consistently shows strong taste."),
            Some("consistently")
        );
        assert_eq!(
            vague_word("Strengthens the deploy pipeline in depth."),
            None
        );
        assert_eq!(vague_word("Writes the team's strategy for the year."), None);
        // Text the quick scan cannot fold is read word by word.
        assert_eq!(vague_word("Ships DEEPLY — naïve."), Some("deeply"));
        assert_eq!(vague_word("STRATEGIC"), Some("strategic"));
        // Inside a longer word, a vague word is not one.
        assert_eq!(vague_word("Deepens the strongroom."), None);
        assert_eq!(vague_word("Is deeply-rooted."), Some("deeply"));
    }
}
