//! The data folder: where the case database lives, the same for the app and the `rung`
//! tool. The callers find the platform's folder for Rung (the core never asks for it on
//! its own); this module decides which folder wins and makes it private before anything
//! is written there.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::private;

/// The environment variable that names another data folder (tests, portable installs).
pub const OVERRIDE: &str = "RUNG_DATA_DIR";

/// The case database's file name in the data folder.
pub const DATABASE: &str = "cases.db";

/// The data folder: the one `RUNG_DATA_DIR` names when it is set and not empty (given
/// here as `overridden`), else the platform's folder for Rung, if the platform has one.
pub fn locate(overridden: Option<OsString>, platform: Option<PathBuf>) -> Option<PathBuf> {
    overridden
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or(platform)
}

/// Makes `dir` ready for cases: created private when missing (0700 on Unix), and, when an
/// older Rung left it or anything in it readable by others, tightened to 0700 folders
/// and 0600 files. Answers with the paths it tightened, for a caller that says so.
pub fn prepare(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let existed = dir.is_dir();
    #[cfg(unix)]
    let was_open = existed && private::mode(dir).is_ok_and(|m| m & 0o077 != 0);
    #[cfg(not(unix))]
    let was_open = false;
    private::create_dir(dir)?;
    let mut changed = if existed {
        private::tighten(dir)?
    } else {
        Vec::new()
    };
    if was_open {
        changed.insert(0, dir.to_path_buf());
    }
    Ok(changed)
}

/// In words, what [`prepare`] tightened; `None` when it tightened nothing.
pub fn tightened_note(dir: &Path, changed: &[PathBuf]) -> Option<String> {
    match changed.len() {
        0 => None,
        n => Some(format!(
            "{n} {} in {} made readable by you only",
            if n == 1 { "entry" } else { "entries" },
            dir.display()
        )),
    }
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn the_override_wins_unless_empty() {
        let platform = Some(PathBuf::from("/home/a/.local/share/rung"));
        assert_eq!(
            locate(Some("/tmp/d".into()), platform.clone()),
            Some(PathBuf::from("/tmp/d"))
        );
        assert_eq!(locate(Some("".into()), platform.clone()), platform);
        assert_eq!(locate(None, platform.clone()), platform);
        assert_eq!(locate(None, None), None);
    }

    #[test]
    fn a_new_data_folder_is_private_and_an_old_one_is_tightened() {
        let tmp = tempfile::tempdir().unwrap();
        let fresh = tmp.path().join("share/rung");
        assert!(prepare(&fresh).unwrap().is_empty());
        assert_eq!(private::mode(&fresh).unwrap(), 0o700);

        let old = tmp.path().join("old");
        std::fs::create_dir(&old).unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(old.join(DATABASE), b"x").unwrap();
        std::fs::set_permissions(old.join(DATABASE), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        let changed = prepare(&old).unwrap();
        assert_eq!(changed, vec![old.clone(), old.join(DATABASE)]);
        assert_eq!(private::mode(&old).unwrap(), 0o700);
        assert_eq!(private::mode(&old.join(DATABASE)).unwrap(), 0o600);
        assert_eq!(
            tightened_note(&old, &changed).unwrap(),
            format!("2 entries in {} made readable by you only", old.display())
        );
        assert!(prepare(&old).unwrap().is_empty());
        assert_eq!(tightened_note(&old, &[]), None);
    }
}
