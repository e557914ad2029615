//! Exporting a case: the formats a case is written in (the case file, or the decision
//! record as markdown or HTML), blind or not, and the name of the file to suggest for it.
//! The app's save dialog and `rung case export` export through here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{blind, exchange, names, record, Case};
use crate::framework::model::Framework;

/// What a case is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The case file, JSON, that another Rung imports.
    Json,
    /// The decision record, in markdown.
    Markdown,
    /// The decision record as an HTML page to print or save as PDF.
    Html,
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Html,
    ];

    /// Its name, as the window sends it and `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Html => "html",
        }
    }

    /// The extension of a file in this format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => super::exchange::CASE_EXTENSION,
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is none of [`ExportFormat`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cases export as json, markdown or html, not `{0}`")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                // A name as long as a pasted file says no more than its start.
                UnknownFormat(name.chars().take(40).collect())
            })
    }
}

/// A case written out, with the name to suggest for its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The text of the file.
    pub text: String,
    /// Who, which level and what it is: `ana-lima-senior-software-engineer-case.rungcase`.
    pub file_name: String,
}

/// A case as the text of a file in `format`, blind (the alias for the name everywhere)
/// or not, with the file name to suggest for it. A case begun before Rung pinned names
/// takes them from `framework` when that is the framework it was begun on
/// ([`names::fill`]).
pub fn export(
    case: &Case,
    framework: Option<&Framework>,
    format: ExportFormat,
    blind: bool,
) -> Exported {
    let mut case = case.clone();
    if let Some(framework) = framework {
        names::fill(&mut case, framework);
    }
    let case = &case;
    let shown = if blind {
        blind::blind(case)
    } else {
        case.clone()
    };
    let text = match format {
        ExportFormat::Json => exchange::to_json(&shown),
        ExportFormat::Markdown => record::to_markdown(&shown),
        ExportFormat::Html => record::to_html(&shown),
    };
    let who = slug(&shown.candidate.name);
    let what = if case.self_assessment {
        "self-assessment"
    } else if blind {
        "blind"
    } else {
        "case"
    };
    // The level argued for by its title, as a reader names it; its id for an old case.
    let level = case
        .names
        .as_ref()
        .map_or(case.target_level.as_str(), |n| n.target.title.as_str());
    let file_name = format!("{who}-{}-{what}.{}", slug(level), format.extension());
    Exported { text, file_name }
}

/// A name reduced to lower-case letters, digits and dashes, for a file name.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "case".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_made_of_safe_parts() {
        assert_eq!(slug("Ana Lima"), "ana-lima");
        assert_eq!(slug("  ../../etc/passwd "), "etc-passwd");
        assert_eq!(slug("Zoë Ó Briain"), "zoë-ó-briain");
        assert_eq!(slug("///"), "case");
        assert!(slug(&"x".repeat(500)).len() <= 60);
    }

    #[test]
    fn an_export_is_blind_when_asked_and_named_for_what_it_is() {
        let framework = crate::load_bundled().framework;
        let case = crate::cases::start::start(
            &framework,
            crate::cases::start::Start {
                id: "c1",
                candidate: crate::cases::Candidate {
                    name: "Ana Lima".into(),
                    alias: "Candidate 7".into(),
                },
                track: "engineering",
                current: "e3",
                target: "e4",
                hash: "abc",
                commit: None,
            },
        )
        .map_err(|e| e.to_string());
        let Ok(case) = case else {
            panic!("the sample case starts: {case:?}");
        };
        let Exported { text, file_name } = export(&case, None, ExportFormat::Markdown, true);
        assert_eq!(file_name, "candidate-7-senior-software-engineer-blind.md");
        assert!(text.contains("Candidate 7") && !text.contains("Ana"));
        let Exported { text, file_name } = export(&case, None, ExportFormat::Json, false);
        assert_eq!(file_name, "ana-lima-senior-software-engineer-case.rungcase");
        assert!(text.contains("Ana Lima"));
        assert_eq!(
            "pdf".parse::<ExportFormat>(),
            Err(UnknownFormat("pdf".into()))
        );
        // A case begun before Rung pinned names takes them from its framework.
        let mut old = case.clone();
        old.names = None;
        assert_eq!(
            export(&old, None, ExportFormat::Json, false).file_name,
            "ana-lima-e4-case.rungcase"
        );
        assert_eq!(
            export(&old, Some(&framework), ExportFormat::Json, false).file_name,
            "ana-lima-senior-software-engineer-case.rungcase"
        );
    }

    #[test]
    fn a_format_reads_as_its_name_in_every_direction() {
        for format in ExportFormat::ALL {
            assert_eq!(format.name().parse(), Ok(format));
            assert_eq!(
                serde_json::to_string(&format).ok(),
                Some(format!("\"{}\"", format.name()))
            );
        }
        assert_eq!(
            UnknownFormat("PDF".into()).to_string(),
            "cases export as json, markdown or html, not `PDF`"
        );
    }
}
