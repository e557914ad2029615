//! Reloading an opened folder after its files change: only the changed files are parsed
//! again and the search index is updated, and the result is what a fresh open gives.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::search::Filters;
use rung::view::{self, ErrorKind, FrameworkSource, Opened};

fn open(dir: &std::path::Path) -> Opened {
    view::open(FrameworkSource::Folder {
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
