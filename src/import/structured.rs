//! The structured family: YAML or JSON files where each competency or criterion is
//! tagged with a level and a theme, levels possibly branching into individual-contributor
//! and manager paths. The files of a source are read together, since one may hold the
//! levels and another the criteria.

use super::{Imported, Origin, Outcome, ReportLine, Source};

/// Reads every structured file of a source.
pub(super) fn read(sources: &[&Source], out: &mut Imported) {
    for source in sources {
        out.problems.push(ReportLine {
            at: Origin {
                path: source.path.clone(),
                line: 1,
                column: 1,
            },
            what: "the file".to_owned(),
            outcome: Outcome::NotMapped {
                why: "this family is not read yet".to_owned(),
            },
        });
    }
}
