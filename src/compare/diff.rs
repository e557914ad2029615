//! The word-level diff of two texts: their plain words, same, added or removed, with
//! changes separated only by spaces read as phrases, and whether most of the words
//! changed.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::framework::markdown::to_plain_text;

/// What a piece of a word-level diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    /// In both.
    Same,
    /// Only in the newer or higher text.
    Added,
    /// Only in the older or lower text.
    Removed,
}

/// A run of words of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffPart {
    /// Same, added or removed.
    pub kind: DiffKind,
    /// The words, with the spaces between them.
    pub text: String,
}

/// The word-level diff of two texts (plain text of their markdown).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let (old, new) = (to_plain_text(old), to_plain_text(new));
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    group_changes(parts)
}

/// Joins changes separated only by spaces into one removed run and one added run, so
/// that "for a code" → "a teammate to" reads as two phrases, not word against word.
fn group_changes(parts: Vec<DiffPart>) -> Vec<DiffPart> {
    let mut out: Vec<DiffPart> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let mut pending_space = String::new();
    let flush = |out: &mut Vec<DiffPart>, removed: &mut String, added: &mut String| {
        for (kind, text) in [(DiffKind::Removed, removed), (DiffKind::Added, added)] {
            if !text.is_empty() {
                out.push(DiffPart {
                    kind,
                    text: std::mem::take(text),
                });
            }
        }
    };
    let mut iter = parts.into_iter().peekable();
    while let Some(part) = iter.next() {
        match part.kind {
            DiffKind::Same => {
                let in_change = !removed.is_empty() || !added.is_empty();
                let next_is_change = iter.peek().is_some_and(|p| p.kind != DiffKind::Same);
                if in_change && next_is_change && part.text.trim().is_empty() {
                    pending_space.push_str(&part.text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                pending_space.clear();
                out.push(part);
            }
            DiffKind::Removed | DiffKind::Added => {
                let target = if part.kind == DiffKind::Removed {
                    &mut removed
                } else {
                    &mut added
                };
                if !target.is_empty() {
                    target.push_str(&pending_space);
                }
                target.push_str(&part.text);
                if part.kind == DiffKind::Added && !pending_space.is_empty() && removed.is_empty() {
                    pending_space.clear();
                }
            }
        }
        if !pending_space.is_empty() && removed.is_empty() && added.is_empty() {
            pending_space.clear();
        }
    }
    flush(&mut out, &mut removed, &mut added);
    tidy_spaces(out)
}

/// Trims the spaces of changed runs into the unchanged text around them, and writes
/// each space inside a run once.
fn tidy_spaces(mut parts: Vec<DiffPart>) -> Vec<DiffPart> {
    for i in 0..parts.len() {
        if parts[i].kind == DiffKind::Same {
            continue;
        }
        let text = std::mem::take(&mut parts[i].text);
        let (leading, trailing) = (
            text.starts_with(char::is_whitespace),
            text.ends_with(char::is_whitespace),
        );
        parts[i].text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if leading
            && i > 0
            && parts[i - 1].kind == DiffKind::Same
            && !parts[i - 1].text.ends_with(char::is_whitespace)
        {
            parts[i - 1].text.push(' ');
        }
        if trailing {
            if let Some(next) = parts[i + 1..].iter_mut().find(|p| p.kind == DiffKind::Same) {
                if !next.text.starts_with(char::is_whitespace) {
                    next.text.insert(0, ' ');
                }
            }
        }
    }
    parts.retain(|p| !p.text.is_empty());
    parts
}

/// Whether a diff changed most of the words: then the two texts read better whole, one
/// after the other, than interleaved.
pub fn mostly_rewritten(parts: &[DiffPart]) -> bool {
    let length = |kind: DiffKind| -> usize {
        parts
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.text.trim().len())
            .sum()
    };
    let same = length(DiffKind::Same);
    same * 5 < (same + length(DiffKind::Added)) * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs_keep_the_words_in_order() {
        let d = word_diff(
            "Plans a feature of two weeks.",
            "Plans a project of two months.",
        );
        let text = |k: DiffKind| -> String {
            d.iter()
                .filter(|p| p.kind == k)
                .map(|p| p.text.clone())
                .collect()
        };
        assert!(text(DiffKind::Removed).contains("feature"));
        assert!(text(DiffKind::Added).contains("project"));
        assert!(text(DiffKind::Same).starts_with("Plans a "));
        let all_new: String = d
            .iter()
            .filter(|p| p.kind != DiffKind::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(all_new, "Plans a project of two months.");
    }

    #[test]
    fn changes_separated_by_spaces_read_as_phrases() {
        let d = word_diff(
            "Writes tests and asks for a code review before merging.",
            "Writes tests and asks a teammate to review it before merging.",
        );
        let kinds: Vec<(DiffKind, &str)> = d.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (DiffKind::Same, "Writes tests and asks "),
                (DiffKind::Removed, "for a code"),
                (DiffKind::Added, "a teammate to"),
                (DiffKind::Same, " review "),
                (DiffKind::Added, "it"),
                (DiffKind::Same, " before merging."),
            ]
        );
    }
}
