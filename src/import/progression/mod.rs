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
//! The front matter is read as a tree of YAML nodes with their positions (`node.rs`, over
//! the tree shared with the structured family, `super::yaml_node`), so
//! that a malformed part (a topic without a name, a level that is not a number) is one
//! report line at its file, line and column and the rest of the page is still read; the
//! topics become the track (`topics.rs`); this file reads the page, its keys and its text.

mod node;
mod topics;

use serde_saphyr::Spanned;

use super::markdown::strip_html;
use super::report::quote;
use super::yaml_node::{self, Node};
use super::{Imported, Located, Origin, Outcome, ReportLine, Source};
use crate::framework::front_matter::{self, SplitError};
use node::{get, tidy, Page};
use topics::read_topics;

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
    let yaml = front.map_or("", |s| &text[s.yaml.0..s.yaml.1]);
    let page = Page {
        path,
        lines: text.lines().collect(),
        first_line,
        yaml,
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
            "title" | "sidebarTitle" => match &value.value {
                // Empty: nothing is lost.
                Node::Null => {}
                Node::Scalar(t) if t.trim().is_empty() => {}
                Node::Scalar(_) => problems.push(not_mapped(
                    at,
                    what,
                    "the page is named after its sidebarTitle, the shorter of its two names",
                )),
                Node::List(_) | Node::Map(_) => problems.push(not_mapped(
                    at,
                    what,
                    "it is not text (a list or a mapping), so it cannot name the page",
                )),
            },
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
    // A key given twice is passed on, to keep the first and say where the other is.
    let parsed = serde_saphyr::from_str_with_options::<Spanned<Node>>(yaml, yaml_node::options())
        .map(|mut root| {
            yaml_node::drop_repeated_keys(&mut root, &|at| page.at(at), problems);
            root
        });
    match parsed {
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
    let message = message
        .strip_prefix("error: ")
        .unwrap_or(message)
        .trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable")
        .trim();
    // The library's words for its limits, in a maintainer's.
    if message.starts_with("tabs disallowed") {
        "a tab indents this line; YAML indents with spaces".to_owned()
    } else if message.starts_with("budget breached: Depth") || message.contains("recursion limit") {
        "it is nested too deeply".to_owned()
    } else if message.starts_with("budget breached") {
        "it holds more values, aliases or nesting than rung import reads".to_owned()
    } else {
        message.to_owned()
    }
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
mod tests;
