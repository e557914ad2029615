//! Sealed files in the shell: the file an import is waiting on a passphrase for, the
//! person's public key, the check of a key as it is typed, and the people saved by name
//! to encrypt to. What is checked and how a
//! file is sealed or opened is the core's (`rung::app::seal`, `rung::files::seal`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::State;

use rung::app::seal;
use rung::app::{AppError, ErrorKind};

use crate::state::AppState;

/// The file the last import found sealed with a passphrase: asked again with one, the
/// same file is opened, not another picked. Never its passphrase.
static WAITING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The file to import: the one waiting for a passphrase when the window sends one now,
/// else the one `pick` gives (the open dialog), `None` when the person cancelled.
pub(crate) fn file_to_import(
    passphrase: Option<&str>,
    pick: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    let waiting = WAITING.lock().ok().and_then(|mut w| w.take());
    match (passphrase, waiting) {
        (Some(_), Some(path)) => Some(path),
        _ => pick(),
    }
}

/// Reads the file at `path` with `read`, opening it first when it is sealed: with the
/// person's key from the data folder `dir`, or with `passphrase`. When the file needs a
/// passphrase (none given, or a wrong one) it waits for the next try.
pub(crate) fn read_sealed<T>(
    dir: &Path,
    path: &Path,
    passphrase: Option<&str>,
    read: impl FnOnce(&rung::files::seal::Unlock) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = seal::ask_for_passphrase(path, passphrase)
        .and_then(|()| seal::unlock(dir, passphrase))
        .and_then(|unlock| read(&unlock).map_err(seal::after_reading));
    if let Err(e) = &result {
        if e.kind == ErrorKind::Passphrase {
            if let Ok(mut waiting) = WAITING.lock() {
                *waiting = Some(path.to_path_buf());
            }
        }
    }
    result
}

/// The data folder, where the person's key is kept.
pub(crate) fn data_dir(state: &AppState) -> PathBuf {
    let cases = state.cases_path();
    cases
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The person's public key (`age1…`), made on first use and kept in the data folder.
#[tauri::command]
pub(crate) async fn my_public_key(state: State<'_, AppState>) -> Result<String, AppError> {
    in_data_dir(&state, seal::my_public_key).await
}

/// Checks a public key as the person types it: refused, with why, when it is not one.
#[tauri::command]
pub(crate) fn check_public_key(key: String) -> Result<(), AppError> {
    seal::check_key(&key)
}

/// Runs `work` on the data folder off the main thread (this module is below `commands`,
/// so not its `blocking`).
async fn in_data_dir<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Path) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let dir = data_dir(state);
    tauri::async_runtime::spawn_blocking(move || work(&dir))
        .await
        .map_err(|e| {
            AppError::new(
                ErrorKind::Internal,
                format!("Something went wrong inside Rung: {e}."),
            )
        })?
}

/// The people saved by name to encrypt files to.
#[tauri::command]
pub(crate) async fn recipients_list(
    state: State<'_, AppState>,
) -> Result<seal::SavedPeople, AppError> {
    in_data_dir(&state, seal::saved_people).await
}

/// Saves a public key under a name (a name already saved gets the new key).
#[tauri::command]
pub(crate) async fn recipient_save(
    state: State<'_, AppState>,
    name: String,
    key: String,
) -> Result<seal::SavedPeople, AppError> {
    in_data_dir(&state, move |dir| seal::save_person(dir, &name, &key)).await
}

/// Forgets the public key saved under a name.
#[tauri::command]
pub(crate) async fn recipient_remove(
    state: State<'_, AppState>,
    name: String,
) -> Result<seal::SavedPeople, AppError> {
    in_data_dir(&state, move |dir| seal::forget_person(dir, &name)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_waiting_for_its_passphrase_is_tried_again_only_with_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("case.json.age");
        let choice = seal::SealChoice {
            passphrase: Some("our committee".into()),
            ..seal::SealChoice::default()
        };
        let (_, bytes) = choice.apply("case.json", "hello").expect("sealed");
        std::fs::write(&path, bytes).expect("write");
        let read = |unlock: &rung::files::seal::Unlock| {
            let bytes = std::fs::read(&path)
                .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
            rung::files::seal::plain(bytes, unlock, 1024)
                .map_err(|e| AppError::new(ErrorKind::Refused, e.to_string()))
        };
        let asked = read_sealed(dir.path(), &path, None, read).expect_err("asks");
        assert_eq!(asked.kind, ErrorKind::Passphrase);
        let other = dir.path().join("other.json");
        // Tried again with a passphrase: the waiting file, not a new pick.
        let again = file_to_import(Some("wrong one"), || Some(other.clone()));
        assert_eq!(again.as_deref(), Some(path.as_path()));
        let wrong = read_sealed(dir.path(), &path, Some("wrong one"), read).expect_err("wrong");
        assert_eq!(
            wrong.message,
            "That passphrase does not open this file. Check it and try again."
        );
        let opened = read_sealed(dir.path(), &path, Some("our committee"), read).expect("opens");
        assert_eq!(opened, b"hello");
        // Without a passphrase the dialog is asked.
        assert_eq!(
            file_to_import(None, || Some(other.clone())).as_deref(),
            Some(other.as_path())
        );
    }

    #[test]
    fn a_typed_key_is_checked() {
        assert!(check_public_key(
            "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p".into()
        )
        .is_ok());
        assert!(check_public_key("age1nope".into()).is_err());
    }
}
