//! The `load` target: any set of files loads without a panic, its diagnostics fit the
//! text they point into, and every piece of text of the result renders.

use super::{diagnostics_fit, split, Checked};
use crate::framework::markdown::{inline_to_html, to_html};

/// Paths for files that do not name one, cycled, so that raw bytes reach every kind.
const PATHS: &[&str] = &[
    "framework.md",
    "competencies/a.md",
    "glossary/g.md",
    "tracks/t/track.md",
    "tracks/t/l1.md",
    "tracks/t/l2.md",
];

/// Splits the input into files (see [`split`]), loads them and walks the result.
pub(super) fn check(data: &[u8]) -> Checked {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, bytes) in split(data, PATHS) {
        match crate::files::folder::decode(&path, bytes.to_vec()) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let loaded = crate::load(sources.clone(), diagnostics);
    diagnostics_fit(&loaded.diagnostics, &sources)?;

    let framework = &loaded.framework;
    let _ = to_html(&framework.intro);
    for competency in &framework.competencies {
        let _ = to_html(&competency.description);
        for text in competency.evidence.iter().chain(&competency.questions) {
            let _ = inline_to_html(text);
        }
    }
    for term in &framework.glossary {
        let _ = to_html(&term.definition);
    }
    for track in &framework.tracks {
        let _ = framework.competencies_of(track);
        let role = &track.role;
        for text in [
            &role.purpose,
            &role.responsibilities,
            &role.decision_rights,
            &role.working_with_others,
        ] {
            let _ = to_html(text);
        }
        for level in track.levels.iter() {
            let _ = to_html(&level.intro);
            for applicable in framework.applicable(track, level) {
                let expectation = applicable.expectation;
                let _ = inline_to_html(&expectation.text);
                for example in &expectation.examples {
                    let _ = inline_to_html(example);
                }
            }
            for section in &level.sections {
                for note in &section.notes {
                    let _ = to_html(note);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_framework_passes() {
        let (sources, _) = crate::files::bundled::sources();
        let mut input = Vec::new();
        for s in &sources {
            input.extend_from_slice(format!("@@@ {}\n{}", s.path, s.text).as_bytes());
        }
        assert_eq!(check(&input), Ok(()));
    }
}
