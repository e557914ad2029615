//! The topics of a matrix page: one track whose levels are the numbers the topics give,
//! each topic a competency, its criteria expectations and its example criteria
//! expectations with examples.

use serde_saphyr::Spanned;

use super::super::ids;
use super::super::markdown::is_cumulative;
use super::super::report::quote;
use super::super::yaml_node::Node;
use super::super::{Expectation, Imported, Located, Origin, ReportLine};
use super::node::{get, list, map, Page};
use super::{not_mapped, problem};

/// A level number: a whole number from 1, possibly written `Level 3`.
pub(super) fn level_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = match t.get(..5) {
        Some(word) if word.eq_ignore_ascii_case("level") => t[5..].trim(),
        _ => t,
    };
    t.parse::<u32>().ok().filter(|n| *n >= 1)
}

/// A level met in the topics: its number, the name the source gives it (if any) and
/// where it was first named.
struct LevelSeen {
    number: u32,
    title: Option<String>,
    origin: Origin,
}

/// Whether a content entry gives any criteria.
fn has_criteria(entry: &[(Spanned<String>, Spanned<Node>)]) -> bool {
    ["criteria", "exampleCriteria"]
        .iter()
        .any(|k| get(entry, k).is_some_and(|v| !list(v).is_empty()))
}

/// Reads the topics of a matrix page into one track; returns whether a track was made.
pub(super) fn read_topics(
    page: &Page<'_>,
    key: &Spanned<String>,
    topics: &Spanned<Node>,
    name: &Located,
    out: &mut Imported,
) -> bool {
    let Node::List(topics) = &topics.value else {
        out.problems.push(not_mapped(
            page.at(&key.referenced),
            "key \"topics\"".to_owned(),
            "it is not a list of topics, so no criteria are read",
        ));
        return false;
    };
    // The levels first, lowest first, so that the track lists them in order whatever
    // order the topics give them in.
    let mut seen: Vec<LevelSeen> = Vec::new();
    for topic in topics {
        for entry in map(topic)
            .and_then(|t| get(t, "content"))
            .map_or(&[][..], list)
        {
            let Some(entry) = map(entry) else { continue };
            let number =
                get(entry, "level").and_then(|l| Some((l.value.text().and_then(level_number)?, l)));
            let Some((number, at)) = number else { continue };
            if !has_criteria(entry) {
                continue;
            }
            let title = ["title", "name"]
                .iter()
                .find_map(|k| get(entry, k)?.value.text())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty());
            match seen.iter_mut().find(|l| l.number == number) {
                Some(l) => {
                    if l.title.is_none() {
                        l.title = title;
                    }
                }
                None => seen.push(LevelSeen {
                    number,
                    title,
                    origin: page.at(&at.referenced),
                }),
            }
        }
    }
    if seen.is_empty() {
        out.problems.push(not_mapped(
            page.at(&key.referenced),
            "key \"topics\"".to_owned(),
            "no topic gives a level with criteria, so the page has no track",
        ));
        read_criteria_of_no_level(page, topics, out);
        return false;
    }
    seen.sort_by_key(|l| l.number);
    // A second page with the same name is a track of its own, not more levels of the
    // first (whose bands its levels could collide with).
    let taken = |n: &str| {
        let id = ids::slug(n, "track");
        out.tracks.iter().any(|t| t.id == id)
    };
    let mut track_name = name.text.clone();
    if taken(&track_name) {
        let file = super::file_name(page.path);
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let renamed = ids::unique(format!("{} ({stem})", name.text), taken);
        out.problems.push(problem(
            name.origin.clone(),
            format!("track {}", quote(&name.text)),
            format!(
                "another page already gives a track of this name, so this one is called {}",
                quote(&renamed)
            ),
        ));
        track_name = renamed;
    }
    let track = out.track(&track_name, &name.origin);
    // Level number → index of the level in the track.
    let mut levels: Vec<(u32, usize)> = Vec::new();
    let lowest = seen[0].number;
    for (n, l) in seen.iter().enumerate() {
        let mut title = l
            .title
            .clone()
            .unwrap_or_else(|| format!("Level {}", l.number));
        if out.tracks[track].levels.iter().any(|x| x.title == title) {
            title = format!("{title} (level {})", l.number);
        }
        let band = lowest + u32::try_from(n).unwrap_or(0);
        let i = out.level(track, &title, &l.origin);
        out.tracks[track].levels[i].band = Some(band);
        levels.push((l.number, i));
        let what = format!("level {}", quote(&title));
        if n == 0 && l.number > 1 {
            out.problems.push(problem(
                l.origin.clone(),
                what,
                format!(
                    "the page's levels start at {}: each level keeps its number as its band, so no level of this track is on a band below it",
                    l.number
                ),
            ));
        } else if band != l.number {
            out.problems.push(problem(
                l.origin.clone(),
                what,
                format!(
                    "the page has no level {}, so this level is put on band {band}: a track may not skip a band",
                    l.number - 1
                ),
            ));
        }
    }
    for (i, topic) in topics.iter().enumerate() {
        read_topic(page, i + 1, topic, track, &levels, out);
    }
    true
}

/// Reports the criteria of a page that has no level to put them on.
fn read_criteria_of_no_level(page: &Page<'_>, topics: &[Spanned<Node>], out: &mut Imported) {
    for topic in topics {
        for entry in map(topic)
            .and_then(|t| get(t, "content"))
            .map_or(&[][..], list)
        {
            if let Some(entry) = map(entry) {
                lost_criteria(page, entry, "the page has no level to put it on", out);
            }
        }
    }
}

/// Says of every criterion and example of a content entry that it is not mapped.
fn lost_criteria(
    page: &Page<'_>,
    entry: &[(Spanned<String>, Spanned<Node>)],
    why: &str,
    out: &mut Imported,
) {
    let mut ignored = Vec::new();
    for c in get(entry, "criteria").map_or(&[][..], list) {
        if let Some(l) = page.text(c, &mut ignored) {
            out.problems.push(not_mapped(
                l.origin,
                format!("criterion {}", quote(&l.text)),
                why,
            ));
        }
    }
    for e in get(entry, "exampleCriteria").map_or(&[][..], list) {
        let Some(e) = map(e) else { continue };
        if let Some(l) = get(e, "criteria").and_then(|c| page.text(c, &mut ignored)) {
            out.problems.push(not_mapped(
                l.origin,
                format!("criterion {}", quote(&l.text)),
                why,
            ));
        }
        for x in get(e, "examples").map_or(&[][..], list) {
            if let Some(l) = page.text(x, &mut ignored) {
                out.problems.push(not_mapped(
                    l.origin,
                    format!("example {}", quote(&l.text)),
                    why,
                ));
            }
        }
    }
}

/// Reads one topic: a competency, and the criteria of each of its levels.
fn read_topic(
    page: &Page<'_>,
    place: usize,
    topic: &Spanned<Node>,
    track: usize,
    levels: &[(u32, usize)],
    out: &mut Imported,
) {
    let topic_at = page.at(&topic.referenced);
    let Some(entries) = map(topic) else {
        out.problems.push(not_mapped(
            topic_at,
            format!("topic {place}"),
            "it is not a mapping of name, title and content, so nothing in it is read",
        ));
        return;
    };
    let mut problems = Vec::new();
    let name = get(entries, "name").and_then(|n| page.text(n, &mut problems));
    let title = get(entries, "title").and_then(|n| page.text(n, &mut problems));
    let name = name.filter(|n| !n.text.is_empty());
    let title = title.filter(|n| !n.text.is_empty());
    // The id comes from the name; the competency is shown with the title when there is one.
    let (id_source, shown, origin) = match (&name, &title) {
        (Some(n), Some(t)) => (n.text.clone(), t.text.clone(), n.origin.clone()),
        (Some(n), None) => (n.text.clone(), n.text.clone(), n.origin.clone()),
        (None, Some(t)) => {
            problems.push(problem(
                topic_at.clone(),
                format!("topic {place}"),
                format!(
                    "it has no name, so it is named after its title, {}",
                    quote(&t.text)
                ),
            ));
            (t.text.clone(), t.text.clone(), t.origin.clone())
        }
        (None, None) => {
            let called = format!("Topic {place}");
            problems.push(problem(
                topic_at.clone(),
                format!("topic {place}"),
                format!(
                    "it has no name or title, so its criteria go to the competency {}",
                    quote(&called)
                ),
            ));
            (called.clone(), called, topic_at.clone())
        }
    };
    let label = quote(&id_source);
    for (key, _) in entries {
        if !["name", "title", "description", "content"].contains(&key.value.as_str()) {
            problems.push(not_mapped(
                page.at(&key.referenced),
                format!("key {} of topic {label}", quote(&key.value)),
                "not a key of a topic in this format, so nothing in it was read",
            ));
        }
    }
    out.problems.append(&mut problems);
    let content = get(entries, "content").map_or(&[][..], list);
    if !content.iter().filter_map(map).any(has_criteria) {
        out.problems.push(problem(
            topic_at,
            format!("topic {label}"),
            "it gives no level with criteria, so it is not a competency of this track",
        ));
        for entry in content.iter().filter_map(map) {
            lost_criteria(page, entry, "its topic gives no level with criteria", out);
        }
        return;
    }
    let known = out.competencies.len();
    let competency = out.competency(&id_source, &origin);
    if out.competencies.len() > known {
        if let Some(c) = out.competencies.last_mut() {
            c.name = shown;
        }
    }
    if let Some(description) = get(entries, "description") {
        let mut problems = Vec::new();
        if let Some(d) = page
            .text(description, &mut problems)
            .filter(|d| !d.text.is_empty())
        {
            out.problems.append(&mut problems);
            match out
                .competencies
                .iter_mut()
                .find(|c| c.id == competency && c.description.is_none())
            {
                Some(c) => c.description = Some(d),
                None => out.problems.push(not_mapped(
                    d.origin,
                    format!("description {}", quote(&d.text)),
                    "the competency already has a description from another page",
                )),
            }
        }
    }
    let mut numbers_met: Vec<u32> = Vec::new();
    for entry in content {
        let entry_at = page.at(&entry.referenced);
        let Some(fields) = map(entry) else {
            out.problems.push(not_mapped(
                entry_at,
                format!("an entry of topic {label}"),
                "it is not a mapping of level and criteria, so nothing in it is read",
            ));
            continue;
        };
        for (key, _) in fields {
            if !["level", "criteria", "exampleCriteria", "title", "name"]
                .contains(&key.value.as_str())
            {
                out.problems.push(not_mapped(
                    page.at(&key.referenced),
                    format!("key {} of topic {label}", quote(&key.value)),
                    "not a key of a level in this format, so nothing in it was read",
                ));
            }
        }
        let level = get(fields, "level");
        let number = level.and_then(|l| l.value.text()).and_then(level_number);
        let Some(number) = number else {
            let (at, what, why) = match level {
                None => (
                    entry_at,
                    format!("a level of topic {label}"),
                    "it has no level number, so its criteria are not read".to_owned(),
                ),
                Some(l) => {
                    let written = match &l.value {
                        Node::Scalar(t) => t.clone(),
                        _ => String::new(),
                    };
                    (
                        page.at(&l.referenced),
                        format!("level {} of topic {label}", quote(&written)),
                        "not a level number (a whole number from 1), so its criteria are not read"
                            .to_owned(),
                    )
                }
            };
            out.problems.push(not_mapped(at, what, why));
            lost_criteria(page, fields, "its level has no number", out);
            continue;
        };
        let level_at = level.map_or(entry_at.clone(), |l| page.at(&l.referenced));
        let what = format!("level {number} of topic {label}");
        if !has_criteria(fields) {
            out.problems
                .push(problem(level_at, what, "it has no criteria"));
            continue;
        }
        let Some(&(_, lv)) = levels.iter().find(|(n, _)| *n == number) else {
            continue;
        };
        if numbers_met.contains(&number) {
            let title = out.tracks[track].levels[lv].title.clone();
            out.problems.push(problem(
                level_at,
                what.clone(),
                format!(
                    "it appears twice in the topic; the criteria of both are read into {}",
                    quote(&title)
                ),
            ));
        }
        numbers_met.push(number);
        read_criteria(page, fields, (track, lv), &competency, &what, out);
    }
}

/// Reads the `criteria` and `exampleCriteria` of one level of a topic.
fn read_criteria(
    page: &Page<'_>,
    fields: &[(Spanned<String>, Spanned<Node>)],
    (track, lv): (usize, usize),
    competency: &str,
    what: &str,
    out: &mut Imported,
) {
    let mut criteria: Vec<(Located, Vec<Located>)> = Vec::new();
    let mut problems = Vec::new();
    for c in get(fields, "criteria").map_or(&[][..], list) {
        match page.text(c, &mut problems) {
            Some(l) => criteria.push((l, Vec::new())),
            None => problems.push(not_text(page, c, what)),
        }
    }
    for e in get(fields, "exampleCriteria").map_or(&[][..], list) {
        let at = page.at(&e.referenced);
        let Some(e) = map(e) else {
            problems.push(not_mapped(
                at,
                format!("an example criterion of {what}"),
                "it is not a mapping of criteria and examples, so nothing in it is read",
            ));
            continue;
        };
        for (key, _) in e {
            if !["criteria", "examples"].contains(&key.value.as_str()) {
                problems.push(not_mapped(
                    page.at(&key.referenced),
                    format!("key {} of {what}", quote(&key.value)),
                    "not a key of an example criterion in this format, so nothing in it was read",
                ));
            }
        }
        let mut examples = Vec::new();
        for x in get(e, "examples").map_or(&[][..], list) {
            match page.text(x, &mut problems) {
                Some(l) if l.text.is_empty() => {
                    problems.push(problem(
                        l.origin,
                        format!("an example of {what}"),
                        "it is empty",
                    ));
                }
                Some(l) => examples.push(l),
                None => problems.push(not_text(page, x, what)),
            }
        }
        match get(e, "criteria").and_then(|c| page.text(c, &mut problems)) {
            Some(l) if !l.text.is_empty() => criteria.push((l, examples)),
            _ => {
                for x in examples {
                    problems.push(not_mapped(
                        x.origin,
                        format!("example {}", quote(&x.text)),
                        "its entry has no criterion for it to illustrate",
                    ));
                }
            }
        }
    }
    out.problems.append(&mut problems);
    for (text, examples) in criteria {
        if text.text.is_empty() {
            out.problems.push(problem(
                text.origin,
                format!("a criterion of {what}"),
                "it is empty",
            ));
            continue;
        }
        let level = &mut out.tracks[track].levels[lv];
        if is_cumulative(&text.text) {
            out.problems.push(problem(
                text.origin.clone(),
                quote(&text.text),
                "the level builds on the one below: kept as a note of the level; its expectations are the ones it lists",
            ));
            level.notes.push(text);
            for x in examples {
                level.notes.push(x);
            }
            continue;
        }
        level.expectations.push(Expectation {
            competency: competency.to_owned(),
            text,
            examples,
        });
    }
}

fn not_text(page: &Page<'_>, node: &Spanned<Node>, what: &str) -> ReportLine {
    not_mapped(
        page.at(&node.referenced),
        format!("a criterion of {what}"),
        "it is not text (a list or a mapping), so it is not read",
    )
}
