//! Judging aids as a page shows them: the aids of one band (or one level) with each list
//! rendered to safe inline HTML and glossary terms marked, for the level page, the
//! comparison of two levels and the case editor alike.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::framework::markdown::{inline_to_html_with_terms, TermContext, TermMarker};
use crate::framework::model::JudgingAids;

/// What a reviewer can see at one level: signals that the work is not yet there, meets
/// it or goes beyond it, and anchor examples, each as safe inline HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct AidsView {
    /// The band the aids are for.
    pub band: u32,
    /// The level whose own aids replace some of the band's, when it has any.
    pub level: Option<String>,
    /// Signals that the work is not yet at the level.
    pub not_yet: Vec<String>,
    /// Signals that it meets the level.
    pub meets: Vec<String>,
    /// Signals that it goes beyond the level.
    pub beyond: Vec<String>,
    /// Anchor examples of work at the level.
    pub anchors: Vec<String>,
}

impl AidsView {
    /// Renders `aids`, marking each glossary term once across them and whatever else
    /// already marked terms in `seen` (the rest of a "How to judge this").
    pub fn render(
        aids: &JudgingAids,
        terms: &TermMarker,
        at: &TermContext<'_>,
        seen: &mut HashSet<String>,
    ) -> AidsView {
        let mut html = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|item| inline_to_html_with_terms(item, terms, at, seen))
                .collect()
        };
        AidsView {
            band: aids.band,
            level: aids.level.as_ref().map(|(_, level)| level.clone()),
            not_yet: html(&aids.not_yet),
            meets: html(&aids.meets),
            beyond: html(&aids.beyond),
            anchors: html(&aids.anchors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_is_rendered_safely_and_a_term_is_marked_once() {
        let terms = TermMarker::new([("Design system", "design-system")]);
        let at = TermContext {
            track: "d",
            craft: "design",
            competency: None,
        };
        let aids = JudgingAids {
            band: 3,
            level: Some(("d".into(), "d2".into())),
            not_yet: vec!["Ignores the design system.".into()],
            meets: vec!["Uses the *design system*. <script>x</script>".into()],
            ..JudgingAids::default()
        };
        let v = AidsView::render(&aids, &terms, &at, &mut HashSet::new());
        assert_eq!(v.band, 3);
        assert_eq!(v.level.as_deref(), Some("d2"));
        assert!(v.not_yet[0].contains("data-term=\"design-system\""));
        assert!(!v.meets[0].contains("data-term"), "{}", v.meets[0]);
        assert!(!v.meets[0].contains("<script"));
        assert!(v.beyond.is_empty() && v.anchors.is_empty());
    }
}
