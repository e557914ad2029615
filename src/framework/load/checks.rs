//! Checks across files, and assembling the checked parts into a [`Framework`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::files::{CompetencyFile, FrameworkFile, LevelFile, Pos, TermEntry, TrackFile};
use super::item::Prepared;
use crate::framework::diagnostic::{Code, Diagnostic, Severity};
use crate::framework::expectation_id;
use crate::framework::model::{
    Competency, DimensionStatement, Expectation, Framework, Level, Section, Track,
};
use crate::framework::rule;
use crate::framework::source::SourceFile;
use crate::framework::suggest;

/// Everything read from the files, before cross-file checks. Each entry keeps the index
/// of its source file.
#[derive(Default)]
pub(crate) struct Gathered {
    pub framework: Option<FrameworkFile>,
    /// `guide.md`, when the folder has one that reads.
    pub guide: Option<crate::framework::model::Guide>,
    pub competencies: Vec<(usize, CompetencyFile)>,
    pub terms: Vec<(usize, TermEntry)>,
    /// The craft words of every glossary file, for the `missing-term` lint.
    pub craft_words: Vec<String>,
    pub tracks: Vec<(usize, String, TrackFile)>,
    /// Shared with a [`super::Loader`]'s copy, which keeps it for the next load.
    pub levels: Vec<(usize, String, Arc<LevelFile>)>,
    /// Folders whose `track.md` failed to load.
    pub broken_tracks: Vec<String>,
}

/// What assembling each track gave at the last load, for a [`super::Loader`] to reuse.
#[derive(Default)]
pub(crate) struct TrackCache {
    /// What every track's levels were checked against.
    context: Option<Context>,
    /// By the path of the track's `track.md`.
    tracks: HashMap<String, CachedTrack>,
}

impl TrackCache {
    /// The inherited-supervision warnings of a track as last worked out, if its levels
    /// are the same ones since.
    pub(crate) fn supervision(&self, track: &Track) -> Option<&[Diagnostic]> {
        self.tracks.get(&track.source)?.supervision.as_deref()
    }

    /// Keeps the inherited-supervision warnings of a track assembled by this load.
    pub(crate) fn keep_supervision(&mut self, track: &Track, diagnostics: Vec<Diagnostic>) {
        if let Some(entry) = self.tracks.get_mut(&track.source) {
            entry.supervision = Some(diagnostics);
        }
    }
}

/// A cache and the version of each source file, by index: a new version is a new text.
pub(crate) struct Reuse<'a> {
    pub cache: &'a mut TrackCache,
    pub versions: &'a [u64],
}

/// Everything outside a track that checking its levels reads.
#[derive(PartialEq)]
struct Context {
    has_meta: bool,
    bands: Vec<u32>,
    dimensions: Vec<String>,
    competencies: Vec<Competency>,
    cumulative: bool,
}

/// What checking a track's levels read from the track itself and its files.
#[derive(PartialEq)]
struct TrackKey {
    /// The track, before its levels are added.
    track: Track,
    /// Each level file's path and version, and whether it had errors before.
    levels: Vec<(String, u64, bool)>,
}

struct CachedTrack {
    key: TrackKey,
    /// Shared with the track of the framework assembled, never copied.
    levels: Arc<Vec<Level>>,
    diagnostics: Vec<Diagnostic>,
    /// Worked out after assembly, from the whole framework.
    supervision: Option<Vec<Diagnostic>>,
}

pub(crate) fn assemble(
    parsed: Gathered,
    sources: &[SourceFile],
    mut cache: Option<Reuse<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Framework {
    let has_meta = parsed.framework.is_some();
    let mut meta = parsed.framework;
    let framework_rule = meta.as_mut().and_then(|m| m.promotion.take());
    let guide = parsed.guide;
    let mut framework = match meta {
        Some(m) => Framework {
            name: m.name,
            version: m.version,
            cumulative: m.cumulative,
            intro: m.intro,
            bands: m.bands,
            dimensions: m.dimensions,
            rating: m.rating,
            calibration: m.calibration,
            ..Framework::default()
        },
        None => Framework {
            cumulative: true,
            ..Framework::default()
        },
    };

    framework.guide = guide;
    let rating_ids: Vec<String> = framework.rating.iter().map(|r| r.id.clone()).collect();
    if let (Some(read), Some(file)) = (
        framework_rule,
        sources.iter().find(|s| s.path == "framework.md"),
    ) {
        framework.promotion = rule::checked(read, &rating_ids, file, diagnostics);
    }

    // Tracks first: competencies refer to them.
    let mut career_path_positions: Vec<(usize, Pos)> = Vec::new();
    let mut track_folders: HashMap<String, usize> = HashMap::new();
    for (index, folder, t) in parsed.tracks {
        let file = &sources[index];
        if let Some(first) = framework.tracks.iter().find(|x| x.id == t.id) {
            diagnostics.push(
                t.id_pos
                    .diagnostic(
                        Code::DuplicateId,
                        file,
                        format!("track `{}` is defined twice", t.id),
                    )
                    .with_help(format!(
                        "it is also defined in `{}`; give one of them another id",
                        first.source
                    )),
            );
            continue;
        }
        track_folders.insert(folder, framework.tracks.len());
        let promotion = t
            .promotion
            .and_then(|r| rule::checked(r, &rating_ids, file, diagnostics));
        framework.tracks.push(Track {
            id: t.id,
            name: t.name,
            craft: t.craft,
            career_path: t.career_path,
            summary: t.summary,
            cumulative: t.cumulative,
            first_band: t.first_band,
            last_band: t.last_band,
            role: t.role,
            levels: Arc::default(),
            promotion,
            source: file.path.clone(),
        });
        career_path_positions.push((index, t.career_path_pos));
    }

    let track_ids: Vec<String> = framework.tracks.iter().map(|t| t.id.clone()).collect();
    let mut aids = Vec::new();
    for (index, mut c) in parsed.competencies {
        let blocks = std::mem::take(&mut c.aids);
        let id_at = (c.id_pos.offset, c.id_pos.len);
        if add_competency(
            &mut framework.competencies,
            c,
            &sources[index],
            (&track_ids, &parsed.broken_tracks),
            diagnostics,
        ) {
            aids.push(super::aids::Pending {
                competency: framework.competencies.len() - 1,
                file: index,
                id_at,
                blocks,
            });
        }
    }

    let term_entries = parsed.terms;

    let mut by_track: Vec<Vec<(usize, Arc<LevelFile>)>> =
        framework.tracks.iter().map(|_| Vec::new()).collect();
    for (index, folder, level) in parsed.levels {
        match track_folders.get(&folder) {
            Some(&t) => by_track[t].push((index, level)),
            None if parsed.broken_tracks.contains(&folder) => {}
            None => diagnostics.push(
                Diagnostic::file(
                    Code::MissingTrack,
                    &sources[index].path,
                    format!("the folder `tracks/{folder}` has no usable `track.md`, so this level belongs to no track"),
                )
                .with_help(format!("create or fix `tracks/{folder}/track.md`")),
            ),
        }
    }

    let framework_ref = FrameworkRef {
        has_meta,
        bands: framework.bands.iter().map(|b| b.number).collect(),
        dimensions: framework.dimensions.iter().map(|d| d.id.clone()).collect(),
        competencies: &framework.competencies,
    };
    // A track's levels are checked against each other and against what `Context` holds,
    // and nothing else: while those are as before, so is what checking them gives.
    if let Some(reuse) = cache.as_mut() {
        let context = Context {
            has_meta,
            bands: framework_ref.bands.clone(),
            dimensions: framework_ref.dimensions.clone(),
            competencies: framework.competencies.clone(),
            cumulative: framework.cumulative,
        };
        if reuse.cache.context.as_ref() != Some(&context) {
            reuse.cache.tracks.clear();
            reuse.cache.context = Some(context);
        }
    }
    // The files with errors so far: a level with errors is spared some lints.
    let errors: HashSet<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.clone())
        .collect();
    let mut kept: HashMap<String, CachedTrack> = HashMap::new();
    for (track, levels) in framework.tracks.iter_mut().zip(by_track) {
        let Some(reuse) = cache.as_mut() else {
            track.levels = Arc::new(track_levels(
                track,
                levels,
                sources,
                &framework_ref,
                &errors,
                diagnostics,
            ));
            continue;
        };
        let key = TrackKey {
            track: track.clone(),
            levels: levels
                .iter()
                .map(|(i, _)| {
                    let path = sources[*i].path.as_str();
                    (path.to_owned(), reuse.versions[*i], errors.contains(path))
                })
                .collect(),
        };
        let folder = track.source.clone();
        let entry = match reuse.cache.tracks.remove(&folder) {
            Some(entry) if entry.key == key => entry,
            _ => {
                let mut produced = Vec::new();
                let levels = track_levels(
                    track,
                    levels,
                    sources,
                    &framework_ref,
                    &errors,
                    &mut produced,
                );
                CachedTrack {
                    key,
                    levels: Arc::new(levels),
                    diagnostics: produced,
                    supervision: None,
                }
            }
        };
        track.levels = Arc::clone(&entry.levels);
        diagnostics.extend(entry.diagnostics.iter().cloned());
        kept.insert(folder, entry);
    }
    if let Some(reuse) = cache.as_mut() {
        reuse.cache.tracks = kept;
    }
    for track in &framework.tracks {
        if track.levels.is_empty() {
            if let Some(file) = sources.iter().find(|s| s.path == track.source) {
                diagnostics.push(
                    Diagnostic::file(
                        Code::EmptyTrack,
                        &file.path,
                        format!("track `{}` has no levels", track.id),
                    )
                    .with_help("add one file per level beside `track.md`"),
                );
            }
        }
    }
    band_coverage(&framework, &career_path_positions, sources, diagnostics);
    // Judging aids name bands and levels, so they are checked once the levels are.
    super::aids::resolve(&mut framework, has_meta, aids, sources, diagnostics);
    // The glossary last: its scopes name tracks, crafts and competencies, and its lint
    // reads the levels.
    framework.glossary = super::glossary::assemble(
        term_entries,
        &framework,
        &parsed.broken_tracks,
        sources,
        diagnostics,
    );
    super::glossary::unexplained_craft_words(&framework, &parsed.craft_words, sources, diagnostics);
    framework
}

/// Warns where a track has no level on a band that other tracks of its career path have one on,
/// outside its own span (inside it, that is a `band-gap`), unless the track says it
/// starts higher (`first_band`) or ends lower (`last_band`).
fn band_coverage(
    framework: &Framework,
    career_path_positions: &[(usize, Pos)],
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (track, (index, pos)) in framework.tracks.iter().zip(career_path_positions) {
        let own: Vec<u32> = track.levels.iter().map(|l| l.band).collect();
        let (Some(low), Some(high)) = (own.iter().min(), own.iter().max()) else {
            continue;
        };
        let mut missing: Vec<(u32, &str)> = Vec::new();
        for other in framework
            .tracks
            .iter()
            .filter(|o| o.id != track.id && o.career_path == track.career_path)
        {
            for level in other.levels.iter() {
                let b = level.band;
                let declared_out = track.first_band.is_some_and(|f| b < f)
                    || track.last_band.is_some_and(|l| b > l);
                if (b < *low || b > *high) && !declared_out && !missing.iter().any(|(m, _)| *m == b)
                {
                    missing.push((b, &other.id));
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        missing.sort();
        let list: Vec<String> = missing
            .iter()
            .map(|(b, other)| format!("{b} (where `{other}` has one)"))
            .collect();
        let below = missing.iter().any(|(b, _)| b < low);
        let key = if below { "first_band" } else { "last_band" };
        let example = if below { *low } else { *high };
        diagnostics.push(
            pos.diagnostic(
                Code::BandWithoutLevel,
                &sources[*index],
                format!(
                    "track `{}` has no level on band {}",
                    track.id,
                    list.join(", ")
                ),
            )
            .with_help(format!(
                "add a level on that band, or say the track is meant to stop short of it with `{key}: {example}`"
            )),
        );
    }
}

struct FrameworkRef<'a> {
    has_meta: bool,
    bands: Vec<u32>,
    dimensions: Vec<String>,
    competencies: &'a [Competency],
}

fn add_competency(
    competencies: &mut Vec<Competency>,
    c: CompetencyFile,
    file: &SourceFile,
    (track_ids, broken_tracks): (&[String], &[String]),
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(first) = competencies.iter().find(|x| x.id == c.competency.id) {
        diagnostics.push(
            c.id_pos
                .diagnostic(
                    Code::DuplicateId,
                    file,
                    format!("competency `{}` is defined twice", c.competency.id),
                )
                .with_help(format!(
                    "it is also defined in `{}`; give one of them another id",
                    first.path
                )),
        );
        return false;
    }
    for (track, pos) in c.competency.tracks.iter().flatten().zip(&c.track_pos) {
        if !track_ids.contains(track) && !broken_tracks.contains(track) {
            let hint = suggest::hint(track, track_ids.iter().map(String::as_str));
            diagnostics.push(
                pos.diagnostic(
                    Code::UnknownTrack,
                    file,
                    format!("no track has the id `{track}`{hint}"),
                )
                .with_help(if track_ids.is_empty() {
                    "the framework has no tracks yet".to_owned()
                } else {
                    format!(
                        "the tracks are {}",
                        suggest::list(track_ids.iter().map(String::as_str))
                    )
                }),
            );
        }
    }
    competencies.push(c.competency);
    true
}

/// Checks a track's levels against each other and the framework. `errors` holds the files
/// with errors found before; `diagnostics` receives only what this finds.
fn track_levels(
    track: &Track,
    levels: Vec<(usize, Arc<LevelFile>)>,
    sources: &[SourceFile],
    framework: &FrameworkRef<'_>,
    errors: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Level> {
    let mut out: Vec<(Level, Pos, usize, Pending)> = Vec::new();
    for (index, l) in levels {
        // Shared with a loader's copy, this level is copied; on its own, it is moved.
        let mut l = Arc::unwrap_or_clone(l);
        let file = &sources[index];
        if let Some((first, ..)) = out.iter().find(|(x, ..)| x.id == l.id) {
            diagnostics.push(
                l.id_pos
                    .diagnostic(
                        Code::DuplicateId,
                        file,
                        format!("level `{}` of track `{}` is defined twice", l.id, track.id),
                    )
                    .with_help(format!(
                        "it is also defined in `{}`; give one of them another id",
                        first.source
                    )),
            );
            continue;
        }
        if framework.has_meta && !framework.bands.contains(&l.band) {
            let bands: Vec<String> = framework.bands.iter().map(u32::to_string).collect();
            diagnostics.push(
                l.band_pos
                    .diagnostic(
                        Code::UnknownBand,
                        file,
                        format!("band {} is not defined in `framework.md`", l.band),
                    )
                    .with_help(format!("the bands are {}", bands.join(", "))),
            );
        }
        if let Some((other, ..)) = out.iter().find(|(x, ..)| x.band == l.band) {
            diagnostics.push(
                l.band_pos
                    .diagnostic(
                        Code::DuplicateBand,
                        file,
                        format!(
                            "levels `{}` and `{}` of track `{}` are both on band {}",
                            other.id, l.id, track.id, l.band
                        ),
                    )
                    .with_help("each level of a track sits on its own band"),
            );
        }
        let dimensions = dimensions(&l, file, framework, diagnostics);
        let items = std::mem::take(&mut l.items);
        let mut pending = Pending::default();
        let sections = sections(
            track,
            &l,
            items,
            file,
            framework.competencies,
            &mut pending,
            diagnostics,
        );
        pending.id_pos = l.id_pos;
        let band_pos = l.band_pos;
        out.push((
            Level {
                id: l.id,
                title: l.title,
                band: l.band,
                summary: l.summary,
                dimensions,
                cumulative: l.cumulative,
                intro: l.body.intro,
                sections,
                source: file.path.clone(),
            },
            band_pos,
            index,
            pending,
        ));
    }
    out.sort_by(|a, b| (a.0.band, &a.0.id).cmp(&(b.0.band, &b.0.id)));

    if framework.has_meta {
        for pair in out.windows(2) {
            let (low, high) = (&pair[0], &pair[1]);
            let position = |band: u32| framework.bands.iter().position(|b| *b == band);
            if let (Some(a), Some(b)) = (position(low.0.band), position(high.0.band)) {
                if b > a + 1 {
                    let missing: Vec<String> = framework.bands[a + 1..b]
                        .iter()
                        .map(u32::to_string)
                        .collect();
                    let file = &sources[high.2];
                    diagnostics.push(
                        high.1
                            .diagnostic(
                                Code::BandGap,
                                file,
                                format!(
                                    "track `{}` has no level on band {} between `{}` (band {}) and `{}` (band {})",
                                    track.id,
                                    missing.join(", "),
                                    low.0.id,
                                    low.0.band,
                                    high.0.id,
                                    high.0.band
                                ),
                            )
                            .with_help("add the missing level, or move this one down"),
                    );
                }
            }
        }
    }
    resolve_replaces(track, &mut out, sources, diagnostics);
    growth_lints(&out, sources, errors, diagnostics);
    out.into_iter().map(|(l, ..)| l).collect()
}

/// What a level's checks across levels need from its file.
#[derive(Default)]
struct Pending {
    /// Where the level's `id` is, for lints about the level as a whole.
    id_pos: Pos,
    /// `(expectation id, level/key it replaces, offset of the reference)`.
    replaces: Vec<(String, String, usize)>,
}

/// Checks each `replaces=LEVEL/KEY` against the lower levels of the track, and records
/// the full IDs of those that name a lower expectation.
fn resolve_replaces(
    track: &Track,
    levels: &mut [(Level, Pos, usize, Pending)],
    sources: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for i in 0..levels.len() {
        let file = &sources[levels[i].2];
        let mut resolved: Vec<(String, String)> = Vec::new();
        for (expectation, reference, at) in &levels[i].3.replaces {
            let here = &levels[i].0;
            let (level_id, key) = reference.split_once('/').unwrap_or(("", reference));
            let problem = match levels.iter().find(|(l, ..)| l.id == level_id) {
                None => {
                    let hint = suggest::hint(level_id, levels.iter().map(|(l, ..)| l.id.as_str()));
                    Some(format!(
                        "track `{}` has no level `{level_id}`{hint}",
                        track.id
                    ))
                }
                Some((lower, ..)) if lower.band >= here.band => Some(format!(
                    "`{level_id}` is not below `{}`: an expectation replaces only lower ones",
                    here.id
                )),
                Some((lower, ..)) => {
                    let keys = lower
                        .sections
                        .iter()
                        .flat_map(|s| s.expectations.iter().map(|e| e.key.as_str()));
                    if keys.clone().any(|k| k == key) {
                        let target = expectation_id::full_id(&track.id, level_id, key);
                        let pair = (expectation.clone(), target);
                        // Naming one expectation twice says nothing more.
                        if !resolved.contains(&pair) {
                            resolved.push(pair);
                        }
                        None
                    } else {
                        let hint = suggest::hint(key, keys);
                        Some(format!(
                            "level `{level_id}` has no expectation `{key}`{hint}"
                        ))
                    }
                }
            };
            if let Some(message) = problem {
                diagnostics.push(
                    Diagnostic::at(Code::UnknownReplaced, file, *at, reference.len(), message)
                        .with_help("write `replaces=LEVEL/KEY` with the key of an expectation of a lower level of this track (`rung show TRACK LEVEL --ids` lists them)"),
                );
            }
        }
        for section in &mut levels[i].0.sections {
            for e in &mut section.expectations {
                e.replaces.extend(
                    resolved
                        .iter()
                        .filter(|(id, _)| *id == e.id)
                        .map(|(_, target)| target.clone()),
                );
            }
        }
    }
}

/// How many expectations a level states per competency.
fn own_counts(level: &Level) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for s in &level.sections {
        *counts.entry(s.competency.as_str()).or_default() += s.expectations.len();
    }
    counts
}

/// Warns where a level adds nothing to a competency the level below it covers, and
/// where one step between levels is far larger or smaller than the track's usual step.
fn growth_lints(
    levels: &[(Level, Pos, usize, Pending)],
    sources: &[SourceFile],
    errors: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A level with errors has lost sections already: the lint would only repeat them.
    let with_errors: HashSet<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.clone())
        .collect();
    let has_errors = |index: usize| {
        let path = sources[index].path.as_str();
        errors.contains(path) || with_errors.contains(path)
    };
    for pair in levels.windows(2) {
        let (low, high) = (&pair[0], &pair[1]);
        if has_errors(high.2) {
            continue;
        }
        let file = &sources[high.2];
        let own = own_counts(&high.0);
        for section in &low.0.sections {
            let same = high
                .0
                .sections
                .iter()
                .find(|s| s.competency == section.competency)
                .is_some_and(|s| {
                    s.expectations
                        .iter()
                        .all(|e| section.expectations.iter().any(|x| x.text == e.text))
                });
            if !own.contains_key(section.competency.as_str()) || same {
                diagnostics.push(
                    high.3
                        .id_pos
                        .diagnostic(
                            Code::NoGrowth,
                            file,
                            format!(
                                "level `{}` adds nothing to `{}` over `{}`",
                                high.0.id, section.competency, low.0.id
                            ),
                        )
                        .with_help("say what grows in this competency at this level, or how the level below is exceeded"),
                );
            }
        }
    }
    let steps: Vec<usize> = levels
        .iter()
        .skip(1)
        .map(|(l, ..)| l.sections.iter().map(|s| s.expectations.len()).sum())
        .collect();
    if steps.len() < 3 {
        return;
    }
    let mut sorted = steps.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    if median < 4 {
        return;
    }
    for ((level, _, index, pending), step) in levels.iter().skip(1).zip(&steps) {
        let (big, small) = (*step * 2 > median * 5, *step * 5 < median * 2);
        if big || small {
            diagnostics.push(
                pending
                    .id_pos
                    .diagnostic(
                        Code::UnevenSteps,
                        &sources[*index],
                        format!(
                            "level `{}` states {step} expectations, against {median} for a typical level of this track: a {} step",
                            level.id,
                            if big { "much larger" } else { "much smaller" }
                        ),
                    )
                    .with_help("balance the steps, so that each level asks for a comparable amount of growth"),
            );
        }
    }
}

fn dimensions(
    level: &LevelFile,
    file: &SourceFile,
    framework: &FrameworkRef<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<DimensionStatement> {
    let known = &framework.dimensions;
    let mut out = Vec::new();
    for (id, pos, text) in &level.dimensions {
        if framework.has_meta && !known.contains(id) {
            let hint = suggest::hint(id, known.iter().map(String::as_str));
            diagnostics.push(
                pos.diagnostic(
                    Code::UnknownDimension,
                    file,
                    format!("unknown dimension `{id}`{hint}"),
                )
                .with_help(format!(
                    "the dimensions are {}",
                    suggest::list(known.iter().map(String::as_str))
                )),
            );
            continue;
        }
        out.push(DimensionStatement {
            dimension: id.clone(),
            text: text.clone(),
        });
    }
    for id in known {
        if !level.dimensions.iter().any(|(d, _, _)| d == id) {
            diagnostics.push(
                level
                    .dimensions_pos
                    .diagnostic(
                        Code::MissingDimension,
                        file,
                        format!("level `{}` does not state the dimension `{id}`", level.id),
                    )
                    .with_help(format!(
                        "add `{id}: …` under `dimensions:`, one plain sentence"
                    )),
            );
        }
    }
    out.sort_by_key(|s| known.iter().position(|k| *k == s.dimension));
    out
}

fn sections(
    track: &Track,
    level: &LevelFile,
    prepared: Vec<Vec<Prepared>>,
    file: &SourceFile,
    competencies: &[Competency],
    pending: &mut Pending,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let usable: Vec<&Competency> = competencies
        .iter()
        .filter(|c| c.applies_to(&track.id))
        .collect();
    let mut prepared = prepared.into_iter();
    for s in &level.body.sections {
        let items = prepared.next().unwrap_or_default();
        let heading_at = |code: Code, message: String| {
            Diagnostic::at(
                code,
                file,
                s.heading_range.start,
                s.heading_range.len(),
                message,
            )
        };
        let matches = |c: &Competency| {
            c.name.eq_ignore_ascii_case(&s.heading) || c.id.eq_ignore_ascii_case(&s.heading)
        };
        // A heading that is exactly one competency's id or name is that one, before any
        // whose name or id it matches whatever the case.
        let exact = usable
            .iter()
            .find(|c| c.id == s.heading)
            .or_else(|| usable.iter().find(|c| c.name == s.heading));
        let Some(competency) = exact.or_else(|| usable.iter().find(|c| matches(c))) else {
            let diagnostic = match competencies.iter().find(|c| matches(c)) {
                Some(other) => heading_at(
                    Code::UnknownCompetency,
                    format!(
                        "competency `{}` is not used by track `{}`",
                        other.name, track.id
                    ),
                )
                .with_help(format!(
                    "add `{}` to `tracks` in `{}`, or remove this section",
                    track.id, other.path
                )),
                None => {
                    let hint = suggest::hint(&s.heading, usable.iter().map(|c| c.name.as_str()));
                    heading_at(
                        Code::UnknownCompetency,
                        format!("unknown competency `{}`{hint}", s.heading),
                    )
                    .with_help(format!(
                        "the competencies of track `{}` are {}",
                        track.id,
                        suggest::list(usable.iter().map(|c| c.name.as_str()))
                    ))
                }
            };
            diagnostics.push(diagnostic);
            continue;
        };
        if out.iter().any(|x| x.competency == competency.id) {
            diagnostics.push(
                heading_at(
                    Code::DuplicateSection,
                    format!("a second section for `{}`", competency.name),
                )
                .with_help("merge the two sections"),
            );
            continue;
        }
        if items.is_empty() {
            diagnostics.push(
                heading_at(
                    Code::EmptySection,
                    format!("the section `{}` has no expectations", s.heading),
                )
                .with_help("list the expectations as `- …` items, or remove the section"),
            );
            continue;
        }
        let mut expectations = Vec::new();
        for item in items {
            if let Some(first_line) = keys.get(&item.key) {
                diagnostics.push(
                    Diagnostic::at(
                        Code::ExpectationIdCollision,
                        file,
                        item.start,
                        0,
                        format!(
                            "this expectation has the same id `{}` as the one on line {first_line}",
                            item.key
                        ),
                    )
                    .with_help("reword the start of one of them, or give one an explicit `{#key}`"),
                );
                continue;
            }
            keys.insert(item.key.clone(), item.line);
            diagnostics.extend(item.diagnostics);
            let id = expectation_id::full_id(&track.id, &level.id, &item.key);
            for (reference, at) in item.replaces {
                pending.replaces.push((id.clone(), reference, at));
            }
            expectations.push(Expectation {
                id,
                key: item.key,
                explicit: item.explicit,
                text: item.text,
                examples: item.examples,
                line: item.line,
                replaces: Vec::new(),
            });
        }
        out.push(Section {
            competency: competency.id.clone(),
            expectations,
            notes: s.notes.clone(),
        });
    }
    out
}
