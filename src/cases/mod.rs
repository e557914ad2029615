//! Promotion cases: a person, a track, a current and a target level, the target level's
//! expectations as they were when the case began, the evidence against each, ratings with
//! their reasons, specialists' input, and the decision.
//!
//! This module owns the case as data. Storage is in [`store`] (SQLite, every change kept
//! in a history); what changed between two states of a case is in [`history`]. The rules
//! the app and the `rung` tool share live here too: starting a case under a fresh id
//! ([`create`]), the limits on what a person types ([`limits`]), exporting ([`export`])
//! and reading a case file ([`exchange`]).

pub mod arrival;
pub mod backup;
pub mod blind;
pub mod check;
pub mod create;
pub mod drafts;
pub mod drift;
pub mod edit;
pub mod exchange;
pub mod export;
pub mod history;
pub mod limits;
pub mod names;
pub mod record;
pub mod restore;
pub mod review;
pub mod rule;
pub mod self_assessment;
pub mod specialist;
pub mod start;
pub mod store;
pub mod trash;
pub mod view;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest text a field of a case may hold, in characters: long enough for any honest
/// account of a piece of work, short enough that a pasted file cannot swell a case.
pub const MAX_TEXT: usize = 20_000;

/// Whether `text` is longer than [`MAX_TEXT`] characters.
pub(crate) fn too_long(text: &str) -> bool {
    // Up to MAX_TEXT bytes it cannot be; only longer texts are counted.
    text.len() > MAX_TEXT && text.chars().count() > MAX_TEXT
}

/// The most evidence items, and specialist inputs, a case may hold.
pub const MAX_ITEMS: usize = 2_000;

/// One promotion case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable identifier, chosen by whoever creates the case.
    pub id: String,
    /// Who the case is about.
    pub candidate: Candidate,
    /// The track's id.
    pub track: String,
    /// The level the person holds now.
    pub current_level: String,
    /// The level the case argues for.
    pub target_level: String,
    /// The framework the case was begun on.
    pub framework: Pinned,
    /// The track's craft when the case began; absent from cases begun before Rung
    /// pinned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub craft: Option<String>,
    /// The case owner's craft: when it is not the track's, the expectations of the
    /// craft's own competencies want a specialist's view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner_craft: Option<String>,
    /// What the track, the two levels and the competencies were called when the case
    /// began: what a person reads instead of their ids. Absent from cases begun before
    /// Rung pinned them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub names: Option<names::Names>,
    /// The target level's expectations as they read when the case began, new ones first.
    pub expectations: Vec<PinnedExpectation>,
    /// What the person did, each item attached to expectations.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// A rating and its reason per expectation, by expectation ID.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// The candidate's own ratings, from an imported self-assessment, to read beside the
    /// case owner's.
    #[serde(default)]
    pub self_ratings: BTreeMap<String, Rating>,
    /// What specialists of the craft said.
    #[serde(default)]
    pub specialists: Vec<SpecialistInput>,
    /// The case owner's reason, per expectation, for rating it differently from a
    /// specialist.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, String>>", optional)]
    pub differences: BTreeMap<String, String>,
    /// The case owner's overall recommendation.
    #[serde(default)]
    pub recommendation: Option<String>,
    /// What the committee decided.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// How many evidence and specialist ids the case has handed out, so that an id is
    /// never given twice, even after an item is removed.
    #[serde(default)]
    pub issued: u32,
    /// Whether this is a self-assessment: the candidate's own case, filled in to hand to
    /// their case owner, rather than a promotion case.
    #[serde(default)]
    pub self_assessment: bool,
    /// The case owner's name; absent from cases begun before Rung kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner: Option<String>,
    /// The period the case reviews; absent from cases begun before Rung kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub period: Option<Period>,
    /// Other reviewers' ratings (committee members), each recorded independently on the
    /// reviewer's own copy and imported, one entry per reviewer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Review>>", optional)]
    pub reviews: Vec<Review>,
    /// Ratings changed during calibration, oldest first, each with before, after and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Recalibration>>", optional)]
    pub recalibrations: Vec<Recalibration>,
    /// Calibration warnings about this case that someone acknowledged, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Acknowledgement>>", optional)]
    pub acknowledged: Vec<Acknowledgement>,
    /// Each time a calibration view showing this case revealed the names it hides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Reveal>>", optional)]
    pub reveals: Vec<Reveal>,
    /// When this file is a reviewer's copy: who it is for. Their ratings go in `ratings`;
    /// the copy holds no one else's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_for: Option<Reviewer>,
}

/// The period a case reviews, as two dates (`YYYY-MM-DD`), `from` not after `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first day.
    pub from: String,
    /// The last day.
    pub to: String,
}

/// A reviewer other than the case owner: a committee member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Their name.
    pub name: String,
    /// Their own craft; may be empty.
    #[serde(default)]
    pub craft: String,
}

/// One reviewer's ratings of a case, made without seeing anyone else's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who.
    pub reviewer: Reviewer,
    /// Their rating and reason per expectation they rated, by expectation ID.
    pub ratings: BTreeMap<String, Rating>,
}

/// A rating changed during calibration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Recalibration {
    /// The expectation's ID.
    pub expectation: String,
    /// The rating before; absent when there was none.
    #[serde(default)]
    pub before: Option<String>,
    /// The rating after.
    pub after: String,
    /// Why it changed.
    pub reason: String,
    /// When (RFC 3339), as the caller gave it.
    pub at: String,
}

/// A calibration warning someone read and accepted, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The warning's key, stable for the same cells and kind.
    pub warning: String,
    /// Why it stands.
    pub reason: String,
    /// When (RFC 3339), as the caller gave it.
    pub at: String,
}

/// Names shown on purpose in a calibration view that hides them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// When (RFC 3339), as the caller gave it.
    pub at: String,
    /// Where: which calibration, in words (`calibration of 3 cases`).
    pub context: String,
}

/// The person a case is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Their name.
    pub name: String,
    /// The name used in blind review, such as `Candidate 7`.
    pub alias: String,
}

/// The framework a case was begun on: enough to say which ladder it was judged against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Pinned {
    /// The framework's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The content hash of its files.
    pub hash: String,
    /// The git commit of the framework's folder, when it is a repository.
    #[serde(default)]
    pub commit: Option<String>,
    /// The framework's rating scale, lowest first.
    #[serde(default)]
    pub scale: Vec<ScaleStep>,
    /// The promotion rule in force for the case's track when it began. Absent when the
    /// framework stated none, or the case began before Rung pinned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<crate::framework::rule::PromotionRule>,
}

/// One step of a rating scale, as pinned in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScaleStep {
    /// The rating's id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// An expectation of the target level, as it read when the case began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PinnedExpectation {
    /// Its stable ID.
    pub id: String,
    /// Its competency's id.
    pub competency: String,
    /// Its text (markdown).
    pub text: String,
    /// Whether it is new since the current level (new ones are argued first).
    pub new: bool,
    /// Whether its competency belongs to some tracks only (a craft's own) rather than
    /// to every track.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub craft_specific: bool,
}

/// Who reported a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Reporter {
    /// The candidate.
    #[serde(rename = "self")]
    Candidate,
    /// The case owner (the STO).
    Owner,
    /// A peer.
    Peer,
    /// A specialist of the candidate's craft.
    Specialist,
}

impl Reporter {
    /// Who it is, as a sentence says it: `reported by a peer`.
    pub fn reader(self) -> &'static str {
        match self {
            Reporter::Candidate => "the candidate",
            Reporter::Owner => "the case owner",
            Reporter::Peer => "a peer",
            Reporter::Specialist => "a specialist",
        }
    }
}

/// Something the person did, with what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Identifier within the case.
    pub id: String,
    /// What happened.
    pub what: String,
    /// When, as the person wrote it (a date or a period).
    #[serde(default)]
    pub when: String,
    /// What came of it.
    #[serde(default)]
    pub outcome: String,
    /// A link to the work, if any.
    #[serde(default)]
    pub link: Option<String>,
    /// Who reports it. Cases written before it had this name call it `source`.
    #[serde(alias = "source")]
    pub reported_by: Reporter,
    /// The expectations it supports, by ID.
    pub expectations: Vec<String>,
}

/// A rating on the framework's scale, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// A rating id of the framework's scale.
    pub rating: String,
    /// Why; required for the case to be complete.
    #[serde(default)]
    pub reason: String,
}

/// A specialist's view of some expectations: who they are, what they reviewed, how they
/// rate each expectation and why, how sure they are, and any conflict of interest.
/// Views recorded before Rung structured them hold only who, craft, what they said and
/// the expectations; the rest reads as empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SpecialistInput {
    /// Identifier within the case.
    pub id: String,
    /// Who.
    pub who: String,
    /// Their craft.
    pub craft: String,
    /// Their level in it, as they give it (`e5`, `Staff designer`); may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub level: String,
    /// What they said overall; may be empty when their ratings say it.
    #[serde(default)]
    pub said: String,
    /// The expectations the view covers, by ID.
    pub expectations: Vec<String>,
    /// The work they looked at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Artefact>>", optional)]
    pub reviewed: Vec<Artefact>,
    /// Their rating of each expectation they rate, on the case's scale, with the reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, Rating>>", optional)]
    pub ratings: BTreeMap<String, Rating>,
    /// How sure they are of their view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub confidence: Option<Confidence>,
    /// Any conflict of interest they declare; empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub conflict: String,
}

/// A piece of work a specialist reviewed: a link to it, a description, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Artefact {
    /// What it is, in words.
    #[serde(default)]
    pub description: String,
    /// An http(s) or mailto link to it.
    #[serde(default)]
    pub link: Option<String>,
}

/// How sure a specialist is of their view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// They saw little of the work.
    Low,
    /// They saw enough to judge, with some doubt.
    Medium,
    /// They know the work well.
    High,
}

impl Confidence {
    /// Its word: `low`, `medium` or `high`.
    pub fn word(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// The committee's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The outcome, such as `promoted` or `not yet`.
    pub outcome: String,
    /// Why.
    pub rationale: String,
    /// Any dissent, with who dissented.
    #[serde(default)]
    pub dissent: String,
    /// Who decided.
    pub deciders: Vec<String>,
    /// When, as a date.
    pub date: String,
    /// Whether the decision promotes the candidate to the target level.
    #[serde(default)]
    pub promote: bool,
    /// Why the decision promotes although the case does not meet its promotion rule;
    /// required then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub against_rule: Option<String>,
}
