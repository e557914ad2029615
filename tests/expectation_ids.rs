//! Expectation IDs stay put when expectations are reordered, moved between sections, or
//! when other expectations are edited; explicit keys survive rewording.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

fn ids_with_level(body: &str) -> Vec<(String, String)> {
    let mut files: Vec<rung::SourceFile> = common::worked_example()
        .into_iter()
        .filter(|(p, _)| p != "tracks/engineering/e2.md")
        .map(|(p, t)| rung::SourceFile::new(p, t))
        .collect();
    files.push(rung::SourceFile::new(
        "tracks/engineering/e2.md",
        format!("---\nid: e2\ntitle: Engineer II\nband: 2\nsummary: S.\ndimensions:\n  scope: A.\n  autonomy: B.\n---\n{body}"),
    ));
    let loaded = rung::load(files, Vec::new());
    // Levels written here need not cover every competency: growth is not the point.
    let problems: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code != rung::framework::diagnostic::Code::NoGrowth)
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let track = loaded.framework.track("engineering").expect("track");
    let mut out: Vec<(String, String)> = track
        .level("e2")
        .expect("e2")
        .sections
        .iter()
        .flat_map(|s| {
            s.expectations
                .iter()
                .map(|e| (e.text.clone(), e.id.clone()))
        })
        .collect();
    out.sort();
    out
}

fn id_of(ids: &[(String, String)], text_start: &str) -> String {
    ids.iter()
        .find(|(t, _)| t.starts_with(text_start))
        .map(|(_, id)| id.clone())
        .unwrap_or_else(|| panic!("no expectation starting {text_start}"))
}

#[test]
fn reordering_moving_and_editing_others_keeps_ids() {
    let before = ids_with_level(
        "\n## Delivery\n\n- Plans a feature of two weeks.\n- Ships behind a flag.\n\n## Code quality\n\n- Reviews changes daily.\n",
    );
    let after = ids_with_level(
        "\n## Code quality\n\n- Reviews changes daily, with a checklist added.\n- Plans a feature of two weeks.\n\n## Delivery\n\n- Ships behind a flag.\n- A new expectation.\n",
    );
    for start in ["Plans a feature", "Ships behind"] {
        assert_eq!(id_of(&before, start), id_of(&after, start), "{start}");
    }
    assert_eq!(
        id_of(&before, "Plans a feature"),
        "engineering/e2/plans-a-feature-of-two-weeks"
    );
}

#[test]
fn an_explicit_key_survives_rewording() {
    let before = ids_with_level("\n## Delivery\n\n- Plans a feature of two weeks. {#planning}\n");
    let after = ids_with_level(
        "\n## Delivery\n\n- Breaks a two-week feature into daily tasks. {#planning}\n",
    );
    assert_eq!(before[0].1, "engineering/e2/planning");
    assert_eq!(after[0].1, "engineering/e2/planning");
}
