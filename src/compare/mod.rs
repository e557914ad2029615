//! Comparisons: what changes from one level to another of a track, what every track asks
//! for at one band, and what changed between two versions of a framework.
//!
//! Results carry each expectation's markdown and its sanitised inline HTML, so the
//! command line and the app show the same thing. The HTML of a level delta and of a band
//! marks glossary terms in the sense of the track (and competency) it belongs to, each
//! expectation and statement on its own, as a level page does.
//!
//! One file per comparison: [`word_diff`] (the word diff every comparison shows), the
//! level delta ([`level_delta`]), the band comparison ([`band_comparison`]) and the
//! version diff ([`version_diff`]); what they show of an expectation and a level is
//! shared, as is the error.

mod band;
mod delta;
mod diff;
mod error;
mod expectation;
mod versions;

pub use band::{band_comparison, BandColumn, BandComparison, BandRow};
pub use delta::{
    level_delta, next_level, CompetencyDelta, DeltaCounts, DimensionChange, LevelDelta, Stronger,
};
pub use diff::{mostly_rewritten, word_diff, DiffKind, DiffPart};
pub use error::CompareError;
pub use expectation::{ExpectationRef, LevelHead};
pub use versions::{version_diff, FrameworkHead, Reworded, VersionDiff};
