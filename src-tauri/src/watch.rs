//! Live reload: while a framework folder is open, a change to its content reloads it and
//! sends the new framework to the window as `framework-changed`. Which file-system events
//! count is the core's rule ([`rung::files::watch`]); what a reload does to the open framework is
//! the caller's, passed in as `reload`, so this module knows nothing of the app's state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tauri::{AppHandle, Emitter};

use rung::app::Opened;
use rung::files::watch::FolderWatch;

/// The event the window receives, with the new `FrameworkView`.
pub(crate) const CHANGED: &str = "framework-changed";

/// What a reload gives: the framework now open, and the one it replaced, to free after
/// the window has the new one (freeing a large framework takes a few milliseconds).
pub(crate) type Reloaded = (Arc<Opened>, Option<Arc<Opened>>);

/// Starts watching `folder`; `None` if the system refuses. After each change, `reload`
/// runs with the paths changed (`None` when the system lost track of events); when it
/// gives a new framework, the window receives it. `reload` gives nothing
/// when the framework is no longer open or nothing in it changed, and then the window
/// hears nothing.
pub(crate) fn start(
    app: AppHandle,
    folder: &Path,
    reload: impl Fn(Option<Vec<PathBuf>>) -> Option<Reloaded> + Send + 'static,
) -> Option<FolderWatch> {
    FolderWatch::start_with_paths(folder, move |changed| {
        if let Some((opened, replaced)) = reload(changed) {
            let _ = app.emit_to("main", CHANGED, opened.framework_view());
            opened.prepare_search();
            drop(replaced);
        }
    })
    .map_err(|e| {
        eprintln!("rung: live reload is off for {}: {e}", folder.display());
    })
    .ok()
}
