//! Ids and expectation keys made from the source's own words. They depend only on the
//! text (and, for a repeated text, how many times it came before in the same place), so
//! importing the same source again gives the same ids.

use crate::framework::expectation_id;

/// An id of lowercase ASCII letters, digits and `-` from a name; `fallback` when the
/// name has none of them.
pub(crate) fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(48).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

/// `id`, or `id-2`, `id-3`, … the first that is not `taken`.
pub(crate) fn unique(id: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&id) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or(id)
}

/// The key of an expectation among the keys already given in its level, and whether it
/// must be written out (`{#key}`) because Rung would not derive it from the text alone.
pub(crate) fn expectation_key(markdown: &str, taken: &[String]) -> (String, bool) {
    let derived = expectation_id::derive(markdown);
    let base = if expectation_id::is_valid_key(&derived) {
        derived.clone()
    } else {
        slug(&derived, "expectation")
    };
    let key = unique(base, |c| taken.iter().any(|t| t == c));
    let explicit = key != derived || expectation_id::parse(markdown).marker_at.is_some();
    (key, explicit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_ascii_letters_and_digits() {
        assert_eq!(slug("Senior Engineer (L3)", "level"), "senior-engineer-l3");
        assert_eq!(slug("  --  ", "level"), "level");
        assert_eq!(slug("Café", "x"), "caf");
    }

    #[test]
    fn a_repeated_text_gets_a_numbered_key_written_out() {
        let first = expectation_key("Writes tests for every change.", &[]);
        assert_eq!(first, ("writes-tests-for-every-change".to_owned(), false));
        let again = expectation_key("Writes tests for every change.", &[first.0]);
        assert_eq!(again, ("writes-tests-for-every-change-2".to_owned(), true));
        assert_eq!(
            expectation_key("Écrit des tests", &[]),
            ("crit-des-tests".to_owned(), true)
        );
    }
}
