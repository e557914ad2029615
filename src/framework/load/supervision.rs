//! The `inherited-supervision` lint: an expectation written for the lowest levels, made
//! under someone else's supervision ("with help available from an experienced engineer"),
//! that a level more than two bands higher still inherits because nothing replaces it.
//! Which words read like supervision is data, in `supervision-words.yaml` beside this file.

use std::collections::HashMap;

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::model::{Framework, Level, Track};
use crate::framework::source::SourceFile;
use crate::framework::suggest;

/// How many bands above the level that states it an expectation may still be inherited
/// while it reads like supervision (the message says it in words: change both together).
const BANDS_ALLOWED: u32 = 2;

/// The word list, kept as data beside this file.
const WORDS: &str = include_str!("supervision-words.yaml");

/// The phrases, each as its lowercase words, parsed once.
static PHRASES: std::sync::LazyLock<Vec<Vec<String>>> = std::sync::LazyLock::new(|| {
    // The list is part of the binary and a test parses it; should it ever fail, the lint
    // goes quiet rather than stopping a framework from loading.
    let phrases: Vec<String> = serde_saphyr::from_str(WORDS).unwrap_or_default();
    phrases.iter().map(|p| words(p)).collect()
});

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The longest word of each phrase, found anywhere in any case: a text without any of
/// them holds no phrase, and most texts are passed over by this one scan.
static NEEDLES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        let needles = PHRASES
            .iter()
            .filter_map(|p| p.iter().max_by_key(|w| w.len()));
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(needles)
            .ok()
    });

/// The first phrase of the list found in `text`, as written in the list.
fn supervision_phrase(text: &str) -> Option<String> {
    // Only ASCII is folded by the quick scan; other text is read word by word.
    if text.is_ascii()
        && NEEDLES
            .as_ref()
            .is_some_and(|n| !super::item::has_whole_word(n, text))
    {
        return None;
    }
    let lower = text.to_lowercase();
    let found: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (0..found.len()).find_map(|i| {
        FIRST_WORDS.get(found[i])?.iter().find_map(|&p| {
            let phrase = PHRASES.get(p)?;
            let rest = found.get(i..i + phrase.len())?;
            rest.iter()
                .zip(phrase)
                .all(|(a, b)| *a == b)
                .then(|| phrase.join(" "))
        })
    })
}

/// The phrases by their first word, as indexes into [`PHRASES`] in the list's order: most
/// words start no phrase, and are passed over with one look-up.
static FIRST_WORDS: std::sync::LazyLock<HashMap<&'static str, Vec<usize>>> =
    std::sync::LazyLock::new(|| {
        let mut by_first: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, phrase) in PHRASES.iter().enumerate() {
            if let Some(first) = phrase.first() {
                by_first.entry(first.as_str()).or_default().push(i);
            }
        }
        by_first
    });

/// Warns once per expectation that reads like supervision and is inherited by a level
/// more than [`BANDS_ALLOWED`] bands above its own, naming every such level.
/// With a cache, a track whose levels were reused keeps its warnings from before.
pub(crate) fn inherited_supervision(
    framework: &Framework,
    sources: &[SourceFile],
    mut cache: Option<&mut super::checks::TrackCache>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let kept = |cache: Option<&super::checks::TrackCache>, track: &Track| {
        cache.and_then(|c| c.supervision(track)).is_some()
    };
    // The tracks to work out, on all cores when there are many.
    let todo: Vec<&Track> = framework
        .tracks
        .iter()
        .filter(|t| !kept(cache.as_deref(), t))
        .collect();
    let mut worked = crate::framework::parallel::map(&todo, 8, |track| {
        let mut found = Vec::new();
        of_track(framework, track, sources, &mut found);
        found
    })
    .into_iter();
    for track in &framework.tracks {
        if let Some(kept) = cache.as_deref().and_then(|c| c.supervision(track)) {
            diagnostics.extend(kept.iter().cloned());
            continue;
        }
        let found = worked.next().unwrap_or_default();
        match cache.as_deref_mut() {
            Some(cache) => {
                diagnostics.extend(found.iter().cloned());
                cache.keep_supervision(track, found);
            }
            None => diagnostics.extend(found),
        }
    }
}

fn of_track(
    framework: &Framework,
    track: &Track,
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    {
        // The track's expectations that read like supervision, each text read once; only
        // a level's own expectations and those it inherits within its track apply to it.
        let phrases: HashMap<&str, String> = track
            .levels
            .iter()
            .flat_map(|l| l.sections.iter())
            .flat_map(|s| s.expectations.iter())
            .filter_map(|e| Some((e.id.as_str(), supervision_phrase(&e.text)?)))
            .collect();
        if phrases.is_empty() {
            return;
        }
        // Per expectation: its id, the level that states it, the phrase found, and the
        // levels too far above that inherit it.
        let mut found: Vec<(&str, &Level, String, Vec<&Level>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for level in track.levels.iter() {
            for a in framework.applicable(track, level) {
                if a.from.band + BANDS_ALLOWED >= level.band {
                    continue;
                }
                let id = a.expectation.id.as_str();
                if let Some(&i) = index.get(id) {
                    found[i].3.push(level);
                } else if let Some(phrase) = phrases.get(id) {
                    index.insert(id, found.len());
                    found.push((id, a.from, phrase.clone(), vec![level]));
                }
            }
        }
        for (id, from, phrase, above) in found {
            let Some(file) = sources.iter().find(|s| s.path == from.source) else {
                continue;
            };
            let Some(expectation) = from
                .sections
                .iter()
                .flat_map(|s| s.expectations.iter())
                .find(|e| e.id == id)
            else {
                continue;
            };
            let (at, len) = phrase_position(file, expectation.line, &phrase);
            let levels = suggest::list(above.iter().map(|l| l.id.as_str()));
            let lowest = above.first().map_or(from.id.as_str(), |l| l.id.as_str());
            diagnostics.push(
                Diagnostic::at(
                    Code::InheritedSupervision,
                    file,
                    at,
                    len,
                    format!(
                        "`{}` reads like work under supervision (`{phrase}`), yet {levels} still inherit{} it, more than two bands above `{}` (band {})",
                        expectation.key,
                        if above.len() == 1 { "s" } else { "" },
                        from.id,
                        from.band
                    ),
                )
                .with_help(format!(
                    "write its stronger form at `{lowest}` or a level below it, ending with `{{replaces={}/{}}}`, or set `cumulative: false` on a level",
                    from.id, expectation.key
                )),
            );
        }
    }
}

/// Where the phrase is on the expectation's first line, or the start of that line's text.
fn phrase_position(file: &SourceFile, line: usize, phrase: &str) -> (usize, usize) {
    let start = file.offset_of(line, 1);
    let line_text = file.text[start..].split('\n').next().unwrap_or("");
    let lower = line_text.to_lowercase();
    match lower
        .find(phrase)
        .filter(|i| line_text.is_char_boundary(*i) && lower.len() == line_text.len())
    {
        Some(i) => (start + i, phrase.len()),
        None => {
            let text_start = line_text.len() - line_text.trim_start_matches([' ', '-', '*']).len();
            (start + text_start, 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_parses_and_no_phrase_is_empty() {
        let phrases: Vec<String> =
            serde_saphyr::from_str(WORDS).unwrap_or_else(|e| panic!("the list parses: {e}"));
        assert!(phrases.len() > 10);
        assert!(phrases.iter().all(|p| !words(p).is_empty()), "{phrases:?}");
        assert_eq!(PHRASES.len(), phrases.len());
    }

    #[test]
    fn phrases_are_found_as_whole_words_in_any_case() {
        assert_eq!(
            supervision_phrase(
                "Finishes tasks that someone else has described, with help available from an experienced engineer."
            ),
            Some("someone else has".to_owned())
        );
        assert_eq!(
            supervision_phrase("Runs tests from a plan a Senior Designer has reviewed."),
            Some("a senior designer".to_owned())
        );
        assert_eq!(
            supervision_phrase("Mentors senior designers across the area."),
            None
        );
        assert_eq!(
            supervision_phrase("Helps with helpful guidance notes."),
            None
        );
        assert_eq!(
            supervision_phrase("Works UNDER   Supervision, at first."),
            Some("under supervision".to_owned())
        );
        assert_eq!(
            supervision_phrase("Travaille à côté: under supervision."),
            Some("under supervision".to_owned())
        );
        assert_eq!(supervision_phrase("Designs the whole service."), None);
    }
}
