//! A case as a screen shows it: the case, and everything worked out from it that a reader
//! needs in view at once (its gaps, its weak evidence, what changed in the framework since
//! it began, and the candidate's ratings beside the owner's). Its texts mark the open
//! framework's glossary terms in the sense of the case's track and each competency, as
//! the level page does, since the reader often judges a craft that is not theirs.

use serde::Serialize;
use ts_rs::TS;

use super::check::{coverage, lint_evidence, Coverage, Finding};
use super::drift::{drift, Drift};
use super::self_assessment::{side_by_side, RatingPair};
use super::store::Stored;
use std::collections::HashSet;

use super::Case;
use crate::framework::judging::AidsView;
use crate::framework::markdown::{inline_to_html_with_terms, TermContext, TermMarker};
use crate::framework::model::Framework;

/// One case, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseView {
    /// The case.
    pub case: Case,
    /// How many times it has changed.
    pub revision: u32,
    /// Its gaps.
    pub coverage: Coverage,
    /// Its weak evidence.
    pub findings: Vec<Finding>,
    /// Where it stands against the promotion rule it was begun under; `None` when it has
    /// none.
    pub rule: Option<super::rule::RuleStatus>,
    /// What changed in the open framework since the case began, when it is the same
    /// framework in another version; `None` when nothing did, or another framework is open.
    pub drift: Option<Drift>,
    /// The candidate's ratings beside the owner's, per expectation.
    pub ratings: Vec<RatingPair>,
    /// Each pinned expectation's text as safe HTML with glossary terms marked, in the
    /// case's order.
    pub texts: Vec<ExpectationHtml>,
    /// Gendered words a blind export would keep, and where.
    pub blind_hints: Vec<super::exchange::BlindHint>,
    /// The competencies the expectations belong to, in the order they first appear, with
    /// the open framework's help for judging them when it has the competency.
    pub competencies: Vec<CompetencyGuide>,
}

/// A pinned expectation's text, rendered and sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectationHtml {
    /// The expectation's ID.
    pub id: String,
    /// Its text as HTML.
    pub html: String,
}

/// What a reader who is not of the craft needs to judge one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyGuide {
    /// The competency's id.
    pub id: String,
    /// Its name as the case pinned it, else the open framework's, else its id.
    pub name: String,
    /// What good evidence looks like, as HTML items.
    pub evidence: Vec<String>,
    /// Questions to ask a specialist of the craft, as HTML items.
    pub questions: Vec<String>,
    /// What a reviewer can see at the target level's band (with the level's own aids
    /// where it has them), when the open framework has the level and gives aids.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub aids: Option<AidsView>,
}

/// Where the case's texts are shown: on the page of its track, in the sense of the track's
/// craft when the open framework has the track.
fn page_of<'a>(case: &'a Case, framework: &'a Framework) -> TermContext<'a> {
    TermContext {
        track: &case.track,
        craft: framework
            .track(&case.track)
            .map_or("", |t| t.craft.as_str()),
        competency: None,
    }
}

/// The judging help of each competency of `case`'s expectations, in the order they first
/// appear; a specialist request carries it too.
pub(crate) fn guides(
    case: &Case,
    framework: &Framework,
    terms: &TermMarker,
) -> Vec<CompetencyGuide> {
    let page = page_of(case, framework);
    let target = framework
        .track(&case.track)
        .and_then(|t| t.level(&case.target_level));
    let mut out: Vec<CompetencyGuide> = Vec::new();
    for e in &case.expectations {
        if out.iter().any(|g| g.id == e.competency) {
            continue;
        }
        let known = framework.competencies.iter().find(|c| c.id == e.competency);
        let at = TermContext {
            competency: Some(&e.competency),
            ..page
        };
        // "How to judge this" is one folded section: a term is marked once in it.
        let mut seen = HashSet::new();
        let mut items = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|m| inline_to_html_with_terms(m, terms, &at, &mut seen))
                .collect()
        };
        let pinned = case
            .names
            .as_ref()
            .and_then(|n| n.competencies.get(&e.competency));
        out.push(CompetencyGuide {
            id: e.competency.clone(),
            name: pinned
                .cloned()
                .unwrap_or_else(|| known.map_or_else(|| e.competency.clone(), |c| c.name.clone())),
            evidence: known.map_or_else(Vec::new, |c| items(&c.evidence)),
            questions: known.map_or_else(Vec::new, |c| items(&c.questions)),
            aids: known
                .zip(target)
                .and_then(|(c, level)| c.aids_at(&case.track, level))
                .map(|a| AidsView::render(&a, terms, &at, &mut seen)),
        });
    }
    out
}

/// One line of a list of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseSummary {
    /// The case's id.
    pub id: String,
    /// The candidate's name.
    pub name: String,
    /// Their alias, for blind review.
    pub alias: String,
    /// The track, current and target level.
    pub track: String,
    /// The level held now.
    pub current_level: String,
    /// The level argued for.
    pub target_level: String,
    /// What the track and levels are called, for a case that pinned their names.
    pub names: Option<super::names::Names>,
    /// Expectations supported by someone other than the candidate.
    pub supported: u32,
    /// Expectations with any evidence, the candidate's own included.
    pub with_evidence: u32,
    /// All expectations.
    pub total: u32,
    /// The decision's outcome, once decided.
    pub decided: Option<String>,
    /// Whether it is a self-assessment rather than a promotion case.
    pub self_assessment: bool,
}

/// The view of a stored case, against the framework open now (its content hash `hash`,
/// its glossary `terms`). A case begun before Rung pinned names borrows them from the
/// framework when it is the same one.
pub fn case_view(
    stored: Stored,
    framework: &Framework,
    terms: &TermMarker,
    hash: &str,
) -> CaseView {
    let mut case = stored.case;
    super::names::fill(&mut case, framework);
    // Drift only means something against the same framework.
    let drift = (framework.name == case.framework.name)
        .then(|| drift(&case, framework, hash))
        .flatten();
    let page = page_of(&case, framework);
    let texts = case
        .expectations
        .iter()
        .map(|e| {
            let at = TermContext {
                competency: Some(&e.competency),
                ..page
            };
            ExpectationHtml {
                id: e.id.clone(),
                html: inline_to_html_with_terms(&e.text, terms, &at, &mut HashSet::new()),
            }
        })
        .collect();
    CaseView {
        texts,
        competencies: guides(&case, framework, terms),
        blind_hints: super::exchange::blind_hints(&case),
        coverage: coverage(&case),
        findings: lint_evidence(&case.evidence),
        rule: super::rule::status(&case),
        ratings: side_by_side(&case),
        drift,
        revision: stored.revision,
        case,
    }
}

/// The list line of a case.
pub fn summary(case: &Case) -> CaseSummary {
    let c = coverage(case);
    CaseSummary {
        id: case.id.clone(),
        name: case.candidate.name.clone(),
        alias: case.candidate.alias.clone(),
        track: case.track.clone(),
        current_level: case.current_level.clone(),
        target_level: case.target_level.clone(),
        names: case.names.clone(),
        supported: c.supported,
        with_evidence: c.with_evidence,
        total: c.total,
        decided: case.decision.as_ref().map(|d| d.outcome.clone()),
        self_assessment: case.self_assessment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::start::{start, Start};
    use crate::cases::Candidate;

    #[test]
    fn a_view_carries_gaps_findings_ratings_and_drift_only_against_its_framework() {
        let f = crate::load_bundled().framework;
        let terms = TermMarker::of_framework(&f);
        let case = crate::cases::start::sample("c1", "e4");
        let stored = Stored {
            case: case.clone(),
            revision: 3,
        };
        let same = case_view(stored.clone(), &f, &terms, "abc");
        assert_eq!(same.revision, 3);
        assert_eq!(same.drift, None);
        assert_eq!(same.coverage.no_evidence.len(), case.expectations.len());
        assert_eq!(same.ratings.len(), case.expectations.len());
        let changed = case_view(stored.clone(), &f, &terms, "def");
        assert!(
            changed.drift.is_some_and(|d| d.changes.is_empty()),
            "same text, another hash"
        );
        let mut other = f.clone();
        other.name = "Another framework".into();
        assert_eq!(case_view(stored, &other, &terms, "def").drift, None);
        assert_eq!(same.texts.len(), case.expectations.len());
        assert!(same.texts.iter().all(|t| !t.html.contains("<script")));
        let first = &same.competencies[0];
        assert_eq!(first.id, case.expectations[0].competency);
        assert!(
            !first.evidence.is_empty() && !first.questions.is_empty() && first.name != first.id,
            "the bundled framework says how to judge {first:?}"
        );
        let s = summary(&case);
        assert_eq!((s.supported, s.total, s.decided), (0, 69, None));
    }

    /// A case on `track`, from `current` to `target` of the bundled framework, as the
    /// editor shows it.
    fn view_of(track: &str, current: &str, target: &str) -> CaseView {
        let f = crate::load_bundled().framework;
        let case = start(
            &f,
            Start {
                id: "c1",
                candidate: Candidate {
                    name: "Ana Lima".into(),
                    alias: "Candidate 7".into(),
                },
                track,
                current,
                target,
                hash: "abc",
                commit: None,
            },
        )
        .expect("the case starts");
        let stored = Stored { case, revision: 1 };
        case_view(stored, &f, &TermMarker::of_framework(&f), "abc")
    }

    fn html_of<'a>(view: &'a CaseView, text: &str) -> &'a str {
        let at = view
            .case
            .expectations
            .iter()
            .position(|e| e.text.starts_with(text))
            .expect("the expectation is in the case");
        &view.texts[at].html
    }

    #[test]
    fn each_guide_carries_the_judging_aids_of_the_target_level() {
        let view = view_of("product-designer", "d2", "d3");
        let guide = |id: &str| view.competencies.iter().find(|g| g.id == id);
        let craft = guide("design-craft").and_then(|g| g.aids.as_ref());
        let craft = craft.expect("design craft has aids at d3");
        assert_eq!(craft.band, 4, "d3 sits on band 4");
        assert!(!craft.meets.is_empty() && !craft.not_yet.is_empty());
        assert_eq!(guide("delivery").map(|g| g.aids.is_none()), Some(true));
    }

    #[test]
    fn a_designer_case_explains_its_terms_in_the_design_sense() {
        let view = view_of("product-designer", "d2", "d3");
        let contributes = html_of(&view, "Contributes design system components");
        assert!(
            contributes.contains(
                "<span class=\"term\" data-term=\"design-system-component\">design system components</span>"
            ),
            "{contributes}"
        );
        // Inherited from d2: a component of a design system, not a part of a program.
        let proposes = html_of(&view, "Proposes new components");
        assert!(
            proposes
                .contains("<span class=\"term\" data-term=\"component-design\">components</span>"),
            "{proposes}"
        );
        assert!(
            view.texts
                .iter()
                .all(|t| !t.html.contains("data-term=\"component-engineering\"")
                    && !t.html.contains("data-term=\"interface\"")),
            "no engineering sense on a designer case"
        );
    }

    #[test]
    fn each_expectation_and_each_guide_of_a_case_marks_its_own_terms() {
        let view = view_of("product-designer", "d2", "d3");
        let mark = "data-term=\"design-system-component\"";
        let marked = view.texts.iter().filter(|t| t.html.contains(mark)).count();
        assert!(marked >= 2, "{marked} expectations mark it");
        let craft = view
            .competencies
            .iter()
            .find(|g| g.id == "design-craft")
            .expect("design craft is judged");
        let guide = craft.evidence.concat() + &craft.questions.concat();
        assert!(guide.contains("class=\"term\""), "{guide}");
        // "How to judge this" is one section: each term once in it.
        let mut ids: Vec<&str> = guide
            .split("data-term=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "{guide}");
    }

    #[test]
    fn an_engineering_case_explains_a_component_in_the_engineering_sense() {
        let view = view_of("engineering", "e1", "e2");
        let designs = html_of(&view, "Designs a small component");
        assert!(
            designs.contains(
                "<span class=\"term\" data-term=\"component-engineering\">component</span>"
            ),
            "{designs}"
        );
    }
}
