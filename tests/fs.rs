//! Reading a framework folder from disk: limits, links and files that are not ladders.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::{Code, Severity};

fn codes(loaded: &rung::Loaded) -> Vec<(String, Code)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.code))
        .collect()
}

#[test]
fn a_file_over_the_size_limit_is_rejected_and_the_rest_loads() {
    let dir = common::fixture("stray-file");
    let big = format!("---\nid: e3\n---\n{}", "x".repeat(300 * 1024));
    std::fs::write(dir.path().join("tracks/engineering/e3.md"), big).expect("write");
    let loaded = rung::load_dir(dir.path()).expect("loads");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::FileTooLarge)
        .expect("a file-too-large diagnostic");
    assert_eq!(d.to_string(), "tracks/engineering/e3.md:1:1: error[file-too-large]: file is 301 KiB, over the limit of 256 KiB (split it into smaller files)");
    assert_eq!(
        loaded
            .framework
            .track("engineering")
            .map(|t| t.levels.len()),
        Some(2)
    );
}

#[test]
fn hidden_folders_and_other_files_are_not_read() {
    let dir = common::fixture("stray-file");
    std::fs::create_dir_all(dir.path().join(".git/objects")).expect("mkdir");
    std::fs::write(dir.path().join(".git/objects/broken.md"), "not a ladder").expect("write");
    std::fs::write(
        dir.path().join("tracks/engineering/logo.png"),
        [0xff, 0xd8, 0x00],
    )
    .expect("write");
    let loaded = rung::load_dir(dir.path()).expect("loads");
    assert_eq!(
        codes(&loaded),
        [("tracks/notes.md".to_owned(), Code::StrayFile)]
    );
}

#[test]
fn a_missing_folder_is_an_error_of_the_caller() {
    assert!(rung::load_dir(std::path::Path::new("/no/such/rung/folder")).is_err());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_not_followed() {
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("secret.md"), "---\nid: x\n---\n").expect("write");
    let dir = common::fixture("stray-file");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        dir.path().join("tracks/engineering/e3.md"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink("/etc", dir.path().join("glossary/etc")).expect("symlink");
    let loaded = rung::load_dir(dir.path()).expect("loads");
    let escapes: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SymlinkEscape)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(escapes, ["glossary/etc", "tracks/engineering/e3.md"]);
    assert!(loaded.sources.iter().all(|s| !s.text.contains("id: x")));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_inside_the_folder_is_followed() {
    let dir = common::fixture("stray-file");
    std::fs::rename(
        dir.path().join("glossary"),
        dir.path().join("shared-glossary"),
    )
    .expect("rename");
    std::os::unix::fs::symlink(
        dir.path().join("shared-glossary"),
        dir.path().join("glossary"),
    )
    .expect("symlink");
    let loaded = rung::load_dir(dir.path()).expect("loads");
    assert_eq!(loaded.framework.glossary.len(), 1);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_reported_not_followed_forever() {
    let dir = common::fixture("stray-file");
    let root = dir.path();
    std::os::unix::fs::symlink(
        root.join("tracks/engineering/a.md"),
        root.join("tracks/engineering/b.md"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(
        root.join("tracks/engineering/b.md"),
        root.join("tracks/engineering/a.md"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(root.join("tracks"), root.join("tracks/engineering/again"))
        .expect("symlink");
    let loaded = rung::load_dir(root).expect("loads");
    let loops: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SymlinkLoop)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        loops,
        [
            "tracks/engineering/a.md",
            "tracks/engineering/again",
            "tracks/engineering/b.md"
        ]
    );
    assert_eq!(loaded.count(Severity::Error), 3);
}

#[test]
fn the_commit_of_a_framework_folder_is_read_without_git() {
    let repo = tempfile::tempdir().expect("dir");
    let folder = repo.path().join("ladders/sub");
    std::fs::create_dir_all(&folder).expect("folder");
    assert_eq!(
        rung::files::folder::git_commit(&folder),
        None,
        "not a repository yet"
    );
    let git = |args: &[&str]| -> String {
        let o = std::process::Command::new("git")
            .arg("-C")
            .arg(repo.path())
            .args([
                "-c",
                "user.name=Rung",
                "-c",
                "user.email=rung@example.invalid",
            ])
            .args(args)
            .output()
            .expect("git runs (the test command installs it)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    };
    git(&["init", "-q"]);
    std::fs::write(folder.join("framework.md"), "---\n---\n").expect("write");
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "one"]);
    let head = git(&["rev-parse", "HEAD"]);
    assert_eq!(
        rung::files::folder::git_commit(&folder).as_deref(),
        Some(head.as_str())
    );
    // After refs are packed, and with HEAD detached.
    git(&["pack-refs", "--all"]);
    assert_eq!(
        rung::files::folder::git_commit(&folder).as_deref(),
        Some(head.as_str())
    );
    git(&["checkout", "-q", "--detach"]);
    assert_eq!(
        rung::files::folder::git_commit(&folder).as_deref(),
        Some(head.as_str())
    );
}
