//! The worked example of `docs/format.md` loads cleanly and behaves as the doc says, so
//! the doc cannot drift from the code.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

#[test]
fn the_worked_example_has_every_kind_of_file() {
    let paths: Vec<String> = common::worked_example()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for expected in [
        "framework.md",
        "competencies/delivery.md",
        "glossary/engineering.md",
        "tracks/engineering/track.md",
        "tracks/engineering/e1.md",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "the doc's example lacks {expected}"
        );
    }
}

#[test]
fn the_worked_example_loads_without_a_single_diagnostic() {
    let files = common::worked_example()
        .into_iter()
        .map(|(p, t)| rung::SourceFile::new(p, t))
        .collect();
    let loaded = rung::load(files, Vec::new());
    let diagnostics: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(diagnostics, Vec::<String>::new());

    let f = &loaded.framework;
    assert_eq!(f.name, "Example framework");
    assert_eq!(f.bands.len(), 2);
    assert_eq!(f.glossary.len(), 1);
    let code_quality = f.competency("code-quality").expect("craft competency");
    assert_eq!(code_quality.tracks, Some(vec!["engineering".to_owned()]));
    assert!(f
        .competency("delivery")
        .expect("shared competency")
        .tracks
        .is_none());
    let track = f.track("engineering").expect("track");
    assert!(track
        .role
        .working_with_others
        .contains("single threaded owner decides"));
}

#[test]
fn the_doc_s_claims_about_ids_and_inheritance_hold() {
    let doc = std::fs::read_to_string(common::root().join("docs/format.md")).expect("doc");
    let files = common::worked_example()
        .into_iter()
        .map(|(p, t)| rung::SourceFile::new(p, t))
        .collect();
    let loaded = rung::load(files, Vec::new());
    let f = &loaded.framework;
    let track = f.track("engineering").expect("track");
    let e2 = track.level("e2").expect("e2");
    let applicable = f.applicable(track, e2);
    let from: Vec<&str> = applicable.iter().map(|a| a.from.id.as_str()).collect();
    // Grouped by competency: Delivery (e2, then inherited e1), then Code quality.
    assert_eq!(from, ["e2", "e1", "e2", "e1"]);

    let first = &e2.sections[0].expectations[0];
    assert!(
        doc.contains(&format!("`{}`", first.id)),
        "the doc names the ID {}",
        first.id
    );
    assert_eq!(first.id, "engineering/e2/plans-a-feature-of-one-or");

    let e1 = track.level("e1").expect("e1");
    let explicit = &e1.sections[1].expectations[0];
    assert_eq!(explicit.id, "engineering/e1/tests-and-review");
    assert!(explicit.explicit);
    assert!(!explicit.text.contains("{#"));
    assert_eq!(e1.sections[0].expectations[0].examples.len(), 1);
}
