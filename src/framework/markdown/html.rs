//! Rendering markdown to HTML that is safe to show in a webview, as a block or inline
//! (without the surrounding `<p>`), and with the glossary terms of a [`TermMarker`]
//! wrapped in `span.term` elements in the sense that fits where the text is shown.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parser;
use super::safe::{safe_events, SANITIZER};
use super::terms::{TermContext, TermMarker};

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

#[cfg(test)]
mod tests {
    use super::*;

    const ANYWHERE: TermContext<'static> = TermContext {
        track: "",
        craft: "",
        competency: None,
    };

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
