//! The error a window receives: a kind the UI can act on and a sentence to show, sent
//! across IPC as `{ kind, message }`.

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, for a person: a kind the UI can act on and a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// A sentence that says what happened, in plain words.
    pub message: String,
}

/// The kinds of [`AppError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A folder could not be opened.
    Unreadable,
    /// A track or level that the framework does not have.
    NotFound,
    /// No framework is open yet.
    NotOpen,
    /// Something the app did wrong.
    Internal,
    /// What was asked for cannot be done, for the reason the message gives.
    Refused,
    /// The thing changed since the window showed it; show it again before changing it.
    Stale,
    /// The file is encrypted with a passphrase and none, or another, was given: ask for
    /// it and try again.
    Passphrase,
}

impl AppError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
        }
    }
}
