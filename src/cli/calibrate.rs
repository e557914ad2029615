//! `rung calibrate`: promotion cases side by side, blind unless names are revealed on
//! purpose, with the consistency warnings a committee acts on or acknowledges. The
//! choosing, the grid, the warnings and what acting on them records are the core's
//! (`rung::calibration`), the same the app calls.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Result};

use rung::calibration::{self, act, render, Calibration, Selection};
use rung::cases::limits::{check_case_id, parse_period};
use rung::cases::Case;
use rung::framework::suggest;

use super::args::Packet;
use super::case::{now, open, print_or_write};
use super::seal::seal_text;
use super::{load, print};

/// Which cases, as the command line gave them.
pub(crate) struct Choice {
    pub(crate) cases: Vec<String>,
    pub(crate) cycle: Option<String>,
    pub(crate) band: Option<u32>,
    pub(crate) track: Option<String>,
}

/// What to do with the calibration.
pub(crate) enum Action {
    /// Print it; with `reveal`, names shown and the reveal recorded in each case.
    Show {
        format: Packet,
        reveal: bool,
        out: Option<std::path::PathBuf>,
        sealing: super::seal::Sealing,
    },
    /// Acknowledge the warning with this key, for this reason, in every case it names.
    Acknowledge { key: String, reason: String },
}

/// `rung calibrate`: exit 1 while a warning stands unacknowledged.
pub(crate) fn run(
    db: Option<&Path>,
    ladders: Option<&Path>,
    choice: Choice,
    action: Action,
) -> Result<ExitCode> {
    let selection = Selection {
        cycle: choice.cycle.as_deref().map(parse_period).transpose()?,
        band: choice.band,
        track: choice.track,
        cases: choice.cases,
    };
    for id in &selection.cases {
        check_case_id(id)?;
    }
    let mut store = open(db)?;
    let all: Vec<Case> = store.list()?.into_iter().map(|s| s.case).collect();
    for id in &selection.cases {
        match all.iter().find(|c| c.id == *id) {
            // The store's own words for a case it does not hold.
            None => {
                store.get(id)?;
            }
            Some(c) if c.self_assessment || c.review_for.is_some() => {
                return Err(anyhow!(
                    "`{id}` is a self-assessment or a reviewer's copy; only promotion cases are calibrated"
                ));
            }
            Some(_) => {}
        }
    }
    let (loaded, _) = load(ladders)?;
    let framework = &loaded.framework;
    let thresholds = calibration::thresholds(framework);
    let chosen = calibration::select(&all, framework, &selection);
    if chosen.is_empty() {
        return Err(anyhow!(
            "no promotion case {}",
            match described(&selection) {
                what if what.is_empty() => "to calibrate yet".to_owned(),
                what => format!("matches {what}"),
            }
        ));
    }
    match action {
        Action::Acknowledge { key, reason } => {
            let before = calibration::calibrate(&chosen, framework, &thresholds, true);
            let Some(warning) = before.warnings.iter().find(|w| w.key == key) else {
                let hint = suggest::hint(&key, before.warnings.iter().map(|w| w.key.as_str()));
                return Err(anyhow!(
                    "no warning `{key}` in this calibration{hint}; `rung calibrate` with the same cases lists the keys"
                ));
            };
            act::acknowledge(&mut store, warning, &reason, &now())?;
            let all: Vec<Case> = store.list()?.into_iter().map(|s| s.case).collect();
            let chosen = calibration::select(&all, framework, &selection);
            let after = calibration::calibrate(&chosen, framework, &thresholds, true);
            let n = warning.cases.len();
            print(&format!(
                "warning `{key}` acknowledged in {n} case{}; {} still unacknowledged\n",
                if n == 1 { "" } else { "s" },
                standing(&after)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Action::Show {
            format,
            reveal,
            out,
            sealing,
        } => {
            // Checked before a reveal is recorded, so a mistyped key records nothing.
            let lock = sealing.lock()?;
            if reveal {
                let ids: Vec<String> = chosen.iter().map(|c| c.id.clone()).collect();
                let context = format!(
                    "calibration of {} case{}{}",
                    ids.len(),
                    if ids.len() == 1 { "" } else { "s" },
                    match described(&selection) {
                        what if what.is_empty() => String::new(),
                        what => format!(" {what}"),
                    }
                );
                act::reveal(&mut store, &ids, &context, &now())?;
                eprintln!(
                    "names shown; the reveal is recorded in the history of each of the {} cases",
                    ids.len()
                );
            }
            let c = calibration::calibrate(&chosen, framework, &thresholds, !reveal);
            let text = match format {
                Packet::Text => render::to_text(&c),
                Packet::Markdown => render::to_markdown(&c),
                Packet::Html => render::to_html(&c),
                Packet::Json => serde_json::to_string_pretty(&c)? + "\n",
            };
            print_or_write(&seal_text(text, lock.as_ref())?, out.as_deref(), |path| {
                format!("the calibration written to {}\n", path.display())
            })?;
            Ok(if c.warnings.iter().any(|w| w.acknowledged.is_none()) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// How many warnings stand unacknowledged, in words.
fn standing(c: &Calibration) -> String {
    match c
        .warnings
        .iter()
        .filter(|w| w.acknowledged.is_none())
        .count()
    {
        0 => "no warning is".to_owned(),
        1 => "1 warning is".to_owned(),
        n => format!("{n} warnings are"),
    }
}

/// The selection in words, for a message or a reveal's context: `in the cycle
/// 2026-01-01..2026-06-30 on band 4`; empty when nothing narrows it.
fn described(s: &Selection) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &s.cycle {
        parts.push(format!("in the cycle {}..{}", p.from, p.to));
    }
    if let Some(b) = s.band {
        parts.push(format!("on band {b}"));
    }
    if let Some(t) = &s.track {
        parts.push(format!("on the track `{t}`"));
    }
    if !s.cases.is_empty() {
        parts.push(format!(
            "among {}",
            suggest::list(s.cases.iter().map(String::as_str))
        ));
    }
    parts.join(" ")
}
