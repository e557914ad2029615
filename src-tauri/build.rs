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

include!("../build/commit.rs");
