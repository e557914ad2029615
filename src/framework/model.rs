//! The framework as the rest of Rung sees it: checked, ordered, and cross-referenced.
//!
//! Text fields hold markdown as written; render it with [`crate::framework::markdown`].

use serde::Serialize;

use crate::framework::rule::PromotionRule;

/// A whole framework: metadata, competencies, glossary and tracks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Framework {
    /// The framework's name.
    pub name: String,
    /// The version label that cases record.
    pub version: String,
    /// Whether levels include the expectations of lower levels, unless a track or level says otherwise.
    pub cumulative: bool,
    /// Introduction (markdown).
    pub intro: String,
    /// Bands, lowest first.
    pub bands: Vec<Band>,
    /// Shared dimensions every level states.
    pub dimensions: Vec<Dimension>,
    /// The rating scale, lowest first.
    pub rating: Vec<ScaleStep>,
    /// Competencies, shared and craft-specific, by file name.
    pub competencies: Vec<Competency>,
    /// Glossary terms, alphabetical.
    pub glossary: Vec<Term>,
    /// Tracks, by folder name.
    pub tracks: Vec<Track>,
    /// The rule promotion cases are judged by, unless a track states its own.
    pub promotion: Option<PromotionRule>,
    /// How to use the framework (`guide.md`), when it has such a page.
    pub guide: Option<Guide>,
    /// The calibration thresholds `framework.md` overrides, when it overrides any.
    pub calibration: Option<crate::framework::calibration::Overrides>,
}

/// A band: levels of different tracks on one band ask for comparable scope and autonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    /// 1, 2, …
    pub number: u32,
    /// For example `Senior`.
    pub name: String,
    /// What the band asks for, in a sentence.
    pub summary: String,
}

/// The framework's own page on how to use it: how a promotion case is judged, what the
/// rule means, how to get a specialist's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guide {
    /// The page's title.
    pub title: String,
    /// The page (markdown).
    pub body: String,
    /// Source file.
    pub path: String,
}

/// A shared dimension, such as scope or autonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dimension {
    /// Identifier used as a key in level files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the dimension measures.
    pub description: String,
}

/// One step of the framework's rating scale, which cases rate expectations on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleStep {
    /// Identifier stored in cases.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What a rating of this step means.
    pub description: String,
}

/// A competency: an area of expectations, shared or specific to some tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Competency {
    /// Identifier.
    pub id: String,
    /// Name, used as a section heading in level files.
    pub name: String,
    /// The tracks that use it; `None` when every track does.
    pub tracks: Option<Vec<String>>,
    /// Description (markdown).
    pub description: String,
    /// What good evidence looks like (markdown items).
    pub evidence: Vec<String>,
    /// Questions a non-specialist can ask a specialist (markdown items).
    pub questions: Vec<String>,
    /// Judging aids: one entry per band (`## Band 3`), then one per level that overrides
    /// its band (`## d3`), in file order within each.
    pub aids: Vec<JudgingAids>,
    /// Source file.
    pub path: String,
}

/// What a reviewer can see at one band, or at one level of one track: signals that the
/// work falls short, meets or goes beyond the level, and anchor examples.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JudgingAids {
    /// The band the aids are for; for a level's aids, that level's band.
    pub band: u32,
    /// For one level only, `(track, level)`: its lists override the band's there.
    pub level: Option<(String, String)>,
    /// Signals that the work is not yet at the level (markdown items).
    pub not_yet: Vec<String>,
    /// Signals that the work meets it (markdown items).
    pub meets: Vec<String>,
    /// Signals that the work goes beyond it (markdown items).
    pub beyond: Vec<String>,
    /// Anchor examples of work at the level (markdown items).
    pub anchors: Vec<String>,
}

impl JudgingAids {
    /// Whether it lists nothing.
    pub fn is_empty(&self) -> bool {
        self.not_yet.is_empty()
            && self.meets.is_empty()
            && self.beyond.is_empty()
            && self.anchors.is_empty()
    }
}

impl Competency {
    /// Whether the track `track_id` uses this competency.
    pub fn applies_to(&self, track_id: &str) -> bool {
        self.tracks
            .as_ref()
            .is_none_or(|tracks| tracks.iter().any(|t| t == track_id))
    }

    /// The judging aids for `level` of track `track_id`: its band's, with each list the
    /// level's own aids give put in place of the band's; `None` when neither exists.
    pub fn aids_at(&self, track_id: &str, level: &Level) -> Option<JudgingAids> {
        let band = self
            .aids
            .iter()
            .find(|a| a.level.is_none() && a.band == level.band);
        let own = self.aids.iter().find(|a| {
            a.level
                .as_ref()
                .is_some_and(|(t, l)| t == track_id && *l == level.id)
        });
        let mut out = match (band, own) {
            (None, None) => return None,
            (Some(b), _) => b.clone(),
            (None, Some(o)) => o.clone(),
        };
        if let Some(own) = own {
            let pick = |mine: &Vec<String>, theirs: &mut Vec<String>| {
                if !mine.is_empty() {
                    theirs.clone_from(mine);
                }
            };
            pick(&own.not_yet, &mut out.not_yet);
            pick(&own.meets, &mut out.meets);
            pick(&own.beyond, &mut out.beyond);
            pick(&own.anchors, &mut out.anchors);
            out.level.clone_from(&own.level);
        }
        out.band = level.band;
        Some(out)
    }
}

/// A glossary entry: one sense of a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Unique within the glossary, for links and `data-term` attributes: the term's words,
    /// lowercase, joined by `-`; followed by its scope's words when the same term has
    /// several senses.
    pub id: String,
    /// The term as written in its heading, without its scope.
    pub term: String,
    /// Plain-language definition (markdown).
    pub definition: String,
    /// Where this sense applies; empty when it applies everywhere.
    #[serde(skip_serializing_if = "TermScope::is_empty")]
    pub scope: TermScope,
    /// Source file.
    pub path: String,
}

/// Where the sense of a glossary entry applies: on the pages of some crafts or tracks,
/// or in the sections of some competencies. An empty scope applies everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TermScope {
    /// Crafts (a track's `craft`) on whose level pages it applies.
    pub crafts: Vec<String>,
    /// Tracks on whose level pages it applies.
    pub tracks: Vec<String>,
    /// Competencies in whose sections (expectations and how to judge them) it applies.
    pub competencies: Vec<String>,
}

impl TermScope {
    /// Whether the entry applies everywhere.
    pub fn is_empty(&self) -> bool {
        self.crafts.is_empty() && self.tracks.is_empty() && self.competencies.is_empty()
    }

    /// Every value of the scope, competencies first, then tracks, then crafts.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.competencies
            .iter()
            .chain(&self.tracks)
            .chain(&self.crafts)
            .map(String::as_str)
    }
}

/// The id of a glossary term: its words, lowercase, joined by `-`.
pub fn term_id(term: &str) -> String {
    term.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Individual contributor or manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CareerPath {
    /// Grows by the size of the work the person does themselves.
    IndividualContributor,
    /// Grows by the size of the organisation the person leads.
    Manager,
}

impl CareerPath {
    /// The value used in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            CareerPath::IndividualContributor => "individual-contributor",
            CareerPath::Manager => "manager",
        }
    }
}

/// A track: one role and its levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Track {
    /// Identifier.
    pub id: String,
    /// The role's name.
    pub name: String,
    /// The craft, for example `engineering` or `design`.
    pub craft: String,
    /// Individual contributor or manager.
    pub career_path: CareerPath,
    /// One sentence on the role.
    pub summary: String,
    /// Overrides the framework's `cumulative`.
    pub cumulative: Option<bool>,
    /// The lowest band the track means to have a level on, when it starts above the other
    /// tracks of its career path.
    pub first_band: Option<u32>,
    /// The highest band the track means to have a level on, when it ends below them.
    pub last_band: Option<u32>,
    /// The role definition.
    pub role: RoleDefinition,
    /// Levels, lowest band first. Shared: a reload that leaves a track's files as they
    /// were keeps its levels without copying them.
    pub levels: std::sync::Arc<Vec<Level>>,
    /// The track's own promotion rule, which replaces the framework's.
    pub promotion: Option<PromotionRule>,
    /// Source file of the track.
    pub source: String,
}

/// What a role is and is not (markdown sections of `track.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoleDefinition {
    /// Why the role exists.
    pub purpose: String,
    /// What the role answers for.
    pub responsibilities: String,
    /// What the role decides, and what it does not.
    pub decision_rights: String,
    /// How it works with the other roles of a cross-functional team.
    pub working_with_others: String,
}

/// One level of a track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    /// Identifier, unique within the track.
    pub id: String,
    /// Title, for example `Senior Product Designer`.
    pub title: String,
    /// Band number.
    pub band: u32,
    /// One or two sentences.
    pub summary: String,
    /// The shared dimensions in plain words, in the framework's order.
    pub dimensions: Vec<DimensionStatement>,
    /// Overrides the track's `cumulative`.
    pub cumulative: Option<bool>,
    /// Introduction (markdown).
    pub intro: String,
    /// One section per competency, in file order.
    pub sections: Vec<Section>,
    /// Source file.
    pub source: String,
}

/// What a level says about one shared dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionStatement {
    /// The dimension's id.
    pub dimension: String,
    /// The level's statement.
    pub text: String,
}

/// The expectations of one competency at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The competency's id.
    pub competency: String,
    /// Expectations, in file order.
    pub expectations: Vec<Expectation>,
    /// Paragraphs outside the list (markdown).
    pub notes: Vec<String>,
}

/// One expectation: something a person at this level does that others can observe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expectation {
    /// Stable ID: `track/level/key`.
    pub id: String,
    /// The key within the level, derived or explicit.
    pub key: String,
    /// Whether the key was written by the author (`{#key}`).
    pub explicit: bool,
    /// The expectation (markdown, without the `{#key}`).
    pub text: String,
    /// Examples (markdown).
    pub examples: Vec<String>,
    /// 1-based line in the source file.
    pub line: usize,
    /// The full IDs of the lower expectations this one replaces (`{replaces=LEVEL/KEY}`):
    /// it is their stronger form, and they are no longer inherited from here up.
    pub replaces: Vec<String>,
}

/// An expectation as it applies at some level, possibly inherited from a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applicable<'a> {
    /// The level that states it.
    pub from: &'a Level,
    /// The competency it belongs to.
    pub competency: &'a str,
    /// The expectation.
    pub expectation: &'a Expectation,
}

impl Framework {
    /// The track with this id.
    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// The competency with this id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// `rule` in plain words, with the names of this framework's rating scale.
    pub fn rule_words(&self, rule: &PromotionRule) -> String {
        rule.words(|id| {
            self.rating
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_owned(), |s| s.name.clone())
        })
    }

    /// The promotion rule in force for `track`: its own, or else the framework's.
    pub fn rule_for<'a>(&'a self, track: &'a Track) -> Option<&'a PromotionRule> {
        track.promotion.as_ref().or(self.promotion.as_ref())
    }

    /// The band with this number.
    pub fn band(&self, number: u32) -> Option<&Band> {
        self.bands.iter().find(|b| b.number == number)
    }

    /// The competencies a track uses: first in the order its levels name them, then the rest.
    pub fn competencies_of(&self, track: &Track) -> Vec<&Competency> {
        let mut out: Vec<&Competency> = Vec::new();
        let named = track
            .levels
            .iter()
            .flat_map(|l| l.sections.iter().map(|s| s.competency.as_str()));
        let rest = self.competencies.iter().map(|c| c.id.as_str());
        for id in named.chain(rest) {
            if let Some(c) = self.competency(id) {
                if c.applies_to(&track.id) && !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Whether `level` of `track` includes the expectations of the level below it.
    pub fn is_cumulative(&self, track: &Track, level: &Level) -> bool {
        level
            .cumulative
            .or(track.cumulative)
            .unwrap_or(self.cumulative)
    }

    /// The levels whose expectations apply at `level`: itself first, then, while
    /// expectations are cumulative, each level below it.
    pub fn chain<'a>(&self, track: &'a Track, level: &'a Level) -> Vec<&'a Level> {
        let mut chain = vec![level];
        let mut current = level;
        while self.is_cumulative(track, current) {
            match track.levels.iter().rev().find(|l| l.band < current.band) {
                Some(below) => {
                    chain.push(below);
                    current = below;
                }
                None => break,
            }
        }
        chain
    }

    /// Every expectation that applies at `level`, grouped by competency in the track's
    /// order; within a competency, the level's own first, then inherited ones from the
    /// nearest level down.
    ///
    /// An inherited expectation that a level of the chain replaces (`replaces=`) no
    /// longer applies: its stronger form does.
    pub fn applicable<'a>(&'a self, track: &'a Track, level: &'a Level) -> Vec<Applicable<'a>> {
        let chain = self.chain(track, level);
        let replaced: std::collections::HashSet<&str> = chain
            .iter()
            .flat_map(|l| l.sections.iter())
            .flat_map(|s| s.expectations.iter())
            .flat_map(|e| e.replaces.iter().map(String::as_str))
            .collect();
        let mut out = Vec::new();
        for competency in self.competencies_of(track) {
            for from in &chain {
                for section in from
                    .sections
                    .iter()
                    .filter(|s| s.competency == competency.id)
                {
                    for expectation in &section.expectations {
                        if replaced.contains(expectation.id.as_str()) {
                            continue;
                        }
                        out.push(Applicable {
                            from,
                            competency: &competency.id,
                            expectation,
                        });
                    }
                }
            }
        }
        out
    }
}

impl Track {
    /// The level with this id.
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }
}
