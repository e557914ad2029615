//! The level page's shape: one level of a track with its shared dimensions and every
//! expectation that applies at it (its own and those inherited from lower levels), by
//! competency, with markdown rendered to safe HTML and glossary terms marked in each part
//! a reader sees on its own.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::app::error::{AppError, ErrorKind};
use crate::app::framework_view::LevelRef;
use crate::app::session::Opened;
use crate::framework::judging::AidsView;
use crate::framework::markdown::{self, TermContext};
use crate::framework::model::Level;

impl Opened {
    /// One level, with every expectation that applies at it.
    pub fn level_view(&self, track_id: &str, level_id: &str) -> Result<LevelView, AppError> {
        let f = self.framework();
        let track = f.track(track_id).ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!("This framework has no track “{track_id}”."),
            )
        })?;
        let index = track
            .levels
            .iter()
            .position(|l| l.id == level_id)
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!("The track {} has no level “{level_id}”.", track.name),
                )
            })?;
        let level = &track.levels[index];
        // Each part a reader sees on its own marks its own terms: the summary, each
        // dimension, each expectation, each example, each "How to judge this".
        let page = TermContext {
            track: &track.id,
            craft: &track.craft,
            competency: None,
        };
        let terms = self.terms();
        let html = |md: &str, at: &TermContext<'_>| {
            markdown::to_html_with_terms(md, terms, at, &mut HashSet::new())
        };
        let inline = |md: &str, at: &TermContext<'_>| {
            markdown::inline_to_html_with_terms(md, terms, at, &mut HashSet::new())
        };
        let summary_html = html(&level.summary, &page);
        let intro_html = html(&level.intro, &page);
        let dimensions = level
            .dimensions
            .iter()
            .map(|s| DimensionView {
                id: s.dimension.clone(),
                name: f
                    .dimensions
                    .iter()
                    .find(|d| d.id == s.dimension)
                    .map_or_else(|| s.dimension.clone(), |d| d.name.clone()),
                text_html: html(&s.text, &page),
            })
            .collect();
        let applicable = f.applicable(track, level);
        let competencies = f
            .competencies_of(track)
            .into_iter()
            .filter_map(|c| {
                let at = TermContext {
                    competency: Some(&c.id),
                    ..page
                };
                let expectations: Vec<ExpectationView> = applicable
                    .iter()
                    .filter(|a| a.competency == c.id)
                    .map(|a| ExpectationView {
                        id: a.expectation.id.clone(),
                        html: inline(&a.expectation.text, &at),
                        examples_html: a
                            .expectation
                            .examples
                            .iter()
                            .map(|e| inline(e, &at))
                            .collect(),
                        from_level: a.from.id.clone(),
                        from_title: a.from.title.clone(),
                        inherited: a.from.id != level.id,
                    })
                    .collect();
                if expectations.is_empty() {
                    return None;
                }
                // "How to judge this" is one folded section: a term is marked once in it.
                let mut judge_seen = HashSet::new();
                Some(CompetencyView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    shared: c.tracks.is_none(),
                    description_html: markdown::to_html_with_terms(
                        &c.description,
                        terms,
                        &at,
                        &mut judge_seen,
                    ),
                    evidence_html: c
                        .evidence
                        .iter()
                        .map(|e| {
                            markdown::inline_to_html_with_terms(e, terms, &at, &mut judge_seen)
                        })
                        .collect(),
                    questions_html: c
                        .questions
                        .iter()
                        .map(|q| {
                            markdown::inline_to_html_with_terms(q, terms, &at, &mut judge_seen)
                        })
                        .collect(),
                    aids: c
                        .aids_at(&track.id, level)
                        .map(|a| AidsView::render(&a, terms, &at, &mut judge_seen)),
                    expectations,
                })
            })
            .collect();
        let neighbour = |l: Option<&Level>| {
            l.map(|l| LevelRef {
                id: l.id.clone(),
                title: l.title.clone(),
                band: l.band,
            })
        };
        Ok(LevelView {
            track_id: track.id.clone(),
            track_name: track.name.clone(),
            craft: track.craft.clone(),
            id: level.id.clone(),
            title: level.title.clone(),
            band: level.band,
            band_name: f
                .band(level.band)
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            summary_html,
            intro_html,
            dimensions,
            competencies,
            previous: neighbour(index.checked_sub(1).and_then(|i| track.levels.get(i))),
            next: neighbour(track.levels.get(index + 1)),
            promotion: f.rule_for(track).map(|r| f.rule_words(r)),
            source: level.source.clone(),
        })
    }
}

/// One level, as the level page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelView {
    /// The track's id.
    pub track_id: String,
    /// The track's name.
    pub track_name: String,
    /// The track's craft, for example `design`.
    pub craft: String,
    /// The level's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its band.
    pub band: u32,
    /// The band's name.
    pub band_name: String,
    /// Summary, as safe HTML.
    pub summary_html: String,
    /// Introduction, as safe HTML.
    pub intro_html: String,
    /// The shared dimensions.
    pub dimensions: Vec<DimensionView>,
    /// Expectations by competency, in the track's order.
    pub competencies: Vec<CompetencyView>,
    /// The level below, if any.
    pub previous: Option<LevelRef>,
    /// The level above, if any.
    pub next: Option<LevelRef>,
    /// How a promotion to this level is judged: the track's promotion rule in plain words;
    /// `None` when the framework states none.
    pub promotion: Option<String>,
    /// The level's file, relative to the framework folder.
    pub source: String,
}

/// What a level says about one shared dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionView {
    /// The dimension's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level's statement, as safe HTML.
    pub text_html: String,
}

/// A competency and its expectations at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether every track shares it.
    pub shared: bool,
    /// Description, as safe HTML.
    pub description_html: String,
    /// What good evidence looks like, as safe HTML items.
    pub evidence_html: Vec<String>,
    /// Questions to ask a specialist, as safe HTML items.
    pub questions_html: Vec<String>,
    /// What a reviewer can see at this level's band (with the level's own aids in place
    /// of the band's where it has them); `None` when the framework gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub aids: Option<AidsView>,
    /// The expectations: the level's own, then inherited ones.
    pub expectations: Vec<ExpectationView>,
}

/// One expectation as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectationView {
    /// Stable ID.
    pub id: String,
    /// The expectation, as safe inline HTML with glossary terms marked.
    pub html: String,
    /// Examples, as safe inline HTML.
    pub examples_html: Vec<String>,
    /// The level that states it.
    pub from_level: String,
    /// That level's title.
    pub from_title: String,
    /// Whether it comes from a lower level.
    pub inherited: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::session::open;
    use crate::files::origin::FrameworkSource;

    fn bundled() -> Opened {
        open(FrameworkSource::Bundled).expect("the bundled framework opens")
    }

    #[test]
    fn unknown_tracks_and_levels_are_not_found_errors() {
        let o = bundled();
        assert_eq!(
            o.level_view("nope", "e1").map_err(|e| e.kind),
            Err(ErrorKind::NotFound)
        );
        assert_eq!(
            o.level_view("engineering", "zz").map_err(|e| e.kind),
            Err(ErrorKind::NotFound)
        );
    }

    #[test]
    fn a_level_view_has_neighbours_and_inherited_expectations() {
        let v = bundled().level_view("engineering", "e3").expect("e3");
        assert_eq!(v.previous.map(|l| l.id), Some("e2".to_owned()));
        assert_eq!(v.next.map(|l| l.id), Some("e4".to_owned()));
        assert_eq!(v.craft, "engineering");
        let all: Vec<&ExpectationView> = v
            .competencies
            .iter()
            .flat_map(|c| &c.expectations)
            .collect();
        assert!(all.iter().any(|e| e.inherited && e.from_level == "e1"));
        assert!(all.iter().any(|e| !e.inherited));
    }

    #[test]
    fn each_expectation_and_example_explains_its_own_terms() {
        let o = bundled();
        let f = &o.loaded.framework;
        let mut marked = 0;
        for track in &f.tracks {
            for level in track.levels.iter() {
                let v = o.level_view(&track.id, &level.id).expect("level");
                for (c, a) in v
                    .competencies
                    .iter()
                    .flat_map(|c| c.expectations.iter().map(move |e| (c, e)))
                    .filter_map(|(c, e)| {
                        let found = f
                            .applicable(track, level)
                            .into_iter()
                            .find(|a| a.expectation.id == e.id)?;
                        Some(((c, e), found))
                    })
                {
                    let (competency, shown) = c;
                    let at = TermContext {
                        track: &track.id,
                        craft: &track.craft,
                        competency: Some(&competency.id),
                    };
                    let texts = std::iter::once((&a.expectation.text, &shown.html))
                        .chain(a.expectation.examples.iter().zip(&shown.examples_html));
                    for (text, html) in texts {
                        let plain = markdown::to_plain_text(text);
                        for (_, id) in o.terms().find(&plain, &at, &mut HashSet::new()) {
                            marked += 1;
                            assert!(
                                html.contains(&format!("data-term=\"{id}\"")),
                                "{}/{}: `{id}` is in {text:?} but not marked there: {html}",
                                track.id,
                                level.id
                            );
                        }
                    }
                }
            }
        }
        assert!(marked > 500, "{marked} terms marked");
    }

    #[test]
    fn a_level_says_how_a_promotion_to_it_is_judged() {
        let v = bundled().level_view("product-designer", "d3").expect("d3");
        assert_eq!(
            v.promotion.as_deref(),
            Some("Every expectation new at this level is rated Meets or above. Every expectation carried over from earlier levels is rated Meets or above, save at most 2 that may be below Meets. Every rating needs evidence from someone other than the candidate.")
        );
    }

    #[test]
    fn a_craft_competency_shows_the_judging_aids_of_the_level_s_band() {
        let o = bundled();
        let v = o.level_view("product-designer", "d2").expect("d2");
        let craft = v
            .competencies
            .iter()
            .find(|c| c.id == "design-craft")
            .expect("design craft");
        let aids = craft.aids.as_ref().expect("design craft has aids");
        assert_eq!(aids.band, 3);
        assert!(!aids.not_yet.is_empty() && !aids.meets.is_empty());
        assert!(!aids.beyond.is_empty() && !aids.anchors.is_empty());
        let f = &o.loaded.framework;
        let expected = f
            .competency("design-craft")
            .and_then(|c| c.aids.iter().find(|a| a.band == 3))
            .map(|a| a.meets.len());
        assert_eq!(Some(aids.meets.len()), expected);
        let shared = v.competencies.iter().find(|c| c.shared).expect("shared");
        assert_eq!(
            shared.aids, None,
            "the bundled shared competencies have none"
        );
    }

    #[test]
    fn a_term_is_marked_again_in_each_part_of_a_page() {
        let v = bundled().level_view("product-designer", "d3").expect("d3");
        let count = |id: &str| {
            let mark = format!("data-term=\"{id}\"");
            v.competencies
                .iter()
                .flat_map(|c| &c.expectations)
                .map(|e| e.html.clone() + &e.examples_html.concat())
                .filter(|html| html.contains(&mark))
                .count()
        };
        assert!(count("usability-test") >= 3, "{}", count("usability-test"));
        assert!(count("design-system-component") >= 2);
    }
}
