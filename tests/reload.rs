//! Reloading an opened folder after its files change: only the changed files are parsed
//! again and the search index is updated, and the result is what a fresh open gives.
//! The folder's watcher reports a change once per edit, and never for reading the folder,
//! so a reload cannot cause the next one.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rung::app::{self, ErrorKind, FrameworkSource, Opened};
use rung::files::watch::{FolderWatch, QUIET};
use rung::search::Filters;

fn open(dir: &std::path::Path) -> Opened {
    app::open(FrameworkSource::Folder {
        path: dir.to_string_lossy().into_owned(),
    })
    .expect("the folder opens")
}

fn total(opened: &Opened, query: &str) -> u32 {
    opened
        .search(query, &Filters::default(), 10)
        .expect("search")
        .total
}

#[test]
fn an_edited_folder_reloads_its_framework_diagnostics_and_index() {
    let dir = common::fixture("vague-wording");
    let opened = open(dir.path());
    opened.prepare_search();
    assert_eq!(total(&opened, "zzreloaded"), 0);
    let before = opened.loaded.diagnostics.len();

    // Reword an expectation of the worked example's first level.
    let level = common::worked_example()
        .into_iter()
        .find(|(path, text)| {
            path.starts_with("tracks/") && !path.ends_with("track.md") && text.contains("\n- ")
        })
        .expect("a level file in the worked example");
    let path = dir.path().join(&level.0);
    let text = std::fs::read_to_string(&path).expect("level");
    let edited = text.replacen("\n- ", "\n- A zzreloaded deep ", 1);
    std::fs::write(&path, &edited).expect("write");

    let reloaded = opened.reload().expect("reload");
    assert_eq!(total(&reloaded, "zzreloaded"), 1, "the new text is found");
    assert_eq!(
        reloaded.loaded.diagnostics.len(),
        before + 1,
        "the vague word added is reported"
    );
    let fresh = open(dir.path());
    assert_eq!(reloaded.loaded.framework, fresh.loaded.framework);
    assert_eq!(reloaded.loaded.diagnostics, fresh.loaded.diagnostics);
    assert_eq!(reloaded.framework_view().hash, fresh.framework_view().hash);

    // Remove the level: its page is gone and so are its hits.
    let (track_id, level_id) = reloaded
        .loaded
        .framework
        .tracks
        .iter()
        .find_map(|t| {
            t.levels
                .iter()
                .find(|l| l.source == level.0)
                .map(|l| (t.id.clone(), l.id.clone()))
        })
        .expect("the edited level");
    assert!(reloaded.level_view(&track_id, &level_id).is_ok());
    std::fs::remove_file(&path).expect("remove");
    let again = reloaded.reload().expect("reload");
    assert_eq!(total(&again, "zzreloaded"), 0);
    assert_eq!(
        again
            .level_view(&track_id, &level_id)
            .map(|_| ())
            .map_err(|e| e.kind),
        Err(ErrorKind::NotFound)
    );
    assert_eq!(open(dir.path()).loaded.framework, again.loaded.framework);
}

#[test]
fn reloading_before_the_index_is_built_still_finds_every_change() {
    let dir = common::fixture("vague-wording");
    let opened = open(dir.path());
    opened.prepare_search();
    let level = common::worked_example()
        .into_iter()
        .find(|(path, _)| path.starts_with("tracks/") && !path.ends_with("track.md"))
        .expect("a level file");
    let path = dir.path().join(&level.0);
    let text = std::fs::read_to_string(&path).expect("level");

    // Two edits in a row, the first reload never searched.
    std::fs::write(&path, text.replacen("\n- ", "\n- zzfirst ", 1)).expect("write");
    let first = opened.reload().expect("reload");
    std::fs::write(&path, text.replacen("\n- ", "\n- zzsecond ", 1)).expect("write");
    let second = first.reload().expect("reload");
    assert_eq!(total(&second, "zzsecond"), 1);
    assert_eq!(total(&second, "zzfirst"), 0);
}

#[test]
fn a_folder_that_disappears_is_an_error_not_a_crash() {
    let dir = common::fixture("vague-wording");
    let opened = open(dir.path());
    let path = dir.path().to_path_buf();
    drop(dir);
    assert!(!path.exists());
    let e = opened.reload().map(|_| ()).expect_err("gone");
    assert_eq!(e.kind, ErrorKind::Unreadable);
}

/// Counts calls of a folder watch's callback.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn add(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    /// Waits until the count reaches `n`, for at most ten seconds (a busy machine).
    fn wait_for(&self, n: usize) {
        let start = Instant::now();
        while self.get() < n && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Long enough for any event still on its way to have been reported and debounced.
fn settle() {
    std::thread::sleep(QUIET * 6);
}

fn first_level(dir: &std::path::Path) -> std::path::PathBuf {
    let level = common::worked_example()
        .into_iter()
        .find(|(path, text)| {
            path.starts_with("tracks/") && !path.ends_with("track.md") && text.contains("\n- ")
        })
        .expect("a level file in the worked example");
    dir.join(level.0)
}

#[test]
fn reading_the_folder_is_never_a_change() {
    let dir = common::fixture("vague-wording");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    let reloads = Counter::default();
    let counted = reloads.clone();
    let _watch = FolderWatch::start(dir.path(), move || counted.add()).expect("watch");

    // What the app does with an open folder: open it, reload it, read its pages.
    let mut opened = open(dir.path());
    for _ in 0..5 {
        opened.prepare_search();
        let track = &opened.loaded.framework.tracks[0];
        opened
            .level_view(&track.id, &track.levels[0].id)
            .expect("a level");
        opened = opened.reload().expect("reload");
        assert!(opened.reload_if_changed().expect("reload").is_none());
        rung::files::folder::read_dir(dir.path()).expect("read");
    }
    // Changes to what is not a framework's content.
    let level = first_level(dir.path());
    // As `touch` does: both times at once. (Linux reports a change of the modification
    // time alone as a write, which then reloads to find nothing changed.)
    let file = std::fs::File::open(&level).expect("open");
    let epoch = std::time::SystemTime::UNIX_EPOCH;
    let times = std::fs::FileTimes::new()
        .set_accessed(epoch)
        .set_modified(epoch);
    file.set_times(times).expect("touch");
    drop(file);
    let mut permissions = std::fs::metadata(&level).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&level, permissions.clone()).expect("chmod");
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&level, permissions).expect("chmod");
    std::fs::write(dir.path().join(".git/index"), "git").expect("write");
    std::fs::write(dir.path().join("notes.txt"), "notes").expect("write");
    std::fs::write(level.with_file_name(".e1.md.swp"), "swap").expect("write");
    settle();
    assert_eq!(reloads.get(), 0, "reading the folder caused reloads");
}

#[test]
fn an_edit_is_one_reload_and_its_own_reading_causes_no_other() {
    let dir = common::fixture("vague-wording");
    let current = Arc::new(Mutex::new(open(dir.path())));
    // The callback does what the app does: read the folder again and keep what changed.
    let (calls, changes) = (Counter::default(), Counter::default());
    let (on_call, on_change, open_now) = (calls.clone(), changes.clone(), Arc::clone(&current));
    let _watch = FolderWatch::start(dir.path(), move || {
        on_call.add();
        let mut opened = open_now.lock().expect("lock");
        if let Some(reloaded) = opened.reload_if_changed().expect("reload") {
            *opened = reloaded;
            on_change.add();
        }
    })
    .expect("watch");

    let level = first_level(dir.path());
    let text = std::fs::read_to_string(&level).expect("level");
    let edited = text.replacen("\n- ", "\n- A zzwatched ", 1);
    std::fs::write(&level, &edited).expect("write");
    calls.wait_for(1);
    settle();
    assert_eq!((calls.get(), changes.get()), (1, 1), "one edit, one reload");
    assert_eq!(total(&current.lock().expect("lock"), "zzwatched"), 1);

    // Saved again unchanged: read, and nothing else.
    std::fs::write(&level, &edited).expect("write");
    calls.wait_for(2);
    settle();
    assert_eq!((calls.get(), changes.get()), (2, 1));

    // A file renamed into place, as editors save: one more.
    let temporary = level.with_file_name(".e1.md.tmp");
    std::fs::write(&temporary, &text).expect("write");
    std::fs::rename(&temporary, &level).expect("rename");
    calls.wait_for(3);
    settle();
    assert_eq!((calls.get(), changes.get()), (3, 2));
    assert_eq!(total(&current.lock().expect("lock"), "zzwatched"), 0);
}

#[test]
fn a_reload_that_finds_nothing_changed_gives_nothing() {
    let dir = common::fixture("vague-wording");
    let opened = open(dir.path());
    assert!(opened.reload_if_changed().expect("reload").is_none());

    // The same text saved again.
    let level = first_level(dir.path());
    let text = std::fs::read_to_string(&level).expect("level");
    std::fs::write(&level, &text).expect("write");
    assert!(opened.reload_if_changed().expect("reload").is_none());

    // A new file that cannot be read changes what the window shows: its diagnostic.
    let broken = level.with_file_name("broken.md");
    std::fs::write(&broken, b"---\ntitle: \xff\n").expect("write");
    let reloaded = opened
        .reload_if_changed()
        .expect("reload")
        .expect("a new diagnostic is a change");
    assert_eq!(reloaded.loaded.sources, opened.loaded.sources);
    assert_ne!(reloaded.loaded.diagnostics, opened.loaded.diagnostics);
    std::fs::remove_file(&broken).expect("remove");

    // And an edit, of course.
    std::fs::write(&level, text.replacen("\n- ", "\n- Changed ", 1)).expect("write");
    assert!(opened.reload_if_changed().expect("reload").is_some());
}
