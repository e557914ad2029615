//! A YAML value read with where each of its parts is, for the readers of YAML sources
//! (the front matter of progression pages, structured YAML and JSON files): the tree,
//! and what every such reader does to it before reading it. Where a position is in the
//! file is each reader's own (a page's front matter starts below its first line), by
//! [`crate::framework::yaml_place`].

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::{Origin, Outcome, ReportLine};

/// A YAML value and, inside it, where each part is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// `null`, `~` or nothing (`title:`).
    Null,
    /// A string, number or boolean, as text (numbers and booleans as they read).
    Scalar(String),
    /// A list.
    List(Vec<Spanned<Node>>),
    /// A map, keys in source order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// The text of a scalar.
    pub(super) fn text(&self) -> Option<&str> {
        match self {
            Node::Scalar(t) => Some(t),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
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
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Scalar(v))
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

/// The parser's options for a reader of these trees: a key given twice in a map is
/// passed on, so that [`drop_repeated_keys`] keeps the first and says where the other is.
pub(super) fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
    }
}

/// Keeps the first of the entries of a map that have the same key, each other one a
/// report line, in every map of the tree; and takes control characters out of every text.
/// `at` says where a location of the tree is in the file.
pub(super) fn drop_repeated_keys(
    node: &mut Spanned<Node>,
    at: &dyn Fn(&Location) -> Origin,
    problems: &mut Vec<ReportLine>,
) {
    match &mut node.value {
        Node::List(items) => {
            for item in items {
                drop_repeated_keys(item, at, problems);
            }
        }
        Node::Map(entries) => {
            let mut first: std::collections::HashMap<String, Origin> =
                std::collections::HashMap::new();
            entries.retain(|(key, _)| {
                let here = at(&key.referenced);
                match first.get(&key.value) {
                    Some(before) => {
                        problems.push(ReportLine {
                            what: format!("key `{}`", key.value),
                            outcome: Outcome::NotMapped {
                                why: format!(
                                    "the map already has it at line {}, column {}; the first is kept",
                                    before.line, before.column
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
                drop_repeated_keys(value, at, problems);
            }
        }
        Node::Scalar(text) => {
            if let Some(line) = without_controls(text, || at(&node.referenced)) {
                problems.push(line);
            }
        }
        Node::Null => {}
    }
}

/// Takes out of a text the control characters other than tab and line ends (a NUL that
/// an escape wrote, say), which no page can show; a report line at `at` when there were.
fn without_controls(text: &mut String, at: impl FnOnce() -> Origin) -> Option<ReportLine> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let first = text.chars().find(|&c| control(c))?;
    text.retain(|c| !control(c));
    Some(ReportLine {
        at: at(),
        what: "a text".to_owned(),
        outcome: Outcome::Problem {
            why: format!(
                "it holds a control character (U+{:04X}) that no page can show; left out",
                u32::from(first)
            ),
        },
    })
}
