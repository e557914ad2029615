//! The `case_file` target: the case-file import (`rung case import` and the app's import
//! both open a sealed file with [`seal::plain`], then read it with
//! [`exchange::from_json`]). Any bytes, sealed or not, are a case or a clear error; an
//! accepted case keeps the limits, exports and imports back to the same case, and sealed
//! to a key opens with that key only; its blind copy imports too.

use std::sync::OnceLock;

use super::{ensure, Checked};
use crate::cases::exchange::{self, MAX_CASE_FILE};
use crate::cases::{MAX_ITEMS, MAX_TEXT};
use crate::files::keys::{self, Key};
use crate::files::seal::{self, Lock, SealError, Unlock};

/// Reads the input as a case file is read once its bytes are in memory: opened with the
/// reader's key when sealed, then UTF-8 text, then a case.
pub(super) fn check(data: &[u8]) -> Checked {
    let (mine, _) = keys()?;
    let unlock = Unlock::nothing().with_key(mine.clone());
    let plain = match seal::plain(data.to_vec(), &unlock, MAX_CASE_FILE) {
        Ok(plain) => plain,
        Err(error) => {
            return ensure(!error.to_string().trim().is_empty(), || {
                format!("an empty message for {error:?}")
            })
        }
    };
    let Ok(text) = String::from_utf8(plain) else {
        return Ok(());
    };
    match exchange::from_json(&text) {
        Err(error) => refused(&error),
        Ok(case) => accepted(&case),
    }
}

/// The reader's key, and another person's; made once per process, each in a folder of
/// its own that is removed once the key is read.
fn keys() -> Result<&'static (Key, Key), String> {
    static KEYS: OnceLock<Result<(Key, Key), String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let make = |who: &str| {
            let dir =
                std::env::temp_dir().join(format!("rung-fuzz-key-{who}-{}", std::process::id()));
            let key = keys::ensure(&dir).map_err(|e| e.to_string());
            let _ = std::fs::remove_dir_all(&dir);
            key
        };
        Ok((make("mine")?, make("other")?))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Sealed to the reader's key, a case file opens to the same bytes with that key, is
/// refused with another key, and asks for a key without one.
fn sealed_round_trip(json: &str) -> Checked {
    let (mine, other) = keys()?;
    let lock = Lock::to_keys(&[mine.public()]).map_err(|e| e.to_string())?;
    let sealed = seal::seal(json.as_bytes(), &lock).map_err(|e| e.to_string())?;
    ensure(seal::is_sealed(&sealed), || {
        "a sealed file is not seen as sealed".to_owned()
    })?;
    let open = |unlock: Unlock| seal::open(&sealed, &unlock, MAX_CASE_FILE);
    match open(Unlock::nothing().with_key(mine.clone())) {
        Ok(plain) if plain == json.as_bytes() => {}
        Ok(_) => return Err("a sealed case file opened to other bytes".to_owned()),
        Err(e) => {
            return Err(format!(
                "a sealed case file does not open with its key: {e}"
            ))
        }
    }
    match open(Unlock::nothing().with_key(other.clone())) {
        Err(SealError::NotForYourKey) => {}
        Err(e) => return Err(format!("the wrong key was refused as {e:?}")),
        Ok(_) => return Err("a sealed case file opened with the wrong key".to_owned()),
    }
    match open(Unlock::nothing()) {
        Err(SealError::NeedsKey) => Ok(()),
        Err(e) => Err(format!("no key was refused as {e:?}")),
        Ok(_) => Err("a sealed case file opened with no key".to_owned()),
    }
}

/// A refusal says where (1-based) and what.
fn refused(error: &exchange::ImportError) -> Checked {
    if let exchange::ImportError::Shape { line, column, .. } = error {
        ensure(*line >= 1 && *column >= 1, || {
            format!("a position that is not 1-based: {error:?}")
        })?;
    }
    let message = error.to_string();
    ensure(!message.trim().is_empty(), || {
        format!("an empty message for {error:?}")
    })
}

/// An accepted case is within the limits and survives export and import unchanged.
fn accepted(case: &crate::cases::Case) -> Checked {
    ensure(case.id.len() <= exchange::MAX_ID, || {
        "an id past the limit".to_owned()
    })?;
    ensure(
        case.evidence.len() + case.specialists.len() <= MAX_ITEMS,
        || "more items than the limit".to_owned(),
    )?;
    for text in [&case.candidate.name, &case.candidate.alias, &case.track] {
        ensure(text.chars().count() <= MAX_TEXT, || {
            "a text past the limit".to_owned()
        })?;
    }
    let json = exchange::to_json(case);
    let again = exchange::from_json(&json)
        .map_err(|e| format!("an accepted case does not import once exported: {e}"))?;
    ensure(&again == case, || {
        format!("an accepted case changed on export and import: {json}")
    })?;
    ensure(exchange::to_json(&again) == json, || {
        "exporting twice gave two files".to_owned()
    })?;
    sealed_round_trip(&json)?;
    let blind = exchange::blind(case);
    exchange::from_json(&exchange::to_json(&blind))
        .map_err(|e| format!("the blind copy of an accepted case does not import: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_file_of_the_tests_passes_and_broken_json_is_refused_with_a_position() {
        let text = include_str!("../../tests/case-files/source-before-reported-by.json");
        assert!(exchange::from_json(text).is_ok());
        assert_eq!(check(text.as_bytes()), Ok(()));
        assert_eq!(check(b"{\"rung_case\": 6,"), Ok(()));
        assert_eq!(check(b"\xff"), Ok(()));
        assert_eq!(check(b""), Ok(()));
        // Sealed to someone else: refused, never opened.
        let (_, other) = keys().unwrap();
        let lock = Lock::to_keys(&[other.public()]).unwrap();
        let sealed = seal::seal(text.as_bytes(), &lock).unwrap();
        assert_eq!(check(&sealed), Ok(()));
        assert_eq!(check(&sealed[..sealed.len() / 2]), Ok(()));
    }

    #[test]
    fn a_case_sealed_to_the_readers_key_is_read() {
        let text = include_str!("../../tests/case-files/source-before-reported-by.json");
        let (mine, _) = keys().unwrap();
        let sealed =
            seal::seal(text.as_bytes(), &Lock::to_keys(&[mine.public()]).unwrap()).unwrap();
        assert_eq!(check(&sealed), Ok(()));
        assert_eq!(sealed_round_trip(text), Ok(()));
    }
}
