//! The markdown family: plain markdown pages with a heading per level (or a file per
//! level) and expectations as bullets.
//!
//! The shape is read from the headings. A file whose first heading is the only one at its
//! depth has a title: the track's name when deeper headings name levels, or the level's
//! own title when the file is one level of the track named after its folder (a folder of several files whose headings under
//! the title are competencies, or a file with no headings under its title). A file with
//! several headings at its shallowest depth names a level with each, in a track named
//! after the file. Headings below a level name competencies; bullets are expectations and
//! indented bullets examples of the one above. Sections such as "Anti-patterns", "Not
//! yet" or "Red flags" are kept as notes of the level, never as expectations, and so is a
//! line such as "Everything in the level below, plus:". HTML comments are left out whole
//! (`comments.rs`), and other HTML tags dropped with a report line and the text around
//! them kept. Tables are read in `tables.rs`: a page
//! with a table that names levels (as columns or as rows) is a matrix for the page's
//! track, its headings and other text notes of the framework.

mod comments;
mod tables;

use super::report::quote;
use super::{Expectation, Imported, Located, Origin, Outcome, ReportLine, Source};

/// The competency of bullets written under a level with no competency heading.
const GENERAL: &str = "General";

/// One block of a markdown file.
#[derive(Debug)]
enum Block {
    /// `#`… heading: its depth and text.
    Heading(usize, Located),
    /// A bullet (or numbered item): how far it is indented, and its text.
    Bullet(usize, Located),
    /// Lines of text.
    Paragraph(Located),
    /// A table (GitHub-flavoured markdown).
    Table(tables::Table),
}

fn origin(path: &str, line: usize, column: usize) -> Origin {
    Origin {
        path: path.to_owned(),
        line,
        column,
    }
}

fn report(at: Origin, what: String, outcome: Outcome) -> ReportLine {
    ReportLine { at, what, outcome }
}

/// The text of a line without its HTML tags, and a report line for each tag.
/// `column` is the 1-based column where `text` starts in its line.
pub(super) fn strip_html(
    text: &str,
    line: usize,
    column: usize,
    path: &str,
) -> (String, Vec<ReportLine>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let mut rest = text;
    let mut col = column;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let tag_like = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = after.find('>');
        match (tag_like, end) {
            (true, Some(end)) => {
                out.push_str(&rest[..i]);
                let tag = &rest[i..i + end + 2];
                let at = col + rest[..i].chars().count();
                problems.push(report(
                    origin(path, line, at),
                    format!("HTML {}", quote(tag)),
                    Outcome::Problem {
                        why: "markdown pages are read as text: the tag is dropped and the text around it kept"
                            .to_owned(),
                    },
                ));
                out.push(' ');
                col = at + tag.chars().count();
                rest = &rest[i + end + 2..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                col += rest[..=i].chars().count();
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (flat, problems)
}

/// The width of leading white space, a tab counting four.
fn indent(line: &str) -> (usize, usize) {
    let mut width = 0;
    let mut chars = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4,
            _ => break,
        }
        chars += 1;
    }
    (width, chars)
}

/// The marker of a bullet or numbered item at the start of `s`, in characters with the
/// space after it.
fn bullet_marker(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix(['-', '*', '+']) {
        return (rest.starts_with([' ', '\t'])).then_some(2);
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let rest = &s[digits..];
    (digits > 0 && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(digits + 2)
}

/// The blocks of a file's text, and the problems met reading them.
fn blocks(text: &str, path: &str, problems: &mut Vec<ReportLine>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut n = 0;
    // Front matter is not this family's: said, and skipped.
    if lines.first().map(|l| l.trim_end()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---") {
            problems.push(report(
                origin(path, 1, 1),
                "the front matter".to_owned(),
                Outcome::NotMapped {
                    why: "pages with a heading per level are read from their headings and bullets; import the front matter with its own family".to_owned(),
                },
            ));
            n = end + 2;
        }
    }
    // Whether the previous line can take a continuation (a bullet or a paragraph).
    let mut open = false;
    while n < lines.len() {
        let raw = lines[n].trim_end();
        let line_no = n + 1;
        n += 1;
        if raw.trim().is_empty() {
            open = false;
            continue;
        }
        // A fenced block is text, never headings or bullets: kept whole as a paragraph.
        let fence = raw.trim_start();
        if fence.starts_with("```") || fence.starts_with("~~~") {
            let mark = &fence[..3];
            let mut text: Vec<&str> = Vec::new();
            while n < lines.len() && !lines[n].trim_start().starts_with(mark) {
                text.push(lines[n].trim());
                n += 1;
            }
            n += 1;
            out.push(Block::Paragraph(Located {
                text: text.join(" "),
                origin: origin(path, line_no + 1, 1),
            }));
            open = false;
            continue;
        }
        let (width, lead) = indent(raw);
        if width < 4 {
            if let Some((table, used)) = tables::take(&lines, line_no - 1, path) {
                out.push(Block::Table(table));
                n = line_no - 1 + used;
                open = false;
                continue;
            }
        }
        let body: String = raw.chars().skip(lead).collect();
        let body_col = lead + 1;
        let hashes = body.chars().take_while(|&c| c == '#').count();
        let after = &body[hashes..];
        if width < 4
            && (1..=6).contains(&hashes)
            && (after.is_empty() || after.starts_with([' ', '\t']))
        {
            let skip = after.chars().take_while(|c| c.is_whitespace()).count();
            let heading = after.trim().trim_end_matches('#').trim_end();
            let (heading, tags) = strip_html(heading, line_no, body_col + hashes + skip, path);
            problems.extend(tags);
            out.push(Block::Heading(
                hashes,
                Located {
                    text: heading,
                    origin: origin(path, line_no, body_col + hashes + skip),
                },
            ));
            open = false;
            continue;
        }
        if let Some(marker) = bullet_marker(&body) {
            let text: String = body.chars().skip(marker).collect();
            let skip = text.chars().take_while(|c| c.is_whitespace()).count();
            let col = body_col + marker + skip;
            let (text, tags) = strip_html(text.trim(), line_no, col, path);
            problems.extend(tags);
            out.push(Block::Bullet(
                width,
                Located {
                    text,
                    origin: origin(path, line_no, col),
                },
            ));
            open = true;
            continue;
        }
        let (text, tags) = strip_html(body.trim(), line_no, body_col, path);
        problems.extend(tags);
        if open {
            if let Some(Block::Bullet(_, l) | Block::Paragraph(l)) = out.last_mut() {
                if !text.is_empty() {
                    if !l.text.is_empty() {
                        l.text.push(' ');
                    }
                    l.text.push_str(&text);
                }
                continue;
            }
        }
        out.push(Block::Paragraph(Located {
            text,
            origin: origin(path, line_no, body_col),
        }));
        open = true;
    }
    out.retain(|b| match b {
        Block::Bullet(_, l) | Block::Paragraph(l) => !l.text.is_empty(),
        Block::Heading(..) | Block::Table(_) => true,
    });
    out
}

/// Whether a heading names a section kept apart from the expectations.
fn is_notes_section(heading: &str) -> bool {
    let words: String = heading
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    [
        "anti pattern",
        "antipattern",
        "not yet",
        "red flag",
        "warning sign",
        "pitfall",
        "watch out",
        "notes",
    ]
    .iter()
    .any(|w| words.contains(w))
}

/// Whether a line says the level builds on the one below ("everything in the level
/// below, plus").
pub(super) fn is_cumulative(text: &str) -> bool {
    let t = text.to_lowercase();
    let whole = [
        "everything in",
        "everything from",
        "everything at",
        "all of the",
    ]
    .iter()
    .any(|w| t.contains(w));
    let below = ["below", "previous", "lower", "prior", "plus"]
        .iter()
        .any(|w| t.contains(w));
    whole && below
}

/// How a file's headings are read.
struct Shape {
    /// The title heading's index among the blocks, when the file has one.
    title: Option<usize>,
    /// Whether the file is one level (its title the level's).
    one_level: bool,
    /// The depth of level headings (when not `one_level`).
    level_depth: usize,
}

fn shape(blocks: &[Block], many: bool) -> Shape {
    let depths: Vec<(usize, usize, bool)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading(d, l) => Some((i, *d, is_notes_section(&l.text))),
            _ => None,
        })
        .collect();
    let Some(top) = depths.iter().map(|d| d.1).min() else {
        return Shape {
            title: None,
            one_level: true,
            level_depth: 1,
        };
    };
    let at_top = depths.iter().filter(|d| d.1 == top).count();
    if at_top == 1 && depths.first().is_some_and(|d| d.1 == top) {
        let mut below: Vec<usize> = depths
            .iter()
            .filter(|d| d.1 > top && !d.2)
            .map(|d| d.1)
            .collect();
        below.sort_unstable();
        below.dedup();
        let title = depths.first().map(|d| d.0);
        return match below.as_slice() {
            [] => Shape {
                title,
                one_level: true,
                level_depth: top,
            },
            [only] if many => Shape {
                title,
                one_level: true,
                level_depth: *only,
            },
            [first, ..] => Shape {
                title,
                one_level: false,
                level_depth: *first,
            },
        };
    }
    Shape {
        title: None,
        one_level: false,
        level_depth: top,
    }
}

/// Reads one markdown file into `out`. `many` says the source holds several markdown
/// files, so a file with a title and one depth of headings under it is one level of the
/// folder's track.
pub(super) fn read(source: &Source, many: bool, out: &mut Imported) {
    out.sources.push(source.path.clone());
    let path = source.path.as_str();
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(e) => {
            let good = std::str::from_utf8(&source.bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            out.problems.push(report(
                origin(path, line, column),
                "the file".to_owned(),
                Outcome::NotMapped {
                    why: "it is not UTF-8 text; save it as UTF-8 and import again".to_owned(),
                },
            ));
            return;
        }
    };
    let mut problems = Vec::new();
    let text = comments::drop(text, path, &mut problems);
    let blocks = blocks(&text, path, &mut problems);
    out.problems.append(&mut problems);
    let shape = shape(&blocks, many);
    let stem = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .rsplit_once('.')
        .map_or(path, |(s, _)| s)
        .to_owned();
    let file_start = origin(path, 1, 1);

    if blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if tables::names_levels(t)))
    {
        matrix_page(out, &blocks, shape.title, (&stem, &file_start));
        return;
    }

    let mut track: Option<usize> = None;
    let mut level: Option<usize> = None;
    let mut competency: Option<String> = None;
    let mut section: Option<String> = None;
    let mut last_expectation = false;

    if shape.one_level {
        let (title, at) = match shape.title.and_then(|i| blocks.get(i)) {
            Some(Block::Heading(_, l)) if !l.text.is_empty() => (l.text.clone(), l.origin.clone()),
            _ => (stem.clone(), file_start.clone()),
        };
        // A file per level: the track is the folder the file sits in.
        let folder = path
            .rsplit_once(['/', '\\'])
            .map(|(dir, _)| dir.rsplit(['/', '\\']).next().unwrap_or(dir).to_owned())
            .filter(|d| !d.is_empty() && d != "." && d != "..");
        let name = if many {
            folder.unwrap_or_else(|| out.name.clone())
        } else {
            stem.clone()
        };
        let t = out.track(&name, &at);
        track = Some(t);
        level = Some(out.level(t, &title, &at));
    } else if shape.title.is_none() {
        track = Some(out.track(&stem, &file_start));
    }

    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(depth, l) => {
                last_expectation = false;
                if Some(i) == shape.title {
                    if !shape.one_level {
                        let name = if l.text.is_empty() {
                            out.problems.push(report(
                                l.origin.clone(),
                                "the title".to_owned(),
                                Outcome::Problem {
                                    why: format!(
                                        "it has no text, so the track is named after the file, {}",
                                        quote(&stem)
                                    ),
                                },
                            ));
                            stem.clone()
                        } else {
                            l.text.clone()
                        };
                        track = Some(out.track(&name, &l.origin));
                    }
                    continue;
                }
                if is_notes_section(&l.text) && level.is_some() {
                    section = Some(l.text.clone());
                    continue;
                }
                section = None;
                let Some(t) = track else { continue };
                if !shape.one_level && *depth <= shape.level_depth {
                    let title = if l.text.is_empty() {
                        let title = format!("Level {}", out.tracks[t].levels.len() + 1);
                        out.problems.push(report(
                            l.origin.clone(),
                            "a level heading".to_owned(),
                            Outcome::Problem {
                                why: format!(
                                    "it has no text, so the level is called {}",
                                    quote(&title)
                                ),
                            },
                        ));
                        title
                    } else {
                        l.text.clone()
                    };
                    level = Some(out.level(t, &title, &l.origin));
                    competency = None;
                    continue;
                }
                if level.is_none() {
                    out.problems.push(report(
                        l.origin.clone(),
                        format!("heading {}", quote(&l.text)),
                        Outcome::NotMapped {
                            why: "it comes before any level heading".to_owned(),
                        },
                    ));
                    continue;
                }
                if l.text.is_empty() {
                    out.problems.push(report(
                        l.origin.clone(),
                        "a competency heading".to_owned(),
                        Outcome::Problem {
                            why: format!(
                                "it has no text, so its expectations go to {}",
                                quote(GENERAL)
                            ),
                        },
                    ));
                    competency = Some(out.competency(GENERAL, &l.origin));
                } else {
                    competency = Some(out.competency(&l.text, &l.origin));
                }
            }
            Block::Table(table) => {
                last_expectation = false;
                match (section.as_deref(), track.zip(level)) {
                    (Some(section), Some(at)) => {
                        tables::keep_as_note(out, table, Some(at), Some(section), None);
                    }
                    _ => tables::read(out, table, track, level),
                }
            }
            Block::Bullet(_, l) | Block::Paragraph(l) => place(
                out,
                block,
                l,
                (track, level),
                &mut competency,
                section.as_deref(),
                &mut last_expectation,
            ),
        }
    }
}

/// Reads a page whose tables name its levels: one track, named after the title (else
/// the file); the tables are its matrix, and every other heading, bullet and paragraph a
/// note of the framework.
fn matrix_page(
    out: &mut Imported,
    blocks: &[Block],
    title: Option<usize>,
    (stem, file_start): (&str, &Origin),
) {
    let (name, at) = match title.and_then(|i| blocks.get(i)) {
        Some(Block::Heading(_, l)) if !l.text.is_empty() => (l.text.clone(), l.origin.clone()),
        _ => (stem.to_owned(), file_start.clone()),
    };
    let track = out.track(&name, &at);
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Table(table) => tables::read(out, table, Some(track), None),
            Block::Heading(..) if Some(i) == title => {}
            Block::Heading(_, l) | Block::Bullet(_, l) | Block::Paragraph(l) => {
                if !l.text.is_empty() {
                    out.notes.push(l.clone());
                }
            }
        }
    }
}

/// Puts a bullet or a paragraph where it belongs: an expectation, an example, a note of
/// the level or of the framework, a competency's description, or a report line.
fn place(
    out: &mut Imported,
    block: &Block,
    l: &Located,
    (track, level): (Option<usize>, Option<usize>),
    competency: &mut Option<String>,
    section: Option<&str>,
    last_expectation: &mut bool,
) {
    let Some((t, lv)) = track.zip(level) else {
        if matches!(block, Block::Paragraph(_)) {
            out.notes.push(l.clone());
        } else {
            out.problems.push(report(
                l.origin.clone(),
                format!("bullet {}", quote(&l.text)),
                Outcome::NotMapped {
                    why: "it comes before any level heading".to_owned(),
                },
            ));
        }
        return;
    };
    if let Some(section) = section {
        out.tracks[t].levels[lv].notes.push(Located {
            text: format!("{section}: {}", l.text),
            origin: l.origin.clone(),
        });
        *last_expectation = false;
        return;
    }
    if is_cumulative(&l.text) {
        out.problems.push(report(
            l.origin.clone(),
            quote(&l.text),
            Outcome::Problem {
                why: "the level builds on the one below: kept as a note of the level; its expectations are the ones it lists".to_owned(),
            },
        ));
        out.tracks[t].levels[lv].notes.push(l.clone());
        *last_expectation = false;
        return;
    }
    match block {
        Block::Bullet(width, _) if *width >= 2 && *last_expectation => {
            if let Some(e) = out.tracks[t].levels[lv].expectations.last_mut() {
                e.examples.push(l.clone());
            }
        }
        Block::Bullet(..) => {
            let id = match competency {
                Some(id) => id.clone(),
                None => out.competency(GENERAL, &l.origin),
            };
            out.tracks[t].levels[lv].expectations.push(Expectation {
                competency: id,
                text: l.clone(),
                examples: Vec::new(),
            });
            *last_expectation = true;
        }
        _ => {
            *last_expectation = false;
            let described = competency.as_ref().and_then(|id| {
                out.competencies
                    .iter_mut()
                    .find(|c| &c.id == id && c.description.is_none())
            });
            match described {
                Some(c) => c.description = Some(l.clone()),
                None => out.tracks[t].levels[lv].notes.push(l.clone()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &str, text: &str, many: bool) -> Vec<String> {
        let mut imported = Imported {
            name: "eng".to_owned(),
            ..Imported::default()
        };
        let source = Source {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        };
        read(&source, many, &mut imported);
        let written = super::super::write(&imported);
        written
            .report
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn levels_competencies_bullets_and_sections() {
        let text = "# Engineering\n\nIntro words.\n\n## Junior\n\n### Delivery\n\n- Ships <b>small</b> tasks.\n  - A bug fix.\n\n### Anti-patterns\n\n- Hides delays.\n\n## Senior\n\nEverything in the level below, plus:\n\n- Plans projects.\n";
        let got = lines("eng.md", text, false);
        let expected = [
            "eng.md:1:3: mapped: track \"Engineering\" → tracks/engineering/track.md:3",
            "eng.md:3:1: kept as a note: \"Intro words.\" → framework.md:27",
            "eng.md:5:4: mapped: level \"Junior\" → tracks/engineering/junior.md:3",
            "eng.md:7:5: mapped: competency \"Delivery\" → competencies/delivery.md:3",
            "eng.md:9:3: mapped: expectation \"Ships small tasks.\" → tracks/engineering/junior.md:14 as engineering/junior/ships-small-tasks",
            "eng.md:9:9: problem: HTML \"<b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng.md:9:17: problem: HTML \"</b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng.md:10:5: mapped: example \"A bug fix.\" → tracks/engineering/junior.md:15",
            "eng.md:14:3: kept as a note: \"Anti-patterns: Hides delays.\" → tracks/engineering/junior.md:10",
            "eng.md:16:4: mapped: level \"Senior\" → tracks/engineering/senior.md:3",
            "eng.md:18:1: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists",
            "eng.md:18:1: kept as a note: \"Everything in the level below, plus:\" → tracks/engineering/senior.md:10",
            "eng.md:20:3: mapped: competency \"General\" → competencies/general.md:3",
            "eng.md:20:3: mapped: expectation \"Plans projects.\" → tracks/engineering/senior.md:14 as engineering/senior/plans-projects",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn a_file_per_level_takes_the_folder_as_its_track() {
        let got = lines(
            "eng/01-junior.md",
            "# Junior\n\n## Craft\n\n- Writes tests.\n",
            true,
        );
        assert!(
            got.contains(
                &"eng/01-junior.md:1:3: mapped: track \"eng\" → tracks/eng/track.md:3".to_owned()
            ),
            "{got:#?}"
        );
        assert!(got.contains(&"eng/01-junior.md:5:3: mapped: expectation \"Writes tests.\" → tracks/eng/junior.md:12 as eng/junior/writes-tests".to_owned()), "{got:#?}");
    }

    #[test]
    fn a_fenced_block_is_a_note_not_headings_or_bullets() {
        let got = lines(
            "eng.md",
            "## Junior\n\n```\n# not a heading\n- not a bullet\n```\n\n- Ships.\n",
            false,
        );
        assert!(
            got.contains(&"eng.md:4:1: kept as a note: \"# not a heading - not a bullet\" → tracks/eng/junior.md:10".to_owned()),
            "{got:#?}"
        );
        assert_eq!(
            got.iter()
                .filter(|l| l.contains("mapped: expectation"))
                .count(),
            1,
            "{got:#?}"
        );
    }

    #[test]
    fn commented_out_bullets_stay_out() {
        let got = lines(
            "eng.md",
            "# Eng\n\n## Level 1\n\n<!--\n- Removed in 2024\n-->\n- Writes tests\n",
            false,
        );
        let expected = [
            "eng.md:1:3: mapped: track \"Eng\" → tracks/eng/track.md:3",
            "eng.md:3:4: mapped: level \"Level 1\" → tracks/eng/level-1.md:3",
            "eng.md:5:1: not mapped: an HTML comment: text in a comment is left out on purpose: not imported",
            "eng.md:8:3: mapped: competency \"General\" → competencies/general.md:3",
            "eng.md:8:3: mapped: expectation \"Writes tests\" → tracks/eng/level-1.md:12 as eng/level-1/writes-tests",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn sections_and_cumulative_lines_are_recognised() {
        assert!(is_notes_section("Anti-patterns"));
        assert!(is_notes_section("Not yet"));
        assert!(is_notes_section("Red flags 🚩"));
        assert!(!is_notes_section("Delivery"));
        assert!(is_cumulative("Everything in the level below, plus:"));
        assert!(is_cumulative("All of the previous level"));
        assert!(!is_cumulative("Ships everything on time."));
    }
}
