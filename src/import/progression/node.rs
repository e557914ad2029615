//! The front matter of a progression page as a tree of YAML nodes, each with where it
//! is, and the page whose file, line and column those positions are turned into.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::super::markdown::strip_html;
use super::super::{Located, Origin, Outcome, ReportLine};

/// A YAML node and, inside it, where each part is.
#[derive(Debug)]
pub(super) enum Node {
    /// An empty value (`title:`).
    Null,
    /// A scalar, as text (numbers and booleans as they read).
    Text(String),
    /// A sequence.
    List(Vec<Spanned<Node>>),
    /// A mapping, in source order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Node>>()?;
                    entries.push((key, value));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Keeps the first of the entries of a map that have the same key, each other one a
/// report line, in every map of the tree; and takes control characters out of every text.
pub(super) fn drop_repeated_keys(
    page: &Page<'_>,
    node: &mut Spanned<Node>,
    problems: &mut Vec<ReportLine>,
) {
    match &mut node.value {
        Node::List(items) => {
            for item in items {
                drop_repeated_keys(page, item, problems);
            }
        }
        Node::Map(entries) => {
            let mut first: std::collections::HashMap<String, Origin> =
                std::collections::HashMap::new();
            entries.retain(|(key, _)| {
                let here = page.at(&key.referenced);
                match first.get(&key.value) {
                    Some(at) => {
                        problems.push(ReportLine {
                            what: format!("key `{}`", key.value),
                            outcome: Outcome::NotMapped {
                                why: format!(
                                    "the map already has it at line {}, column {}; the first is kept",
                                    at.line, at.column
                                ),
                            },
                            at: here,
                        });
                        false
                    }
                    None => {
                        first.insert(key.value.clone(), here);
                        true
                    }
                }
            });
            for (_, value) in entries {
                drop_repeated_keys(page, value, problems);
            }
        }
        Node::Text(text) => {
            // Control characters other than tab and line ends (a NUL an escape wrote,
            // say) no page can show.
            let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            if let Some(first) = text.chars().find(|&c| control(c)) {
                text.retain(|c| !control(c));
                problems.push(ReportLine {
                    at: page.at(&node.referenced),
                    what: "a text".to_owned(),
                    outcome: Outcome::Problem {
                        why: format!(
                            "it holds a control character (U+{:04X}) that no page can show; left out",
                            u32::from(first)
                        ),
                    },
                });
            }
        }
        Node::Null => {}
    }
}

impl Node {
    pub(super) fn text(&self) -> Option<&str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }
}

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
        Node::Text(_) | Node::Map(_) => std::slice::from_ref(node),
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
