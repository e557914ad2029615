//! The structure of a body: the markdown before its first `##` heading, then each `##`
//! section with its notes and its top-level list items (read as expectations, evidence,
//! questions, …), each item with its nested items and its byte range in the file, so
//! that diagnostics point at the line; and where raw HTML sits.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::parser;

/// A body split at its `##` headings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Body {
    /// Markdown before the first `##` heading, trimmed.
    pub intro: String,
    /// The `##` sections, in order.
    pub sections: Vec<Section>,
    /// Byte ranges (in the file) of raw HTML.
    pub raw_html: Vec<Range<usize>>,
}

/// One `## Heading` and what follows it up to the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading's text, without markup.
    pub heading: String,
    /// Byte range of the heading line in the file.
    pub heading_range: Range<usize>,
    /// The section's markdown, trimmed.
    pub content: String,
    /// Top-level list items.
    pub items: Vec<Item>,
    /// Paragraphs and other blocks outside lists.
    pub notes: Vec<String>,
}

/// A top-level list item: its own text and the items nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// The item's own markdown, without its marker or nested lists.
    pub text: String,
    /// Byte range of the item in the file.
    pub range: Range<usize>,
    /// The nested items, as markdown.
    pub children: Vec<String>,
}

/// Splits a body that starts at byte `offset` of its file.
pub(crate) fn body(text: &str, offset: usize) -> Body {
    let mut out = Body::default();
    let mut depth_list = 0usize;
    let mut in_heading: Option<(usize, String)> = None;
    let mut item_start: Option<usize> = None;
    let mut nested: Vec<Range<usize>> = Vec::new();
    let mut first_section_at = text.len();
    let mut block_depth = 0usize;
    let mut content_start: Option<usize> = None;

    for (event, range) in parser(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) if depth_list == 0 && block_depth == 0 => {
                in_heading = Some((range.start, String::new()));
                if out.sections.is_empty() {
                    first_section_at = range.start;
                }
                finish_section_content(text, &mut out, content_start.take(), range.start);
                out.sections.push(Section {
                    heading: String::new(),
                    heading_range: offset + range.start..offset + range.end,
                    content: String::new(),
                    items: Vec::new(),
                    notes: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if in_heading.is_some() => {
                if let (Some((_, heading)), Some(section)) =
                    (in_heading.take(), out.sections.last_mut())
                {
                    section.heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
                    content_start = Some(range.end);
                }
            }
            Event::Text(t) | Event::Code(t) if in_heading.is_some() => {
                if let Some((_, heading)) = in_heading.as_mut() {
                    heading.push_str(&t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                out.raw_html.push(offset + range.start..offset + range.end);
            }
            Event::Start(Tag::List(_)) => depth_list += 1,
            Event::End(TagEnd::List(_)) => depth_list = depth_list.saturating_sub(1),
            Event::Start(Tag::Item) if depth_list == 1 => {
                item_start = Some(range.start);
                nested.clear();
            }
            Event::Start(Tag::Item) if depth_list == 2 => nested.push(range.clone()),
            Event::End(TagEnd::Item) if depth_list == 1 => {
                let start = item_start.take().unwrap_or(range.start);
                let item = make_item(text, start..range.end, &nested, offset);
                if let Some(section) = out.sections.last_mut() {
                    section.items.push(item);
                }
            }
            Event::Start(
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::Table(_) | Tag::CodeBlock(_),
            ) if depth_list == 0 => {
                if block_depth == 0 {
                    if let Some(section) = out.sections.last_mut() {
                        section.notes.push(text[range.clone()].trim().to_owned());
                    }
                }
                block_depth += 1;
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::CodeBlock,
            ) if depth_list == 0 => block_depth = block_depth.saturating_sub(1),
            _ => {}
        }
    }
    finish_section_content(text, &mut out, content_start, text.len());
    out.intro = text[..first_section_at].trim().to_owned();
    out
}

/// Sets the text of the last section, from the end of its heading to `end`.
fn finish_section_content(text: &str, out: &mut Body, start: Option<usize>, end: usize) {
    if let (Some(section), Some(start)) = (out.sections.last_mut(), start) {
        section.content = text.get(start..end).unwrap_or("").trim().to_owned();
    }
}

fn make_item(text: &str, range: Range<usize>, nested: &[Range<usize>], offset: usize) -> Item {
    let mut own = String::new();
    let mut cursor = range.start;
    for child in nested {
        if child.start >= cursor && child.end <= range.end {
            own.push_str(&text[cursor..child.start]);
            cursor = child.end;
        }
    }
    own.push_str(&text[cursor..range.end]);
    Item {
        text: join_lines(strip_marker(&own)),
        range: offset + range.start..offset + range.end,
        children: nested
            .iter()
            .map(|r| join_lines(strip_marker(&text[r.clone()])))
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// Removes a list marker (`-`, `*`, `+`, `1.`, `1)`) from the start of an item.
fn strip_marker(item: &str) -> &str {
    let trimmed = item.trim_start();
    let rest = if let Some(rest) = trimmed.strip_prefix(['-', '*', '+']) {
        rest
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        match trimmed[digits..].strip_prefix(['.', ')']) {
            Some(rest) if digits > 0 => rest,
            _ => trimmed,
        }
    };
    rest.trim_start()
}

/// Joins the lines of an item's text, trimming the indentation of continuation lines.
fn join_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_items_examples_and_notes() {
        let text = "Intro.\n\n## Delivery\n\n- Ships *small* changes.\n  - Example one.\n  - Example\n    two.\n- Second\n  line.\n\nA note.\n\n## Craft\n\n1. Numbered.\n";
        let b = body(text, 10);
        assert_eq!(b.intro, "Intro.");
        assert_eq!(b.sections.len(), 2);
        let s = &b.sections[0];
        assert_eq!(s.heading, "Delivery");
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[0].text, "Ships *small* changes.");
        assert_eq!(s.items[0].children, ["Example one.", "Example\ntwo."]);
        assert_eq!(
            s.items[0].range.start,
            10 + text.find("- Ships").unwrap_or(0)
        );
        assert_eq!(s.items[1].text, "Second\nline.");
        assert_eq!(s.notes, ["A note."]);
        assert!(s.content.starts_with("- Ships"));
        assert_eq!(b.sections[1].items[0].text, "Numbered.");
    }

    #[test]
    fn headings_inside_lists_or_of_other_levels_do_not_start_sections() {
        let b = body("# Title\n\n### Sub\n\n## Real\n- a\n", 0);
        assert_eq!(b.sections.len(), 1);
        assert_eq!(b.sections[0].heading, "Real");
    }

    #[test]
    fn raw_html_positions_are_recorded() {
        let b = body("## A\n- x <b>y</b>\n", 100);
        assert_eq!(b.raw_html.len(), 2);
        assert_eq!(b.raw_html[0].start, 100 + 9);
    }
}
