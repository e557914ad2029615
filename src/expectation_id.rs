//! Expectation IDs: how an expectation's key is derived or written.
//!
//! The derived key depends only on the expectation's own words (its first six), so
//! reordering expectations or editing others never changes it. An explicit `{#key}` at
//! the end of the expectation's first line overrides it and survives any rewording.

use crate::markdown;

/// How many words of an expectation make its derived key.
pub const DERIVED_WORDS: usize = 6;

/// The longest explicit key allowed.
pub const MAX_KEY_LEN: usize = 64;

/// An expectation's text split into its words and an explicit key, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The text without the `{#key}` marker.
    pub text: String,
    /// The key written by the author, not yet validated.
    pub explicit: Option<&'a str>,
    /// Byte offset of the marker within the original text.
    pub marker_at: Option<usize>,
}

/// Finds a trailing `{#key}` on the first line of an expectation.
pub fn parse(text: &str) -> Parsed<'_> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    if let Some(stripped) = first.strip_suffix('}') {
        if let Some(open) = stripped.rfind("{#") {
            let key = &stripped[open + 2..];
            let mut rest = String::from(text[..open].trim_end());
            rest.push_str(&text[first_line_end..]);
            return Parsed {
                text: rest,
                explicit: Some(key),
                marker_at: Some(open),
            };
        }
    }
    Parsed {
        text: text.to_owned(),
        explicit: None,
        marker_at: None,
    }
}

/// Whether an explicit key has the allowed form: lowercase ASCII letters, digits and
/// `-`, starting with a letter or digit, at most [`MAX_KEY_LEN`] characters.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !key.starts_with('-')
        && !key.ends_with('-')
}

/// The key derived from an expectation's markdown text.
pub fn derive(markdown_text: &str) -> String {
    let plain = markdown::to_plain_text(markdown_text).to_lowercase();
    let words: Vec<String> = plain
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(DERIVED_WORDS)
        .collect();
    if words.is_empty() {
        "expectation".to_owned()
    } else {
        words.join("-")
    }
}

/// The full ID of an expectation.
pub fn full_id(track: &str, level: &str, key: &str) -> String {
    format!("{track}/{level}/{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_key_is_the_first_six_words_without_markup() {
        assert_eq!(
            derive("Splits a **project** of several weeks into milestones."),
            "splits-a-project-of-several-weeks"
        );
        assert_eq!(
            derive("Reviews colleagues' changes."),
            "reviews-colleagues-changes"
        );
        assert_eq!(
            derive("Owns the team's `on-call` rota"),
            "owns-the-teams-on-call-rota"
        );
        assert_eq!(derive("—"), "expectation");
    }

    #[test]
    fn derived_key_ignores_everything_after_six_words() {
        assert_eq!(
            derive("Plans a feature of one or two weeks"),
            derive("Plans a feature of one or three months, reworded")
        );
    }

    #[test]
    fn explicit_key_is_read_from_the_end_of_the_first_line() {
        let p = parse("Writes tests. {#tests}");
        assert_eq!(p.explicit, Some("tests"));
        assert_eq!(p.text, "Writes tests.");
        assert_eq!(p.marker_at, Some(14));
        let p = parse("Writes tests. {#tests}\nand more");
        assert_eq!(p.text, "Writes tests.\nand more");
        assert_eq!(parse("Uses {braces} inside").explicit, None);
    }

    #[test]
    fn explicit_keys_are_validated() {
        assert!(is_valid_key("tests-and-review"));
        assert!(is_valid_key("a1"));
        assert!(!is_valid_key("Tests"));
        assert!(!is_valid_key("a b"));
        assert!(!is_valid_key(""));
        assert!(!is_valid_key("-a"));
        assert!(!is_valid_key(&"a".repeat(65)));
    }
}
