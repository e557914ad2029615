//! The home page's shape: the framework's name, version and hash, its bands, its tracks
//! with their role definitions, its glossary and what loading found, with markdown
//! rendered to safe HTML and glossary terms marked.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::app::session::Opened;
use crate::files::origin::FrameworkSource;
use crate::framework::markdown::{self, TermContext, TermMarker};
use crate::framework::model::{Framework, TermScope, Track};
use crate::Severity;

impl Opened {
    /// The framework as the home page shows it.
    pub fn framework_view(&self) -> FrameworkView {
        let f = self.framework();
        FrameworkView {
            source: self.source.clone(),
            name: f.name.clone(),
            version: f.version.clone(),
            hash: self.hash().to_owned(),
            intro_html: markdown::to_html(&f.intro),
            guide: f.guide.as_ref().map(|g| GuideView {
                title: g.title.clone(),
                html: markdown::to_html(&g.body),
            }),
            bands: f
                .bands
                .iter()
                .map(|b| BandView {
                    number: b.number,
                    name: b.name.clone(),
                    summary: b.summary.clone(),
                })
                .collect(),
            tracks: f
                .tracks
                .iter()
                .map(|t| track_summary(t, self.terms()))
                .collect(),
            glossary: f
                .glossary
                .iter()
                .map(|t| TermView {
                    id: t.id.clone(),
                    term: t.term.clone(),
                    used_in: scope_names(f, &t.scope),
                    definition_html: markdown::to_html(&t.definition),
                })
                .collect(),
            diagnostics: self
                .loaded
                .diagnostics
                .iter()
                .map(|d| DiagnosticView {
                    severity: d.severity,
                    code: d.code.as_str().to_owned(),
                    path: d.path.clone(),
                    line: d.line as u32,
                    column: d.column as u32,
                    message: d.message.clone(),
                    help: d.help.clone(),
                })
                .collect(),
            errors: self.loaded.count(Severity::Error) as u32,
            warnings: self.loaded.count(Severity::Warning) as u32,
        }
    }
}

/// A scope by the names a reader knows: the craft as written, tracks and competencies
/// by name.
fn scope_names(f: &Framework, scope: &TermScope) -> Vec<String> {
    let crafts = scope.crafts.iter().cloned();
    let tracks = scope
        .tracks
        .iter()
        .map(|id| f.track(id).map_or_else(|| id.clone(), |t| t.name.clone()));
    let competencies = scope.competencies.iter().map(|id| {
        f.competency(id)
            .map_or_else(|| id.clone(), |c| c.name.clone())
    });
    crafts.chain(tracks).chain(competencies).collect()
}

/// A track for the home page; its role definition marks the terms in the track's senses,
/// each section on its own.
fn track_summary(track: &Track, terms: &TermMarker) -> TrackSummary {
    let at = TermContext {
        track: &track.id,
        craft: &track.craft,
        competency: None,
    };
    let html = |md: &str| markdown::to_html_with_terms(md, terms, &at, &mut HashSet::new());
    TrackSummary {
        id: track.id.clone(),
        name: track.name.clone(),
        craft: track.craft.clone(),
        career_path: track.career_path.as_str().to_owned(),
        summary: track.summary.clone(),
        levels: track
            .levels
            .iter()
            .map(|l| LevelRef {
                id: l.id.clone(),
                title: l.title.clone(),
                band: l.band,
            })
            .collect(),
        role: RoleView {
            purpose_html: html(&track.role.purpose),
            responsibilities_html: html(&track.role.responsibilities),
            decision_rights_html: html(&track.role.decision_rights),
            working_with_others_html: html(&track.role.working_with_others),
        },
    }
}

/// The framework for the home page: tracks by band, glossary, diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkView {
    /// Where it was opened from.
    pub source: FrameworkSource,
    /// Its name.
    pub name: String,
    /// Its version label.
    pub version: String,
    /// A short hash of its files.
    pub hash: String,
    /// Introduction, as safe HTML.
    pub intro_html: String,
    /// How to use the framework, when it has a `guide.md`.
    pub guide: Option<GuideView>,
    /// Bands, lowest first.
    pub bands: Vec<BandView>,
    /// Tracks with their levels.
    pub tracks: Vec<TrackSummary>,
    /// Glossary, alphabetical.
    pub glossary: Vec<TermView>,
    /// Problems found while loading.
    pub diagnostics: Vec<DiagnosticView>,
    /// How many diagnostics are errors.
    pub errors: u32,
    /// How many diagnostics are warnings.
    pub warnings: u32,
}

/// The framework's page on how to use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GuideView {
    /// Its title.
    pub title: String,
    /// The page, as safe HTML.
    pub html: String,
}

/// A band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandView {
    /// 1, 2, …
    pub number: u32,
    /// Its name.
    pub name: String,
    /// What it asks for.
    pub summary: String,
}

/// A track and its levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrackSummary {
    /// Its id.
    pub id: String,
    /// The role's name.
    pub name: String,
    /// The craft.
    pub craft: String,
    /// The career path: `individual-contributor` or `manager`.
    pub career_path: String,
    /// One sentence on the role.
    pub summary: String,
    /// Levels, lowest band first.
    pub levels: Vec<LevelRef>,
    /// The role definition, as safe HTML.
    pub role: RoleView,
}

/// A role definition, as safe HTML with glossary terms marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleView {
    /// Why the role exists.
    pub purpose_html: String,
    /// What it answers for.
    pub responsibilities_html: String,
    /// What it decides, and what not.
    pub decision_rights_html: String,
    /// How it works with the other roles.
    pub working_with_others_html: String,
}

/// A level, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its band.
    pub band: u32,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TermView {
    /// The id used in `data-term` attributes.
    pub id: String,
    /// The term.
    pub term: String,
    /// Where this sense applies, by name (crafts, tracks, competencies); empty when it
    /// applies everywhere.
    pub used_in: Vec<String>,
    /// Its plain-language definition, as safe HTML.
    pub definition_html: String,
}

/// A problem found while loading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiagnosticView {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: String,
    /// File, relative to the framework folder.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}
