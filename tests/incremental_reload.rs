//! Reloading a folder after a watcher names the files that changed: only those are read
//! again, and the result is what reading the whole folder gives. Changes the names alone
//! cannot describe (a folder added or removed, events lost) read the whole folder.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use rung::files::folder::{load_with, reload_with};
use rung::{Loaded, Loader};

fn same(reloaded: &Loaded, root: &Path, what: &str) {
    let fresh = rung::load_dir(root).expect("load");
    assert_eq!(reloaded.sources, fresh.sources, "{what}: files");
    assert_eq!(
        reloaded.diagnostics, fresh.diagnostics,
        "{what}: diagnostics"
    );
    assert_eq!(reloaded.framework, fresh.framework, "{what}: framework");
}

fn first_level(root: &Path) -> PathBuf {
    let level = common::worked_example()
        .into_iter()
        .find(|(path, text)| {
            path.starts_with("tracks/") && !path.ends_with("track.md") && text.contains("\n- ")
        })
        .expect("a level file in the worked example");
    root.join(level.0)
}

#[test]
fn a_reload_of_named_files_gives_what_reading_the_folder_gives() {
    let dir = common::fixture("vague-wording");
    let root = dir.path();
    let mut loader = Loader::new();
    load_with(&mut loader, root).expect("load");
    let level = first_level(root);
    let text = std::fs::read_to_string(&level).expect("level");

    // An edit: the file is read again, and only it is listed as changed.
    std::fs::write(&level, text.replacen("\n- ", "\n- A strong zzedited ", 1)).expect("write");
    let reloaded =
        reload_with(&mut loader, root, Some(std::slice::from_ref(&level))).expect("reload");
    same(&reloaded, root, "edited");
    let rel = level
        .strip_prefix(root)
        .expect("inside")
        .to_string_lossy()
        .into_owned();
    assert_eq!(loader.changed(), Some(&[rel.clone()][..]));
    assert!(reloaded
        .framework
        .tracks
        .iter()
        .flat_map(|t| t.levels.iter())
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.expectations)
        .any(|e| e.text.contains("zzedited")));

    // A new level beside it, then that level gone.
    let added = level.with_file_name("zz-added.md");
    std::fs::write(&added, &text).expect("write");
    let reloaded =
        reload_with(&mut loader, root, Some(std::slice::from_ref(&added))).expect("reload");
    same(&reloaded, root, "added");
    std::fs::remove_file(&added).expect("remove");
    let reloaded =
        reload_with(&mut loader, root, Some(std::slice::from_ref(&added))).expect("reload");
    same(&reloaded, root, "removed");

    // A file that is no longer UTF-8 is reported, with the rest as before.
    std::fs::write(&level, b"---\ntitle: \xff\n").expect("write");
    let reloaded =
        reload_with(&mut loader, root, Some(std::slice::from_ref(&level))).expect("reload");
    same(&reloaded, root, "not UTF-8");
    assert!(reloaded
        .diagnostics
        .iter()
        .any(|d| d.path == rel && d.message.starts_with("file is not UTF-8 text")));

    // Paths that are not part of the framework change nothing.
    std::fs::write(&level, &text).expect("write");
    let hidden = root.join(".git/index");
    let reloaded = reload_with(&mut loader, root, Some(&[level.clone(), hidden])).expect("reload");
    same(&reloaded, root, "written back");
}

#[test]
fn changes_to_folders_or_lost_events_read_the_whole_folder() {
    let dir = common::fixture("vague-wording");
    let root = dir.path();
    let mut loader = Loader::new();
    load_with(&mut loader, root).expect("load");
    let level = first_level(root);
    let text = std::fs::read_to_string(&level).expect("level");

    // A new track folder, named by the watcher as the folder alone.
    let folder = root.join("tracks/zz-new");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("l1.md"), &text).expect("write");
    let reloaded =
        reload_with(&mut loader, root, Some(std::slice::from_ref(&folder))).expect("reload");
    same(&reloaded, root, "a new folder");
    assert!(reloaded
        .sources
        .iter()
        .any(|s| s.path == "tracks/zz-new/l1.md"));

    // The folder removed, named alone again.
    std::fs::remove_dir_all(&folder).expect("rm");
    let reloaded = reload_with(&mut loader, root, Some(&[folder])).expect("reload");
    same(&reloaded, root, "a folder removed");

    // Events lost: a file changed that no one named is still read.
    std::fs::write(&level, text.replacen("\n- ", "\n- zzunnamed ", 1)).expect("write");
    let reloaded = reload_with(&mut loader, root, None).expect("reload");
    same(&reloaded, root, "events lost");
    assert!(reloaded
        .sources
        .iter()
        .any(|s| s.text.contains("zzunnamed")));
}

#[cfg(unix)]
#[test]
fn a_folder_with_links_is_read_whole() {
    let dir = common::fixture("vague-wording");
    let root = dir.path();
    let level = first_level(root);
    let link = level.with_file_name("zz-link.md");
    std::os::unix::fs::symlink(&level, &link).expect("link");
    let mut loader = Loader::new();
    load_with(&mut loader, root).expect("load");
    assert!(!loader.takes_changes(), "a change can reach two names");

    // The linked file changes; the watcher names the file, not the link.
    let text = std::fs::read_to_string(&level).expect("level");
    std::fs::write(&level, text.replacen("\n- ", "\n- zzlinked ", 1)).expect("write");
    let reloaded = reload_with(&mut loader, root, Some(&[level])).expect("reload");
    same(&reloaded, root, "through a link");
    let copies = reloaded
        .sources
        .iter()
        .filter(|s| s.text.contains("zzlinked"))
        .count();
    assert_eq!(copies, 2);
}

#[test]
fn the_watcher_names_the_files_changed_and_the_app_reloads_only_those() {
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let dir = common::fixture("vague-wording");
    let root = dir.path().canonicalize().expect("root");
    let named: Arc<Mutex<Vec<Option<Vec<PathBuf>>>>> = Arc::default();
    let seen = Arc::clone(&named);
    let _watch = rung::files::watch::FolderWatch::start_with_paths(&root, move |paths| {
        seen.lock().expect("lock").push(paths);
    })
    .expect("watch");
    let opened = rung::app::open(rung::app::FrameworkSource::Folder {
        path: root.to_string_lossy().into_owned(),
    })
    .expect("open");
    opened.prepare_search();

    let level = first_level(&root);
    let text = std::fs::read_to_string(&level).expect("level");
    std::fs::write(&level, text.replacen("\n- ", "\n- A zzwatched ", 1)).expect("write");
    let start = Instant::now();
    while named.lock().expect("lock").is_empty() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let paths = named.lock().expect("lock").first().cloned().flatten();
    assert_eq!(
        paths.as_deref(),
        Some(&[level.clone()][..]),
        "the file written, once"
    );

    let reloaded = opened
        .reload_if_changed_at(paths.as_deref())
        .expect("reload")
        .expect("a change");
    let fresh = rung::app::open(rung::app::FrameworkSource::Folder {
        path: root.to_string_lossy().into_owned(),
    })
    .expect("open");
    assert_eq!(reloaded.loaded.framework, fresh.loaded.framework);
    assert_eq!(reloaded.loaded.diagnostics, fresh.loaded.diagnostics);
    assert_eq!(reloaded.hash(), fresh.hash());
    assert_ne!(reloaded.hash(), opened.hash());
    let found = reloaded
        .search("zzwatched", &rung::search::Filters::default(), 10)
        .expect("search")
        .total;
    assert_eq!(found, 1);
    // Named again with nothing changed since: nothing to show.
    assert!(reloaded
        .reload_if_changed_at(paths.as_deref())
        .expect("reload")
        .is_none());
}
