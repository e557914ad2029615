//! A case as a screen shows it: the case, and everything worked out from it that a reader
//! needs in view at once (its gaps, its weak evidence, what changed in the framework since
//! it began, and the candidate's ratings beside the owner's).

use serde::Serialize;
use ts_rs::TS;

use super::check::{coverage, drift, lint_evidence, Coverage, Drift, Finding};
use super::self_assessment::{side_by_side, RatingPair};
use super::store::Stored;
use super::Case;
use crate::markdown::inline_to_html;
use crate::model::Framework;

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
    /// What changed in the open framework since the case began, when it is the same
    /// framework in another version; `None` when nothing did, or another framework is open.
    pub drift: Option<Drift>,
    /// The candidate's ratings beside the owner's, per expectation.
    pub ratings: Vec<RatingPair>,
    /// Each pinned expectation's text as safe HTML, in the case's order.
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
}

fn guides(case: &Case, framework: &Framework) -> Vec<CompetencyGuide> {
    let mut out: Vec<CompetencyGuide> = Vec::new();
    for e in &case.expectations {
        if out.iter().any(|g| g.id == e.competency) {
            continue;
        }
        let known = framework.competencies.iter().find(|c| c.id == e.competency);
        let items = |list: &[String]| list.iter().map(|m| inline_to_html(m)).collect();
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

/// The view of a stored case, against the framework open now (its content hash `hash`).
/// A case begun before Rung pinned names borrows them from the framework when it is the
/// same one.
pub fn case_view(stored: Stored, framework: &Framework, hash: &str) -> CaseView {
    let mut case = stored.case;
    super::names::fill(&mut case, framework);
    // Drift only means something against the same framework.
    let drift = (framework.name == case.framework.name)
        .then(|| drift(&case, framework, hash))
        .flatten();
    CaseView {
        texts: case
            .expectations
            .iter()
            .map(|e| ExpectationHtml {
                id: e.id.clone(),
                html: inline_to_html(&e.text),
            })
            .collect(),
        competencies: guides(&case, framework),
        blind_hints: super::exchange::blind_hints(&case),
        coverage: coverage(&case),
        findings: lint_evidence(&case.evidence),
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

    #[test]
    fn a_view_carries_gaps_findings_ratings_and_drift_only_against_its_framework() {
        let f = crate::load_bundled().framework;
        let case = crate::cases::check::sample("c1", "e4");
        let stored = Stored {
            case: case.clone(),
            revision: 3,
        };
        let same = case_view(stored.clone(), &f, "abc");
        assert_eq!(same.revision, 3);
        assert_eq!(same.drift, None);
        assert_eq!(same.coverage.no_evidence.len(), case.expectations.len());
        assert_eq!(same.ratings.len(), case.expectations.len());
        let changed = case_view(stored.clone(), &f, "def");
        assert!(
            changed.drift.is_some_and(|d| d.changes.is_empty()),
            "same text, another hash"
        );
        let mut other = f.clone();
        other.name = "Another framework".into();
        assert_eq!(case_view(stored, &other, "def").drift, None);
        assert_eq!(same.texts.len(), case.expectations.len());
        assert!(same.texts.iter().all(|t| !t.html.contains("<script")));
        let first = &same.competencies[0];
        assert_eq!(first.id, case.expectations[0].competency);
        assert!(
            !first.evidence.is_empty() && !first.questions.is_empty() && first.name != first.id,
            "the bundled framework says how to judge {first:?}"
        );
        let s = summary(&case);
        assert_eq!((s.supported, s.total, s.decided), (0, 74, None));
    }
}
