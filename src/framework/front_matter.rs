//! Front matter: the YAML block between two `---` lines at the top of a file.
//!
//! Splitting finds the block; parsing turns it into a raw serde struct. Every key is
//! checked against the keys that kind of file allows, all at once, so that one typo is
//! reported with a suggestion and the rest of the file still loads. Every position is
//! absolute in the file, never relative to the block.

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{Location, Spanned};

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::source::SourceFile;
use crate::framework::suggest;

/// A file split into its front matter and its markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split {
    /// Byte offset of the opening `---`.
    pub open: usize,
    /// Byte range of the YAML text (between the two marker lines).
    pub yaml: (usize, usize),
    /// Byte offset where the body starts.
    pub body: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The first line is not `---`.
    Missing,
    /// No closing `---` line.
    Unclosed,
}

/// Finds the front matter block of a file.
pub(crate) fn split(text: &str) -> Result<Split, SplitError> {
    let open = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter { text, pos: open };
    match lines.next() {
        Some((_, line)) if is_marker(line, "---") => {}
        _ => return Err(SplitError::Missing),
    }
    let yaml_start = lines.pos;
    while let Some((start, line)) = lines.next() {
        if is_marker(line, "---") || is_marker(line, "...") {
            return Ok(Split {
                open,
                yaml: (yaml_start, start),
                body: lines.pos,
            });
        }
    }
    Err(SplitError::Unclosed)
}

fn is_marker(line: &str, marker: &str) -> bool {
    line.trim_end() == marker
}

struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line))
    }
}

/// Reports a missing or unclosed front matter block.
pub(crate) fn split_diagnostic(file: &SourceFile, error: SplitError, what: &str) -> Diagnostic {
    match error {
        SplitError::Missing => Diagnostic::at(
            Code::MissingFrontMatter,
            file,
            0,
            0,
            format!("{what} must start with a front matter block"),
        )
        .with_help(
            "put a line `---`, the `key: value` lines, and another `---` at the top of the file",
        ),
        SplitError::Unclosed => Diagnostic::at(
            Code::UnclosedFrontMatter,
            file,
            0,
            3,
            "front matter is never closed",
        )
        .with_help("end the front matter with a line that holds only `---`"),
    }
}

/// The keys a kind of file allows, and which of them it requires.
pub(crate) struct Schema {
    /// Every key allowed at the top level.
    pub known: &'static [&'static str],
    /// The keys that must be present.
    pub required: &'static [&'static str],
    /// Older spellings still read, each beside the key it now is: `(older, key)`. An
    /// older spelling stands for its key, so it is neither unknown nor missing, but a
    /// block may not give both.
    pub older: &'static [(&'static str, &'static str)],
}

impl Schema {
    /// The key that `key` spells, when it is a known key or an older spelling of one.
    fn current(&self, key: &str) -> Option<&'static str> {
        self.known.iter().copied().find(|k| *k == key).or_else(|| {
            self.older
                .iter()
                .find(|(older, _)| *older == key)
                .map(|(_, k)| *k)
        })
    }
}

/// The front matter of one file, ready to be parsed.
pub(crate) struct Yaml<'a> {
    pub file: &'a SourceFile,
    pub split: Split,
}

impl<'a> Yaml<'a> {
    fn text(&self) -> &'a str {
        &self.file.text[self.split.yaml.0..self.split.yaml.1]
    }

    /// Absolute byte offset and length of a location inside the YAML text.
    pub(crate) fn span(&self, location: &Location) -> (usize, usize) {
        let base = self.split.yaml.0;
        if location.line() == 0 {
            return (self.split.open, 3);
        }
        let span = location.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(offset), len) => {
                let offset = base + usize::try_from(offset).unwrap_or(0);
                let len = len.and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
                (offset.min(self.split.yaml.1), len)
            }
            // The library's line and column, read as it counts lines (a lone `\r` breaks one).
            (None, _) => (base + super::yaml_place::offset(self.text(), location), 0),
        }
    }

    /// A diagnostic at a location inside the YAML text.
    pub(crate) fn diagnostic_at(
        &self,
        code: Code,
        location: &Location,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (offset, len) = self.span(location);
        Diagnostic::at(code, self.file, offset, len, message)
    }

    /// A diagnostic at the spanned value's position.
    pub(crate) fn diagnostic_on<T>(
        &self,
        code: Code,
        value: &Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic_at(code, &value.referenced, message)
    }

    /// Parses the block into `T`, checking keys against `schema` first.
    ///
    /// Unknown keys are reported and ignored; a missing required key, a key given in two
    /// spellings, a YAML syntax error or a value of the wrong type makes the whole block
    /// unusable (`None`).
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        schema: &Schema,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let text = self.text();
        let keys = if is_blank_yaml(text) {
            Vec::new()
        } else {
            match serde_saphyr::from_str::<Keys>(text) {
                Ok(keys) => keys.0,
                Err(error) => {
                    diagnostics.push(self.error_diagnostic(&error, true));
                    return None;
                }
            }
        };
        let mut complete = true;
        for key in &keys {
            if let Some(&(older, current)) = schema.older.iter().find(|(o, _)| *o == key.value) {
                if keys.iter().any(|k| k.value == current) {
                    complete = false;
                    diagnostics.push(self.both_spellings(key, current, older));
                }
            } else if !schema.known.contains(&key.value.as_str()) {
                let hint = suggest::hint(&key.value, schema.known.iter().copied());
                diagnostics.push(
                    self.diagnostic_on(
                        Code::UnknownKey,
                        key,
                        format!("unknown key `{}`{hint}", key.value),
                    )
                    .with_help(format!(
                        "the keys allowed here are {}",
                        suggest::list(schema.known.iter().copied())
                    )),
                );
            }
        }
        for required in schema.required {
            if !keys
                .iter()
                .any(|k| schema.current(&k.value) == Some(*required))
            {
                complete = false;
                diagnostics.push(
                    Diagnostic::at(
                        Code::MissingField,
                        self.file,
                        self.split.open,
                        3,
                        format!("missing required key `{required}`"),
                    )
                    .with_help(format!("add a line `{required}: …` to the front matter")),
                );
            }
        }
        if !complete {
            return None;
        }
        let parsed = if is_blank_yaml(text) {
            serde_saphyr::from_str::<T>("{}")
        } else {
            serde_saphyr::from_str::<T>(text)
        };
        match parsed {
            Ok(value) => Some(value),
            Err(error) => {
                diagnostics.push(self.error_diagnostic(&error, false));
                None
            }
        }
    }

    /// A block gives a key both as it is now spelled and in an older spelling.
    fn both_spellings(&self, key: &Spanned<String>, current: &str, older: &str) -> Diagnostic {
        let message =
            format!("key `{current}` appears twice, once as its older spelling `{older}`");
        self.diagnostic_on(Code::YamlSyntax, key, message)
            .with_help(format!(
                "keep the line `{current}: …` and remove `{older}: …`"
            ))
    }

    fn error_diagnostic(&self, error: &serde_saphyr::Error, syntax_pass: bool) -> Diagnostic {
        let inner = error.without_snippet();
        let location = inner.location().or_else(|| error.location());
        let message = clean_message(&inner.to_string());
        let at = |code: Code, message: String| match &location {
            Some(location) => self.diagnostic_at(code, location, message),
            None => Diagnostic::at(code, self.file, self.split.open, 3, message),
        };
        match inner {
            serde_saphyr::Error::SerdeUnknownField {
                field, expected, ..
            } => {
                let hint = suggest::hint(field, expected.iter().copied());
                at(Code::UnknownKey, format!("unknown key `{field}`{hint}")).with_help(format!(
                    "the keys allowed here are {}",
                    suggest::list(expected.iter().copied())
                ))
            }
            serde_saphyr::Error::SerdeMissingField { field, .. } => at(
                Code::MissingField,
                format!("missing required key `{field}`"),
            ),
            _ if message.starts_with("duplicate mapping key") => {
                let key = message
                    .trim_start_matches("duplicate mapping key:")
                    .split(',')
                    .next()
                    .unwrap_or("")
                    .trim();
                at(Code::YamlSyntax, format!("key `{key}` appears twice"))
                    .with_help("keep one of the two lines")
            }
            _ if message.starts_with("expected mapping") && syntax_pass => at(
                Code::InvalidValue,
                "front matter must be a list of `key: value` lines".to_owned(),
            ),
            _ if syntax_pass => at(Code::YamlSyntax, format!("invalid YAML: {message}"))
                .with_help("quote text that contains `: ` or starts with a special character"),
            _ => at(Code::InvalidValue, format!("invalid value: {message}")),
        }
    }
}

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Removes the position the YAML library appends; diagnostics carry their own.
fn clean_message(message: &str) -> String {
    let message = message.trim();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    };
    let message = match message.strip_prefix("error: ") {
        Some(rest) => rest,
        None => message,
    };
    let message = message.trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable");
    match message {
        "invalid u8" | "invalid u16" | "invalid u32" | "invalid u64" | "invalid usize" => {
            "expected a whole number".to_owned()
        }
        "invalid bool" | "invalid boolean" => "expected `true` or `false`".to_owned(),
        "expected string scalar" => "expected text".to_owned(),
        other => other.to_owned(),
    }
}

/// The top-level keys of a mapping, with where each one is.
struct Keys(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Raw {
        #[serde(alias = "ident")]
        id: Spanned<String>,
        #[serde(default)]
        band: Option<u32>,
    }

    const SCHEMA: Schema = Schema {
        known: &["id", "band"],
        required: &["id"],
        older: &[("ident", "id")],
    };

    fn parse(text: &str) -> (Option<Raw>, Vec<Diagnostic>) {
        let file = SourceFile::new("x.md", text);
        let mut diagnostics = Vec::new();
        let raw = match split(&file.text) {
            Ok(split) => Yaml { file: &file, split }.parse::<Raw>(&SCHEMA, &mut diagnostics),
            Err(e) => {
                diagnostics.push(split_diagnostic(&file, e, "a level"));
                None
            }
        };
        (raw, diagnostics)
    }

    fn lines(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\nid: a\n---\nbody\n";
        let s = split(text).expect("front matter");
        assert_eq!(&text[s.yaml.0..s.yaml.1], "id: a\n");
        assert_eq!(&text[s.body..], "body\n");
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        assert!(split("\u{feff}---\nid: a\n---\n").is_ok());
    }

    #[test]
    fn reports_missing_and_unclosed_blocks() {
        assert_eq!(split("# title\n"), Err(SplitError::Missing));
        assert_eq!(split("---\nid: a\n"), Err(SplitError::Unclosed));
        assert_eq!(split(""), Err(SplitError::Missing));
    }

    #[test]
    fn unknown_keys_are_reported_with_a_suggestion_and_the_rest_loads() {
        let (raw, d) = parse("---\nid: a\nbnad: 3\n---\n");
        assert_eq!(raw.map(|r| r.id.value), Some("a".to_owned()));
        assert_eq!(
            lines(&d),
            ["x.md:3:1: error[unknown-key]: unknown key `bnad` (did you mean `band`?) (the keys allowed here are `id`, `band`)"]
        );
    }

    #[test]
    fn positions_are_absolute_in_the_file() {
        let (raw, _) = parse("---\nid: a\nband: 4\n---\n");
        assert_eq!(raw.and_then(|r| r.band), Some(4));
        let (_, d) = parse("---\nid: a\nband: two\n---\n");
        assert_eq!(d[0].line, 3);
        assert_eq!(d[0].column, 7);
        assert_eq!(d[0].code, Code::InvalidValue);
    }

    #[test]
    fn syntax_errors_are_yaml_syntax() {
        let (raw, d) = parse("---\nid: [a\n---\n");
        assert!(raw.is_none());
        assert_eq!(d[0].code, Code::YamlSyntax);
        assert_eq!((d[0].line, d[0].column), (2, 5));
    }

    #[test]
    fn a_syntax_error_after_lone_carriage_returns_is_on_the_files_line() {
        // The YAML library counts each lone `\r` as a line; the file has one line there.
        let text = format!("---\nid: a\nnote: {}x\nband: [4\n---\n", "\r".repeat(30));
        let (_, d) = parse(&text);
        assert_eq!(d[0].code, Code::YamlSyntax);
        assert_eq!(d[0].line, 3, "{d:?}");
    }

    #[test]
    fn missing_required_keys_point_at_the_opening_marker() {
        let (raw, d) = parse("---\nband: 2\n---\n");
        assert!(raw.is_none());
        assert_eq!(
            lines(&d),
            ["x.md:1:1: error[missing-field]: missing required key `id` (add a line `id: …` to the front matter)"]
        );
    }

    #[test]
    fn an_older_spelling_is_read_as_its_key() {
        let (raw, d) = parse("---\nident: a\nband: 2\n---\n");
        assert_eq!(raw.map(|r| r.id.value), Some("a".to_owned()));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_key_and_its_older_spelling_together_are_an_error() {
        let (raw, d) = parse("---\nid: a\nident: b\n---\n");
        assert!(raw.is_none());
        assert_eq!(
            lines(&d),
            ["x.md:3:1: error[yaml-syntax]: key `id` appears twice, once as its older spelling `ident` (keep the line `id: …` and remove `ident: …`)"]
        );
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let (_, d) = parse("---\nid: a\nid: b\n---\n");
        assert_eq!(d[0].code, Code::YamlSyntax);
        assert_eq!(d[0].message, "key `id` appears twice");
        assert_eq!(d[0].line, 3);
    }

    #[test]
    fn a_list_instead_of_a_mapping_is_reported() {
        let (_, d) = parse("---\n- id\n---\n");
        assert_eq!(d[0].code, Code::InvalidValue);
    }

    #[test]
    fn empty_front_matter_reports_the_required_keys() {
        let (_, d) = parse("---\n---\n");
        assert_eq!(d[0].code, Code::MissingField);
    }
}
