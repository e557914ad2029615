//! Ids and expectation keys made from the source's own words. They depend only on the
//! text (and, for a repeated text, how many times it came before in the same place), so
//! importing the same source again gives the same ids.

use std::collections::{HashMap, HashSet};

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

/// The keys already given in one level: a set of the keys taken, and for each base key
/// the next number to try, so that giving `n` keys costs about `n` look-ups even when
/// every text starts with the same words (a suffix is never probed twice).
#[derive(Debug, Default)]
pub(crate) struct Keys {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
    /// How many candidate keys were looked up, for the test that the work stays linear.
    probes: usize,
}

impl Keys {
    /// The key of an expectation, taken, and whether it must be written out (`{#key}`)
    /// because Rung would not derive it from the text alone.
    pub(crate) fn take(&mut self, markdown: &str) -> (String, bool) {
        let derived = expectation_id::derive(markdown);
        let base = if expectation_id::is_valid_key(&derived) {
            derived.clone()
        } else {
            slug(&derived, "expectation")
        };
        let mut key = base.clone();
        self.probes += 1;
        if self.taken.contains(&key) {
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                key = format!("{base}-{n}");
                *n += 1;
                self.probes += 1;
                if !self.taken.contains(&key) {
                    break;
                }
            }
        }
        self.taken.insert(key.clone());
        let explicit = key != derived || expectation_id::parse(markdown).marker_at.is_some();
        (key, explicit)
    }
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
        let mut keys = Keys::default();
        let first = keys.take("Writes tests for every change.");
        assert_eq!(first, ("writes-tests-for-every-change".to_owned(), false));
        let again = keys.take("Writes tests for every change.");
        assert_eq!(again, ("writes-tests-for-every-change-2".to_owned(), true));
        assert_eq!(
            keys.take("Écrit des tests"),
            ("crit-des-tests".to_owned(), true)
        );
    }

    #[test]
    fn a_numbered_key_already_taken_is_skipped() {
        let mut keys = Keys::default();
        assert_eq!(keys.take("Owns a b c d-2 x").0, "owns-a-b-c-d-2");
        assert_eq!(keys.take("Owns a b c d e").0, "owns-a-b-c-d-e");
        assert_eq!(keys.take("Owns a b c d").0, "owns-a-b-c-d");
        assert_eq!(keys.take("Owns a b c d").0, "owns-a-b-c-d-3");
        assert_eq!(keys.take("Owns a b c d").0, "owns-a-b-c-d-4");
    }

    #[test]
    fn many_texts_with_the_same_first_words_cost_a_look_up_each() {
        // Probing -2, -3, … from the start for each text costs n² look-ups (and n³ with a
        // list): 5,000 texts would take 12.5 million. A counter per base key takes 2 each.
        let mut keys = Keys::default();
        for i in 0..5000 {
            keys.take(&format!("Writes tests and designs modules number {i}."));
        }
        assert_eq!(keys.taken.len(), 5000);
        assert!(keys.probes <= 2 * 5000, "{} look-ups", keys.probes);
    }
}
