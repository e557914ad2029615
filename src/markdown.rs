//! Markdown: the one parser configuration, the structure of bodies, and safe rendering.
//!
//! Bodies are split into `##` sections whose list items are read as expectations (or
//! evidence, questions, …), each with its byte range so diagnostics point at the line.
//! Rendering never lets raw HTML through as markup, keeps only http(s), mailto and
//! in-document links, drops images, and passes the result through ammonia.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The parser with Rung's options, stated once: tables, strikethrough and task lists;
/// no heading attributes (so `{#id}` stays text that Rung reads itself), no footnotes,
/// no math, no smart punctuation.
pub fn parser(text: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(text, options)
}

/// Whether a link target may stay a link: web, mail, or an anchor in the same document.
pub fn is_allowed_link(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || (lower.starts_with('#') && lower.len() > 1)
}

/// Renders markdown to HTML that is safe to show in a webview.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, safe_events(parser(markdown)));
    SANITIZER.clean(&html).to_string()
}

/// Renders markdown like [`to_html`], wrapping glossary terms in
/// `<span class="term" data-term="ID">`. Each term is marked once: `seen` carries the
/// terms already marked on the same page.
pub fn to_html_with_terms(
    markdown: &str,
    terms: &TermMarker,
    seen: &mut HashSet<String>,
) -> String {
    let mut events = Vec::new();
    let mut in_link = 0usize;
    for event in safe_events(parser(markdown)) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(event);
            }
            Event::Text(text) if in_link == 0 => {
                let mut cursor = 0;
                for (range, id) in terms.find(&text, seen) {
                    if range.start > cursor {
                        events.push(Event::Text(CowStr::from(
                            text[cursor..range.start].to_owned(),
                        )));
                    }
                    events.push(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"term\" data-term=\"{id}\">"
                    ))));
                    events.push(Event::Text(CowStr::from(text[range.clone()].to_owned())));
                    events.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
                    cursor = range.end;
                }
                if cursor == 0 {
                    events.push(Event::Text(text));
                } else if cursor < text.len() {
                    events.push(Event::Text(CowStr::from(text[cursor..].to_owned())));
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SANITIZER.clean(&html).to_string()
}

/// Like [`inline_to_html`], with glossary terms marked.
pub fn inline_to_html_with_terms(
    markdown: &str,
    terms: &TermMarker,
    seen: &mut HashSet<String>,
) -> String {
    strip_paragraph(to_html_with_terms(markdown, terms, seen))
}

/// Finds glossary terms in text: whole words, any case, a plural `s` allowed.
#[derive(Debug, Clone, Default)]
pub struct TermMarker {
    /// (term, id), longest term first so that "design system" wins over "design".
    terms: Vec<(String, String)>,
}

impl TermMarker {
    /// A marker for these (term, id) pairs.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut terms: Vec<(String, String)> = terms
            .into_iter()
            .filter(|(t, _)| !t.trim().is_empty())
            .map(|(t, id)| (t.trim().to_owned(), id.to_owned()))
            .collect();
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        TermMarker { terms }
    }

    /// The ranges of terms in `text` not yet in `seen`, which records them.
    pub fn find(&self, text: &str, seen: &mut HashSet<String>) -> Vec<(Range<usize>, String)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let at_word_start = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let current = text[i..].chars().next().map_or(1, char::len_utf8);
            if at_word_start {
                if let Some((end, id)) = self.match_at(text, i, seen) {
                    seen.insert(id.clone());
                    found.push((i..end, id));
                    i = end;
                    continue;
                }
            }
            i += current;
        }
        found
    }

    fn match_at(
        &self,
        text: &str,
        start: usize,
        seen: &HashSet<String>,
    ) -> Option<(usize, String)> {
        for (term, id) in &self.terms {
            if seen.contains(id) {
                continue;
            }
            let Some(candidate) = text.get(start..start + term.len()) else {
                continue;
            };
            if !candidate.to_lowercase().eq(&term.to_lowercase()) {
                continue;
            }
            let mut end = start + term.len();
            for suffix in ["es", "s"] {
                if text
                    .get(end..end + suffix.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
                    && ends_word(text, end + suffix.len())
                {
                    end += suffix.len();
                    break;
                }
            }
            if ends_word(text, end) {
                return Some((end, id.clone()));
            }
        }
        None
    }
}

fn ends_word(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Renders a short, single-paragraph piece of markdown (an expectation) without the
/// surrounding `<p>`.
pub fn inline_to_html(markdown: &str) -> String {
    strip_paragraph(to_html(markdown))
}

fn strip_paragraph(html: String) -> String {
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// Markdown reduced to its words, for terminals, search and derived IDs.
pub fn to_plain_text(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return markdown.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    slow_plain_text(markdown)
}

/// Whether `text` is one line of prose with nothing markdown would read as markup, so
/// that its plain text is itself (most expectations are).
fn is_plain_line(text: &str) -> bool {
    let starts_plain = text
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit() && !"-+*#>=|".contains(c));
    starts_plain
        && !text.bytes().any(|b| {
            matches!(
                b,
                b'\n'
                    | b'\r'
                    | b'\t'
                    | b'*'
                    | b'_'
                    | b'`'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'&'
                    | b'\\'
                    | b'#'
                    | b'|'
                    | b'~'
            )
        })
}

fn slow_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in parser(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut links: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_allowed_link(&dest_url);
            links.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::TaskListMarker(done) => Some(Event::Text(CowStr::Borrowed(if done {
            "☑ "
        } else {
            "☐ "
        }))),
        other => Some(other),
    })
}

struct AnchorsOnly;

impl ammonia::UrlRelativeEvaluate<'static> for AnchorsOnly {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        (url.starts_with('#') && url.len() > 1).then_some(Cow::Borrowed(url))
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(AnchorsOnly)))
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"])
        .add_tag_attributes("span", ["data-term"])
        .add_allowed_classes("span", ["term"]);
    builder
});

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
    fn the_plain_line_shortcut_gives_what_the_parser_gives() {
        let mut texts: Vec<String> = [
            "Ships small changes every week.",
            "Owns on-call: reviews (and fixes) alerts, 24/7 — with care.",
            "Uses “quotes” and 'single ones', 100% of the time?",
            "Costs $5 ^ 2 = {25}!",
            "Ends with two spaces  ",
            "Café, naïve, 東京.",
            "a!b: c; d/e",
            "www.example.com and https://example.com are not links here",
            "Trailing hash #",
            "x\u{a0}y",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let bundled = crate::load_bundled().framework;
        for t in &bundled.tracks {
            for l in &t.levels {
                texts.push(l.summary.clone());
                for s in &l.sections {
                    for e in &s.expectations {
                        texts.push(e.text.clone());
                        texts.extend(e.examples.iter().cloned());
                    }
                }
            }
        }
        let mut shortcut = 0;
        for text in &texts {
            if is_plain_line(text) {
                shortcut += 1;
                assert_eq!(to_plain_text(text), slow_plain_text(text), "{text:?}");
            }
        }
        assert!(shortcut > texts.len() / 2, "{shortcut} of {}", texts.len());
        for markup in [
            "*a*",
            "1. a",
            "- a",
            "# a",
            "a\nb",
            "a `b`",
            "[a](b)",
            "a &amp; b",
            "> a",
        ] {
            assert!(!is_plain_line(markup), "{markup}");
        }
    }

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

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("Ships **small** `code` [links](https://x.example)\nnow."),
            "Ships small code links now."
        );
    }

    #[test]
    fn links_are_filtered_by_scheme() {
        assert!(is_allowed_link("https://example.com"));
        assert!(is_allowed_link("HTTP://example.com"));
        assert!(is_allowed_link("mailto:a@example.com"));
        assert!(is_allowed_link("#delivery"));
        assert!(!is_allowed_link("#"));
        assert!(!is_allowed_link("javascript:alert(1)"));
        assert!(!is_allowed_link("file:///etc/passwd"));
        assert!(!is_allowed_link("data:text/html,<script>"));
        assert!(!is_allowed_link("other.md"));
        assert!(!is_allowed_link("//example.com"));
    }

    #[test]
    fn glossary_terms_are_marked_once_as_whole_words() {
        let marker = TermMarker::new([
            ("design system", "design-system"),
            ("design", "design"),
            ("API", "api"),
        ]);
        let mut seen = HashSet::new();
        let html = inline_to_html_with_terms(
            "Adds two APIs to the **design system**, then redesigns a design and its API.",
            &marker,
            &mut seen,
        );
        assert_eq!(
            html,
            "Adds two <span class=\"term\" data-term=\"api\">APIs</span> to the <strong><span class=\"term\" data-term=\"design-system\">design system</span></strong>, then redesigns a <span class=\"term\" data-term=\"design\">design</span> and its API."
        );
        // Already seen on this page: not marked again.
        assert_eq!(
            inline_to_html_with_terms("An API.", &marker, &mut seen),
            "An API."
        );
    }

    #[test]
    fn terms_are_not_marked_inside_links_or_code() {
        let marker = TermMarker::new([("API", "api")]);
        let html = inline_to_html_with_terms(
            "[API](https://example.com) `API`",
            &marker,
            &mut HashSet::new(),
        );
        assert!(!html.contains("data-term"), "{html}");
    }

    #[test]
    fn marked_text_is_still_escaped() {
        let marker = TermMarker::new([("API", "api")]);
        let html = inline_to_html_with_terms("<b>API</b>", &marker, &mut HashSet::new());
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn inline_rendering_has_no_paragraph() {
        assert_eq!(inline_to_html("a *b*"), "a <em>b</em>");
    }
}
