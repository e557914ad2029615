//! Asking a specialist for their view, and taking their answer back: the case owner
//! exports a request for some expectations (a JSON file holding them, the evidence
//! attached to them and the framework's help for judging their competencies, blind by
//! default), the specialist fills in its `view` (with a future Rung, or by editing the
//! JSON), and the owner imports the answer into the case as a specialist's view, checked
//! like any other.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::edit::{self, Edit, EditError};
use super::view::CompetencyGuide;
use super::{Artefact, Case, Confidence, Evidence, PinnedExpectation, Rating, ScaleStep};
use crate::framework::markdown::TermMarker;
use crate::framework::model::Framework;

/// The version of the request format this Rung writes and reads.
pub const REQUEST_FORMAT: u32 = 1;

/// The largest answer file Rung reads.
pub const MAX_ANSWER_FILE: u64 = super::exchange::MAX_CASE_FILE;

/// Why a request could not be made, or an answer not taken into a case; the case is
/// unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecialistError {
    /// A request about no expectation.
    #[error("choose at least one expectation to ask the specialist about")]
    NothingAsked,
    /// An expectation the case does not hold.
    #[error("`{0}` is not an expectation of this case")]
    UnknownExpectation(String),
    /// Not JSON, or not in the shape of an answer.
    #[error("line {line}, column {column}: {message}")]
    Shape {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// JSON, but not a specialist's answer.
    #[error("this is not a Rung specialist request (it has no `rung_specialist_request` version)")]
    NotARequest,
    /// A newer format than this Rung reads.
    #[error("this specialist request has format {0}, newer than this Rung reads ({REQUEST_FORMAT}); update Rung")]
    TooNew(u32),
    /// The answer is about another case.
    #[error("this answer is about case `{0}`, not this one")]
    OtherCase(String),
    /// The file could not be read.
    #[error("{0}: cannot be read ({1})")]
    Unreadable(String, String),
    /// The file is larger than [`MAX_ANSWER_FILE`].
    #[error("{0}: is too large to be a specialist's answer")]
    TooLarge(String),
    /// The view itself is refused, as the specialist form would refuse it.
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// What the specialist fills in: their view, without the expectations it covers (the
/// request's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Who they are.
    #[serde(default)]
    pub who: String,
    /// Their craft.
    #[serde(default)]
    pub craft: String,
    /// Their level in it.
    #[serde(default)]
    pub level: String,
    /// What they say overall.
    #[serde(default)]
    pub said: String,
    /// The work they looked at.
    #[serde(default)]
    pub reviewed: Vec<Artefact>,
    /// Their rating of each expectation, by ID; one left with an empty `rating` is not
    /// rated.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// How sure they are: `low`, `medium` or `high`.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Any conflict of interest.
    #[serde(default)]
    pub conflict: String,
}

/// A request for a specialist's view, as the file a specialist receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// Marks the file as a Rung specialist request and says which format it follows.
    pub rung_specialist_request: u32,
    /// The case's id; in a blind request, an opaque one.
    pub case: String,
    /// The candidate, by their alias in a blind request.
    pub candidate: String,
    /// Whether names and links were taken out.
    pub blind: bool,
    /// The track and the level argued for, as the case pinned them.
    pub track: String,
    /// The level argued for.
    pub target_level: String,
    /// The rating scale, lowest first.
    pub scale: Vec<ScaleStep>,
    /// The expectations asked about.
    pub expectations: Vec<PinnedExpectation>,
    /// The evidence attached to them.
    pub evidence: Vec<Evidence>,
    /// The framework's help for judging their competencies.
    pub guides: Vec<CompetencyGuide>,
    /// What the specialist fills in.
    pub view: View,
}

/// The parts of an answer Rung reads back; the rest of the file is what was asked.
#[derive(Debug, Deserialize)]
struct Answer {
    case: String,
    expectations: Vec<PinnedExpectation>,
    #[serde(default)]
    view: View,
}

/// A request for a specialist's view of `expectations` of `case`, with the judging help
/// of `framework`; blind, the candidate's name becomes the alias everywhere, links are
/// dropped and the case's id is an opaque one.
pub fn request(
    case: &Case,
    framework: &Framework,
    expectations: &[String],
    blind: bool,
) -> Result<Request, SpecialistError> {
    if expectations.is_empty() {
        return Err(SpecialistError::NothingAsked);
    }
    if let Some(unknown) = expectations
        .iter()
        .find(|id| !case.expectations.iter().any(|e| e.id == **id))
    {
        return Err(SpecialistError::UnknownExpectation(unknown.clone()));
    }
    let shown = if blind {
        super::blind::blind(case)
    } else {
        case.clone()
    };
    let mut asked = shown.clone();
    asked.expectations.retain(|e| expectations.contains(&e.id));
    let guides = super::view::guides(&asked, framework, &TermMarker::of_framework(framework));
    let evidence = shown
        .evidence
        .iter()
        .filter(|ev| ev.expectations.iter().any(|x| expectations.contains(x)))
        .cloned()
        .collect();
    let ratings = asked
        .expectations
        .iter()
        .map(|e| (e.id.clone(), Rating::default()))
        .collect();
    Ok(Request {
        rung_specialist_request: REQUEST_FORMAT,
        case: shown.id.clone(),
        candidate: shown.candidate.name.clone(),
        blind,
        track: super::names::track(&shown).to_owned(),
        target_level: super::names::target(&shown),
        scale: shown.framework.scale.clone(),
        expectations: asked.expectations,
        evidence,
        guides,
        view: View {
            ratings,
            ..View::default()
        },
    })
}

/// A request as its JSON file.
pub fn to_json(request: &Request) -> String {
    // Strings, lists and maps with string keys: it always serialises.
    serde_json::to_string_pretty(request).unwrap_or_default() + "\n"
}

/// The file name a request is saved under: `specialist-request-` and who it is about.
pub fn file_name(request: &Request) -> String {
    format!(
        "specialist-request-{}.json",
        super::export::slug(&request.candidate)
    )
}

fn shape(e: serde_json::Error) -> SpecialistError {
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    SpecialistError::Shape {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Takes a specialist's answer (a request file with its `view` filled in) into `case`
/// as a specialist's view of the expectations asked about. Ratings left empty are not
/// taken; the rest is checked as the specialist form's edit is.
pub fn import(case: &mut Case, text: &str) -> Result<(), SpecialistError> {
    let edit = answer(case, text)?;
    edit::apply(case, edit)?;
    Ok(())
}

/// The edit that records a specialist's answer to a request about `case`: what the
/// store applies (and checks) when an answer is imported. Refused when the file is not
/// an answer, or one about another case.
pub fn answer(case: &Case, text: &str) -> Result<Edit, SpecialistError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
    let version = value
        .get("rung_specialist_request")
        .and_then(serde_json::Value::as_u64)
        .ok_or(SpecialistError::NotARequest)?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > REQUEST_FORMAT {
        return Err(SpecialistError::TooNew(version));
    }
    let answer: Answer = serde_json::from_str(text).map_err(shape)?;
    if answer.case != case.id && answer.case != super::blind::blind(case).id {
        return Err(SpecialistError::OtherCase(answer.case));
    }
    let View {
        who,
        craft,
        level,
        said,
        reviewed,
        ratings,
        confidence,
        conflict,
    } = answer.view;
    let ratings = ratings
        .into_iter()
        .filter(|(_, r)| !r.rating.trim().is_empty())
        .collect();
    Ok(Edit::AddSpecialist {
        who,
        craft,
        level,
        said,
        expectations: answer.expectations.into_iter().map(|e| e.id).collect(),
        reviewed,
        ratings,
        confidence,
        conflict,
    })
}

/// Reads an answer file at `path`, no larger than [`MAX_ANSWER_FILE`]; errors name the
/// file, not its folder.
pub fn read_answer_file(path: &Path) -> Result<String, SpecialistError> {
    use std::io::Read as _;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let unreadable = |e: std::io::Error| SpecialistError::Unreadable(name.clone(), e.to_string());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_ANSWER_FILE + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_ANSWER_FILE {
        return Err(SpecialistError::TooLarge(name));
    }
    String::from_utf8(bytes).map_err(|_| {
        SpecialistError::Unreadable(name.clone(), "it is not a text file (UTF-8)".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::exchange::tests::case;

    fn framework() -> Framework {
        crate::load_bundled().framework
    }

    #[test]
    fn a_request_is_blind_by_default_and_holds_what_was_asked() {
        let c = case();
        let first = c.expectations[0].id.clone();
        let r = request(&c, &framework(), std::slice::from_ref(&first), true).expect("request");
        assert_eq!(r.candidate, "Candidate 7");
        assert!(r.case.starts_with("blind-"));
        assert_eq!(r.expectations.len(), 1);
        assert_eq!(r.evidence.len(), 1);
        assert_eq!(r.evidence[0].link, None, "links are dropped");
        assert_eq!(r.guides.len(), 1);
        assert_eq!(r.guides[0].id, c.expectations[0].competency);
        assert!(!r.guides[0].questions.is_empty());
        assert_eq!(r.view.ratings.keys().collect::<Vec<_>>(), [&first]);
        let text = to_json(&r);
        assert!(!text.contains("Ana") && !text.contains("Lima"), "{text}");
        assert!(text.starts_with("{\n  \"rung_specialist_request\": 1,"));
        assert_eq!(file_name(&r), "specialist-request-candidate-7.json");
        let open = request(&c, &framework(), std::slice::from_ref(&first), false).expect("open");
        assert_eq!(open.candidate, "Ana Lima");
        assert!(open.evidence[0].link.is_some());
        assert_eq!(
            request(&c, &framework(), &[], true).map(|_| ()),
            Err(SpecialistError::NothingAsked)
        );
        assert_eq!(
            request(&c, &framework(), &["a/b/c".into()], true).map(|_| ()),
            Err(SpecialistError::UnknownExpectation("a/b/c".into()))
        );
    }

    #[test]
    fn an_answer_comes_back_as_a_specialists_view() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        let r = request(&c, &framework(), std::slice::from_ref(&first), true).expect("request");
        let mut answer: serde_json::Value = serde_json::from_str(&to_json(&r)).expect("json");
        let before = c.clone();
        let refused = |c: &mut Case, text: &str| import(c, text).map_err(|e| e.to_string());
        assert_eq!(
            refused(&mut c, &answer.to_string()),
            Err("say who the specialist is and what they said".into()),
            "an answer not filled in"
        );
        answer["view"]["who"] = "Bo Chen".into();
        answer["view"]["craft"] = "engineering".into();
        answer["view"]["confidence"] = "medium".into();
        answer["view"]["ratings"][&first]["rating"] = "superb".into();
        assert_eq!(
            refused(&mut c, &answer.to_string()),
            Err("`superb` is not on the rating scale (not-yet, emerging, meets, beyond)".into())
        );
        answer["view"]["ratings"][&first]["rating"] = "emerging".into();
        answer["view"]["ratings"][&first]["reason"] = "One project only.".into();
        answer["view"]["confidnce"] = "high".into();
        assert!(refused(&mut c, &answer.to_string())
            .is_err_and(|e| e.contains("unknown field `confidnce`")));
        if let Some(view) = answer["view"].as_object_mut() {
            view.remove("confidnce");
        }
        let mut other = answer.clone();
        other["case"] = "blind-0000000000".into();
        assert_eq!(
            refused(&mut c, &other.to_string()),
            Err("this answer is about case `blind-0000000000`, not this one".into())
        );
        assert_eq!(
            refused(&mut c, "{\"case\": \"c1\"}"),
            Err(SpecialistError::NotARequest.to_string())
        );
        assert_eq!(
            refused(&mut c, "{\"rung_specialist_request\": 7}"),
            Err(
                "this specialist request has format 7, newer than this Rung reads (1); update Rung"
                    .into()
            )
        );
        assert_eq!(c, before, "a refused answer changes nothing");
        import(&mut c, &answer.to_string()).expect("imported");
        let s = c.specialists.last().expect("a view");
        assert_eq!(s.who, "Bo Chen");
        assert_eq!(s.expectations, std::slice::from_ref(&first));
        assert_eq!(s.ratings[&first].rating, "emerging");
        assert_eq!(s.confidence, Some(Confidence::Medium));
        assert_eq!(
            crate::cases::check::coverage(&c).unexplained.len(),
            1,
            "the owner rated it meets"
        );
    }
}
