//! Finding glossary terms in text: whole words in any case, the longest term first, in
//! the usual English forms of its last word, and, of the senses a term has, the one whose
//! scope fits where the text is shown ([`TermContext`]).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::framework::model::{Framework, TermScope};

/// Where a piece of text is shown, to choose the sense of a term that has several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermContext<'a> {
    /// The track whose level page shows the text.
    pub track: &'a str,
    /// That track's craft.
    pub craft: &'a str,
    /// The competency whose section holds the text, if any.
    pub competency: Option<&'a str>,
}

/// Finds glossary terms in text: whole words in any case, the longest term first, with
/// the usual English endings on its last word ("tests", "stories", "the STO's", and
/// after other words "usability testing"), and, of the senses a term has, the one whose
/// scope fits the place best.
#[derive(Debug, Clone, Default)]
pub struct TermMarker {
    /// Each entry's id and scope.
    entries: Vec<(String, TermScope)>,
    /// Every term under the first run of letters and digits it starts with, lowercase,
    /// so that only a few terms are tried at each word.
    candidates: HashMap<String, Vec<Candidate>>,
}

/// A term as the marker looks for it: the words before its last one, then any form of
/// its last word.
#[derive(Debug, Clone)]
struct Candidate {
    /// The index of the term's entry.
    entry: usize,
    /// Lowercase, up to its last word ("design system "); empty for a one-word term.
    head: String,
    /// The forms of the last word, lowercase, each with whether it may be a verb: a
    /// one-word term with `-s` reads as one before "the", "a", "their"… or a plural:
    /// "tracks the fixes", "groups observations".
    lasts: Vec<(String, bool)>,
}

/// Words that follow a verb rather than a plural noun.
const AFTER_A_VERB: &[&str] = &[
    "a", "all", "an", "any", "both", "down", "each", "every", "her", "his", "how", "it", "its",
    "my", "our", "out", "the", "their", "them", "these", "this", "those", "up", "what", "your",
];

impl TermMarker {
    /// A marker for these (term, id) pairs, each applying everywhere.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::scoped(
            terms
                .into_iter()
                .map(|(term, id)| (term, id, TermScope::default())),
        )
    }

    /// A marker for these (term, id, scope) entries.
    pub fn scoped<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str, TermScope)>) -> Self {
        let mut marker = TermMarker::default();
        for (term, id, scope) in terms {
            let term = normalise(term);
            if term.is_empty() {
                continue;
            }
            let entry = marker.entries.len();
            marker.entries.push((id.to_owned(), scope));
            let (head, lasts) = forms_of(&term);
            let one_word = !term.contains([' ', '-']);
            let may_be_verb = |last: &str| {
                one_word && last != term && last.ends_with('s') && !last.ends_with("'s")
            };
            // A one-word term starts with its last word, so each form goes under its own key.
            let mut by_key: Vec<(String, Candidate)> = Vec::new();
            for last in lasts {
                let key = first_run(if head.is_empty() { &last } else { head });
                if key.is_empty() {
                    continue;
                }
                let verb = may_be_verb(&last);
                match by_key.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, c)) => c.lasts.push((last, verb)),
                    None => by_key.push((
                        key,
                        Candidate {
                            entry,
                            head: head.to_owned(),
                            lasts: vec![(last, verb)],
                        },
                    )),
                }
            }
            for (key, candidate) in by_key {
                marker.candidates.entry(key).or_default().push(candidate);
            }
        }
        marker
    }

    /// The framework's glossary, less the terms that name a step of its rating scale:
    /// in ordinary prose, "meets" or "beyond" is a word, not the rating.
    pub fn of_framework(framework: &Framework) -> Self {
        let rating_words: Vec<String> = framework
            .rating
            .iter()
            .flat_map(|r| [normalise(&r.name), normalise(&r.id.replace('-', " "))])
            .collect();
        Self::scoped(
            framework
                .glossary
                .iter()
                .filter(|t| !rating_words.contains(&normalise(&t.term)))
                .map(|t| (t.term.as_str(), t.id.as_str(), t.scope.clone())),
        )
    }

    /// The terms of `text` shown at `at`, in order, as byte ranges and ids. A term already
    /// in `seen` is passed over, with nothing inside it marked; each term found joins it.
    pub fn find(
        &self,
        text: &str,
        at: &TermContext<'_>,
        seen: &mut HashSet<String>,
    ) -> Vec<(Range<usize>, String)> {
        self.scan(text, at, Some(seen))
    }

    /// Every occurrence of every term of `text` shown at `at`.
    pub fn find_all(&self, text: &str, at: &TermContext<'_>) -> Vec<(Range<usize>, String)> {
        self.scan(text, at, None)
    }

    fn scan(
        &self,
        text: &str,
        at: &TermContext<'_>,
        mut seen: Option<&mut HashSet<String>>,
    ) -> Vec<(Range<usize>, String)> {
        let mut found = Vec::new();
        // The two characters before `i`: a term starts a word, and not the second part of
        // a compound such as "company-level".
        let mut previous: (Option<char>, Option<char>) = (None, None);
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let starts_word = c.is_alphanumeric()
                && match previous {
                    (_, Some(p)) if p.is_alphanumeric() => false,
                    (Some(p), Some('-')) => !p.is_alphanumeric(),
                    _ => true,
                };
            if starts_word {
                if let Some((end, entry)) = self.best_at(text, i, at) {
                    let id = &self.entries[entry].0;
                    let fresh = seen.as_deref_mut().is_none_or(|s| s.insert(id.clone()));
                    if fresh {
                        found.push((i..end, id.clone()));
                    }
                    let mut before = text[..end].chars().rev();
                    let last = before.next();
                    previous = (before.next(), last);
                    i = end;
                    continue;
                }
            }
            previous = (previous.1, Some(c));
            i += c.len_utf8();
        }
        found
    }

    /// The longest term starting at byte `start` of `text`, in the sense that fits `at`
    /// best: its end and its entry.
    fn best_at(&self, text: &str, start: usize, at: &TermContext<'_>) -> Option<(usize, usize)> {
        let rest = &text[start..];
        let run = rest
            .find(|c: char| !c.is_alphanumeric())
            .map_or(rest, |end| &rest[..end]);
        // Most words are written in lowercase already: look them up without a copy.
        let candidates = if run
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            self.candidates.get(run)
        } else {
            self.candidates.get(&first_run(run))
        }?;
        let mut best: Option<(usize, u8, usize)> = None;
        for candidate in candidates {
            let Some(fit) = fit(&self.entries[candidate.entry].1, at) else {
                continue;
            };
            let Some(after_head) = match_text(text, start, &candidate.head) else {
                continue;
            };
            for (last, may_be_verb) in &candidate.lasts {
                let Some(end) = match_text(text, after_head, last) else {
                    continue;
                };
                if !ends_word(text, end) || (*may_be_verb && reads_as_verb(&text[end..])) {
                    continue;
                }
                if best.is_none_or(|(e, f, _)| (end, fit) > (e, f)) {
                    best = Some((end, fit, candidate.entry));
                }
            }
        }
        best.map(|(end, _, entry)| (end, entry))
    }
}

/// How well a scope fits where text is shown: `None` when it does not apply there; the
/// more specific the scope that applies, the higher (competency, track, craft, none).
fn fit(scope: &TermScope, at: &TermContext<'_>) -> Option<u8> {
    let has = |values: &[String], value: &str| values.iter().any(|v| v == value);
    if scope.is_empty() {
        Some(0)
    } else if at.competency.is_some_and(|c| has(&scope.competencies, c)) {
        Some(3)
    } else if has(&scope.tracks, at.track) {
        Some(2)
    } else if has(&scope.crafts, at.craft) {
        Some(1)
    } else {
        None
    }
}

/// Lowercase, with runs of white space made one space.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first run of letters and digits of `text`, lowercase.
fn first_run(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where `form` (lowercase) ends when `text` has it at byte `start`: in any case, a space
/// or hyphen of the form matching a hyphen or any white space, and a typographic
/// apostrophe matching a straight one.
fn match_text(text: &str, start: usize, form: &str) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let mut wanted = form.chars();
    while let Some(f) = wanted.next() {
        let (_, c) = chars.next()?;
        if f == ' ' || f == '-' {
            if c == '-' {
                continue;
            }
            if !c.is_whitespace() {
                return None;
            }
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        let c = if c == '’' { '\'' } else { c };
        let mut lower = c.to_lowercase();
        if lower.next() != Some(f) {
            return None;
        }
        for extra in lower {
            if wanted.next() != Some(extra) {
                return None;
            }
        }
    }
    Some(chars.peek().map_or(text.len(), |(i, _)| start + i))
}

/// Whether a word ends at byte `at` of `text`, and not the first part of a compound such
/// as "roadmap-level" ("band-4" is a band).
fn ends_word(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    match rest.next() {
        None => true,
        Some('-') => rest.next().is_none_or(|c| !c.is_alphabetic()),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Whether the words after a one-word term with `-s` make it a verb: "the", "a",
/// "their" and the like, or a plural ("groups observations"), follow a verb, while a
/// plural noun is rarely followed by either.
fn reads_as_verb(after: &str) -> bool {
    let after = after.trim_start();
    let next = first_run(after);
    let plural = next.len() > 3
        && next.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| next.ends_with(end))
        && after.chars().next().is_some_and(char::is_lowercase);
    plural || AFTER_A_VERB.contains(&next.as_str())
}

/// A term (lowercase) split before its last word, and the forms that word is written in:
/// as written, in the plural or singular, possessive, and, in a term of several words,
/// with `-ing` or `-ed`.
fn forms_of(term: &str) -> (&str, Vec<String>) {
    let split = term
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(term.len(), |(i, _)| i);
    let (head, word) = term.split_at(split);
    if word.is_empty() {
        return ("", vec![term.to_owned()]);
    }
    // Alone, a word with `-ing` or `-ed` is most often another word: "tracked" is not a
    // Track, nor "programming" a Programme; after other words it rarely is.
    let verbs = head.chars().any(char::is_alphanumeric);
    let mut forms = inflections(word, verbs);
    forms.sort();
    forms.dedup();
    (head, forms)
}

/// A word's inflected forms, itself included, and `with_verbs` its `-ing` and `-ed`
/// forms. Forms that English does not have ("testes") are harmless: they never occur.
fn inflections(word: &str, with_verbs: bool) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let chars: Vec<char> = word.chars().collect();
    let [.., before, last] = chars[..] else {
        return out;
    };
    if !chars.iter().all(|c| c.is_alphabetic()) {
        return out;
    }
    let vowel = |c: char| "aeiou".contains(c);
    let stem = &word[..word.len() - last.len_utf8()];
    let mut nouns = vec![word.to_owned()];
    let mut plurals = vec![format!("{word}s"), format!("{word}es")];
    let mut verbs = vec![format!("{word}ing"), format!("{word}ed")];
    if last == 'y' && !vowel(before) {
        plurals.push(format!("{stem}ies"));
        verbs.push(format!("{stem}ied"));
    }
    if last == 'e' {
        verbs.push(format!("{stem}ing"));
        verbs.push(format!("{word}d"));
    }
    // One syllable ending in a short vowel and a consonant doubles it: plan, planning.
    let third = chars.len().checked_sub(3).map(|i| chars[i]);
    if vowel(before) && !vowel(last) && !"wxy".contains(last) && third.is_some_and(|c| !vowel(c)) {
        verbs.push(format!("{word}{last}ing"));
        verbs.push(format!("{word}{last}ed"));
    }
    // A term written in the plural also stands for one of them: metrics, metric.
    if last == 's' && chars.len() > 3 && !matches!(before, 's' | 'u' | 'i') {
        nouns.push(stem.to_owned());
        if let Some(y_stem) = word.strip_suffix("ies") {
            nouns.push(format!("{y_stem}y"));
        }
        plurals.push(word.to_owned());
    }
    for noun in &nouns {
        out.push(noun.clone());
        out.push(format!("{noun}'s"));
    }
    for plural in &plurals {
        out.push(format!("{plural}'"));
    }
    out.extend(plurals);
    if with_verbs {
        out.extend(verbs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANYWHERE: TermContext<'static> = TermContext {
        track: "",
        craft: "",
        competency: None,
    };

    /// `text` with every occurrence of its terms as `[written|id]`.
    fn marked(marker: &TermMarker, text: &str, at: &TermContext<'_>) -> String {
        let mut out = String::new();
        let mut cursor = 0;
        for (range, id) in marker.find_all(text, at) {
            out.push_str(&text[cursor..range.start]);
            out.push_str(&format!("[{}|{id}]", &text[range.clone()]));
            cursor = range.end;
        }
        out + &text[cursor..]
    }

    #[test]
    fn a_term_matches_in_its_inflected_forms() {
        let marker = TermMarker::new([
            ("Usability test", "usability-test"),
            ("User story", "user-story"),
            ("Paper prototype", "paper-prototype"),
            ("Sprint plan", "sprint-plan"),
            ("Design review", "design-review"),
            ("STO", "sto"),
            ("Metrics", "metrics"),
            ("Bug", "bug"),
            ("Box", "box"),
            ("Track", "track"),
            ("Programme", "programme"),
        ]);
        let text = "Runs usability tests, splits user stories, is paper prototyping after sprint planning, design reviewed; the STO’s goals, one metric, the STOs' tracks, bugs and boxes.";
        assert_eq!(
            marked(&marker, text, &ANYWHERE),
            "Runs [usability tests|usability-test], splits [user stories|user-story], is [paper prototyping|paper-prototype] after [sprint planning|sprint-plan], [design reviewed|design-review]; the [STO’s|sto] goals, one [metric|metrics], the [STOs'|sto] [tracks|track], [bugs|bug] and [boxes|box]."
        );
        // A single word with `-s` before "the", "a", "their"… is a verb.
        assert_eq!(
            marked(
                &marker,
                "Tracks down a bug, tracks the fixes, tracks measures, two tracks.",
                &ANYWHERE
            ),
            "Tracks down a [bug|bug], tracks the fixes, tracks measures, two [tracks|track]."
        );
        // Nor is a term the first or second part of a compound, except before a number.
        assert_eq!(
            marked(
                &marker,
                "Track-level and bug-free, off-track, track-2.",
                &ANYWHERE
            ),
            "Track-level and bug-free, off-track, [track|track]-2."
        );
        // Whole words only, and a single word with `-ing` or `-ed` is another word.
        assert_eq!(
            marked(
                &marker,
                "Stories of bugsy programmers, tracked while programming, unplanned.",
                &ANYWHERE
            ),
            "Stories of bugsy programmers, tracked while programming, unplanned."
        );
    }

    #[test]
    fn the_longest_term_wins_over_a_term_inside_it() {
        let marker = TermMarker::new([
            ("Component", "component"),
            ("Design system", "design-system"),
            ("Design system component", "design-system-component"),
        ]);
        assert_eq!(
            marked(&marker, "Contributes design system components to the design system, one component at a time.", &ANYWHERE),
            "Contributes [design system components|design-system-component] to the [design system|design-system], one [component|component] at a time."
        );
        // Seen already: neither it nor a shorter term inside it is marked again.
        let mut seen = HashSet::from(["design-system-component".to_owned()]);
        assert!(marker
            .find("More design system components.", &ANYWHERE, &mut seen)
            .is_empty());
    }

    #[test]
    fn of_several_senses_the_one_scoped_to_the_place_is_chosen() {
        let scope = |crafts: &[&str], tracks: &[&str], competencies: &[&str]| TermScope {
            crafts: crafts.iter().map(|s| (*s).to_owned()).collect(),
            tracks: tracks.iter().map(|s| (*s).to_owned()).collect(),
            competencies: competencies.iter().map(|s| (*s).to_owned()).collect(),
        };
        let marker = TermMarker::scoped([
            ("Component", "component", TermScope::default()),
            (
                "Component",
                "component-design",
                scope(&["design"], &[], &[]),
            ),
            (
                "Component",
                "component-sto",
                scope(&["design"], &["sto"], &[]),
            ),
            (
                "Component",
                "component-craft",
                scope(&[], &[], &["design-craft"]),
            ),
            (
                "Group",
                "group",
                scope(&[], &["engineering-manager", "sto"], &[]),
            ),
            ("Interface", "interface", scope(&["engineering"], &[], &[])),
            (
                "Interface text",
                "interface-text",
                scope(&["design"], &[], &[]),
            ),
        ]);
        let designer = TermContext {
            track: "product-designer",
            craft: "design",
            competency: None,
        };
        let engineer = TermContext {
            track: "engineering",
            craft: "engineering",
            competency: None,
        };
        let manager = TermContext {
            track: "engineering-manager",
            craft: "engineering",
            competency: None,
        };
        let text = "A component, its interface text, and two groups.";
        assert_eq!(
            marked(&marker, text, &designer),
            "A [component|component-design], its [interface text|interface-text], and two groups."
        );
        assert_eq!(
            marked(&marker, text, &engineer),
            "A [component|component], its [interface|interface] text, and two groups."
        );
        assert_eq!(
            marked(&marker, text, &manager),
            "A [component|component], its [interface|interface] text, and two [groups|group]."
        );
        // A competency is more specific than a track, a track than a craft.
        let craft_section = TermContext {
            competency: Some("design-craft"),
            ..designer
        };
        assert_eq!(
            marked(&marker, "A component.", &craft_section),
            "A [component|component-craft]."
        );
        let sto = TermContext {
            track: "sto",
            craft: "design",
            competency: None,
        };
        assert_eq!(
            marked(&marker, "A component.", &sto),
            "A [component|component-sto]."
        );
    }

    #[test]
    fn a_rating_name_in_ordinary_prose_is_not_a_term() {
        let term = |term: &str| crate::framework::model::Term {
            id: crate::framework::model::term_id(term),
            term: term.to_owned(),
            definition: String::new(),
            scope: TermScope::default(),
            path: "glossary/general.md".to_owned(),
        };
        let rating = |id: &str, name: &str| crate::framework::model::ScaleStep {
            id: id.to_owned(),
            name: name.to_owned(),
            description: String::new(),
        };
        let framework = Framework {
            rating: vec![
                rating("not-yet", "Not yet"),
                rating("meets", "Meets"),
                rating("beyond", "Beyond"),
            ],
            glossary: vec![
                term("Beyond"),
                term("Calibration"),
                term("Meets"),
                term("Not yet"),
            ],
            ..Framework::default()
        };
        let marker = TermMarker::of_framework(&framework);
        assert_eq!(
            marked(
                &marker,
                "Meets users beyond the team, not yet at calibration.",
                &ANYWHERE
            ),
            "Meets users beyond the team, not yet at [calibration|calibration]."
        );
    }
}
