//! Warnings about a whole case: words that judge the person (3), recency (4), and a
//! decision out of line with the ratings (7).

use super::{at, case_warning, count, list, words, Context};
use crate::calibration::grid::position;
use crate::calibration::{Warning, WarningKind};
use crate::cases::Case;

/// How many texts of a case were written, and the judging words in them.
struct Judging {
    texts: usize,
    found: Vec<String>,
    /// The expectations whose owner's reason judges the person.
    reasons: Vec<String>,
}

fn judging(case: &Case) -> Judging {
    let mut j = Judging {
        texts: 0,
        found: Vec::new(),
        reasons: Vec::new(),
    };
    let look = |text: &str, j: &mut Judging| -> bool {
        if text.trim().is_empty() {
            return false;
        }
        j.texts += 1;
        let found = words::judging(text);
        let any = !found.is_empty();
        j.found.extend(found);
        any
    };
    for (id, r) in &case.ratings {
        if look(&r.reason, &mut j) {
            j.reasons.push(id.clone());
        }
    }
    for ev in &case.evidence {
        look(&format!("{} {}", ev.what, ev.outcome), &mut j);
    }
    if let Some(r) = &case.recommendation {
        look(r, &mut j);
    }
    j
}

/// Warning 3: One case's reasons and evidence judging the person (personality, potential,
/// being exceptional) far more often, per text written, than the other cases'.
pub(super) fn judges_person(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    if cx.cases.len() < 2 {
        return;
    }
    let all: Vec<Judging> = cx.cases.iter().map(|c| judging(c)).collect();
    let rate = |j: &Judging| {
        if j.texts == 0 {
            0.0
        } else {
            j.found.len() as f64 / j.texts as f64
        }
    };
    for (col, j) in all.iter().enumerate() {
        if j.found.len() < t.person_words_min as usize {
            continue;
        }
        let others: Vec<f64> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != col)
            .map(|(_, o)| rate(o))
            .collect();
        let others_rate = others.iter().sum::<f64>() / others.len() as f64;
        let mine = rate(j);
        if others_rate > 0.0 && mine < t.person_words_ratio * others_rate {
            continue;
        }
        let mut quoted: Vec<String> = Vec::new();
        for w in &j.found {
            let w = format!("“{w}”");
            if !quoted.contains(&w) {
                quoted.push(w);
            }
        }
        let compared = if others_rate > 0.0 {
            format!(
                "{:.1} times as often per text as the other cases",
                mine / others_rate
            )
        } else {
            "where the other cases never do".to_owned()
        };
        let case = cx.cases[col];
        let mut cells = vec![at(case, None)];
        cells.extend(j.reasons.iter().map(|e| at(case, Some(e))));
        out.push(case_warning(
            WarningKind::JudgesPerson,
            format!(
                "{}'s reasons and evidence judge the person rather than what they did, {} ({}), {compared}.",
                cx.label(col),
                count(j.found.len(), "time", "times"),
                list(quoted),
            ),
            cells,
            &[],
        ));
    }
}

/// Days since 1970-01-01 of a civil date.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A day from what a person wrote for when: `2026-09-14`, `2026-09` (its middle) or
/// `Q3 2026` (its middle); `None` for anything vaguer.
pub(crate) fn day(when: &str) -> Option<i64> {
    let when = when.trim();
    let number = |s: &str| s.parse::<i64>().ok();
    let parts: Vec<&str> = when.split('-').collect();
    let valid = |m: i64, d: i64| (1..=12).contains(&m) && (1..=31).contains(&d);
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let (y, m, d) = (number(y)?, number(m)?, number(d)?);
            valid(m, d).then(|| days(y, m, d))
        }
        [y, m] if y.len() == 4 && m.len() == 2 => {
            let (y, m) = (number(y)?, number(m)?);
            valid(m, 15).then(|| days(y, m, 15))
        }
        _ => {
            let (q, y) = when.split_once(' ')?;
            let q = q.strip_prefix(['Q', 'q'])?;
            let (q, y) = (number(q)?, number(y.trim())?);
            ((1..=4).contains(&q) && y > 999).then(|| days(y, 3 * q - 1, 15))
        }
    }
}

/// Warning 4: Most of a case's dated evidence in the last part of its review period, or
/// evidence dated outside it.
pub(super) fn recency(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    for (col, case) in cx.cases.iter().enumerate() {
        let Some(period) = &case.period else { continue };
        let (Some(from), Some(to)) = (day(&period.from), day(&period.to)) else {
            continue;
        };
        if to < from {
            continue;
        }
        let recent_from = to as f64 - t.recency_window * (to - from) as f64;
        let dated: Vec<(&crate::cases::Evidence, i64)> = case
            .evidence
            .iter()
            .filter_map(|e| Some((e, day(&e.when)?)))
            .collect();
        let outside: Vec<_> = dated.iter().filter(|(_, d)| *d < from || *d > to).collect();
        let recent = dated
            .iter()
            .filter(|(_, d)| (*d as f64) >= recent_from && *d <= to)
            .count();
        let inside = dated.len() - outside.len();
        let mut said: Vec<String> = Vec::new();
        if dated.len() >= t.recency_min_items as usize
            && inside > 0
            && recent as f64 > t.recency_share * inside as f64
        {
            said.push(format!(
                "{recent} of its {inside} dated items in the period are from its last {:.0}%",
                t.recency_window * 100.0
            ));
        }
        if !outside.is_empty() {
            said.push(format!(
                "{} dated outside it",
                count(outside.len(), "item is", "items are")
            ));
        }
        if said.is_empty() {
            continue;
        }
        let mut cells = vec![at(case, None)];
        for (e, _) in &outside {
            for x in &e.expectations {
                if !cells.iter().any(|c| c.expectation.as_ref() == Some(x)) {
                    cells.push(at(case, Some(x)));
                }
            }
        }
        out.push(case_warning(
            WarningKind::Recency,
            format!(
                "{}'s evidence leans on the end of the review period ({} to {}): {}.",
                cx.label(col),
                period.from,
                period.to,
                list(said)
            ),
            cells,
            &[],
        ));
    }
}

/// How a decided case stands: its gaps (expectations unrated or rated below the
/// scale's middle) and its average rating position.
fn standing(case: &Case) -> (usize, f64) {
    let steps = case.framework.scale.len();
    let mut gaps = 0;
    let mut sum = 0usize;
    let mut rated = 0usize;
    for e in &case.expectations {
        match case
            .ratings
            .get(&e.id)
            .and_then(|r| position(case, &r.rating))
        {
            Some(p) => {
                rated += 1;
                sum += p;
                if 2 * p < steps.saturating_sub(1) {
                    gaps += 1;
                }
            }
            None => gaps += 1,
        }
    }
    let mean = if rated == 0 {
        0.0
    } else {
        sum as f64 / rated as f64
    };
    (gaps, mean)
}

/// Warning 7: A case promoted with more gaps, or a lower average rating, than a case of the same
/// set not promoted.
pub(super) fn decision_out_of_line(cx: &Context<'_>, out: &mut Vec<Warning>) {
    let t = cx.thresholds;
    let decided: Vec<(usize, bool, (usize, f64))> = cx
        .cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.decision.as_ref()?.promote, standing(c))))
        .collect();
    for &(p, promoted, (p_gaps, p_mean)) in &decided {
        if !promoted {
            continue;
        }
        for &(n, n_promoted, (n_gaps, n_mean)) in &decided {
            if n_promoted {
                continue;
            }
            let more_gaps = p_gaps >= n_gaps + t.decision_gaps as usize;
            let lower = n_mean - p_mean >= t.decision_mean;
            if !more_gaps && !lower {
                continue;
            }
            let outcome = cx.cases[n]
                .decision
                .as_ref()
                .map_or(String::new(), |d| cx.hide(&d.outcome));
            // An average as a reader knows it: the step it is nearest.
            let about = |case: usize, mean: f64| {
                let steps = &cx.cases[case].framework.scale;
                let nearest = (mean.round().max(0.0) as usize).min(steps.len().saturating_sub(1));
                match steps.get(nearest) {
                    Some(s) => format!("{mean:.1}, about {}", s.name),
                    None => format!("{mean:.1}"),
                }
            };
            out.push(case_warning(
                WarningKind::DecisionOutOfLine,
                format!(
                    "{} was promoted with {} and an average rating of {}, while {} was not (“{outcome}”) with {} and an average of {}.",
                    cx.label(p),
                    count(p_gaps, "gap", "gaps"),
                    about(p, p_mean),
                    cx.label(n),
                    count(n_gaps, "gap", "gaps"),
                    about(n, n_mean),
                ),
                vec![at(cx.cases[p], None), at(cx.cases[n], None)],
                &[],
            ));
        }
    }
}
