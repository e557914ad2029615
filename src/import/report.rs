//! The import report: for every item of the source, where it went (mapped into the
//! framework, kept as a note) or why it was not mapped, with the source file, line and
//! column, like a compiler's messages.

use std::fmt;

use super::Origin;

/// What became of one item of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written into the framework, at `to` (a file, and a line or an ID).
    Mapped {
        /// Where it went.
        to: String,
    },
    /// Kept as text of the framework, not as an expectation.
    Note {
        /// Where it went.
        to: String,
    },
    /// Not written anywhere.
    NotMapped {
        /// Why.
        why: String,
    },
    /// Something wrong with the source that did not lose anything.
    Problem {
        /// What is wrong.
        why: String,
    },
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    /// Where in the source.
    pub at: Origin,
    /// The item, for example `expectation "Writes tests…"`.
    pub what: String,
    /// What became of it.
    pub outcome: Outcome,
}

impl fmt::Display for ReportLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Origin { path, line, column } = &self.at;
        write!(f, "{path}:{line}:{column}: ")?;
        match &self.outcome {
            Outcome::Mapped { to } => write!(f, "mapped: {} → {to}", self.what),
            Outcome::Note { to } => write!(f, "kept as a note: {} → {to}", self.what),
            Outcome::NotMapped { why } => write!(f, "not mapped: {}: {why}", self.what),
            Outcome::Problem { why } => write!(f, "problem: {}: {why}", self.what),
        }
    }
}

/// Every line of an import's report, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The lines, sorted by file, line and column.
    pub lines: Vec<ReportLine>,
}

impl Report {
    /// How many lines have an outcome of this kind (compared by variant).
    pub fn count(&self, like: fn(&Outcome) -> bool) -> usize {
        self.lines.iter().filter(|l| like(&l.outcome)).count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// A short quote of a text for the report: its first words, on one line.
pub(crate) fn quote(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 48 {
        format!("\"{flat}\"")
    } else {
        let cut: String = flat.chars().take(47).collect();
        format!("\"{}…\"", cut.trim_end())
    }
}
