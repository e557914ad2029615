//! "Import a framework…": the person picks a source (a CSV, markdown or exported page)
//! and an empty folder, the core imports it off the main thread, and the window gets the
//! report; the window then opens the written folder with `open_framework`.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use rung::app::{import_framework, AppError, ImportFailure, ImportReportView};
use rung::import::{Format, Options};

use crate::commands::{blocking, refused, test_dialog_dir};

/// The source and the output folder, picked by the person; `None` when they cancelled.
/// With the test override, the source is `import-source` and the output `imported` in
/// the test folder.
fn pick(app: &AppHandle) -> Option<(PathBuf, PathBuf)> {
    if let Some(dir) = test_dialog_dir() {
        return Some((dir.join("import-source"), dir.join("imported")));
    }
    let source = app
        .dialog()
        .file()
        .set_title("Import a framework: choose its file")
        .add_filter(
            "CSV, markdown or a page exported by Rung",
            &["csv", "tsv", "md", "markdown", "html", "htm"],
        )
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())?;
    let out = app
        .dialog()
        .file()
        .set_title("Import a framework: choose a new, empty folder for it")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())?;
    Some((source, out))
}

/// Imports a framework written elsewhere into a folder the person picks and answers
/// with the report; `None` when they cancelled. `from` names the family (`csv`,
/// `markdown`, `rung-html`) instead of detecting it.
#[tauri::command]
pub(crate) async fn framework_import(
    app: AppHandle,
    from: Option<String>,
) -> Result<Option<ImportReportView>, AppError> {
    let from = match from.as_deref() {
        Some(f) if f.len() > 32 => return Err(refused("That import format is not known.")),
        Some(f) => Some(f.parse::<Format>().map_err(refused)?),
        None => None,
    };
    blocking(move || {
        let Some((source, out)) = pick(&app) else {
            return Ok(None);
        };
        let options = Options {
            from,
            columns: Vec::new(),
        };
        match import_framework(&source, &out, &options) {
            Ok(done) => Ok(Some(ImportReportView::new(&done, &out))),
            Err(ImportFailure::Nothing { path, report }) => {
                let why: Vec<String> = report.lines.iter().take(3).map(|l| l.to_string()).collect();
                Err(refused(format!(
                    "Nothing in {path} could be imported, so nothing was written. {}",
                    why.join(" ")
                )))
            }
            Err(e) => Err(refused(format!(
                "Rung could not import the framework: {e}."
            ))),
        }
    })
    .await
}
