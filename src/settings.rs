//! What the app remembers between launches, in a small JSON file in the config folder.
//!
//! The folder is chosen by the caller (the shell resolves the platform's config folder
//! once). Writing goes to a temporary file that then replaces the old one, so a crash
//! mid-write never leaves a torn file; a missing or unreadable file means defaults.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::view::FrameworkSource;

const FILE: &str = "settings.json";

/// Settings remembered across launches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The framework opened last, reopened at the next launch.
    #[serde(default)]
    pub last_source: Option<FrameworkSource>,
}

impl Settings {
    /// Reads the settings in `dir`; defaults when there are none or they cannot be read.
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings into `dir`, creating it if needed, replacing the old file whole.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::fs::write_whole(&dir.join(FILE), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_when_missing_or_corrupt() {
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let settings = Settings {
            last_source: Some(FrameworkSource::Folder {
                path: "/ladders".into(),
            }),
        };
        settings.save(&dir.path().join("nested")).expect("save");
        assert_eq!(Settings::load(&dir.path().join("nested")), settings);
        std::fs::write(dir.path().join("nested/settings.json"), b"{ not json").expect("write");
        assert_eq!(
            Settings::load(&dir.path().join("nested")),
            Settings::default()
        );
    }
}
