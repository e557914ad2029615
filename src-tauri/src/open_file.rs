//! Files handed to Rung to open: named on the command line of the first launch, handed
//! over by a second launch through the single-instance plugin, or (macOS) sent by the
//! system when a file is double-clicked. Each is checked here (`rung::app::open_file`)
//! and kept until the window asks for it (`pending_open`, called when the window
//! starts, so nothing is lost while it is not ready); the window is also told at once
//! (`open-file`). The window names the file by its token, never by a path: the import
//! commands take it from here, checked again.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, Emitter, Manager, State};

use rung::app::open_file::{self, Argument, FileToOpen, OpenKind};
use rung::app::{AppError, ErrorKind};

/// The event that tells the window a file is waiting to be opened.
pub(crate) const EVENT: &str = "open-file";

/// The file waiting for the window: the last one handed to Rung (a newer one replaces
/// it), with its path, which never leaves the shell.
#[derive(Default)]
pub(crate) struct Pending(Mutex<Slot>);

#[derive(Default)]
struct Slot {
    last_token: u32,
    waiting: Option<(FileToOpen, Option<PathBuf>)>,
}

impl Pending {
    /// Keeps what `argument` asks for, when it is a file (or a file refused), and answers
    /// with what the window is told; a folder is not for this.
    pub(crate) fn offer(&self, argument: Argument) -> Option<FileToOpen> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let token = slot.last_token.wrapping_add(1);
        let (file, path) = match argument {
            Argument::Folder(_) => return None,
            Argument::File(path, kind) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let file = match kind {
                    OpenKind::Case => FileToOpen::Case { token, name },
                    OpenKind::Framework => FileToOpen::Framework { token, name },
                };
                (file, Some(path))
            }
            Argument::Refused(e) => (
                FileToOpen::Refused {
                    token,
                    message: format!("Rung cannot open this file: {e}."),
                },
                None,
            ),
        };
        slot.last_token = token;
        slot.waiting = Some((file.clone(), path));
        Some(file)
    }

    /// The file waiting for the window, if any: it waits until it is taken, but a
    /// refusal is told once.
    pub(crate) fn peek(&self) -> Option<FileToOpen> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let file = slot.waiting.as_ref().map(|(file, _)| file.clone());
        if matches!(file, Some(FileToOpen::Refused { .. })) {
            slot.waiting = None;
        }
        file
    }

    /// Takes the file named `token` to open it with the import of `kind`: refused when
    /// another file is waiting now, when it is of another kind, or when it changed since
    /// (checked again: there, a file, within its limit). A refusal is taken too.
    pub(crate) fn take(&self, token: u32, kind: OpenKind) -> Result<PathBuf, AppError> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let path = match &slot.waiting {
            Some((file, Some(path))) if file.token() == token => path.clone(),
            Some((file, None)) if file.token() == token => {
                slot.waiting = None;
                return Err(gone());
            }
            _ => return Err(gone()),
        };
        slot.waiting = None;
        match open_file::check(&path) {
            Ok(found) if found == kind => Ok(path),
            Ok(_) => Err(refused("That file is not one this import reads.")),
            Err(e) => Err(refused(format!("Rung cannot open this file: {e}."))),
        }
    }
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::new(ErrorKind::Refused, message)
}

fn gone() -> AppError {
    refused("That file is no longer waiting to be opened; open it again.")
}

/// What the first launch's command line asks for: the folder to open at start-up and the
/// file to open once the window is up (at most one of the two).
pub(crate) fn launch_argument() -> (Option<PathBuf>, Option<Argument>) {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    split(args, &cwd)
}

fn split(args: Vec<OsString>, cwd: &Path) -> (Option<PathBuf>, Option<Argument>) {
    let Some(path) = open_file::first_path(args) else {
        return (None, None);
    };
    match open_file::argument(&path, cwd) {
        Argument::Folder(folder) => (Some(folder), None),
        file => (None, Some(file)),
    }
}

/// A second launch handed over its arguments (the program first) and the folder it ran
/// in: a file among them waits for the window, which is told, and comes to the front.
/// A folder there is not opened: the window shows what it shows.
pub(crate) fn second_launch(app: &AppHandle, args: Vec<String>, cwd: &str) {
    if let Some(file) = handed_over(args, cwd) {
        arrived(app, file);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The file a second launch's arguments (the program first) name, if any.
fn handed_over(args: Vec<String>, cwd: &str) -> Option<Argument> {
    let args = args.into_iter().skip(1).map(OsString::from).collect();
    split(args, Path::new(cwd)).1
}

/// Keeps `argument` for the window and tells the window, when it is up.
pub(crate) fn arrived(app: &AppHandle, argument: Argument) {
    let Some(file) = app.state::<Pending>().offer(argument) else {
        return;
    };
    // A window not up yet asks with `pending_open` when it starts.
    let _ = app.emit_to("main", EVENT, file);
}

/// macOS hands a double-clicked file (or several) over as `file://` URLs.
#[cfg(target_os = "macos")]
pub(crate) fn opened_urls(app: &AppHandle, urls: Vec<tauri::Url>) {
    for url in urls {
        if let Ok(path) = url.to_file_path() {
            arrived(app, open_file::argument(&path, Path::new("/")));
        }
    }
}

/// The file waiting to be opened, if any: the window asks when it starts.
#[tauri::command]
pub(crate) fn pending_open(pending: State<'_, Pending>) -> Option<FileToOpen> {
    pending.peek()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_file(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, "{}").expect("write");
        path
    }

    #[test]
    fn the_command_line_names_a_folder_or_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = case_file(dir.path(), "ana.rungcase");
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            split(args(&["ana.rungcase"]), dir.path()),
            (None, Some(Argument::File(case, OpenKind::Case)))
        );
        assert_eq!(
            split(args(&[]), dir.path()),
            (None, None),
            "no argument: the usual start"
        );
        let folder = dir.path().join("ladders");
        assert_eq!(split(args(&["ladders"]), dir.path()), (Some(folder), None));
        let (folder, refused) = split(args(&["notes.txt"]), dir.path());
        assert_eq!(
            folder,
            Some(dir.path().join("notes.txt")),
            "not there: a folder, as before"
        );
        assert_eq!(refused, None);
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        let (folder, refused) = split(args(&["notes.txt"]), dir.path());
        assert_eq!(folder, None);
        assert!(matches!(refused, Some(Argument::Refused(_))), "{refused:?}");
    }

    #[test]
    fn a_waiting_file_is_taken_once_by_its_token_and_checked_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = case_file(dir.path(), "first.rungcase");
        let second = case_file(dir.path(), "second.rungcase");
        let pending = Pending::default();
        assert_eq!(pending.peek(), None);
        let offered = pending
            .offer(Argument::File(first.clone(), OpenKind::Case))
            .expect("offered");
        assert_eq!(
            offered,
            FileToOpen::Case {
                token: 1,
                name: "first.rungcase".into()
            }
        );
        assert_eq!(pending.peek(), Some(offered.clone()));
        // A second launch's file replaces the one waiting.
        let newer = pending
            .offer(Argument::File(second.clone(), OpenKind::Case))
            .expect("offered");
        assert_eq!(newer.token(), 2);
        assert_eq!(
            pending.take(1, OpenKind::Case).map_err(|e| e.message),
            Err("That file is no longer waiting to be opened; open it again.".into())
        );
        assert_eq!(
            pending.take(2, OpenKind::Case).map_err(|e| e.message),
            Ok(second.clone())
        );
        assert_eq!(pending.peek(), None, "taken once");
        assert!(pending.take(2, OpenKind::Case).is_err());
        // Removed since it was handed over: checked again, refused.
        pending.offer(Argument::File(first.clone(), OpenKind::Case));
        std::fs::remove_file(&first).expect("remove");
        assert_eq!(
            pending.take(3, OpenKind::Case).map_err(|e| e.message),
            Err(format!(
                "Rung cannot open this file: {} does not exist.",
                first.display()
            ))
        );
        // The kind the window asks for must be the file's.
        pending.offer(Argument::File(second.clone(), OpenKind::Case));
        assert_eq!(
            pending.take(4, OpenKind::Framework).map_err(|e| e.message),
            Err("That file is not one this import reads.".into())
        );
        // A folder is not a file to open.
        assert_eq!(pending.offer(Argument::Folder(dir.path().into())), None);
    }

    #[test]
    fn a_second_launch_hands_over_its_file_from_its_own_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = case_file(dir.path(), "kofi.rungcase");
        let cwd = dir.path().to_string_lossy().into_owned();
        let launch = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let pending = Pending::default();
        let file = handed_over(launch(&["/usr/bin/rung-app", "kofi.rungcase"]), &cwd);
        assert_eq!(file, Some(Argument::File(case.clone(), OpenKind::Case)));
        let told = file.and_then(|f| pending.offer(f));
        assert_eq!(
            told,
            Some(FileToOpen::Case {
                token: 1,
                name: "kofi.rungcase".into()
            })
        );
        assert_eq!(
            pending.take(1, OpenKind::Case).map_err(|e| e.message),
            Ok(case)
        );
        // The program's own name is not a file to open, nor is a folder.
        assert_eq!(handed_over(launch(&["/usr/bin/rung-app"]), &cwd), None);
        assert_eq!(handed_over(launch(&["rung-app", "."]), &cwd), None);
    }

    #[test]
    fn a_refused_file_is_told_once() {
        let pending = Pending::default();
        let told = pending
            .offer(Argument::Refused(
                rung::app::open_file::OpenFileError::UnknownKind("notes.txt".into()),
            ))
            .expect("told");
        assert_eq!(
            told,
            FileToOpen::Refused {
                token: 1,
                message: "Rung cannot open this file: notes.txt is neither a case file \
                          (.rungcase) nor a framework page (.html)."
                    .into()
            }
        );
        assert_eq!(pending.peek(), Some(told));
        assert_eq!(pending.peek(), None);
    }
}
