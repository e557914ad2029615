//! What a window shows: the framework shaped for reading, with markdown already rendered
//! to safe HTML and glossary terms marked. These types cross the app's IPC boundary;
//! their TypeScript twins in `ui/src/bindings/` are generated from them (ts-rs).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::compare::{self, BandComparison, LevelDelta};
use crate::framework::markdown::{self, TermContext, TermMarker};
use crate::framework::model::{Framework, Level, TermScope, Track};
use crate::search::{Filters, Results, SearchIndex};
use crate::{Loaded, Loader, Severity};

/// Where a framework comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FrameworkSource {
    /// The framework built into Rung.
    Bundled,
    /// A folder on disk.
    Folder {
        /// Absolute path of the folder.
        path: String,
    },
}

/// What went wrong, for a person: a kind the UI can act on and a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// A sentence that says what happened, in plain words.
    pub message: String,
}

/// The kinds of [`AppError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A folder could not be opened.
    Unreadable,
    /// A track or level that the framework does not have.
    NotFound,
    /// No framework is open yet.
    NotOpen,
    /// Something the app did wrong.
    Internal,
    /// What was asked for cannot be done, for the reason the message gives.
    Refused,
    /// The thing changed since the window showed it; show it again before changing it.
    Stale,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
        }
    }
}

/// An open framework, ready to show.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Where it came from.
    pub source: FrameworkSource,
    /// What loading produced.
    pub loaded: Loaded,
    terms: TermMarker,
    hash: String,
    /// Built on first use, or ahead of it by [`Opened::prepare_search`].
    index: Arc<OnceLock<Result<SearchIndex, String>>>,
    /// A folder's loader, kept for reloads: it re-parses only the files that changed.
    loader: Option<Arc<Mutex<Loader>>>,
    /// After a reload, the index of the framework before it, to update rather than
    /// rebuild; with the files changed since then when only those need re-indexing.
    previous: Option<(SearchIndex, Option<Vec<String>>)>,
    /// Orders reloads: see [`SearchIndex::update`].
    generation: u64,
}

/// Loads a framework from its source.
pub fn open(source: FrameworkSource) -> Result<Opened, AppError> {
    match &source {
        FrameworkSource::Bundled => Ok(Opened::new(source, crate::load_bundled())),
        FrameworkSource::Folder { path } => {
            let mut loader = Loader::new();
            let loaded = load_folder(&mut loader, path)?;
            let mut opened = Opened::new(source, loaded);
            opened.generation = loader.generation();
            opened.loader = Some(Arc::new(Mutex::new(loader)));
            Ok(opened)
        }
    }
}

fn load_folder(loader: &mut Loader, path: &str) -> Result<Loaded, AppError> {
    loader.load_dir(&PathBuf::from(path)).map_err(|e| {
        AppError::new(
            ErrorKind::Unreadable,
            format!("Rung cannot open the folder {path}: {e}."),
        )
    })
}

/// A short hash of a framework's files: the same files, the same hash.
pub fn content_hash(loaded: &Loaded) -> String {
    let mut hasher = Sha256::new();
    for source in &loaded.sources {
        hasher.update(source.path.as_bytes());
        hasher.update([0]);
        hasher.update(source.text.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::framework::model::term_id;

impl Opened {
    /// Wraps a loaded framework.
    pub fn new(source: FrameworkSource, loaded: Loaded) -> Self {
        let terms = TermMarker::of_framework(&loaded.framework);
        let hash = content_hash(&loaded);
        Opened {
            source,
            loaded,
            terms,
            hash,
            index: Arc::new(OnceLock::new()),
            loader: None,
            previous: None,
            generation: 0,
        }
    }

    /// Loads the same framework again after its files changed. Only the changed files
    /// are parsed again, and the search index is updated rather than rebuilt (on first
    /// use, or by [`Opened::prepare_search`]).
    pub fn reload(&self) -> Result<Opened, AppError> {
        let (FrameworkSource::Folder { path }, Some(loader)) = (&self.source, &self.loader) else {
            return open(self.source.clone());
        };
        let mut guard = loader
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let loaded = load_folder(&mut guard, path)?;
        let mut opened = Opened::new(self.source.clone(), loaded);
        opened.generation = guard.generation();
        opened.loader = Some(Arc::clone(loader));
        opened.previous = match self.index.get() {
            // This index is this framework's: only what changed since needs indexing.
            Some(Ok(index)) => Some((index.clone(), guard.changed().map(<[String]>::to_vec))),
            // Not built yet: compare every document with the older index, if any.
            _ => self
                .previous
                .as_ref()
                .map(|(index, _)| (index.clone(), None)),
        };
        Ok(opened)
    }

    /// Like [`Opened::reload`], but `None` when nothing a person could see changed: every
    /// file reads as before and reading them found the same problems. A watcher that
    /// reports a change that is not one (a file saved unchanged, a `git checkout` of the
    /// same content) then leads to nothing at all.
    pub fn reload_if_changed(&self) -> Result<Option<Opened>, AppError> {
        let reloaded = self.reload()?;
        let same = reloaded.loaded.sources == self.loaded.sources
            && reloaded.loaded.diagnostics == self.loaded.diagnostics;
        Ok((!same).then_some(reloaded))
    }

    /// The content hash of the framework's files.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The git commit of the framework's folder, when it is in a repository.
    pub fn commit(&self) -> Option<String> {
        match &self.source {
            FrameworkSource::Folder { path } => {
                crate::files::folder::git_commit(std::path::Path::new(path))
            }
            FrameworkSource::Bundled => None,
        }
    }

    /// Builds the search index now, so that the first search does not wait for it.
    pub fn prepare_search(&self) {
        let _ = self.index();
    }

    fn index(&self) -> Result<&SearchIndex, AppError> {
        self.index
            .get_or_init(|| {
                let framework = &self.loaded.framework;
                match &self.previous {
                    Some((index, changed)) => index
                        .update(framework, changed.as_deref(), self.generation)
                        .map(|_| index.clone()),
                    None => SearchIndex::build(framework).inspect(|index| {
                        index.set_generation(self.generation);
                    }),
                }
                .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| {
                AppError::new(
                    ErrorKind::Internal,
                    format!("Search is not available: {e}."),
                )
            })
    }

    /// Searches the framework; see [`crate::search`].
    pub fn search(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Results, AppError> {
        Ok(self.index()?.search(query, filters, limit))
    }

    fn framework(&self) -> &Framework {
        &self.loaded.framework
    }

    /// The framework's glossary terms, ready to mark in text it shows (a case's
    /// expectations, for one).
    pub fn terms(&self) -> &TermMarker {
        &self.terms
    }

    /// The framework as the home page shows it.
    pub fn framework_view(&self) -> FrameworkView {
        let f = self.framework();
        FrameworkView {
            source: self.source.clone(),
            name: f.name.clone(),
            version: f.version.clone(),
            hash: self.hash.clone(),
            intro_html: markdown::to_html(&f.intro),
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
                .map(|t| track_summary(t, &self.terms))
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

    /// What changes from level `from` of a track to `to` (the next level when `None`);
    /// see [`compare::level_delta`].
    pub fn level_delta(
        &self,
        track_id: &str,
        from: &str,
        to: Option<&str>,
    ) -> Result<LevelDelta, AppError> {
        let f = self.framework();
        let not_found = || AppError::new(ErrorKind::NotFound, "That level does not exist.");
        let track = f.track(track_id).ok_or_else(not_found)?;
        let from_level = track.level(from).ok_or_else(not_found)?;
        let to = match to {
            Some(to) => to.to_owned(),
            None => compare::next_level(track, from_level)
                .map(|l| l.id.clone())
                .ok_or_else(|| {
                    AppError::new(
                        ErrorKind::NotFound,
                        format!("{} is the highest level of its track.", from_level.title),
                    )
                })?,
        };
        compare::level_delta(f, &self.terms, track_id, from, &to).map_err(|e| {
            AppError::new(
                ErrorKind::NotFound,
                format!("Rung cannot compare these levels: {e}."),
            )
        })
    }

    /// Every track's level on one band, side by side; see [`compare::band_comparison`].
    pub fn band_comparison(&self, band: u32) -> Result<BandComparison, AppError> {
        compare::band_comparison(self.framework(), &self.terms, band)
            .map_err(|_| AppError::new(ErrorKind::NotFound, "That band does not exist."))
    }

    /// One level, with every expectation that applies at it.
    pub fn level_view(&self, track_id: &str, level_id: &str) -> Result<LevelView, AppError> {
        let f = self.framework();
        let track = f.track(track_id).ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!("This framework has no track “{track_id}”."),
            )
        })?;
        let index = track
            .levels
            .iter()
            .position(|l| l.id == level_id)
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!("The track {} has no level “{level_id}”.", track.name),
                )
            })?;
        let level = &track.levels[index];
        // Each part a reader sees on its own marks its own terms: the summary, each
        // dimension, each expectation, each example, each "How to judge this".
        let page = TermContext {
            track: &track.id,
            craft: &track.discipline,
            competency: None,
        };
        let terms = &self.terms;
        let html = |md: &str, at: &TermContext<'_>| {
            markdown::to_html_with_terms(md, terms, at, &mut HashSet::new())
        };
        let inline = |md: &str, at: &TermContext<'_>| {
            markdown::inline_to_html_with_terms(md, terms, at, &mut HashSet::new())
        };
        let summary_html = html(&level.summary, &page);
        let intro_html = html(&level.intro, &page);
        let dimensions = level
            .dimensions
            .iter()
            .map(|s| DimensionView {
                id: s.dimension.clone(),
                name: f
                    .dimensions
                    .iter()
                    .find(|d| d.id == s.dimension)
                    .map_or_else(|| s.dimension.clone(), |d| d.name.clone()),
                text_html: html(&s.text, &page),
            })
            .collect();
        let applicable = f.applicable(track, level);
        let competencies = f
            .competencies_of(track)
            .into_iter()
            .filter_map(|c| {
                let at = TermContext {
                    competency: Some(&c.id),
                    ..page
                };
                let expectations: Vec<ExpectationView> = applicable
                    .iter()
                    .filter(|a| a.competency == c.id)
                    .map(|a| ExpectationView {
                        id: a.expectation.id.clone(),
                        html: inline(&a.expectation.text, &at),
                        examples_html: a
                            .expectation
                            .examples
                            .iter()
                            .map(|e| inline(e, &at))
                            .collect(),
                        from_level: a.from.id.clone(),
                        from_title: a.from.title.clone(),
                        inherited: a.from.id != level.id,
                    })
                    .collect();
                if expectations.is_empty() {
                    return None;
                }
                // "How to judge this" is one folded section: a term is marked once in it.
                let mut judge_seen = HashSet::new();
                Some(CompetencyView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    shared: c.tracks.is_none(),
                    description_html: markdown::to_html_with_terms(
                        &c.description,
                        terms,
                        &at,
                        &mut judge_seen,
                    ),
                    evidence_html: c
                        .evidence
                        .iter()
                        .map(|e| {
                            markdown::inline_to_html_with_terms(e, terms, &at, &mut judge_seen)
                        })
                        .collect(),
                    questions_html: c
                        .questions
                        .iter()
                        .map(|q| {
                            markdown::inline_to_html_with_terms(q, terms, &at, &mut judge_seen)
                        })
                        .collect(),
                    expectations,
                })
            })
            .collect();
        let neighbour = |l: Option<&Level>| {
            l.map(|l| LevelRef {
                id: l.id.clone(),
                title: l.title.clone(),
                band: l.band,
            })
        };
        Ok(LevelView {
            track_id: track.id.clone(),
            track_name: track.name.clone(),
            discipline: track.discipline.clone(),
            id: level.id.clone(),
            title: level.title.clone(),
            band: level.band,
            band_name: f
                .band(level.band)
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            summary_html,
            intro_html,
            dimensions,
            competencies,
            previous: neighbour(index.checked_sub(1).and_then(|i| track.levels.get(i))),
            next: neighbour(track.levels.get(index + 1)),
            source: level.source.clone(),
        })
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
        craft: &track.discipline,
        competency: None,
    };
    let html = |md: &str| markdown::to_html_with_terms(md, terms, &at, &mut HashSet::new());
    TrackSummary {
        id: track.id.clone(),
        name: track.name.clone(),
        discipline: track.discipline.clone(),
        path: track.path.as_str().to_owned(),
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
    pub discipline: String,
    /// `individual-contributor` or `manager`.
    pub path: String,
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

/// One level, as the level page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelView {
    /// The track's id.
    pub track_id: String,
    /// The track's name.
    pub track_name: String,
    /// The track's craft, for example `design`.
    pub discipline: String,
    /// The level's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its band.
    pub band: u32,
    /// The band's name.
    pub band_name: String,
    /// Summary, as safe HTML.
    pub summary_html: String,
    /// Introduction, as safe HTML.
    pub intro_html: String,
    /// The shared dimensions.
    pub dimensions: Vec<DimensionView>,
    /// Expectations by competency, in the track's order.
    pub competencies: Vec<CompetencyView>,
    /// The level below, if any.
    pub previous: Option<LevelRef>,
    /// The level above, if any.
    pub next: Option<LevelRef>,
    /// The level's file, relative to the framework folder.
    pub source: String,
}

/// What a level says about one shared dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionView {
    /// The dimension's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level's statement, as safe HTML.
    pub text_html: String,
}

/// A competency and its expectations at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether every track shares it.
    pub shared: bool,
    /// Description, as safe HTML.
    pub description_html: String,
    /// What good evidence looks like, as safe HTML items.
    pub evidence_html: Vec<String>,
    /// Questions to ask a specialist, as safe HTML items.
    pub questions_html: Vec<String>,
    /// The expectations: the level's own, then inherited ones.
    pub expectations: Vec<ExpectationView>,
}

/// One expectation as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectationView {
    /// Stable ID.
    pub id: String,
    /// The expectation, as safe inline HTML with glossary terms marked.
    pub html: String,
    /// Examples, as safe inline HTML.
    pub examples_html: Vec<String>,
    /// The level that states it.
    pub from_level: String,
    /// That level's title.
    pub from_title: String,
    /// Whether it comes from a lower level.
    pub inherited: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Opened {
        open(FrameworkSource::Bundled).expect("the bundled framework opens")
    }

    #[test]
    fn unknown_tracks_and_levels_are_not_found_errors() {
        let o = bundled();
        assert_eq!(
            o.level_view("nope", "e1").map_err(|e| e.kind),
            Err(ErrorKind::NotFound)
        );
        assert_eq!(
            o.level_view("engineering", "zz").map_err(|e| e.kind),
            Err(ErrorKind::NotFound)
        );
    }

    #[test]
    fn a_level_view_has_neighbours_and_inherited_expectations() {
        let v = bundled().level_view("engineering", "e3").expect("e3");
        assert_eq!(v.previous.map(|l| l.id), Some("e2".to_owned()));
        assert_eq!(v.next.map(|l| l.id), Some("e4".to_owned()));
        assert_eq!(v.discipline, "engineering");
        let all: Vec<&ExpectationView> = v
            .competencies
            .iter()
            .flat_map(|c| &c.expectations)
            .collect();
        assert!(all.iter().any(|e| e.inherited && e.from_level == "e1"));
        assert!(all.iter().any(|e| !e.inherited));
    }

    #[test]
    fn each_expectation_and_example_explains_its_own_terms() {
        let o = bundled();
        let f = &o.loaded.framework;
        let mut marked = 0;
        for track in &f.tracks {
            for level in &track.levels {
                let v = o.level_view(&track.id, &level.id).expect("level");
                for (c, a) in v
                    .competencies
                    .iter()
                    .flat_map(|c| c.expectations.iter().map(move |e| (c, e)))
                    .filter_map(|(c, e)| {
                        let found = f
                            .applicable(track, level)
                            .into_iter()
                            .find(|a| a.expectation.id == e.id)?;
                        Some(((c, e), found))
                    })
                {
                    let (competency, shown) = c;
                    let at = TermContext {
                        track: &track.id,
                        craft: &track.discipline,
                        competency: Some(&competency.id),
                    };
                    let texts = std::iter::once((&a.expectation.text, &shown.html))
                        .chain(a.expectation.examples.iter().zip(&shown.examples_html));
                    for (text, html) in texts {
                        let plain = markdown::to_plain_text(text);
                        for (_, id) in o.terms.find(&plain, &at, &mut HashSet::new()) {
                            marked += 1;
                            assert!(
                                html.contains(&format!("data-term=\"{id}\"")),
                                "{}/{}: `{id}` is in {text:?} but not marked there: {html}",
                                track.id,
                                level.id
                            );
                        }
                    }
                }
            }
        }
        assert!(marked > 500, "{marked} terms marked");
    }

    #[test]
    fn a_term_is_marked_again_in_each_part_of_a_page() {
        let v = bundled().level_view("product-designer", "d3").expect("d3");
        let count = |id: &str| {
            let mark = format!("data-term=\"{id}\"");
            v.competencies
                .iter()
                .flat_map(|c| &c.expectations)
                .map(|e| e.html.clone() + &e.examples_html.concat())
                .filter(|html| html.contains(&mark))
                .count()
        };
        assert!(count("usability-test") >= 3, "{}", count("usability-test"));
        assert!(count("design-system-component") >= 2);
    }

    #[test]
    fn the_hash_changes_with_the_content() {
        let a = bundled();
        let mut loaded = a.loaded.clone();
        loaded.sources[0].text.push(' ');
        assert_ne!(content_hash(&loaded), a.hash);
        assert_eq!(a.hash.len(), 12);
    }
}
