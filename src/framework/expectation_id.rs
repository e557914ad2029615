//! Expectation IDs: how an expectation's key is derived or written.
//!
//! The derived key depends only on the expectation's own words (its first six), so
//! reordering expectations or editing others never changes it. An explicit `{#key}` at
//! the end of the expectation's first line overrides it and survives any rewording.

use crate::framework::markdown;

/// How many words of an expectation make its derived key.
pub const DERIVED_WORDS: usize = 6;

/// The longest explicit key allowed.
pub const MAX_KEY_LEN: usize = 64;

/// An expectation's text split from the marker at the end of its first line:
/// `{#key}`, `{replaces=LEVEL/KEY}`, or both in one pair of braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedText<'a> {
    /// The text without the marker.
    pub text: String,
    /// The key written by the author, not yet validated.
    pub explicit: Option<&'a str>,
    /// The lower expectations this one replaces, as `level/key` of the same track.
    pub replaces: Vec<&'a str>,
    /// Words in the marker that mean nothing to Rung.
    pub unknown: Vec<&'a str>,
    /// Byte offset of the marker within the original text.
    pub marker_at: Option<usize>,
}

/// Finds a trailing marker on the first line of an expectation.
pub fn parse(text: &str) -> MarkedText<'_> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    let marker = first.strip_suffix('}').and_then(|stripped| {
        let open = stripped.rfind('{')?;
        let inner = &stripped[open + 1..];
        let starts = inner.trim_start();
        (starts.starts_with('#') || starts.starts_with("replaces=")).then_some((open, inner))
    });
    let Some((open, inner)) = marker else {
        return MarkedText {
            text: text.to_owned(),
            explicit: None,
            replaces: Vec::new(),
            unknown: Vec::new(),
            marker_at: None,
        };
    };
    let mut parsed = MarkedText {
        text: String::from(text[..open].trim_end()),
        explicit: None,
        replaces: Vec::new(),
        unknown: Vec::new(),
        marker_at: Some(open),
    };
    parsed.text.push_str(&text[first_line_end..]);
    if !inner.contains("replaces=") {
        // A key alone: all of it is the key, to be validated as written.
        parsed.explicit = inner.trim().strip_prefix('#');
        return parsed;
    }
    for word in inner.split_whitespace() {
        if let Some(key) = word.strip_prefix('#').filter(|_| parsed.explicit.is_none()) {
            parsed.explicit = Some(key);
        } else if let Some(target) = word.strip_prefix("replaces=") {
            parsed.replaces.push(target);
        } else {
            parsed.unknown.push(word);
        }
    }
    parsed
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
        assert_eq!(parse("Costs {25}").marker_at, None);
    }

    #[test]
    fn a_marker_can_say_which_lower_expectations_this_one_replaces() {
        let p =
            parse("Leads on-call. {#leads replaces=e1/shadows-on-call replaces=e2/takes-a-shift}");
        assert_eq!(p.text, "Leads on-call.");
        assert_eq!(p.explicit, Some("leads"));
        assert_eq!(p.replaces, ["e1/shadows-on-call", "e2/takes-a-shift"]);
        assert!(p.unknown.is_empty());
        let p = parse("Leads on-call. {replaces=e1/shadows-on-call}");
        assert_eq!(p.explicit, None);
        assert_eq!(p.replaces, ["e1/shadows-on-call"]);
        let p = parse("Leads. {#a #b replaces=e1/x grows=e1/y}");
        assert_eq!(p.explicit, Some("a"));
        assert_eq!(p.replaces, ["e1/x"]);
        assert_eq!(p.unknown, ["#b", "grows=e1/y"]);
        assert_eq!(parse("Leads. {#Two Words}").explicit, Some("Two Words"));
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
