//! What of a file's markdown may reach the webview: raw HTML is shown as text, links
//! keep only http(s), mailto and in-document targets, images are dropped, task list
//! markers become characters, and ammonia sanitises the HTML at the end.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The longest link Rung hands to the system's browser or mail program.
pub const MAX_EXTERNAL_LINK: usize = 2048;

/// Whether a link target may stay a link: web, mail, or an anchor in the same document.
pub fn is_allowed_link(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    is_external_link(dest) || (lower.starts_with('#') && lower.len() > 1)
}

/// Whether Rung may hand `url` to the system to open: a web or e-mail link of at most
/// [`MAX_EXTERNAL_LINK`] bytes, never a file, a script or another scheme.
pub fn is_external_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    url.len() <= MAX_EXTERNAL_LINK
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"))
}

/// The parser's events with raw HTML made text, links checked by [`is_allowed_link`],
/// images dropped and task list markers written as characters.
pub(super) fn safe_events<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
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

/// Lets relative URLs through only as anchors in the same document.
struct AnchorsOnly;

impl ammonia::UrlRelativeEvaluate<'static> for AnchorsOnly {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        (url.starts_with('#') && url.len() > 1).then_some(Cow::Borrowed(url))
    }
}

/// The sanitiser every rendering ends with: http(s) and mailto links, anchors, no
/// images, and the `span.term` elements that mark glossary terms.
pub(super) static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // What the window may ask the system to open: the same schemes, no anchors.
        assert!(is_external_link("https://example.com/a"));
        assert!(is_external_link("mailto:a@example.com"));
        assert!(!is_external_link("#delivery"));
        assert!(!is_external_link("file:///etc/passwd"));
        let long = format!("https://example.com/{}", "a".repeat(MAX_EXTERNAL_LINK));
        assert!(!is_external_link(&long));
    }
}
