//! Cases as files that travel between people: JSON with a versioned schema, checked on
//! import with errors that say where and what, and read from disk within a size limit.
//! The blind copy is made in [`super::blind`], the decision record a committee reads in
//! [`super::record`]; both are re-exported here, where callers found them first.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use super::blind::{blind, blind_hints, name_parts, replace_names, BlindHint, Place};
pub use super::limits::MAX_ID;
pub use super::record::{to_html, to_markdown};
use super::Case;
use crate::files::seal::{self, SealError, Unlock};

/// The version of the case file format this Rung writes and reads: 2 pins the names of
/// the track, levels and competencies; 3 says who reported a piece of evidence in
/// `reported_by`, which earlier versions call `source`; 4 pins the promotion rule and
/// says whether the decision promotes, and why when against the rule; 5 structures a
/// specialist's view (level, reviewed artefacts, ratings, confidence, conflict of
/// interest) and pins the track's craft, the owner's craft, whether an expectation's
/// competency is a craft's own, and the owner's reasons for differing from a
/// specialist. Files of version 1 read as cases without names, `source` still reads as
/// `reported_by`, files before version 4 read as cases without a rule, and files before
/// version 5 read with specialists' input as what they said, and no crafts. 6 adds the
/// case owner's name, the review period, other reviewers' ratings, ratings changed in
/// calibration, acknowledged calibration warnings, recorded reveals, and marks a
/// reviewer's copy; files before it read with none of these.
pub const SCHEMA: u32 = 6;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Marks the file as a Rung case and says which format it follows.
    rung_case: u32,
    case: Case,
}

/// Why a case file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not a case in the expected shape.
    #[error("line {line}, column {column}: {message}")]
    Shape {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// JSON, but not a Rung case file.
    #[error("this is not a Rung case file (it has no `rung_case` version)")]
    NotACase,
    /// A specialist's request, or their answer to it: a file of its own imports.
    #[error(
        "this is a specialist's request or answer, not a case: the specialist opens it with \
         \"Answer a specialist request…\", and the case's owner takes the answer in with \"Import a \
         specialist view…\" on the case"
    )]
    SpecialistFile,
    /// A newer format than this Rung reads.
    #[error("this case file has format {0}, newer than this Rung reads ({SCHEMA}); update Rung")]
    TooNew(u32),
    /// The case's parts do not agree.
    #[error(transparent)]
    Invalid(#[from] InvalidCase),
}

/// How the parts of a case fail to agree (see [`validate`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidCase {
    /// A required field is blank.
    #[error("the case has no `{0}`")]
    Blank(&'static str),
    /// The case's id is longer than [`MAX_ID`].
    #[error("the case's id is longer than {MAX_ID} characters")]
    LongId,
    /// More than [`super::MAX_ITEMS`] pieces of evidence and specialist input.
    #[error(
        "the case holds more than {max} pieces of evidence and specialist input",
        max = super::MAX_ITEMS
    )]
    TooManyItems,
    /// A text longer than [`super::MAX_TEXT`] characters, by its first 40.
    #[error(
        "a text of the case is longer than {max} characters (it begins “{0}…”)",
        max = super::MAX_TEXT
    )]
    LongText(String),
    /// The alias holds a part of the candidate's name.
    #[error(
        "the alias contains `{0}`, part of the candidate's name; \
         blind review needs an alias that does not"
    )]
    AliasGivesAway(String),
    /// One expectation is listed twice.
    #[error("the case lists one expectation twice")]
    ExpectationTwice,
    /// Two pieces of evidence share an id.
    #[error("two pieces of evidence have the id `{0}`")]
    EvidenceIdTwice(String),
    /// Evidence that does not say what happened.
    #[error("evidence `{0}` does not say what happened")]
    EvidenceSaysNothing(String),
    /// Evidence attached to an expectation the case does not hold.
    #[error(
        "evidence `{evidence}` refers to `{expectation}`, which is not an expectation of this case"
    )]
    EvidenceRefersElsewhere {
        /// The evidence's id.
        evidence: String,
        /// The expectation id it names.
        expectation: String,
    },
    /// Evidence with a link that is neither http(s) nor mailto.
    #[error("evidence `{0}` has a link that is not http(s) or mailto")]
    EvidenceLink(String),
    /// Specialist input with the id of another item.
    #[error("two items have the id `{0}`")]
    ItemIdTwice(String),
    /// Specialist input about an expectation the case does not hold.
    #[error(
        "the input of `{who}` refers to `{expectation}`, which is not an expectation of this case"
    )]
    InputRefersElsewhere {
        /// Who gave the input.
        who: String,
        /// The expectation id it names.
        expectation: String,
    },
    /// A specialist reviewed an artefact whose link is neither http(s) nor mailto.
    #[error("the input of `{who}` links to `{link}`, which is not an http(s) or mailto link")]
    ReviewedLink {
        /// Who gave the input.
        who: String,
        /// The link.
        link: String,
    },
    /// A rating of an expectation the case does not hold.
    #[error("a rating is given for `{0}`, which is not an expectation of this case")]
    RatingElsewhere(String),
    /// A rating that is not on the case's scale.
    #[error("`{0}` is not on the case's rating scale")]
    OffScale(String),
    /// A pinned promotion rule that names a rating not on the case's scale.
    #[error("the case's promotion rule names `{0}`, which is not on its rating scale")]
    RuleOffScale(String),
    /// A name, a craft or the review period outside the limits.
    #[error(transparent)]
    Limit(#[from] super::limits::LimitError),
    /// More reviews, calibration changes, acknowledgements or reveals than a case holds.
    #[error(
        "the case holds more than {} reviews, calibration changes, acknowledgements or reveals",
        super::MAX_ITEMS
    )]
    TooManyRecords,
}

/// A case as a JSON file.
pub fn to_json(case: &Case) -> String {
    let file = File {
        rung_case: SCHEMA,
        case: case.clone(),
    };
    // A case is strings, lists and maps with string keys: it always serialises.
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

fn shape(e: serde_json::Error) -> ImportError {
    let message = e.to_string();
    // serde_json ends its message with the position, which the error states already.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    ImportError::Shape {
        line: e.line(),
        // serde_json says column 0 before a line's first character (an empty file, an
        // end after a newline); the error's columns are 1-based.
        column: e.column().max(1),
        message,
    }
}

/// Reads a case file, checking its format version and that its parts agree.
pub fn from_json(text: &str) -> Result<Case, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
    if value.get("rung_specialist_request").is_some() {
        return Err(ImportError::SpecialistFile);
    }
    let version = value
        .get("rung_case")
        .and_then(serde_json::Value::as_u64)
        .ok_or(ImportError::NotACase)?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA {
        return Err(ImportError::TooNew(version));
    }
    let file: File = serde_json::from_str(text).map_err(shape)?;
    validate(&file.case)?;
    Ok(file.case)
}

/// The largest case file Rung reads: far above any real case.
pub const MAX_CASE_FILE: u64 = 64 * 1024 * 1024;

/// The extension of every file of case data Rung writes for another Rung to read (a
/// case, a self-assessment, a reviewer's copy, a specialist's request and answer),
/// sealed or not. Reading never trusts it: what a file is, and whether it is sealed, is
/// told by its content, so files named `.json` or `.age` by an older Rung still read.
pub const CASE_EXTENSION: &str = "rungcase";

/// The MIME type of a file named with [`CASE_EXTENSION`], as the installers register it.
pub const CASE_MIME_TYPE: &str = "application/x-rung-case";

/// Why a case file on disk could not be read as a case.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {problem}")]
pub struct CaseFileError {
    /// The file's name, without its folder.
    pub name: String,
    /// What is wrong with it.
    pub problem: CaseFileProblem,
}

/// What is wrong with a case file.
#[derive(Debug, thiserror::Error)]
pub enum CaseFileProblem {
    /// It could not be read at all.
    #[error("cannot be read ({0})")]
    Unreadable(std::io::Error),
    /// It is larger than [`MAX_CASE_FILE`].
    #[error("is too large to be a case file")]
    TooLarge,
    /// It is not UTF-8 text.
    #[error("is not a text file (UTF-8)")]
    NotText,
    /// It is text, but not a case Rung can import.
    #[error("{0}")]
    Invalid(ImportError),
    /// It is sealed (encrypted), and could not be opened.
    #[error("{0}")]
    Sealed(SealError),
}

/// Reads the case file at `path`: no larger than [`MAX_CASE_FILE`], UTF-8, and a case
/// that [`from_json`] accepts. Errors name the file, not the folder it is in. A sealed
/// (encrypted) file is refused; [`read_case_file_with`] opens one.
pub fn read_case_file(path: &Path) -> Result<Case, CaseFileError> {
    read_case_file_with(path, &Unlock::nothing())
}

/// Reads the case file at `path` as [`read_case_file`] does, opening it first with
/// `unlock` when it is sealed for its recipient ([`crate::files::seal`]): the one way
/// the app and the `rung` tool read a case file, a self-assessment or a reviewer's copy.
pub fn read_case_file_with(path: &Path, unlock: &Unlock) -> Result<Case, CaseFileError> {
    let refuse = |problem| CaseFileError {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        problem,
    };
    let limit = seal::sealed_limit(MAX_CASE_FILE);
    let size = std::fs::metadata(path)
        .map_err(|e| refuse(CaseFileProblem::Unreadable(e)))?
        .len();
    if size > limit {
        return Err(refuse(CaseFileProblem::TooLarge));
    }
    // A file that grew since it was measured is still read no further than the limit.
    let bytes = seal::read_limited(path, limit)
        .map_err(|e| refuse(CaseFileProblem::Unreadable(e)))?
        .ok_or_else(|| refuse(CaseFileProblem::TooLarge))?;
    let bytes = seal::plain(bytes, unlock, MAX_CASE_FILE).map_err(|e| match e {
        SealError::TooLarge => refuse(CaseFileProblem::TooLarge),
        e => refuse(CaseFileProblem::Sealed(e)),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| refuse(CaseFileProblem::NotText))?;
    from_json(&text).map_err(|e| refuse(CaseFileProblem::Invalid(e)))
}

/// Every piece of text a case holds.
fn texts(case: &Case) -> impl Iterator<Item = &str> {
    let c = &case.candidate;
    let f = &case.framework;
    [
        &c.name,
        &c.alias,
        &case.track,
        &case.current_level,
        &case.target_level,
    ]
    .into_iter()
    .chain([&f.name, &f.version, &f.hash])
    .chain(&f.commit)
    .chain(
        f.rule
            .iter()
            .flat_map(|r| r.new.iter().chain(&r.carried).map(|t| &t.at_least)),
    )
    .chain(case.decision.iter().flat_map(|d| &d.against_rule))
    .chain(case.names.iter().flat_map(|n| {
        [&n.track, &n.current.title, &n.target.title]
            .into_iter()
            .chain(n.competencies.iter().flat_map(|(id, name)| [id, name]))
    }))
    .chain(f.scale.iter().flat_map(|s| [&s.id, &s.name]))
    .chain(
        case.expectations
            .iter()
            .flat_map(|e| [&e.id, &e.competency, &e.text]),
    )
    .chain(case.evidence.iter().flat_map(|e| {
        [&e.id, &e.what, &e.when, &e.outcome]
            .into_iter()
            .chain(&e.link)
            .chain(&e.expectations)
    }))
    .chain(
        case.ratings
            .iter()
            .chain(&case.self_ratings)
            .flat_map(|(id, r)| [id, &r.rating, &r.reason]),
    )
    .chain(case.specialists.iter().flat_map(|s| {
        [&s.id, &s.who, &s.craft, &s.level, &s.said, &s.conflict]
            .into_iter()
            .chain(&s.expectations)
            .chain(
                s.reviewed
                    .iter()
                    .flat_map(|a| std::iter::once(&a.description).chain(&a.link)),
            )
            .chain(
                s.ratings
                    .iter()
                    .flat_map(|(id, r)| [id, &r.rating, &r.reason]),
            )
    }))
    .chain(&case.craft)
    .chain(&case.owner_craft)
    .chain(&case.owner)
    .chain(case.period.iter().flat_map(|p| [&p.from, &p.to]))
    .chain(case.reviews.iter().flat_map(|r| {
        [&r.reviewer.name, &r.reviewer.craft].into_iter().chain(
            r.ratings
                .iter()
                .flat_map(|(id, r)| [id, &r.rating, &r.reason]),
        )
    }))
    .chain(case.recalibrations.iter().flat_map(|c| {
        [&c.expectation, &c.after, &c.reason, &c.at]
            .into_iter()
            .chain(&c.before)
    }))
    .chain(
        case.acknowledged
            .iter()
            .flat_map(|a| [&a.warning, &a.reason, &a.at]),
    )
    .chain(case.reveals.iter().flat_map(|r| [&r.context, &r.at]))
    .chain(case.review_for.iter().flat_map(|r| [&r.name, &r.craft]))
    .chain(case.differences.iter().flat_map(|(id, why)| [id, why]))
    .chain(&case.recommendation)
    .chain(case.decision.iter().flat_map(|d| {
        [&d.outcome, &d.rationale, &d.dissent, &d.date]
            .into_iter()
            .chain(&d.deciders)
    }))
    .map(String::as_str)
}

/// Checks that the parts of a case agree: required fields filled, IDs unique, every
/// reference to an expectation naming one the case holds.
pub fn validate(case: &Case) -> Result<(), ImportError> {
    let invalid = |why: InvalidCase| Err(ImportError::Invalid(why));
    for (field, value) in [
        ("id", &case.id),
        ("candidate.name", &case.candidate.name),
        ("candidate.alias", &case.candidate.alias),
        ("track", &case.track),
        ("current_level", &case.current_level),
        ("target_level", &case.target_level),
    ] {
        if value.trim().is_empty() {
            return invalid(InvalidCase::Blank(field));
        }
    }
    if case.id.len() > MAX_ID {
        return invalid(InvalidCase::LongId);
    }
    if case.evidence.len() + case.specialists.len() > super::MAX_ITEMS {
        return invalid(InvalidCase::TooManyItems);
    }
    if let Some(long) = texts(case).find(|t| super::too_long(t)) {
        return invalid(InvalidCase::LongText(long.chars().take(40).collect()));
    }
    // A blind copy has the alias as its name: nothing to give away.
    let parts = if case.candidate.name == case.candidate.alias {
        Vec::new()
    } else {
        name_parts(&case.candidate.name)
    };
    if let Some(part) = parts.iter().find(|p| {
        replace_names(&case.candidate.alias, std::slice::from_ref(p), "") != case.candidate.alias
    }) {
        return invalid(InvalidCase::AliasGivesAway(part.clone()));
    }
    let known: HashSet<&str> = case.expectations.iter().map(|e| e.id.as_str()).collect();
    if known.len() != case.expectations.len() {
        return invalid(InvalidCase::ExpectationTwice);
    }
    let mut ids = HashSet::new();
    for ev in &case.evidence {
        if !ids.insert(ev.id.as_str()) {
            return invalid(InvalidCase::EvidenceIdTwice(ev.id.clone()));
        }
        if ev.what.trim().is_empty() {
            return invalid(InvalidCase::EvidenceSaysNothing(ev.id.clone()));
        }
        if let Some(unknown) = ev.expectations.iter().find(|x| !known.contains(x.as_str())) {
            return invalid(InvalidCase::EvidenceRefersElsewhere {
                evidence: ev.id.clone(),
                expectation: unknown.clone(),
            });
        }
        if let Some(link) = &ev.link {
            if !crate::framework::markdown::is_allowed_link(link) {
                return invalid(InvalidCase::EvidenceLink(ev.id.clone()));
            }
        }
    }
    for s in &case.specialists {
        if !ids.insert(s.id.as_str()) {
            return invalid(InvalidCase::ItemIdTwice(s.id.clone()));
        }
        if let Some(unknown) = s
            .expectations
            .iter()
            .chain(s.ratings.keys())
            .find(|x| !known.contains(x.as_str()))
        {
            return invalid(InvalidCase::InputRefersElsewhere {
                who: s.who.clone(),
                expectation: unknown.clone(),
            });
        }
        if let Some(r) = s.ratings.values().find(|r| {
            !case.framework.scale.is_empty()
                && !case.framework.scale.iter().any(|st| st.id == r.rating)
        }) {
            return invalid(InvalidCase::OffScale(r.rating.clone()));
        }
        if let Some(a) = s.reviewed.iter().find(|a| {
            a.link
                .as_ref()
                .is_some_and(|l| !crate::framework::markdown::is_allowed_link(l))
        }) {
            return invalid(InvalidCase::ReviewedLink {
                who: s.who.clone(),
                link: a.link.clone().unwrap_or_default(),
            });
        }
    }
    if let Some(unknown) = case
        .differences
        .keys()
        .find(|x| !known.contains(x.as_str()))
    {
        return invalid(InvalidCase::RatingElsewhere(unknown.clone()));
    }
    let scale = &case.framework.scale;
    if let Some(period) = &case.period {
        super::limits::check_period(period).map_err(InvalidCase::Limit)?;
    }
    for (who, name) in case
        .owner
        .iter()
        .map(|o| ("case owner", o))
        .chain(case.reviews.iter().map(|r| ("reviewer", &r.reviewer.name)))
        .chain(case.review_for.iter().map(|r| ("reviewer", &r.name)))
    {
        super::limits::check_person(who, name).map_err(InvalidCase::Limit)?;
    }
    if case.reviews.len() > super::MAX_ITEMS
        || case.recalibrations.len() > super::MAX_ITEMS
        || case.acknowledged.len() > super::MAX_ITEMS
        || case.reveals.len() > super::MAX_ITEMS
    {
        return invalid(InvalidCase::TooManyRecords);
    }
    if let Some(c) = case
        .recalibrations
        .iter()
        .find(|c| !known.contains(c.expectation.as_str()))
    {
        return invalid(InvalidCase::RatingElsewhere(c.expectation.clone()));
    }
    for ratings in [&case.ratings, &case.self_ratings]
        .into_iter()
        .chain(case.reviews.iter().map(|r| &r.ratings))
    {
        if let Some(unknown) = ratings.keys().find(|x| !known.contains(x.as_str())) {
            return invalid(InvalidCase::RatingElsewhere(unknown.clone()));
        }
        if let Some(r) = ratings
            .values()
            .find(|r| !scale.is_empty() && !scale.iter().any(|s| s.id == r.rating))
        {
            return invalid(InvalidCase::OffScale(r.rating.clone()));
        }
    }
    if let Some(rule) = &case.framework.rule {
        if let Some(t) = rule
            .new
            .iter()
            .chain(&rule.carried)
            .find(|t| !scale.iter().any(|s| s.id == t.at_least))
        {
            return invalid(InvalidCase::RuleOffScale(t.at_least.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cases::{Candidate, Evidence, Rating, Reporter};

    /// Ana Lima's case from e3 to e4, with one piece of evidence and one rating; the
    /// decision record's tests read it too.
    pub(crate) fn case() -> Case {
        let f = crate::load_bundled().framework;
        let mut c = crate::cases::start::start(
            &f,
            crate::cases::start::Start {
                id: "c1",
                candidate: Candidate {
                    name: "Ana Lima".into(),
                    alias: "Candidate 7".into(),
                },
                track: "engineering",
                current: "e3",
                target: "e4",
                hash: "b684f365e823",
                commit: Some("0a1b2c3".into()),
            },
        )
        .expect("start");
        let first = c.expectations[0].id.clone();
        c.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Ana led the billing migration; Lima's plan split it in four".into(),
            when: "2026-09".into(),
            outcome: "No invoice was late, and ANA trained two engineers".into(),
            link: Some("https://example.com/ana-lima/billing".into()),
            reported_by: Reporter::Owner,
            expectations: vec![first.clone()],
        });
        c.ratings.insert(
            first,
            Rating {
                rating: "meets".into(),
                reason: "Ana's migration".into(),
            },
        );
        c.recommendation = Some("Promote Ana now.".into());
        c
    }

    #[test]
    fn gendered_words_a_blind_copy_keeps_are_pointed_out() {
        let mut c = case();
        c.evidence[0].what = "She led the migration; the plan was hers".into();
        c.evidence[0].outcome = "No invoice was late".into();
        c.recommendation = Some("Promote them now; the shelf life of his work is long".into());
        let hints = blind_hints(&c);
        let found: Vec<(&str, &str)> = hints
            .iter()
            .map(|h| (h.place.as_str(), h.word.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("evidence ev-1", "She"),
                ("evidence ev-1", "hers"),
                ("the recommendation", "his"),
            ],
            "whole words only: `shelf`, `them` and `the` are not pronouns"
        );
        // The window finds the place from data, not by reading the sentence back.
        assert_eq!(hints[0].at, super::Place::Evidence { id: "ev-1".into() });
        assert_eq!(hints[2].at, super::Place::Recommendation);
        c.evidence[0].what = "Led the migration".into();
        c.recommendation = None;
        assert_eq!(blind_hints(&c), Vec::new());
    }

    #[test]
    fn an_oversized_case_is_refused_on_import() {
        let mut c = case();
        c.evidence[0].outcome = "x".repeat(crate::cases::MAX_TEXT + 1);
        let refused = from_json(&to_json(&c));
        assert!(
            matches!(&refused, Err(ImportError::Invalid(InvalidCase::LongText(start))) if start == "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            "{refused:?}"
        );
        let mut c = case();
        let ev = c.evidence[0].clone();
        c.evidence = (0..=crate::cases::MAX_ITEMS)
            .map(|n| Evidence {
                id: format!("ev-{n}"),
                ..ev.clone()
            })
            .collect();
        assert_eq!(
            from_json(&to_json(&c)).map_err(|e| e.to_string()),
            Err("the case holds more than 2000 pieces of evidence and specialist input".into())
        );
    }

    #[test]
    fn a_case_survives_export_and_import() {
        let c = case();
        let text = to_json(&c);
        assert!(text.starts_with("{\n  \"rung_case\": 6,"));
        assert_eq!(from_json(&text), Ok(c));
    }

    #[test]
    fn a_file_of_the_fifth_format_reads_without_owner_period_or_reviews() {
        let c = case();
        let old = to_json(&c).replacen("\"rung_case\": 6,", "\"rung_case\": 5,", 1);
        let read = from_json(&old).expect("a version 5 file reads");
        assert_eq!((read.owner, read.period), (None, None));
        assert!(read.reviews.is_empty() && read.recalibrations.is_empty());
        let mut bad = c.clone();
        bad.period = Some(crate::cases::Period {
            from: "2026-07-01".into(),
            to: "2026-01-01".into(),
        });
        assert_eq!(
            from_json(&to_json(&bad)).map_err(|e| e.to_string()),
            Err("the review period ends (2026-01-01) before it begins (2026-07-01)".into())
        );
    }

    #[test]
    fn a_file_of_the_first_format_reads_as_a_case_without_names() {
        let mut c = case();
        c.names = None;
        let old = to_json(&c).replacen("\"rung_case\": 6,", "\"rung_case\": 1,", 1);
        assert!(!old.contains("\"names\""), "{old}");
        assert_eq!(from_json(&old), Ok(c.clone()));
        // Its record falls back to the ids, which say something rather than nothing.
        assert!(to_markdown(&c).contains("From level e3 to level e4, on the engineering track"));
    }

    #[test]
    fn a_file_of_the_second_format_says_source_for_who_reported_the_evidence() {
        let c = case();
        assert!(!c.evidence.is_empty());
        let old = to_json(&c)
            .replacen("\"rung_case\": 6,", "\"rung_case\": 2,", 1)
            .replace("\"reported_by\":", "\"source\":");
        assert!(old.contains("\"source\": \"owner\""), "{old}");
        assert_eq!(from_json(&old), Ok(c));
    }

    #[test]
    fn a_file_of_the_fourth_format_reads_specialists_input_as_what_they_said() {
        let mut c = case();
        c.craft = None;
        for e in &mut c.expectations {
            e.craft_specific = false;
        }
        let first = c.expectations[0].id.clone();
        c.specialists.push(crate::cases::SpecialistInput {
            id: "sp-2".into(),
            who: "Bo Chen".into(),
            craft: "engineering".into(),
            level: String::new(),
            said: "The design held up.".into(),
            expectations: vec![first],
            reviewed: Vec::new(),
            ratings: Default::default(),
            confidence: None,
            conflict: String::new(),
        });
        let mut value = serde_json::to_value(File {
            rung_case: 4,
            case: c.clone(),
        })
        .expect("json");
        let case = &mut value["case"];
        for key in ["craft", "owner_craft", "differences"] {
            case.as_object_mut().map(|o| o.remove(key));
        }
        for key in ["level", "reviewed", "ratings", "confidence", "conflict"] {
            case["specialists"][0]
                .as_object_mut()
                .map(|o| o.remove(key));
        }
        if let Some(xs) = case["expectations"].as_array_mut() {
            for x in xs {
                x.as_object_mut().map(|o| o.remove("craft_specific"));
            }
        }
        let old = value.to_string();
        assert!(
            !old.contains("\"confidence\"") && old.contains("\"said\""),
            "{old}"
        );
        assert_eq!(from_json(&old), Ok(c));
    }

    #[test]
    fn a_specialist_view_is_checked_on_import() {
        let mut c = case();
        let mut s = crate::cases::SpecialistInput {
            id: "sp-2".into(),
            who: "Bo Chen".into(),
            craft: "design".into(),
            level: "d5".into(),
            said: String::new(),
            expectations: vec![c.expectations[0].id.clone()],
            reviewed: vec![crate::cases::Artefact {
                description: String::new(),
                link: Some("file:///etc/passwd".into()),
            }],
            ratings: Default::default(),
            confidence: Some(crate::cases::Confidence::Low),
            conflict: String::new(),
        };
        c.specialists.push(s.clone());
        let refused = |c: &Case| from_json(&to_json(c)).map_err(|e| e.to_string());
        assert_eq!(
            refused(&c),
            Err("the input of `Bo Chen` links to `file:///etc/passwd`, which is not an http(s) or mailto link".into())
        );
        s.reviewed.clear();
        s.ratings.insert(
            "engineering/e9/x".into(),
            Rating {
                rating: "meets".into(),
                reason: String::new(),
            },
        );
        c.specialists.pop();
        c.specialists.push(s);
        assert_eq!(
            refused(&c),
            Err("the input of `Bo Chen` refers to `engineering/e9/x`, which is not an expectation of this case".into())
        );
    }

    #[test]
    fn a_case_file_is_read_within_its_limits_and_named_in_errors() {
        let dir = tempfile::tempdir().expect("dir");
        let good = dir.path().join("ana.json");
        std::fs::write(&good, to_json(&case())).expect("write");
        assert_eq!(read_case_file(&good).ok(), Some(case()));
        let large = dir.path().join("large.json");
        std::fs::File::create(&large)
            .and_then(|f| f.set_len(MAX_CASE_FILE + 1))
            .expect("a sparse file");
        let binary = dir.path().join("binary.json");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).expect("write");
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{ not json").expect("write");
        let message = |path: &Path| read_case_file(path).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(
            message(&large),
            Err("large.json: is too large to be a case file".into())
        );
        assert_eq!(
            message(&binary),
            Err("binary.json: is not a text file (UTF-8)".into())
        );
        assert_eq!(
            message(&broken),
            Err("broken.json: line 1, column 3: key must be a string".into())
        );
        assert!(matches!(
            read_case_file(&dir.path().join("missing.json")),
            Err(CaseFileError { name, problem: CaseFileProblem::Unreadable(_) }) if name == "missing.json"
        ));
    }

    #[test]
    fn a_sealed_case_file_is_opened_with_the_key_and_refused_without() {
        use crate::files::{keys, seal};
        let dir = tempfile::tempdir().expect("dir");
        let key = keys::ensure(&dir.path().join("data")).expect("a key");
        let lock = seal::Lock::to_keys(&[key.public()]).expect("a lock");
        let sealed = seal::seal(to_json(&case()).as_bytes(), &lock).expect("sealed");
        let path = dir.path().join("ana.json.age");
        std::fs::write(&path, &sealed).expect("write");
        let unlock = Unlock::nothing().with_key_in(&dir.path().join("data"));
        assert_eq!(read_case_file_with(&path, &unlock).ok(), Some(case()));
        assert_eq!(
            read_case_file(&path).map(|_| ()).map_err(|e| e.to_string()),
            Err(
                "ana.json.age: this file is encrypted to a public key; it needs your key to open"
                    .into()
            )
        );
        let mut changed = sealed;
        let at = changed.len() - 60;
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        std::fs::write(&path, &changed).expect("write");
        assert_eq!(
            read_case_file_with(&path, &unlock)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(
                "ana.json.age: this file was changed in transit or is damaged, so it was not \
                 opened: ask the sender for it again"
                    .into()
            )
        );
    }

    #[test]
    fn a_bad_file_says_where_and_what() {
        assert!(matches!(
            from_json("{ not json"),
            Err(ImportError::Shape { line: 1, .. })
        ));
        assert_eq!(from_json("{\"case\": {}}"), Err(ImportError::NotACase));
        assert_eq!(
            from_json("{\"rung_specialist_request\": 1, \"candidate\": \"x\"}"),
            Err(ImportError::SpecialistFile)
        );
        assert_eq!(
            from_json("{\"rung_case\": 9, \"case\": {}}"),
            Err(ImportError::TooNew(9))
        );
        let c = case();
        let typo = to_json(&c).replace("\"outcome\"", "\"outcom\"");
        match from_json(&typo) {
            Err(ImportError::Shape { line, message, .. }) => {
                assert!(message.contains("outcom"), "{message}");
                assert!(line > 1);
            }
            other => panic!("{other:?}"),
        }
        let mut wrong = c.clone();
        wrong.evidence[0].expectations = vec!["engineering/e9/nothing".into()];
        assert_eq!(
            from_json(&to_json(&wrong)),
            Err(ImportError::Invalid(InvalidCase::EvidenceRefersElsewhere {
                evidence: "ev-1".into(),
                expectation: "engineering/e9/nothing".into()
            }))
        );
        assert_eq!(
            from_json(&to_json(&wrong)).map_err(|e| e.to_string()),
            Err("evidence `ev-1` refers to `engineering/e9/nothing`, which is not an expectation of this case".into())
        );
        let mut script = c;
        script.evidence[0].link = Some("javascript:alert(1)".into());
        assert!(matches!(
            from_json(&to_json(&script)),
            Err(ImportError::Invalid(InvalidCase::EvidenceLink(_)))
        ));
    }

    #[test]
    fn a_blind_copy_hides_the_name_everywhere_the_case_holds_it() {
        let b = blind(&case());
        let text = to_json(&b);
        for hidden in ["Ana", "Lima", "ANA", "ana-lima"] {
            assert!(!text.contains(hidden), "{hidden} is still in {text}");
        }
        assert_eq!(b.candidate.name, "Candidate 7");
        assert_eq!(
            b.evidence[0].what,
            "Candidate 7 led the billing migration; Candidate 7's plan split it in four"
        );
        assert_eq!(
            b.recommendation.as_deref(),
            Some("Promote Candidate 7 now.")
        );
        assert!(b.id.starts_with("blind-") && !b.id.contains("c1"));
    }

    #[test]
    fn every_way_a_case_disagrees_with_itself_says_where() {
        let said = [
            (
                InvalidCase::Blank("candidate.alias"),
                "the case has no `candidate.alias`",
            ),
            (
                InvalidCase::LongId,
                "the case's id is longer than 128 characters",
            ),
            (
                InvalidCase::LongText("Led".into()),
                "a text of the case is longer than 20000 characters (it begins “Led…”)",
            ),
            (
                InvalidCase::ExpectationTwice,
                "the case lists one expectation twice",
            ),
            (
                InvalidCase::EvidenceIdTwice("ev-1".into()),
                "two pieces of evidence have the id `ev-1`",
            ),
            (
                InvalidCase::EvidenceSaysNothing("ev-1".into()),
                "evidence `ev-1` does not say what happened",
            ),
            (
                InvalidCase::EvidenceLink("ev-1".into()),
                "evidence `ev-1` has a link that is not http(s) or mailto",
            ),
            (
                InvalidCase::ItemIdTwice("sp-1".into()),
                "two items have the id `sp-1`",
            ),
            (
                InvalidCase::InputRefersElsewhere {
                    who: "Bo".into(),
                    expectation: "a/b/c".into(),
                },
                "the input of `Bo` refers to `a/b/c`, which is not an expectation of this case",
            ),
            (
                InvalidCase::RatingElsewhere("a/b/c".into()),
                "a rating is given for `a/b/c`, which is not an expectation of this case",
            ),
        ];
        for (why, words) in said {
            assert_eq!(ImportError::Invalid(why).to_string(), words);
        }
    }

    #[test]
    fn an_alias_that_gives_the_name_away_is_refused() {
        let mut c = case();
        c.candidate.alias = "Ana L.".into();
        assert_eq!(
            validate(&c).map_err(|e| e.to_string()),
            Err("the alias contains `Ana`, part of the candidate's name; \
                 blind review needs an alias that does not"
                .into())
        );
        let mut c = case();
        c.ratings
            .values_mut()
            .for_each(|r| r.rating = "superb".into());
        assert_eq!(
            validate(&c).map_err(|e| e.to_string()),
            Err("`superb` is not on the case's rating scale".into())
        );
    }

    #[test]
    fn a_pinned_rule_survives_export_and_one_off_the_scale_is_refused() {
        let mut c = case();
        c.framework.rule = Some(crate::framework::rule::PromotionRule {
            new: Some(crate::framework::rule::Threshold {
                at_least: "meets".into(),
                except: 0,
            }),
            carried: None,
            evidence: Some(crate::framework::rule::EvidenceRule::Others),
        });
        assert_eq!(from_json(&to_json(&c)), Ok(c.clone()));
        if let Some(t) = c.framework.rule.as_mut().and_then(|r| r.new.as_mut()) {
            t.at_least = "superb".into();
        }
        assert_eq!(
            validate(&c).map_err(|e| e.to_string()),
            Err(
                "the case's promotion rule names `superb`, which is not on its rating scale".into()
            )
        );
    }
}
