//! The order of a track's levels when the source gives none: the long form of a table
//! (its rows may be sorted by anything), a folder of a file per level (sorted by name),
//! or structured files without a list of levels. Levels are then put in order by the
//! numbers in their titles (`L1`, `Level 10`, `E3`, `IC2`, `Senior 2`, `Engineer III`),
//! compared as numbers; else by the seniority words in them (intern … fellow, and
//! manager … VP); else they stay as first met. Every track so ordered gets a report line
//! saying how, so that the maintainer can check it, unless the titles agree with the
//! order the levels were met in.
//!
//! File names are compared the same way ([`natural`]): `level-2` before `level-10`.

use std::cmp::Ordering;

use super::report::quote;
use super::{Imported, Outcome, ReportLine};

/// Compares two names with their runs of digits as numbers: `level-2` < `level-10`.
pub(crate) fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.is_empty(), b.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let da = a.bytes().take_while(u8::is_ascii_digit).count();
        let db = b.bytes().take_while(u8::is_ascii_digit).count();
        let ord = if da > 0 && db > 0 {
            let (na, nb) = (
                a[..da].trim_start_matches('0'),
                b[..db].trim_start_matches('0'),
            );
            na.len()
                .cmp(&nb.len())
                .then_with(|| na.cmp(nb))
                .then_with(|| da.cmp(&db))
        } else {
            let ca = a.chars().next().unwrap_or_default();
            let cb = b.chars().next().unwrap_or_default();
            ca.cmp(&cb)
        };
        if ord != Ordering::Equal {
            return ord;
        }
        let (sa, sb) = if da > 0 && db > 0 {
            (da, db)
        } else {
            (
                a.chars().next().map_or(1, char::len_utf8),
                b.chars().next().map_or(1, char::len_utf8),
            )
        };
        a = &a[sa..];
        b = &b[sb..];
    }
}

/// Seniority words of an individual contributor's path, lowest first.
const WORDS: &[&[&str]] = &[
    &["intern", "internship", "trainee"],
    &["apprentice"],
    &["graduate", "grad", "entry"],
    &["junior", "jr"],
    &["associate"],
    &["mid", "intermediate", "middle"],
    &["senior", "sr"],
    &["staff"],
    &["lead"],
    &["principal"],
    &["distinguished"],
    &["fellow"],
];

/// Words of a manager's path, lowest first; above every word of [`WORDS`].
const MANAGER_WORDS: &[&[&str]] = &[
    &["manager", "management", "em"],
    &["director"],
    &["head"],
    &["vp", "vice"],
];

/// The first number in a title: digits, or a roman numeral written as a word (`II`).
fn number(title: &str) -> Option<u64> {
    let digits: String = title
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    words(title)
        .iter()
        .rev()
        .find_map(|w| ROMAN.iter().position(|r| r == w))
        .and_then(|i| u64::try_from(i + 1).ok())
}

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The rank of a title's seniority words, when it has one: a manager's words above an
/// individual contributor's, and `senior` raising the word it comes with (`Senior Staff`
/// above `Staff`, `Senior Manager` above `Manager`).
fn rank(title: &str) -> Option<u32> {
    let words = words(title);
    let find = |list: &[&[&str]]| {
        list.iter()
            .enumerate()
            .filter(|(_, names)| words.iter().any(|w| names.contains(&w.as_str())))
            .map(|(i, _)| i)
            .max()
    };
    let senior = words.iter().any(|w| w == "senior" || w == "sr");
    if let Some(m) = find(MANAGER_WORDS) {
        let m = u32::try_from(m).ok()?;
        return Some(1000 + m * 10 + u32::from(senior));
    }
    let i = u32::try_from(find(WORDS)?).ok()?;
    let raised = senior && WORDS[i as usize][0] != "senior";
    Some(i * 10 + u32::from(raised))
}

/// How a track's levels were put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Numbers,
    Words,
    AsMet,
}

/// The order of `titles` (indexes into it) when the source gives none, and how it was
/// decided.
fn decide(titles: &[&str]) -> (Vec<usize>, How) {
    let mut order: Vec<usize> = (0..titles.len()).collect();
    let numbers: Vec<Option<u64>> = titles.iter().map(|t| number(t)).collect();
    let ranks: Vec<Option<u32>> = titles.iter().map(|t| rank(t)).collect();
    let mut distinct: Vec<u64> = numbers.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() == titles.len() {
        order.sort_by_key(|&i| numbers[i]);
        return (order, How::Numbers);
    }
    if ranks.iter().all(Option::is_some) {
        order.sort_by_key(|&i| (ranks[i], numbers[i]));
        return (order, How::Words);
    }
    (order, How::AsMet)
}

/// Puts in order the levels of every track whose source gives no order, with a report
/// line for each saying how, unless their titles agree with the order they were met in. A track whose levels each come from a file of their own
/// is taken as giving no order (the files were read in the order of their names).
pub(crate) fn apply(imported: &mut Imported) {
    for track in &mut imported.tracks {
        let levels = &track.levels;
        if levels.len() < 2 || levels.iter().any(|l| l.band.is_some()) {
            continue;
        }
        let mut paths: Vec<&str> = levels.iter().map(|l| l.origin.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        let a_file_each = paths.len() == levels.len();
        // Files named with numbers (`1-associate.md`, `level-10.md`) were read in the
        // order of their numbers: that is the source's order.
        let mut numbers: Vec<Option<u64>> = paths
            .iter()
            .map(|p| number(p.rsplit(['/', '\\']).next().unwrap_or(p)))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let numbered = numbers.len() == paths.len() && numbers.iter().all(Option::is_some);
        if track.order_given && (!a_file_each || numbered) {
            continue;
        }
        let titles: Vec<&str> = levels.iter().map(|l| l.title.as_str()).collect();
        let (order, how) = decide(&titles);
        // Titles that agree with the order the levels were met in leave nothing to check.
        if how != How::AsMet && order.iter().enumerate().all(|(i, &o)| i == o) {
            continue;
        }
        let mut old: Vec<Option<super::Level>> = std::mem::take(&mut track.levels)
            .into_iter()
            .map(Some)
            .collect();
        track.levels = order.iter().filter_map(|&i| old[i].take()).collect();
        let listed: Vec<String> = track
            .levels
            .iter()
            .take(12)
            .map(|l| quote(&l.title))
            .collect();
        let more = if track.levels.len() > 12 { ", …" } else { "" };
        let listed = format!("{}{more}", listed.join(", "));
        let source = if a_file_each {
            "each level is a file of its own, so the source gives no order"
        } else {
            "the source gives no order"
        };
        let why = match how {
            How::Numbers => format!("{source}: ordered by the numbers in their titles, lowest first: {listed}; check it"),
            How::Words => format!("{source}: ordered by the seniority words in their titles, lowest first: {listed}; check it"),
            How::AsMet => format!("{source}, and their titles have no numbers or seniority words to order them by: kept as first met: {listed}; put them in order by hand if that is wrong"),
        };
        imported.problems.push(ReportLine {
            at: track.origin.clone(),
            what: format!("the order of the levels of track {}", quote(&track.name)),
            outcome: Outcome::Problem { why },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(titles: &[&str]) -> (Vec<String>, How) {
        let (order, how) = decide(titles);
        (order.iter().map(|&i| titles[i].to_owned()).collect(), how)
    }

    #[test]
    fn names_compare_their_numbers_as_numbers() {
        let mut names = vec![
            "eng/level-10.md",
            "eng/level-2.md",
            "eng/level-1.md",
            "eng/level-11.md",
            "eng/level-9.md",
            "eng/level-3.md",
            "eng/a.md",
        ];
        names.sort_by(|a, b| natural(a, b));
        assert_eq!(
            names,
            [
                "eng/a.md",
                "eng/level-1.md",
                "eng/level-2.md",
                "eng/level-3.md",
                "eng/level-9.md",
                "eng/level-10.md",
                "eng/level-11.md"
            ]
        );
        assert_eq!(natural("x02", "x2"), Ordering::Greater);
        assert_eq!(natural("é1", "é1"), Ordering::Equal);
    }

    #[test]
    fn levels_are_ordered_by_their_numbers_else_their_words_else_as_met() {
        assert_eq!(
            ordered(&["L3", "L1", "Level 10", "L2"]),
            (
                vec!["L1".into(), "L2".into(), "L3".into(), "Level 10".into()],
                How::Numbers
            )
        );
        assert_eq!(
            ordered(&["IC2", "E3 Staff", "Engineer I"]).0,
            ["Engineer I", "IC2", "E3 Staff"]
        );
        assert_eq!(
            ordered(&[
                "Senior",
                "Junior",
                "Principal",
                "Senior Staff",
                "Staff",
                "Mid-level"
            ]),
            (
                vec![
                    "Junior".into(),
                    "Mid-level".into(),
                    "Senior".into(),
                    "Staff".into(),
                    "Senior Staff".into(),
                    "Principal".into()
                ],
                How::Words
            )
        );
        assert_eq!(
            ordered(&[
                "Director",
                "Senior Manager",
                "VP",
                "Manager",
                "Head of Design"
            ])
            .0,
            [
                "Manager",
                "Senior Manager",
                "Director",
                "Head of Design",
                "VP"
            ]
        );
        assert_eq!(
            ordered(&["Senior 2", "Senior 1", "Junior 1"]).0,
            ["Junior 1", "Senior 1", "Senior 2"]
        );
        assert_eq!(
            ordered(&["Builder", "Gardener", "Junior"]),
            (
                vec!["Builder".into(), "Gardener".into(), "Junior".into()],
                How::AsMet
            )
        );
    }
}
