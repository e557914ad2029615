//! The writer: an [`Imported`] model as the files of a Rung framework (see
//! `docs/format.md`), and the report of where each item went. What the source does not
//! have (band names, the shared dimensions, the rating scale, role definitions, level
//! summaries) is scaffolded with placeholders that `rung check` lists as warnings.

use super::ids;
use super::report::quote;
use super::{CareerPath, Imported, Located, Outcome, Report, ReportLine};
use crate::framework::expectation_id;
use crate::framework::placeholder::text as fill_in;

/// The files of a framework, by path relative to its folder, and the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Every file to write, in a stable order.
    pub files: Vec<(String, String)>,
    /// Where every item of the source went.
    pub report: Report,
}

/// A YAML string: JSON's double-quoted form, which YAML reads the same way, with the
/// characters YAML refuses in a file (DEL, the C1 controls but NEL, U+FFFE and U+FFFF)
/// written as `\u` escapes, which both read.
fn yaml(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    json.chars()
        .map(|c| match c {
            '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => {
                format!("\\u{:04x}", u32::from(c))
            }
            c => c.to_string(),
        })
        .collect()
}

/// One line of text as markdown that reads as itself: a start that markdown would take
/// for a heading, a list, a quote or a numbered item is escaped.
fn inline(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = flat.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && flat[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &flat[..digits], &flat[digits..]);
    }
    if flat.starts_with(['#', '>', '-', '+', '*', '=', '|', '<']) {
        return format!("\\{flat}");
    }
    flat
}

/// A text that may run over several paragraphs, each line made safe.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.lines().map(inline).collect::<Vec<_>>().join("\n"))
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A file built line by line, so that the report can say on which line an item went.
struct File {
    path: String,
    lines: Vec<String>,
}

impl File {
    fn new(path: String) -> File {
        File {
            path,
            lines: Vec::new(),
        }
    }
    fn push(&mut self, line: impl Into<String>) -> String {
        self.lines.push(line.into());
        format!("{}:{}", self.path, self.lines.len())
    }
    fn text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

fn line(at: &Located, what: String, outcome: Outcome) -> ReportLine {
    ReportLine {
        at: at.origin.clone(),
        what,
        outcome,
    }
}

/// The band a level is written on: the source's, or its place in the track.
fn band_of(n: usize, level: &super::Level) -> u32 {
    level
        .band
        .unwrap_or_else(|| u32::try_from(n + 1).unwrap_or(u32::MAX))
}

/// The files of the framework and the report.
pub fn write(imported: &Imported) -> Written {
    write_with(imported, &mut |_, _| {})
}

/// [`write`], telling `progress` before each level how many of the levels are written.
pub fn write_with(imported: &Imported, progress: &mut dyn FnMut(usize, usize)) -> Written {
    let levels = imported
        .tracks
        .iter()
        .map(|t| t.levels.len())
        .sum::<usize>();
    let mut levels_done = 0;
    // The source's ids by where their expectation's text was read, looked up once each.
    let mut source_ids: std::collections::BTreeMap<&super::Origin, Vec<&Located>> =
        std::collections::BTreeMap::new();
    for (at, own) in &imported.source_ids {
        source_ids.entry(at).or_default().push(own);
    }
    let mut report = imported.problems.clone();
    let mut files = Vec::new();
    let bands = imported
        .tracks
        .iter()
        .flat_map(|t| t.levels.iter().enumerate().map(|(n, l)| band_of(n, l)))
        .max()
        .unwrap_or(0)
        .max(1);

    let mut framework = File::new("framework.md".to_owned());
    framework.push("---");
    framework.push(format!("name: {}", yaml(&imported.name)));
    framework.push(format!(
        "version: {}  # a label cases record, for example 2026.1",
        yaml(&fill_in("version"))
    ));
    framework.push("# The source states each level's expectations in full: none are inherited.");
    framework.push("cumulative: false");
    framework.push("bands:  # a band is a step shared by the levels of every track on it");
    for n in 1..=bands {
        framework.push(format!("  - number: {n}"));
        framework.push(format!(
            "    name: {}",
            yaml(&fill_in(&format!("band {n} name")))
        ));
    }
    framework.push("dimensions:");
    framework.push("  - id: scope");
    framework.push("    name: Scope");
    framework.push(format!("    description: {}", yaml(&fill_in("the dimensions every level states, such as scope and autonomy (this one is an example)"))));
    framework.push("rating:");
    for (i, (id, name)) in [
        ("not-yet", "Not yet"),
        ("meets", "Meets"),
        ("beyond", "Beyond"),
    ]
    .into_iter()
    .enumerate()
    {
        framework.push(format!("  - id: {id}"));
        framework.push(format!("    name: {name}"));
        if i == 0 {
            framework.push(format!(
                "    description: {}",
                yaml(&fill_in(
                    "the rating scale cases use, lowest first (these three are a default)"
                ))
            ));
        }
    }
    framework.push("---");
    framework.push("");
    framework.push(format!(
        "Imported by `rung import` from {}.",
        imported
            .sources
            .iter()
            // The file's name only, so that the text does not depend on where it was run.
            .map(|s| s.rsplit(['/', '\\']).next().unwrap_or(s))
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for note in &imported.notes {
        framework.push("");
        let to = framework.push(paragraphs(&note.text));
        report.push(line(note, quote(&note.text), Outcome::Note { to }));
    }
    files.push((framework.path.clone(), framework.text()));

    for competency in &imported.competencies {
        let users: Vec<&str> = imported
            .tracks
            .iter()
            .filter(|t| {
                t.levels
                    .iter()
                    .any(|l| l.expectations.iter().any(|e| e.competency == competency.id))
            })
            .map(|t| t.id.as_str())
            .collect();
        let mut file = File::new(format!("competencies/{}.md", competency.id));
        file.push("---");
        file.push(format!("id: {}", competency.id));
        let to = file.push(format!("name: {}", yaml(&competency.name)));
        if users.len() < imported.tracks.len() && !users.is_empty() {
            file.push(format!("tracks: [{}]", users.join(", ")));
        }
        file.push("---");
        file.push("");
        let named = Located {
            text: competency.name.clone(),
            origin: competency.origin.clone(),
        };
        report.push(line(
            &named,
            format!("competency {}", quote(&competency.name)),
            Outcome::Mapped { to },
        ));
        match &competency.description {
            Some(d) => {
                let to = file.push(paragraphs(&d.text));
                report.push(line(
                    d,
                    format!("description {}", quote(&d.text)),
                    Outcome::Mapped { to },
                ));
            }
            None => {
                file.push(fill_in("what this competency covers"));
            }
        }
        for (heading, what) in [
            (
                "Evidence",
                "what good evidence for this competency looks like",
            ),
            (
                "Questions",
                "questions a reader from another craft can ask a specialist to judge it",
            ),
        ] {
            file.push("");
            file.push(format!("## {heading}"));
            file.push("");
            file.push(format!("- {}", fill_in(what)));
        }
        files.push((file.path.clone(), file.text()));
    }

    for track in &imported.tracks {
        let folder = format!("tracks/{}", track.id);
        let mut file = File::new(format!("{folder}/track.md"));
        file.push("---");
        file.push(format!("id: {}", track.id));
        let to = file.push(format!("name: {}", yaml(&track.name)));
        file.push(format!("craft: {}", track.id));
        file.push(match track.career_path {
            Some(CareerPath::Manager) => "career_path: manager",
            _ => "career_path: individual-contributor",
        });
        file.push(format!("summary: {}", yaml(&fill_in("one sentence on the role; check its craft and career path above, which the import assumed"))));
        file.push("---");
        let named = Located {
            text: track.name.clone(),
            origin: track.origin.clone(),
        };
        report.push(line(
            &named,
            format!("track {}", quote(&track.name)),
            Outcome::Mapped { to },
        ));
        for (heading, what) in [
            ("Purpose", "why the role exists"),
            ("Responsibilities", "what the role answers for"),
            (
                "Decision rights",
                "what the role decides, and what it does not",
            ),
            (
                "Working with other roles",
                "who owns product and technical direction, and who decides when they disagree",
            ),
        ] {
            file.push("");
            file.push(format!("## {heading}"));
            file.push("");
            file.push(fill_in(what));
        }
        files.push((file.path.clone(), file.text()));

        for (n, level) in track.levels.iter().enumerate() {
            progress(levels_done, levels);
            levels_done += 1;
            let mut file = File::new(format!("{folder}/{}.md", level.id));
            file.push("---");
            file.push(format!("id: {}", level.id));
            let to = file.push(format!("title: {}", yaml(&level.title)));
            file.push(format!("band: {}", band_of(n, level)));
            file.push(format!(
                "summary: {}",
                yaml(&fill_in("one or two sentences on this level"))
            ));
            file.push("dimensions:");
            file.push(format!("  scope: {}", yaml(&fill_in("this level's scope"))));
            file.push("---");
            let named = Located {
                text: level.title.clone(),
                origin: level.origin.clone(),
            };
            report.push(line(
                &named,
                format!("level {}", quote(&level.title)),
                Outcome::Mapped { to },
            ));
            for note in &level.notes {
                file.push("");
                let to = file.push(paragraphs(&note.text));
                report.push(line(note, quote(&note.text), Outcome::Note { to }));
            }
            let mut keys = ids::Keys::default();
            let mut seen: std::collections::HashMap<&str, &super::Origin> =
                std::collections::HashMap::new();
            for competency in &imported.competencies {
                let mine: Vec<_> = level
                    .expectations
                    .iter()
                    .filter(|e| e.competency == competency.id)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                // A name with other white space than single spaces (a tab, two spaces) is
                // headed by its id: the loader matches a heading to the name as written.
                // So is a name another competency also answers to (the loader takes the
                // first whose name or id matches, whatever the ASCII case, after one whose
                // id is the heading exactly).
                let flat = competency
                    .name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let answers = |heading: &str| {
                    imported
                        .competencies
                        .iter()
                        .filter(|c| {
                            c.name.eq_ignore_ascii_case(heading)
                                || c.id.eq_ignore_ascii_case(heading)
                        })
                        .count()
                };
                let heading = if competency
                    .name
                    .contains(['*', '_', '`', '[', '<', '#', '\\', '&'])
                    || flat != competency.name
                    || answers(&flat) > 1
                {
                    competency.id.clone()
                } else {
                    flat
                };
                file.push("");
                file.push(format!("## {heading}"));
                file.push("");
                for e in mine {
                    let text = inline(&e.text.text);
                    let (key, explicit) = keys.take(&text);
                    let written = if explicit {
                        format!("- {text} {{#{key}}}")
                    } else {
                        format!("- {text}")
                    };
                    let at = file.push(written);
                    let id = expectation_id::full_id(&track.id, &level.id, &key);
                    if let Some(first) = seen.get(e.text.text.as_str()) {
                        report.push(line(
                            &e.text,
                            format!("expectation {}", quote(&e.text.text)),
                            Outcome::Problem {
                                why: format!(
                                    "it repeats the one at {}{}:{} in the same level; written again as {key}",
                                    if first.path == e.text.origin.path {
                                        String::new()
                                    } else {
                                        format!("{}:", first.path)
                                    },
                                    first.line,
                                    first.column
                                ),
                            },
                        ));
                    } else {
                        seen.insert(&e.text.text, &e.text.origin);
                    }
                    report.push(line(
                        &e.text,
                        format!("expectation {}", quote(&e.text.text)),
                        Outcome::Mapped {
                            to: format!("{at} as {id}"),
                        },
                    ));
                    for own in source_ids.get(&e.text.origin).into_iter().flatten() {
                        report.push(line(
                            own,
                            format!("source id {}", quote(&own.text)),
                            Outcome::Mapped {
                                to: format!("{at} as {id}"),
                            },
                        ));
                    }
                    for example in &e.examples {
                        let to = file.push(format!("  - {}", inline(&example.text)));
                        report.push(line(
                            example,
                            format!("example {}", quote(&example.text)),
                            Outcome::Mapped { to },
                        ));
                    }
                }
            }
            files.push((file.path.clone(), file.text()));
        }
    }
    report.sort_by(|a, b| a.at.cmp(&b.at));
    Written {
        files,
        report: Report { lines: report },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_markdown_would_read_as_structure_is_escaped() {
        assert_eq!(inline("1. First"), "1\\. First");
        assert_eq!(inline("# Not a heading"), "\\# Not a heading");
        assert_eq!(inline("Plain\n  words"), "Plain words");
        assert_eq!(yaml("Say \"hi\""), "\"Say \\\"hi\\\"\"");
        // YAML refuses DEL and the C1 controls as they are; escaped, it reads them.
        assert_eq!(yaml("a\u{7f}b\u{85}"), "\"a\\u007fb\u{85}\"");
    }
}
