//! Watching a framework folder for changes to what it holds.
//!
//! Which file-system events count is decided here, once, for every watcher: content
//! created, written, removed or renamed, at a path that is part of the framework (the rule
//! [`crate::files::folder::read_dir`] follows). Opening, reading and closing a file, and changes to
//! metadata only, never count, so reading the folder again after a change cannot look
//! like the next change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the folder must be quiet before a change is reported: an editor's save, or a
/// `git checkout`, is one change.
pub const QUIET: Duration = Duration::from_millis(150);

/// A folder that never goes quiet still has its changes reported this often.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// Whether `event`, from a watcher of the framework folder `root`, can change the
/// framework read from it. A watcher that lost events counts: anything may have changed.
pub(crate) fn changes_framework(root: &Path, event: &Event) -> bool {
    if event.need_rescan() {
        return true;
    }
    let content = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any) => true,
        EventKind::Modify(ModifyKind::Metadata(_) | ModifyKind::Other) => false,
        // Some systems cannot say what happened.
        EventKind::Any => true,
        EventKind::Access(_) | EventKind::Other => false,
    };
    content
        && event
            .paths
            .iter()
            .any(|path| crate::files::folder::is_part_of_framework(root, path))
}

/// Watches a framework folder while it lives; dropping it stops watching.
pub struct FolderWatch {
    _watcher: RecommendedWatcher,
}

impl std::fmt::Debug for FolderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderWatch").finish_non_exhaustive()
    }
}

impl FolderWatch {
    /// Watches `root` and everything under it. `on_change` runs on a thread of its own
    /// after changes that can change the framework, once the folder has been quiet for
    /// [`QUIET`]: once per burst of changes, never for reading the folder. Fails when the
    /// system refuses to watch the folder.
    pub fn start(
        root: &Path,
        mut on_change: impl FnMut() + Send + 'static,
    ) -> std::io::Result<FolderWatch> {
        FolderWatch::start_with_paths(root, move |_| on_change())
    }

    /// Like [`FolderWatch::start`], and `on_change` is given the paths changed (absolute,
    /// each once, in the order first seen), or `None` when the system lost track of
    /// events and anything in the folder may have changed.
    pub fn start_with_paths(
        root: &Path,
        mut on_change: impl FnMut(Option<Vec<PathBuf>>) + Send + 'static,
    ) -> std::io::Result<FolderWatch> {
        // Each change that counts, with its paths; `None` for events lost.
        let (changed, changes) = mpsc::channel::<Option<Vec<PathBuf>>>();
        let watched = root.to_path_buf();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            // An error about one event leaves the others to report the change.
            let Ok(event) = result else { return };
            if changes_framework(&watched, &event) {
                let paths = (!event.need_rescan()).then_some(event.paths);
                // The receiver is gone only when watching stops.
                let _ = changed.send(paths);
            }
        })
        .map_err(std::io::Error::other)?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(std::io::Error::other)?;
        std::thread::Builder::new()
            .name("rung-watch".to_owned())
            .spawn(move || {
                // Ends when the watcher is dropped, which drops the sender.
                while let Ok(change) = changes.recv() {
                    let first = Instant::now();
                    let mut paths = Some(Vec::new());
                    let mut add = |change: Option<Vec<PathBuf>>| match (&mut paths, change) {
                        (Some(all), Some(more)) => all.extend(more),
                        _ => paths = None,
                    };
                    add(change);
                    loop {
                        match changes.recv_timeout(QUIET) {
                            Ok(change) if first.elapsed() < LONGEST_WAIT => add(change),
                            Ok(change) => {
                                add(change);
                                break;
                            }
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let mut seen = std::collections::HashSet::new();
                    on_change(
                        paths.map(|all| {
                            all.into_iter().filter(|p| seen.insert(p.clone())).collect()
                        }),
                    );
                }
            })?;
        Ok(FolderWatch { _watcher: watcher })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, RenameMode};

    fn event(kind: EventKind, path: &Path) -> Event {
        Event::new(kind).add_path(path.to_path_buf())
    }

    #[test]
    fn only_changes_to_content_count() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        let level = root.join("tracks/eng/e1.md");
        let counts = |kind| changes_framework(root, &event(kind, &level));

        assert!(counts(EventKind::Create(CreateKind::File)));
        assert!(counts(EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(counts(EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(counts(EventKind::Modify(ModifyKind::Name(
            RenameMode::From
        ))));
        assert!(counts(EventKind::Modify(ModifyKind::Name(RenameMode::To))));
        assert!(counts(EventKind::Modify(ModifyKind::Any)));
        assert!(counts(EventKind::Remove(notify::event::RemoveKind::File)));
        assert!(counts(EventKind::Any));

        // What reading the folder causes.
        assert!(!counts(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!counts(EventKind::Access(AccessKind::Read)));
        assert!(!counts(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        // Written and closed: the write itself was reported as a change already.
        assert!(!counts(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!counts(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(!counts(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Permissions
        ))));
        assert!(!counts(EventKind::Other));
    }

    #[test]
    fn only_changes_to_the_framework_s_files_count() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        std::fs::create_dir(root.join("assets")).expect("mkdir");
        std::fs::write(root.join("assets/logo.png"), "x").expect("write");
        let write = |path: &str| {
            changes_framework(
                root,
                &event(
                    EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                    &root.join(path),
                ),
            )
        };
        assert!(write("framework.md"));
        assert!(!write(".git/index"));
        assert!(!write("tracks/eng/.e1.md.swp"));
        assert!(!write("assets/logo.png"));

        // A rename reported with both paths counts when either side is part of it.
        let rename = Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path(root.join("tracks/eng/.e1.md.tmp"))
            .add_path(root.join("tracks/eng/e1.md"));
        assert!(changes_framework(root, &rename));

        // Events were lost: anything may have changed.
        let lost = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert!(changes_framework(root, &lost));
    }
}
