//! A file handed to Rung to open (double-clicked, or named on the command line): a case
//! file (`.rungcase`, plain or sealed) opens the case import, a page written by
//! `rung export-html` (`.html`) opens "Import a framework…". Only the name and the size
//! are checked here; what the file holds is read, and judged by its content, by the
//! import it opens, as if the person had picked it.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::cases::exchange::{CASE_EXTENSION, MAX_CASE_FILE};
use crate::files::seal;

/// Largest page taken to "Import a framework…": a page exported from a framework of
/// 320,000 expectations is about 150 MB.
pub const MAX_PAGE: u64 = 512 * 1024 * 1024;

/// The import a file opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenKind {
    /// A case file: "Import a case file…".
    Case,
    /// A page written by `rung export-html`: "Import a framework…".
    Framework,
}

impl OpenKind {
    /// The kind of a file by its name's extension (any letter case), if Rung opens it.
    pub fn of(path: &Path) -> Option<OpenKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            CASE_EXTENSION => Some(OpenKind::Case),
            "html" | "htm" => Some(OpenKind::Framework),
            _ => None,
        }
    }

    /// The largest file of this kind an import reads.
    pub fn limit(self) -> u64 {
        match self {
            OpenKind::Case => seal::sealed_limit(MAX_CASE_FILE),
            OpenKind::Framework => MAX_PAGE,
        }
    }
}

/// A file waiting for the window to open it, as the window is told of it: a number that
/// names it (the window never sends a path back) and the file's name, or why Rung will
/// not open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FileToOpen {
    /// A case file to import.
    Case {
        /// What names this file when the window asks to open it.
        token: u32,
        /// The file's name, without its folder.
        name: String,
    },
    /// A framework page to import.
    Framework {
        /// What names this file when the window asks to open it.
        token: u32,
        /// The file's name, without its folder.
        name: String,
    },
    /// A file Rung was asked to open and will not.
    Refused {
        /// Tells this refusal from another of the same file.
        token: u32,
        /// Why, in a sentence.
        message: String,
    },
}

impl FileToOpen {
    /// The number that names it.
    pub fn token(&self) -> u32 {
        match self {
            FileToOpen::Case { token, .. }
            | FileToOpen::Framework { token, .. }
            | FileToOpen::Refused { token, .. } => *token,
        }
    }
}

/// Why a file handed to Rung is not opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenFileError {
    /// Nothing is there.
    #[error("{0} does not exist")]
    Missing(String),
    /// A folder, a device or anything else but a file.
    #[error("{0} is not a file")]
    NotAFile(String),
    /// An extension Rung does not open.
    #[error("{0} is neither a case file (.{CASE_EXTENSION}) nor a framework page (.html)")]
    UnknownKind(String),
    /// Larger than its import reads.
    #[error("{0} is too large to be a case file")]
    TooLargeCase(String),
    /// Larger than its import reads.
    #[error("{0} is too large to be a framework page")]
    TooLargePage(String),
}

/// Checks a file handed to Rung: there, a file, of a kind Rung opens, within its
/// import's size limit; answers with the kind.
pub fn check(path: &Path) -> Result<OpenKind, OpenFileError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| OpenFileError::Missing(shown.clone()))?;
    if !meta.is_file() {
        return Err(OpenFileError::NotAFile(shown));
    }
    let kind = OpenKind::of(path).ok_or_else(|| OpenFileError::UnknownKind(shown.clone()))?;
    if meta.len() > kind.limit() {
        return Err(match kind {
            OpenKind::Case => OpenFileError::TooLargeCase(shown),
            OpenKind::Framework => OpenFileError::TooLargePage(shown),
        });
    }
    Ok(kind)
}

/// What a path given to Rung at launch asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Argument {
    /// A framework folder to open (or something that is not there and names no file to
    /// open: opening it says what is wrong, as before files were opened).
    Folder(PathBuf),
    /// A file to open, checked.
    File(PathBuf, OpenKind),
    /// A file Rung will not open.
    Refused(OpenFileError),
}

/// Tells a folder from a file to open. `path` is made absolute against `cwd` first (a
/// second launch hands over its own working folder).
pub fn argument(path: &Path, cwd: &Path) -> Argument {
    let path = cwd.join(path);
    let path = std::path::absolute(&path).unwrap_or(path);
    if path.is_dir() || (!path.exists() && OpenKind::of(&path).is_none()) {
        return Argument::Folder(path);
    }
    match check(&path) {
        Ok(kind) => Argument::File(path, kind),
        Err(e) => Argument::Refused(e),
    }
}

/// The first argument that is not an option, of the arguments after the program's name.
pub fn first_path<I, S>(args: I) -> Option<PathBuf>
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString>,
{
    args.into_iter()
        .map(Into::into)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &Path) -> String {
        path.display().to_string()
    }

    #[test]
    fn a_file_is_told_from_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("ana-lima-case.rungcase");
        std::fs::write(&case, "{}").expect("write");
        let page = dir.path().join("Framework.HTML");
        std::fs::write(&page, "<html></html>").expect("write");
        assert_eq!(
            argument(dir.path(), Path::new("/")),
            Argument::Folder(dir.path().to_path_buf())
        );
        assert_eq!(
            argument(&case, Path::new("/")),
            Argument::File(case.clone(), OpenKind::Case)
        );
        assert_eq!(
            argument(&page, Path::new("/")),
            Argument::File(page.clone(), OpenKind::Framework)
        );
        // A relative path is taken from the folder the launch was made in.
        assert_eq!(
            argument(Path::new("ana-lima-case.rungcase"), dir.path()),
            Argument::File(case, OpenKind::Case)
        );
        // A folder that is not there stays a folder, and opening it says so.
        let gone = dir.path().join("ladders");
        assert_eq!(argument(&gone, Path::new("/")), Argument::Folder(gone));
        // A folder named like a case file is still a folder.
        let odd = dir.path().join("odd.rungcase");
        std::fs::create_dir(&odd).expect("folder");
        assert_eq!(argument(&odd, Path::new("/")), Argument::Folder(odd));
    }

    #[test]
    fn a_file_to_open_is_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("gone.rungcase");
        assert_eq!(
            argument(&missing, Path::new("/")),
            Argument::Refused(OpenFileError::Missing(name(&missing)))
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello").expect("write");
        assert_eq!(
            argument(&text, Path::new("/")),
            Argument::Refused(OpenFileError::UnknownKind(name(&text)))
        );
        let large = dir.path().join("large.rungcase");
        std::fs::File::create(&large)
            .and_then(|f| f.set_len(OpenKind::Case.limit() + 1))
            .expect("a large file");
        let refused = check(&large).expect_err("too large");
        assert_eq!(
            refused.to_string(),
            format!("{} is too large to be a case file", name(&large))
        );
        // At the limit it is still taken: the import itself says more.
        std::fs::File::create(&large)
            .and_then(|f| f.set_len(OpenKind::Case.limit()))
            .expect("a large file");
        assert_eq!(check(&large), Ok(OpenKind::Case));
        assert_eq!(
            OpenFileError::UnknownKind("notes.txt".into()).to_string(),
            "notes.txt is neither a case file (.rungcase) nor a framework page (.html)"
        );
        assert_eq!(
            check(dir.path()),
            Err(OpenFileError::NotAFile(name(dir.path())))
        );
    }

    #[test]
    fn the_first_path_skips_options() {
        assert_eq!(
            first_path(["--verbose", "case.rungcase", "other"]),
            Some(PathBuf::from("case.rungcase"))
        );
        assert_eq!(first_path(["-x"]), None);
        assert_eq!(first_path(Vec::<String>::new()), None);
    }
}
