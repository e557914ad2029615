//! Levels side by side, shaped for a window: what changes from one level of a track to
//! another, and every track's level on one band. The comparing itself is
//! [`crate::compare`]'s; this finds the levels a window names and says in words when one
//! does not exist.

use crate::app::error::{AppError, ErrorKind};
use crate::app::session::Opened;
use crate::compare::{self, BandComparison, LevelDelta};

impl Opened {
    /// What changes from level `from` of a track to `to` (the next level when `None`);
    /// see [`compare::level_delta`].
    pub fn level_delta(
        &self,
        track_id: &str,
        from: &str,
        to: Option<&str>,
    ) -> Result<LevelDelta, AppError> {
        let f = self.framework();
        let not_found = || AppError::new(ErrorKind::NotFound, "That level does not exist.");
        let track = f.track(track_id).ok_or_else(not_found)?;
        let from_level = track.level(from).ok_or_else(not_found)?;
        let to = match to {
            Some(to) => to.to_owned(),
            None => compare::next_level(track, from_level)
                .map(|l| l.id.clone())
                .ok_or_else(|| {
                    AppError::new(
                        ErrorKind::NotFound,
                        format!("{} is the highest level of its track.", from_level.title),
                    )
                })?,
        };
        compare::level_delta(f, self.terms(), track_id, from, &to).map_err(|e| {
            AppError::new(
                ErrorKind::NotFound,
                format!("Rung cannot compare these levels: {e}."),
            )
        })
    }

    /// Every track's level on one band, side by side; see [`compare::band_comparison`].
    pub fn band_comparison(&self, band: u32) -> Result<BandComparison, AppError> {
        compare::band_comparison(self.framework(), self.terms(), band)
            .map_err(|_| AppError::new(ErrorKind::NotFound, "That band does not exist."))
    }
}
