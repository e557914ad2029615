//! Whether a level includes the expectations below it: the framework's default, a
//! track's override, and a level's override.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

fn load_with(edit: impl Fn(&str, String) -> String) -> rung::Framework {
    let mut files: Vec<(String, String)> = common::worked_example()
        .into_iter()
        .map(|(p, t)| {
            let t = edit(&p, t);
            (p, t)
        })
        .collect();
    // A third level, so that inheritance has two steps.
    files.push((
        "tracks/engineering/e3.md".to_owned(),
        "---\nid: e3\ntitle: Engineer III\nband: 3\nsummary: Leads projects.\ndimensions:\n  scope: A project.\n  autonomy: Sets their own plan.\n---\n\n## Delivery\n\n- Leads a project of a quarter.\n\n## Code quality\n\n- Sets the team's testing practice. {replaces=e1/tests-and-review}\n"
            .to_owned(),
    ));
    let files = files
        .into_iter()
        .map(|(p, t)| {
            let t = if p == "framework.md" {
                t.replace(
                    "dimensions:",
                    "  - number: 3\n    name: Established\ndimensions:",
                )
            } else if p == "competencies/code-quality.md" {
                // The third level's band needs judging aids too.
                t + "\n## Band 3\n\n### Meets\n\n- Other engineers follow the testing practice they set.\n"
            } else {
                t
            };
            rung::SourceFile::new(p, t)
        })
        .collect();
    let loaded = rung::load(files, Vec::new());
    let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(problems, Vec::<String>::new());
    loaded.framework
}

fn chain(f: &rung::Framework, level: &str) -> Vec<String> {
    let track = f.track("engineering").expect("track");
    let level = track.level(level).expect("level");
    f.chain(track, level).iter().map(|l| l.id.clone()).collect()
}

#[test]
fn by_default_a_level_includes_every_level_below_it() {
    let f = load_with(|_, t| t);
    assert_eq!(chain(&f, "e3"), ["e3", "e2", "e1"]);
    assert_eq!(chain(&f, "e1"), ["e1"]);
}

#[test]
fn a_framework_can_turn_inheritance_off() {
    let f = load_with(|p, t| {
        if p == "framework.md" {
            t.replace("version: \"1.0\"", "version: \"1.0\"\ncumulative: false")
        } else {
            t
        }
    });
    assert_eq!(chain(&f, "e3"), ["e3"]);
}

#[test]
fn a_track_overrides_the_framework() {
    let f = load_with(|p, t| match p {
        "framework.md" => t.replace("version: \"1.0\"", "version: \"1.0\"\ncumulative: false"),
        "tracks/engineering/track.md" => t.replace(
            "path: individual-contributor",
            "path: individual-contributor\ncumulative: true",
        ),
        _ => t,
    });
    assert_eq!(chain(&f, "e3"), ["e3", "e2", "e1"]);
}

#[test]
fn a_level_that_stops_inheritance_is_where_the_levels_above_stop_too() {
    let f = load_with(|p, t| {
        if p == "tracks/engineering/e2.md" {
            t.replace("band: 2", "band: 2\ncumulative: false")
        } else {
            t
        }
    });
    assert_eq!(chain(&f, "e2"), ["e2"]);
    assert_eq!(chain(&f, "e3"), ["e3", "e2"]);
}

#[test]
fn a_replaced_expectation_is_no_longer_inherited_from_its_replacement_up() {
    let f = load_with(|_, t| t);
    let track = f.track("engineering").expect("track");
    let ids = |level: &str| -> Vec<String> {
        let level = track.level(level).expect("level");
        f.applicable(track, level)
            .iter()
            .map(|a| a.expectation.id.clone())
            .collect()
    };
    // e3's testing practice replaces e1's tests and reviews: e2 still inherits it, e3 not.
    assert!(ids("e2").contains(&"engineering/e1/tests-and-review".to_owned()));
    let e3 = ids("e3");
    assert!(
        !e3.contains(&"engineering/e1/tests-and-review".to_owned()),
        "{e3:?}"
    );
    assert!(e3.contains(&"engineering/e3/sets-the-teams-testing-practice".to_owned()));
    let replacing = track
        .level("e3")
        .and_then(|l| {
            l.sections
                .iter()
                .flat_map(|s| &s.expectations)
                .find(|e| !e.replaces.is_empty())
        })
        .expect("the replacing expectation");
    assert_eq!(replacing.replaces, ["engineering/e1/tests-and-review"]);
    // The other expectations of e1 are still inherited.
    assert!(e3
        .iter()
        .any(|id| id.starts_with("engineering/e1/finishes")));
}
