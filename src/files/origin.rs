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

/// Why a framework cannot be opened from where it was said to be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    /// A folder named by a relative path, which would depend on where Rung was started.
    #[error("“{0}” is not a full folder path.")]
    RelativeFolder(String),
}

impl FrameworkSource {
    /// Checks what a window or a settings file names: a folder is given by its full path.
    pub fn check(&self) -> Result<(), OriginError> {
        match self {
            FrameworkSource::Folder { path } if !std::path::Path::new(path).is_absolute() => {
                Err(OriginError::RelativeFolder(path.clone()))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_named_by_its_full_path() {
        assert_eq!(FrameworkSource::Bundled.check(), Ok(()));
        let here = std::env::temp_dir().to_string_lossy().into_owned();
        assert_eq!(FrameworkSource::Folder { path: here }.check(), Ok(()));
        let relative = FrameworkSource::Folder {
            path: "ladders".into(),
        };
        assert_eq!(
            relative.check().map_err(|e| e.to_string()),
            Err("“ladders” is not a full folder path.".to_owned())
        );
    }
}
