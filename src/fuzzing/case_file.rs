//! The `case_file` target: the case-file import (`rung case import` and the app's import
//! both end in [`exchange::from_json`]). Any bytes are a case or a clear error; an
//! accepted case keeps the limits, and exports and imports back to the same case; its
//! blind copy imports too.

use super::{ensure, Checked};
use crate::cases::{exchange, MAX_ITEMS, MAX_TEXT};

/// Reads the input as a case file, as [`exchange::read_case_file`] does after reading
/// the bytes: text that is not UTF-8 is refused before any parsing.
pub(super) fn check(data: &[u8]) -> Checked {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    match exchange::from_json(text) {
        Err(error) => refused(&error),
        Ok(case) => accepted(&case),
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
    }
}
