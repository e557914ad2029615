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
    ]);
    has(&lines, &[
        "b.yaml:4:11: not mapped: expectation \"Leads a guild.\": its level `Staff` is not in the levels list",
        "b.yaml:5:16: not mapped: example \"Runs the meeting.\": its criterion was not mapped",
        "b.yaml:6:5: not mapped: criterion: it has no text (a text, criterion, summary or description key)",
        "b.yaml:8:16: not mapped: example \"Asks questions.\": its criterion has no text",
        "b.yaml:10:11: not mapped: expectation \"Pairs daily.\": it names no theme (a theme, area, competency or category key)",
        "b.yaml:12:12: problem: theme \"Crafts\": not in the themes list; read as a competency of its own",
        "b.yaml:14:14: not mapped: summary \"Looks at designs before they are built.\": the criterion's text is taken from `text`, and an expectation has one text",
        "c.yaml:2:1: not mapped: the file: invalid YAML: a tab indents this line; indent with spaces",
        "d.yaml:1:1: not mapped: the file: neither a list of criteria tagged with levels nor a map with levels, themes or criteria (see docs/import.md for the shapes rung import reads)",
    ]);
    assert_eq!(out.sources, ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
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
