//! `rung export-html`: the file it writes opens on its own, names what it holds, and
//! gives back the exact framework it was written from.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::process::Command;

use rung::framework::hash::content_hash;
use rung::SourceFile;

fn from_page(html: &str) -> rung::Loaded {
    let files = rung::share::source_from_html(html).expect("the page holds its files");
    let sources = files
        .into_iter()
        .map(|(path, text)| SourceFile::new(path, text))
        .collect();
    rung::load(sources, Vec::new())
}

#[test]
fn export_html_writes_the_bundled_framework_to_one_file_that_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ladder.html");
    let out = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["export-html", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "wrote the bundled framework to {} (",
            file.display()
        )),
        "{stderr}"
    );
    let html = std::fs::read_to_string(&file).unwrap();
    println!("bundled framework page: {} bytes", html.len());
    assert!(html.len() < 2 * 1024 * 1024);
    let bundled = rung::load_bundled();
    assert_eq!(content_hash(&from_page(&html)), content_hash(&bundled));
    assert!(html.contains("id=\"engineering/e3\""));
    // Search inside the file: its index and its own script.
    assert!(html.contains("<script type=\"application/json\" id=\"rung-search\">"));
    assert!(html.contains("<input type=\"search\" id=\"rung-q\""));
    assert!(html.contains("script-src 'sha256-"));
}

#[test]
fn export_html_of_a_folder_and_a_file_it_cannot_write() {
    let fixture = common::fixture("raw-html");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixture.html");
    let out = Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("export-html")
        .arg(fixture.path())
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = std::fs::read_to_string(&file).unwrap();
    let loaded = rung::load_dir(fixture.path()).unwrap();
    assert_eq!(content_hash(&from_page(&html)), content_hash(&loaded));

    let nowhere = dir.path().join("missing").join("x.html");
    let out = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["export-html", "-o"])
        .arg(&nowhere)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot write `{}`", nowhere.display())),
        "{stderr}"
    );
}

/// The page of a small framework whose files hold raw HTML: the script is shown as
/// text, never run. The embedded files are left out of the snapshot.
#[test]
fn the_page_of_a_small_framework() {
    let fixture = common::fixture("raw-html");
    let loaded = rung::load_dir(fixture.path()).unwrap();
    let html = rung::share::to_html(&loaded, "2026-11-30");
    let shown = html
        .split("<script type=\"application/json\"")
        .next()
        .unwrap();
    let body = shown.split("</style>").nth(1).unwrap();
    assert!(!body.contains("<script>"));
    insta::assert_snapshot!("raw_html_fixture_page", body);
}
