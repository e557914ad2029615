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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::testing::*;
    use crate::calibration::{calibrate, Thresholds, WarningKind};
    use crate::cases::Reporter;

    #[test]
    fn a_reveal_and_an_acknowledgement_go_into_every_case_concerned() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut store = Store::open(&dir.path().join("cases.db")).expect("open");
        let (mut a, mut b) = (ana("a"), tom("b"));
        let x = exp(&a, 2);
        rate(&mut a, &x, "meets", "Ran it.");
        rate(&mut b, &x, "meets", "Ran it.");
        evidence(&mut a, Reporter::Peer, "2026-03", &[&x]);
        evidence(&mut a, Reporter::Owner, "2026-04", &[&x]);
        store.create(&a, "2026-12-01T09:00:00Z").expect("a");
        store.create(&b, "2026-12-01T09:00:00Z").expect("b");

        reveal(
            &mut store,
            &["a".into(), "b".into()],
            "calibration of 2 cases",
            "2026-12-01T10:00:00Z",
        )
        .expect("reveal");
        for id in ["a", "b"] {
            let case = store.get(id).expect("case").case;
            assert_eq!(case.reveals.len(), 1);
            assert_eq!(case.reveals[0].context, "calibration of 2 cases");
            let history = store.history(id).expect("history");
            assert!(history.iter().any(|h| h.at == "2026-12-01T10:00:00Z"));
        }

        let (a, b) = (
            store.get("a").expect("a").case,
            store.get("b").expect("b").case,
        );
        let f = framework();
        let cal = calibrate(&[&a, &b], &f, &Thresholds::default(), true);
        let w = cal
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::UnequalEvidence)
            .expect("unequal evidence");
        assert!(acknowledge(&mut store, w, " ", "2026-12-01T11:00:00Z").is_err());
        acknowledge(
            &mut store,
            w,
            "The committee heard Tom's peers in the meeting.",
            "2026-12-01T11:00:00Z",
        )
        .expect("acknowledge");
        let (a, b) = (
            store.get("a").expect("a").case,
            store.get("b").expect("b").case,
        );
        let again = calibrate(&[&a, &b], &f, &Thresholds::default(), false);
        let w = again
            .warnings
            .iter()
            .find(|x| x.key == w.key)
            .expect("the same warning");
        assert_eq!(
            w.acknowledged.as_ref().map(|a| a.reason.as_str()),
            Some("The committee heard Tom's peers in the meeting.")
        );
        assert!(reveal(&mut store, &["nobody".into()], "x", "now").is_err());
    }
}
