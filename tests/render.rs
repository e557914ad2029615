//! Rendering is safe whatever a ladder file contains: raw HTML never becomes markup, only
//! http(s), mailto and anchor links survive, and images are never loaded.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use rung::framework::markdown::{inline_to_html, to_html};

/// Checks every tag of `html`: no dangerous element, no event handler, no dangerous URL.
/// Text that merely shows such markup, escaped, is fine.
fn assert_inert(html: &str) {
    for tag in html
        .split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
    {
        let tag = tag.to_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(
            ![
                "script", "iframe", "svg", "img", "object", "embed", "style", "form", "input",
                "math", "base", "meta", "link"
            ]
            .contains(&name.as_str()),
            "rendered HTML has a <{name}> element: {html}"
        );
        for attribute in tag.split_whitespace().skip(1) {
            assert!(
                !attribute.starts_with("on"),
                "event handler `{attribute}` in: {html}"
            );
        }
        for scheme in ["javascript:", "file:", "data:", "vbscript:"] {
            assert!(!tag.contains(scheme), "`{scheme}` in a tag: {html}");
        }
    }
}

#[test]
fn script_tags_are_shown_as_text() {
    let html = to_html("Hello <script>alert(1)</script> there");
    assert_inert(&html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn html_blocks_are_shown_as_text() {
    let html = to_html("<div onclick=\"steal()\">\n<script>alert(1)</script>\n</div>\n");
    assert_inert(&html);
    assert!(html.contains("&lt;div"), "{html}");
}

#[test]
fn img_onerror_is_shown_as_text() {
    let html = to_html("<img src=x onerror=alert(1)>");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;img"), "{html}");
}

#[test]
fn iframes_are_shown_as_text() {
    let html = to_html("<iframe src=\"https://example.com\"></iframe>");
    assert!(!html.contains("<iframe"), "{html}");
}

#[test]
fn svg_tricks_are_shown_as_text() {
    for input in [
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ] {
        let html = to_html(input);
        assert!(
            !html.contains("<svg") && !html.contains("<img") && !html.contains("<math"),
            "{html}"
        );
    }
}

#[test]
fn dangerous_link_targets_lose_the_link_but_keep_the_text() {
    for target in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox",
        "other-file.md",
        "//evil.example.com",
    ] {
        let html = to_html(&format!("[click me]({target})"));
        assert_inert(&html);
        assert!(!html.contains("<a"), "{target} kept a link: {html}");
        assert!(html.contains("click me"), "{html}");
    }
    let html = to_html("<javascript:alert(1)>");
    assert!(!html.contains("<a"), "{html}");
}

#[test]
fn reference_links_are_filtered_too() {
    let html = to_html("[x][evil]\n\n[evil]: javascript:alert(1)");
    assert!(!html.contains("<a"), "{html}");
}

#[test]
fn web_mail_and_anchor_links_are_kept() {
    let html = to_html("[site](https://example.com) [mail](mailto:a@example.com) [up](#delivery) [old](http://example.com)");
    assert!(
        html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">site</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"href="mailto:a@example.com""#), "{html}");
    assert!(html.contains(r##"href="#delivery""##), "{html}");
    assert!(html.contains(r#"href="http://example.com""#), "{html}");
}

#[test]
fn images_are_replaced_by_their_description() {
    let html = to_html("![a chart of results](https://example.com/track.png)");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("a chart of results"), "{html}");
}

#[test]
fn html_inside_code_spans_and_blocks_stays_escaped_code() {
    let html = to_html("Use `<script>` carefully.\n\n```\n<iframe src=x></iframe>\n```\n");
    assert!(html.contains("<code>&lt;script&gt;</code>"), "{html}");
    assert!(
        html.contains("&lt;iframe src=x&gt;&lt;/iframe&gt;"),
        "{html}"
    );
    assert_inert(&html);
}

#[test]
fn link_titles_and_attributes_cannot_smuggle_markup() {
    let html = to_html("[x](https://example.com \"\\\" onmouseover=\\\"alert(1)\")");
    assert!(!html.contains("onmouseover=\"alert"), "{html}");
}

#[test]
fn inline_rendering_is_safe_too() {
    let html = inline_to_html("Ships <b onclick=x>bold</b> [x](javascript:y)");
    assert_inert(&html);
    assert!(!html.contains("<b "), "{html}");
}

#[test]
fn ordinary_markdown_renders() {
    let html = to_html("## Heading\n\n- **bold** and *em*\n- ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n");
    insta::assert_snapshot!(html);
}

#[test]
fn a_bundled_level_renders_to_stable_html() {
    let f = rung::load_bundled().framework;
    let track = f.track("product-designer").expect("track");
    let level = track.level("d3").expect("level");
    let mut html = String::new();
    for section in &level.sections {
        html.push_str(&format!("<h2>{}</h2>\n<ul>\n", section.competency));
        for e in &section.expectations {
            html.push_str(&format!(
                "<li id=\"{}\">{}</li>\n",
                e.id,
                inline_to_html(&e.text)
            ));
        }
        html.push_str("</ul>\n");
    }
    assert_inert(&html);
    insta::assert_snapshot!(html);
}
