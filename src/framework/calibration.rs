//! What a framework says about calibration: `framework.md` may override any threshold
//! of the consistency checks under `calibration:` (the keys and defaults are in
//! `src/calibration/thresholds.yaml`). Read raw here, where unknown keys and values out
//! of range are reported where they are written; applied by `crate::calibration`.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::front_matter::{Schema, Yaml};

/// The thresholds a framework overrides; `None` keeps the default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    /// See `Thresholds::corroborated_items`.
    pub corroborated_items: Option<u32>,
    /// See `Thresholds::corroborated_others`.
    pub corroborated_others: Option<u32>,
    /// See `Thresholds::thin_items`.
    pub thin_items: Option<u32>,
    /// See `Thresholds::weak_share`.
    pub weak_share: Option<f64>,
    /// See `Thresholds::person_words_min`.
    pub person_words_min: Option<u32>,
    /// See `Thresholds::person_words_ratio`.
    pub person_words_ratio: Option<f64>,
    /// See `Thresholds::recency_window`.
    pub recency_window: Option<f64>,
    /// See `Thresholds::recency_share`.
    pub recency_share: Option<f64>,
    /// See `Thresholds::recency_min_items`.
    pub recency_min_items: Option<u32>,
    /// See `Thresholds::leniency_steps`.
    pub leniency_steps: Option<f64>,
    /// See `Thresholds::leniency_min_ratings`.
    pub leniency_min_ratings: Option<u32>,
    /// See `Thresholds::specialist_steps`.
    pub specialist_steps: Option<u32>,
    /// See `Thresholds::decision_gaps`.
    pub decision_gaps: Option<u32>,
    /// See `Thresholds::decision_mean`.
    pub decision_mean: Option<f64>,
    /// See `Thresholds::compression_min_changes`.
    pub compression_min_changes: Option<u32>,
    /// See `Thresholds::compression_share`.
    pub compression_share: Option<f64>,
}

// The loader keeps only finite numbers, so every value equals itself.
impl Eq for Overrides {}

// ------------------------------------------------------------ reading it

/// A value as written, with where.
type At<T> = Option<Spanned<T>>;

/// The `calibration:` block as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverrides {
    corroborated_items: At<u32>,
    corroborated_others: At<u32>,
    thin_items: At<u32>,
    weak_share: At<f64>,
    person_words_min: At<u32>,
    person_words_ratio: At<f64>,
    recency_window: At<f64>,
    recency_share: At<f64>,
    recency_min_items: At<u32>,
    leniency_steps: At<f64>,
    leniency_min_ratings: At<u32>,
    specialist_steps: At<u32>,
    decision_gaps: At<u32>,
    decision_mean: At<f64>,
    compression_min_changes: At<u32>,
    compression_share: At<f64>,
}

/// The front matter read again for `calibration:` alone.
#[derive(Deserialize)]
struct Holder {
    calibration: Option<RawOverrides>,
}

/// What a number of the block may be.
#[derive(Clone, Copy)]
enum Range {
    /// A share, from 0 to 1.
    Share,
    /// A number above 0.
    Positive,
}

/// Reads the `calibration:` block of a file whose front matter parsed with `schema`. An
/// unknown key or a value of the wrong kind drops the block; a number out of range drops
/// that number; each is reported where it is written.
pub(crate) fn read(
    yaml: &Yaml<'_>,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Overrides> {
    let mut found = Vec::new();
    let holder: Option<Holder> = yaml.parse(schema, &mut found);
    for d in found {
        if !diagnostics.contains(&d) {
            diagnostics.push(d);
        }
    }
    let raw = holder?.calibration?;
    let mut number = |key: &str, value: At<f64>, range: Range| -> Option<f64> {
        let value = value?;
        let v = value.value;
        let (ok, want) = match range {
            Range::Share => ((0.0..=1.0).contains(&v), "a share from 0 to 1, such as 0.5"),
            Range::Positive => (v.is_finite() && v > 0.0, "a number above 0, such as 2.0"),
        };
        if ok {
            return Some(v);
        }
        diagnostics.push(
            yaml.diagnostic_on(
                Code::InvalidValue,
                &value,
                format!("`calibration.{key}` is {v}, out of range"),
            )
            .with_help(format!("`{key}` takes {want}")),
        );
        None
    };
    let whole = |v: At<u32>| v.map(|v| v.value);
    Some(Overrides {
        corroborated_items: whole(raw.corroborated_items),
        corroborated_others: whole(raw.corroborated_others),
        thin_items: whole(raw.thin_items),
        weak_share: number("weak_share", raw.weak_share, Range::Share),
        person_words_min: whole(raw.person_words_min),
        person_words_ratio: number(
            "person_words_ratio",
            raw.person_words_ratio,
            Range::Positive,
        ),
        recency_window: number("recency_window", raw.recency_window, Range::Share),
        recency_share: number("recency_share", raw.recency_share, Range::Share),
        recency_min_items: whole(raw.recency_min_items),
        leniency_steps: number("leniency_steps", raw.leniency_steps, Range::Positive),
        leniency_min_ratings: whole(raw.leniency_min_ratings),
        specialist_steps: whole(raw.specialist_steps),
        decision_gaps: whole(raw.decision_gaps),
        decision_mean: number("decision_mean", raw.decision_mean, Range::Positive),
        compression_min_changes: whole(raw.compression_min_changes),
        compression_share: number("compression_share", raw.compression_share, Range::Share),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::source::SourceFile;

    const SCHEMA: Schema = Schema {
        known: &["name", "calibration"],
        required: &[],
        older: &[],
    };

    fn read_text(yaml_text: &str) -> (Option<Overrides>, Vec<String>) {
        let file = SourceFile::new("framework.md", format!("---\n{yaml_text}---\n"));
        let mut diagnostics = Vec::new();
        let read = crate::framework::front_matter::split(&file.text)
            .ok()
            .and_then(|split| read(&Yaml { file: &file, split }, &SCHEMA, &mut diagnostics));
        (read, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_framework_overrides_some_thresholds() {
        let (read, diagnostics) =
            read_text("calibration:\n  weak_share: 0.25\n  decision_gaps: 3\n");
        assert_eq!(diagnostics, Vec::<String>::new());
        assert_eq!(
            read,
            Some(Overrides {
                weak_share: Some(0.25),
                decision_gaps: Some(3),
                ..Overrides::default()
            })
        );
        assert_eq!(read_text("name: x\n").0, None);
    }

    #[test]
    fn an_unknown_key_or_a_number_out_of_range_is_reported_where_it_is_written() {
        let (read, diagnostics) = read_text("calibration:\n  weak_shares: 0.25\n");
        assert_eq!(read, None);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].starts_with(
                "framework.md:3:3: error[unknown-key]: unknown key `weak_shares` (did you mean `weak_share`?)"
            ),
            "{diagnostics:?}"
        );
        let (read, diagnostics) =
            read_text("calibration:\n  recency_share: 1.5\n  thin_items: 2\n");
        assert_eq!(
            diagnostics,
            ["framework.md:3:18: error[invalid-value]: `calibration.recency_share` is 1.5, out of range (`recency_share` takes a share from 0 to 1, such as 0.5)"]
        );
        assert_eq!(
            read,
            Some(Overrides {
                thin_items: Some(2),
                ..Overrides::default()
            })
        );
        let (_, diagnostics) = read_text("calibration:\n  thin_items: -1\n");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    }
}
