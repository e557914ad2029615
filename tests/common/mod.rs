//! Helpers shared by the integration tests: the worked example of `docs/format.md`,
//! and fixture folders laid over it.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The files of the worked example in `docs/format.md`: every code block whose info
/// string is `markdown file=PATH`.
pub(crate) fn worked_example() -> Vec<(String, String)> {
    let doc =
        std::fs::read_to_string(root().join("docs/format.md")).expect("docs/format.md is readable");
    let mut files = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(&doc) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = info
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("file="))
                    .map(|path| (path.to_owned(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(file) = current.take() {
                    files.push(file);
                }
            }
            _ => {}
        }
    }
    files
}

/// The repository root.
pub(crate) fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // The desktop shell's tests share this module from `src-tauri/`.
    match manifest.file_name() {
        Some(name) if name == "src-tauri" => {
            manifest.parent().map(PathBuf::from).unwrap_or(manifest)
        }
        _ => manifest,
    }
}

/// Writes `files` under `dir`.
pub(crate) fn write_files(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a file has a folder"))
            .expect("create folder");
        std::fs::write(path, text).expect("write file");
    }
}

/// A temporary framework: the worked example with the fixture `name` laid over it.
///
/// A fixture folder holds files that replace or join the example's, `expected.txt` (the
/// diagnostics, one per line), and optionally `remove.txt` (example files to delete).
pub(crate) fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_files(dir.path(), &worked_example());
    let fixture = root().join("tests/fixtures").join(name);
    copy_over(&fixture, dir.path(), &fixture);
    if let Ok(remove) = std::fs::read_to_string(fixture.join("remove.txt")) {
        for line in remove.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(dir.path().join(line.trim()))
                .expect("remove a file of the example");
        }
    }
    dir
}

fn copy_over(from: &Path, to: &Path, fixture_root: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("fixture entry");
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
            copy_over(&path, &target, fixture_root);
        } else if from != fixture_root
            || !matches!(
                entry.file_name().to_str(),
                Some("expected.txt" | "remove.txt")
            )
        {
            std::fs::copy(&path, &target).expect("copy fixture file");
        }
    }
}

/// Every fixture folder's name.
pub(crate) fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
