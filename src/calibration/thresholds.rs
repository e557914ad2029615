//! The thresholds of the consistency checks, as data: the defaults are
//! `thresholds.yaml` beside this file (documented there), and a framework may override
//! any of them under `calibration:` in `framework.md`'s front matter, which the
//! framework loader reads and checks (`crate::framework::calibration`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::calibration::Overrides;
use crate::framework::model::Framework;

/// How far things may go before a consistency check speaks. Every field's default is in
/// `thresholds.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Items an expectation needs for its evidence to be corroborated (default 2).
    pub corroborated_items: u32,
    /// Of those, how many from someone other than the candidate (default 1).
    pub corroborated_others: u32,
    /// Warning 1: the most items, all the candidate's own, that count as thin evidence
    /// (default 1).
    pub thin_items: u32,
    /// Warning 2: the share of weak items (0 to 1) that makes evidence weak (default 0.5).
    pub weak_share: f64,
    /// Warning 3: words judging the person a case must hold before it is named
    /// (default 2).
    pub person_words_min: u32,
    /// Warning 3: how many times the other cases' rate of such words a case must reach
    /// (default 2.0).
    pub person_words_ratio: f64,
    /// Warning 4: the last part of the review period (0 to 1) that counts as recent
    /// (default 0.2).
    pub recency_window: f64,
    /// Warning 4: the share of dated evidence in it (0 to 1) that must be exceeded
    /// (default 0.5).
    pub recency_share: f64,
    /// Warning 4: dated items a case needs before its recency is judged (default 4).
    pub recency_min_items: u32,
    /// Warning 5: the average distance, in scale steps, between an owner's ratings and
    /// the other reviewers' (default 0.75).
    pub leniency_steps: f64,
    /// Warning 5: ratings compared before an owner is judged (default 3).
    pub leniency_min_ratings: u32,
    /// Warning 6: steps between the owner's and a specialist's rating (default 1).
    pub specialist_steps: u32,
    /// Warning 7: how many more gaps a promoted case has than one not promoted
    /// (default 1).
    pub decision_gaps: u32,
    /// Warning 7: how much lower, in steps, a promoted case's average rating is
    /// (default 0.25).
    pub decision_mean: f64,
    /// Warning 8: calibration changes in the set before compression is judged
    /// (default 3).
    pub compression_min_changes: u32,
    /// Warning 8: the share of them (0 to 1) toward the middle, or downward
    /// (default 0.6).
    pub compression_share: f64,
}

/// The defaults, kept as data beside this file.
const DEFAULTS: &str = include_str!("thresholds.yaml");

/// The defaults, parsed once. Read as overrides of the built-in values, so that a key
/// missing from the file (a test checks none is) still has a value.
static PARSED: std::sync::LazyLock<Thresholds> = std::sync::LazyLock::new(|| {
    // The file is part of the binary and a test parses it; should it ever fail, the
    // built-in values stand in.
    let file: Overrides = serde_saphyr::from_str(DEFAULTS).unwrap_or_default();
    Thresholds::built_in().with(&file)
});

impl Default for Thresholds {
    fn default() -> Self {
        PARSED.clone()
    }
}

impl Thresholds {
    /// The values `thresholds.yaml` held when this was written, for when it cannot be
    /// read.
    fn built_in() -> Thresholds {
        Thresholds {
            corroborated_items: 2,
            corroborated_others: 1,
            thin_items: 1,
            weak_share: 0.5,
            person_words_min: 2,
            person_words_ratio: 2.0,
            recency_window: 0.2,
            recency_share: 0.5,
            recency_min_items: 4,
            leniency_steps: 0.75,
            leniency_min_ratings: 3,
            specialist_steps: 1,
            decision_gaps: 1,
            decision_mean: 0.25,
            compression_min_changes: 3,
            compression_share: 0.6,
        }
    }

    /// These thresholds with every value `overrides` gives in its place.
    pub fn with(mut self, overrides: &Overrides) -> Thresholds {
        let o = overrides;
        macro_rules! take {
            ($($field:ident),*) => {
                $(if let Some(v) = o.$field { self.$field = v; })*
            };
        }
        take!(
            corroborated_items,
            corroborated_others,
            thin_items,
            weak_share,
            person_words_min,
            person_words_ratio,
            recency_window,
            recency_share,
            recency_min_items,
            leniency_steps,
            leniency_min_ratings,
            specialist_steps,
            decision_gaps,
            decision_mean,
            compression_min_changes,
            compression_share
        );
        self
    }
}

/// The thresholds a calibration on `framework` uses: the defaults, with whatever its
/// `framework.md` overrides under `calibration:`.
pub fn thresholds(framework: &Framework) -> Thresholds {
    match &framework.calibration {
        Some(o) => Thresholds::default().with(o),
        None => Thresholds::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_file_parses_and_gives_every_threshold() {
        let file: Overrides = match serde_saphyr::from_str(DEFAULTS) {
            Ok(t) => t,
            Err(e) => panic!("thresholds.yaml parses: {e}"),
        };
        let given = serde_json::to_value(&file).expect("json");
        for (key, value) in given.as_object().expect("object") {
            assert!(!value.is_null(), "thresholds.yaml gives {key}");
        }
        assert_eq!(Thresholds::default(), Thresholds::built_in().with(&file));
        assert_eq!(Thresholds::default().weak_share, 0.5);
    }

    #[test]
    fn a_framework_overrides_what_it_names() {
        let mut f = crate::load_bundled().framework;
        assert_eq!(thresholds(&f), Thresholds::default());
        f.calibration = Some(Overrides {
            decision_gaps: Some(4),
            ..Overrides::default()
        });
        let t = thresholds(&f);
        assert_eq!(t.decision_gaps, 4);
        assert_eq!(t.weak_share, Thresholds::default().weak_share);
        // Deserialized with keys missing, the rest are the defaults.
        let partial: Thresholds = serde_json::from_str(r#"{"thin_items": 0}"#).expect("json");
        assert_eq!(partial.thin_items, 0);
        assert_eq!(partial.recency_window, Thresholds::default().recency_window);
    }
}
