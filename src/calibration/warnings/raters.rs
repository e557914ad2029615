//! Warnings about the people rating: an owner rating well above or below the other
//! reviewers (5), and calibration changes that pull ratings toward the middle or down
//! (8).

use super::{at, case_warning, count, list, warning, Context};
use crate::calibration::grid::position;
use crate::calibration::{CellRef, Warning, WarningKind};

/// Warning 5: An owner whose ratings sit, on average, at least `leniency_steps` above or below
/// the other reviewers' on the same expectations; counted apart for cases of the
/// owner's own craft and of other crafts.
pub(super) fn leniency(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    let mut owners: Vec<&str> = Vec::new();
    for case in cx.cases {
        if let Some(o) = case.owner.as_deref().filter(|o| !o.trim().is_empty()) {
            if !owners.contains(&o) {
                owners.push(o);
            }
        }
    }
    for owner in owners {
        for own_craft in [true, false] {
            let mut cases: Vec<usize> = Vec::new();
            let mut cells: Vec<CellRef> = Vec::new();
            let mut total = 0.0;
            for (col, case) in cx.cases.iter().enumerate() {
                let own = case.owner_craft.is_some() && case.owner_craft == case.craft;
                if case.owner.as_deref() != Some(owner) || own != own_craft {
                    continue;
                }
                for (id, r) in &case.ratings {
                    let Some(p) = position(case, &r.rating) else {
                        continue;
                    };
                    let theirs: Vec<usize> = case
                        .reviews
                        .iter()
                        .filter_map(|rv| position(case, &rv.ratings.get(id)?.rating))
                        .collect();
                    if theirs.is_empty() {
                        continue;
                    }
                    let mean = theirs.iter().sum::<usize>() as f64 / theirs.len() as f64;
                    total += p as f64 - mean;
                    cells.push(at(case, Some(id)));
                    if !cases.contains(&col) {
                        cases.push(col);
                    }
                }
            }
            let n = cells.len();
            if n == 0 || n < t.leniency_min_ratings as usize {
                continue;
            }
            let mean = total / n as f64;
            if mean.abs() < t.leniency_steps {
                continue;
            }
            let who = match cx.blinder {
                Some(_) => format!("The case owner of {}", cx.labels(&cases)),
                None => format!("{owner}, the case owner of {},", cx.labels(&cases)),
            };
            let craft = if own_craft {
                "in cases of their own craft"
            } else {
                "in cases outside their own craft"
            };
            let direction = if mean > 0.0 { "above" } else { "below" };
            out.push(case_warning(
                WarningKind::Leniency,
                format!(
                    "{who} rates {:.1} steps {direction} the other reviewers on average over {} {craft}.",
                    mean.abs(),
                    count(n, "expectation", "expectations"),
                ),
                cells,
                &[if own_craft { "own-craft" } else { "other-craft" }],
            ));
        }
    }
}

/// Warning 8: Calibration changes that move ratings toward the middle of the scale, or mostly
/// downward; and any change recorded without a reason.
pub(super) fn compression(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    let mut changes = 0usize;
    let mut inward = 0usize;
    let mut down = 0usize;
    let mut cases: Vec<usize> = Vec::new();
    let mut cells: Vec<CellRef> = Vec::new();
    for (col, case) in cx.cases.iter().enumerate() {
        let middle = case.framework.scale.len().saturating_sub(1) as f64 / 2.0;
        for r in &case.recalibrations {
            let before = r.before.as_deref().and_then(|b| position(case, b));
            let (Some(before), Some(after)) = (before, position(case, &r.after)) else {
                continue;
            };
            changes += 1;
            if (after as f64 - middle).abs() < (before as f64 - middle).abs() {
                inward += 1;
            }
            if after < before {
                down += 1;
            }
            if !cells
                .iter()
                .any(|c| c.case == case.id && c.expectation.as_ref() == Some(&r.expectation))
            {
                cells.push(at(case, Some(&r.expectation)));
            }
            if !cases.contains(&col) {
                cases.push(col);
            }
            if r.reason.trim().is_empty() {
                out.push(warning(
                    WarningKind::Compression,
                    format!(
                        "{}'s rating of {} was changed in calibration from {} to {} without a reason.",
                        cx.label(col),
                        cx.words(col, &r.expectation),
                        cx.rating(col, r.before.as_deref().unwrap_or("")),
                        cx.rating(col, &r.after),
                    ),
                    vec![at(case, Some(&r.expectation))],
                    &["no-reason"],
                ));
            }
        }
    }
    if changes == 0 || changes < t.compression_min_changes as usize {
        return;
    }
    let share = |n: usize| n as f64 >= t.compression_share * changes as f64;
    let mut said = Vec::new();
    if share(inward) {
        said.push(format!("{inward} move toward the middle of the scale"));
    }
    if share(down) {
        said.push(format!("{down} move down"));
    }
    if said.is_empty() {
        return;
    }
    out.push(warning(
        WarningKind::Compression,
        format!(
            "Of the {changes} ratings changed in calibration in the cases of {}, {}.",
            cx.labels(&cases),
            list(said)
        ),
        cells,
        &[],
    ));
}
