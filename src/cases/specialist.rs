//! Asking a specialist for their view, and taking their answer back: the case owner
//! exports a request for some expectations (a JSON file holding them, the evidence
//! attached to them and the framework's help for judging their competencies, blind by
//! default), the specialist fills in its `view` (with a future Rung, or by editing the
//! JSON), and the owner imports the answer into the case as a specialist's view, checked
//! like any other.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::edit::{self, Edit, EditError};
use super::view::CompetencyGuide;
use super::{Artefact, Case, Confidence, Evidence, PinnedExpectation, Rating, ScaleStep};
use crate::files::seal::{self, SealError, Unlock};
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
    /// The file is sealed (encrypted) and could not be opened: its name, and why.
    #[error("{0}: {1}")]
    Sealed(String, String),
    /// The view itself is refused, as the specialist form would refuse it.
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// What the specialist fills in: their view, without the expectations it covers (the
/// request's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
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
        "specialist-request-{}.{}",
        super::export::slug(&request.candidate),
        super::exchange::CASE_EXTENSION
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
    version_of(text)?;
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

/// The parts of a request the specialist's screen shows; the rest of the file (the
/// judging aids of a level) is kept as it came, in `text`.
#[derive(Debug, Deserialize)]
struct RawRequest {
    candidate: String,
    #[serde(default)]
    blind: bool,
    #[serde(default)]
    track: String,
    #[serde(default)]
    target_level: String,
    #[serde(default)]
    scale: Vec<ScaleStep>,
    expectations: Vec<PinnedExpectation>,
    #[serde(default)]
    evidence: Vec<Evidence>,
    #[serde(default)]
    guides: Vec<RawGuide>,
    #[serde(default)]
    view: View,
}

#[derive(Debug, Deserialize)]
struct RawGuide {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    questions: Vec<String>,
}

/// The framework's help for judging one competency, as a request carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequestGuide {
    /// The competency's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What good evidence looks like, as HTML items (cleaned: the file came from
    /// elsewhere).
    pub evidence: Vec<String>,
    /// Questions to ask of the craft, as HTML items (cleaned).
    pub questions: Vec<String>,
}

/// A request a specialist opened, as their screen shows it: what was asked, blind as it
/// came, and the file itself, which their answer fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenedRequest {
    /// The request file as it came.
    pub text: String,
    /// The candidate, by their alias in a blind request.
    pub candidate: String,
    /// Whether names and links were taken out.
    pub blind: bool,
    /// The track.
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
    pub guides: Vec<RequestGuide>,
    /// The view as the file holds it (empty in a fresh request).
    pub view: View,
}

/// A specialist's answer ready to send back: the request with their view filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FilledAnswer {
    /// The answer file's text.
    pub text: String,
    /// The name it is saved under: `specialist-view-` and who it is about.
    pub file_name: String,
}

/// What a guide's HTML from a file may hold: what Rung renders in guides (text, links,
/// the `span.term` marks of glossary terms), nothing that runs.
static GUIDE_HTML: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(std::collections::HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener noreferrer"))
            .rm_tags(["img"])
            .add_tag_attributes("span", ["data-term"])
            .add_allowed_classes("span", ["term"]);
        builder
    });

fn version_of(text: &str) -> Result<serde_json::Value, SpecialistError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
    let version = value
        .get("rung_specialist_request")
        .and_then(serde_json::Value::as_u64)
        .ok_or(SpecialistError::NotARequest)?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > REQUEST_FORMAT {
        return Err(SpecialistError::TooNew(version));
    }
    Ok(value)
}

/// Reads a request file's text as the specialist's screen shows it; refused when it is
/// not a request this Rung reads.
pub fn read_request(text: &str) -> Result<OpenedRequest, SpecialistError> {
    version_of(text)?;
    let raw: RawRequest = serde_json::from_str(text).map_err(shape)?;
    let clean = |items: Vec<String>| {
        items
            .iter()
            .map(|h| GUIDE_HTML.clean(h).to_string())
            .collect()
    };
    Ok(OpenedRequest {
        text: text.to_owned(),
        candidate: raw.candidate,
        blind: raw.blind,
        track: raw.track,
        target_level: raw.target_level,
        scale: raw.scale,
        expectations: raw.expectations,
        evidence: raw.evidence,
        guides: raw
            .guides
            .into_iter()
            .map(|g| RequestGuide {
                id: g.id,
                name: g.name,
                evidence: clean(g.evidence),
                questions: clean(g.questions),
            })
            .collect(),
        view: raw.view,
    })
}

/// Reads the request file at `path` (no larger than [`MAX_ANSWER_FILE`], UTF-8) for the
/// specialist's screen.
pub fn open_request(path: &Path) -> Result<OpenedRequest, SpecialistError> {
    open_request_with(path, &Unlock::nothing())
}

/// Reads the request file at `path` as [`open_request`] does, opened first with `unlock`
/// when it is sealed for the specialist.
pub fn open_request_with(path: &Path, unlock: &Unlock) -> Result<OpenedRequest, SpecialistError> {
    read_request(&read_answer_file_with(path, unlock)?)
}

/// The case a request stands for, as far as it tells: enough to check an answer to it as
/// the import will.
fn asked_case(value: &serde_json::Value, request: &OpenedRequest) -> Result<Case, SpecialistError> {
    serde_json::from_value(serde_json::json!({
        "id": value.get("case").and_then(serde_json::Value::as_str).unwrap_or_default(),
        "candidate": { "name": request.candidate, "alias": request.candidate },
        "track": request.track,
        "current_level": "",
        "target_level": request.target_level,
        "framework": { "name": "", "version": "", "hash": "", "scale": request.scale },
        "expectations": request.expectations,
    }))
    .map_err(shape)
}

/// Fills `view` into the request `text`, checked as importing the answer will check it,
/// and names the file to send back.
pub fn fill(text: &str, view: View) -> Result<FilledAnswer, SpecialistError> {
    if text.len() as u64 > MAX_ANSWER_FILE {
        return Err(SpecialistError::TooLarge("the request".into()));
    }
    let request = read_request(text)?;
    let mut value = version_of(text)?;
    let mut case = asked_case(&value, &request)?;
    if let Some(object) = value.as_object_mut() {
        let view = serde_json::to_value(&view).map_err(|e| SpecialistError::Shape {
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        object.insert("view".into(), view);
    }
    let filled = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    let edit = answer(&case, &filled)?;
    edit::apply(&mut case, edit)?;
    Ok(FilledAnswer {
        text: filled,
        file_name: format!(
            "specialist-view-{}.{}",
            super::export::slug(&request.candidate),
            super::exchange::CASE_EXTENSION
        ),
    })
}

/// Reads an answer file at `path`, no larger than [`MAX_ANSWER_FILE`]; errors name the
/// file, not its folder. A sealed (encrypted) file is refused; [`read_answer_file_with`]
/// opens one.
pub fn read_answer_file(path: &Path) -> Result<String, SpecialistError> {
    read_answer_file_with(path, &Unlock::nothing())
}

/// Reads an answer (or request) file at `path` as [`read_answer_file`] does, opening it
/// first with `unlock` when it is sealed for its recipient ([`crate::files::seal`]).
pub fn read_answer_file_with(path: &Path, unlock: &Unlock) -> Result<String, SpecialistError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let unreadable = |e: std::io::Error| SpecialistError::Unreadable(name.clone(), e.to_string());
    let bytes = seal::read_limited(path, seal::sealed_limit(MAX_ANSWER_FILE))
        .map_err(unreadable)?
        .ok_or_else(|| SpecialistError::TooLarge(name.clone()))?;
    let bytes = seal::plain(bytes, unlock, MAX_ANSWER_FILE).map_err(|e| match e {
        SealError::TooLarge => SpecialistError::TooLarge(name.clone()),
        e => SpecialistError::Sealed(name.clone(), e.to_string()),
    })?;
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
        assert_eq!(file_name(&r), "specialist-request-candidate-7.rungcase");
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

    #[test]
    fn a_request_is_read_back_for_the_specialists_screen() {
        let c = case();
        let first = c.expectations[0].id.clone();
        let r = request(&c, &framework(), std::slice::from_ref(&first), true).expect("request");
        let text = to_json(&r);
        let opened = read_request(&text).expect("opened");
        assert_eq!(opened.text, text);
        assert_eq!(opened.candidate, "Candidate 7");
        assert!(opened.blind);
        assert_eq!(opened.expectations, r.expectations);
        assert_eq!(opened.evidence, r.evidence);
        assert_eq!(opened.scale, r.scale);
        assert_eq!(opened.guides.len(), 1);
        assert_eq!(opened.guides[0].questions, r.guides[0].questions);
        assert_eq!(opened.view, r.view);
        let mut hostile: serde_json::Value = serde_json::from_str(&text).expect("json");
        hostile["guides"][0]["questions"][0] = "<script>x()</script><em>Why?</em>".into();
        let opened = read_request(&hostile.to_string()).expect("opened");
        assert_eq!(opened.guides[0].questions[0], "<em>Why?</em>");
        assert_eq!(
            read_request("{\"case\": \"c1\"}").map(|_| ()),
            Err(SpecialistError::NotARequest)
        );
        assert_eq!(
            read_request("{\n  \"rung_specialist_request\": 1,\n  \"candidate\": 3\n}")
                .map_err(|e| e.to_string()),
            Err("line 3, column 16: invalid type: integer `3`, expected a string".into())
        );
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; MAX_ANSWER_FILE as usize + 1]).expect("write");
        assert_eq!(
            open_request(&path).map(|_| ()),
            Err(SpecialistError::TooLarge("big.json".into()))
        );
        std::fs::write(&path, &text).expect("write");
        assert_eq!(
            open_request(&path).map(|o| o.candidate),
            Ok("Candidate 7".into())
        );
        // Sealed with a passphrase: opened with it, refused without it, in words.
        let lock = seal::Lock::passphrase("our committee").expect("a lock");
        let sealed = seal::seal(text.as_bytes(), &lock).expect("sealed");
        std::fs::write(&path, sealed).expect("write");
        let unlock = Unlock::nothing().with_passphrase("our committee");
        assert_eq!(
            open_request_with(&path, &unlock).map(|o| o.candidate),
            Ok("Candidate 7".into())
        );
        assert_eq!(
            open_request(&path).map(|_| ()).map_err(|e| e.to_string()),
            Err(
                "big.json: this file is encrypted with a passphrase; give the passphrase \
                 to open it"
                    .into()
            )
        );
    }

    #[test]
    fn an_answer_filled_in_on_the_screen_is_taken_into_the_case() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        let r = request(&c, &framework(), std::slice::from_ref(&first), true).expect("request");
        let text = to_json(&r);
        assert_eq!(
            fill(&text, View::default()).map_err(|e| e.to_string()),
            Err("say who the specialist is and what they said".into())
        );
        let huge = " ".repeat(MAX_ANSWER_FILE as usize + 1);
        assert_eq!(
            fill(&huge, View::default()).map_err(|e| e.to_string()),
            Err("the request: is too large to be a specialist's answer".into())
        );
        let mut view = View {
            who: "Bo Chen".into(),
            craft: "engineering".into(),
            confidence: Some(Confidence::High),
            reviewed: vec![Artefact {
                description: "The payments service".into(),
                link: None,
            }],
            ..View::default()
        };
        view.ratings.insert(
            first.clone(),
            Rating {
                rating: "superb".into(),
                reason: String::new(),
            },
        );
        assert_eq!(
            fill(&text, view.clone()).map_err(|e| e.to_string()),
            Err("`superb` is not on the rating scale (not-yet, emerging, meets, beyond)".into())
        );
        view.ratings.insert(
            first.clone(),
            Rating {
                rating: "beyond".into(),
                reason: "Led the migration.".into(),
            },
        );
        let filled = fill(&text, view).expect("filled");
        assert_eq!(filled.file_name, "specialist-view-candidate-7.rungcase");
        import(&mut c, &filled.text).expect("imported");
        let s = c.specialists.last().expect("a view");
        assert_eq!(s.who, "Bo Chen");
        assert_eq!(s.confidence, Some(Confidence::High));
        assert_eq!(s.ratings[&first].rating, "beyond");
        assert_eq!(s.reviewed[0].description, "The payments service");
    }
}
