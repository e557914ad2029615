//! One structured file as a tree of values, each with the line and column it starts at.
//! YAML and JSON are both read by the YAML parser (JSON is YAML), after checks that give
//! their own clear report lines: bytes that are not UTF-8, JSON that is not valid, a tab
//! that indents a YAML line.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::super::{Origin, Outcome, ReportLine, Source};

/// A value of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// `null`, `~` or nothing.
    Null,
    /// A string, number or boolean, as text.
    Scalar(String),
    /// A list.
    List(Vec<Spanned<Node>>),
    /// A map, keys in source order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
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

/// A file read: its text (for finding the lines of a text's parts) and its tree.
pub(super) struct File {
    pub path: String,
    pub text: String,
    pub root: Spanned<Node>,
}

impl File {
    /// Where a location of this file is.
    pub(super) fn origin(&self, at: &Location) -> Origin {
        origin(&self.path, at)
    }

    /// The stem of the file's name, lowercase (`levels` for `data/levels.yml`).
    pub(super) fn stem(&self) -> String {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        let stem = name.split_once('.').map_or(name, |(s, _)| s);
        stem.to_ascii_lowercase()
    }
}

pub(super) fn origin(path: &str, at: &Location) -> Origin {
    Origin {
        path: path.to_owned(),
        line: usize::try_from(at.line()).unwrap_or(usize::MAX).max(1),
        column: usize::try_from(at.column()).unwrap_or(usize::MAX).max(1),
    }
}

fn not_mapped(path: &str, line: usize, column: usize, why: String) -> ReportLine {
    ReportLine {
        at: Origin {
            path: path.to_owned(),
            line,
            column,
        },
        what: "the file".to_owned(),
        outcome: Outcome::NotMapped { why },
    }
}

/// The line and column (1-based, in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads one file, or says why it cannot.
pub(super) fn parse(source: &Source) -> Result<File, ReportLine> {
    let path = source.path.as_str();
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = String::from_utf8_lossy(&source.bytes[..e.valid_up_to()]);
            let (line, column) = line_column(&good, good.len());
            return Err(not_mapped(
                path,
                line,
                column,
                "it is not UTF-8 text; save it as UTF-8 and import again".to_owned(),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(not_mapped(path, 1, 1, "it is empty".to_owned()));
    }
    let json = path.to_ascii_lowercase().ends_with(".json");
    let yaml_text = if json {
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(i) => &message[..i],
                None => &message,
            };
            let (line, column) = (e.line().max(1), e.column().max(1));
            let message = if trailing_comma(text, line, column) {
                "a comma before a closing bracket (JSON has no trailing commas)"
            } else {
                message
            };
            return Err(not_mapped(
                path,
                line,
                column,
                format!("invalid JSON: {message}"),
            ));
        }
        // In valid JSON a tab can only be space between tokens, which YAML reads as
        // indentation; a space in its place keeps every column.
        text.replace('\t', " ")
    } else {
        text.to_owned()
    };
    match serde_saphyr::from_str::<Spanned<Node>>(&yaml_text) {
        Ok(root) if root.value == Node::Null => {
            Err(not_mapped(path, 1, 1, "it is empty".to_owned()))
        }
        Ok(root) => Ok(File {
            path: path.to_owned(),
            text: text.to_owned(),
            root,
        }),
        Err(error) => Err(yaml_error(path, text, &error)),
    }
}

/// Whether the place of a JSON error is a closing bracket after a comma.
fn trailing_comma(text: &str, line: usize, column: usize) -> bool {
    let Some(row) = text.lines().nth(line - 1) else {
        return false;
    };
    let at = row.chars().count().min(column - 1);
    if !row.chars().nth(at).is_some_and(|c| c == ']' || c == '}') {
        return false;
    }
    let before: String = text
        .lines()
        .take(line - 1)
        .chain(std::iter::once(
            &row[..row.char_indices().nth(at).map_or(row.len(), |(i, _)| i)],
        ))
        .collect::<Vec<_>>()
        .join("\n");
    before.trim_end().ends_with(',')
}

fn yaml_error(path: &str, text: &str, error: &serde_saphyr::Error) -> ReportLine {
    let inner = error.without_snippet();
    let at = inner.location().or_else(|| error.location());
    let (line, column) = at.map_or((1, 1), |l| {
        let o = origin(path, &l);
        (o.line, o.column)
    });
    // A tab in a line's indentation is the usual cause; say so at the tab.
    let tab = text.lines().enumerate().take(line + 1).find_map(|(n, l)| {
        let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
        indent
            .find('\t')
            .map(|i| (n + 1, indent[..i].chars().count() + 1))
    });
    if let Some((line, column)) = tab {
        return not_mapped(
            path,
            line,
            column,
            "invalid YAML: a tab indents this line; indent with spaces".to_owned(),
        );
    }
    let message = inner.to_string();
    let message = message.lines().next().unwrap_or("").trim();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    };
    let why = if message.starts_with("duplicate mapping key") {
        let key = message
            .trim_start_matches("duplicate mapping key:")
            .split(',')
            .next()
            .unwrap_or("")
            .trim();
        format!("invalid YAML: key `{key}` appears twice in one map")
    } else if message.contains("recursion limit") {
        "it is nested too deeply to read".to_owned()
    } else {
        format!("invalid YAML: {message}")
    };
    not_mapped(path, line, column, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str, text: &[u8]) -> Result<File, String> {
        parse(&Source {
            path: path.to_owned(),
            bytes: text.to_vec(),
        })
        .map_err(|l| l.to_string())
    }

    #[test]
    fn every_value_has_its_line_and_column() {
        let file = read("a.yaml", b"levels:\n  - id: junior\n    name: Junior\n").unwrap();
        let Node::Map(entries) = &file.root.value else {
            panic!("{:?}", file.root.value)
        };
        assert_eq!(entries[0].0.value, "levels");
        let Node::List(items) = &entries[0].1.value else {
            panic!()
        };
        let Node::Map(level) = &items[0].value else {
            panic!()
        };
        assert_eq!(level[1].1.value, Node::Scalar("Junior".to_owned()));
        assert_eq!(file.origin(&level[1].1.referenced).line, 3);
        assert_eq!(file.origin(&level[1].1.referenced).column, 11);
        assert_eq!(file.origin(&level[1].0.referenced).column, 5);
    }

    #[test]
    fn json_is_read_with_positions_even_when_indented_with_tabs() {
        let file = read(
            "a.json",
            b"{\n\t\"levels\": [\n\t\t{\"id\": 3, \"x\": null}\n\t]\n}\n",
        )
        .unwrap();
        let Node::Map(entries) = &file.root.value else {
            panic!()
        };
        let Node::List(items) = &entries[0].1.value else {
            panic!()
        };
        let Node::Map(level) = &items[0].value else {
            panic!()
        };
        assert_eq!(level[0].1.value, Node::Scalar("3".to_owned()));
        assert_eq!(level[1].1.value, Node::Null);
        let at = file.origin(&level[0].0.referenced);
        assert_eq!((at.line, at.column), (3, 4));
    }

    #[test]
    fn broken_files_say_where_and_why() {
        assert_eq!(
            read("a.json", b"{\n  \"levels\": [1, 2,]\n}\n")
                .err()
                .as_deref(),
            Some("a.json:2:19: not mapped: the file: invalid JSON: a comma before a closing bracket (JSON has no trailing commas)")
        );
        assert_eq!(
            read("a.json", b"{\"a\": }").err().as_deref(),
            Some("a.json:1:7: not mapped: the file: invalid JSON: expected value")
        );
        assert_eq!(
            read("a.yaml", b"levels:\n  - id: a\n\t- id: b\n").err().as_deref(),
            Some("a.yaml:3:1: not mapped: the file: invalid YAML: a tab indents this line; indent with spaces")
        );
        assert_eq!(
            read("a.yaml", b"a: 1\nb: [\n").err().as_deref(),
            Some("a.yaml:2:4: not mapped: the file: invalid YAML: unclosed bracket '['")
        );
        assert_eq!(
            read("a.yml", b"name: caf\xe9\n").err().as_deref(),
            Some("a.yml:1:10: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again")
        );
        assert_eq!(
            read("a.yml", b"\n# nothing\n").err().as_deref(),
            Some("a.yml:1:1: not mapped: the file: it is empty")
        );
    }
}
