//! Drafts: what a person has typed into a case's forms but not saved yet.
//!
//! A draft is kept per form (the rating of one expectation, a new piece of evidence on
//! one expectation, the correction of one piece of evidence, the specialist form, the
//! recommendation, the decision) as the text of its fields, beside the case in the case
//! database ([`super::store::Store::save_draft`]). Drafts are not the case: they never
//! enter its history, and a form that is saved drops its draft in the same transaction as
//! the edit. They exist so that a crash, a kill or a power cut mid-typing loses at most
//! the last keystrokes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most fields one form's draft may hold.
pub const MAX_FIELDS: usize = 16;

/// The longest name of a form, or of a field.
const MAX_KEY: usize = 300;

/// A form's unsaved fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    /// Which form: `rating/EXPECTATION`, `evidence/new/EXPECTATION`,
    /// `evidence/EVIDENCE`, `specialist`, `recommendation` or `decision`.
    pub form: String,
    /// The fields as typed, by name.
    pub fields: BTreeMap<String, String>,
    /// The revision of the case the person was looking at when they typed it.
    pub revision: u32,
    /// When it was last saved (RFC 3339).
    pub saved_at: String,
}

/// Why a draft could not be kept; the sentence says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Not the name of a form of a case (shown cut to its first 40 characters).
    #[error("“{0}” is not a form of a case")]
    NotAForm(String),
    /// More than [`MAX_FIELDS`] fields.
    #[error("a draft holds at most {MAX_FIELDS} fields, this one has {0}")]
    TooManyFields(usize),
    /// An empty, overlong or unprintable field name (shown cut to 40 characters).
    #[error("“{0}” is not a field name")]
    FieldName(String),
    /// A field longer than [`super::MAX_TEXT`] characters.
    #[error("the field “{0}” is longer than {max} characters", max = super::MAX_TEXT)]
    TooLong(String),
}

/// The kinds of form a draft may belong to.
const FORMS: &[&str] = &["specialist", "recommendation", "decision"];

/// Whether `form` names a form of a case; an id after the prefix is any non-empty text
/// without control characters (the case itself says whether the thing exists).
pub fn is_form(form: &str) -> bool {
    if form.is_empty() || form.len() > MAX_KEY || form.chars().any(char::is_control) {
        return false;
    }
    if FORMS.contains(&form) {
        return true;
    }
    let named = |prefix: &str| form.strip_prefix(prefix).filter(|id| !id.is_empty());
    // Expectation ids hold slashes; evidence ids do not.
    named("rating/").is_some()
        || named("evidence/new/").is_some()
        || named("evidence/").is_some_and(|id| !id.contains('/'))
}

/// Checks a draft's form and fields before it is stored.
pub fn check(form: &str, fields: &BTreeMap<String, String>) -> Result<(), DraftError> {
    if !is_form(form) {
        return Err(DraftError::NotAForm(truncate(form)));
    }
    if fields.len() > MAX_FIELDS {
        return Err(DraftError::TooManyFields(fields.len()));
    }
    for (name, value) in fields {
        if name.is_empty() || name.len() > MAX_KEY || name.chars().any(char::is_control) {
            return Err(DraftError::FieldName(truncate(name)));
        }
        if super::too_long(value) {
            return Err(DraftError::TooLong(name.clone()));
        }
    }
    Ok(())
}

/// Whether every field is blank: such a draft is nothing to keep.
pub fn is_blank(fields: &BTreeMap<String, String>) -> bool {
    fields.values().all(|v| v.trim().is_empty())
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn forms_of_a_case_are_known_by_name() {
        for ok in [
            "rating/product-designer/d3/runs-usability-tests",
            "evidence/new/product-designer/d3/x",
            "evidence/ev-4",
            "specialist",
            "recommendation",
            "decision",
        ] {
            assert!(is_form(ok), "{ok}");
        }
        for bad in [
            "",
            "rating/",
            "evidence/new/",
            "evidence/a/b",
            "notes",
            "rating/a\nb",
            "decisions",
        ] {
            assert!(!is_form(bad), "{bad:?}");
        }
        assert!(!is_form(&format!("rating/{}", "x".repeat(400))));
    }

    #[test]
    fn a_draft_is_checked_before_it_is_kept() {
        assert_eq!(
            check("recommendation", &fields(&[("text", "Promote")])),
            Ok(())
        );
        let refusal = |form: &str, fields: &BTreeMap<String, String>| {
            check(form, fields).map_err(|e| e.to_string())
        };
        assert_eq!(
            refusal("notes", &fields(&[])),
            Err("“notes” is not a form of a case".to_owned())
        );
        let long = "é".repeat(crate::cases::MAX_TEXT + 1);
        assert_eq!(
            refusal("decision", &fields(&[("rationale", &long)])),
            Err("the field “rationale” is longer than 20000 characters".to_owned())
        );
        let many: BTreeMap<String, String> = (0..=MAX_FIELDS)
            .map(|i| (format!("f{i}"), String::new()))
            .collect();
        assert_eq!(
            refusal("decision", &many),
            Err("a draft holds at most 16 fields, this one has 17".to_owned())
        );
        assert_eq!(
            refusal("decision", &fields(&[("", "x")])),
            Err("“” is not a field name".to_owned())
        );
    }

    #[test]
    fn blank_fields_are_no_draft() {
        assert!(is_blank(&fields(&[("what", "  "), ("when", "")])));
        assert!(!is_blank(&fields(&[("what", "Ran the test")])));
    }
}
