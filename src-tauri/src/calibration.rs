//! The calibration commands: several promotion cases side by side, blind unless the
//! person reveals the names on purpose, their warnings acknowledged, a rating changed in
//! place, and the blind packet for a committee saved. Each checks its inputs and calls the
//! core (`rung::calibration`); the rules live there.

use tauri::{AppHandle, State};

use rung::app::{AppError, ErrorKind, Opened};
use rung::calibration::{self, act, Calibration, Selection};
use rung::cases::edit::Edit;
use rung::cases::limits;
use rung::cases::store::Store;
use rung::cases::Case;

use crate::commands::{blocking, case_error, check_case_id, now, refused, save_chosen};
use crate::state::{open_cases, AppState};

/// The most cases a selection may name by hand: far more than any committee reads.
const MAX_CASES: usize = 1_000;

/// The longest warning key or expectation id a command accepts: a key names the cases
/// and expectations it compares.
const MAX_KEY: usize = 64 * 1024;

fn check_selection(selection: &Selection) -> Result<(), AppError> {
    if selection.cases.len() > MAX_CASES {
        return Err(AppError::new(
            ErrorKind::Refused,
            format!("A calibration shows at most {MAX_CASES} cases; choose fewer."),
        ));
    }
    for id in &selection.cases {
        check_case_id(id)?;
    }
    if let Some(track) = &selection.track {
        limits::check_framework_id("track", track).map_err(refused)?;
    }
    if let Some(cycle) = &selection.cycle {
        limits::check_period(cycle).map_err(refused)?;
    }
    Ok(())
}

/// Every case in the store.
fn every_case(store: &Store) -> Result<Vec<Case>, AppError> {
    Ok(store
        .list()
        .map_err(case_error)?
        .into_iter()
        .map(|s| s.case)
        .collect())
}

/// The calibration of the cases `selection` picks, against the open framework.
fn calibrate(cases: &[Case], opened: &Opened, selection: &Selection, blind: bool) -> Calibration {
    let framework = &opened.loaded.framework;
    let chosen = calibration::select(cases, framework, selection);
    calibration::calibrate(
        &chosen,
        framework,
        &calibration::thresholds(framework),
        blind,
    )
}

/// Which calibration revealed the names, in words for a case's history: `names revealed
/// in the app's calibration of 3 cases (band 4, cycle 2026-01-01..2026-06-30)`.
fn context(selection: &Selection, shown: usize) -> String {
    let mut narrowed = Vec::new();
    if let Some(band) = selection.band {
        narrowed.push(format!("band {band}"));
    }
    if let Some(track) = &selection.track {
        narrowed.push(format!("track {track}"));
    }
    if let Some(cycle) = &selection.cycle {
        narrowed.push(format!("cycle {}..{}", cycle.from, cycle.to));
    }
    if !selection.cases.is_empty() {
        narrowed.push("chosen by hand".to_owned());
    }
    let plural = if shown == 1 { "" } else { "s" };
    let by = if narrowed.is_empty() {
        String::new()
    } else {
        format!(" ({})", narrowed.join(", "))
    };
    format!("names revealed in the app's calibration of {shown} case{plural}{by}")
}

/// The cases `selection` picks side by side, with their warnings: blind unless `reveal`.
/// Revealing records it in the history of each case shown, the first time this session
/// reveals that case.
#[tauri::command]
pub(crate) async fn calibration_view(
    state: State<'_, AppState>,
    selection: Selection,
    reveal: bool,
) -> Result<Calibration, AppError> {
    check_selection(&selection)?;
    let opened = state.current()?;
    let path = state.cases_path();
    let revealed = state.revealed();
    blocking(move || {
        let mut store = open_cases(&path)?;
        let cases = every_case(&store)?;
        let shown = calibrate(&cases, &opened, &selection, !reveal);
        if reveal {
            let ids: Vec<String> = shown.columns.iter().map(|c| c.case.clone()).collect();
            let fresh = revealed.claim(&ids);
            if !fresh.is_empty() {
                let context = context(&selection, ids.len());
                if let Err(e) = act::reveal(&mut store, &fresh, &context, &now()) {
                    revealed.release(&fresh);
                    return Err(case_error(e));
                }
            }
        }
        Ok(shown)
    })
    .await
}

/// Acknowledges the warning `key` of the calibration of `selection` with `reason`, in
/// every case it names; resolves to the calibration as it is now, blind.
#[tauri::command]
pub(crate) async fn calibration_acknowledge(
    state: State<'_, AppState>,
    selection: Selection,
    key: String,
    reason: String,
) -> Result<Calibration, AppError> {
    check_selection(&selection)?;
    if key.len() > MAX_KEY {
        return Err(gone());
    }
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || {
        let mut store = open_cases(&path)?;
        let cases = every_case(&store)?;
        let before = calibrate(&cases, &opened, &selection, true);
        let warning = before
            .warnings
            .into_iter()
            .find(|w| w.key == key)
            .ok_or_else(gone)?;
        act::acknowledge(&mut store, &warning, &reason, &now()).map_err(case_error)?;
        let cases = every_case(&store)?;
        Ok(calibrate(&cases, &opened, &selection, true))
    })
    .await
}

fn gone() -> AppError {
    AppError::new(
        ErrorKind::NotFound,
        "That warning no longer stands; the calibration shows what stands now.",
    )
}

/// Changes the owner's rating of `expectation` in case `case_id` during calibration, with
/// the reason; refused when the case changed since `revision` (when given).
#[tauri::command]
pub(crate) async fn calibration_recalibrate(
    state: State<'_, AppState>,
    case_id: String,
    revision: Option<u32>,
    expectation: String,
    rating: String,
    reason: String,
) -> Result<(), AppError> {
    check_case_id(&case_id)?;
    if expectation.len() > MAX_KEY || rating.len() > MAX_KEY {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "That expectation or rating is not in the case.",
        ));
    }
    let path = state.cases_path();
    blocking(move || {
        let at = now();
        let edit = Edit::Recalibrate {
            expectation,
            rating,
            reason,
            at: at.clone(),
        };
        open_cases(&path)?
            .update_at(&case_id, revision, &at, |case| {
                rung::cases::edit::apply(case, edit).map_err(Into::into)
            })
            .map(|_| ())
            .map_err(case_error)
    })
    .await
}

/// Saves the blind calibration packet of `selection` (a printable HTML page for the
/// committee, with no names) where the person picks; resolves to where it went, or
/// `None` when they cancelled.
#[tauri::command]
pub(crate) async fn calibration_packet_save(
    app: AppHandle,
    state: State<'_, AppState>,
    selection: Selection,
    seal: rung::app::seal::SealChoice,
) -> Result<Option<String>, AppError> {
    check_selection(&selection)?;
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || {
        let cases = every_case(&open_cases(&path)?)?;
        let blind = calibrate(&cases, &opened, &selection, true);
        let html = calibration::render::to_html(&blind);
        save_chosen(
            &app,
            "Save the calibration packet",
            "calibration-packet.html",
            &html,
            &seal,
        )
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reveal_says_which_calibration_revealed_the_names() {
        let selection = Selection {
            cycle: Some(rung::cases::Period {
                from: "2026-01-01".into(),
                to: "2026-06-30".into(),
            }),
            band: Some(4),
            ..Selection::default()
        };
        assert_eq!(
            context(&selection, 3),
            "names revealed in the app's calibration of 3 cases (band 4, cycle 2026-01-01..2026-06-30)"
        );
        assert_eq!(
            context(&Selection::default(), 1),
            "names revealed in the app's calibration of 1 case"
        );
    }

    #[test]
    fn a_selection_is_checked_before_any_case_is_read() {
        let many = Selection {
            cases: vec!["c".into(); MAX_CASES + 1],
            ..Selection::default()
        };
        assert!(check_selection(&many).is_err());
        let bad_cycle = Selection {
            cycle: Some(rung::cases::Period {
                from: "2026-06-30".into(),
                to: "2026-01-01".into(),
            }),
            ..Selection::default()
        };
        assert!(check_selection(&bad_cycle).is_err());
        let long_track = Selection {
            track: Some("t".repeat(200)),
            ..Selection::default()
        };
        assert!(check_selection(&long_track).is_err());
        assert!(check_selection(&Selection::default()).is_ok());
    }
}
