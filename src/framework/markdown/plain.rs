//! Markdown reduced to its words, for terminals, search and derived IDs; a line with
//! nothing markdown would read as markup is its own plain text, without a parse.

use pulldown_cmark::{Event, TagEnd};

use super::parser;

/// Markdown reduced to its words, for terminals, search and derived IDs.
pub fn to_plain_text(markdown: &str) -> String {
    if is_plain_line(markdown) {
        // Most lines have their words one space apart already.
        if !markdown.ends_with(' ')
            && !markdown.contains("  ")
            && markdown.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
        {
            return markdown.to_owned();
        }
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
            "Form\u{c}feed and vertical\u{b}tab",
            "Two  spaces",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let bundled = crate::load_bundled().framework;
        for t in &bundled.tracks {
            for l in t.levels.iter() {
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
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("Ships **small** `code` [links](https://x.example)\nnow."),
            "Ships small code links now."
        );
    }
}
