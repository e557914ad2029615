//! Reading the front matter of a progression page, a tree of YAML nodes each with where
//! it is (`super::super::yaml_node`), and the page whose file, line and column those
//! positions are turned into.

use serde_saphyr::{Location, Spanned};

use super::super::markdown::strip_html;
use super::super::yaml_node::Node;
use super::super::{Located, Origin, ReportLine};

/// The value of `key` in a mapping's entries.
pub(super) fn get<'n>(
    entries: &'n [(Spanned<String>, Spanned<Node>)],
    key: &str,
) -> Option<&'n Spanned<Node>> {
    entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
}

/// The entries of a node that is a list; a single value given where a list belongs
/// (`criteria: Ships tasks`) is a list of one, so that it is read, not lost.
pub(super) fn list(node: &Spanned<Node>) -> &[Spanned<Node>] {
    match &node.value {
        Node::List(items) => items,
        Node::Null => &[],
        Node::Scalar(_) | Node::Map(_) => std::slice::from_ref(node),
    }
}

/// The entries of a node that is a mapping.
pub(super) fn map(node: &Spanned<Node>) -> Option<&[(Spanned<String>, Spanned<Node>)]> {
    match &node.value {
        Node::Map(entries) => Some(entries),
        _ => None,
    }
}

/// One page being read: its path and where its front matter starts.
pub(super) struct Page<'a> {
    pub(super) path: &'a str,
    /// The file's lines, to see whether a scalar is quoted.
    pub(super) lines: Vec<&'a str>,
    /// The file line of the front matter's first YAML line.
    pub(super) first_line: usize,
    /// The front matter's YAML, which the parser's byte offsets are of.
    pub(super) yaml: &'a str,
}

impl Page<'_> {
    /// Where a YAML location is in the file.
    pub(super) fn at(&self, location: &Location) -> Origin {
        if location.line() == 0 {
            return self.start();
        }
        let (line, column) = crate::framework::yaml_place::place(self.yaml, location);
        Origin {
            path: self.path.to_owned(),
            line: self.first_line + line - 1,
            column,
        }
    }

    pub(super) fn start(&self) -> Origin {
        Origin {
            path: self.path.to_owned(),
            line: 1,
            column: 1,
        }
    }

    /// A scalar's text, its HTML tags dropped (each a report line), on one line.
    pub(super) fn text(
        &self,
        node: &Spanned<Node>,
        problems: &mut Vec<ReportLine>,
    ) -> Option<Located> {
        let raw = node.value.text()?;
        let origin = self.at(&node.referenced);
        // Inside quotes, the text starts one column after the value.
        // By the parser's byte offset, so that a long line is not counted through for each
        // of its values; by line and column when there is none.
        let first = match node.referenced.span().byte_offset() {
            Some(at) => usize::try_from(at)
                .ok()
                .and_then(|at| self.yaml.as_bytes().get(at))
                .map(|&b| char::from(b)),
            None => self
                .lines
                .get(origin.line - 1)
                .and_then(|l| l.chars().nth(origin.column - 1)),
        };
        let quoted = first.is_some_and(|c| c == '"' || c == '\'');
        let column = origin.column + usize::from(quoted);
        let (text, tags) = strip_html(raw.trim(), origin.line, column, self.path);
        let text = if tags.is_empty() { text } else { tidy(&text) };
        problems.extend(tags);
        Some(Located { text, origin })
    }
}

/// Text whose HTML tags were dropped, without the space a tag left before punctuation
/// ("the <em>same</em>." reads "the same.").
pub(super) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before_mark = chars
            .peek()
            .is_some_and(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')'));
        if !(c == ' ' && before_mark) {
            out.push(c);
        }
    }
    out
}
