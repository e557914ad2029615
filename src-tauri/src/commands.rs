//! The commands the window may call, in `generate_handler!` order. Each takes its
//! arguments, checks them, calls the core, and maps the error to `{ kind, message }`.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use rung::app::open_file::OpenKind;
use rung::app::seal::SealChoice;
use rung::app::{
    self, AppError, ErrorKind, FrameworkSource, FrameworkView, LevelView, LoadStatus, Opened,
};
use rung::cases::specialist::{OpenedRequest, View};
use rung::compare::{BandComparison, LevelDelta};
use rung::files::settings::LastView;
use rung::search::{Filters, Results};

use crate::loading::Loading;
use crate::state::AppState;

/// Longest track or level id a command accepts.
const MAX_ID: usize = 128;

pub(crate) fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorKind::Internal,
        format!("Something went wrong inside Rung: {e}."),
    )
}

fn check_source(source: &FrameworkSource) -> Result<(), AppError> {
    source
        .check()
        .map_err(|e| AppError::new(ErrorKind::Unreadable, e.to_string()))
}

/// Loads off the main thread, so the window never freezes, then builds the search index
/// in the background: the first screen never waits for it. Meanwhile [`load_status`]
/// says how far it has got: files read, then indexing, then ready.
async fn load(handle: &AppHandle, source: FrameworkSource) -> Result<Arc<Opened>, AppError> {
    check_source(&source)?;
    let loading = handle.state::<Loading>();
    let (id, progress) = loading.begin();
    let opened = tauri::async_runtime::spawn_blocking(move || {
        rung::files::folder::reporting_to(progress, || app::open(source))
    })
    .await
    .map_err(internal)
    .and_then(|opened| opened.map(Arc::new));
    let opened = match opened {
        Ok(opened) => opened,
        Err(e) => {
            loading.set(id, LoadStatus::Ready);
            return Err(e);
        }
    };
    loading.set(id, LoadStatus::indexing(&opened));
    let (for_index, handle) = (Arc::clone(&opened), handle.clone());
    tauri::async_runtime::spawn_blocking(move || {
        for_index.prepare_search();
        handle.state::<Loading>().set(id, LoadStatus::Ready);
    });
    Ok(opened)
}

/// How far opening the framework has got; the window asks while one opens.
#[tauri::command]
pub(crate) async fn load_status(loading: State<'_, Loading>) -> Result<LoadStatus, AppError> {
    Ok(loading.status())
}

/// Opens what the app should show first.
#[tauri::command]
pub(crate) async fn open_startup(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<FrameworkView, AppError> {
    let (source, fall_back) = state.startup_source();
    let opened = match load(&app, source).await {
        Ok(opened) => opened,
        Err(_) if fall_back => load(&app, FrameworkSource::Bundled).await?,
        Err(e) => return Err(e),
    };
    let view = opened.framework_view();
    let source = opened.source.clone();
    state.set_current(opened);
    state.watch(&app, &source);
    Ok(view)
}

/// Opens a framework and remembers the choice.
#[tauri::command]
pub(crate) async fn open_framework(
    app: AppHandle,
    state: State<'_, AppState>,
    source: FrameworkSource,
) -> Result<FrameworkView, AppError> {
    let opened = load(&app, source.clone()).await?;
    let view = opened.framework_view();
    state.set_current(opened);
    state.watch(&app, &source);
    state.remember(&source);
    Ok(view)
}

/// Lets the user pick a framework folder, then opens it; `None` when they cancel.
#[tauri::command]
pub(crate) async fn choose_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<FrameworkView>, AppError> {
    let app_for_open = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Open a framework folder")
            .blocking_pick_folder()
    })
    .await
    .map_err(internal)?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(internal)?;
    let source = FrameworkSource::Folder {
        path: path.to_string_lossy().into_owned(),
    };
    open_framework(app_for_open, state, source).await.map(Some)
}

/// One level of the open framework.
#[tauri::command]
pub(crate) async fn level_view(
    state: State<'_, AppState>,
    track: String,
    level: String,
) -> Result<LevelView, AppError> {
    if track.len() > MAX_ID || level.len() > MAX_ID {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "That level does not exist.",
        ));
    }
    state.current()?.level_view(&track, &level)
}

/// What changes from one level of a track to a higher one (the next when `to` is absent).
#[tauri::command]
pub(crate) async fn level_delta(
    state: State<'_, AppState>,
    track: String,
    from: String,
    to: Option<String>,
) -> Result<LevelDelta, AppError> {
    let too_long = |s: &str| s.len() > MAX_ID;
    if too_long(&track) || too_long(&from) || to.as_deref().is_some_and(too_long) {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "That level does not exist.",
        ));
    }
    state.current()?.level_delta(&track, &from, to.as_deref())
}

/// Every track's level on one band, side by side.
#[tauri::command]
pub(crate) async fn band_comparison(
    state: State<'_, AppState>,
    band: u32,
) -> Result<BandComparison, AppError> {
    state.current()?.band_comparison(band)
}

/// Longest query a search accepts.
const MAX_QUERY: usize = 500;

/// Searches the open framework.
#[tauri::command]
pub(crate) async fn search(
    state: State<'_, AppState>,
    query: String,
    filters: Filters,
) -> Result<Results, AppError> {
    if query.len() > MAX_QUERY {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "That search is too long; use fewer words.",
        ));
    }
    let opened = state.current()?;
    tauri::async_runtime::spawn_blocking(move || opened.search(&query, &filters, 30))
        .await
        .map_err(internal)?
}

/// Opens an http(s) or mailto link in the system's browser or mail program.
#[tauri::command]
pub(crate) async fn open_external(app: AppHandle, url: String) -> Result<(), AppError> {
    if !rung::framework::markdown::is_external_link(&url) {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "Rung only opens web and e-mail links.",
        ));
    }
    app.opener().open_url(url, None::<&str>).map_err(internal)
}

/// Remembers the page the person is on, to show it again at the next launch.
#[tauri::command]
pub(crate) async fn remember_view(
    state: State<'_, AppState>,
    view: LastView,
) -> Result<(), AppError> {
    if !view.is_plausible() {
        return Err(AppError::new(
            ErrorKind::Refused,
            "Rung cannot remember that page.",
        ));
    }
    state.remember_view(view)
}

/// The page the person was on when Rung last closed, when it belongs with the framework
/// open now.
#[tauri::command]
pub(crate) async fn last_view(state: State<'_, AppState>) -> Result<Option<LastView>, AppError> {
    state.last_view()
}

// ---------------------------------------------------------------- cases

use std::collections::BTreeMap;

use rung::cases::arrival::{arrive, Arrived};
use rung::cases::create::{CreateError, NewCase};
use rung::cases::drafts::Draft;
use rung::cases::edit::Edit;
use rung::cases::exchange::read_case_file_with;
use rung::cases::export::{export, ExportFormat};
use rung::cases::limits::{self, LimitError};
use rung::cases::review;
use rung::cases::store::{HistoryEntry, StoreError};
use rung::cases::trash::Trashed;
use rung::cases::view::{CaseSummary, CaseView};
use rung::cases::{Case, Reviewer};

pub(crate) fn case_error(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound(_) => AppError::new(ErrorKind::NotFound, "That case does not exist."),
        StoreError::Refused(reason) => refused(reason),
        StoreError::Exists(id) => {
            AppError::new(ErrorKind::Refused, format!("A case “{id}” exists already."))
        }
        StoreError::NotInTrash(_) => AppError::new(
            ErrorKind::NotFound,
            "That case is not in the trash (it was restored, or kept there more than 30 days).",
        ),
        e @ (StoreError::InTrash(_) | StoreError::Unwritable(_)) => refused(capitalised(&e)),
        StoreError::Stale(..) => AppError::new(
            ErrorKind::Stale,
            "This case changed elsewhere (another window or the rung tool) since it was shown. \
             Rung now shows it as it is; make your change again.",
        ),
        other => internal(other),
    }
}

/// The store's sentence as the window shows it: a capital first letter and a full stop.
fn capitalised(e: &StoreError) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

pub(crate) fn refused(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorKind::Refused, e.to_string())
}

/// An id no case can have is a case that does not exist; any other limit is a refusal.
fn limit_error(e: LimitError) -> AppError {
    match e {
        LimitError::CaseId => AppError::new(ErrorKind::NotFound, e.to_string()),
        other => refused(other),
    }
}

fn create_error(e: CreateError) -> AppError {
    match e {
        CreateError::Limit(e) => limit_error(e),
        CreateError::Store(e) => case_error(e),
        other => refused(other),
    }
}

pub(crate) fn check_case_id(id: &str) -> Result<(), AppError> {
    limits::check_case_id(id).map_err(limit_error)
}

fn check_form(form: Option<&str>) -> Result<(), AppError> {
    limits::check_form(form).map_err(limit_error)
}

/// Reads the case file at `path`, opening it first when it is sealed: with the person's
/// key kept in the data folder `dir`, or with `passphrase`.
fn read_file(
    dir: &std::path::Path,
    path: &std::path::Path,
    passphrase: Option<&str>,
) -> Result<rung::cases::Case, AppError> {
    crate::sealing::read_sealed(dir, path, passphrase, |unlock| {
        read_case_file_with(path, unlock).map_err(refused)
    })
}

/// Reads one case from the database at `path`. Call it from a blocking task.
fn read_case(path: &std::path::Path, id: &str) -> Result<rung::cases::store::Stored, AppError> {
    crate::state::open_cases(path)?.get(id).map_err(case_error)
}

/// A stored case as the editor shows it, against the framework open now.
fn shown(stored: rung::cases::store::Stored, opened: &Opened) -> CaseView {
    rung::cases::view::case_view(
        stored,
        &opened.loaded.framework,
        opened.terms(),
        opened.hash(),
    )
}

/// Now, for a case's history; the core takes the time as an argument.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rung::cases::history::rfc3339(secs)
}

pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(internal)?
}

/// Every case, for the list.
#[tauri::command]
pub(crate) async fn cases_list(state: State<'_, AppState>) -> Result<Vec<CaseSummary>, AppError> {
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .list()
            .map(|cases| {
                cases
                    .iter()
                    .map(|s| rung::cases::view::summary(&s.case))
                    .collect()
            })
            .map_err(case_error)
    })
    .await
}

/// Starts a case on the open framework, under a fresh id.
#[tauri::command]
pub(crate) async fn case_new(
    state: State<'_, AppState>,
    case: NewCase,
) -> Result<CaseView, AppError> {
    case.check().map_err(limit_error)?;
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || {
        let mut store = crate::state::open_cases(&path)?;
        let framework = &opened.loaded.framework;
        let stored = rung::cases::create::create(
            &mut store,
            framework,
            &case,
            opened.hash(),
            opened.commit(),
            &now(),
        )
        .map_err(create_error)?;
        Ok(shown(stored, &opened))
    })
    .await
}

/// One case, with its gaps and findings.
#[tauri::command]
pub(crate) async fn case_view(
    state: State<'_, AppState>,
    id: String,
) -> Result<CaseView, AppError> {
    check_case_id(&id)?;
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || Ok(shown(read_case(&path, &id)?, &opened))).await
}

/// Applies one edit to a case and returns it as it is now. `draft` names the form whose
/// draft the edit saves; it is dropped with the edit, in one transaction.
#[tauri::command]
pub(crate) async fn case_edit(
    state: State<'_, AppState>,
    id: String,
    revision: Option<u32>,
    edit: Edit,
    draft: Option<String>,
) -> Result<CaseView, AppError> {
    check_case_id(&id)?;
    check_form(draft.as_deref())?;
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || {
        let mut store = crate::state::open_cases(&path)?;
        let stored = store
            .update_saving_draft(&id, revision, &now(), draft.as_deref(), |case| {
                rung::cases::edit::apply(case, edit).map_err(Into::into)
            })
            .map_err(case_error)?;
        Ok(shown(stored, &opened))
    })
    .await
}

/// What was typed into a case's forms and not saved yet.
#[tauri::command]
pub(crate) async fn case_drafts(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Draft>, AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .drafts(&id)
            .map_err(case_error)
    })
    .await
}

/// Keeps what is being typed into one form of a case (blank fields drop the draft).
#[tauri::command]
pub(crate) async fn case_draft_save(
    state: State<'_, AppState>,
    id: String,
    form: String,
    fields: BTreeMap<String, String>,
    revision: u32,
) -> Result<(), AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .save_draft(&id, &form, &fields, revision, &now())
            .map_err(case_error)
    })
    .await
}

/// Forgets the draft of one form of a case, or of all of them when `form` is null.
#[tauri::command]
pub(crate) async fn case_draft_discard(
    state: State<'_, AppState>,
    id: String,
    form: Option<String>,
) -> Result<(), AppError> {
    check_case_id(&id)?;
    check_form(form.as_deref())?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .discard_draft(&id, form.as_deref())
            .map_err(case_error)
    })
    .await
}

/// Every change made to a case.
#[tauri::command]
pub(crate) async fn case_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<HistoryEntry>, AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .history(&id)
            .map_err(case_error)
    })
    .await
}

/// Moves a case to the trash, where it is kept 30 days.
#[tauri::command]
pub(crate) async fn case_delete(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .delete(&id, &now())
            .map_err(case_error)
    })
    .await
}

/// The cases in the trash, the most recently deleted first; those deleted more than 30
/// days ago are purged first.
#[tauri::command]
pub(crate) async fn cases_trash(state: State<'_, AppState>) -> Result<Vec<Trashed>, AppError> {
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .trash(&now())
            .map_err(case_error)
    })
    .await
}

/// Takes a case out of the trash.
#[tauri::command]
pub(crate) async fn case_restore(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        crate::state::open_cases(&path)?
            .restore_deleted(&id, &now())
            .map(|_| ())
            .map_err(case_error)
    })
    .await
}

/// Set only by the end-to-end tests, which cannot click a native dialog: a folder that
/// answers the dialogs instead. A save goes into it under the suggested name; an open
/// reads `open.json` from it. Debug builds only: a release build always asks the person.
pub(crate) fn test_dialog_dir() -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os("RUNG_TEST_DIALOG_DIR").map(PathBuf::from)
    } else {
        None
    }
}

/// Where to save a file: the person's choice in the native save dialog, `None` if they
/// cancelled.
fn save_dialog(app: &AppHandle, title: &str, suggested: &str) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        return Some(dir.join(suggested));
    }
    let extension = suggested
        .trim_end_matches(rung::app::seal::SEALED_SUFFIX)
        .rsplit('.')
        .next()
        .unwrap_or("json");
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(extension, &[extension])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Writes `text` to a file the person picks in the save dialog (suggesting `suggested`),
/// whole or not at all, readable by them only (what is saved this way carries case
/// data), sealed as `seal` says (checked first; a sealed file's name ends in `.age`).
/// Resolves to where it went, or `None` when they cancelled.
pub(crate) fn save_chosen(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    text: &str,
    seal: &SealChoice,
) -> Result<Option<String>, AppError> {
    let (suggested, bytes) = seal.apply(suggested, text)?;
    let Some(target) = save_dialog(app, title, &suggested) else {
        return Ok(None);
    };
    rung::files::private::write(&target, &bytes).map_err(|e| {
        AppError::new(
            ErrorKind::Refused,
            format!("Rung could not write {}: {e}", target.display()),
        )
    })?;
    Ok(Some(target.display().to_string()))
}

/// The case file to import: the one waiting for its passphrase when the window sends
/// one, else the person's pick in the open dialog; `None` if they cancelled.
fn import_dialog(app: &AppHandle, title: &str, passphrase: Option<&str>) -> Option<PathBuf> {
    crate::sealing::file_to_import(passphrase, || open_dialog(app, title))
}

/// A case file the person picks in the native open dialog, `None` if they cancelled.
fn open_dialog(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        return Some(dir.join("open.json"));
    }
    app.dialog()
        .file()
        .set_title(title)
        // `.json` and `.age`: what an older Rung named them.
        .add_filter(
            "Rung case",
            &[rung::cases::exchange::CASE_EXTENSION, "json", "age"],
        )
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Saves a case as a file the person picks: JSON to share, or the decision record as
/// markdown or print-ready HTML; blind replaces the name with the alias. Resolves to the
/// file's name, or `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn case_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: String,
    blind: bool,
    seal: SealChoice,
) -> Result<Option<String>, AppError> {
    check_case_id(&id)?;
    let format: ExportFormat = format.parse().map_err(refused)?;
    let path = state.cases_path();
    let opened = state.current().ok();
    blocking(move || {
        let case = read_case(&path, &id)?.case;
        let framework = opened.as_ref().map(|o| &o.loaded.framework);
        let exported = export(&case, framework, format, blind);
        save_chosen(
            &app,
            "Export the case",
            &exported.file_name,
            &exported.text,
            &seal,
        )
    })
    .await
}

/// Takes a self-assessment file the person picks into a case: its evidence as the
/// candidate's own, its ratings beside the owner's. `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn case_import_self(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    revision: Option<u32>,
    passphrase: Option<String>,
) -> Result<Option<CaseView>, AppError> {
    import_case_file(
        app,
        &state,
        (id, revision, passphrase),
        "Import a self-assessment",
        |case, file| rung::cases::self_assessment::import(case, file).map_err(Into::into),
    )
    .await
}

/// Takes a case file the person picks (a self-assessment, a reviewer's rated copy) into
/// case `id`, shown at `revision`, with `take` (the core's import of that kind of file).
/// `None` when the person cancelled.
async fn import_case_file(
    app: AppHandle,
    state: &AppState,
    (id, revision, passphrase): (String, Option<u32>, Option<String>),
    title: &'static str,
    take: fn(&mut Case, &Case) -> Result<(), rung::cases::store::Refusal>,
) -> Result<Option<CaseView>, AppError> {
    check_case_id(&id)?;
    let opened = state.current()?;
    let path = state.cases_path();
    let dir = crate::sealing::data_dir(state);
    blocking(move || {
        let Some(file) = import_dialog(&app, title, passphrase.as_deref()) else {
            return Ok(None);
        };
        let brought = read_file(&dir, &file, passphrase.as_deref())?;
        let mut store = crate::state::open_cases(&path)?;
        let stored = store
            .update_at(&id, revision, &now(), |case| take(case, &brought))
            .map_err(case_error)?;
        Ok(Some(shown(stored, &opened)))
    })
    .await
}

/// Saves a request for a specialist's view of some expectations of a case as a file the
/// person picks; blind, it carries the alias and no links. Resolves to the file's name,
/// or `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn case_request_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    expectations: Vec<String>,
    blind: bool,
    seal: SealChoice,
) -> Result<Option<String>, AppError> {
    check_case_id(&id)?;
    let opened = state.current()?;
    let path = state.cases_path();
    blocking(move || {
        let case = read_case(&path, &id)?.case;
        let request =
            rung::cases::specialist::request(&case, &opened.loaded.framework, &expectations, blind)
                .map_err(refused)?;
        let name = rung::cases::specialist::file_name(&request);
        let text = rung::cases::specialist::to_json(&request);
        save_chosen(&app, "Request a specialist view", &name, &text, &seal)
    })
    .await
}

/// Takes a specialist's answer file the person picks (a request with its view filled
/// in) into a case shown at `revision`. `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn case_import_view(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    revision: Option<u32>,
    passphrase: Option<String>,
) -> Result<Option<CaseView>, AppError> {
    check_case_id(&id)?;
    let opened = state.current()?;
    let path = state.cases_path();
    let dir = crate::sealing::data_dir(&state);
    blocking(move || {
        let passphrase = passphrase.as_deref();
        let Some(file) = import_dialog(&app, "Import a specialist view", passphrase) else {
            return Ok(None);
        };
        let text = crate::sealing::read_sealed(&dir, &file, passphrase, |unlock| {
            rung::cases::specialist::read_answer_file_with(&file, unlock).map_err(refused)
        })?;
        let mut store = crate::state::open_cases(&path)?;
        let case = store.get(&id).map_err(case_error)?.case;
        let view = rung::cases::specialist::answer(&case, &text).map_err(refused)?;
        let stored = store
            .update_at(&id, revision, &now(), |case| {
                rung::cases::edit::apply(case, view).map_err(Into::into)
            })
            .map_err(case_error)?;
        Ok(Some(shown(stored, &opened)))
    })
    .await
}

/// Brings in a case file the person picks (one a colleague exported), or the file handed
/// to Rung that `waiting` names (double-clicked): a case is added; a reviewer's copy is
/// taken into its case when this computer holds it, and otherwise opens to be rated (see
/// [`rung::cases::arrival`]). `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn case_import(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, crate::open_file::Pending>,
    passphrase: Option<String>,
    waiting: Option<u32>,
) -> Result<Option<Arrived>, AppError> {
    let opened = state.current()?;
    let path = state.cases_path();
    let dir = crate::sealing::data_dir(&state);
    // Taken now; asked again with a passphrase, the file waiting for it is read.
    let handed = match (waiting, &passphrase) {
        (Some(token), None) => Some(pending.take(token, OpenKind::Case)?),
        _ => None,
    };
    blocking(move || {
        let file = match handed {
            Some(file) => Some(file),
            None => import_dialog(&app, "Import a case", passphrase.as_deref()),
        };
        let Some(file) = file else {
            return Ok(None);
        };
        let case = read_file(&dir, &file, passphrase.as_deref())?;
        let mut store = crate::state::open_cases(&path)?;
        let arrival = arrive(&mut store, case, &now()).map_err(case_error)?;
        Ok(Some(arrival.shown(|stored| shown(stored, &opened))))
    })
    .await
}

/// Saves a copy of a case for a reviewer to rate on their own: its expectations and
/// evidence, no one's ratings. Resolves to where it went, or `None` when the person
/// cancelled.
#[tauri::command]
pub(crate) async fn case_review_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    reviewer: Reviewer,
    seal: SealChoice,
) -> Result<Option<String>, AppError> {
    check_case_id(&id)?;
    let path = state.cases_path();
    blocking(move || {
        let case = read_case(&path, &id)?.case;
        let copy = review::for_reviewer(&case, &reviewer).map_err(refused)?;
        let text = rung::cases::exchange::to_json(&copy);
        save_chosen(
            &app,
            "Export for a reviewer",
            &review::file_name(&copy),
            &text,
            &seal,
        )
    })
    .await
}

/// Takes a reviewer's rated copy the person picks into a case: their ratings beside the
/// owner's, replacing an earlier review by the same reviewer. `None` when the person
/// cancelled.
#[tauri::command]
pub(crate) async fn case_import_review(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    passphrase: Option<String>,
) -> Result<Option<CaseView>, AppError> {
    import_case_file(
        app,
        &state,
        (id, None, passphrase),
        "Import a review",
        |case, copy| review::import(case, copy).map_err(Into::into),
    )
    .await
}

/// Opens a reviewer's copy of a case the person picks, to rate it in Rung. `None` when
/// the person cancelled.
#[tauri::command]
pub(crate) async fn review_open(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Option<Case>, AppError> {
    let dir = crate::sealing::data_dir(&state);
    blocking(move || {
        let Some(file) = import_dialog(&app, "Review a case", passphrase.as_deref()) else {
            return Ok(None);
        };
        let copy = read_file(&dir, &file, passphrase.as_deref())?;
        if copy.review_for.is_none() {
            return Err(refused(review::ReviewError::NotAReview));
        }
        Ok(Some(copy))
    })
    .await
}

/// Saves a reviewer's rated copy, checked as importing it will check it, as a file the
/// person picks. Resolves to where it went, or `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn review_save(
    app: AppHandle,
    review: Case,
    seal: SealChoice,
) -> Result<Option<String>, AppError> {
    blocking(move || {
        let text = review::to_file(&review).map_err(refused)?;
        save_chosen(
            &app,
            "Save my review",
            &review::file_name(&review),
            &text,
            &seal,
        )
    })
    .await
}

/// Opens a request for a specialist's view the person picks, to answer it in Rung: what
/// was asked, as it came. `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn specialist_request_open(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Option<OpenedRequest>, AppError> {
    let dir = crate::sealing::data_dir(&state);
    blocking(move || {
        let passphrase = passphrase.as_deref();
        let Some(file) = import_dialog(&app, "Answer a specialist request", passphrase) else {
            return Ok(None);
        };
        crate::sealing::read_sealed(&dir, &file, passphrase, |unlock| {
            rung::cases::specialist::open_request_with(&file, unlock).map_err(refused)
        })
        .map(Some)
    })
    .await
}

/// Saves a specialist's answer to the request `text` (the request with `view` filled in,
/// checked as importing it will check it) as a file the person picks. Resolves to the
/// file's name, or `None` when the person cancelled.
#[tauri::command]
pub(crate) async fn specialist_answer_save(
    app: AppHandle,
    text: String,
    view: View,
    seal: SealChoice,
) -> Result<Option<String>, AppError> {
    blocking(move || {
        let filled = rung::cases::specialist::fill(&text, view).map_err(refused)?;
        save_chosen(
            &app,
            "Save the answer",
            &filled.file_name,
            &filled.text,
            &seal,
        )
    })
    .await
}
