//! What the app remembers between launches, in a small JSON file in the config folder.
//!
//! The folder is chosen by the caller (the shell resolves the platform's config folder
//! once). Writing goes to a temporary file that then replaces the old one, so a crash
//! mid-write never leaves a torn file; a missing or unreadable file means defaults.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::files::origin::FrameworkSource;
use crate::files::private;

const FILE: &str = "settings.json";

/// Settings remembered across launches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The framework opened last, reopened at the next launch.
    #[serde(default)]
    pub last_source: Option<FrameworkSource>,
    /// The page the person was on, shown again at the next launch.
    #[serde(default)]
    pub last_view: Option<RememberedView>,
}

/// A page and the framework that was open on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedView {
    /// The framework open at the time.
    pub source: FrameworkSource,
    /// The page.
    pub view: LastView,
}

impl Settings {
    /// The remembered page, if it can be shown with `open` as the open framework: a page
    /// of cases always, a page of the framework only when it is the same framework.
    pub fn view_for(&self, open: &FrameworkSource) -> Option<LastView> {
        let remembered = self.last_view.as_ref()?;
        let of_cases = matches!(remembered.view, LastView::Cases | LastView::Case { .. });
        (of_cases || &remembered.source == open).then(|| remembered.view.clone())
    }
}

/// A page of the app, as remembered between launches: what is needed to show it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "page", rename_all = "kebab-case")]
pub enum LastView {
    /// The tracks and levels.
    Home,
    /// One level of a track.
    Level {
        /// The track's id.
        track: String,
        /// The level's id.
        level: String,
    },
    /// What changes from one level of a track to another.
    Compare {
        /// The track's id.
        track: String,
        /// The lower level's id.
        from: String,
        /// The higher level's id.
        to: String,
    },
    /// Every track's level on one band.
    Band {
        /// The band.
        band: u32,
    },
    /// The list of cases.
    Cases,
    /// One case in the editor.
    Case {
        /// The case's id.
        id: String,
    },
}

/// The longest id a remembered view may hold; anything longer was not written by Rung.
const MAX_VIEW_ID: usize = 256;

impl LastView {
    /// Whether the view's ids are of a sensible size (they come from the window).
    pub fn is_plausible(&self) -> bool {
        let ok = |s: &str| !s.is_empty() && s.len() <= MAX_VIEW_ID;
        match self {
            LastView::Home | LastView::Cases | LastView::Band { .. } => true,
            LastView::Level { track, level } => ok(track) && ok(level),
            LastView::Compare { track, from, to } => ok(track) && ok(from) && ok(to),
            LastView::Case { id } => ok(id),
        }
    }
}

impl Settings {
    /// Reads the settings in `dir`; defaults when there are none or they cannot be read.
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings into `dir`, creating it if needed (private, as the file: the
    /// settings name the case open last), replacing the old file whole.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        if !dir.is_dir() {
            private::create_dir(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        private::write(&dir.join(FILE), &json)
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
            last_view: Some(RememberedView {
                source: FrameworkSource::Bundled,
                view: LastView::Compare {
                    track: "product-designer".into(),
                    from: "d2".into(),
                    to: "d3".into(),
                },
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

    #[cfg(unix)]
    #[test]
    fn settings_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tmp");
        let nested = dir.path().join("nested");
        Settings::default().save(&nested).expect("save");
        assert_eq!(private::mode(&nested).expect("mode"), 0o700);
        let file = nested.join(FILE);
        assert_eq!(private::mode(&file).expect("mode"), 0o600);
        // A file an older Rung left readable by others is replaced by a private one.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        Settings::default().save(&nested).expect("save");
        assert_eq!(private::mode(&file).expect("mode"), 0o600);
    }

    #[test]
    fn settings_of_an_older_rung_still_read() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join("settings.json"),
            br#"{ "last_source": { "kind": "bundled" } }"#,
        )
        .expect("write");
        let settings = Settings::load(dir.path());
        assert_eq!(settings.last_source, Some(FrameworkSource::Bundled));
        assert_eq!(settings.last_view, None);
    }

    #[test]
    fn a_page_of_another_framework_is_not_shown_again() {
        let folder = FrameworkSource::Folder {
            path: "/ladders".into(),
        };
        let remembered = |view: LastView| Settings {
            last_source: None,
            last_view: Some(RememberedView {
                source: folder.clone(),
                view,
            }),
        };
        let level = LastView::Level {
            track: "engineering".into(),
            level: "e3".into(),
        };
        assert_eq!(
            remembered(level.clone()).view_for(&folder),
            Some(level.clone())
        );
        assert_eq!(remembered(level).view_for(&FrameworkSource::Bundled), None);
        let case = LastView::Case { id: "c1".into() };
        assert_eq!(
            remembered(case.clone()).view_for(&FrameworkSource::Bundled),
            Some(case)
        );
    }

    #[test]
    fn a_remembered_view_is_checked() {
        assert!(LastView::Case {
            id: "case-1".into()
        }
        .is_plausible());
        assert!(!LastView::Case { id: String::new() }.is_plausible());
        assert!(!LastView::Level {
            track: "t".repeat(300),
            level: "l".into()
        }
        .is_plausible());
        let json = serde_json::to_string(&LastView::Band { band: 4 }).expect("json");
        assert_eq!(json, r#"{"page":"band","band":4}"#);
    }
}
