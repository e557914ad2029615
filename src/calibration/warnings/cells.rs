//! Warnings about one cell's rating and what it rests on: the same rating on unequal
//! evidence (1), a high rating on weak evidence (2), and a specialist's view departed
//! from without a reason (6).

use super::{at, count, warning, Context};
use crate::calibration::grid::position;
use crate::calibration::{Cell, Strength, Warning, WarningKind};

/// Whether evidence is thin: at most `thin_items` items, all the candidate's own.
fn thin(s: &Strength, thin_items: u32) -> bool {
    s.items <= thin_items && s.by_candidate == s.items
}

/// What evidence rests on, in words: `3 items, 2 from others`.
fn described(s: &Strength) -> String {
    match (s.items, s.items - s.by_candidate) {
        (0, _) => "no evidence".into(),
        (1, 0) => "one self-reported item".into(),
        (n, 0) => format!("{n} self-reported items"),
        (n, others) => format!(
            "{}, {} from others",
            count(n as usize, "item", "items"),
            others
        ),
    }
}

/// Every rated cell of the grid, with its column.
fn rated<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (usize, usize, &'a Cell)> + 'a {
    cx.calibration.rows.iter().enumerate().flat_map(|(r, row)| {
        row.cells
            .iter()
            .enumerate()
            .flat_map(move |(col, cells)| cells.iter().map(move |c| (r, col, c)))
            .filter(|(_, _, c)| c.rating.is_some())
    })
}

/// Warning 1: Two cases rated alike on one expectation (one row), one on corroborated evidence,
/// the other on thin evidence.
pub(super) fn unequal_evidence(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    for row in &cx.calibration.rows {
        let cells: Vec<(usize, &Cell, usize)> = row
            .cells
            .iter()
            .enumerate()
            .flat_map(|(col, cells)| cells.iter().map(move |c| (col, c)))
            .filter_map(|(col, c)| {
                let p = position(cx.cases[col], c.rating.as_deref()?)?;
                Some((col, c, p))
            })
            .collect();
        for &(thin_col, thin_cell, p) in &cells {
            if !thin(&thin_cell.evidence, t.thin_items) {
                continue;
            }
            // The first case rated alike on corroborated evidence: one warning per thin
            // cell, however many cases are rated alike.
            let alike = cells
                .iter()
                .find(|&&(col, cell, q)| col != thin_col && q == p && cell.evidence.corroborated);
            if let Some(&(col, cell, _)) = alike {
                let rating = cx.rating(thin_col, thin_cell.rating.as_deref().unwrap_or(""));
                let (a, b) = (cx.label(col), cx.label(thin_col));
                let sentence = if cell.expectation == thin_cell.expectation {
                    format!(
                        "{a} and {b} are both rated {rating} on {}, but {a}'s rating rests on {} and {b}'s on {}.",
                        cx.words(col, &cell.expectation),
                        described(&cell.evidence),
                        described(&thin_cell.evidence),
                    )
                } else {
                    format!(
                        "{a} on {} and {b} on {} are both rated {rating}, but {a}'s rating rests on {} and {b}'s on {}.",
                        cx.words(col, &cell.expectation),
                        cx.words(thin_col, &thin_cell.expectation),
                        described(&cell.evidence),
                        described(&thin_cell.evidence),
                    )
                };
                out.push(warning(
                    WarningKind::UnequalEvidence,
                    sentence,
                    vec![
                        at(cx.cases[col], Some(&cell.expectation)),
                        at(cx.cases[thin_col], Some(&thin_cell.expectation)),
                    ],
                    &[],
                ));
            }
        }
    }
}

/// Warning 2: A rating above the scale's middle that rests on no evidence, only the candidate's
/// own, or mostly weak items.
pub(super) fn high_on_weak(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    for (_, col, cell) in rated(cx) {
        let case = cx.cases[col];
        let steps = case.framework.scale.len();
        let Some(p) = cell.rating.as_deref().and_then(|r| position(case, r)) else {
            continue;
        };
        // Above the middle: past (steps - 1) / 2.
        if steps < 2 || 2 * p < steps {
            continue;
        }
        let s = &cell.evidence;
        let why = if s.items == 0 {
            "on no evidence".to_owned()
        } else if s.by_candidate == s.items {
            format!("on {} only", described(s))
        } else if f64::from(s.weak) >= t.weak_share * f64::from(s.items) {
            format!(
                "on evidence of which {} of {} flagged as weak",
                count(s.weak as usize, "item is", "items are"),
                s.items
            )
        } else {
            continue;
        };
        out.push(warning(
            WarningKind::HighOnWeak,
            format!(
                "{} is rated {} on {}, above the middle of the scale, {why}.",
                cx.label(col),
                cx.rating(col, cell.rating.as_deref().unwrap_or("")),
                cx.words(col, &cell.expectation),
            ),
            vec![at(case, Some(&cell.expectation))],
            &[],
        ));
    }
}

/// Warning 6: The owner's rating of a craft expectation departs from a specialist's by at least
/// `specialist_steps`, and the case gives no reason for the difference.
pub(super) fn specialist_departed(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    for (col, case) in cx.cases.iter().enumerate() {
        for e in case.expectations.iter().filter(|e| e.craft_specific) {
            let Some(owner) = case.ratings.get(&e.id).filter(|r| !r.rating.is_empty()) else {
                continue;
            };
            if case
                .differences
                .get(&e.id)
                .is_some_and(|why| !why.trim().is_empty())
            {
                continue;
            }
            let Some(p) = position(case, &owner.rating) else {
                continue;
            };
            let departed = case.specialists.iter().find_map(|s| {
                let r = s.ratings.get(&e.id)?;
                let q = position(case, &r.rating)?;
                (p.abs_diff(q) >= t.specialist_steps as usize).then_some((s, r))
            });
            let Some((specialist, theirs)) = departed else {
                continue;
            };
            let who = match cx.blinder {
                Some(b) => b.specialist(&specialist.who),
                None => specialist.who.clone(),
            };
            out.push(warning(
                WarningKind::SpecialistDeparted,
                format!(
                    "{} is rated {} on {} by the case owner and {} by {who}, a specialist of the craft, and the case does not say why.",
                    cx.label(col),
                    cx.rating(col, &owner.rating),
                    cx.words(col, &e.id),
                    cx.rating(col, &theirs.rating),
                ),
                vec![at(case, Some(&e.id))],
                &[],
            ));
        }
    }
}
