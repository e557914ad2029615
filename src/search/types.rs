//! What a search is asked and what it answers: the filters, the hits and the results, as
//! the window and the `rung` tool see them. Their TypeScript twins in `ui/src/bindings/`
//! are generated from these types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    /// An expectation of a level.
    Expectation,
    /// A level's title and summary.
    Level,
    /// What a level says about a shared dimension.
    Dimension,
    /// A competency's description.
    Competency,
    /// A glossary entry.
    Term,
}

impl HitKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            HitKind::Expectation => "expectation",
            HitKind::Level => "level",
            HitKind::Dimension => "dimension",
            HitKind::Competency => "competency",
            HitKind::Term => "term",
        }
    }
}

/// Narrows a search; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Filters {
    /// Only this track.
    #[serde(default)]
    pub track: Option<String>,
    /// Only this craft.
    #[serde(default)]
    pub craft: Option<String>,
    /// Only this level (with `track`).
    #[serde(default)]
    pub level: Option<String>,
    /// Only this band.
    #[serde(default)]
    pub band: Option<u32>,
    /// Only this competency.
    #[serde(default)]
    pub competency: Option<String>,
}

impl Filters {
    pub(super) fn is_empty(&self) -> bool {
        self == &Filters::default()
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Hit {
    /// What it is.
    pub kind: HitKind,
    /// Its title: the level's title, the competency's or the term's name.
    pub title: String,
    /// The matching text around the match, HTML-escaped, with matched words in `<mark>`.
    pub snippet_html: String,
    /// The track, when the hit belongs to one.
    pub track: Option<String>,
    /// The level, when the hit belongs to one.
    pub level: Option<String>,
    /// The competency, for expectations and competencies.
    pub competency: Option<String>,
    /// Where to go: an expectation's ID, a level as `track/level`, a term's or competency's id.
    pub target: String,
    /// Relevance, higher first.
    pub score: f32,
}

/// The results of one search.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Results {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched with the filters.
    pub total: u32,
    /// How many matched without the filters, when filters were given.
    pub total_unfiltered: Option<u32>,
}
