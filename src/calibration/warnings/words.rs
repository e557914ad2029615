//! The words that judge a person instead of describing what they did, as data: the
//! `personality` group of `src/cases/evidence-words.yaml` (what the evidence lint already
//! flags) and `src/calibration/person-words.yaml` (potential, being exceptional).

use serde::Deserialize;

/// A group of `evidence-words.yaml`; only the `personality` one is read here.
#[derive(Debug, Deserialize)]
struct EvidenceGroup {
    kind: String,
    words: Vec<String>,
    #[allow(dead_code)]
    problem: String,
    #[allow(dead_code)]
    suggestion: String,
}

/// A group of `person-words.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonGroup {
    #[allow(dead_code)]
    about: String,
    words: Vec<String>,
}

const EVIDENCE_WORDS: &str = include_str!("../../cases/evidence-words.yaml");
const PERSON_WORDS: &str = include_str!("../person-words.yaml");

/// Every word or phrase, lowercased, each as its words.
static WORDS: std::sync::LazyLock<Vec<Vec<String>>> = std::sync::LazyLock::new(|| {
    // Both files are part of the binary and a test parses them; should one ever fail,
    // its words are left out rather than stopping a calibration.
    let evidence: Vec<EvidenceGroup> = serde_saphyr::from_str(EVIDENCE_WORDS).unwrap_or_default();
    let person: Vec<PersonGroup> = serde_saphyr::from_str(PERSON_WORDS).unwrap_or_default();
    let mut out: Vec<Vec<String>> = evidence
        .into_iter()
        .filter(|g| g.kind == "personality")
        .flat_map(|g| g.words)
        .chain(person.into_iter().flat_map(|g| g.words))
        .map(|w| split(&w))
        .filter(|w| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
});

/// A text's words, lowercased, as the evidence lint splits them.
fn split(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words or phrases of the list that `text` uses, each once, as written in the list;
/// a phrase found only inside a longer one found too ("potential" in "high potential")
/// is not counted again.
pub(super) fn judging(text: &str) -> Vec<String> {
    let words = split(text);
    if words.is_empty() {
        return Vec::new();
    }
    // Only the phrases starting with a word the text has can match.
    let firsts: std::collections::HashSet<&str> = words.iter().map(String::as_str).collect();
    let found: Vec<&Vec<String>> = WORDS
        .iter()
        .filter(|phrase| phrase.first().is_some_and(|w| firsts.contains(w.as_str())))
        .filter(|phrase| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
        .collect();
    let inside = |short: &Vec<String>, long: &Vec<String>| {
        long.len() > short.len() && long.windows(short.len()).any(|w| w == short.as_slice())
    };
    // Where the text has the short phrase outside every longer one, it still counts.
    let alone = |short: &Vec<String>| {
        let uses = words
            .windows(short.len())
            .filter(|w| *w == short.as_slice())
            .count();
        let within: usize = found
            .iter()
            .filter(|long| inside(short, long))
            .map(|long| {
                words
                    .windows(long.len())
                    .filter(|w| *w == long.as_slice())
                    .count()
            })
            .sum();
        uses > within
    };
    found
        .iter()
        .filter(|phrase| alone(phrase))
        .map(|phrase| phrase.join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lists_parse_and_have_words() {
        let evidence: Vec<EvidenceGroup> =
            serde_saphyr::from_str(EVIDENCE_WORDS).expect("evidence-words.yaml parses");
        assert!(evidence.iter().any(|g| g.kind == "personality"));
        let person: Vec<PersonGroup> =
            serde_saphyr::from_str(PERSON_WORDS).expect("person-words.yaml parses");
        assert!(person.len() >= 2 && person.iter().all(|g| !g.words.is_empty()));
        assert!(WORDS.len() > 20);
    }

    #[test]
    fn phrases_match_as_whole_words() {
        // "potential" inside "high potential" counts once, with the longer phrase…
        assert_eq!(judging("She has high potential."), ["high potential"]);
        // …and again where it also stands alone.
        assert_eq!(
            judging("High potential; the potential to lead."),
            ["high potential", "potential"]
        );
        assert_eq!(
            judging("A brilliant, gifted engineer"),
            ["brilliant", "gifted"]
        );
        assert!(judging("Potentially useful; specialised tooling").is_empty());
    }
}
