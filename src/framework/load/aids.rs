//! Judging aids in competency files: a `## Band 3` section (or `## d3` for one level)
//! with `### Not yet`, `### Meets`, `### Beyond` and `### Anchors` lists. Each block is
//! read on its own with its file, then resolved against the framework's bands and levels,
//! and the `no-judging-aids` lint asks each craft competency for aids on every band where
//! one of its individual contributor tracks has a level.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::markdown;
use crate::framework::model::{CareerPath, Framework, JudgingAids};
use crate::framework::source::SourceFile;
use crate::framework::suggest;

/// What a block of judging aids is for, as its heading says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `## Band 3` (a label may follow a colon: `## Band 3: Established`).
    Band(u32),
    /// `## d3` or `## product-designer/d3`.
    Level {
        track: Option<String>,
        level: String,
    },
}

/// One block of judging aids as read from its file, before it is checked against the
/// framework's bands and levels.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub target: Target,
    /// The heading's byte range in the file.
    pub heading: Range<usize>,
    pub aids: JudgingAids,
}

/// The parts of a block, as their `###` headings name them.
const PARTS: [&str; 4] = ["Not yet", "Meets", "Beyond", "Anchors"];

/// What a `##` heading of a competency file names, when it names judging aids.
pub(crate) fn target(heading: &str) -> Option<Target> {
    let heading = heading.trim();
    if let Some(rest) = heading
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("band"))
        .and_then(|_| heading.get(4..))
        .filter(|rest| rest.starts_with(char::is_whitespace))
    {
        let rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let tail = rest[digits..].trim_start();
        if digits > 0 && (tail.is_empty() || tail.starts_with(':')) {
            return rest[..digits].parse().ok().map(Target::Band);
        }
        return None;
    }
    let (track, level) = match heading.split_once('/') {
        Some((t, l)) => (Some(t), l),
        None => (None, heading),
    };
    // The form of an id (as `files` checks it), and a level's has a digit: `d3`.
    let is_id = |id: &str| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !is_id(level)
        || !level.bytes().any(|b| b.is_ascii_digit())
        || track.is_some_and(|t| !is_id(t))
    {
        return None;
    }
    Some(Target::Level {
        track: track.map(str::to_owned),
        level: level.to_owned(),
    })
}

/// Reads the block under `## heading` (bytes `heading_range.end..end` of `file`).
pub(crate) fn read(
    file: &SourceFile,
    target: Target,
    heading: &str,
    heading_range: Range<usize>,
    end: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Block {
    let start = heading_range.end.min(end);
    let text = file.text.get(start..end).unwrap_or("");
    let at = |range: &Range<usize>, code: Code, message: String| {
        Diagnostic::at(code, file, start + range.start, range.len(), message)
    };
    let mut parts: Vec<(String, Range<usize>, Vec<String>)> = Vec::new();
    let mut loose: Option<Range<usize>> = None;
    let mut in_heading: Option<(Range<usize>, String)> = None;
    let mut depth = 0usize;
    let mut item_start: Option<usize> = None;
    let mut nested: Vec<Range<usize>> = Vec::new();
    for (event, range) in markdown::parser(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) if depth == 0 => in_heading = Some((range, String::new())),
            Event::End(TagEnd::Heading(HeadingLevel::H3)) => {
                if let Some((range, name)) = in_heading.take() {
                    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    parts.push((name, range, Vec::new()));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, name)) = in_heading.as_mut() {
                    name.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if depth == 1 => {
                item_start = Some(range.start);
                nested.clear();
            }
            Event::Start(Tag::Item) if depth == 2 => nested.push(range),
            Event::End(TagEnd::Item) if depth == 1 => {
                let from = item_start.take().unwrap_or(range.start);
                let item = own_text(text, from..range.end, &nested);
                match parts.last_mut() {
                    Some((_, _, items)) => items.push(item),
                    None => {
                        loose.get_or_insert(from..range.end);
                    }
                }
            }
            _ => {}
        }
    }

    let mut aids = JudgingAids::default();
    if let Some(range) = &loose {
        diagnostics.push(
            at(
                range,
                Code::UnknownSection,
                format!("these items under `{heading}` are under no part"),
            )
            .with_help(format!(
                "put them under one of {}",
                PARTS
                    .iter()
                    .map(|p| format!("`### {p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }
    let mut seen: Vec<usize> = Vec::new();
    for (name, range, items) in parts {
        let Some(index) = PARTS.iter().position(|p| p.eq_ignore_ascii_case(&name)) else {
            let hint = suggest::hint(&name, PARTS);
            diagnostics.push(
                at(
                    &range,
                    Code::UnknownSection,
                    format!("judging aids have no part `{name}`{hint}"),
                )
                .with_help(format!(
                    "the parts of judging aids are {}",
                    suggest::list(PARTS)
                )),
            );
            continue;
        };
        if seen.contains(&index) {
            diagnostics.push(
                at(
                    &range,
                    Code::DuplicateSection,
                    format!("a second `{}` under `{heading}`", PARTS[index]),
                )
                .with_help("merge the two lists"),
            );
            continue;
        }
        seen.push(index);
        if items.is_empty() {
            diagnostics.push(
                at(
                    &range,
                    Code::EmptySection,
                    format!("`{}` under `{heading}` lists nothing", PARTS[index]),
                )
                .with_help("list what a reviewer can see as `- …` items, or remove the part"),
            );
            continue;
        }
        let list = match index {
            0 => &mut aids.not_yet,
            1 => &mut aids.meets,
            2 => &mut aids.beyond,
            _ => &mut aids.anchors,
        };
        *list = items;
    }
    if seen.is_empty() && loose.is_none() {
        diagnostics.push(
            Diagnostic::at(
                Code::EmptySection,
                file,
                heading_range.start,
                heading_range.len(),
                format!("the judging aids `{heading}` list nothing"),
            )
            .with_help(format!(
                "add {} lists of what a reviewer can see, or remove the section",
                suggest::list(PARTS)
            )),
        );
    }
    if let Target::Band(band) = target {
        aids.band = band;
    }
    Block {
        target,
        heading: heading_range,
        aids,
    }
}

/// An item's own markdown: without its marker, nested lists or indentation.
fn own_text(text: &str, range: Range<usize>, nested: &[Range<usize>]) -> String {
    let mut own = String::new();
    let mut cursor = range.start;
    for child in nested {
        if child.start >= cursor && child.end <= range.end {
            own.push_str(text.get(cursor..child.start).unwrap_or(""));
            cursor = child.end;
        }
    }
    own.push_str(text.get(cursor..range.end).unwrap_or(""));
    let trimmed = own.trim_start();
    let rest = trimmed
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            trimmed[digits..]
                .strip_prefix(['.', ')'])
                .filter(|_| digits > 0)
        })
        .unwrap_or(trimmed);
    rest.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The blocks of one competency file, waiting for the framework's bands and levels.
pub(crate) struct Pending {
    /// The competency's index in the framework.
    pub competency: usize,
    /// Its source file's index.
    pub file: usize,
    /// Where its `id` is (offset and length), for the lint about it as a whole.
    pub id_at: (usize, usize),
    pub blocks: Vec<Block>,
}

/// Checks each block against the framework's bands and levels, gives each competency its
/// aids, and warns where a craft competency has none for a band its tracks need.
pub(crate) fn resolve(
    framework: &mut Framework,
    has_meta: bool,
    pending: Vec<Pending>,
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let bands: Vec<u32> = framework.bands.iter().map(|b| b.number).collect();
    for p in pending {
        let file = &sources[p.file];
        let Some(competency) = framework.competencies.get(p.competency) else {
            continue;
        };
        let mut aids: Vec<JudgingAids> = Vec::new();
        let mut levels: Vec<JudgingAids> = Vec::new();
        for block in p.blocks {
            let range = block.heading.clone();
            let heading_at = |code: Code, message: String| {
                Diagnostic::at(code, file, range.start, range.len(), message)
            };
            let duplicate = |what: String| {
                heading_at(Code::DuplicateSection, what).with_help("merge the two sections")
            };
            match &block.target {
                Target::Band(band) => {
                    if has_meta && !bands.contains(band) {
                        let list: Vec<String> = bands.iter().map(u32::to_string).collect();
                        diagnostics.push(
                            heading_at(
                                Code::UnknownBand,
                                format!("band {band} is not defined in `framework.md`"),
                            )
                            .with_help(format!("the bands are {}", list.join(", "))),
                        );
                        continue;
                    }
                    if aids.iter().any(|a| a.band == *band) {
                        diagnostics.push(duplicate(format!(
                            "a second section of judging aids for band {band}"
                        )));
                        continue;
                    }
                    aids.push(block.aids);
                }
                Target::Level { track, level } => {
                    let found: Vec<(&str, u32)> = framework
                        .tracks
                        .iter()
                        .filter(|t| competency.applies_to(&t.id))
                        .filter(|t| track.as_ref().is_none_or(|id| *id == t.id))
                        .filter_map(|t| t.level(level).map(|l| (t.id.as_str(), l.band)))
                        .collect();
                    let (track_id, band) = match found.as_slice() {
                        [one] => *one,
                        [] => {
                            let names: Vec<String> = framework
                                .tracks
                                .iter()
                                .filter(|t| competency.applies_to(&t.id))
                                .flat_map(|t| t.levels.iter().map(|l| l.id.clone()))
                                .collect();
                            let hint = suggest::hint(
                                level,
                                names
                                    .iter()
                                    .map(String::as_str)
                                    .chain(["Evidence", "Questions"]),
                            );
                            let whose = match track {
                                Some(t) => format!("track `{t}`"),
                                None => "no track of this competency".to_owned(),
                            };
                            let message = match track {
                                Some(_) => format!("{whose} has no level `{level}`{hint}"),
                                None => format!("{whose} has a level `{level}`{hint}"),
                            };
                            diagnostics.push(
                                heading_at(Code::UnknownLevel, message)
                                    .with_help(
                                        "name a level of one of the competency's tracks, as `## LEVEL` or `## TRACK/LEVEL`, or a band, as `## Band N`",
                                    ),
                            );
                            continue;
                        }
                        several => {
                            let tracks: Vec<&str> = several.iter().map(|(t, _)| *t).collect();
                            diagnostics.push(
                                heading_at(
                                    Code::UnknownLevel,
                                    format!(
                                        "`{level}` is a level of {}: say which",
                                        suggest::list(tracks.iter().copied())
                                    ),
                                )
                                .with_help(format!("write `## {}/{level}`", tracks[0])),
                            );
                            continue;
                        }
                    };
                    let key = (track_id.to_owned(), level.clone());
                    if levels.iter().any(|a| a.level.as_ref() == Some(&key)) {
                        diagnostics.push(duplicate(format!(
                            "a second section of judging aids for `{track_id}/{level}`"
                        )));
                        continue;
                    }
                    let mut a = block.aids;
                    a.band = band;
                    a.level = Some(key);
                    levels.push(a);
                }
            }
        }
        aids.extend(levels);
        let missing = missing_bands(framework, p.competency, &aids, &bands, has_meta);
        if let Some(competency) = framework.competencies.get_mut(p.competency) {
            if !missing.is_empty() {
                let mut list: Vec<String> = missing
                    .iter()
                    .map(|(band, track, level)| format!("band {band} (`{track}/{level}`)"))
                    .collect();
                let last = list.pop().unwrap_or_default();
                let list = match list.is_empty() {
                    true => last,
                    false => format!("{} or {last}", list.join(", ")),
                };
                diagnostics.push(
                    Diagnostic::at(
                        Code::NoJudgingAids,
                        file,
                        p.id_at.0,
                        p.id_at.1,
                        format!(
                            "competency `{}` has no judging aids for {list}",
                            competency.id,
                        ),
                    )
                    .with_help(format!(
                        "add a `## Band {}` section with {} lists of what a reviewer can see",
                        missing[0].0,
                        suggest::list(PARTS)
                    )),
                );
            }
            competency.aids = aids;
        }
    }
}

/// The bands (with a track and level there) where a craft competency needs aids and has
/// none: every band on which one of its individual contributor tracks has a level.
fn missing_bands(
    framework: &Framework,
    competency: usize,
    aids: &[JudgingAids],
    bands: &[u32],
    has_meta: bool,
) -> Vec<(u32, String, String)> {
    let Some(competency) = framework.competencies.get(competency) else {
        return Vec::new();
    };
    if competency.tracks.is_none() || !has_meta {
        return Vec::new();
    }
    let mut out: Vec<(u32, String, String)> = Vec::new();
    for track in framework.tracks.iter().filter(|t| {
        competency.applies_to(&t.id) && t.career_path == CareerPath::IndividualContributor
    }) {
        for level in track.levels.iter() {
            let covered = aids.iter().any(|a| match &a.level {
                None => a.band == level.band,
                Some((t, l)) => *t == track.id && *l == level.id,
            });
            if !covered && bands.contains(&level.band) && !out.iter().any(|m| m.0 == level.band) {
                out.push((level.band, track.id.clone(), level.id.clone()));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_bands_and_levels() {
        assert_eq!(target("Band 3"), Some(Target::Band(3)));
        assert_eq!(target("band  4: Senior"), Some(Target::Band(4)));
        assert_eq!(target("Band three"), None);
        assert_eq!(target("Bandwidth 3"), None);
        assert_eq!(
            target("d3"),
            Some(Target::Level {
                track: None,
                level: "d3".into()
            })
        );
        assert_eq!(
            target("product-designer/d3"),
            Some(Target::Level {
                track: Some("product-designer".into()),
                level: "d3".into()
            })
        );
        assert_eq!(target("Evidence"), None);
        assert_eq!(target("evidence"), None, "a level id has a digit");
    }

    fn read_one(text: &str) -> (Block, Vec<String>) {
        let file = SourceFile::new("competencies/c.md", text);
        let at = text.find("## ").unwrap_or(0);
        let end = at + text[at..].find('\n').unwrap_or(0);
        let mut diagnostics = Vec::new();
        let block = read(
            &file,
            Target::Band(2),
            "Band 2",
            at..end,
            text.len(),
            &mut diagnostics,
        );
        (block, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_block_reads_its_four_parts() {
        let (block, problems) = read_one(
            "## Band 2\n\n### Not yet\n\n- Asks *often*.\n  - nested\n\n### meets\n\n- One\n  two.\n- Three.\n\n### Beyond\n- Four.\n\n### Anchors\n1. Five.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(block.aids.band, 2);
        assert_eq!(block.aids.not_yet, ["Asks *often*."]);
        assert_eq!(block.aids.meets, ["One\ntwo.", "Three."]);
        assert_eq!(block.aids.beyond, ["Four."]);
        assert_eq!(block.aids.anchors, ["Five."]);
    }

    #[test]
    fn unknown_repeated_empty_and_loose_parts_are_reported() {
        let (block, problems) = read_one(
            "## Band 2\n- Loose.\n### Meet\n- a\n### Beyond\n- b\n### Beyond\n- c\n### Anchors\n",
        );
        assert_eq!(block.aids.beyond, ["b"]);
        assert_eq!(
            problems,
            [
                "competencies/c.md:2:1: warning[unknown-section]: these items under `Band 2` are under no part (put them under one of `### Not yet`, `### Meets`, `### Beyond`, `### Anchors`)",
                "competencies/c.md:3:1: warning[unknown-section]: judging aids have no part `Meet` (did you mean `Meets`?) (the parts of judging aids are `Not yet`, `Meets`, `Beyond`, `Anchors`)",
                "competencies/c.md:7:1: error[duplicate-section]: a second `Beyond` under `Band 2` (merge the two lists)",
                "competencies/c.md:9:1: error[empty-section]: `Anchors` under `Band 2` lists nothing (list what a reviewer can see as `- …` items, or remove the part)",
            ]
        );
        let (_, problems) = read_one("## Band 2\n\nJust a paragraph.\n");
        assert_eq!(
            problems,
            ["competencies/c.md:1:1: error[empty-section]: the judging aids `Band 2` list nothing (add `Not yet`, `Meets`, `Beyond`, `Anchors` lists of what a reviewer can see, or remove the section)"]
        );
    }
}

#[cfg(test)]
mod merge_tests {
    use crate::framework::model::{Competency, JudgingAids, Level};

    fn level(id: &str, band: u32) -> Level {
        Level {
            id: id.into(),
            title: String::new(),
            band,
            summary: String::new(),
            dimensions: Vec::new(),
            cumulative: None,
            intro: String::new(),
            sections: Vec::new(),
            source: String::new(),
        }
    }

    #[test]
    fn a_level_s_own_lists_replace_its_band_s_and_the_rest_come_from_the_band() {
        let band = JudgingAids {
            band: 3,
            not_yet: vec!["band not yet".into()],
            meets: vec!["band meets".into()],
            ..JudgingAids::default()
        };
        let own = JudgingAids {
            band: 3,
            level: Some(("design".into(), "d2".into())),
            meets: vec!["d2 meets".into()],
            ..JudgingAids::default()
        };
        let c = Competency {
            id: "craft".into(),
            name: "Craft".into(),
            tracks: Some(vec!["design".into()]),
            description: String::new(),
            evidence: Vec::new(),
            questions: Vec::new(),
            aids: vec![band.clone(), own],
            path: String::new(),
        };
        let d2 = c.aids_at("design", &level("d2", 3)).unwrap_or_default();
        assert_eq!(d2.not_yet, ["band not yet"]);
        assert_eq!(d2.meets, ["d2 meets"]);
        assert_eq!(d2.level, Some(("design".into(), "d2".into())));
        assert_eq!(c.aids_at("other", &level("d2", 3)), Some(band));
        assert_eq!(c.aids_at("design", &level("d3", 4)), None);
    }
}
