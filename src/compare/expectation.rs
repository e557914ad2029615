//! What a comparison shows of an expectation and of a level: the expectation's markdown
//! and its sanitised inline HTML, with the glossary terms marked in the sense of the
//! track (and competency) whose page shows it, and the level that states it.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::framework::markdown::{inline_to_html_with_terms, TermContext, TermMarker};
use crate::framework::model::{Applicable, Level, Track};

/// An expectation as a comparison shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectationRef {
    /// Stable ID, `track/level/key`.
    pub id: String,
    /// The level that states it (its id).
    pub level: String,
    /// That level's title, which a reader sees instead of its id.
    pub level_title: String,
    /// That level's band.
    pub band: u32,
    /// Its markdown.
    pub text: String,
    /// Its sanitised inline HTML; in a level delta or a band view, with glossary terms
    /// marked.
    pub html: String,
}

impl ExpectationRef {
    /// An expectation of `track`'s page, its terms marked in the sense of its track and
    /// competency.
    pub(super) fn of(
        a: &Applicable<'_>,
        terms: &TermMarker,
        track: &TermContext<'_>,
    ) -> ExpectationRef {
        let at = TermContext {
            competency: Some(a.competency),
            ..*track
        };
        let text = &a.expectation.text;
        ExpectationRef::new(
            a.expectation.id.clone(),
            a.from,
            text,
            marked(text, terms, &at),
        )
    }

    pub(super) fn new(id: String, level: &Level, text: &str, html: String) -> ExpectationRef {
        ExpectationRef {
            id,
            level: level.id.clone(),
            level_title: level.title.clone(),
            band: level.band,
            text: text.to_owned(),
            html,
        }
    }

    /// `Product Designer (band 3)`: the level that states it, as a reader knows it.
    pub fn level_label(&self) -> String {
        format!("{} (band {})", self.level_title, self.band)
    }
}

/// Inline HTML of a text shown on its own (an expectation, a statement, a summary), with
/// the glossary terms of `terms` marked at their first use in it, in the sense that fits
/// `at`.
pub(super) fn marked(text: &str, terms: &TermMarker, at: &TermContext<'_>) -> String {
    inline_to_html_with_terms(text, terms, at, &mut HashSet::new())
}

/// Where a track's pages show text, before any competency.
pub(super) fn page_of(track: &Track) -> TermContext<'_> {
    TermContext {
        track: &track.id,
        craft: &track.craft,
        competency: None,
    }
}

/// A level, as a comparison names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelHead {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its band.
    pub band: u32,
}

impl LevelHead {
    pub(super) fn of(level: &Level) -> LevelHead {
        LevelHead {
            id: level.id.clone(),
            title: level.title.clone(),
            band: level.band,
        }
    }
}
