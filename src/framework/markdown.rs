//! Markdown: the one parser configuration, the structure of bodies, and safe rendering.
//!
//! Bodies are split into `##` sections whose list items are read as expectations (or
//! evidence, questions, …), each with its byte range so diagnostics point at the line.
//! Rendering never lets raw HTML through as markup, keeps only http(s), mailto and
//! in-document links, drops images, and passes the result through ammonia. Glossary terms
//! are found by a [`TermMarker`], in the sense that fits where the text is shown, and
//! wrapped in `span.term` elements that the sanitiser lets through.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::framework::model::{Framework, TermScope};

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
/// `<span class="term" data-term="ID">`, in the sense that fits where the text is shown.
/// A term is marked once per `seen`: the caller gives each part of a page that a reader
/// sees on its own (an expectation, an example, a section) a set of its own.
pub fn to_html_with_terms(
    markdown: &str,
    terms: &TermMarker,
    at: &TermContext<'_>,
    seen: &mut HashSet<String>,
) -> String {
    let mut events = Vec::new();
    let mut in_link = 0usize;
    for event in joined_text(safe_events(parser(markdown))) {
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
                for (range, id) in terms.find(&text, at, seen) {
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

/// Joins the pieces of text the parser hands out separately (lines of a paragraph,
/// fragments around characters that could have been markup), so that a term written
/// across them is found. A line break becomes the `\n` the HTML would have had.
fn joined_text<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut pending: Option<String> = None;
    for event in events {
        match (event, pending.as_mut()) {
            (Event::Text(t), Some(p)) => p.push_str(&t),
            (Event::Text(t), None) => pending = Some(t.into_string()),
            (Event::SoftBreak, Some(p)) => p.push('\n'),
            (other, _) => {
                if let Some(text) = pending.take() {
                    out.push(Event::Text(CowStr::from(text)));
                }
                out.push(other);
            }
        }
    }
    if let Some(text) = pending {
        out.push(Event::Text(CowStr::from(text)));
    }
    out
}

/// Like [`inline_to_html`], with glossary terms marked as [`to_html_with_terms`] does.
pub fn inline_to_html_with_terms(
    markdown: &str,
    terms: &TermMarker,
    at: &TermContext<'_>,
    seen: &mut HashSet<String>,
) -> String {
    strip_paragraph(to_html_with_terms(markdown, terms, at, seen))
}

/// Where a piece of text is shown, to choose the sense of a term that has several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermContext<'a> {
    /// The track whose level page shows the text.
    pub track: &'a str,
    /// That track's craft (its `discipline`).
    pub craft: &'a str,
    /// The competency whose section holds the text, if any.
    pub competency: Option<&'a str>,
}

/// Finds glossary terms in text: whole words in any case, the longest term first, with
/// the usual English endings on its last word ("tests", "stories", "the STO's", and
/// after other words "usability testing"), and, of the senses a term has, the one whose
/// scope fits the place best.
#[derive(Debug, Clone, Default)]
pub struct TermMarker {
    /// Each entry's id and scope.
    entries: Vec<(String, TermScope)>,
    /// Every term under the first run of letters and digits it starts with, lowercase,
    /// so that only a few terms are tried at each word.
    candidates: HashMap<String, Vec<Candidate>>,
}

/// A term as the marker looks for it: the words before its last one, then any form of
/// its last word.
#[derive(Debug, Clone)]
struct Candidate {
    /// The index of the term's entry.
    entry: usize,
    /// Lowercase, up to its last word ("design system "); empty for a one-word term.
    head: String,
    /// The forms of the last word, lowercase, each with whether it may be a verb: a
    /// one-word term with `-s` reads as one before "the", "a", "their"… or a plural:
    /// "tracks the fixes", "groups observations".
    lasts: Vec<(String, bool)>,
}

/// Words that follow a verb rather than a plural noun.
const AFTER_A_VERB: &[&str] = &[
    "a", "all", "an", "any", "both", "down", "each", "every", "her", "his", "how", "it", "its",
    "my", "our", "out", "the", "their", "them", "these", "this", "those", "up", "what", "your",
];

impl TermMarker {
    /// A marker for these (term, id) pairs, each applying everywhere.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::scoped(
            terms
                .into_iter()
                .map(|(term, id)| (term, id, TermScope::default())),
        )
    }

    /// A marker for these (term, id, scope) entries.
    pub fn scoped<'a>(terms: impl IntoIterator<Item = (&'a str, &'a str, TermScope)>) -> Self {
        let mut marker = TermMarker::default();
        for (term, id, scope) in terms {
            let term = normalise(term);
            if term.is_empty() {
                continue;
            }
            let entry = marker.entries.len();
            marker.entries.push((id.to_owned(), scope));
            let (head, lasts) = forms_of(&term);
            let one_word = !term.contains([' ', '-']);
            let may_be_verb = |last: &str| {
                one_word && last != term && last.ends_with('s') && !last.ends_with("'s")
            };
            // A one-word term starts with its last word, so each form goes under its own key.
            let mut by_key: Vec<(String, Candidate)> = Vec::new();
            for last in lasts {
                let key = first_run(if head.is_empty() { &last } else { head });
                if key.is_empty() {
                    continue;
                }
                let verb = may_be_verb(&last);
                match by_key.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, c)) => c.lasts.push((last, verb)),
                    None => by_key.push((
                        key,
                        Candidate {
                            entry,
                            head: head.to_owned(),
                            lasts: vec![(last, verb)],
                        },
                    )),
                }
            }
            for (key, candidate) in by_key {
                marker.candidates.entry(key).or_default().push(candidate);
            }
        }
        marker
    }

    /// The framework's glossary, less the terms that name a step of its rating scale:
    /// in ordinary prose, "meets" or "beyond" is a word, not the rating.
    pub fn of_framework(framework: &Framework) -> Self {
        let rating_words: Vec<String> = framework
            .rating
            .iter()
            .flat_map(|r| [normalise(&r.name), normalise(&r.id.replace('-', " "))])
            .collect();
        Self::scoped(
            framework
                .glossary
                .iter()
                .filter(|t| !rating_words.contains(&normalise(&t.term)))
                .map(|t| (t.term.as_str(), t.id.as_str(), t.scope.clone())),
        )
    }

    /// The terms of `text` shown at `at`, in order, as byte ranges and ids. A term already
    /// in `seen` is passed over, with nothing inside it marked; each term found joins it.
    pub fn find(
        &self,
        text: &str,
        at: &TermContext<'_>,
        seen: &mut HashSet<String>,
    ) -> Vec<(Range<usize>, String)> {
        self.scan(text, at, Some(seen))
    }

    /// Every occurrence of every term of `text` shown at `at`.
    pub fn find_all(&self, text: &str, at: &TermContext<'_>) -> Vec<(Range<usize>, String)> {
        self.scan(text, at, None)
    }

    fn scan(
        &self,
        text: &str,
        at: &TermContext<'_>,
        mut seen: Option<&mut HashSet<String>>,
    ) -> Vec<(Range<usize>, String)> {
        let mut found = Vec::new();
        // The two characters before `i`: a term starts a word, and not the second part of
        // a compound such as "company-level".
        let mut previous: (Option<char>, Option<char>) = (None, None);
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let starts_word = c.is_alphanumeric()
                && match previous {
                    (_, Some(p)) if p.is_alphanumeric() => false,
                    (Some(p), Some('-')) => !p.is_alphanumeric(),
                    _ => true,
                };
            if starts_word {
                if let Some((end, entry)) = self.best_at(text, i, at) {
                    let id = &self.entries[entry].0;
                    let fresh = seen.as_deref_mut().is_none_or(|s| s.insert(id.clone()));
                    if fresh {
                        found.push((i..end, id.clone()));
                    }
                    let mut before = text[..end].chars().rev();
                    let last = before.next();
                    previous = (before.next(), last);
                    i = end;
                    continue;
                }
            }
            previous = (previous.1, Some(c));
            i += c.len_utf8();
        }
        found
    }

    /// The longest term starting at byte `start` of `text`, in the sense that fits `at`
    /// best: its end and its entry.
    fn best_at(&self, text: &str, start: usize, at: &TermContext<'_>) -> Option<(usize, usize)> {
        let rest = &text[start..];
        let run = rest
            .find(|c: char| !c.is_alphanumeric())
            .map_or(rest, |end| &rest[..end]);
        // Most words are written in lowercase already: look them up without a copy.
        let candidates = if run
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            self.candidates.get(run)
        } else {
            self.candidates.get(&first_run(run))
        }?;
        let mut best: Option<(usize, u8, usize)> = None;
        for candidate in candidates {
            let Some(fit) = fit(&self.entries[candidate.entry].1, at) else {
                continue;
            };
            let Some(after_head) = match_text(text, start, &candidate.head) else {
                continue;
            };
            for (last, may_be_verb) in &candidate.lasts {
                let Some(end) = match_text(text, after_head, last) else {
                    continue;
                };
                if !ends_word(text, end) || (*may_be_verb && reads_as_verb(&text[end..])) {
                    continue;
                }
                if best.is_none_or(|(e, f, _)| (end, fit) > (e, f)) {
                    best = Some((end, fit, candidate.entry));
                }
            }
        }
        best.map(|(end, _, entry)| (end, entry))
    }
}

/// How well a scope fits where text is shown: `None` when it does not apply there; the
/// more specific the scope that applies, the higher (competency, track, craft, none).
fn fit(scope: &TermScope, at: &TermContext<'_>) -> Option<u8> {
    let has = |values: &[String], value: &str| values.iter().any(|v| v == value);
    if scope.is_empty() {
        Some(0)
    } else if at.competency.is_some_and(|c| has(&scope.competencies, c)) {
        Some(3)
    } else if has(&scope.tracks, at.track) {
        Some(2)
    } else if has(&scope.crafts, at.craft) {
        Some(1)
    } else {
        None
    }
}

/// Lowercase, with runs of white space made one space.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first run of letters and digits of `text`, lowercase.
fn first_run(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where `form` (lowercase) ends when `text` has it at byte `start`: in any case, a space
/// or hyphen of the form matching a hyphen or any white space, and a typographic
/// apostrophe matching a straight one.
fn match_text(text: &str, start: usize, form: &str) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let mut wanted = form.chars();
    while let Some(f) = wanted.next() {
        let (_, c) = chars.next()?;
        if f == ' ' || f == '-' {
            if c == '-' {
                continue;
            }
            if !c.is_whitespace() {
                return None;
            }
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        let c = if c == '’' { '\'' } else { c };
        let mut lower = c.to_lowercase();
        if lower.next() != Some(f) {
            return None;
        }
        for extra in lower {
            if wanted.next() != Some(extra) {
                return None;
            }
        }
    }
    Some(chars.peek().map_or(text.len(), |(i, _)| start + i))
}

/// Whether a word ends at byte `at` of `text`, and not the first part of a compound such
/// as "roadmap-level" ("band-4" is a band).
fn ends_word(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    match rest.next() {
        None => true,
        Some('-') => rest.next().is_none_or(|c| !c.is_alphabetic()),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Whether the words after a one-word term with `-s` make it a verb: "the", "a",
/// "their" and the like, or a plural ("groups observations"), follow a verb, while a
/// plural noun is rarely followed by either.
fn reads_as_verb(after: &str) -> bool {
    let after = after.trim_start();
    let next = first_run(after);
    let plural = next.len() > 3
        && next.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| next.ends_with(end))
        && after.chars().next().is_some_and(char::is_lowercase);
    plural || AFTER_A_VERB.contains(&next.as_str())
}

/// A term (lowercase) split before its last word, and the forms that word is written in:
/// as written, in the plural or singular, possessive, and, in a term of several words,
/// with `-ing` or `-ed`.
fn forms_of(term: &str) -> (&str, Vec<String>) {
    let split = term
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(term.len(), |(i, _)| i);
    let (head, word) = term.split_at(split);
    if word.is_empty() {
        return ("", vec![term.to_owned()]);
    }
    // Alone, a word with `-ing` or `-ed` is most often another word: "tracked" is not a
    // Track, nor "programming" a Programme; after other words it rarely is.
    let verbs = head.chars().any(char::is_alphanumeric);
    let mut forms = inflections(word, verbs);
    forms.sort();
    forms.dedup();
    (head, forms)
}

/// A word's inflected forms, itself included, and `with_verbs` its `-ing` and `-ed`
/// forms. Forms that English does not have ("testes") are harmless: they never occur.
fn inflections(word: &str, with_verbs: bool) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let chars: Vec<char> = word.chars().collect();
    let [.., before, last] = chars[..] else {
        return out;
    };
    if !chars.iter().all(|c| c.is_alphabetic()) {
        return out;
    }
    let vowel = |c: char| "aeiou".contains(c);
    let stem = &word[..word.len() - last.len_utf8()];
    let mut nouns = vec![word.to_owned()];
    let mut plurals = vec![format!("{word}s"), format!("{word}es")];
    let mut verbs = vec![format!("{word}ing"), format!("{word}ed")];
    if last == 'y' && !vowel(before) {
        plurals.push(format!("{stem}ies"));
        verbs.push(format!("{stem}ied"));
    }
    if last == 'e' {
        verbs.push(format!("{stem}ing"));
        verbs.push(format!("{word}d"));
    }
    // One syllable ending in a short vowel and a consonant doubles it: plan, planning.
    let third = chars.len().checked_sub(3).map(|i| chars[i]);
    if vowel(before) && !vowel(last) && !"wxy".contains(last) && third.is_some_and(|c| !vowel(c)) {
        verbs.push(format!("{word}{last}ing"));
        verbs.push(format!("{word}{last}ed"));
    }
    // A term written in the plural also stands for one of them: metrics, metric.
    if last == 's' && chars.len() > 3 && !matches!(before, 's' | 'u' | 'i') {
        nouns.push(stem.to_owned());
        if let Some(y_stem) = word.strip_suffix("ies") {
            nouns.push(format!("{y_stem}y"));
        }
        plurals.push(word.to_owned());
    }
    for noun in &nouns {
        out.push(noun.clone());
        out.push(format!("{noun}'s"));
    }
    for plural in &plurals {
        out.push(format!("{plural}'"));
    }
    out.extend(plurals);
    if with_verbs {
        out.extend(verbs);
    }
    out
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

    const ANYWHERE: TermContext<'static> = TermContext {
        track: "",
        craft: "",
        competency: None,
    };

    /// `text` with every occurrence of its terms as `[written|id]`.
    fn marked(marker: &TermMarker, text: &str, at: &TermContext<'_>) -> String {
        let mut out = String::new();
        let mut cursor = 0;
        for (range, id) in marker.find_all(text, at) {
            out.push_str(&text[cursor..range.start]);
            out.push_str(&format!("[{}|{id}]", &text[range.clone()]));
            cursor = range.end;
        }
        out + &text[cursor..]
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
            &ANYWHERE,
            &mut seen,
        );
        assert_eq!(
            html,
            "Adds two <span class=\"term\" data-term=\"api\">APIs</span> to the <strong><span class=\"term\" data-term=\"design-system\">design system</span></strong>, then redesigns a <span class=\"term\" data-term=\"design\">design</span> and its API."
        );
        // Already seen in the same part of the page: not marked again.
        assert_eq!(
            inline_to_html_with_terms("An API.", &marker, &ANYWHERE, &mut seen),
            "An API."
        );
    }

    #[test]
    fn a_term_matches_in_its_inflected_forms() {
        let marker = TermMarker::new([
            ("Usability test", "usability-test"),
            ("User story", "user-story"),
            ("Paper prototype", "paper-prototype"),
            ("Sprint plan", "sprint-plan"),
            ("Design review", "design-review"),
            ("STO", "sto"),
            ("Metrics", "metrics"),
            ("Bug", "bug"),
            ("Box", "box"),
            ("Track", "track"),
            ("Programme", "programme"),
        ]);
        let text = "Runs usability tests, splits user stories, is paper prototyping after sprint planning, design reviewed; the STO’s goals, one metric, the STOs' tracks, bugs and boxes.";
        assert_eq!(
            marked(&marker, text, &ANYWHERE),
            "Runs [usability tests|usability-test], splits [user stories|user-story], is [paper prototyping|paper-prototype] after [sprint planning|sprint-plan], [design reviewed|design-review]; the [STO’s|sto] goals, one [metric|metrics], the [STOs'|sto] [tracks|track], [bugs|bug] and [boxes|box]."
        );
        // A single word with `-s` before "the", "a", "their"… is a verb.
        assert_eq!(
            marked(
                &marker,
                "Tracks down a bug, tracks the fixes, tracks measures, two tracks.",
                &ANYWHERE
            ),
            "Tracks down a [bug|bug], tracks the fixes, tracks measures, two [tracks|track]."
        );
        // Nor is a term the first or second part of a compound, except before a number.
        assert_eq!(
            marked(
                &marker,
                "Track-level and bug-free, off-track, track-2.",
                &ANYWHERE
            ),
            "Track-level and bug-free, off-track, [track|track]-2."
        );
        // Whole words only, and a single word with `-ing` or `-ed` is another word.
        assert_eq!(
            marked(
                &marker,
                "Stories of bugsy programmers, tracked while programming, unplanned.",
                &ANYWHERE
            ),
            "Stories of bugsy programmers, tracked while programming, unplanned."
        );
    }

    #[test]
    fn a_term_may_be_written_across_lines_and_with_a_hyphen_or_a_space() {
        let marker = TermMarker::new([
            ("Usability test", "usability-test"),
            ("One-on-one", "one-on-one"),
        ]);
        let html = to_html_with_terms(
            "Runs usability\ntests and one on one meetings.",
            &marker,
            &ANYWHERE,
            &mut HashSet::new(),
        );
        assert_eq!(
            html,
            "<p>Runs <span class=\"term\" data-term=\"usability-test\">usability\ntests</span> and <span class=\"term\" data-term=\"one-on-one\">one on one</span> meetings.</p>\n"
        );
    }

    #[test]
    fn the_longest_term_wins_over_a_term_inside_it() {
        let marker = TermMarker::new([
            ("Component", "component"),
            ("Design system", "design-system"),
            ("Design system component", "design-system-component"),
        ]);
        assert_eq!(
            marked(&marker, "Contributes design system components to the design system, one component at a time.", &ANYWHERE),
            "Contributes [design system components|design-system-component] to the [design system|design-system], one [component|component] at a time."
        );
        // Seen already: neither it nor a shorter term inside it is marked again.
        let mut seen = HashSet::from(["design-system-component".to_owned()]);
        assert!(marker
            .find("More design system components.", &ANYWHERE, &mut seen)
            .is_empty());
    }

    #[test]
    fn of_several_senses_the_one_scoped_to_the_place_is_chosen() {
        let scope = |crafts: &[&str], tracks: &[&str], competencies: &[&str]| TermScope {
            crafts: crafts.iter().map(|s| (*s).to_owned()).collect(),
            tracks: tracks.iter().map(|s| (*s).to_owned()).collect(),
            competencies: competencies.iter().map(|s| (*s).to_owned()).collect(),
        };
        let marker = TermMarker::scoped([
            ("Component", "component", TermScope::default()),
            (
                "Component",
                "component-design",
                scope(&["design"], &[], &[]),
            ),
            (
                "Component",
                "component-sto",
                scope(&["design"], &["sto"], &[]),
            ),
            (
                "Component",
                "component-craft",
                scope(&[], &[], &["design-craft"]),
            ),
            (
                "Group",
                "group",
                scope(&[], &["engineering-manager", "sto"], &[]),
            ),
            ("Interface", "interface", scope(&["engineering"], &[], &[])),
            (
                "Interface text",
                "interface-text",
                scope(&["design"], &[], &[]),
            ),
        ]);
        let designer = TermContext {
            track: "product-designer",
            craft: "design",
            competency: None,
        };
        let engineer = TermContext {
            track: "engineering",
            craft: "engineering",
            competency: None,
        };
        let manager = TermContext {
            track: "engineering-manager",
            craft: "engineering",
            competency: None,
        };
        let text = "A component, its interface text, and two groups.";
        assert_eq!(
            marked(&marker, text, &designer),
            "A [component|component-design], its [interface text|interface-text], and two groups."
        );
        assert_eq!(
            marked(&marker, text, &engineer),
            "A [component|component], its [interface|interface] text, and two groups."
        );
        assert_eq!(
            marked(&marker, text, &manager),
            "A [component|component], its [interface|interface] text, and two [groups|group]."
        );
        // A competency is more specific than a track, a track than a craft.
        let craft_section = TermContext {
            competency: Some("design-craft"),
            ..designer
        };
        assert_eq!(
            marked(&marker, "A component.", &craft_section),
            "A [component|component-craft]."
        );
        let sto = TermContext {
            track: "sto",
            craft: "design",
            competency: None,
        };
        assert_eq!(
            marked(&marker, "A component.", &sto),
            "A [component|component-sto]."
        );
    }

    #[test]
    fn a_rating_name_in_ordinary_prose_is_not_a_term() {
        let term = |term: &str| crate::framework::model::Term {
            id: crate::framework::model::term_id(term),
            term: term.to_owned(),
            definition: String::new(),
            scope: TermScope::default(),
            path: "glossary/general.md".to_owned(),
        };
        let rating = |id: &str, name: &str| crate::framework::model::Rating {
            id: id.to_owned(),
            name: name.to_owned(),
            description: String::new(),
        };
        let framework = Framework {
            rating: vec![
                rating("not-yet", "Not yet"),
                rating("meets", "Meets"),
                rating("beyond", "Beyond"),
            ],
            glossary: vec![
                term("Beyond"),
                term("Calibration"),
                term("Meets"),
                term("Not yet"),
            ],
            ..Framework::default()
        };
        let marker = TermMarker::of_framework(&framework);
        assert_eq!(
            marked(
                &marker,
                "Meets users beyond the team, not yet at calibration.",
                &ANYWHERE
            ),
            "Meets users beyond the team, not yet at [calibration|calibration]."
        );
    }

    #[test]
    fn terms_are_not_marked_inside_links_or_code() {
        let marker = TermMarker::new([("API", "api")]);
        let html = inline_to_html_with_terms(
            "[API](https://example.com) `API`",
            &marker,
            &ANYWHERE,
            &mut HashSet::new(),
        );
        assert!(!html.contains("data-term"), "{html}");
    }

    #[test]
    fn marked_text_is_still_escaped() {
        let marker = TermMarker::new([("API", "api")]);
        let html = inline_to_html_with_terms("<b>API</b>", &marker, &ANYWHERE, &mut HashSet::new());
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn inline_rendering_has_no_paragraph() {
        assert_eq!(inline_to_html("a *b*"), "a <em>b</em>");
    }
}
