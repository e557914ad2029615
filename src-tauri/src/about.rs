//! The commands of "About Rung": which build this is, the licences of what it ships (read
//! from the lists generated at build time into the page's assets, see `build.rs`), and
//! opening the data folder in the system's file manager.

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use rung::app::{self, AboutView, AppError, Build, ErrorKind, LicensesView, PackageLicenses};

use crate::commands::internal;
use crate::state::AppState;

/// The build, the bundled framework and the folders, for "About Rung".
#[tauri::command]
pub(crate) async fn about(state: State<'_, AppState>) -> Result<AboutView, AppError> {
    let build = Build {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        commit: env!("RUNG_COMMIT").to_owned(),
        platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        tauri_version: tauri::VERSION.to_owned(),
        webview_version: tauri::webview_version().ok(),
    };
    let (data_dir, config_dir) = state.folders();
    let (data_dir, config_dir) = (data_dir.to_path_buf(), config_dir.to_path_buf());
    // The first call loads the bundled framework for its hash: off the main thread.
    tauri::async_runtime::spawn_blocking(move || app::about(build, &data_dir, &config_dir))
        .await
        .map_err(internal)
}

/// The licences of the crates and npm packages this build ships, as generated when it
/// was built.
#[tauri::command]
pub(crate) async fn about_licenses(app: AppHandle) -> Result<LicensesView, AppError> {
    Ok(LicensesView {
        crates: licenses(&app, "crates.json")?,
        npm: licenses(&app, "npm.json")?,
    })
}

/// The generated list `licenses/<file>` among the page's assets.
fn licenses(app: &AppHandle, file: &str) -> Result<PackageLicenses, AppError> {
    let missing = || {
        AppError::new(
            ErrorKind::Internal,
            format!("This build of Rung carries no licence list licenses/{file}."),
        )
    };
    // A missing asset falls back to index.html: only JSON is the list.
    let asset = app
        .asset_resolver()
        .get(format!("licenses/{file}"))
        .filter(|asset| asset.mime_type.contains("json"))
        .ok_or_else(missing)?;
    let text = String::from_utf8(asset.bytes).map_err(internal)?;
    PackageLicenses::parse(file, &text).map_err(internal)
}

/// Opens the data folder in the system's file manager, creating it (private) first when
/// it is missing. The window never gets to open paths itself: only this one, from here.
#[tauri::command]
pub(crate) async fn open_data_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), AppError> {
    let folder = state.folders().0.to_path_buf();
    rung::files::data::prepare(&folder).map_err(|e| {
        AppError::new(
            ErrorKind::Unreadable,
            format!(
                "Rung cannot create its data folder {}: {e}.",
                folder.display()
            ),
        )
    })?;
    app.opener()
        .open_path(folder.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            AppError::new(
                ErrorKind::Refused,
                format!("The file manager could not open {}: {e}.", folder.display()),
            )
        })
}
