//! Comparisons: level deltas, band views and version diffs, on the bundled framework and
//! on fixture folders, through the library and through `rung diff` and `rung band`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use rung::compare::{self, CompareError, DiffKind};
use rung::framework::markdown::TermMarker;
use rung::Framework;

fn terms(f: &Framework) -> TermMarker {
    TermMarker::of_framework(f)
}

fn rung(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rung runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_bundled_delta_from_e1_to_e2_prints_as_text_and_markdown() {
    let o = rung(&["diff", "engineering", "e1"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("diff_engineering_e1_e2_text", stdout(&o));
    let o = rung(&[
        "diff",
        "engineering",
        "e1",
        "e2",
        "--format",
        "markdown",
        "--carried",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("diff_engineering_e1_e2_markdown", stdout(&o));
}

#[test]
fn the_bundled_band_view_prints_every_track() {
    let o = rung(&["band", "4"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("band_4_text", stdout(&o));
    let o = rung(&["band", "4", "--format", "markdown"]);
    insta::assert_snapshot!("band_4_markdown", stdout(&o));
}

#[test]
fn a_linked_stronger_form_is_paired_across_competencies_and_not_dropped() {
    let f = rung::load_bundled().framework;
    let d = compare::level_delta(&f, &terms(&f), "engineering", "e1", "e2").expect("delta");
    let stronger: Vec<_> = d.competencies.iter().flat_map(|c| &c.stronger).collect();
    let on_call = stronger
        .iter()
        .find(|s| s.from.id == "engineering/e1/takes-part-in-the-on-call")
        .expect("the on-call expectation grows into a primary shift");
    assert!(on_call.linked);
    assert!(on_call
        .to
        .id
        .starts_with("engineering/e2/takes-a-primary-on-call"));
    assert!(d
        .competencies
        .iter()
        .flat_map(|c| &c.dropped)
        .all(|e| e.id != on_call.from.id));
    // Every expectation that applies at e2 shows, once: new, as a stronger form (or the
    // start of one, when it is still inherited), or carried over.
    let track = f.track("engineering").unwrap();
    let applicable: Vec<String> = f
        .applicable(track, track.level("e2").unwrap())
        .iter()
        .map(|a| a.expectation.id.clone())
        .collect();
    let mut shown: Vec<String> = Vec::new();
    for c in &d.competencies {
        shown.extend(c.new.iter().map(|e| e.id.clone()));
        shown.extend(c.carried.iter().map(|e| e.id.clone()));
        for s in &c.stronger {
            shown.push(s.to.id.clone());
            if !s.linked {
                shown.push(s.from.id.clone());
            }
        }
    }
    let mut sorted = shown.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), shown.len(), "nothing shows twice");
    for id in &applicable {
        assert!(shown.contains(id), "{id} is missing from the delta");
    }
    assert_eq!(shown.len(), applicable.len());
}

#[test]
fn levels_must_be_named_low_then_high() {
    let f = rung::load_bundled().framework;
    assert_eq!(
        compare::level_delta(&f, &terms(&f), "engineering", "e3", "e2"),
        Err(CompareError::NotAscending("e3".into(), "e2".into()))
    );
    assert_eq!(
        compare::level_delta(&f, &terms(&f), "engineering", "e3", "e9"),
        Err(CompareError::UnknownLevel(
            "engineering".into(),
            "e9".into()
        ))
    );
    assert!(compare::band_comparison(&f, &terms(&f), 99).is_err());
    let o = rung(&["diff", "engineering", "e6"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("`e6` is the highest level of `engineering`")
    );
    let o = rung(&["diff", "enginering", "e1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `engineering`"));
}

#[test]
fn similar_wording_pairs_an_unlinked_stronger_form() {
    // A non-cumulative track restates each level: the reworded expectation pairs with
    // the one it grew from, the repeated one carries over, and the rest is new.
    let files: Vec<rung::SourceFile> = common::worked_example()
        .into_iter()
        .map(|(p, t)| {
            let t = match p.as_str() {
                "framework.md" => t.replace("version: \"1.0\"", "version: \"1.0\"\ncumulative: false"),
                "tracks/engineering/e2.md" => t.replace(
                    "## Code quality\n\n- Reviews colleagues' changes and points out missing tests.",
                    "## Code quality\n\n- Writes tests for every change, reviews colleagues' changes and asks for a code review before merging.",
                ),
                _ => t,
            };
            rung::SourceFile::new(p, t)
        })
        .collect();
    let loaded = rung::load(files, Vec::new());
    let d = compare::level_delta(
        &loaded.framework,
        &terms(&loaded.framework),
        "engineering",
        "e1",
        "e2",
    )
    .expect("delta");
    let quality = d
        .competencies
        .iter()
        .find(|c| c.competency == "code-quality")
        .expect("code quality");
    assert_eq!(quality.stronger.len(), 1, "{quality:#?}");
    let s = &quality.stronger[0];
    assert!(!s.linked);
    assert_eq!(s.from.id, "engineering/e1/tests-and-review");
    assert!(s
        .diff
        .iter()
        .any(|p| p.kind == DiffKind::Added && p.text.contains("reviews")));
    let delivery = d
        .competencies
        .iter()
        .find(|c| c.competency == "delivery")
        .unwrap();
    assert_eq!(
        delivery.dropped.len() + delivery.stronger.len(),
        1,
        "{delivery:#?}"
    );
    insta::assert_snapshot!(
        "delta_fixture_not_cumulative",
        serde_json::to_string_pretty(&d).expect("json")
    );
}

fn write_tree(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn edited_example() -> Vec<(String, String)> {
    common::worked_example()
        .into_iter()
        .map(|(p, t)| {
            let t = match p.as_str() {
                "framework.md" => t.replace("version: \"1.0\"", "version: \"1.1\""),
                "tracks/engineering/e1.md" => t
                    .replace(
                        "- Writes tests for every change and asks for a code review before merging. {#tests-and-review}",
                        "- Writes tests for every change and asks a teammate to review it before merging. {#tests-and-review}",
                    )
                    .replace(
                        "  - Posts a note in the team channel on day two when a task turns out larger.\n",
                        "  - Posts a note in the team channel on day two when a task turns out larger.\n- Keeps the team's task board up to date.\n",
                    ),
                "tracks/engineering/e2.md" => t.replace(
                    "- Reviews colleagues' changes and points out missing tests.",
                    "- Reviews colleagues' changes within a day.",
                ),
                _ => t,
            };
            (p, t)
        })
        .collect()
}

#[test]
fn versions_of_two_folders_show_added_removed_and_reworded_by_id() {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    write_tree(old.path(), &common::worked_example());
    write_tree(new.path(), &edited_example());
    let a = rung::load_dir(old.path()).unwrap().framework;
    let b = rung::load_dir(new.path()).unwrap().framework;
    let d = compare::version_diff(&a, &b);
    let ids = |list: &[compare::ExpectationRef]| -> Vec<String> {
        list.iter().map(|e| e.id.clone()).collect()
    };
    assert_eq!(
        ids(&d.added),
        [
            "engineering/e1/keeps-the-teams-task-board-up",
            "engineering/e2/reviews-colleagues-changes-within-a-day"
        ]
    );
    assert_eq!(
        ids(&d.removed),
        ["engineering/e2/reviews-colleagues-changes-and-points-out"]
    );
    assert_eq!(d.reworded.len(), 1);
    assert_eq!(d.reworded[0].id, "engineering/e1/tests-and-review");
    assert_eq!(
        (d.old.version.as_str(), d.new.version.as_str()),
        ("1.0", "1.1")
    );

    let o = rung(&[
        "diff",
        "--versions",
        &old.path().to_string_lossy(),
        &new.path().to_string_lossy(),
        "--format",
        "markdown",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o)
        .replace(&*old.path().to_string_lossy(), "OLD")
        .replace(&*new.path().to_string_lossy(), "NEW");
    insta::assert_snapshot!("versions_markdown", out);
}

#[test]
fn versions_can_be_git_revisions_of_the_framework_folder() {
    let git_works = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !git_works {
        panic!("git is needed for this test (the test command installs it)");
    }
    let repo = tempfile::tempdir().unwrap();
    let folder = repo.path().join("ladders");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(repo.path())
            .args([
                "-c",
                "user.name=Rung",
                "-c",
                "user.email=rung@example.invalid",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    write_tree(&folder, &common::worked_example());
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "first"]);
    write_tree(&folder, &edited_example());
    git(&["commit", "-q", "-am", "second"]);
    let o = rung(&[
        "diff",
        "--versions",
        "HEAD~1",
        "HEAD",
        "--ladders",
        &folder.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["added"].as_array().unwrap().len(), 2);
    assert_eq!(json["removed"].as_array().unwrap().len(), 1);
    assert_eq!(json["reworded"][0]["id"], "engineering/e1/tests-and-review");
    let o = rung(&[
        "diff",
        "--versions",
        "no-such-rev",
        "HEAD",
        "--ladders",
        &folder.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a folder nor a git revision"));
}

#[test]
fn links_are_followed_through_the_levels_in_between_and_named_once() {
    // e2 replaces e1's tests-and-review, e3 replaces e2's: e1 → e3 shows one stronger form.
    let mut files: Vec<rung::SourceFile> = common::worked_example()
        .into_iter()
        .map(|(p, t)| {
            let t = match p.as_str() {
                "framework.md" => t.replace(
                    "dimensions:",
                    "  - number: 3\n    name: Established\ndimensions:",
                ),
                "tracks/engineering/e2.md" => t.replace(
                    "- Reviews colleagues' changes and points out missing tests.",
                    "- Reviews colleagues' changes and points out missing tests. {#reviews replaces=e1/tests-and-review replaces=e1/tests-and-review}",
                ),
                _ => t,
            };
            rung::SourceFile::new(p, t)
        })
        .collect();
    files.push(rung::SourceFile::new(
        "tracks/engineering/e3.md",
        "---\nid: e3\ntitle: Engineer III\nband: 3\nsummary: Leads projects.\ndimensions:\n  scope: A project.\n  autonomy: Sets their own plan.\n---\n\n## Delivery\n\n- Leads a project of a quarter.\n\n## Code quality\n\n- Sets the team's review practice. {replaces=e2/reviews}\n",
    ));
    let loaded = rung::load(files, Vec::new());
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.severity != rung::Severity::Error),
        "{:?}",
        loaded.diagnostics
    );
    let d = compare::level_delta(
        &loaded.framework,
        &terms(&loaded.framework),
        "engineering",
        "e1",
        "e3",
    )
    .expect("delta");
    let quality = d
        .competencies
        .iter()
        .find(|c| c.competency == "code-quality")
        .expect("code quality");
    assert_eq!(quality.stronger.len(), 1, "{quality:#?}");
    assert!(quality.stronger[0].linked);
    assert_eq!(
        quality.stronger[0].from.id,
        "engineering/e1/tests-and-review"
    );
    assert_eq!(
        quality.stronger[0].to.id,
        "engineering/e3/sets-the-teams-review-practice"
    );
    assert!(quality.dropped.is_empty(), "{quality:#?}");
    // e1 → e2, with the reference written twice: one pair, not two.
    let d = compare::level_delta(
        &loaded.framework,
        &terms(&loaded.framework),
        "engineering",
        "e1",
        "e2",
    )
    .expect("delta");
    assert_eq!(d.counts.stronger, 1, "{d:#?}");
}
