//! The `markdown` target: rendering one text, as a block and inline, gives the same HTML
//! every time, and that HTML holds only the tags markdown makes, no event handler, no
//! style and no link other than http(s), mailto or an anchor in the page.

use super::{ensure, Checked};
use crate::framework::markdown::{inline_to_html, to_html};

/// The tags the renderer may write: what pulldown-cmark makes with the options Rung
/// turns on, and the `span` that marks a glossary term.
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The attributes a tag may carry.
const ATTRIBUTES: &[&str] = &[
    "href",
    "title",
    "rel",
    "class",
    "start",
    "data-term",
    "align",
];

/// Renders the input (as UTF-8, invalid bytes replaced) both ways, twice each.
pub(super) fn check(data: &[u8]) -> Checked {
    let text = String::from_utf8_lossy(data);
    for (name, render) in [
        ("to_html", to_html as fn(&str) -> String),
        ("inline_to_html", inline_to_html),
    ] {
        let html = render(&text);
        ensure(render(&text) == html, || {
            format!("{name} gave two different renderings of {text:?}")
        })?;
        safe(&html).map_err(|e| format!("{name}: {e} in {html:?} (from {text:?})"))?;
    }
    Ok(())
}

/// Checks every tag of `html`: a name in [`TAGS`], attributes in [`ATTRIBUTES`], links
/// only to http(s), mailto or `#anchor`. Text is escaped, so every `<` opens a tag.
fn safe(html: &str) -> Checked {
    let lower = html.to_ascii_lowercase();
    // Text is escaped, so this is only ever a tag; plain text may say `javascript:`.
    ensure(!lower.contains("<script"), || "`<script` found".to_owned())?;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after
            .find('>')
            .ok_or_else(|| "a `<` that opens no tag".to_owned())?;
        tag(&after[..close])?;
        rest = &after[close + 1..];
    }
    Ok(())
}

/// Checks one tag, the text between `<` and `>`.
fn tag(inner: &str) -> Checked {
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
    let name_end = inner
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    ensure(TAGS.contains(&name), || {
        format!("tag `<{name}>` is not allowed")
    })?;
    let mut attributes = inner[name_end..].trim_start();
    while !attributes.is_empty() {
        let (attribute, value, rest) = attribute(attributes)
            .ok_or_else(|| format!("an attribute of `<{name}>` cannot be read: {attributes:?}"))?;
        ensure(ATTRIBUTES.contains(&attribute), || {
            format!("attribute `{attribute}` on `<{name}>` is not allowed")
        })?;
        if attribute == "href" {
            let href = value.replace("&amp;", "&").to_ascii_lowercase();
            ensure(
                href.starts_with("http://")
                    || href.starts_with("https://")
                    || href.starts_with("mailto:")
                    || (href.starts_with('#') && href.len() > 1),
                || format!("link to `{value}`"),
            )?;
        }
        attributes = rest.trim_start();
    }
    Ok(())
}

/// Reads `name="value"` (ammonia writes every value in double quotes, with `"` escaped)
/// or a bare `name`, and returns the name, the value and what follows.
fn attribute(text: &str) -> Option<(&str, &str, &str)> {
    let name_end = text
        .find(|c: char| c == '=' || c.is_ascii_whitespace())
        .unwrap_or(text.len());
    let (name, rest) = text.split_at(name_end);
    match rest.strip_prefix("=\"") {
        Some(quoted) => {
            let end = quoted.find('"')?;
            Some((name, &quoted[..end], &quoted[end + 1..]))
        }
        None if rest.starts_with('=') => None,
        None => Some((name, "", rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_markdown_passes_and_unsafe_html_does_not() {
        let text = "# T\n\n**b** [x](https://e.org \"t\") <script>alert(1)</script> [y](#z)\n\n| a |\n|:-:|\n| b |\n\n1. one\n\n---";
        assert_eq!(check(text.as_bytes()), Ok(()));
        assert!(safe("<p><img src=\"x\"></p>").is_err_and(|e| e == "tag `<img>` is not allowed"));
        assert!(safe("<a href=\"javascript:x\">").is_err());
        assert!(
            safe("<a href=\"data:text/html,x\">").is_err_and(|e| e == "link to `data:text/html,x`")
        );
        assert!(safe("<p onclick=\"x\">")
            .is_err_and(|e| e == "attribute `onclick` on `<p>` is not allowed"));
        assert!(safe("<p style=\"x\">").is_err());
        assert_eq!(
            safe("<a href=\"https://e.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\">x</a>"),
            Ok(())
        );
    }
}
