//! Blind review: a copy of a case without the candidate's name, and where that copy
//! would still hint at who the person is (a gendered pronoun the alias does not hide).
//! Names are matched letter by letter without case, in every text a person wrote.

use serde::Serialize;

use super::Case;

/// The parts of a name that can identify a person: the whole name and each part of it
/// (split at anything not a letter), longest first. Single letters are left alone.
pub fn name_parts(name: &str) -> Vec<String> {
    let mut parts: Vec<String> = vec![name.trim().to_owned()];
    parts.extend(
        name.split(|c: char| !c.is_alphabetic())
            .filter(|p| p.chars().count() > 1)
            .map(str::to_owned),
    );
    parts.retain(|p| !p.is_empty());
    parts.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    parts.dedup();
    parts
}

/// Words a blind copy keeps that say more about the person than the alias does.
const GENDERED: &[&str] = &[
    "she", "her", "hers", "herself", "he", "him", "his", "himself",
];

/// A place where a blind copy would still hint at who the person is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BlindHint {
    /// Where, as a reader would find it: `evidence ev-2`, `the recommendation`, ….
    pub place: String,
    /// Where, as data: which part of the case, and which item of it.
    pub at: Place,
    /// The word, as written.
    pub word: String,
}

/// A part of a case that holds free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Place {
    /// A piece of evidence, by its id.
    Evidence {
        /// The evidence's id.
        id: String,
    },
    /// A specialist's input, by its id.
    Specialist {
        /// The input's id.
        id: String,
    },
    /// The recommendation.
    Recommendation,
    /// The reason given with a rating (the case's or the candidate's own) of an
    /// expectation.
    Rating {
        /// The expectation's id.
        expectation: String,
    },
    /// The decision.
    Decision,
}

/// Where a blind copy of `case` would still use a gendered pronoun: blind review hides
/// the name, but "she" or "his" tells a reviewer more than the alias does. Rung does not
/// rewrite them (grammar would suffer); it says where they are so the owner can.
pub fn blind_hints(case: &Case) -> Vec<BlindHint> {
    let mut out: Vec<BlindHint> = Vec::new();
    // The same walk as `blind`, so that every text a blind copy keeps is looked at.
    free_texts(&mut case.clone(), |(place, at), text| {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let lower = word.to_lowercase();
            if GENDERED.contains(&lower.as_str())
                && !out
                    .iter()
                    .any(|h| h.place == place && h.word.to_lowercase() == lower)
            {
                out.push(BlindHint {
                    place: place.to_owned(),
                    at: at.clone(),
                    word: word.to_owned(),
                });
            }
        }
    });
    out
}

/// Calls `each` with every piece of free text a person wrote into a case, and where it
/// is, in words (`evidence ev-2`, `the recommendation`, …) and as data: what a blind
/// copy hides names in.
fn free_texts(case: &mut Case, mut each: impl FnMut((&str, &Place), &mut String)) {
    for ev in &mut case.evidence {
        let place = format!("evidence {}", ev.id);
        let at = Place::Evidence { id: ev.id.clone() };
        for text in [&mut ev.what, &mut ev.when, &mut ev.outcome] {
            each((&place, &at), text);
        }
    }
    for s in &mut case.specialists {
        let place = format!("specialist input {}", s.id);
        let at = Place::Specialist { id: s.id.clone() };
        for text in [
            &mut s.who,
            &mut s.craft,
            &mut s.level,
            &mut s.said,
            &mut s.conflict,
        ]
        .into_iter()
        .chain(s.reviewed.iter_mut().map(|a| &mut a.description))
        .chain(s.ratings.values_mut().map(|r| &mut r.reason))
        {
            each((&place, &at), text);
        }
    }
    for (id, why) in &mut case.differences {
        let at = Place::Rating {
            expectation: id.clone(),
        };
        each(("the reason for differing from a specialist", &at), why);
    }
    if let Some(r) = &mut case.recommendation {
        each(("the recommendation", &Place::Recommendation), r);
    }
    let expectations = &case.expectations;
    for (id, rating) in case.ratings.iter_mut().chain(case.self_ratings.iter_mut()) {
        // The expectation by its words: its id is for files, not for a reader.
        let words = expectations
            .iter()
            .find(|e| e.id == *id)
            .map_or_else(|| id.clone(), |e| super::names::short(&e.text, 50));
        let at = Place::Rating {
            expectation: id.clone(),
        };
        each(
            (&format!("the rating of “{words}”"), &at),
            &mut rating.reason,
        );
    }
    for r in &mut case.reviews {
        let place = format!("the review of {}", r.reviewer.name);
        for (id, rating) in &mut r.ratings {
            let at = Place::Rating {
                expectation: id.clone(),
            };
            each((&place, &at), &mut rating.reason);
        }
    }
    for c in &mut case.recalibrations {
        let at = Place::Rating {
            expectation: c.expectation.clone(),
        };
        each(("a rating changed in calibration", &at), &mut c.reason);
    }
    if let Some(d) = &mut case.decision {
        for text in [&mut d.outcome, &mut d.rationale, &mut d.dissent]
            .into_iter()
            .chain(d.deciders.iter_mut())
        {
            each(("the decision", &Place::Decision), text);
        }
    }
}

/// A copy for blind review: the candidate's name and each part of it, wherever the case
/// mentions them, become the alias; links (which often carry a name) are dropped; the
/// case's id becomes an opaque one.
pub fn blind(case: &Case) -> Case {
    let mut out = case.clone();
    let alias = case.candidate.alias.clone();
    let names = name_parts(&case.candidate.name);
    out.id = blind_id(&case.id);
    out.candidate.name = alias.clone();
    free_texts(&mut out, |_, text| {
        *text = replace_names(text, &names, &alias)
    });
    // Links often carry a name.
    for ev in &mut out.evidence {
        ev.link = None;
    }
    for a in out.specialists.iter_mut().flat_map(|s| &mut s.reviewed) {
        a.link = None;
    }
    out
}

/// An id that says nothing of the case's own: `blind-` and a hash of it.
fn blind_id(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("blind-{hex}")
}

/// Where `word` ends if `text` has it at byte `at`, compared letter by letter without case.
fn matches_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut rest = text.get(at..)?.char_indices();
    let mut end = at;
    for w in word.chars() {
        let (i, c) = rest.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

/// `text` with every whole-word, any-case occurrence of any of `names` (longest first)
/// replaced by `with`, in one pass, so that a replacement is never matched again.
pub fn replace_names(text: &str, names: &[String], with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let at_word_start = previous.is_none_or(|p| !p.is_alphanumeric());
        let found = at_word_start
            .then(|| {
                names.iter().filter(|n| !n.is_empty()).find_map(|n| {
                    matches_at(text, i, n).filter(|end| {
                        text[*end..]
                            .chars()
                            .next()
                            .is_none_or(|a| !a.is_alphanumeric())
                    })
                })
            })
            .flatten();
        match found {
            Some(end) => {
                out.push_str(with);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
                previous = text[..end].chars().next_back();
            }
            None => {
                out.push(c);
                previous = Some(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with every whole-word, any-case occurrence of `word` replaced.
    fn replace_word(text: &str, word: &str, with: &str) -> String {
        replace_names(text, &[word.to_owned()], with)
    }

    #[test]
    fn a_blind_copy_hides_the_name_in_reviewers_reasons_and_calibration_changes() {
        let mut case = crate::cases::start::sample("c1", "e4");
        case.candidate.name = "Ana Lima".into();
        let first = case.expectations[0].id.clone();
        case.reviews.push(crate::cases::Review {
            reviewer: crate::cases::Reviewer {
                name: "Kofi Mensah".into(),
                craft: String::new(),
            },
            ratings: [(
                first.clone(),
                crate::cases::Rating {
                    rating: "meets".into(),
                    reason: "Ana ran it; she led it".into(),
                },
            )]
            .into(),
        });
        case.recalibrations.push(crate::cases::Recalibration {
            expectation: first,
            before: None,
            after: "meets".into(),
            reason: "Lima's work".into(),
            at: "2026-11-30T10:00:00Z".into(),
        });
        let b = blind(&case);
        let alias = &case.candidate.alias;
        assert_eq!(
            b.reviews[0]
                .ratings
                .values()
                .next()
                .map(|r| r.reason.clone()),
            Some(format!("{alias} ran it; she led it"))
        );
        assert_eq!(b.recalibrations[0].reason, format!("{alias}'s work"));
        let hints = blind_hints(&case);
        assert!(
            hints
                .iter()
                .any(|h| h.place == "the review of Kofi Mensah" && h.word == "she"),
            "{hints:?}"
        );
    }

    #[test]
    fn names_are_replaced_as_whole_words_whatever_their_letters() {
        // "Banana" is not a name.
        assert_eq!(replace_word("Banana and Ana", "Ana", "X"), "Banana and X");
        // Letters whose lowercase has another length, and names split at hyphens.
        assert_eq!(
            replace_word("İlkay Demir led it", "İlkay", "X"),
            "X Demir led it"
        );
        assert_eq!(replace_word("İAnaé ẞ Ana", "Ana", "X"), "İAnaé ẞ X");
        let parts = name_parts("Ana-Maria Li");
        assert!(parts.contains(&"Ana".to_owned()) && parts.contains(&"Li".to_owned()));
        assert_eq!(
            replace_names("Ana-Maria Li and Ana", &parts, "C7"),
            "C7 and C7"
        );
    }
}
