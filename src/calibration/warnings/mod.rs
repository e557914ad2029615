//! The consistency warnings: each one a sentence naming the cells it compares, under a
//! key that stays the same for the same kind and cells, so that an acknowledgement
//! recorded in each case it concerns finds it again.
//!
//! The checks are in the files beside this one: those about one cell's rating and its
//! evidence (`cells.rs`: unequal evidence, high on weak evidence, a specialist departed
//! from), those about a whole case (`cases.rs`: words judging the person, recency, a
//! decision out of line), and those about the people rating (`raters.rs`: leniency,
//! compression).

mod cases;
mod cells;
mod raters;
mod words;

use std::collections::HashMap;

use super::blind::Blinder;
use super::{Calibration, CellRef, Thresholds, Warning, WarningKind};
use crate::cases::{names, Acknowledgement, Case};

/// What every check reads.
pub(crate) struct Context<'a> {
    pub cases: &'a [&'a Case],
    pub calibration: &'a Calibration,
    pub thresholds: &'a Thresholds,
    pub blinder: Option<&'a Blinder>,
    /// Expectations' words as sentences quote them, by the expectation's text.
    pub quoted: std::cell::RefCell<HashMap<String, String>>,
}

impl Context<'_> {
    /// A case as a sentence names it: its column's label.
    pub(super) fn label(&self, case: usize) -> &str {
        self.calibration
            .columns
            .get(case)
            .map_or("a case", |c| c.label.as_str())
    }

    /// An expectation of a case as a sentence names it: its first words, in quotes.
    pub(super) fn words(&self, case: usize, expectation: &str) -> String {
        let Some(e) = self.cases[case]
            .expectations
            .iter()
            .find(|e| e.id == expectation)
        else {
            return format!("“{expectation}”");
        };
        let mut quoted = self.quoted.borrow_mut();
        quoted
            .entry(e.text.clone())
            .or_insert_with(|| {
                let words = names::short(&e.text, 60);
                let words = self.blinder.map_or(words.clone(), |b| b.text(&words));
                format!("“{words}”")
            })
            .clone()
    }

    /// A person's name as a sentence says it: hidden when blind.
    pub(super) fn hide(&self, text: &str) -> String {
        self.blinder
            .map_or_else(|| text.to_owned(), |b| b.text(text))
    }

    /// The labels of several cases: `Candidate 7, Candidate 3 and Candidate 1`.
    pub(super) fn labels(&self, cases: &[usize]) -> String {
        list(cases.iter().map(|&c| self.label(c).to_owned()).collect())
    }

    /// A rating's name on a case's scale.
    pub(super) fn rating(&self, case: usize, rating: &str) -> String {
        super::grid::rating_name(self.cases[case], rating)
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn list(items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// `1 item`, `2 items`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A warning of `kind` about `cells`, with its key made of the kind, the cases named
/// (in order, each once), the expectations named (likewise) and `extra` parts.
pub(crate) fn warning(
    kind: WarningKind,
    sentence: String,
    cells: Vec<CellRef>,
    extra: &[&str],
) -> Warning {
    let mut cases: Vec<String> = Vec::new();
    let mut expectations: Vec<String> = Vec::new();
    for c in &cells {
        if !cases.contains(&c.case) {
            cases.push(c.case.clone());
        }
        if let Some(e) = &c.expectation {
            if !expectations.contains(e) {
                expectations.push(e.clone());
            }
        }
    }
    let mut key = vec![kind.word().to_owned()];
    key.extend(cases.iter().cloned());
    key.extend(expectations);
    key.extend(extra.iter().map(|s| (*s).to_owned()));
    Warning {
        key: key.join(":"),
        kind,
        sentence,
        cells,
        cases,
        acknowledged: None,
    }
}

/// [`warning`], keyed by the kind, the cases it concerns and `extra` only: for a warning
/// about whole cases, whose cells change as the cases do.
pub(crate) fn case_warning(
    kind: WarningKind,
    sentence: String,
    cells: Vec<CellRef>,
    extra: &[&str],
) -> Warning {
    let mut w = warning(kind, sentence, cells, &[]);
    let mut key = vec![kind.word().to_owned()];
    key.extend(w.cases.iter().cloned());
    key.extend(extra.iter().map(|s| (*s).to_owned()));
    w.key = key.join(":");
    w
}

/// A cell reference.
pub(crate) fn at(case: &Case, expectation: Option<&str>) -> CellRef {
    CellRef {
        case: case.id.clone(),
        expectation: expectation.map(str::to_owned),
    }
}

/// Raises every warning on `calibration` of `cases`, marks the cells each names, and
/// says which are acknowledged: unacknowledged first, then in the order of the kinds.
pub(crate) fn raise(
    calibration: &mut Calibration,
    cases: &[&Case],
    thresholds: &Thresholds,
    blinder: Option<&Blinder>,
) {
    let mut warnings = {
        let cx = Context {
            cases,
            calibration,
            thresholds,
            blinder,
            quoted: Default::default(),
        };
        let mut w = Vec::new();
        cells::unequal_evidence(&cx, &mut w);
        cells::high_on_weak(&cx, &mut w);
        cases::judges_person(&cx, &mut w);
        cases::recency(&cx, &mut w);
        raters::leniency(&cx, &mut w);
        cells::specialist_departed(&cx, &mut w);
        cases::decision_out_of_line(&cx, &mut w);
        raters::compression(&cx, &mut w);
        w
    };
    let by_id: HashMap<&str, &Case> = cases.iter().map(|c| (c.id.as_str(), *c)).collect();
    for w in &mut warnings {
        w.acknowledged = acknowledged(w, &by_id).map(|mut a| {
            if let Some(b) = blinder {
                a.reason = b.text(&a.reason);
            }
            a
        });
    }
    // Stable: within a kind, in the order raised.
    warnings.sort_by_key(|w| (w.acknowledged.is_some(), w.kind));
    mark_cells(calibration, &warnings);
    calibration.warnings = warnings;
}

/// The acknowledgement of `warning`, when every case it concerns holds one with its key:
/// the latest of them.
fn acknowledged(warning: &Warning, cases: &HashMap<&str, &Case>) -> Option<Acknowledgement> {
    let mut latest: Option<&Acknowledgement> = None;
    for id in &warning.cases {
        let ack = cases
            .get(id.as_str())?
            .acknowledged
            .iter()
            .find(|a| a.warning == warning.key)?;
        if latest.is_none_or(|l| ack.at > l.at) {
            latest = Some(ack);
        }
    }
    latest.cloned()
}

/// Puts each warning's key on every cell it names.
fn mark_cells(calibration: &mut Calibration, warnings: &[Warning]) {
    let mut index: HashMap<(&str, &str), Vec<String>> = HashMap::new();
    for w in warnings {
        for c in &w.cells {
            if let Some(e) = &c.expectation {
                let keys = index.entry((c.case.as_str(), e.as_str())).or_default();
                if !keys.contains(&w.key) {
                    keys.push(w.key.clone());
                }
            }
        }
    }
    if index.is_empty() {
        return;
    }
    for cell in calibration
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut().flatten())
    {
        if let Some(keys) = index.get(&(cell.case.as_str(), cell.expectation.as_str())) {
            cell.warnings.clone_from(keys);
        }
    }
}

#[cfg(test)]
mod tests;
