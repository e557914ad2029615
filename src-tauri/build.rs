//! Declares the app's own commands to Tauri, so the capability file can allow exactly
//! these and nothing else. Also tells the app which commit it is built from, and refuses
//! to build without the licence lists generated with the page (see `build_ui` in
//! `scripts/setup.sh`), so that no build shows an empty list.
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "open_startup",
        "open_framework",
        "choose_folder",
        "load_status",
        "framework_import_source",
        "framework_import",
        "level_view",
        "level_delta",
        "band_comparison",
        "search",
        "open_external",
        "remember_view",
        "last_view",
        "cases_list",
        "case_new",
        "case_view",
        "case_edit",
        "case_drafts",
        "case_draft_save",
        "case_draft_discard",
        "case_history",
        "case_save",
        "case_import_self",
        "case_request_save",
        "case_import_view",
        "case_import",
        "case_review_export",
        "case_import_review",
        "case_delete",
        "cases_trash",
        "case_restore",
        "specialist_request_open",
        "specialist_answer_save",
        "review_open",
        "review_save",
        "calibration_view",
        "calibration_acknowledge",
        "calibration_recalibrate",
        "calibration_packet_save",
        "my_public_key",
        "check_public_key",
        "recipients_list",
        "recipient_save",
        "recipient_remove",
        "cases_backups",
        "cases_restore",
        "pending_open",
        "about",
        "about_licenses",
        "open_data_folder",
    ]);
    println!("cargo:rerun-if-changed=../ui/dist");
    for list in ["crates.json", "npm.json"] {
        if !std::path::Path::new("../ui/dist/licenses")
            .join(list)
            .is_file()
        {
            println!(
                "cargo:warning=ui/dist/licenses/{list} is missing: build the page with \
                 `source scripts/setup.sh && build_ui` (cargo about, then vite)"
            );
            std::process::exit(1);
        }
    }
    println!("cargo:rustc-env=RUNG_COMMIT={}", commit());
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}

/// `git rev-parse --short HEAD`, with `-dirty` when tracked files changed; `unknown`
/// outside a git checkout. Read again when HEAD or the branch it names moves.
fn commit() -> String {
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_owned())
    };
    let Some(head) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "unknown".to_owned();
    };
    let branch = git(&["symbolic-ref", "-q", "HEAD"]).unwrap_or_default();
    // Only files that exist: cargo would run this again on every build for a missing one.
    for name in ["HEAD", &branch, "packed-refs"]
        .into_iter()
        .filter(|n| !n.is_empty())
    {
        if let Some(path) = git(&["rev-parse", "--git-path", name]) {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    format!("{head}{}", if dirty { "-dirty" } else { "" })
}
