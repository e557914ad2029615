//! Where a framework's files come from: the copy built into Rung, or a folder on disk.
//! The app opens a framework from one, and the settings remember which was open last.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a framework comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FrameworkSource {
    /// The framework built into Rung.
    Bundled,
    /// A folder on disk.
    Folder {
        /// Absolute path of the folder.
        path: String,
    },
}
