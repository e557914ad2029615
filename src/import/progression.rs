//! The progression family: markdown pages whose YAML front matter holds a track's whole
//! matrix (topics, then levels, then criteria and example criteria), and the prose pages
//! that sit beside them.
//!
//! A matrix page is one track, named after its `sidebarTitle` (else its `title`, else the
//! file). Each topic is a competency; each `content` entry of a topic gives the criteria
//! of one numbered level, and the levels of all topics with the same number are one
//! level of the track ("Level N"), on band N. `criteria` are expectations and
//! `exampleCriteria` expectations with examples. The markdown under the front matter,
//! and every paragraph of a prose page, is kept as a note of the framework that starts
//! with the page's name. Keys that carry no framework content (the site's address,
//! menu group and the like) each get a report line saying why they are not mapped.
//!
//! The front matter is read as a tree of YAML nodes with their positions, so that a
//! malformed part (a topic without a name, a level that is not a number) is one report
//! line at its file, line and column and the rest of the page is still read.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::markdown::{is_cumulative, strip_html};
use super::report::quote;
use super::{Expectation, Imported, Located, Origin, Outcome, ReportLine, Source};
use crate::framework::front_matter::{self, SplitError};

/// Whether a markdown file's front matter holds a matrix of topics: a top-level `topics:`
/// key and, under it, `criteria:` (a page's list of topics of another kind, such as
/// tags, is not a matrix). Read from the text alone, so that a page whose YAML is broken
/// is still read by this family and its problem reported where it is.
pub(super) fn holds_matrix(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    match front_matter::split(&text) {
        Ok(split) => {
            let yaml = &text[split.yaml.0..split.yaml.1];
            yaml.lines().any(|l| l.starts_with("topics:"))
                && yaml.lines().any(|l| {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .starts_with("criteria:")
                })
        }
        Err(_) => false,
    }
}

/// Reads one page with the matrix in its front matter.
pub(super) fn read(source: &Source, out: &mut Imported) {
    read_file(source, out);
}

/// Reads one prose page of a progression folder: its paragraphs become notes of the
/// framework. (A page with topics given here is read as a matrix all the same.)
pub(super) fn read_page(source: &Source, out: &mut Imported) {
    read_file(source, out);
}

/// A YAML node and, inside it, where each part is.
#[derive(Debug)]
enum Node {
    /// An empty value (`title:`).
    Null,
    /// A scalar, as text (numbers and booleans as they read).
    Text(String),
    /// A sequence.
    List(Vec<Spanned<Node>>),
    /// A mapping, in source order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Node>>()?;
                    entries.push((key, value));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl Node {
    fn text(&self) -> Option<&str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// The value of `key` in a mapping's entries.
fn get<'n>(
    entries: &'n [(Spanned<String>, Spanned<Node>)],
    key: &str,
) -> Option<&'n Spanned<Node>> {
    entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
}

fn line(at: Origin, what: String, outcome: Outcome) -> ReportLine {
    ReportLine { at, what, outcome }
}

fn not_mapped(at: Origin, what: String, why: impl Into<String>) -> ReportLine {
    line(at, what, Outcome::NotMapped { why: why.into() })
}

fn problem(at: Origin, what: String, why: impl Into<String>) -> ReportLine {
    line(at, what, Outcome::Problem { why: why.into() })
}

/// Why a key of the page's front matter is not mapped.
fn unread_key(key: &str) -> &'static str {
    match key {
        "path" => {
            "the page's address on the site that published it; Rung names its files after their ids"
        }
        "sidebarGroup" => {
            "the menu group the site showed the page under; Rung lists tracks by career path"
        }
        "yaml" => {
            "it told the site whether the page holds a matrix; the page was read from what it holds"
        }
        "levels" => "the number of levels, which are read from the topics themselves",
        "homepage" => "whether the site listed the page on its home page",
        _ => "not a key of this format, so nothing in it was read",
    }
}

/// One page being read: its path and where its front matter starts.
struct Page<'a> {
    path: &'a str,
    /// The file's lines, to see whether a scalar is quoted.
    lines: Vec<&'a str>,
    /// The file line of the front matter's first YAML line.
    first_line: usize,
}

impl Page<'_> {
    /// Where a YAML location is in the file.
    fn at(&self, location: &Location) -> Origin {
        if location.line() == 0 {
            return self.start();
        }
        let line = self.first_line + usize::try_from(location.line()).unwrap_or(1) - 1;
        Origin {
            path: self.path.to_owned(),
            line,
            column: usize::try_from(location.column()).unwrap_or(1).max(1),
        }
    }

    fn start(&self) -> Origin {
        Origin {
            path: self.path.to_owned(),
            line: 1,
            column: 1,
        }
    }

    /// A scalar's text, its HTML tags dropped (each a report line), on one line.
    fn text(&self, node: &Spanned<Node>, problems: &mut Vec<ReportLine>) -> Option<Located> {
        let raw = node.value.text()?;
        let origin = self.at(&node.referenced);
        // Inside quotes, the text starts one column after the value.
        let quoted = self
            .lines
            .get(origin.line - 1)
            .and_then(|l| l.chars().nth(origin.column - 1))
            .is_some_and(|c| c == '"' || c == '\'');
        let column = origin.column + usize::from(quoted);
        let (text, tags) = strip_html(raw.trim(), origin.line, column, self.path);
        let text = if tags.is_empty() { text } else { tidy(&text) };
        problems.extend(tags);
        Some(Located { text, origin })
    }
}

/// Text whose HTML tags were dropped, without the space a tag left before punctuation
/// ("the <em>same</em>." reads "the same.").
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before_mark = chars
            .peek()
            .is_some_and(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')'));
        if !(c == ' ' && before_mark) {
            out.push(c);
        }
    }
    out
}

/// The file's name, without its folders.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn read_file(source: &Source, out: &mut Imported) {
    out.sources.push(source.path.clone());
    let path = source.path.as_str();
    let file_start = Origin {
        path: path.to_owned(),
        line: 1,
        column: 1,
    };
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = std::str::from_utf8(&source.bytes[..e.valid_up_to()]).unwrap_or_default();
            let line_no = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            out.problems.push(not_mapped(
                Origin {
                    path: path.to_owned(),
                    line: line_no,
                    column,
                },
                "the file".to_owned(),
                "it is not UTF-8 text; save it as UTF-8 and import again",
            ));
            return;
        }
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        out.problems
            .push(not_mapped(file_start, "the file".to_owned(), "it is empty"));
        return;
    }
    let stem = file_name(path)
        .rsplit_once('.')
        .map_or(file_name(path), |(s, _)| s)
        .to_owned();
    let (front, body_start) = match front_matter::split(text) {
        Ok(split) => (Some(split), split.body),
        Err(SplitError::Missing) => (None, 0),
        Err(SplitError::Unclosed) => {
            out.problems.push(not_mapped(
                file_start,
                "the front matter".to_owned(),
                "it is never closed (no line `---` after it), so nothing in the page is read",
            ));
            return;
        }
    };
    let first_line = front.map_or(1, |s| text[..s.yaml.0].matches('\n').count() + 1);
    let page = Page {
        path,
        lines: text.lines().collect(),
        first_line,
    };
    let mut problems = Vec::new();
    let entries = match front {
        Some(split) => parse(&page, &text[split.yaml.0..split.yaml.1], &mut problems),
        None => Vec::new(),
    };

    // The page's name: `sidebarTitle`, else `title`, else the file's.
    let named = ["sidebarTitle", "title"].iter().find_map(|key| {
        let value = get(&entries, key)?;
        let located = page.text(value, &mut problems)?;
        (!located.text.is_empty()).then_some((*key, located))
    });
    let (name, name_key) = match &named {
        Some((key, located)) => (located.clone(), Some(*key)),
        None => (
            Located {
                text: stem.clone(),
                origin: page.start(),
            },
            None,
        ),
    };
    let mut topics = None;
    for (key, value) in &entries {
        let at = page.at(&key.referenced);
        let what = format!("key {}", quote(&key.value));
        match key.value.as_str() {
            "topics" => topics = Some((key, value)),
            k if Some(k) == name_key => {}
            "title" | "sidebarTitle" => {
                if !matches!(value.value, Node::Null) {
                    problems.push(not_mapped(
                        at,
                        what,
                        "the page is named after its sidebarTitle, the shorter of its two names",
                    ));
                }
            }
            other => problems.push(not_mapped(at, what, unread_key(other))),
        }
    }
    out.problems.append(&mut problems);

    let mut kept = false;
    if let Some((key, value)) = topics {
        kept = read_topics(&page, key, value, &name, out);
    }
    let notes = body_notes(&page, text, body_start, &name.text, out);
    if !kept && notes == 0 {
        if let Some((key, located)) = named {
            out.problems.push(not_mapped(
                located.origin,
                format!("key {}", quote(key)),
                "the page has no criteria and no text to keep under its name",
            ));
        }
    }
}

/// Parses the front matter into its top-level entries; a YAML error is a report line at
/// the parser's position and gives none.
fn parse(
    page: &Page<'_>,
    yaml: &str,
    problems: &mut Vec<ReportLine>,
) -> Vec<(Spanned<String>, Spanned<Node>)> {
    if yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Vec::new();
    }
    match serde_saphyr::from_str::<Spanned<Node>>(yaml) {
        Ok(Spanned {
            value: Node::Map(entries),
            ..
        }) => entries,
        Ok(Spanned {
            value: Node::Null, ..
        }) => Vec::new(),
        Ok(other) => {
            problems.push(not_mapped(
                page.at(&other.referenced),
                "the front matter".to_owned(),
                "it is not a list of `key: value` lines, so nothing in it is read",
            ));
            Vec::new()
        }
        Err(error) => {
            let inner = error.without_snippet();
            let at = inner
                .location()
                .or_else(|| error.location())
                .map_or_else(|| page.start(), |l| page.at(&l));
            problems.push(not_mapped(
                at,
                "the front matter".to_owned(),
                format!(
                    "invalid YAML ({}), so nothing in it is read",
                    yaml_message(&inner.to_string())
                ),
            ));
            Vec::new()
        }
    }
}

/// The YAML library's message without the position it appends (the report line has it).
fn yaml_message(message: &str) -> String {
    let message = message.trim();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    };
    message
        .strip_prefix("error: ")
        .unwrap_or(message)
        .trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable")
        .trim()
        .to_owned()
}

/// A level number: a whole number from 1, possibly written `Level 3`.
fn level_number(text: &str) -> Option<u32> {
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

/// The list entries of a node that is a list, else none.
fn list(node: &Spanned<Node>) -> &[Spanned<Node>] {
    match &node.value {
        Node::List(items) => items,
        _ => &[],
    }
}

fn map(node: &Spanned<Node>) -> Option<&[(Spanned<String>, Spanned<Node>)]> {
    match &node.value {
        Node::Map(entries) => Some(entries),
        _ => None,
    }
}

/// Whether a content entry gives any criteria.
fn has_criteria(entry: &[(Spanned<String>, Spanned<Node>)]) -> bool {
    ["criteria", "exampleCriteria"]
        .iter()
        .any(|k| get(entry, k).is_some_and(|v| !list(v).is_empty()))
}

/// Reads the topics of a matrix page into one track; returns whether a track was made.
fn read_topics(
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
    let track = out.track(&name.text, &name.origin);
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
                        Node::Text(t) => t.clone(),
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

/// Keeps each paragraph of the markdown under the front matter as a note of the
/// framework, starting with the page's name; returns how many.
fn body_notes(page: &Page<'_>, text: &str, start: usize, name: &str, out: &mut Imported) -> usize {
    let first_line = text[..start].matches('\n').count() + 1;
    let mut paragraphs: Vec<Located> = Vec::new();
    let mut current: Option<Located> = None;
    let mut fenced = false;
    for (i, raw) in text[start..].lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = raw.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        // A thematic break (`---`, `***`) separates paragraphs and is no text.
        let rule = trimmed.len() >= 3
            && ['-', '*', '_']
                .iter()
                .any(|&m| trimmed.chars().all(|c| c == m || c == ' '));
        if (trimmed.is_empty() || rule) && !fenced {
            paragraphs.extend(current.take());
            continue;
        }
        let column = raw.chars().take_while(|c| c.is_whitespace()).count() + 1;
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        let heading =
            !fenced && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']);
        let (body, column) = if heading {
            let after = &trimmed[hashes..];
            let skip = after.chars().take_while(|c| c.is_whitespace()).count();
            (
                after.trim().trim_end_matches('#').trim_end(),
                column + hashes + skip,
            )
        } else {
            (trimmed, column)
        };
        let (body, tags) = strip_html(body, line_no, column, page.path);
        let body = if tags.is_empty() { body } else { tidy(&body) };
        out.problems.extend(tags);
        if body.is_empty() {
            continue;
        }
        if heading {
            paragraphs.extend(current.take());
            paragraphs.push(Located {
                text: body,
                origin: Origin {
                    path: page.path.to_owned(),
                    line: line_no,
                    column,
                },
            });
            continue;
        }
        match &mut current {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(&body);
            }
            None => {
                current = Some(Located {
                    text: body,
                    origin: Origin {
                        path: page.path.to_owned(),
                        line: line_no,
                        column,
                    },
                });
            }
        }
    }
    paragraphs.extend(current.take());
    let count = paragraphs.len();
    for mut p in paragraphs {
        p.text = format!("{name}: {}", p.text);
        out.notes.push(p);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(files: &[(&str, &str)]) -> Vec<String> {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        report_bytes(&files)
    }

    fn report_bytes(files: &[(&str, &[u8])]) -> Vec<String> {
        let sources: Vec<Source> = files
            .iter()
            .map(|(path, bytes)| Source {
                path: (*path).to_owned(),
                bytes: bytes.to_vec(),
            })
            .collect();
        let imported = super::super::read(&sources, "eng", &super::super::Options::default());
        super::super::write(&imported)
            .report
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const PAGE: &str = r#"---
path: "/eng/backend"
title: "Backend Engineering"
sidebarTitle: "Backend"
yaml: true
topics:
  - name: "delivery"
    title:
    content:
      - level: 1
        criteria:
          - "Finishes small <b>tasks</b>"
      - level: 2
        criteria:
          - "Everything in the level below, plus:"
          - "Plans a week of work"
        exampleCriteria:
          - criteria: "Splits a feature into tasks"
            examples:
              - "A plan in the ticket"
  - name: "craft"
    title: "Craft"
    content:
      - level: 2
        criteria:
          - Writes tests
---
### About
Our levels.
- one
"#;

    #[test]
    fn a_page_is_a_track_of_numbered_levels_with_topics_as_competencies() {
        let got = report(&[("eng/backend.md", PAGE)]);
        let expected = [
            "eng/backend.md:2:1: not mapped: key \"path\": the page's address on the site that published it; Rung names its files after their ids",
            "eng/backend.md:3:1: not mapped: key \"title\": the page is named after its sidebarTitle, the shorter of its two names",
            "eng/backend.md:4:15: mapped: track \"Backend\" → tracks/backend/track.md:3",
            "eng/backend.md:5:1: not mapped: key \"yaml\": it told the site whether the page holds a matrix; the page was read from what it holds",
            "eng/backend.md:7:11: mapped: competency \"delivery\" → competencies/delivery.md:3",
            "eng/backend.md:10:16: mapped: level \"Level 1\" → tracks/backend/level-1.md:3",
            "eng/backend.md:12:13: mapped: expectation \"Finishes small tasks\" → tracks/backend/level-1.md:12 as backend/level-1/finishes-small-tasks",
            "eng/backend.md:12:29: problem: HTML \"<b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng/backend.md:12:37: problem: HTML \"</b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng/backend.md:13:16: mapped: level \"Level 2\" → tracks/backend/level-2.md:3",
            "eng/backend.md:15:13: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists",
            "eng/backend.md:15:13: kept as a note: \"Everything in the level below, plus:\" → tracks/backend/level-2.md:10",
            "eng/backend.md:16:13: mapped: expectation \"Plans a week of work\" → tracks/backend/level-2.md:14 as backend/level-2/plans-a-week-of-work",
            "eng/backend.md:18:23: mapped: expectation \"Splits a feature into tasks\" → tracks/backend/level-2.md:15 as backend/level-2/splits-a-feature-into-tasks",
            "eng/backend.md:20:17: mapped: example \"A plan in the ticket\" → tracks/backend/level-2.md:16",
            "eng/backend.md:21:11: mapped: competency \"Craft\" → competencies/craft.md:3",
            "eng/backend.md:26:13: mapped: expectation \"Writes tests\" → tracks/backend/level-2.md:20 as backend/level-2/writes-tests",
            "eng/backend.md:28:5: kept as a note: \"Backend: About\" → framework.md:27",
            "eng/backend.md:29:1: kept as a note: \"Backend: Our levels. - one\" → framework.md:29",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    const MESSY: &str = r#"---
title: Data
levels: 3
owner: someone
topics:
  - title:
    content:
      - level: 2
        criteria:
          - Cleans a data set
      - level: two
        criteria:
          - Builds a model
        exampleCriteria:
          - criteria: Explains a model
            examples:
              - A short talk
      - level: 2
        criteria:
          - Documents a data set
      - level: 4
      - criteria:
          - Owns a pipeline
  - name: quality
    content:
      - level: 4
        criteria:
          - Reviews analyses
          - [not, text]
          - ""
        exampleCriteria:
          - examples:
              - A lonely example
---
"#;

    #[test]
    fn messy_topics_and_levels_are_report_lines_and_the_rest_is_read() {
        let got = report(&[("data.md", MESSY)]);
        let expected = [
            "data.md:2:8: mapped: track \"Data\" → tracks/data/track.md:3",
            "data.md:3:1: not mapped: key \"levels\": the number of levels, which are read from the topics themselves",
            "data.md:4:1: not mapped: key \"owner\": not a key of this format, so nothing in it was read",
            "data.md:6:5: problem: topic 1: it has no name or title, so its criteria go to the competency \"Topic 1\"",
            "data.md:6:5: mapped: competency \"Topic 1\" → competencies/topic-1.md:3",
            "data.md:8:16: problem: level \"Level 2\": the page's levels start at 2: each level keeps its number as its band, so no level of this track is on a band below it",
            "data.md:8:16: mapped: level \"Level 2\" → tracks/data/level-2.md:3",
            "data.md:10:13: mapped: expectation \"Cleans a data set\" → tracks/data/level-2.md:12 as data/level-2/cleans-a-data-set",
            "data.md:11:16: not mapped: level \"two\" of topic \"Topic 1\": not a level number (a whole number from 1), so its criteria are not read",
            "data.md:13:13: not mapped: criterion \"Builds a model\": its level has no number",
            "data.md:15:23: not mapped: criterion \"Explains a model\": its level has no number",
            "data.md:17:17: not mapped: example \"A short talk\": its level has no number",
            "data.md:18:16: problem: level 2 of topic \"Topic 1\": it appears twice in the topic; the criteria of both are read into \"Level 2\"",
            "data.md:20:13: mapped: expectation \"Documents a data set\" → tracks/data/level-2.md:13 as data/level-2/documents-a-data-set",
            "data.md:21:16: problem: level 4 of topic \"Topic 1\": it has no criteria",
            "data.md:22:9: not mapped: a level of topic \"Topic 1\": it has no level number, so its criteria are not read",
            "data.md:23:13: not mapped: criterion \"Owns a pipeline\": its level has no number",
            "data.md:24:11: mapped: competency \"quality\" → competencies/quality.md:3",
            "data.md:26:16: problem: level \"Level 4\": the page has no level 3, so this level is put on band 3: a track may not skip a band",
            "data.md:26:16: mapped: level \"Level 4\" → tracks/data/level-4.md:3",
            "data.md:28:13: mapped: expectation \"Reviews analyses\" → tracks/data/level-4.md:12 as data/level-4/reviews-analyses",
            "data.md:29:13: not mapped: a criterion of level 4 of topic \"quality\": it is not text (a list or a mapping), so it is not read",
            "data.md:30:13: problem: a criterion of level 4 of topic \"quality\": it is empty",
            "data.md:33:17: not mapped: example \"A lonely example\": its entry has no criterion for it to illustrate",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn broken_files_are_report_lines() {
        let tabs = "---\ntitle: T\ntopics:\n\t- name: a\n\t  content:\n\t    - criteria: []\n---\n";
        let got = report_bytes(&[
            ("a/empty.md", b""),
            ("a/latin.md", b"---\ntitle: caf\xe9\ntopics:\n"),
            ("a/tabs.md", tabs.as_bytes()),
            ("a/unclosed.md", b"---\ntopics:\n  - name: a\n"),
        ]);
        let expected = [
            "a/empty.md:1:1: not mapped: the file: it is empty",
            "a/latin.md:2:11: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again",
            "a/tabs.md:4:2: not mapped: the front matter: invalid YAML (tabs disallowed within this context (block indentation)), so nothing in it is read",
            "a/unclosed.md:1:1: not mapped: the front matter: it is never closed (no line `---` after it), so nothing in the page is read",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn a_prose_page_beside_a_matrix_page_is_kept_as_notes() {
        let prose = "---\npath: /why\ntitle: Why levels\nsidebarGroup:\nyaml: false\n---\n\nWe grow <i>people</i>.\n\n***\n## Principles\n\n- Care\n- Craft\n";
        let got = report(&[("f/backend.md", PAGE), ("f/why.md", prose)]);
        let got: Vec<&String> = got.iter().filter(|l| l.starts_with("f/why.md")).collect();
        let expected = [
            "f/why.md:2:1: not mapped: key \"path\": the page's address on the site that published it; Rung names its files after their ids",
            "f/why.md:4:1: not mapped: key \"sidebarGroup\": the menu group the site showed the page under; Rung lists tracks by career path",
            "f/why.md:5:1: not mapped: key \"yaml\": it told the site whether the page holds a matrix; the page was read from what it holds",
            "f/why.md:8:1: kept as a note: \"Why levels: We grow people.\" → framework.md:31",
            "f/why.md:8:9: problem: HTML \"<i>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "f/why.md:8:18: problem: HTML \"</i>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "f/why.md:11:4: kept as a note: \"Why levels: Principles\" → framework.md:33",
            "f/why.md:13:1: kept as a note: \"Why levels: - Care - Craft\" → framework.md:35",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn the_front_matter_is_detected_from_a_topics_key() {
        assert!(holds_matrix(PAGE.as_bytes()));
        assert!(holds_matrix(
            b"---\ntitle: x\ntopics:\n\t- name: a\n\t  content:\n\t    - criteria: []\n---\n"
        ));
        assert!(!holds_matrix(b"---\ntitle: x\n---\ntopics:\n  criteria:\n"));
        assert!(!holds_matrix(
            b"---\ntitle: x\ntopics: [rust, hiring]\n---\n"
        ));
        assert!(!holds_matrix(b"# Just a page\n"));
    }

    #[test]
    fn level_numbers_are_whole_numbers_from_one() {
        assert_eq!(level_number("3"), Some(3));
        assert_eq!(level_number("Level 4"), Some(4));
        assert_eq!(level_number("0"), None);
        assert_eq!(level_number("three"), None);
        assert_eq!(level_number("2.5"), None);
    }
}
