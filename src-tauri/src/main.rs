//! Rung's desktop shell: one window over the `rung` core. Commands are thin adapters
//! (see `commands`); the config folder and the folder given on the command line are
//! resolved here, once, and handed to them.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod about;
mod backups;
mod calibration;
mod commands;
mod framework_import;
mod loading;
mod open_file;
mod rendering;
mod sealing;
mod state;
mod watch;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use state::AppState;

fn main() {
    let (config_dir, data_dir) = (state::config_dir(), state::data_dir());
    state::make_private(&data_dir, &config_dir);
    let (folder, file) = open_file::launch_argument();
    let state = AppState::new(config_dir, data_dir, folder);
    let pending = open_file::Pending::default();
    if let Some(file) = file {
        pending.offer(file);
    }
    let result = tauri::Builder::default()
        // A second launch hands its file over to this one, which comes to the front.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            open_file::second_launch(app, args, &cwd);
        }))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
        .manage(loading::Loading::default())
        .manage(framework_import::Picked::default())
        .manage(pending)
        .invoke_handler(tauri::generate_handler![
            commands::open_startup,
            commands::open_framework,
            commands::choose_folder,
            commands::load_status,
            framework_import::framework_import_source,
            framework_import::framework_import,
            commands::level_view,
            commands::level_delta,
            commands::band_comparison,
            commands::search,
            commands::open_external,
            commands::remember_view,
            commands::last_view,
            commands::cases_list,
            commands::case_new,
            commands::case_view,
            commands::case_edit,
            commands::case_drafts,
            commands::case_draft_save,
            commands::case_draft_discard,
            commands::case_history,
            commands::case_save,
            commands::case_import_self,
            commands::case_request_save,
            commands::case_import_view,
            commands::case_import,
            commands::case_review_export,
            commands::case_import_review,
            commands::case_delete,
            commands::cases_trash,
            commands::case_restore,
            commands::specialist_request_open,
            commands::specialist_answer_save,
            commands::review_open,
            commands::review_save,
            calibration::calibration_view,
            calibration::calibration_acknowledge,
            calibration::calibration_recalibrate,
            calibration::calibration_packet_save,
            sealing::my_public_key,
            sealing::check_public_key,
            sealing::recipients_list,
            sealing::recipient_save,
            sealing::recipient_remove,
            backups::cases_backups,
            backups::cases_restore,
            about::about,
            about::about_licenses,
            about::open_data_folder,
            open_file::pending_open,
        ])
        .setup(|app| {
            backups::start_daily(app.state::<AppState>().cases_path());
            let window =
                WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                    .title("Rung")
                    .inner_size(1240.0, 820.0)
                    .min_inner_size(900.0, 600.0)
                    .on_navigation(is_app_url)
                    .build()?;
            rendering::configure(&window);
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| app.run(on_event));
    if let Err(error) = result {
        eprintln!("rung: the window could not start: {error}");
        std::process::exit(1);
    }
}

/// What the running app hears from the system: on macOS, a file double-clicked in the
/// Finder (or dropped on the Dock icon) arrives as `Opened`, not on the command line.
fn on_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    #[cfg(target_os = "macos")]
    if let tauri::RunEvent::Opened { urls } = event {
        open_file::opened_urls(app, urls);
    }
    #[cfg(not(target_os = "macos"))]
    let _ = (app, event);
}

/// Whether the webview may navigate to `url`: only the app's own pages, never the web.
fn is_app_url(url: &tauri::Url) -> bool {
    url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_stays_inside_the_app() {
        let ok = |s: &str| {
            tauri::Url::parse(s)
                .map(|u| is_app_url(&u))
                .unwrap_or(false)
        };
        assert!(ok("tauri://localhost/index.html"));
        assert!(ok("http://tauri.localhost/index.html"));
        assert!(!ok("https://example.com/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("http://localhost:8080/"));
    }
}
