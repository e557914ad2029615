//! "Import a framework…": the person picks a source (a file or a folder), sees the family
//! detected and, for a CSV, each column's role, which they may change; then picks an
//! empty folder, the core imports off the main thread, telling the window how far it
//! has got through a channel, and the window gets the report; it then opens the written
//! folder with `open_framework`.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use rung::app::{
    import_framework_with, AppError, ImportColumn, ImportFailure, ImportProgress, ImportReportView,
    ImportSourceView,
};
use rung::import::{Format, Options};

use rung::app::open_file::OpenKind;

use crate::commands::{blocking, internal, refused, test_dialog_dir};
use crate::open_file::Pending;

/// Most columns a CSV header may have in an import's options.
const MAX_COLUMNS: usize = 1000;
/// Longest column name an import's options accept, in bytes.
const MAX_COLUMN_NAME: usize = 1000;
/// Longest format name accepted.
const MAX_FORMAT: usize = 32;

/// The source the person picked last, which `framework_import` imports: the window never
/// names a path to read.
#[derive(Default)]
pub(crate) struct Picked(Mutex<Option<PathBuf>>);

impl Picked {
    fn get(&self) -> Result<Option<PathBuf>, AppError> {
        self.0.lock().map(|p| p.clone()).map_err(internal)
    }

    fn set(&self, path: PathBuf) -> Result<(), AppError> {
        *self.0.lock().map_err(internal)? = Some(path);
        Ok(())
    }
}

/// The source the person picks: a file or, with `folder`, a folder; `None` when they
/// cancelled. With the test override it is `import-source` in the test folder or, when
/// that is a folder, the first file (or, with `folder`, the first folder) in it, so that
/// a test can give the source its own name.
fn pick_source(app: &AppHandle, folder: bool) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        let source = dir.join("import-source");
        let mut inside: Vec<PathBuf> = std::fs::read_dir(&source)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        inside.sort();
        let first = inside.into_iter().find(|p| p.is_dir() == folder);
        return Some(first.unwrap_or(source));
    }
    let dialog = app.dialog().file();
    let picked = if folder {
        dialog
            .set_title("Import a framework: choose its folder")
            .blocking_pick_folder()
    } else {
        dialog
            .set_title("Import a framework: choose its file")
            .add_filter(
                "CSV, markdown, YAML, JSON or a page exported by Rung",
                &[
                    "csv", "tsv", "md", "markdown", "yaml", "yml", "json", "html", "htm",
                ],
            )
            .blocking_pick_file()
    };
    picked.and_then(|p| p.into_path().ok())
}

/// The empty folder to import into; `None` when the person cancelled. With the test
/// override it is `imported` in the test folder.
fn pick_out(app: &AppHandle) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        return Some(dir.join("imported"));
    }
    app.dialog()
        .file()
        .set_title("Import a framework: choose a new, empty folder for it")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// Asks the person for the framework to import, a file or (with `folder`) a folder, and
/// answers with what the window shows before importing it; `None` when they cancelled.
/// With `waiting`, the source is the page handed to Rung that it names (double-clicked)
/// instead.
#[tauri::command]
pub(crate) async fn framework_import_source(
    app: AppHandle,
    picked: State<'_, Picked>,
    pending: State<'_, Pending>,
    folder: bool,
    waiting: Option<u32>,
) -> Result<Option<ImportSourceView>, AppError> {
    let handed = match waiting {
        Some(token) => Some(pending.take(token, OpenKind::Framework)?),
        None => None,
    };
    let chosen = blocking(move || {
        let Some(path) = handed.or_else(|| pick_source(&app, folder)) else {
            return Ok(None);
        };
        let view = ImportSourceView::new(&path)
            .map_err(|e| refused(format!("Rung could not read the framework: {e}.")))?;
        Ok(Some((path, view)))
    })
    .await?;
    let Some((path, view)) = chosen else {
        return Ok(None);
    };
    picked.set(path)?;
    Ok(Some(view))
}

/// The options the window chose, checked: a known format and known column roles, within
/// their limits.
fn options(from: Option<&str>, columns: &[ImportColumn]) -> Result<Options, AppError> {
    let from = match from {
        Some(f) if f.len() > MAX_FORMAT => return Err(refused("That import format is not known.")),
        Some(f) => Some(f.parse::<Format>().map_err(refused)?),
        None => None,
    };
    if columns.len() > MAX_COLUMNS {
        return Err(refused(format!(
            "An import takes the roles of at most {MAX_COLUMNS} columns."
        )));
    }
    if columns.iter().any(|c| c.name.len() > MAX_COLUMN_NAME) {
        return Err(refused(format!(
            "A column's name is longer than {MAX_COLUMN_NAME} bytes."
        )));
    }
    let columns = ImportColumn::options(columns).map_err(refused)?;
    Ok(Options { from, columns })
}

/// Imports the source picked with `framework_import_source` into an empty folder the
/// person picks, telling `progress` how far it has got, and answers with the report;
/// `None` when they cancelled. `from` names the family (`csv`, `markdown`,
/// `progression`, `yaml`, `rung-html`) instead of detecting it; `columns` gives a CSV's
/// columns their roles.
#[tauri::command]
pub(crate) async fn framework_import(
    app: AppHandle,
    picked: State<'_, Picked>,
    from: Option<String>,
    columns: Vec<ImportColumn>,
    progress: Channel<ImportProgress>,
) -> Result<Option<ImportReportView>, AppError> {
    let options = options(from.as_deref(), &columns)?;
    let Some(source) = picked.get()? else {
        return Err(refused("Choose the framework to import first."));
    };
    blocking(move || {
        let Some(out) = pick_out(&app) else {
            return Ok(None);
        };
        let mut tell = |p: ImportProgress| {
            // A window that closed meanwhile no longer needs to know.
            let _ = progress.send(p);
        };
        match import_framework_with(&source, &out, &options, &mut tell) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, role: Option<&str>) -> ImportColumn {
        ImportColumn {
            name: name.to_owned(),
            role: role.map(str::to_owned),
        }
    }

    fn refusal(result: Result<Options, AppError>) -> String {
        result.err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn the_options_are_checked() {
        let ok = options(
            Some("csv"),
            &[column("Grade", Some("level")), column("L1", None)],
        );
        let ok = ok.unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(ok.from, Some(Format::Csv));
        assert_eq!(
            ok.columns,
            [(rung::import::Role::Level, "Grade".to_owned())]
        );
        assert_eq!(
            refusal(options(Some("xlsx"), &[])),
            "unknown format `xlsx`: rung import reads csv, markdown, progression (front matter), yaml or json, or rung-html"
        );
        assert_eq!(
            refusal(options(Some(&"x".repeat(33)), &[])),
            "That import format is not known."
        );
        assert_eq!(
            refusal(options(None, &[column("Grade", Some("rank"))])),
            "unknown column role `rank`: use track, level, competency, text, example, note, description or ignore"
        );
        let many: Vec<ImportColumn> = (0..=MAX_COLUMNS)
            .map(|i| column(&i.to_string(), None))
            .collect();
        assert_eq!(
            refusal(options(None, &many)),
            "An import takes the roles of at most 1000 columns."
        );
        assert_eq!(
            refusal(options(None, &[column(&"x".repeat(1001), None)])),
            "A column's name is longer than 1000 bytes."
        );
    }
}
