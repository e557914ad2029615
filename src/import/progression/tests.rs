//! The progression family's report, line by line, on pages written for the tests.

use super::topics::level_number;
use super::*;

fn report(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    report_bytes(&files)
}

fn report_bytes(files: &[(&str, &[u8])]) -> Vec<String> {
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, bytes)| Source {
            path: (*path).to_owned(),
            bytes: bytes.to_vec(),
        })
        .collect();
    let imported = super::super::read(&sources, "eng", &super::super::Options::default());
    super::super::write(&imported)
        .report
        .lines
        .iter()
        .map(ToString::to_string)
        .collect()
}

const PAGE: &str = r#"---
path: "/eng/backend"
title: "Backend Engineering"
sidebarTitle: "Backend"
yaml: true
topics:
  - name: "delivery"
    title:
    content:
      - level: 1
        criteria:
          - "Finishes small <b>tasks</b>"
      - level: 2
        criteria:
          - "Everything in the level below, plus:"
          - "Plans a week of work"
        exampleCriteria:
          - criteria: "Splits a feature into tasks"
            examples:
              - "A plan in the ticket"
  - name: "craft"
    title: "Craft"
    content:
      - level: 2
        criteria:
          - Writes tests
---
### About
Our levels.
- one
"#;

#[test]
fn a_page_is_a_track_of_numbered_levels_with_topics_as_competencies() {
    let got = report(&[("eng/backend.md", PAGE)]);
    let expected = [
            "eng/backend.md:2:1: not mapped: key \"path\": the page's address on the site that published it; Rung names its files after their ids",
            "eng/backend.md:3:1: not mapped: key \"title\": the page is named after its sidebarTitle, the shorter of its two names",
            "eng/backend.md:4:15: mapped: track \"Backend\" → tracks/backend/track.md:3",
            "eng/backend.md:5:1: not mapped: key \"yaml\": it told the site whether the page holds a matrix; the page was read from what it holds",
            "eng/backend.md:7:11: mapped: competency \"delivery\" → competencies/delivery.md:3",
            "eng/backend.md:10:16: mapped: level \"Level 1\" → tracks/backend/level-1.md:3",
            "eng/backend.md:12:13: mapped: expectation \"Finishes small tasks\" → tracks/backend/level-1.md:12 as backend/level-1/finishes-small-tasks",
            "eng/backend.md:12:29: problem: HTML \"<b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng/backend.md:12:37: problem: HTML \"</b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng/backend.md:13:16: mapped: level \"Level 2\" → tracks/backend/level-2.md:3",
            "eng/backend.md:15:13: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists",
            "eng/backend.md:15:13: kept as a note: \"Everything in the level below, plus:\" → tracks/backend/level-2.md:10",
            "eng/backend.md:16:13: mapped: expectation \"Plans a week of work\" → tracks/backend/level-2.md:14 as backend/level-2/plans-a-week-of-work",
            "eng/backend.md:18:23: mapped: expectation \"Splits a feature into tasks\" → tracks/backend/level-2.md:15 as backend/level-2/splits-a-feature-into-tasks",
            "eng/backend.md:20:17: mapped: example \"A plan in the ticket\" → tracks/backend/level-2.md:16",
            "eng/backend.md:21:11: mapped: competency \"Craft\" → competencies/craft.md:3",
            "eng/backend.md:26:13: mapped: expectation \"Writes tests\" → tracks/backend/level-2.md:20 as backend/level-2/writes-tests",
            "eng/backend.md:28:5: kept as a note: \"Backend: About\" → framework.md:27",
            "eng/backend.md:29:1: kept as a note: \"Backend: Our levels. - one\" → framework.md:29",
        ];
    assert_eq!(got, expected, "{got:#?}");
}

const MESSY: &str = r#"---
title: Data
levels: 3
owner: someone
topics:
  - title:
    content:
      - level: 2
        criteria:
          - Cleans a data set
      - level: two
        criteria:
          - Builds a model
        exampleCriteria:
          - criteria: Explains a model
            examples:
              - A short talk
      - level: 2
        criteria:
          - Documents a data set
      - level: 4
      - criteria:
          - Owns a pipeline
  - name: quality
    content:
      - level: 4
        criteria:
          - Reviews analyses
          - [not, text]
          - ""
        exampleCriteria:
          - examples:
              - A lonely example
---
"#;

#[test]
fn messy_topics_and_levels_are_report_lines_and_the_rest_is_read() {
    let got = report(&[("data.md", MESSY)]);
    let expected = [
            "data.md:2:8: mapped: track \"Data\" → tracks/data/track.md:3",
            "data.md:3:1: not mapped: key \"levels\": the number of levels, which are read from the topics themselves",
            "data.md:4:1: not mapped: key \"owner\": not a key of this format, so nothing in it was read",
            "data.md:6:5: problem: topic 1: it has no name or title, so its criteria go to the competency \"Topic 1\"",
            "data.md:6:5: mapped: competency \"Topic 1\" → competencies/topic-1.md:3",
            "data.md:8:16: problem: level \"Level 2\": the page's levels start at 2: each level keeps its number as its band, so no level of this track is on a band below it",
            "data.md:8:16: mapped: level \"Level 2\" → tracks/data/level-2.md:3",
            "data.md:10:13: mapped: expectation \"Cleans a data set\" → tracks/data/level-2.md:12 as data/level-2/cleans-a-data-set",
            "data.md:11:16: not mapped: level \"two\" of topic \"Topic 1\": not a level number (a whole number from 1), so its criteria are not read",
            "data.md:13:13: not mapped: criterion \"Builds a model\": its level has no number",
            "data.md:15:23: not mapped: criterion \"Explains a model\": its level has no number",
            "data.md:17:17: not mapped: example \"A short talk\": its level has no number",
            "data.md:18:16: problem: level 2 of topic \"Topic 1\": it appears twice in the topic; the criteria of both are read into \"Level 2\"",
            "data.md:20:13: mapped: expectation \"Documents a data set\" → tracks/data/level-2.md:13 as data/level-2/documents-a-data-set",
            "data.md:21:16: problem: level 4 of topic \"Topic 1\": it has no criteria",
            "data.md:22:9: not mapped: a level of topic \"Topic 1\": it has no level number, so its criteria are not read",
            "data.md:23:13: not mapped: criterion \"Owns a pipeline\": its level has no number",
            "data.md:24:11: mapped: competency \"quality\" → competencies/quality.md:3",
            "data.md:26:16: problem: level \"Level 4\": the page has no level 3, so this level is put on band 3: a track may not skip a band",
            "data.md:26:16: mapped: level \"Level 4\" → tracks/data/level-4.md:3",
            "data.md:28:13: mapped: expectation \"Reviews analyses\" → tracks/data/level-4.md:12 as data/level-4/reviews-analyses",
            "data.md:29:13: not mapped: a criterion of level 4 of topic \"quality\": it is not text (a list or a mapping), so it is not read",
            "data.md:30:13: problem: a criterion of level 4 of topic \"quality\": it is empty",
            "data.md:33:17: not mapped: example \"A lonely example\": its entry has no criterion for it to illustrate",
        ];
    assert_eq!(got, expected, "{got:#?}");
}

#[test]
fn broken_files_are_report_lines() {
    let tabs = "---\ntitle: T\ntopics:\n\t- name: a\n\t  content:\n\t    - criteria: []\n---\n";
    let got = report_bytes(&[
        ("a/empty.md", b""),
        ("a/latin.md", b"---\ntitle: caf\xe9\ntopics:\n"),
        ("a/tabs.md", tabs.as_bytes()),
        ("a/unclosed.md", b"---\ntopics:\n  - name: a\n"),
    ]);
    let expected = [
            "a/empty.md:1:1: not mapped: the file: it is empty",
            "a/latin.md:2:11: not mapped: the file: it is not UTF-8 text; save it as UTF-8 and import again",
            "a/tabs.md:4:2: not mapped: the front matter: invalid YAML (a tab indents this line; YAML indents with spaces), so nothing in it is read",
            "a/unclosed.md:1:1: not mapped: the front matter: it is never closed (no line `---` after it), so nothing in the page is read",
        ];
    assert_eq!(got, expected, "{got:#?}");
}

#[test]
fn a_key_given_twice_keeps_the_first_and_the_rest_is_read() {
    let page = "---\ntitle: Backend\ntitle: Again\ntopics:\n  - name: a\n    name: b\n    content:\n      - level: 1\n        criteria: [Ships small changes.]\n---\n";
    let deep = format!(
        "---\ntitle: T\ntopics: {}{}\n---\n",
        "[".repeat(200),
        "]".repeat(200)
    );
    let nul = "---\ntitle: \"Ops\\0\"\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: [\"Pages \\u0000on call.\"]\n---\n";
    let got = report(&[("a/dup.md", page), ("b/deep.md", &deep), ("c/nul.md", nul)]);
    for line in [
        "a/dup.md:3:1: not mapped: key `title`: the map already has it at line 2, column 1; the first is kept",
        "a/dup.md:6:5: not mapped: key `name`: the map already has it at line 5, column 5; the first is kept",
        "b/deep.md:3:72: not mapped: the front matter: invalid YAML (it is nested too deeply), so nothing in it is read",
        "c/nul.md:2:8: problem: a text: it holds a control character (U+0000) that no page can show; left out",
        "c/nul.md:2:8: mapped: track \"Ops\" → tracks/ops/track.md:3",
        "c/nul.md:7:20: problem: a text: it holds a control character (U+0000) that no page can show; left out",
        "c/nul.md:7:20: mapped: expectation \"Pages on call.\" → tracks/ops/level-1.md:12 as ops/level-1/pages-on-call",
    ] {
        assert!(got.iter().any(|l| l == line), "{line}\nnot in {got:#?}");
    }
    assert!(
        got.iter()
            .any(|l| l.starts_with("a/dup.md:9:20: mapped: expectation \"Ships small changes.\"")),
        "{got:#?}"
    );
}

#[test]
fn a_prose_page_beside_a_matrix_page_is_kept_as_notes() {
    let prose = "---\npath: /why\ntitle: Why levels\nsidebarGroup:\nyaml: false\n---\n\nWe grow <i>people</i>.\n\n***\n## Principles\n\n- Care\n- Craft\n";
    let got = report(&[("f/backend.md", PAGE), ("f/why.md", prose)]);
    let got: Vec<&String> = got.iter().filter(|l| l.starts_with("f/why.md")).collect();
    let expected = [
            "f/why.md:2:1: not mapped: key \"path\": the page's address on the site that published it; Rung names its files after their ids",
            "f/why.md:4:1: not mapped: key \"sidebarGroup\": the menu group the site showed the page under; Rung lists tracks by career path",
            "f/why.md:5:1: not mapped: key \"yaml\": it told the site whether the page holds a matrix; the page was read from what it holds",
            "f/why.md:8:1: kept as a note: \"Why levels: We grow people.\" → framework.md:31",
            "f/why.md:8:9: problem: HTML \"<i>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "f/why.md:8:18: problem: HTML \"</i>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "f/why.md:11:4: kept as a note: \"Why levels: Principles\" → framework.md:33",
            "f/why.md:13:1: kept as a note: \"Why levels: - Care - Craft\" → framework.md:35",
        ];
    assert_eq!(got, expected, "{got:#?}");
}

#[test]
fn two_pages_of_the_same_name_are_two_tracks() {
    let got = report(&[("a/backend.md", PAGE), ("b/server.md", PAGE)]);
    let tracks: Vec<&String> = got.iter().filter(|l| l.contains(" track \"")).collect();
    assert_eq!(
        tracks,
        [
            "a/backend.md:4:15: mapped: track \"Backend\" → tracks/backend/track.md:3",
            "b/server.md:4:15: problem: track \"Backend\": another page already gives a track of this name, so this one is called \"Backend (server)\"",
            "b/server.md:4:15: mapped: track \"Backend (server)\" → tracks/backend-server/track.md:3",
        ],
        "{got:#?}"
    );
}

#[test]
fn a_page_without_a_usable_sidebar_title_is_named_after_its_title() {
    // A single criterion is read as a list of one.
    let page = "---\nsidebarTitle: [web]\ntitle: Web\ntopics:\n  - name: craft\n    content:\n      - level: 1\n        criteria: Ships pages\n---\n";
    let got = report(&[("web.md", page)]);
    assert_eq!(
        got,
        [
            "web.md:2:1: not mapped: key \"sidebarTitle\": it is not text (a list or a mapping), so it cannot name the page",
            "web.md:3:8: mapped: track \"Web\" → tracks/web/track.md:3",
            "web.md:5:11: mapped: competency \"craft\" → competencies/craft.md:3",
            "web.md:7:16: mapped: level \"Level 1\" → tracks/web/level-1.md:3",
            "web.md:8:19: mapped: expectation \"Ships pages\" → tracks/web/level-1.md:12 as web/level-1/ships-pages",
        ],
        "{got:#?}"
    );
}

#[test]
fn the_front_matter_is_detected_from_a_topics_key() {
    assert!(holds_matrix(PAGE.as_bytes()));
    assert!(holds_matrix(
        b"---\ntitle: x\ntopics:\n\t- name: a\n\t  content:\n\t    - criteria: []\n---\n"
    ));
    assert!(!holds_matrix(b"---\ntitle: x\n---\ntopics:\n  criteria:\n"));
    assert!(!holds_matrix(
        b"---\ntitle: x\ntopics: [rust, hiring]\n---\n"
    ));
    assert!(!holds_matrix(b"# Just a page\n"));
}

#[test]
fn level_numbers_are_whole_numbers_from_one() {
    assert_eq!(level_number("3"), Some(3));
    assert_eq!(level_number("Level 4"), Some(4));
    assert_eq!(level_number("0"), None);
    assert_eq!(level_number("three"), None);
    assert_eq!(level_number("2.5"), None);
}
