//! What a blind calibration hides, and how: every candidate's name (and each part of it)
//! becomes that candidate's alias, owners' names become "the case owner", reviewers and
//! specialists become "Reviewer 1", "Specialist 1"… (numbered across the whole
//! calibration, so one person keeps one number), and gendered pronouns become neutral
//! ones. Names are matched as `cases::blind` matches them: whole words, any case.

use crate::cases::blind::{name_parts, replace_names};
use crate::cases::Case;

/// Pronouns that say more about a person than an alias does, and what stands instead.
const NEUTRAL: &[(&str, &str)] = &[
    ("herself", "themself"),
    ("himself", "themself"),
    ("she", "they"),
    ("he", "they"),
    ("hers", "theirs"),
    ("her", "their"),
    ("him", "them"),
    ("his", "their"),
];

/// The names of one calibration and what replaces each.
#[derive(Debug, Default)]
pub(crate) struct Blinder {
    /// Each name's parts (longest first), lowercased parts for a quick look, and what
    /// replaces them; longest names first.
    groups: Vec<(Vec<String>, Vec<String>, String)>,
    /// Every single-word part of every name, lowercased, with the groups it belongs to:
    /// a text is looked at for the names whose words it has, and no other.
    words: std::collections::HashMap<String, Vec<usize>>,
    /// Reviewers by name, in the order they were numbered.
    reviewers: Vec<String>,
    /// Specialists by name, in the order they were numbered.
    specialists: Vec<String>,
}

impl Blinder {
    /// The names `cases` hold: candidates, owners, reviewers, specialists.
    pub(crate) fn of(cases: &[&Case]) -> Blinder {
        let mut b = Blinder::default();
        for case in cases {
            for r in &case.reviews {
                if !b.reviewers.contains(&r.reviewer.name) {
                    b.reviewers.push(r.reviewer.name.clone());
                }
            }
            for s in &case.specialists {
                if !b.specialists.contains(&s.who) {
                    b.specialists.push(s.who.clone());
                }
            }
        }
        let mut groups: Vec<(String, String)> = Vec::new();
        for case in cases {
            groups.push((case.candidate.name.clone(), case.candidate.alias.clone()));
            if let Some(owner) = &case.owner {
                groups.push((owner.clone(), "the case owner".into()));
            }
        }
        for (i, r) in b.reviewers.iter().enumerate() {
            groups.push((r.clone(), format!("Reviewer {}", i + 1)));
        }
        for (i, s) in b.specialists.iter().enumerate() {
            groups.push((s.clone(), format!("Specialist {}", i + 1)));
        }
        b.groups = groups
            .into_iter()
            .map(|(name, with)| {
                let parts = name_parts(&name);
                let lower = parts.iter().map(|p| p.to_lowercase()).collect();
                (parts, lower, with)
            })
            .filter(|(parts, _, _)| !parts.is_empty())
            .collect();
        // A longer name first, so that "Ana Lima" is replaced before another's "Ana".
        b.groups.sort_by_key(|(parts, _, _)| {
            std::cmp::Reverse(parts.first().map_or(0, |p| p.chars().count()))
        });
        for (i, (_, lower, _)) in b.groups.iter().enumerate() {
            for part in lower.iter().filter(|p| !p.contains(' ')) {
                let groups = b.words.entry(part.clone()).or_default();
                if !groups.contains(&i) {
                    groups.push(i);
                }
            }
        }
        b
    }

    /// `text` with every name replaced and gendered pronouns made neutral.
    pub(crate) fn text(&self, text: &str) -> String {
        let lower = text.to_lowercase();
        // Names are replaced as whole words: only the names (and pronouns) whose words
        // the text has are looked for.
        let mut groups: Vec<usize> = Vec::new();
        let mut pronouns: Vec<usize> = Vec::new();
        for word in lower.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            if let Some(found) = self.words.get(word) {
                groups.extend(found);
            }
            if let Some(i) = NEUTRAL.iter().position(|(w, _)| *w == word) {
                pronouns.push(i);
            }
        }
        if groups.is_empty() && pronouns.is_empty() {
            return text.to_owned();
        }
        groups.sort_unstable();
        groups.dedup();
        pronouns.sort_unstable();
        pronouns.dedup();
        let mut out = text.to_owned();
        for i in groups {
            let (parts, _, with) = &self.groups[i];
            out = replace_names(&out, parts, with);
        }
        for i in pronouns {
            let (word, neutral) = NEUTRAL[i];
            out = replace_names(&out, &[word.to_owned()], neutral);
        }
        out
    }

    /// A reviewer as a blind calibration calls them: `Reviewer 1`.
    pub(crate) fn reviewer(&self, name: &str) -> String {
        match self.reviewers.iter().position(|r| r == name) {
            Some(i) => format!("Reviewer {}", i + 1),
            None => "a reviewer".into(),
        }
    }

    /// A specialist as a blind calibration calls them: `Specialist 1`.
    pub(crate) fn specialist(&self, name: &str) -> String {
        match self.specialists.iter().position(|s| s == name) {
            Some(i) => format!("Specialist {}", i + 1),
            None => "a specialist".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::start::sample;

    #[test]
    fn names_of_every_case_and_pronouns_are_hidden() {
        let mut a = sample("a", "e4");
        a.owner = Some("Maria Costa".into());
        let mut b = sample("b", "e4");
        b.candidate.name = "Tom Berg".into();
        b.candidate.alias = "Candidate 3".into();
        let blinder = Blinder::of(&[&a, &b]);
        assert_eq!(
            blinder.text("Ana Lima helped Tom with his plan; Maria said she was sure."),
            "Candidate 7 helped Candidate 3 with their plan; the case owner said they was sure."
        );
        assert_eq!(blinder.text("Banana thoughts"), "Banana thoughts");
    }
}
