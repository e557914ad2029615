//! The shell's state: where settings live, the folder named on the command line, and the
//! framework currently open.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rung::app::{AppError, ErrorKind, FrameworkSource, Opened};
use rung::files::data;
use rung::files::settings::{LastView, RememberedView, Settings};
use rung::files::watch::FolderWatch;
use tauri::{AppHandle, Manager};

use crate::watch::{self, Reloaded};

/// Shared by every command.
pub(crate) struct AppState {
    config_dir: PathBuf,
    data_dir: PathBuf,
    folder_argument: Option<PathBuf>,
    current: Mutex<Option<Arc<Opened>>>,
    watch: Mutex<Option<FolderWatch>>,
    /// Held while the settings file is read and written, so two changes never race.
    settings: Mutex<()>,
    revealed: Arc<Revealed>,
}

/// The cases whose names a calibration view revealed in this session: the reveal is
/// recorded in a case's history the first time only.
#[derive(Default)]
pub(crate) struct Revealed(Mutex<HashSet<String>>);

impl Revealed {
    /// Marks `ids` revealed; returns those that were not yet, in order.
    pub(crate) fn claim(&self, ids: &[String]) -> Vec<String> {
        // A poisoned lock only means another claim panicked; the set is still whole.
        let mut set = self.0.lock().unwrap_or_else(|e| e.into_inner());
        ids.iter()
            .filter(|id| set.insert((*id).clone()))
            .cloned()
            .collect()
    }

    /// Forgets that `ids` were revealed: recording it failed.
    pub(crate) fn release(&self, ids: &[String]) {
        let mut set = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for id in ids {
            set.remove(id);
        }
    }
}

impl AppState {
    pub(crate) fn new(
        config_dir: PathBuf,
        data_dir: PathBuf,
        folder_argument: Option<PathBuf>,
    ) -> Self {
        AppState {
            config_dir,
            data_dir,
            folder_argument,
            current: Mutex::new(None),
            watch: Mutex::new(None),
            settings: Mutex::new(()),
            revealed: Arc::default(),
        }
    }

    /// What to open at start-up: the folder on the command line, else the one opened
    /// last, else the bundled framework. The second element says whether falling back
    /// to the bundled framework is acceptable when the first cannot be opened.
    pub(crate) fn startup_source(&self) -> (FrameworkSource, bool) {
        if let Some(folder) = &self.folder_argument {
            return (
                FrameworkSource::Folder {
                    path: folder.to_string_lossy().into_owned(),
                },
                false,
            );
        }
        match Settings::load(&self.config_dir).last_source {
            Some(source) => (source, true),
            None => (FrameworkSource::Bundled, false),
        }
    }

    /// Remembers the framework the user chose, for the next launch.
    pub(crate) fn remember(&self, source: &FrameworkSource) {
        self.change_settings(|settings| settings.last_source = Some(source.clone()));
    }

    /// Remembers the page the person is on, with the framework open now, for the next
    /// launch.
    pub(crate) fn remember_view(&self, view: LastView) -> Result<(), AppError> {
        let source = self.current()?.source.clone();
        self.change_settings(|settings| {
            settings.last_view = Some(RememberedView { source, view });
        });
        Ok(())
    }

    /// The page the person was on when Rung last closed, if it belongs with the
    /// framework open now.
    pub(crate) fn last_view(&self) -> Result<Option<LastView>, AppError> {
        let open = self.current()?;
        Ok(Settings::load(&self.config_dir).view_for(&open.source))
    }

    fn change_settings(&self, change: impl FnOnce(&mut Settings)) {
        // A poisoned lock only means another change panicked; the file is still whole.
        let _guard = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        let mut settings = Settings::load(&self.config_dir);
        let before = settings.clone();
        change(&mut settings);
        if settings == before {
            return;
        }
        if let Err(e) = settings.save(&self.config_dir) {
            eprintln!(
                "rung: cannot save settings in {}: {e}",
                self.config_dir.display()
            );
        }
    }

    /// Makes `opened` the open framework; returns the one it replaces, so that the caller
    /// chooses when to free it (not while holding the lock).
    pub(crate) fn set_current(&self, opened: Arc<Opened>) -> Option<Arc<Opened>> {
        self.current
            .lock()
            .ok()
            .and_then(|mut current| current.replace(opened))
    }

    /// Watches the open framework's folder for changes; stops watching the previous one.
    pub(crate) fn watch(&self, app: &AppHandle, source: &FrameworkSource) {
        let new = match source {
            FrameworkSource::Folder { path } => {
                let (handle, source) = (app.clone(), source.clone());
                watch::start(app.clone(), std::path::Path::new(path), move |changed| {
                    handle
                        .state::<AppState>()
                        .reload(&source, changed.as_deref())
                })
            }
            FrameworkSource::Bundled => None,
        };
        if let Ok(mut watch) = self.watch.lock() {
            *watch = new;
        }
    }

    /// Reads the open framework `source` again after the files at `changed` in its folder
    /// changed (`None`: anything may have), and makes the result the open framework.
    /// Nothing, when another framework was opened meanwhile, when the folder cannot be
    /// read, or when nothing in it changed.
    fn reload(&self, source: &FrameworkSource, changed: Option<&[PathBuf]>) -> Option<Reloaded> {
        let current = self.current().ok().filter(|c| &c.source == source)?;
        // Only the changed files are read and parsed again, only the tracks they touch
        // are checked again, and the index is updated, not rebuilt.
        let reloaded = current
            .reload_if_changed_at(changed)
            .map_err(|e| eprintln!("rung: reload failed: {e}"))
            .ok()??;
        let reloaded = Arc::new(reloaded);
        // Something else opened meanwhile is newer than this reload: keep it.
        let mut open = self.current.lock().ok()?;
        if !open.as_ref().is_some_and(|o| Arc::ptr_eq(o, &current)) {
            return None;
        }
        let replaced = open.replace(Arc::clone(&reloaded));
        Some((reloaded, replaced))
    }

    /// The cases this session revealed in a calibration.
    pub(crate) fn revealed(&self) -> Arc<Revealed> {
        Arc::clone(&self.revealed)
    }

    /// Where the case database is; open it with [`open_cases`], off the main thread.
    pub(crate) fn cases_path(&self) -> PathBuf {
        self.data_dir.join(data::DATABASE)
    }

    /// The data folder and the config folder, as resolved at start-up.
    pub(crate) fn folders(&self) -> (&Path, &Path) {
        (&self.data_dir, &self.config_dir)
    }

    pub(crate) fn current(&self) -> Result<Arc<Opened>, AppError> {
        self.current
            .lock()
            .ok()
            .and_then(|c| c.clone())
            .ok_or_else(|| AppError::new(ErrorKind::NotOpen, "No framework is open yet."))
    }
}

/// The data folder, where cases live: `RUNG_DATA_DIR`, else the platform's folder for
/// Rung (as `rung case` finds it, through [`data::locate`]).
pub(crate) fn data_dir() -> PathBuf {
    let platform = directories::ProjectDirs::from("org", "Rung", "Rung")
        .map(|dirs| dirs.data_dir().to_path_buf());
    data::locate(std::env::var_os(data::OVERRIDE), platform)
        .unwrap_or_else(|| std::env::temp_dir().join("rung-data"))
}

/// At start-up: the data folder created private, or tightened when an older Rung left it
/// or anything in it readable by others; the settings' folder tightened too. Problems
/// are only said: opening the cases says them again to the person.
pub(crate) fn make_private(data_dir: &Path, config_dir: &Path) {
    match data::prepare(data_dir) {
        Ok(changed) => {
            if let Some(note) = data::tightened_note(data_dir, &changed) {
                eprintln!("rung: {note}");
            }
        }
        Err(e) => eprintln!(
            "rung: cannot make the data folder {} private: {e}",
            data_dir.display()
        ),
    }
    if config_dir.is_dir() {
        match rung::files::private::tighten(config_dir) {
            Ok(changed) => {
                if let Some(note) = data::tightened_note(config_dir, &changed) {
                    eprintln!("rung: {note}");
                }
            }
            Err(e) => eprintln!(
                "rung: cannot make the settings folder {} private: {e}",
                config_dir.display()
            ),
        }
    }
}

/// The platform's config folder for Rung; `RUNG_CONFIG_DIR` overrides it (tests use this).
pub(crate) fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("RUNG_CONFIG_DIR") {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "Rung", "Rung")
        .map(|dirs| dirs.config_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("rung"))
}

/// Opens the case database at `path`, creating its folder (private) when missing. It may
/// wait for another process's write: call it from a blocking task.
pub(crate) fn open_cases(path: &Path) -> Result<rung::cases::store::Store, AppError> {
    if let Some(folder) = path.parent().filter(|folder| !folder.is_dir()) {
        rung::files::private::create_dir(folder).map_err(|e| {
            AppError::new(
                ErrorKind::Unreadable,
                format!(
                    "Rung cannot create its data folder {}: {e}.",
                    folder.display()
                ),
            )
        })?;
    }
    rung::cases::store::Store::open(path).map_err(|e| {
        AppError::new(
            ErrorKind::Unreadable,
            format!("Rung cannot open its cases: {e}."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn an_install_left_open_by_an_older_rung_is_private_after_one_start() {
        use rung::files::private::mode;
        use std::os::unix::fs::PermissionsExt as _;
        let tmp = tempfile::tempdir().expect("tmp");
        let (data, config) = (tmp.path().join("data"), tmp.path().join("config"));
        for dir in [&data, &config] {
            std::fs::create_dir(dir).expect("folder");
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        for file in [data.join("cases.db"), config.join("settings.json")] {
            std::fs::write(&file, b"").expect("file");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        make_private(&data, &config);
        assert_eq!(mode(&data).expect("mode"), 0o700);
        assert_eq!(mode(&data.join("cases.db")).expect("mode"), 0o600);
        assert_eq!(mode(&config).expect("mode"), 0o700);
        assert_eq!(mode(&config.join("settings.json")).expect("mode"), 0o600);
        // A first start makes the data folder private from the moment it exists.
        let fresh = tmp.path().join("new/rung");
        make_private(&fresh, &tmp.path().join("no-config"));
        assert_eq!(mode(&fresh).expect("mode"), 0o700);
        assert!(!tmp.path().join("no-config").exists());
    }

    #[test]
    fn a_case_is_revealed_once_a_session_unless_recording_it_failed() {
        let revealed = Revealed::default();
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(revealed.claim(&ids(&["a", "b"])), ids(&["a", "b"]));
        assert_eq!(revealed.claim(&ids(&["b", "c"])), ids(&["c"]));
        revealed.release(&ids(&["c"]));
        assert_eq!(revealed.claim(&ids(&["a", "c"])), ids(&["c"]));
    }
}
