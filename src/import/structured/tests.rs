//! The structured reader on small sources: what the report says, line by line.

use super::super::{write, CareerPath, Imported, Source};

fn import(files: &[(&str, &str)]) -> (Imported, Vec<String>) {
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source {
            path: (*path).to_owned(),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    let refs: Vec<&Source> = sources.iter().collect();
    let mut out = Imported {
        name: "eng".to_owned(),
        ..Imported::default()
    };
    super::read(&refs, &mut out);
    let lines = write(&out)
        .report
        .lines
        .iter()
        .map(ToString::to_string)
        .collect();
    (out, lines)
}

fn has(lines: &[String], expected: &[&str]) {
    for line in expected {
        assert!(
            lines.iter().any(|l| l == line),
            "{line}\nnot in\n{}",
            lines.join("\n")
        );
    }
}

const ONE_FILE: &str = "name: Engineering
summary: |
  For engineers.
sheet: abc
levels:
  - id: junior
    name: Junior Engineer
  - id: senior-ic
    name: Senior (Individual Contributor)
  - id: senior-pm
    name: Senior (People Manager)
themes:
  - id: tech
    name: Technical
    summary: Builds things.
competencies:
  - id: a-1
    level: junior
    theme: tech
    summary: |
      1. Writes tests.

      2. Reviews code.
    proficiency: Awareness
  - id: a-2
    level: senior-pm
    theme: tech
    summary: Leads a team.
    examples:
      - Runs one to ones
";

#[test]
fn one_file_with_levels_themes_and_criteria_branches_into_a_manager_track() {
    let (out, lines) = import(&[("ft.yml", ONE_FILE)]);
    has(&lines, &[
        "ft.yml:1:7: mapped: track \"Engineering\" → tracks/engineering/track.md:3",
        "ft.yml:3:3: kept as a note: \"For engineers.\" → framework.md:27",
        "ft.yml:4:1: not mapped: key `sheet`: not a key rung import reads at the top of a file (it reads name, summary, levels, themes and criteria, or other names for them listed in docs/import.md)",
        "ft.yml:9:11: mapped: level \"Senior (Individual Contributor)\" → tracks/engineering/senior-individual-contributor.md:3",
        "ft.yml:11:11: mapped: track \"Engineering management\" → tracks/engineering-management/track.md:3",
        "ft.yml:15:14: mapped: description \"Builds things.\" → competencies/technical.md:6",
        "ft.yml:17:9: mapped: source id \"a-1\" → tracks/engineering/junior-engineer.md:12 as engineering/junior-engineer/writes-tests",
        "ft.yml:17:9: mapped: source id \"a-1\" → tracks/engineering/junior-engineer.md:13 as engineering/junior-engineer/reviews-code",
        "ft.yml:23:10: mapped: expectation \"Reviews code.\" → tracks/engineering/junior-engineer.md:13 as engineering/junior-engineer/reviews-code",
        "ft.yml:24:5: not mapped: key `proficiency`: not a key rung import reads in a criterion (it reads id, level, theme, text and examples, or other names for them listed in docs/import.md)",
        "ft.yml:30:9: mapped: example \"Runs one to ones\" → tracks/engineering-management/senior-people-manager.md:13",
    ]);
    assert_eq!(out.name, "Engineering");
    let manager = &out.tracks[1];
    assert_eq!(manager.career_path, Some(CareerPath::Manager));
    assert_eq!(manager.levels[0].band, Some(2));
    assert_eq!(out.tracks[0].career_path, None);
    assert_eq!(out.tracks[0].levels.len(), 2);
}

#[test]
fn levels_and_criteria_in_separate_files_are_read_together_in_the_levels_order() {
    let levels = "- id: l2\n  name: Mid\n  number: 2\n- id: l1\n  name: Junior\n  number: 1\n  description: New to the craft.\n";
    let criteria = "- level: l1\n  area: Delivery\n  text: Finishes small tasks.\n- level: Mid\n  area: Delivery\n  text: Plans a week of work.\n  example: Splits a story.\n";
    let (out, lines) = import(&[
        ("data/levels.yml", levels),
        ("data/criteria.yaml", criteria),
    ]);
    let titles: Vec<&str> = out.tracks[0]
        .levels
        .iter()
        .map(|l| l.title.as_str())
        .collect();
    assert_eq!(titles, ["Junior", "Mid"]);
    has(&lines, &[
        "data/levels.yml:7:16: kept as a note: \"New to the craft.\" → tracks/eng/junior.md:10",
        "data/criteria.yaml:3:9: mapped: expectation \"Finishes small tasks.\" → tracks/eng/junior.md:14 as eng/junior/finishes-small-tasks",
        "data/criteria.yaml:7:12: mapped: example \"Splits a story.\" → tracks/eng/mid.md:13",
    ]);
}

#[test]
fn json_levels_may_hold_their_criteria() {
    let json = r#"{
  "levels": [
    {"name": "E1", "criteria": [
      {"theme": "Craft", "text": "Writes clear code.", "examples": ["Names things well."]},
      {"theme": "Craft", "description": "Tests it."}
    ]},
    {"name": "E2", "path": "Management", "criteria": [{"theme": "People", "text": "Runs one to ones."}]}
  ]
}
"#;
    let (out, lines) = import(&[("ladder.json", json)]);
    has(&lines, &[
        "ladder.json:4:35: mapped: expectation \"Writes clear code.\" → tracks/eng/e1.md:12 as eng/e1/writes-clear-code",
        "ladder.json:4:70: mapped: example \"Names things well.\" → tracks/eng/e1.md:13",
        "ladder.json:5:42: mapped: expectation \"Tests it.\" → tracks/eng/e1.md:14 as eng/e1/tests-it",
        "ladder.json:7:84: mapped: expectation \"Runs one to ones.\" → tracks/eng-management/e2.md:12 as eng-management/e2/runs-one-to-ones",
    ]);
    assert_eq!(out.tracks[1].levels[0].band, Some(2));
}

#[test]
fn messy_criteria_each_get_a_line_and_a_broken_file_does_not_stop_the_others() {
    let levels = "levels: [Junior, Senior]\nthemes: [Craft]\n";
    let criteria = "criteria:
  - level: Staff
    theme: Craft
    text: Leads a guild.
    examples: [Runs the meeting.]
  - level: Junior
    theme: Craft
    examples: [Asks questions.]
  - level: Junior
    text: Pairs daily.
  - level: Senior
    theme: Crafts
    text: Reviews designs.
    summary: Looks at designs before they are built.
";
    let (out, lines) = import(&[
        ("a.yaml", levels),
        ("b.yaml", criteria),
        ("c.yaml", "levels:\n\t- x\n"),
        ("d.yaml", "- one\n- two\n"),
        ("e.yaml", "levels:\n  - x\n \t- y\n"),
    ]);
    has(&lines, &[
        "b.yaml:4:11: not mapped: expectation \"Leads a guild.\": its level `Staff` is not in the levels list",
        "b.yaml:5:16: not mapped: example \"Runs the meeting.\": its criterion was not mapped",
        "b.yaml:6:5: not mapped: criterion: it has no text (a text, criterion, summary or description key)",
        "b.yaml:8:16: not mapped: example \"Asks questions.\": its criterion has no text",
        "b.yaml:10:11: not mapped: expectation \"Pairs daily.\": it names no theme (a theme, area, competency or category key)",
        "b.yaml:12:12: problem: theme \"Crafts\": not in the themes list; read as a competency of its own",
        "b.yaml:14:14: not mapped: summary \"Looks at designs before they are built.\": the criterion's text is taken from `text`, and an expectation has one text",
        "c.yaml:2:1: problem: a tab: tabs indent this file, which YAML does not allow; read as a space each",
        "c.yaml:2:4: mapped: level \"x\" → tracks/eng/x.md:3",
        "e.yaml:3:2: not mapped: the file: invalid YAML: a tab indents this line; indent with spaces; none of this file was imported",
        "d.yaml:1:1: not mapped: the file: neither a list of criteria tagged with levels nor a map with levels, themes or criteria (see docs/import.md for the shapes rung import reads)",
    ]);
    assert_eq!(
        out.sources,
        ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    );
    assert_eq!(out.competencies.len(), 2);
}

#[test]
fn without_a_levels_list_levels_come_in_the_order_first_met() {
    let criteria = "- {level: IC2, theme: Craft, text: Designs a service.}\n- {level: IC1, theme: Craft, text: Fixes a bug.}\n- {level: M1, theme: People, text: Hires.}\n";
    let (out, _) = import(&[("criteria.yml", criteria)]);
    let titles: Vec<&str> = out.tracks[0]
        .levels
        .iter()
        .map(|l| l.title.as_str())
        .collect();
    assert_eq!(titles, ["IC2", "IC1"]);
    assert_eq!(out.tracks[1].levels[0].title, "M1");
    assert_eq!(out.tracks[1].career_path, Some(CareerPath::Manager));
}

#[test]
fn odd_input_gives_report_lines_never_a_panic() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let inputs: Vec<(&str, String)> = vec![
        ("a.json", deep.clone()),
        ("a.yaml", deep),
        ("b.yaml", "levels: 3\nthemes: {x: 1}\ncriteria: plain\n".to_owned()),
        ("c.yaml", "criteria:\n  - level: [a, b]\n    theme: {x: y}\n    text: {deep: 1}\n    examples: {a: b}\n".to_owned()),
        ("d.yaml", "a: &x {level: 1}\ncriteria: [*x, {level: 2, theme: t, text: '1.'}]\n".to_owned()),
        ("e.yaml", "levels:\n  - {}\n  - number: x\n    band: 0\n    path: sideways\n    name: L\n".to_owned()),
        ("f.yaml", "criteria:\n  - level: L\n    theme: T\n    text: \"- one\\n- two\"\n    examples: \"1. x\\n2. y\"\n".to_owned()),
        ("g.yml", "key: value\nkey: again\n".to_owned()),
        ("h.json", "\"just a string\"".to_owned()),
        ("i.yaml", "- 1\n- {level: }\n".to_owned()),
    ];
    let files: Vec<(&str, &str)> = inputs.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (_, lines) = import(&files);
    for path in ["a.json", "a.yaml", "g.yml", "h.json"] {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{path}:"))),
            "{path}\n{}",
            lines.join("\n")
        );
    }
    has(&lines, &[
        "b.yaml:1:9: not mapped: \"3\": expected a list here",
            "a.json:1:256: not mapped: the file: it is nested too deeply to read; none of this file was imported",
            "a.yaml:1:256: not mapped: the file: it is nested too deeply to read; none of this file was imported",
            "g.yml:2:1: not mapped: key `key`: the map already has it at line 1, column 1; the first is kept",
        "e.yaml:2:5: not mapped: level: it has no name or id",
        "e.yaml:3:13: problem: key `number`: not a number; the levels keep the order of the list",
        "e.yaml:5:11: problem: path \"sideways\": neither a manager nor an individual-contributor path; the level is read as shared",
        "f.yaml:4:14: mapped: expectation \"one\" → tracks/eng/l.md:12 as eng/l/one",
            "f.yaml:4:21: mapped: expectation \"two\" → tracks/eng/l.md:15 as eng/l/two",
            "f.yaml:5:25: mapped: example \"y\" → tracks/eng/l.md:14",
    ]);
}

#[test]
fn a_shared_level_above_the_branches_stays_on_the_individual_contributor_track() {
    let source = "levels:
  junior: Junior
  senior: Senior
  staff-ic: Staff (Individual Contributor)
  staff-pm: Staff (People Manager)
  principal-ic: Principal (Individual Contributor)
  principal-pm: Principal (People Manager)
  director: Director
competencies:
  - {id: craft, name: Craft, description: Building well.}
criteria:
  - {level: director, theme: craft, text: Sets the direction of both paths.}
  - {level: principal-pm, theme: Craft, text: Grows managers.}
";
    let (out, lines) = import(&[("ladder.yaml", source)]);
    let bands = |t: usize| -> Vec<(String, Option<u32>)> {
        out.tracks[t]
            .levels
            .iter()
            .map(|l| (l.id.clone(), l.band))
            .collect()
    };
    assert_eq!(
        bands(0),
        [
            ("junior".to_owned(), None),
            ("senior".to_owned(), None),
            ("staff-individual-contributor".to_owned(), None),
            ("principal-individual-contributor".to_owned(), None),
            ("director".to_owned(), None),
        ]
    );
    assert_eq!(
        bands(1),
        [
            ("staff-people-manager".to_owned(), Some(3)),
            ("principal-people-manager".to_owned(), Some(4)),
        ]
    );
    has(&lines, &[
        "ladder.yaml:10:43: mapped: description \"Building well.\" → competencies/craft.md:6",
        "ladder.yaml:12:43: mapped: expectation \"Sets the direction of both paths.\" → tracks/eng/director.md:12 as eng/director/sets-the-direction-of-both-paths",
        "ladder.yaml:13:47: mapped: expectation \"Grows managers.\" → tracks/eng-management/principal-people-manager.md:12 as eng-management/principal-people-manager/grows-managers",
    ]);
}

#[test]
fn a_theme_may_hold_its_criteria_by_level_and_a_level_by_theme() {
    let by_theme = "themes:
  - name: Ownership
    description: Seeing work through.
    levels:
      1:
        name: Learning
        description:
          - Finishes tasks on time.
          - Says early when a task slips.
      2: Sets goals for the team.
";
    let by_level = "levels:
  - name: '3'
    themes:
      Ownership: [Owns a product area.]
";
    let (out, lines) = import(&[("a.yaml", by_theme)]);
    has(&lines, &[
        "a.yaml:6:15: not mapped: name \"Learning\": the criterion's text is taken from `description`, and an expectation has one text",
        "a.yaml:8:13: mapped: expectation \"Finishes tasks on time.\" → tracks/eng/1.md:12 as eng/1/finishes-tasks-on-time",
        "a.yaml:10:10: mapped: expectation \"Sets goals for the team.\" → tracks/eng/2.md:12 as eng/2/sets-goals-for-the-team",
    ]);
    assert_eq!(out.competencies.len(), 1);
    let (_, lines) = import(&[("a.yaml", by_theme), ("b.yaml", by_level)]);
    has(&lines, &[
        "a.yaml:8:13: not mapped: expectation \"Finishes tasks on time.\": its level `1` is not in the levels list",
        "b.yaml:4:19: mapped: expectation \"Owns a product area.\" → tracks/eng/3.md:12 as eng/3/owns-a-product-area",
    ]);
}
