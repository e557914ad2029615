//! Live reload: while a framework folder is open, a change to any of its files reloads
//! it (debounced) and sends the new framework to the window as `framework-changed`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use tauri::{AppHandle, Emitter, Manager};

use rung::view::{self, FrameworkSource};

use crate::state::AppState;

/// How long the folder must be quiet before it is reloaded: an editor's save, or a
/// `git checkout`, is one reload.
const QUIET: Duration = Duration::from_millis(150);

/// The event the window receives, with the new `FrameworkView`.
pub(crate) const CHANGED: &str = "framework-changed";

/// A running watcher; dropping it stops watching.
pub(crate) struct Watch {
    _debouncer: Debouncer<RecommendedWatcher>,
}

/// Starts watching `folder`, the folder of `source`; `None` if the system refuses.
pub(crate) fn start(app: AppHandle, folder: &Path, source: FrameworkSource) -> Option<Watch> {
    let root = folder.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        // Hidden entries inside the folder (`.git`, editors' swap files) are not ladders;
        // the folder itself may sit under a hidden folder.
        let relevant = result.is_ok_and(|events| {
            events.iter().any(|e| {
                let inside = e.path.strip_prefix(&root).unwrap_or(&e.path);
                !inside
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
        });
        if relevant {
            reload(&app, &source);
        }
    };
    let mut debouncer = new_debouncer(QUIET, handler)
        .map_err(|e| eprintln!("rung: live reload is off: {e}"))
        .ok()?;
    debouncer
        .watcher()
        .watch(folder, RecursiveMode::Recursive)
        .map_err(|e| eprintln!("rung: live reload is off for {}: {e}", folder.display()))
        .ok()?;
    Some(Watch {
        _debouncer: debouncer,
    })
}

fn reload(app: &AppHandle, source: &FrameworkSource) {
    let state = app.state::<AppState>();
    // Another framework may have been opened meanwhile: then this reload is stale.
    if !state.is_current(source) {
        return;
    }
    // Only the changed files are parsed again, and the index is updated, not rebuilt.
    let reloaded = match state.current() {
        Ok(current) if &current.source == source => current.reload(),
        _ => view::open(source.clone()),
    };
    match reloaded {
        Ok(opened) => {
            let opened = Arc::new(opened);
            let framework = opened.framework_view();
            let replaced = state.set_current(Arc::clone(&opened));
            let _ = app.emit_to("main", CHANGED, framework);
            opened.prepare_search();
            // Freeing a large framework takes a few milliseconds: after the update.
            drop(replaced);
        }
        Err(e) => eprintln!("rung: reload failed: {e}"),
    }
}
