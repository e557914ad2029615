//! The band comparison: every track's level on one band side by side, aligned by shared
//! dimension and by competency, each cell marked in the sense of its column's track.

use serde::Serialize;
use ts_rs::TS;

use super::error::CompareError;
use super::expectation::{marked, page_of, ExpectationRef, LevelHead};
use crate::framework::markdown::{TermContext, TermMarker};
use crate::framework::model::{Framework, Level, Track};

/// One track's column of a band view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandColumn {
    /// The track's id.
    pub track: String,
    /// The track's name.
    pub track_name: String,
    /// The track's craft.
    pub craft: String,
    /// The track's level on this band, if it has one.
    pub level: Option<LevelHead>,
    /// That level's summary (sanitised HTML).
    pub summary_html: Option<String>,
}

/// A row of a band view: one cell per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandRow {
    /// A dimension's or competency's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether every track uses it (shared dimensions always are).
    pub shared: bool,
    /// Per column: `None` when the track has no level on the band or does not use the
    /// competency; otherwise what the level says (its own expectations, for a
    /// competency; the statement, for a dimension).
    pub cells: Vec<Option<Vec<ExpectationRef>>>,
}

/// Every track's level on one band, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandComparison {
    /// The band's number.
    pub band: u32,
    /// Its name.
    pub name: String,
    /// What it asks for.
    pub summary: String,
    /// One column per track, in the framework's order.
    pub columns: Vec<BandColumn>,
    /// The shared dimensions.
    pub dimensions: Vec<BandRow>,
    /// Competencies: those every track uses first, then craft-specific ones.
    pub competencies: Vec<BandRow>,
}

/// Every track's level on band `number`, aligned by dimension and competency, with the
/// glossary terms of `terms` marked in each cell in the sense of its column's track.
pub fn band_comparison(
    framework: &Framework,
    terms: &TermMarker,
    number: u32,
) -> Result<BandComparison, CompareError> {
    let band = framework
        .band(number)
        .ok_or(CompareError::UnknownBand(number))?;
    let levels: Vec<(&Track, Option<&Level>)> = framework
        .tracks
        .iter()
        .map(|t| (t, t.levels.iter().find(|l| l.band == number)))
        .collect();
    let columns = levels
        .iter()
        .map(|(t, l)| BandColumn {
            track: t.id.clone(),
            track_name: t.name.clone(),
            craft: t.craft.clone(),
            level: l.map(LevelHead::of),
            summary_html: l.map(|l| marked(&l.summary, terms, &page_of(t))),
        })
        .collect();
    let dimensions = framework
        .dimensions
        .iter()
        .map(|d| BandRow {
            id: d.id.clone(),
            name: d.name.clone(),
            shared: true,
            cells: levels
                .iter()
                .map(|(t, l)| {
                    let l = (*l)?;
                    let s = l.dimensions.iter().find(|s| s.dimension == d.id)?;
                    Some(vec![ExpectationRef::new(
                        format!("{}/{}/{}", t.id, l.id, d.id),
                        l,
                        &s.text,
                        marked(&s.text, terms, &page_of(t)),
                    )])
                })
                .collect(),
        })
        .collect();
    let mut competencies: Vec<BandRow> = framework
        .competencies
        .iter()
        .filter(|c| framework.tracks.iter().any(|t| c.applies_to(&t.id)))
        .map(|c| BandRow {
            id: c.id.clone(),
            name: c.name.clone(),
            shared: framework.tracks.iter().all(|t| c.applies_to(&t.id)),
            cells: levels
                .iter()
                .map(|(t, l)| {
                    let l = (*l)?;
                    if !c.applies_to(&t.id) {
                        return None;
                    }
                    let at = TermContext {
                        competency: Some(&c.id),
                        ..page_of(t)
                    };
                    Some(
                        l.sections
                            .iter()
                            .filter(|s| s.competency == c.id)
                            .flat_map(|s| &s.expectations)
                            .map(|e| {
                                ExpectationRef::new(
                                    e.id.clone(),
                                    l,
                                    &e.text,
                                    marked(&e.text, terms, &at),
                                )
                            })
                            .collect(),
                    )
                })
                .collect(),
        })
        .filter(|row| row.cells.iter().any(Option::is_some))
        .collect();
    // Stable: shared competencies first, each group in the framework's order.
    competencies.sort_by_key(|row| !row.shared);
    Ok(BandComparison {
        band: band.number,
        name: band.name.clone(),
        summary: band.summary.clone(),
        columns,
        dimensions,
        competencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_explains_each_cell_in_the_sense_of_its_column() {
        let f = crate::load_bundled().framework;
        let band = band_comparison(&f, &TermMarker::of_framework(&f), 2).expect("band 2");
        let column = |track: &str| {
            let i = band
                .columns
                .iter()
                .position(|c| c.track == track)
                .expect("a column");
            band.competencies
                .iter()
                .chain(&band.dimensions)
                .filter_map(|row| row.cells[i].as_ref())
                .flatten()
                .map(|e| e.html.clone())
                .collect::<Vec<_>>()
        };
        let designer = column("product-designer");
        let builds = designer
            .iter()
            .find(|h| h.starts_with("Builds screens"))
            .expect("d1 builds screens");
        assert!(
            builds.contains(
                "<span class=\"term\" data-term=\"design-system-component\">design system components</span>"
            ),
            "{builds}"
        );
        assert!(!designer
            .iter()
            .any(|h| h.contains("data-term=\"component-engineering\"")));
        let engineer = column("engineering");
        let designs = engineer
            .iter()
            .find(|h| h.starts_with("Designs a small"))
            .expect("e2 designs a component");
        assert!(
            designs.contains(
                "<span class=\"term\" data-term=\"component-engineering\">component</span>"
            ),
            "{designs}"
        );
        assert!(
            band.columns
                .iter()
                .filter_map(|c| c.summary_html.as_deref())
                .any(|h| h.contains("class=\"term\"")),
            "summaries mark terms too"
        );
    }
}
