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

/// The `title:` of a front matter's lines, and where its text starts.
fn front_matter_title(lines: &[&str], path: &str) -> Option<Located> {
    lines.iter().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix("title:")?;
        let skip = rest.chars().take_while(|c| c.is_whitespace()).count();
        let value = rest.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        (!value.is_empty()).then(|| Located {
            text: value.to_owned(),
            origin: origin(path, i + 2, 7 + skip),
        })
    })
}

/// Whether a line is a setext heading's underline: its depth (`=` 1, `-` 2).
fn underline(line: &str) -> Option<usize> {
    let (width, _) = indent(line);
    let t = line.trim();
    if width >= 4 || t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c == '=') {
        Some(1)
    } else if t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// Whether a line is a thematic break (`---`, `***`, `___`, spaces allowed).
fn thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|&m| t.chars().all(|c| c == m))
}

/// The text of a line that is bold and nothing else (`**Level 1**`, `__Level 1__`, a
/// colon after it allowed), with the column where the text starts.
fn bold_only(body: &str) -> Option<(&str, usize)> {
    let t = body.trim_end().trim_end_matches(':').trim_end();
    for mark in ["**", "__"] {
        let inner = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark));
        if let Some(inner) = inner {
            let inner = inner.trim_end_matches(':');
            if !inner.trim().is_empty() && !inner.contains(mark) {
                let skip = inner.chars().take_while(|c| c.is_whitespace()).count();
                return Some((inner.trim(), 3 + skip));
            }
        }
    }
    None
}

/// Whether a heading's text names a level ("Level 2", "L3", "Junior", "Senior
/// engineer", "Staff"…).
pub(super) fn looks_like_level(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    const NAMES: [&str; 16] = [
        "level",
        "junior",
        "mid",
        "middle",
        "intermediate",
        "senior",
        "staff",
        "principal",
        "lead",
        "intern",
        "associate",
        "entry",
        "graduate",
        "distinguished",
        "apprentice",
        "grade",
    ];
    let numbered = |w: &str, prefix: &str| {
        w.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    NAMES.contains(first)
        || ["l", "ic", "e", "p", "m", "g"]
            .iter()
            .any(|p| numbered(first, p))
}

/// The blocks of a file's text, its front matter's `title:`, and the problems met
/// reading them.
fn blocks(text: &str, path: &str, problems: &mut Vec<ReportLine>) -> (Vec<Block>, Option<Located>) {
    let mut out: Vec<Block> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut n = 0;
    let mut title = None;
    // Front matter is not this family's: said, and skipped, but for its title.
    if lines.first().map(|l| l.trim_end()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---") {
            title = front_matter_title(&lines[1..=end], path);
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
    // The depth of the last heading written with `#`, and of the last one that named a
    // level: a bold line or a setext heading that names a level sits beside the latter.
    let mut last_depth = 0;
    let mut level_depth: Option<usize> = None;
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
        let continues_bullet = open && matches!(out.last(), Some(Block::Bullet(..)));
        // A line underlined with `===` or `---` (setext), or a bold line alone before
        // bullets: a heading.
        let atx = {
            let hashes = body.chars().take_while(|&c| c == '#').count();
            (1..=6).contains(&hashes)
                && body[hashes..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || c == '\t')
        };
        let setext = (width < 4 && !continues_bullet && !atx && bullet_marker(&body).is_none())
            .then(|| lines.get(n).and_then(|next| underline(next)))
            .flatten();
        let bold = (width < 4 && !open)
            .then(|| bold_only(&body))
            .flatten()
            .filter(|(text, _)| {
                // Followed by bullets or another bold line; by a heading only when it
                // names a level.
                let next = lines[n..].iter().find(|l| !l.trim().is_empty());
                next.is_some_and(|l| {
                    let (_, lead) = indent(l);
                    let b: String = l.chars().skip(lead).collect();
                    bullet_marker(&b).is_some()
                        || bold_only(&b).is_some()
                        || (b.starts_with('#') && looks_like_level(text))
                })
            });
        if setext.is_some() || bold.is_some() {
            let (text, col) = match bold {
                Some((text, skip)) => (text.to_owned(), body_col + skip - 1),
                None => (body.trim().to_owned(), body_col),
            };
            let (text, tags) = strip_html(&text, line_no, col, path);
            problems.extend(tags);
            let text = tables::decode_entities(&text);
            let natural = setext.unwrap_or((last_depth + 1).min(6));
            let depth = match level_depth {
                Some(d) if looks_like_level(&text) => d,
                _ => natural,
            };
            if setext.is_some() {
                n += 1;
                last_depth = depth;
            }
            if looks_like_level(&text) {
                level_depth = Some(depth);
            }
            out.push(Block::Heading(
                depth,
                Located {
                    text,
                    origin: origin(path, line_no, col),
                },
            ));
            open = false;
            continue;
        }
        if width < 4 && !open && thematic_break(&body) {
            continue;
        }
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
            let heading = tables::decode_entities(&heading);
            last_depth = hashes;
            if looks_like_level(&heading) {
                level_depth = Some(hashes);
            }
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
    (out, title)
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
            // A page of a folder whose headings under the title name levels ("Junior",
            // "Level 2") is a track of its own, not one level.
            [only]
                if many && !blocks.iter().any(
                    |b| matches!(b, Block::Heading(d, l) if d == only && looks_like_level(&l.text)),
                ) =>
            {
                Shape {
                    title,
                    one_level: true,
                    level_depth: *only,
                }
            }
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
    let (blocks, front_title) = blocks(&text, path, &mut problems);
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

    if blocks.is_empty() {
        out.problems.push(report(
            file_start,
            "the file".to_owned(),
            Outcome::NotMapped {
                why: "it holds no text: nothing imported".to_owned(),
            },
        ));
        return;
    }
    let has_bullets = blocks.iter().any(|b| matches!(b, Block::Bullet(..)));
    let has_headings = blocks
        .iter()
        .any(|b| matches!(b, Block::Heading(..) | Block::Table(_)));
    let introduction = many && ["readme", "index"].contains(&stem.to_lowercase().as_str());
    if !has_bullets && (!has_headings || introduction) {
        // Text with no expectations in it: notes of the framework (a folder's README is
        // its introduction).
        if !introduction {
            out.problems.push(report(
                file_start,
                "the file".to_owned(),
                Outcome::Problem {
                    why: "it has no heading and no bullets: its text is kept as notes of the framework".to_owned(),
                },
            ));
        }
        for block in &blocks {
            match block {
                Block::Heading(_, l) | Block::Bullet(_, l) | Block::Paragraph(l) => {
                    if !l.text.is_empty() {
                        out.notes.push(l.clone());
                    }
                }
                Block::Table(table) => tables::keep_as_note(out, table, None, None, None),
            }
        }
        return;
    }

    let mut track: Option<usize> = None;
    let mut level: Option<usize> = None;
    let mut competency: Option<String> = None;
    let mut section: Option<String> = None;
    let mut last_expectation = false;

    if shape.one_level {
        let (title, at) = match (shape.title.and_then(|i| blocks.get(i)), front_title) {
            (Some(Block::Heading(_, l)), _) if !l.text.is_empty() => {
                (l.text.clone(), l.origin.clone())
            }
            (_, Some(l)) => {
                // The page has no heading: its front matter's title names the level.
                let said = out
                    .problems
                    .iter_mut()
                    .find(|p| p.what == "the front matter" && p.at.path == path && p.at.line == 1);
                if let Some(said) = said {
                    said.outcome = Outcome::NotMapped {
                        why: "pages with a heading per level are read from their headings and bullets; only its `title:` is read, as the page has no heading".to_owned(),
                    };
                }
                (l.text, l.origin)
            }
            _ => {
                out.problems.push(report(
                    file_start.clone(),
                    "the file".to_owned(),
                    Outcome::Problem {
                        why: format!(
                            "it has no heading: read as one level named after the file, {}",
                            quote(&stem)
                        ),
                    },
                ));
                (stem.clone(), file_start.clone())
            }
        };
        // A file per level: the track is the folder the file sits in.
        let folder = path
            .rsplit_once(['/', '\\'])
            .map(|(dir, _)| dir.rsplit(['/', '\\']).next().unwrap_or(dir).to_owned())
            .filter(|d| !d.is_empty() && d != "." && d != "..");
        let mut name = if many {
            folder.unwrap_or_else(|| out.name.clone())
        } else {
            stem.clone()
        };
        // A track of that name read from a source of another family (a CSV table, a
        // YAML file) is not this page's: the page gets a track of its own.
        let id = super::ids::slug(&name, "track");
        let other = out.tracks.iter().find(|t| {
            t.id == id && !t.origin.path.ends_with(".md") && !t.origin.path.ends_with(".markdown")
        });
        if let Some(other) = other {
            out.problems.push(report(
                at.clone(),
                format!("level {}", quote(&title)),
                Outcome::Problem {
                    why: format!(
                        "track {} comes from {}, a source of another kind: this page's level goes to a track of its own, named after the file, {}",
                        quote(&name),
                        other.origin.path,
                        quote(&stem)
                    ),
                },
            ));
            name = stem.clone();
        }
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
                            own_name(out, &l.text, &l.origin, &stem, many)
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
                    if let Some(first) = out.tracks[t].levels.iter().find(|lv| lv.title == title) {
                        out.problems.push(report(
                            l.origin.clone(),
                            format!("level heading {}", quote(&title)),
                            Outcome::Problem {
                                why: format!(
                                    "the level already has a heading, at {}:{}:{}: what follows is added to that level",
                                    first.origin.path, first.origin.line, first.origin.column
                                ),
                            },
                        ));
                    }
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

/// Whether a title names a whole framework rather than one track ("Career
/// Framework", "Our ladder").
fn is_generic(title: &str) -> bool {
    const WORDS: [&str; 16] = [
        "career",
        "careers",
        "framework",
        "frameworks",
        "ladder",
        "ladders",
        "level",
        "levels",
        "progression",
        "matrix",
        "growth",
        "path",
        "paths",
        "the",
        "our",
        "and",
    ];
    let lower = title.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| WORDS.contains(&w))
}

/// The name of the track a page's title names. In a folder of pages, a title that
/// names the whole framework, or that another page already took, would merge different
/// tracks: each page's track is then named after its file, with a report line.
fn own_name(out: &mut Imported, title: &str, at: &Origin, stem: &str, many: bool) -> String {
    if !many {
        return title.to_owned();
    }
    let id = super::ids::slug(title, "track");
    let taken = out
        .tracks
        .iter()
        .position(|t| t.id == id && t.origin.path != at.path);
    let why = if is_generic(title) || id == super::ids::slug(&out.name, "track") {
        "it names the whole framework"
    } else if taken.is_some() {
        "another page has the same title"
    } else {
        return title.to_owned();
    };
    if let Some(j) = taken {
        // The page that took the title first is named after its own file too.
        let other = &out.tracks[j];
        let other_stem = other
            .origin
            .path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&other.origin.path)
            .rsplit_once('.')
            .map_or(other.origin.path.as_str(), |(s, _)| s)
            .to_owned();
        let other_id = super::ids::slug(&other_stem, "track");
        if !out.tracks.iter().any(|t| t.id == other_id) {
            out.problems.push(report(
                other.origin.clone(),
                format!("track {}", quote(title)),
                Outcome::Problem {
                    why: format!(
                        "another page has the same title: a track per page, this one named after its file, {}",
                        quote(&other_stem)
                    ),
                },
            ));
            let other = &mut out.tracks[j];
            other.id = other_id;
            other.name = other_stem;
        }
    }
    out.problems.push(report(
        at.clone(),
        format!("track {}", quote(title)),
        Outcome::Problem {
            why: format!(
                "{why}: a track per page, this one named after its file, {}",
                quote(stem)
            ),
        },
    ));
    stem.to_owned()
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

    fn read_all(files: &[(&str, &str)]) -> Vec<String> {
        let mut imported = Imported {
            name: "pages".to_owned(),
            ..Imported::default()
        };
        for (path, text) in files {
            let source = Source {
                path: (*path).to_owned(),
                bytes: text.as_bytes().to_vec(),
            };
            read(&source, files.len() > 1, &mut imported);
        }
        let written = super::super::write(&imported);
        written
            .report
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn bold_lines_and_setext_headings_are_headings() {
        let got = lines(
            "eng.md",
            "# Ladder\n\n**Level 1**\n\n- Writes tests\n\nLevel 2\n-------\n\n- Designs\n\nLevel 3\n=======\n- Leads\n",
            false,
        );
        let expected = [
            "eng.md:1:3: mapped: track \"Ladder\" → tracks/ladder/track.md:3",
            "eng.md:3:3: mapped: level \"Level 1\" → tracks/ladder/level-1.md:3",
            "eng.md:5:3: mapped: competency \"General\" → competencies/general.md:3",
            "eng.md:5:3: mapped: expectation \"Writes tests\" → tracks/ladder/level-1.md:12 as ladder/level-1/writes-tests",
            "eng.md:7:1: mapped: level \"Level 2\" → tracks/ladder/level-2.md:3",
            "eng.md:10:3: mapped: expectation \"Designs\" → tracks/ladder/level-2.md:12 as ladder/level-2/designs",
            "eng.md:12:1: mapped: level \"Level 3\" → tracks/ladder/level-3.md:3",
            "eng.md:14:3: mapped: expectation \"Leads\" → tracks/ladder/level-3.md:12 as ladder/level-3/leads",
        ];
        assert_eq!(got, expected, "{got:#?}");
        // A line that is a heading already is not underlined: the line below is text.
        let got = lines("eng.md", "# Eng\n---\n## Level 1\n- Ships.\n", false);
        assert!(
            got.contains(&"eng.md:1:3: mapped: track \"Eng\" → tracks/eng/track.md:3".to_owned()),
            "{got:#?}"
        );
    }

    #[test]
    fn a_second_heading_for_a_level_is_merged_and_said() {
        let got = lines(
            "eng.md",
            "# Eng\n\n## Level 2\n\n- Designs\n\n## Level 2\n\n- Reviews\n",
            false,
        );
        assert!(
            got.contains(&"eng.md:7:4: problem: level heading \"Level 2\": the level already has a heading, at eng.md:3:4: what follows is added to that level".to_owned()),
            "{got:#?}"
        );
        assert!(
            got.contains(&"eng.md:9:3: mapped: expectation \"Reviews\" → tracks/eng/level-2.md:13 as eng/level-2/reviews".to_owned()),
            "{got:#?}"
        );
    }

    #[test]
    fn pages_with_the_same_or_a_generic_title_get_a_track_each() {
        let got = read_all(&[
            ("p/design.md", "# Career Framework\n\n## Junior\n- Draws.\n"),
            ("p/eng.md", "# Career Framework\n\n## Junior\n- Tests.\n"),
        ]);
        let expected = [
            "p/design.md:1:3: problem: track \"Career Framework\": it names the whole framework: a track per page, this one named after its file, \"design\"",
            "p/design.md:1:3: mapped: track \"design\" → tracks/design/track.md:3",
            "p/design.md:3:4: mapped: level \"Junior\" → tracks/design/junior.md:3",
            "p/design.md:4:3: mapped: competency \"General\" → competencies/general.md:3",
            "p/design.md:4:3: mapped: expectation \"Draws.\" → tracks/design/junior.md:12 as design/junior/draws",
            "p/eng.md:1:3: problem: track \"Career Framework\": it names the whole framework: a track per page, this one named after its file, \"eng\"",
            "p/eng.md:1:3: mapped: track \"eng\" → tracks/eng/track.md:3",
            "p/eng.md:3:4: mapped: level \"Junior\" → tracks/eng/junior.md:3",
            "p/eng.md:4:3: mapped: expectation \"Tests.\" → tracks/eng/junior.md:12 as eng/junior/tests",
        ];
        assert_eq!(got, expected, "{got:#?}");
        let got = read_all(&[
            ("p/a.md", "# Backend\n\n## Senior\n- Leads.\n"),
            ("p/b.md", "# Backend\n\n## Senior\n- Plans.\n"),
        ]);
        assert_eq!(
            got.iter().filter(|l| l.contains("problem:")).collect::<Vec<_>>(),
            [
                "p/a.md:1:3: problem: track \"Backend\": another page has the same title: a track per page, this one named after its file, \"a\"",
                "p/b.md:1:3: problem: track \"Backend\": another page has the same title: a track per page, this one named after its file, \"b\"",
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn a_folder_of_level_files_takes_titles_and_its_readme_is_a_note() {
        let got = read_all(&[
            (
                "eng/01-junior.md",
                "---\ntitle: Level 1 (Junior)\n---\n\n- Writes tests\n",
            ),
            ("eng/README.md", "How we grow.\n"),
        ]);
        let expected = [
            "eng/01-junior.md:1:1: not mapped: the front matter: pages with a heading per level are read from their headings and bullets; only its `title:` is read, as the page has no heading",
            "eng/01-junior.md:2:8: mapped: track \"eng\" → tracks/eng/track.md:3",
            "eng/01-junior.md:2:8: mapped: level \"Level 1 (Junior)\" → tracks/eng/level-1-junior.md:3",
            "eng/01-junior.md:5:3: mapped: competency \"General\" → competencies/general.md:3",
            "eng/01-junior.md:5:3: mapped: expectation \"Writes tests\" → tracks/eng/level-1-junior.md:12 as eng/level-1-junior/writes-tests",
            "eng/README.md:1:1: kept as a note: \"How we grow.\" → framework.md:25",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn a_page_beside_a_track_of_another_kind_gets_its_own() {
        let mut imported = Imported {
            name: "mix".to_owned(),
            ..Imported::default()
        };
        imported.track("mix", &origin("mix/levels.yml", 1, 1));
        let source = Source {
            path: "mix/page.md".to_owned(),
            bytes: b"# Level 1\n\n- From a page.\n".to_vec(),
        };
        read(&source, true, &mut imported);
        let got: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["mix/page.md:1:3: problem: level \"Level 1\": track \"mix\" comes from mix/levels.yml, a source of another kind: this page's level goes to a track of its own, named after the file, \"page\""]
        );
        assert_eq!(imported.tracks[1].name, "page");
        assert!(imported.tracks[0].levels.is_empty());
    }

    #[test]
    fn a_page_without_headings_is_said() {
        assert_eq!(
            lines("x.md", "\n\n", false),
            ["x.md:1:1: not mapped: the file: it holds no text: nothing imported"]
        );
        assert_eq!(
            lines("x.md", "Some words.\n", false),
            [
                "x.md:1:1: problem: the file: it has no heading and no bullets: its text is kept as notes of the framework",
                "x.md:1:1: kept as a note: \"Some words.\" → framework.md:25",
            ]
        );
        let got = lines("x.md", "- Writes tests\n", false);
        assert_eq!(
            got[0],
            "x.md:1:1: problem: the file: it has no heading: read as one level named after the file, \"x\"",
            "{got:#?}"
        );
    }

    #[test]
    fn competency_names_with_an_ampersand_are_written_as_ids() {
        let mut imported = Imported {
            name: "eng".to_owned(),
            ..Imported::default()
        };
        let source = Source {
            path: "eng.md".to_owned(),
            bytes:
                b"# Eng\n\n## Junior\n\n### R&D\n\n- Tries ideas.\n\n### Q&amp;A\n\n- Answers.\n"
                    .to_vec(),
        };
        read(&source, false, &mut imported);
        let written = super::super::write(&imported);
        let level = written
            .files
            .iter()
            .find(|(path, _)| path == "tracks/eng/junior.md")
            .map(|(_, text)| text.clone())
            .unwrap_or_default();
        assert!(level.contains("\n## r-d\n"), "{level}");
        assert!(level.contains("\n## q-a\n"), "{level}");
        assert!(imported.competencies.iter().any(|c| c.name == "Q&A"));
        assert!(!level.contains('&'), "{level}");
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
