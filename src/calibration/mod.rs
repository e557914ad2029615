//! Calibration: several promotion cases side by side, expectation by expectation, with
//! the checks that keep a committee consistent.
//!
//! [`select`] picks the cases (by review period, band, track or by hand); [`calibrate`]
//! lays them out as a grid (rows are expectations, or shared competencies across tracks;
//! columns are cases), most disagreement first, blind unless asked otherwise, and raises
//! the consistency warnings of [`warnings`], each naming the cells it compares. The
//! thresholds are data ([`thresholds`]); acting on a calibration (revealing names,
//! acknowledging a warning) is in [`act`]; the committee's packet is in [`render`].

pub mod act;
mod blind;
mod grid;
pub mod render;
mod strength;
#[cfg(test)]
mod testing;
pub mod thresholds;
mod warnings;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::{self, Case};
use crate::framework::model::Framework;

pub use thresholds::{thresholds, Thresholds};

/// Which cases a calibration shows. Every part given narrows the set; none given means
/// every promotion case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Selection {
    /// Cases whose review period overlaps this one.
    #[ts(optional)]
    pub cycle: Option<cases::Period>,
    /// Cases whose target level is on this band (looked up in the open framework).
    #[ts(optional)]
    pub band: Option<u32>,
    /// Cases on this track.
    #[ts(optional)]
    pub track: Option<String>,
    /// Hand-picked case ids; empty means no restriction.
    #[ts(as = "Option<Vec<String>>", optional)]
    pub cases: Vec<String>,
}

/// The promotion cases of `cases` that `selection` picks, in the order given: never a
/// self-assessment, never a reviewer's copy.
pub fn select<'a>(
    cases: &'a [Case],
    framework: &Framework,
    selection: &Selection,
) -> Vec<&'a Case> {
    cases
        .iter()
        .filter(|c| !c.self_assessment && c.review_for.is_none())
        .filter(|c| selection.cases.is_empty() || selection.cases.contains(&c.id))
        .filter(|c| selection.track.as_ref().is_none_or(|t| *t == c.track))
        .filter(|c| {
            selection
                .band
                .is_none_or(|b| target_band(c, framework) == Some(b))
        })
        .filter(|c| {
            selection.cycle.as_ref().is_none_or(|cycle| {
                c.period
                    .as_ref()
                    .is_some_and(|p| p.from <= cycle.to && cycle.from <= p.to)
            })
        })
        .collect()
}

/// The band of a case's target level: from the open framework, else as the case pinned it.
pub(crate) fn target_band(case: &Case, framework: &Framework) -> Option<u32> {
    framework
        .track(&case.track)
        .and_then(|t| t.level(&case.target_level))
        .map(|l| l.band)
        .or_else(|| case.names.as_ref().map(|n| n.target.band))
}

/// Lays `cases` side by side: the grid, most disagreement first, and the consistency
/// warnings, unacknowledged first. Blind hides names: aliases for candidates, no owner,
/// numbered reviewers and specialists, names and gendered words replaced in every text.
pub fn calibrate(
    cases: &[&Case],
    framework: &Framework,
    thresholds: &Thresholds,
    blind: bool,
) -> Calibration {
    let blinder = blind.then(|| blind::Blinder::of(cases));
    let mut calibration = grid::grid(cases, framework, thresholds, blinder.as_ref());
    warnings::raise(&mut calibration, cases, thresholds, blinder.as_ref());
    calibration
}

/// Cases side by side, with what a committee should look at twice.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Calibration {
    /// Whether names are hidden.
    pub blind: bool,
    /// The rating scale, lowest first, of the first case; cases on another scale are
    /// compared by position.
    pub scale: Vec<cases::ScaleStep>,
    /// False when every case is on one track (rows are shared expectation IDs); true
    /// when they are not (rows are shared competencies).
    pub across_tracks: bool,
    /// One per case, in the order given.
    pub columns: Vec<Column>,
    /// Disagreement first: the largest spread first, then in framework order.
    pub rows: Vec<Row>,
    /// Unacknowledged first.
    pub warnings: Vec<Warning>,
}

/// One case, as its column's head shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Column {
    /// The case's id.
    pub case: String,
    /// The candidate's alias when blind, their name otherwise.
    pub label: String,
    /// The track's id.
    pub track: String,
    /// The track's name.
    pub track_name: String,
    /// The level held now, by its id.
    pub current_level: String,
    /// The level argued for, by its id.
    pub target_level: String,
    /// The level argued for, by its title and band.
    pub target_name: String,
    /// The target level's band, when known.
    pub band: Option<u32>,
    /// The track's craft, when the case pinned it.
    pub craft: Option<String>,
    /// The case owner's name; `None` when blind or unknown.
    pub owner: Option<String>,
    /// The case owner's craft.
    pub owner_craft: Option<String>,
    /// The period the case reviews.
    pub period: Option<cases::Period>,
    /// The decision's outcome, if decided.
    pub outcome: Option<String>,
    /// Whether the decision promotes, if decided.
    pub promote: Option<bool>,
    /// The reviewers' names; `Reviewer 1`, `Reviewer 2`… when blind.
    pub reviewers: Vec<String>,
}

/// One row of the grid: an expectation shared by the cases, or (across tracks) a
/// competency they share.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Row {
    /// The expectation's ID (one track) or the competency's id (across tracks).
    pub key: String,
    /// The competency's id.
    pub competency: String,
    /// The competency's name.
    pub competency_name: String,
    /// The expectation's words (short, plain text), or the competency's name.
    pub title: String,
    /// The largest spread of any cell in the row, in scale steps.
    pub spread: u32,
    /// Per column, in the order of the columns: that case's expectations in this row.
    pub cells: Vec<Vec<Cell>>,
}

/// One expectation of one case.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Cell {
    /// The case's id.
    pub case: String,
    /// The expectation's ID.
    pub expectation: String,
    /// The expectation's words, plain and short (names replaced when blind).
    pub text: String,
    /// Whether the expectation is new at the target level.
    pub new: bool,
    /// The case owner's rating id.
    pub rating: Option<String>,
    /// Its name on the scale.
    pub rating_name: Option<String>,
    /// The owner's reason (names and gendered words replaced when blind).
    pub reason: String,
    /// The candidate's own, each reviewer's and each specialist's rating of it.
    pub others: Vec<OtherRating>,
    /// How far apart the owner's, the reviewers' and the candidate's ratings are, in
    /// scale steps (largest minus smallest position).
    pub spread: u32,
    /// What the rating rests on.
    pub evidence: Strength,
    /// The latest change made to this rating during calibration.
    pub recalibrated: Option<cases::Recalibration>,
    /// The keys of the warnings that name this cell.
    pub warnings: Vec<String>,
}

/// A rating of a cell by someone other than the case owner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OtherRating {
    /// `self`, a reviewer's or specialist's name, or `Reviewer 1`, `Specialist 1` when
    /// blind.
    pub who: String,
    /// In what role.
    pub role: Rater,
    /// The rating id.
    pub rating: String,
    /// Its name on the scale.
    pub rating_name: String,
    /// Why (names and gendered words replaced when blind).
    pub reason: String,
}

/// Who gave a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Rater {
    /// The case owner.
    Owner,
    /// The candidate, in their self-assessment.
    Candidate,
    /// Another reviewer, a committee member.
    Reviewer,
    /// A specialist of the craft.
    Specialist,
}

/// How strong the evidence behind a cell is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Strength {
    /// Evidence items attached to the expectation.
    pub items: u32,
    /// Of those, reported by the candidate.
    pub by_candidate: u32,
    /// Reported by the case owner.
    pub by_owner: u32,
    /// Reported by a peer.
    pub by_peer: u32,
    /// Reported by a specialist.
    pub by_specialist: u32,
    /// Items with at least one weakness (see `cases::check::lint_evidence`).
    pub weak: u32,
    /// Enough items, enough of them from someone other than the candidate (see
    /// [`Thresholds`]).
    pub corroborated: bool,
    /// The evidence ids, to link to the evidence in the case.
    pub ids: Vec<String>,
}

/// Something a committee should look at twice, in one sentence naming what it compares.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Warning {
    /// Stable for the same kind and the same cells: what an acknowledgement keeps, e.g.
    /// `unequal-evidence:case-a:case-b:engineering/e4/x`.
    pub key: String,
    /// Which check raised it.
    pub kind: WarningKind,
    /// One sentence naming the cells it compares, by label and expectation words.
    pub sentence: String,
    /// The cells it compares; an expectation of `None` is the whole case.
    pub cells: Vec<CellRef>,
    /// Every case it concerns; its acknowledgement is recorded in each.
    pub cases: Vec<String>,
    /// The acknowledgement, when every case it names holds one with this key (the
    /// latest of them).
    pub acknowledged: Option<cases::Acknowledgement>,
}

/// A cell a warning names: an expectation of a case, or the whole case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellRef {
    /// The case's id.
    pub case: String,
    /// The expectation's ID; `None` for the whole case.
    pub expectation: Option<String>,
}

/// The consistency checks, in the order a committee reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// Two cases rated alike on one expectation, one on corroborated evidence, the other
    /// on one self-reported item or none.
    UnequalEvidence,
    /// A rating above the scale's middle on weak or only self-reported evidence.
    HighOnWeak,
    /// Reasons or evidence that judge personality, potential or being exceptional,
    /// far more often in one case than in the others.
    JudgesPerson,
    /// Most of a case's evidence from the end of its period, or evidence outside it.
    Recency,
    /// An owner rating well above or below the other reviewers on the same cases.
    Leniency,
    /// The owner's rating of a craft expectation departs from a specialist's, with no
    /// reason given.
    SpecialistDeparted,
    /// A case promoted with more gaps or lower ratings than one not promoted.
    DecisionOutOfLine,
    /// Calibration changes that pull ratings toward the middle, or mostly down.
    Compression,
}

impl WarningKind {
    /// Its key word: `unequal-evidence`, `high-on-weak`, ….
    pub fn word(self) -> &'static str {
        match self {
            WarningKind::UnequalEvidence => "unequal-evidence",
            WarningKind::HighOnWeak => "high-on-weak",
            WarningKind::JudgesPerson => "judges-person",
            WarningKind::Recency => "recency",
            WarningKind::Leniency => "leniency",
            WarningKind::SpecialistDeparted => "specialist-departed",
            WarningKind::DecisionOutOfLine => "decision-out-of-line",
            WarningKind::Compression => "compression",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::cases::{Period, Reporter, Review, Reviewer};

    fn period(from: &str, to: &str) -> Option<Period> {
        Some(Period {
            from: from.into(),
            to: to.into(),
        })
    }

    #[test]
    fn select_takes_promotion_cases_by_cycle_band_track_or_hand() {
        let f = framework();
        let mut a = ana("a");
        a.period = period("2026-01-01", "2026-06-30");
        let mut b = tom("b");
        b.period = period("2026-07-01", "2026-12-31");
        let c = lea("c");
        let mut own = ana("self");
        own.self_assessment = true;
        let mut copy = ana("copy");
        copy.review_for = Some(Reviewer {
            name: "Kim".into(),
            craft: String::new(),
        });
        let all = [a, b, c, own, copy];
        let ids = |s: &Selection| -> Vec<String> {
            select(&all, &f, s).iter().map(|c| c.id.clone()).collect()
        };
        assert_eq!(ids(&Selection::default()), ["a", "b", "c"]);
        let cycle = Selection {
            cycle: period("2026-06-01", "2026-06-30"),
            ..Selection::default()
        };
        assert_eq!(
            ids(&cycle),
            ["a"],
            "a case without a period is outside any cycle"
        );
        let band = |n| Selection {
            band: Some(n),
            ..Selection::default()
        };
        assert_eq!(ids(&band(4)), ["a", "b", "c"]);
        assert!(ids(&band(5)).is_empty());
        let track = Selection {
            track: Some("product-designer".into()),
            ..Selection::default()
        };
        assert_eq!(ids(&track), ["c"]);
        let hand = Selection {
            cases: vec!["b".into(), "self".into()],
            ..Selection::default()
        };
        assert_eq!(ids(&hand), ["b"]);
    }

    #[test]
    fn one_track_rows_are_expectations_with_the_most_disagreement_first() {
        let f = framework();
        let mut a = ana("a");
        let mut b = tom("b");
        let (x, y) = (exp(&a, 3), exp(&a, 5));
        rate(&mut a, &x, "meets", "Led two reviews.");
        rate(&mut b, &x, "meets", "Led one review.");
        rate(&mut b, &y, "beyond", "Ana Lima said Tom did it.");
        b.reviews.push(Review {
            reviewer: Reviewer {
                name: "Kim Park".into(),
                craft: "engineering".into(),
            },
            ratings: [(
                y.clone(),
                crate::cases::Rating {
                    rating: "emerging".into(),
                    reason: "Only once, with help.".into(),
                },
            )]
            .into(),
        });
        b.self_ratings.insert(
            x.clone(),
            crate::cases::Rating {
                rating: "emerging".into(),
                reason: String::new(),
            },
        );
        evidence(&mut a, Reporter::Peer, "2026-03", &[&x]);
        evidence(&mut a, Reporter::Candidate, "soon", &[&x, &y]);
        let cal = calibrate(&[&a, &b], &f, &Thresholds::default(), false);
        assert!(!cal.across_tracks);
        assert_eq!(cal.scale.len(), 4);
        assert_eq!(
            cal.columns
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>(),
            ["Ana Lima", "Tom Berg"]
        );
        assert_eq!(cal.columns[0].band, Some(4));
        assert_eq!(cal.columns[1].reviewers, ["Kim Park"]);
        assert_eq!(cal.rows.len(), a.expectations.len());
        // y: beyond against emerging is two steps; x: meets against emerging one.
        assert_eq!(
            (cal.rows[0].key.as_str(), cal.rows[0].spread),
            (y.as_str(), 2)
        );
        assert_eq!(
            (cal.rows[1].key.as_str(), cal.rows[1].spread),
            (x.as_str(), 1)
        );
        assert!(cal.rows[2..].iter().all(|r| r.spread == 0));
        let cell = &cal.rows[1].cells[0][0];
        assert_eq!(cell.rating_name.as_deref(), Some("Meets"));
        assert_eq!(
            (
                cell.evidence.items,
                cell.evidence.by_peer,
                cell.evidence.by_candidate
            ),
            (2, 1, 1)
        );
        assert_eq!(cell.evidence.weak, 1, "the undated item is weak");
        assert!(cell.evidence.corroborated);
        assert_eq!(cell.evidence.ids, ["ev-1", "ev-2"]);
        let other = &cal.rows[0].cells[1][0].others[0];
        assert_eq!(
            (other.who.as_str(), other.role, other.rating_name.as_str()),
            ("Kim Park", Rater::Reviewer, "Emerging")
        );
        assert_eq!(cal.rows[0].cells[1][0].reason, "Ana Lima said Tom did it.");
    }

    #[test]
    fn blind_hides_every_name_and_numbers_reviewers() {
        let f = framework();
        let mut a = ana("a");
        a.owner = Some("Maria Costa".into());
        let x = exp(&a, 0);
        rate(&mut a, &x, "meets", "Ana Lima and Maria ran it; she led.");
        a.reviews.push(Review {
            reviewer: Reviewer {
                name: "Kim Park".into(),
                craft: String::new(),
            },
            ratings: [(
                x.clone(),
                crate::cases::Rating {
                    rating: "meets".into(),
                    reason: "Kim agrees with Maria.".into(),
                },
            )]
            .into(),
        });
        let cal = calibrate(&[&a], &f, &Thresholds::default(), true);
        assert!(cal.blind);
        assert_eq!(cal.columns[0].label, "Candidate 7");
        assert_eq!(cal.columns[0].owner, None);
        assert_eq!(cal.columns[0].reviewers, ["Reviewer 1"]);
        let cell = cal
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .find(|c| c.expectation == x)
            .expect("the cell");
        assert_eq!(
            cell.reason,
            "Candidate 7 and the case owner ran it; they led."
        );
        assert_eq!(cell.others[0].who, "Reviewer 1");
        assert_eq!(
            cell.others[0].reason,
            "Reviewer 1 agrees with the case owner."
        );
        let json = serde_json::to_string(&cal).expect("json");
        for name in ["Ana", "Lima", "Maria", "Costa", "Kim", "Park"] {
            assert!(!json.contains(name), "{name} in {json}");
        }
    }

    #[test]
    fn across_tracks_rows_are_shared_competencies_with_each_cases_expectations() {
        let f = framework();
        let a = ana("a");
        let d = lea("d");
        let cal = calibrate(&[&a, &d], &f, &Thresholds::default(), false);
        assert!(cal.across_tracks);
        let competencies: std::collections::BTreeSet<&str> = a
            .expectations
            .iter()
            .chain(&d.expectations)
            .map(|e| e.competency.as_str())
            .collect();
        assert_eq!(cal.rows.len(), competencies.len());
        let shared = cal
            .rows
            .iter()
            .find(|r| !r.cells[0].is_empty() && !r.cells[1].is_empty())
            .expect("a competency both tracks share");
        assert_eq!(shared.key, shared.competency);
        assert_eq!(shared.title, shared.competency_name);
        assert!(shared.cells[1].iter().all(|c| c.case == "d"));
        // Framework order: rows follow the framework's competencies.
        let order: Vec<usize> = cal
            .rows
            .iter()
            .map(|r| {
                f.competencies
                    .iter()
                    .position(|c| c.id == r.key)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
}
