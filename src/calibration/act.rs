//! Acting on a calibration, the same from the app and the `rung` tool: revealing the
//! names a blind view hides, and acknowledging a warning, each recorded in the history
//! of every case concerned. Changing a rating is `Edit::Recalibrate` on its case.

use super::Warning;
use crate::cases::edit::{self, Edit};
use crate::cases::store::{Refusal, Store, StoreError};

/// Records in each of `cases` that a calibration view revealed the names it hides;
/// `context` says which calibration, in words.
pub fn reveal(
    store: &mut Store,
    cases: &[String],
    context: &str,
    now: &str,
) -> Result<(), StoreError> {
    for id in cases {
        store.update(id, now, |case| {
            edit::apply(
                case,
                Edit::Reveal {
                    context: context.to_owned(),
                    at: now.to_owned(),
                },
            )
            .map_err(Refusal::from)
        })?;
    }
    Ok(())
}

/// Acknowledges `warning` with `reason` in every case it names.
pub fn acknowledge(
    store: &mut Store,
    warning: &Warning,
    reason: &str,
    now: &str,
) -> Result<(), StoreError> {
    for id in &warning.cases {
        store.update(id, now, |case| {
            edit::apply(
                case,
                Edit::Acknowledge {
                    warning: warning.key.clone(),
                    reason: reason.to_owned(),
                    at: now.to_owned(),
                },
            )
            .map_err(Refusal::from)
        })?;
    }
    Ok(())
}
