//! The bundled framework: clean, embedded as it is on disk, and complete enough to adopt.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::framework::model::CareerPath;

fn diagnostics(loaded: &rung::Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn the_ladders_folder_reports_nothing() {
    let loaded = rung::load_dir(&common::root().join("ladders")).expect("ladders/ is readable");
    assert_eq!(diagnostics(&loaded), Vec::<String>::new());
}

#[test]
fn the_embedded_copy_is_clean_and_matches_the_folder() {
    let embedded = rung::load_bundled();
    assert_eq!(diagnostics(&embedded), Vec::<String>::new());
    let on_disk = rung::load_dir(&common::root().join("ladders")).expect("ladders/ is readable");
    assert_eq!(embedded.framework, on_disk.framework);
}

#[test]
fn every_track_the_product_promises_is_there_with_enough_levels() {
    let f = rung::load_bundled().framework;
    for (id, career_path, at_least) in [
        ("engineering", CareerPath::IndividualContributor, 6),
        ("engineering-manager", CareerPath::Manager, 4),
        ("product-manager", CareerPath::IndividualContributor, 5),
        ("product-designer", CareerPath::IndividualContributor, 5),
        ("sto", CareerPath::Manager, 3),
    ] {
        let track = f
            .track(id)
            .unwrap_or_else(|| panic!("track {id} is missing"));
        assert_eq!(track.career_path, career_path, "{id}");
        assert!(
            track.levels.len() >= at_least,
            "{id} has {} levels",
            track.levels.len()
        );
        for part in [
            &track.role.purpose,
            &track.role.responsibilities,
            &track.role.decision_rights,
            &track.role.working_with_others,
        ] {
            assert!(
                part.len() > 100,
                "{id}: a role definition section is too thin"
            );
        }
    }
}

#[test]
fn every_level_states_every_dimension_and_covers_every_competency_of_its_track() {
    let f = rung::load_bundled().framework;
    for track in &f.tracks {
        let competencies = f.competencies_of(track);
        assert!(
            competencies.iter().any(|c| c.tracks.is_none()),
            "{}: no shared competency",
            track.id
        );
        assert!(
            competencies.iter().any(|c| c.tracks.is_some()),
            "{}: no craft competency",
            track.id
        );
        for level in track.levels.iter() {
            assert_eq!(
                level.dimensions.len(),
                f.dimensions.len(),
                "{}/{}",
                track.id,
                level.id
            );
            for c in &competencies {
                assert!(
                    level.sections.iter().any(|s| s.competency == c.id),
                    "{}/{} has no section for {}",
                    track.id,
                    level.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn every_competency_helps_a_non_specialist_judge_it() {
    let f = rung::load_bundled().framework;
    for c in &f.competencies {
        assert!(c.evidence.len() >= 3, "{}: too little on evidence", c.id);
        assert!(c.questions.len() >= 3, "{}: too few questions", c.id);
    }
}

#[test]
fn an_sto_sits_above_the_engineering_manager_entry_band() {
    let f = rung::load_bundled().framework;
    let first_band = |id: &str| f.track(id).and_then(|t| t.levels.first()).map(|l| l.band);
    assert!(first_band("sto") > first_band("engineering-manager"));
}

#[test]
fn the_glossary_defines_the_terms_an_sto_stumbles_on() {
    let f = rung::load_bundled().framework;
    let has = |term: &str| f.glossary.iter().any(|t| t.term.eq_ignore_ascii_case(term));
    for term in [
        "Single threaded owner",
        "Calibration",
        "Code review",
        "Technical debt",
        "Design system",
        "Usability test",
        "Discovery",
        "A/B test",
        "One-on-one",
        "Glue work",
    ] {
        assert!(has(term), "the glossary lacks {term}");
    }
}

#[test]
fn the_bundled_framework_says_how_to_use_it() {
    let guide = rung::load_bundled()
        .framework
        .guide
        .expect("the bundled framework has a guide.md");
    assert_eq!(guide.title, "How to use this framework");
    for part in [
        "## How a promotion case is judged",
        "## What the promotion rule means",
        "## How to get a specialist's view",
    ] {
        assert!(guide.body.contains(part), "the guide explains {part}");
    }
}
