//! The limits on what a person hands Rung about a case before it reaches the store: a
//! case id, the candidate's name and alias, the track and level ids a new case names,
//! and the name of a form whose draft is kept. The app and the `rung` tool check the
//! same limits here, so that both refuse the same input with the same words.

use super::drafts;

/// The longest case id, track id or level id accepted, in bytes.
pub const MAX_ID: usize = 128;

/// The longest name or alias of a candidate, in characters.
pub const MAX_NAME: usize = 200;

/// Why a case id, a new case or a form's name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// The case id is blank or longer than [`MAX_ID`]: no case has it.
    #[error("that is not a case id: a case id has 1 to {MAX_ID} characters")]
    CaseId,
    /// The candidate's name is blank.
    #[error("a case needs the candidate's name")]
    NoName,
    /// The alias is blank.
    #[error("a case needs an alias, the name blind review uses")]
    NoAlias,
    /// The candidate's name is longer than [`MAX_NAME`].
    #[error("the candidate's name is longer than {MAX_NAME} characters")]
    NameTooLong,
    /// The alias is longer than [`MAX_NAME`].
    #[error("the alias is longer than {MAX_NAME} characters")]
    AliasTooLong,
    /// A track or level id is longer than [`MAX_ID`]: no framework has it.
    #[error("the {0} id is longer than {MAX_ID} characters")]
    IdTooLong(&'static str),
    /// No form of a case has this name.
    #[error("Rung does not know that form of a case")]
    UnknownForm,
}

/// Checks a case id before it is looked up or given to a new case.
pub fn check_case_id(id: &str) -> Result<(), LimitError> {
    if id.trim().is_empty() || id.len() > MAX_ID {
        return Err(LimitError::CaseId);
    }
    Ok(())
}

/// Checks the candidate's name and alias: neither blank nor longer than [`MAX_NAME`].
pub fn check_candidate(name: &str, alias: &str) -> Result<(), LimitError> {
    check_name(name, LimitError::NoName, LimitError::NameTooLong)?;
    check_name(alias, LimitError::NoAlias, LimitError::AliasTooLong)
}

fn check_name(text: &str, blank: LimitError, long: LimitError) -> Result<(), LimitError> {
    if text.trim().is_empty() {
        Err(blank)
    } else if text.chars().count() > MAX_NAME {
        Err(long)
    } else {
        Ok(())
    }
}

/// Checks a track or level id a person named, `what` saying which (`track`, `target
/// level`): longer than [`MAX_ID`], it is no framework's.
pub fn check_framework_id(what: &'static str, id: &str) -> Result<(), LimitError> {
    if id.len() > MAX_ID {
        return Err(LimitError::IdTooLong(what));
    }
    Ok(())
}

/// Checks the name of a form whose draft is dropped or saved with an edit; `None` names
/// no form.
pub fn check_form(form: Option<&str>) -> Result<(), LimitError> {
    match form {
        Some(form) if !drafts::is_form(form) => Err(LimitError::UnknownForm),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_id_is_neither_blank_nor_longer_than_an_id() {
        assert_eq!(check_case_id("case-20261126100000"), Ok(()));
        assert_eq!(check_case_id(&"x".repeat(MAX_ID)), Ok(()));
        for id in ["", "  ", &"x".repeat(MAX_ID + 1)] {
            assert_eq!(check_case_id(id), Err(LimitError::CaseId), "{id:?}");
        }
    }

    #[test]
    fn a_name_and_an_alias_are_neither_blank_nor_too_long() {
        assert_eq!(check_candidate("Ana Lima", "Candidate 7"), Ok(()));
        assert_eq!(check_candidate(" ", "Candidate 7"), Err(LimitError::NoName));
        assert_eq!(check_candidate("Ana Lima", ""), Err(LimitError::NoAlias));
        // Characters, not bytes: 200 letters of any script fit.
        let long = "x".repeat(MAX_NAME + 1);
        assert_eq!(check_candidate(&"é".repeat(MAX_NAME), "C 7"), Ok(()));
        assert_eq!(check_candidate(&long, "C 7"), Err(LimitError::NameTooLong));
        assert_eq!(check_candidate("Ana", &long), Err(LimitError::AliasTooLong));
        assert_eq!(
            LimitError::NameTooLong.to_string(),
            "the candidate's name is longer than 200 characters"
        );
    }

    #[test]
    fn a_track_or_level_id_is_no_longer_than_an_id() {
        assert_eq!(check_framework_id("track", "engineering"), Ok(()));
        assert_eq!(
            check_framework_id("target level", &"x".repeat(MAX_ID + 1)),
            Err(LimitError::IdTooLong("target level"))
        );
    }

    #[test]
    fn only_the_forms_of_a_case_are_named() {
        assert_eq!(check_form(None), Ok(()));
        assert_eq!(check_form(Some("recommendation")), Ok(()));
        assert_eq!(check_form(Some("evidence/ev-1")), Ok(()));
        assert_eq!(check_form(Some("nonsense")), Err(LimitError::UnknownForm));
    }
}
