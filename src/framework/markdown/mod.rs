//! Markdown: the one parser configuration, the structure of bodies, and safe rendering.
//!
//! Bodies are split into `##` sections whose list items are read as expectations (or
//! evidence, questions, …), each with its byte range so diagnostics point at the line.
//! Rendering never lets raw HTML through as markup, keeps only http(s), mailto and
//! in-document links, drops images, and passes the result through ammonia. Glossary terms
//! are found by a [`TermMarker`], in the sense that fits where the text is shown, and
//! wrapped in `span.term` elements that the sanitiser lets through.
//!
//! One idea per file: `sections` splits a body into sections and items, `html` renders
//! safe HTML (with glossary terms marked or not), `safe` decides what of a file may reach
//! the webview (link schemes, raw HTML, images, the sanitiser), `terms` finds glossary
//! terms, and `plain` reduces markdown to its words. The [`parser`] they all read with is
//! configured here, once.

mod html;
mod plain;
mod safe;
mod sections;
mod terms;

use pulldown_cmark::{Options, Parser};

pub use html::{inline_to_html, inline_to_html_with_terms, to_html, to_html_with_terms};
pub use plain::to_plain_text;
pub use safe::{is_allowed_link, is_external_link, MAX_EXTERNAL_LINK};
pub(crate) use sections::{body, Body, Item, Section};
pub use terms::{TermContext, TermMarker};

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
