//! Files only their owner may read: the data folder where cases live, the case database
//! and everything Rung writes there or exports with case data in it.
//!
//! On Unix a private folder is created with mode 0700 and a private file with 0600 from
//! the moment it exists (the mode is given to `open`, never set after), so there is no
//! instant at which another account could open it. [`tighten`] brings an existing data
//! folder, written by an older Rung with the default modes, to the same state. On
//! Windows and macOS the per-user folders the platform gives each account apply; there
//! is no mode to set on Windows, so these functions only create there.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The mode of a private folder on Unix.
pub const DIR_MODE: u32 = 0o700;
/// The mode of a private file on Unix.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents as private folders; an existing `dir` is made
/// private too.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    set_mode(dir, DIR_MODE)
}

/// Creates a new file, readable and writable by its owner only; fails if it exists.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options.open(path)
}

/// Makes sure a file exists as a private file: created empty and private when absent,
/// made private when present. The case database is created this way before SQLite opens
/// it, so that SQLite's own files beside it (`-wal`, `-shm`), which take the database's
/// mode, are private too.
pub fn ensure_file(path: &Path) -> io::Result<()> {
    match create_new(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => set_mode(path, FILE_MODE),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` whole (as [`super::folder::write_whole`]: a crash leaves the
/// old file or the new one), as a private file.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_whole(path, bytes, true)
}

/// Writes `bytes` to `path` whole (see [`super::folder::write_whole`]); with `private`
/// the file is readable by its owner only from the moment it exists.
pub(crate) fn replace_whole(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    use std::io::Write as _;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let written = (|| {
        let mut file = if private {
            // A temporary file left by a crash is removed, not written through: it may
            // have been made by an older Rung with another mode.
            match std::fs::remove_file(&tmp) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            create_new(&tmp)?
        } else {
            std::fs::File::create(&tmp)?
        };
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            // Nothing half-written stays behind; the old file, if any, is untouched.
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Makes an existing folder and everything in it private: the folder and its
/// sub-folders 0700, its files 0600. Symbolic links are not followed. Answers with the
/// paths whose mode was changed, so that a caller can say what it tightened.
pub fn tighten(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    tighten_into(dir, &mut changed)?;
    Ok(changed)
}

fn tighten_into(dir: &Path, changed: &mut Vec<PathBuf>) -> io::Result<()> {
    if restrict(dir, DIR_MODE)? {
        changed.push(dir.to_path_buf());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            tighten_into(&path, changed)?;
        } else if kind.is_file() && restrict(&path, FILE_MODE)? {
            changed.push(path);
        }
    }
    Ok(())
}

/// Sets the mode when it gives more than `mode`; whether it changed.
#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> io::Result<bool> {
    use std::os::unix::fs::PermissionsExt as _;
    let current = std::fs::symlink_metadata(path)?.permissions().mode() & 0o777;
    if current & !mode == 0 {
        return Ok(false);
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(current & mode))?;
    Ok(true)
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> io::Result<bool> {
    Ok(false)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// The mode bits of a path on Unix (for tests and for saying what was found).
#[cfg(unix)]
pub fn mode(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    Ok(std::fs::symlink_metadata(path)?.permissions().mode() & 0o777)
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn a_private_folder_and_file_are_the_owners_only_from_the_start() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data/rung");
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir).unwrap(), 0o700);
        assert_eq!(mode(&tmp.path().join("data")).unwrap(), 0o700);
        write(&dir.join("settings.json"), b"{}").unwrap();
        assert_eq!(mode(&dir.join("settings.json")).unwrap(), 0o600);
        ensure_file(&dir.join("cases.db")).unwrap();
        assert_eq!(mode(&dir.join("cases.db")).unwrap(), 0o600);
        // A temporary file a crash left behind does not stop the next write.
        std::fs::write(dir.join(".settings.json.tmp"), b"half").unwrap();
        write(&dir.join("settings.json"), b"{\"a\":1}").unwrap();
        assert_eq!(
            std::fs::read(dir.join("settings.json")).unwrap(),
            b"{\"a\":1}"
        );
        assert_eq!(mode(&dir.join("settings.json")).unwrap(), 0o600);
        // No temporary file is left behind.
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn an_older_install_is_tightened() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rung");
        std::fs::create_dir_all(dir.join("backups")).unwrap();
        for (path, m) in [(dir.clone(), 0o755), (dir.join("backups"), 0o755)] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m)).unwrap();
        }
        for file in ["cases.db", "cases.db-wal", "backups/cases-1.db"] {
            std::fs::write(dir.join(file), b"x").unwrap();
            std::fs::set_permissions(dir.join(file), std::fs::Permissions::from_mode(0o644))
                .unwrap();
        }
        std::fs::write(dir.join("mine"), b"x").unwrap();
        std::fs::set_permissions(dir.join("mine"), std::fs::Permissions::from_mode(0o400)).unwrap();
        let changed = tighten(&dir).unwrap();
        assert_eq!(changed.len(), 5, "{changed:?}");
        assert_eq!(mode(&dir).unwrap(), 0o700);
        assert_eq!(mode(&dir.join("backups")).unwrap(), 0o700);
        assert_eq!(mode(&dir.join("cases.db")).unwrap(), 0o600);
        assert_eq!(mode(&dir.join("backups/cases-1.db")).unwrap(), 0o600);
        // A file already stricter than private keeps its mode.
        assert_eq!(mode(&dir.join("mine")).unwrap(), 0o400);
        assert!(tighten(&dir).unwrap().is_empty());
    }
}
