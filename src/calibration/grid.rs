//! The grid: one column per case, one row per expectation the cases share (one track)
//! or per competency they share (across tracks), each cell with its ratings, their
//! spread and the strength of its evidence; rows with the most disagreement first.

use std::collections::{BTreeSet, HashMap};

use super::blind::Blinder;
use super::strength::Strengths;
use super::{Calibration, Cell, Column, OtherRating, Rater, Row, Thresholds};
use crate::cases::{self, names, Case};
use crate::framework::model::Framework;

/// How long an expectation's words may be in a cell.
const SHORT: usize = 120;

/// The grid of `cases`, without warnings.
pub(crate) fn grid(
    cases: &[&Case],
    framework: &Framework,
    thresholds: &Thresholds,
    blinder: Option<&Blinder>,
) -> Calibration {
    let tracks: BTreeSet<&str> = cases.iter().map(|c| c.track.as_str()).collect();
    let across_tracks = tracks.len() > 1;
    let columns = cases
        .iter()
        .map(|c| column(c, framework, blinder))
        .collect();
    let mut rows = rows(cases, framework, thresholds, blinder, across_tracks);
    // Most disagreement first; otherwise in framework order (a stable sort keeps it).
    rows.sort_by_key(|r| std::cmp::Reverse(r.spread));
    Calibration {
        blind: blinder.is_some(),
        scale: cases
            .first()
            .map(|c| c.framework.scale.clone())
            .unwrap_or_default(),
        across_tracks,
        columns,
        rows,
        warnings: Vec::new(),
    }
}

fn column(case: &Case, framework: &Framework, blinder: Option<&Blinder>) -> Column {
    let reviewers = case
        .reviews
        .iter()
        .map(|r| match blinder {
            Some(b) => b.reviewer(&r.reviewer.name),
            None => r.reviewer.name.clone(),
        })
        .collect();
    Column {
        case: case.id.clone(),
        label: match blinder {
            Some(_) => case.candidate.alias.clone(),
            None => case.candidate.name.clone(),
        },
        track: case.track.clone(),
        track_name: names::track(case).to_owned(),
        current_level: case.current_level.clone(),
        target_level: case.target_level.clone(),
        target_name: names::target(case),
        band: super::target_band(case, framework),
        craft: case.craft.clone(),
        owner: match blinder {
            Some(_) => None,
            None => case.owner.clone(),
        },
        owner_craft: case.owner_craft.clone(),
        period: case.period.clone(),
        outcome: case.decision.as_ref().map(|d| match blinder {
            Some(b) => b.text(&d.outcome),
            None => d.outcome.clone(),
        }),
        promote: case.decision.as_ref().map(|d| d.promote),
        reviewers,
    }
}

/// The position of `rating` on `case`'s own scale: cases on different scales are
/// compared by position.
pub(crate) fn position(case: &Case, rating: &str) -> Option<usize> {
    case.framework.scale.iter().position(|s| s.id == rating)
}

/// The name of `rating` on `case`'s scale, or the id when the scale lacks it.
pub(crate) fn rating_name(case: &Case, rating: &str) -> String {
    case.framework
        .scale
        .iter()
        .find(|s| s.id == rating)
        .map_or_else(|| rating.to_owned(), |s| s.name.clone())
}

/// Where a competency comes in the framework, for ordering rows.
fn competency_order(framework: &Framework) -> HashMap<&str, usize> {
    framework
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

fn rows<'c>(
    cases: &[&'c Case],
    framework: &Framework,
    thresholds: &Thresholds,
    blinder: Option<&Blinder>,
    across_tracks: bool,
) -> Vec<Row> {
    let order = competency_order(framework);
    // Each row's key, competency and title, in first-seen order.
    let mut keys: Vec<(String, String, String, String)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for case in cases {
        for e in &case.expectations {
            let key = if across_tracks { &e.competency } else { &e.id };
            if seen.contains_key(key) {
                continue;
            }
            let competency_name = names::competency(case, &e.competency).to_owned();
            let title = if across_tracks {
                competency_name.clone()
            } else {
                let words = names::short(&e.text, SHORT);
                blinder.map_or(words.clone(), |b| b.text(&words))
            };
            seen.insert(key.clone(), keys.len());
            keys.push((key.clone(), e.competency.clone(), competency_name, title));
        }
    }
    // Framework order: by competency as the framework lists them, then as first seen.
    let mut ordered: Vec<usize> = (0..keys.len()).collect();
    ordered.sort_by_key(|&i| {
        (
            order.get(keys[i].1.as_str()).copied().unwrap_or(usize::MAX),
            i,
        )
    });

    let strengths: Vec<Strengths> = cases.iter().map(|c| Strengths::of(c, thresholds)).collect();
    // Cases on one track share their expectations' words: made short (and blind) once.
    let mut short: HashMap<&str, String> = HashMap::new();
    let mut words = |text: &'c str| -> String {
        short
            .entry(text)
            .or_insert_with(|| {
                let words = names::short(text, SHORT);
                blinder.map_or(words.clone(), |b| b.text(&words))
            })
            .clone()
    };
    let mut rows: Vec<Row> = ordered
        .iter()
        .map(|&i| {
            let (key, competency, competency_name, title) = &keys[i];
            Row {
                key: key.clone(),
                competency: competency.clone(),
                competency_name: competency_name.clone(),
                title: title.clone(),
                spread: 0,
                cells: vec![Vec::new(); cases.len()],
            }
        })
        .collect();
    let row_of: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.clone(), i))
        .collect();
    for (col, case) in cases.iter().enumerate() {
        for e in &case.expectations {
            let key = if across_tracks { &e.competency } else { &e.id };
            if let Some(&r) = row_of.get(key) {
                let cell = cell(case, e, words(&e.text), &strengths[col], blinder);
                rows[r].cells[col].push(cell);
            }
        }
    }
    for row in &mut rows {
        row.spread = row
            .cells
            .iter()
            .flatten()
            .map(|c| c.spread)
            .max()
            .unwrap_or(0);
    }
    rows
}

fn cell(
    case: &Case,
    e: &cases::PinnedExpectation,
    text: String,
    strengths: &Strengths,
    blinder: Option<&Blinder>,
) -> Cell {
    let hide = |text: &str| blinder.map_or_else(|| text.to_owned(), |b| b.text(text));
    let owner = case.ratings.get(&e.id).filter(|r| !r.rating.is_empty());
    let mut others = Vec::new();
    let mut other = |who: String, role: Rater, r: &cases::Rating| {
        others.push(OtherRating {
            who,
            role,
            rating: r.rating.clone(),
            rating_name: rating_name(case, &r.rating),
            reason: hide(&r.reason),
        })
    };
    if let Some(r) = case.self_ratings.get(&e.id) {
        other("self".into(), Rater::Candidate, r);
    }
    for review in &case.reviews {
        if let Some(r) = review.ratings.get(&e.id) {
            let who = blinder.map_or_else(
                || review.reviewer.name.clone(),
                |b| b.reviewer(&review.reviewer.name),
            );
            other(who, Rater::Reviewer, r);
        }
    }
    for s in &case.specialists {
        if let Some(r) = s.ratings.get(&e.id) {
            let who = blinder.map_or_else(|| s.who.clone(), |b| b.specialist(&s.who));
            other(who, Rater::Specialist, r);
        }
    }
    // The spread among the owner, the reviewers and the candidate; specialists are
    // shown, and checked on their own (warning 6).
    let positions: Vec<usize> = owner
        .map(|r| r.rating.as_str())
        .into_iter()
        .chain(
            others
                .iter()
                .filter(|o| o.role != Rater::Specialist)
                .map(|o| o.rating.as_str()),
        )
        .filter_map(|r| position(case, r))
        .collect();
    let spread = match (positions.iter().min(), positions.iter().max()) {
        (Some(lo), Some(hi)) => u32::try_from(hi - lo).unwrap_or(u32::MAX),
        _ => 0,
    };
    Cell {
        case: case.id.clone(),
        expectation: e.id.clone(),
        text,
        new: e.new,
        rating: owner.map(|r| r.rating.clone()),
        rating_name: owner.map(|r| rating_name(case, &r.rating)),
        reason: owner.map_or_else(String::new, |r| hide(&r.reason)),
        others,
        spread,
        evidence: strengths.of_expectation(&e.id),
        recalibrated: case
            .recalibrations
            .iter()
            .rev()
            .find(|r| r.expectation == e.id)
            .map(|r| cases::Recalibration {
                reason: hide(&r.reason),
                ..r.clone()
            }),
        warnings: Vec::new(),
    }
}
