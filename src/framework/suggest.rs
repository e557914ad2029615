//! "Did you mean …?" suggestions for misspelt keys, ids and names.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)` or nothing, to append to a message.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// `a`, `b`, `c` for a message.
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_of_several() {
        assert_eq!(
            did_you_mean("titel", ["id", "title", "band"]),
            Some("title")
        );
        assert_eq!(
            did_you_mean("Delivry", ["delivery", "direction"]),
            Some("delivery")
        );
    }

    #[test]
    fn does_not_suggest_unrelated_words() {
        assert_eq!(did_you_mean("colour", ["id", "title", "band"]), None);
        assert_eq!(hint("zzz", ["abc"]), "");
    }
}
