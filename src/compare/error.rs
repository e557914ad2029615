//! Why a comparison could not be made: an unknown track, level or band, or two levels in
//! the wrong order.

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// No track with this id.
    #[error("there is no track `{0}`")]
    UnknownTrack(String),
    /// No level with this id in the track.
    #[error("track `{0}` has no level `{1}`")]
    UnknownLevel(String, String),
    /// The two levels are one, or the first is not below the second.
    #[error("`{0}` is not below `{1}`: compare a level with a higher one")]
    NotAscending(String, String),
    /// No band with this number.
    #[error("there is no band {0}")]
    UnknownBand(u32),
}
