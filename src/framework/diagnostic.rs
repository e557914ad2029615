//! Diagnostics: what is wrong with a framework, where, and what to do about it.
//!
//! Content problems are data, never fatal: the loader collects them while it goes on
//! loading everything else. Each carries a stable [`Code`], the path relative to the
//! framework folder, and an absolute 1-based line and column in that file.

use serde::Serialize;
use std::fmt;

use crate::framework::source::SourceFile;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something to fix, but the framework is still usable as written.
    Warning,
    /// The file or part of it could not be understood and was skipped.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($variant:ident => $text:literal, $severity:ident;)*) => {
        /// The stable code of a diagnostic. The text form (`unknown-key`) is part of the
        /// interface: CI scripts and the JSON output rely on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable text form, for example `unknown-key`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The severity a diagnostic with this code always has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    ReadError => "read-error", Error;
    NotUtf8 => "not-utf8", Error;
    FileTooLarge => "file-too-large", Error;
    SymlinkEscape => "symlink-escape", Error;
    SymlinkLoop => "symlink-loop", Error;
    MissingFramework => "missing-framework", Error;
    MissingTrack => "missing-track", Error;
    MissingFrontMatter => "missing-front-matter", Error;
    UnclosedFrontMatter => "unclosed-front-matter", Error;
    YamlSyntax => "yaml-syntax", Error;
    UnknownKey => "unknown-key", Error;
    MissingField => "missing-field", Error;
    InvalidValue => "invalid-value", Error;
    DuplicateId => "duplicate-id", Error;
    UnknownCompetency => "unknown-competency", Error;
    DuplicateSection => "duplicate-section", Error;
    EmptySection => "empty-section", Error;
    UnknownBand => "unknown-band", Error;
    DuplicateBand => "duplicate-band", Error;
    BandGap => "band-gap", Error;
    UnknownDimension => "unknown-dimension", Error;
    MissingDimension => "missing-dimension", Warning;
    UnknownTrack => "unknown-track", Error;
    UnknownCraft => "unknown-craft", Error;
    ExpectationIdCollision => "expectation-id-collision", Error;
    InvalidExpectationId => "invalid-expectation-id", Error;
    DuplicateTerm => "duplicate-term", Error;
    MissingSection => "missing-section", Warning;
    UnknownSection => "unknown-section", Warning;
    EmptyTrack => "empty-track", Warning;
    StrayFile => "stray-file", Warning;
    RawHtml => "raw-html", Warning;
    VagueWording => "vague-wording", Warning;
    UnknownReplaced => "unknown-replaced", Error;
    NoGrowth => "no-growth", Warning;
    UnevenSteps => "uneven-steps", Warning;
    BandWithoutLevel => "band-without-level", Warning;
    MissingTerm => "missing-term", Warning;
    UnknownLevel => "unknown-level", Error;
    NoJudgingAids => "no-judging-aids", Warning;
    InheritedSupervision => "inherited-supervision", Warning;
    Placeholder => "placeholder", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found in a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning; follows from the code.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// Path of the file relative to the framework folder, with `/` separators.
    pub path: String,
    /// 1-based line in the whole file (front matter included).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset of the start of the problem in the file.
    #[serde(skip)]
    pub offset: usize,
    /// Length in bytes of the text the problem is about (may be 0).
    #[serde(skip)]
    pub len: usize,
    /// What is wrong, lowercase, naming the thing.
    pub message: String,
    /// What to do about it, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about the byte range `offset..offset + len` of `file`.
    pub fn at(
        code: Code,
        file: &SourceFile,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = offset.min(file.text.len());
        let (line, column) = file.line_column(offset);
        // A diagnostic marks text on one line: stop at the end of the line.
        let rest = &file.text[crate::framework::source::floor_char_boundary(&file.text, offset)..];
        let len = len.min(rest.find(['\r', '\n']).unwrap_or(rest.len()));
        Diagnostic {
            severity: code.severity(),
            code,
            path: file.path.clone(),
            line,
            column,
            offset,
            len,
            message: message.into(),
            help: None,
        }
    }

    /// A diagnostic about a file as a whole, or a file whose text could not be read.
    pub fn file(code: Code, path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            path: path.to_owned(),
            line: 1,
            column: 1,
            offset: 0,
            len: 0,
            message: message.into(),
            help: None,
        }
    }

    /// Adds advice on what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets an explicit position, for files whose text is not available (not UTF-8).
    pub fn with_position(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: severity[code]: message`, the one-line form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path, self.line, self.column, self.severity, self.code, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, then position, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code).cmp(&(&b.path, b.line, b.column, b.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert!(code
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }

    #[test]
    fn every_code_is_documented_in_the_format_doc() {
        let doc = include_str!("../../docs/format.md");
        for code in Code::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.severity());
            assert!(doc.contains(&row), "docs/format.md lacks the row {row}");
        }
    }

    #[test]
    fn one_line_form_names_file_line_column_and_code() {
        let file = SourceFile::new("tracks/a/e1.md", "---\nid: x\n");
        let d = Diagnostic::at(Code::UnknownKey, &file, 4, 2, "unknown key `id`")
            .with_help("remove it");
        assert_eq!(
            d.to_string(),
            "tracks/a/e1.md:2:1: error[unknown-key]: unknown key `id` (remove it)"
        );
    }
}
