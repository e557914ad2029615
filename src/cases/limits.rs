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
    /// A person's name (the case owner's, a reviewer's) is longer than [`MAX_NAME`].
    #[error("the {0}'s name is longer than {MAX_NAME} characters")]
    PersonTooLong(&'static str),
    /// A date of a review period is not a real `YYYY-MM-DD` date.
    #[error(
        "`{0}` is not a date: a review period's dates are written YYYY-MM-DD, such as 2026-01-01"
    )]
    NotADate(String),
    /// A period not written `FROM..TO`.
    #[error("`{0}` is not a period: write it FROM..TO, such as 2026-01-01..2026-06-30")]
    NotAPeriod(String),
    /// The review period ends before it begins.
    #[error("the review period ends ({to}) before it begins ({from})")]
    PeriodBackwards {
        /// Its first day.
        from: String,
        /// Its last day.
        to: String,
    },
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

/// Checks the name of a person other than the candidate, `what` saying who (`case
/// owner`, `reviewer`): no longer than [`MAX_NAME`]. A blank one reads as none.
pub fn check_person(what: &'static str, name: &str) -> Result<(), LimitError> {
    if name.chars().count() > MAX_NAME {
        return Err(LimitError::PersonTooLong(what));
    }
    Ok(())
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Checks a review period: two real dates, the first not after the second.
pub fn check_period(period: &super::Period) -> Result<(), LimitError> {
    for date in [&period.from, &period.to] {
        if !is_date(date) {
            return Err(LimitError::NotADate(date.chars().take(40).collect()));
        }
    }
    // Dates written YYYY-MM-DD sort as text.
    if period.from > period.to {
        return Err(LimitError::PeriodBackwards {
            from: period.from.clone(),
            to: period.to.clone(),
        });
    }
    Ok(())
}

/// Reads a review period written `FROM..TO`, such as `2026-01-01..2026-06-30`.
pub fn parse_period(text: &str) -> Result<super::Period, LimitError> {
    let (from, to) = text
        .split_once("..")
        .ok_or_else(|| LimitError::NotAPeriod(text.chars().take(40).collect()))?;
    let period = super::Period {
        from: from.trim().to_owned(),
        to: to.trim().to_owned(),
    };
    check_period(&period)?;
    Ok(period)
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
    fn a_review_period_is_two_real_dates_in_order() {
        let period = |from: &str, to: &str| super::super::Period {
            from: from.into(),
            to: to.into(),
        };
        assert_eq!(check_period(&period("2026-01-01", "2026-06-30")), Ok(()));
        assert_eq!(check_period(&period("2024-02-29", "2024-02-29")), Ok(()));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "soon",
            "",
        ] {
            assert_eq!(
                check_period(&period(bad, "2027-01-01")),
                Err(LimitError::NotADate(bad.into())),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_period(&period("2026-07-01", "2026-06-30")).map_err(|e| e.to_string()),
            Err("the review period ends (2026-06-30) before it begins (2026-07-01)".into())
        );
        assert_eq!(
            parse_period("2026-01-01..2026-06-30"),
            Ok(period("2026-01-01", "2026-06-30"))
        );
        assert_eq!(
            parse_period("2026-01-01"),
            Err(LimitError::NotAPeriod("2026-01-01".into()))
        );
        assert_eq!(check_person("case owner", "Maya Rossi"), Ok(()));
        assert_eq!(
            check_person("reviewer", &"x".repeat(MAX_NAME + 1)),
            Err(LimitError::PersonTooLong("reviewer"))
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
