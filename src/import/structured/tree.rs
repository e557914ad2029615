//! One structured file as a tree of values, each with the line and column it starts at.
//! YAML and JSON are both read by the YAML parser (JSON is YAML), after checks that give
//! their own clear report lines: bytes that are not UTF-8, JSON that is not valid, a tab
//! that indents a YAML line. The tree is the one the progression family reads too
//! (`super::super::yaml_node`).

use serde_saphyr::{Location, Spanned};

use super::super::yaml_node::{drop_repeated_keys, options, Node};
use super::super::{Origin, Outcome, ReportLine, Source};

/// A file read: its text (for finding the lines of a text's parts), where each of its
/// lines starts, and its documents (one, or more when `---` separates them).
pub(super) struct File {
    pub path: String,
    pub text: String,
    /// The byte offset of every line's start, in order.
    pub starts: Vec<usize>,
    pub roots: Vec<Spanned<Node>>,
    /// The bytes looked at while finding texts, which a test keeps linear in the size.
    pub scanned: std::cell::Cell<usize>,
}

impl File {
    fn new(path: &str, text: &str, roots: Vec<Spanned<Node>>) -> File {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        File {
            path: path.to_owned(),
            text: text.to_owned(),
            starts,
            roots,
            scanned: std::cell::Cell::new(0),
        }
    }

    /// Where a location of this file is.
    pub(super) fn origin(&self, at: &Location) -> Origin {
        origin(&self.path, &self.text, at)
    }

    /// The byte offset of a line and column of this file.
    pub(super) fn offset(&self, at: &Origin) -> usize {
        let Some(&start) = self.starts.get(at.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line = self.text[start..].split('\n').next().unwrap_or("");
        start
            + line
                .char_indices()
                .nth(at.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    pub(super) fn stem(&self) -> String {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        let stem = name.split_once('.').map_or(name, |(s, _)| s);
        stem.to_ascii_lowercase()
    }
}

pub(super) fn origin(path: &str, text: &str, at: &Location) -> Origin {
    let (line, column) = crate::framework::yaml_place::place(text, at);
    Origin {
        path: path.to_owned(),
        line,
        column,
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

/// What is lost when a file cannot be read, said after why.
const LOST: &str = "none of this file was imported";

/// Reads one file, with report lines for what was read around (a comma JSON does not
/// allow, tabs that indent, a key given twice), or says why it cannot.
pub(super) fn parse(source: &Source) -> Result<(File, Vec<ReportLine>), ReportLine> {
    let path = source.path.as_str();
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = String::from_utf8_lossy(&source.bytes[..e.valid_up_to()]);
            let (line, column) = crate::framework::yaml_place::line_column(&good, good.len());
            return Err(not_mapped(
                path,
                line,
                column,
                format!("it is not UTF-8 text; save it as UTF-8 and import again; {LOST}"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(not_mapped(path, 1, 1, "it is empty".to_owned()));
    }
    let mut lines = Vec::new();
    let json = path.to_ascii_lowercase().ends_with(".json");
    let yaml_text = if json {
        let mut json_text = std::borrow::Cow::Borrowed(text);
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            let (fixed, commas) = without_trailing_commas(text);
            if commas.is_empty() || serde_json::from_str::<serde::de::IgnoredAny>(&fixed).is_err() {
                return Err(json_error(path, text, &e));
            }
            lines.extend(commas.into_iter().map(|(line, column)| {
                repaired(
                    path,
                    line,
                    column,
                    "a comma",
                    "JSON has no comma before a closing bracket; read as if it were not there",
                )
            }));
            json_text = std::borrow::Cow::Owned(fixed);
        }
        // In valid JSON a tab can only be space between tokens, which YAML reads as
        // indentation; a space in its place keeps every column.
        json_text.replace('\t', " ")
    } else {
        text.to_owned()
    };
    let roots = match documents(&yaml_text) {
        Ok(roots) => roots,
        Err(error) => match tab_indented(&yaml_text) {
            // Indentation of tabs only, one tab a level: a space for each keeps the
            // nesting and every column.
            Some((line, column, spaced)) if documents(&spaced).is_ok() => {
                lines.push(repaired(
                    path,
                    line,
                    column,
                    "a tab",
                    "tabs indent this file, which YAML does not allow; read as a space each",
                ));
                documents(&spaced).map_err(|e| yaml_error(path, text, &e))?
            }
            _ => return Err(yaml_error(path, text, &error)),
        },
    };
    let mut roots: Vec<Spanned<Node>> = roots
        .into_iter()
        .filter(|r| r.value != Node::Null)
        .collect();
    if roots.is_empty() {
        return Err(not_mapped(path, 1, 1, "it is empty".to_owned()));
    }
    for root in &mut roots {
        drop_repeated_keys(root, &|at| origin(path, &yaml_text, at), &mut lines);
    }
    Ok((File::new(path, text, roots), lines))
}

/// Every document of a YAML text (`---` separates them), a key given twice in a map
/// passed on so that it can be reported where it is.
fn documents(text: &str) -> Result<Vec<Spanned<Node>>, serde_saphyr::Error> {
    serde_saphyr::from_str_multiple_with_options::<Spanned<Node>, Vec<_>>(text, options())
}

/// A line saying what was read around in a file, at its place.
fn repaired(path: &str, line: usize, column: usize, what: &str, why: &str) -> ReportLine {
    ReportLine {
        at: Origin {
            path: path.to_owned(),
            line,
            column,
        },
        what: what.to_owned(),
        outcome: Outcome::Problem {
            why: why.to_owned(),
        },
    }
}

/// The text without the commas JSON does not allow before a closing bracket (a space
/// in place of each, so every column stays), and where each was.
fn without_trailing_commas(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut commas = Vec::new();
    let (mut line, mut column) = (1, 0);
    let (mut in_string, mut escaped) = (false, false);
    let mut pending: Option<(usize, usize, usize)> = None;
    for c in text.chars() {
        column += 1;
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == ']' || c == '}' {
            if let Some((at, l, col)) = pending.take() {
                out.replace_range(at..=at, " ");
                commas.push((l, col));
            }
        } else if !c.is_whitespace() {
            pending = None;
            if c == ',' {
                pending = Some((out.len(), line, column));
            } else if c == '"' {
                in_string = true;
            }
        }
        out.push(c);
        if c == '\n' {
            line += 1;
            column = 0;
        }
    }
    (out, commas)
}

/// When no line of a text has a tab after a space in its indentation: the first tab's line
/// and column, and the text with a space for each of those tabs.
fn tab_indented(text: &str) -> Option<(usize, usize, String)> {
    let mut first = None;
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (lead, rest) = line.split_at(indent);
        if lead.trim_start_matches('\t').contains('\t') && !rest.trim().is_empty() {
            return None;
        }
        if lead.contains('\t') {
            first.get_or_insert((n + 1, 1));
        }
        out.push_str(&lead.replace('\t', " "));
        out.push_str(rest);
    }
    first.map(|(line, column)| (line, column, out))
}

fn json_error(path: &str, text: &str, e: &serde_json::Error) -> ReportLine {
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
    not_mapped(
        path,
        line,
        column,
        format!("invalid JSON: {}; {LOST}", plain(message)),
    )
}

/// A parser's message in a ladder maintainer's words, when it is one of the usual ones.
fn plain(message: &str) -> String {
    const WORDS: [(&str, &str); 11] = [
        ("alias references unknown anchor", "a `*name` refers to an anchor `&name` not defined above it"),
        ("mapping values are not allowed", "a `key: value` where none can be (check the indentation, or quote a text that holds `: `)"),
        ("illegal placement of ':'", "a `:` out of place (is a bracket or quote above left open?)"),
        ("did not find expected '-'", "this line is not a list item like the lines above it (check the indentation)"),
        ("unclosed quote", "a quote opens here and is never closed"),
        ("unclosed bracket", "a bracket opens here and is never closed"),
        ("expected `,` or `}`", "a comma or a closing `}` is missing here"),
        ("expected `,` or `]`", "a comma or a closing `]` is missing here"),
        ("expected ident", "a bare word JSON does not know (only true, false and null; put text in double quotes)"),
        ("key must be a string", "a key is not in double quotes"),
        ("EOF while parsing", "the file ends before every bracket or quote is closed"),
    ];
    WORDS
        .iter()
        .find(|(library, _)| message.contains(library))
        .map_or_else(|| message.to_owned(), |(_, plain)| (*plain).to_owned())
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
        let o = origin(path, text, &l);
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
            format!("invalid YAML: a tab indents this line; indent with spaces; {LOST}"),
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
        format!("invalid YAML: key `{key}` appears twice in one map; {LOST}")
    } else if message.contains("recursion limit") || message.starts_with("budget breached: Depth") {
        format!("it is nested too deeply to read; {LOST}")
    } else if message.starts_with("budget breached") {
        format!(
            "it holds more than rung import reads in one file (values, aliases or nesting); {LOST}"
        )
    } else {
        format!("invalid YAML: {}; {LOST}", plain(message))
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
        .map(|(file, _)| file)
        .map_err(|l| l.to_string())
    }

    #[test]
    fn every_value_has_its_line_and_column() {
        let file = read("a.yaml", b"levels:\n  - id: junior\n    name: Junior\n").unwrap();
        let Node::Map(entries) = &file.roots[0].value else {
            panic!("{:?}", file.roots[0].value)
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
        let Node::Map(entries) = &file.roots[0].value else {
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
            read("a.json", b"{\n  \"levels\": [1, 2,]\n  \"x\": 1}\n")
                .err()
                .as_deref(),
            Some("a.json:2:19: not mapped: the file: invalid JSON: a comma before a closing bracket (JSON has no trailing commas); none of this file was imported")
        );
        assert_eq!(
            read("a.json", b"{\"a\": 1 \"b\": 2}").err().as_deref(),
            Some("a.json:1:9: not mapped: the file: invalid JSON: a comma or a closing `}` is missing here; none of this file was imported")
        );
        assert_eq!(
            read("a.yml", b"a: *nope\n").err().as_deref(),
            Some("a.yml:1:4: not mapped: the file: invalid YAML: a `*name` refers to an anchor `&name` not defined above it; none of this file was imported")
        );
        assert_eq!(
            read("a.json", b"{\"a\": }").err().as_deref(),
            Some("a.json:1:7: not mapped: the file: invalid JSON: expected value; none of this file was imported")
        );
        assert_eq!(
            read("a.yaml", b"levels:\n  - id: a\n\t- id: b\n").err().as_deref(),
            Some("a.yaml:3:1: not mapped: the file: invalid YAML: a tab indents this line; indent with spaces; none of this file was imported")
        );
        assert_eq!(
            read("a.yaml", b"a: 1\nb: [\n").err().as_deref(),
            Some("a.yaml:2:4: not mapped: the file: invalid YAML: a bracket opens here and is never closed; none of this file was imported")
        );
        assert_eq!(
            read("a.yml", b"name: caf\xe9\n").err().as_deref(),
            Some("a.yml:1:10: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again; none of this file was imported")
        );
        assert_eq!(
            read("a.yml", b"\n# nothing\n").err().as_deref(),
            Some("a.yml:1:1: not mapped: the file: it is empty")
        );
    }

    fn lines_of(path: &str, text: &str) -> Vec<String> {
        match parse(&Source {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }) {
            Ok((_, lines)) => lines.iter().map(ToString::to_string).collect(),
            Err(line) => vec![format!("failed: {line}")],
        }
    }

    #[test]
    fn a_small_slip_is_read_around_and_said_where() {
        // Commas before a closing bracket, not inside strings.
        let json = "{\"a\": [1, 2, ],\n \"b\": {\"c\": \"x,]\",\n },}\n";
        assert_eq!(lines_of("a.json", json), [
            "a.json:1:12: problem: a comma: JSON has no comma before a closing bracket; read as if it were not there",
            "a.json:2:18: problem: a comma: JSON has no comma before a closing bracket; read as if it were not there",
            "a.json:3:3: problem: a comma: JSON has no comma before a closing bracket; read as if it were not there",
        ]);
        // A key given twice: the first is kept, at any depth.
        let file = read("a.yml", b"a:\n  text: one\n  text: two\nb: 1\na: 2\n").unwrap();
        let Node::Map(top) = &file.roots[0].value else {
            panic!()
        };
        assert_eq!(top.len(), 2);
        let Node::Map(inner) = &top[0].1.value else {
            panic!()
        };
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].1.value, Node::Scalar("one".to_owned()));
        assert_eq!(
            lines_of("a.yml", "a:\n  text: one\n  text: two\nb: 1\na: 2\n"),
            [
                "a.yml:5:1: not mapped: key `a`: the map already has it at line 1, column 1; the first is kept",
                "a.yml:3:3: not mapped: key `text`: the map already has it at line 2, column 3; the first is kept",
            ]
        );
        // A control character is taken out of a text, said where.
        assert_eq!(
            lines_of("a.json", "{\"name\": \"A\\u0000B\"}"),
            ["a.json:1:10: problem: a text: it holds a control character (U+0000) that no page can show; left out"]
        );
        let file = read("a.json", b"{\"name\": \"A\\u0000B\"}").unwrap();
        let Node::Map(top) = &file.roots[0].value else {
            panic!()
        };
        assert_eq!(top[0].1.value, Node::Scalar("AB".to_owned()));
        // Every document of a file is read.
        let file = read("a.yml", b"---\nname: A\n---\nlevels: [x]\n---\n").unwrap();
        assert_eq!(file.roots.len(), 2);
        // Indentation of tabs only is read as spaces, every column kept.
        let file = read("a.yml", b"levels:\n\t- id: x\n\t  name: X\n").unwrap();
        let Node::Map(top) = &file.roots[0].value else {
            panic!()
        };
        let Node::List(items) = &top[0].1.value else {
            panic!()
        };
        let Node::Map(level) = &items[0].value else {
            panic!()
        };
        assert_eq!(level[1].1.value, Node::Scalar("X".to_owned()));
        assert_eq!(file.origin(&level[1].1.referenced).column, 10);
    }
}
