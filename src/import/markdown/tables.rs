//! Tables in markdown pages (GitHub-flavoured: a header row, a row of `---` under it,
//! then a row per line), read as a CSV table is (`import::table`): the role of each
//! column comes from the header's words.
//!
//! - Competencies as rows and levels as columns (two columns or more without another
//!   role, or one that names a level the track has), or levels as rows (a `Level` column) and competencies as columns: a matrix
//!   for the page's track.
//! - A `Level` column and an `Expectation` column: one row per expectation.
//! - Under a level: a competency column and an expectation column (or one column
//!   without another role): that level's expectations by competency.
//!
//! A cell holds one or more expectations, split at `<br>`, at a `;` and at a `•`, a
//! bullet at the start of each taken off. Every text keeps the line of its row and the
//! column where it starts. Other HTML is dropped with a report line; `\|` is a `|` of the
//! text. A table of neither shape is kept as a note, its text flattened, with a report
//! line.

use super::super::report::quote;
use super::super::table::header_roles;
use super::super::{Expectation, Imported, Located, Origin, Outcome, ReportLine, Role};
use super::{is_cumulative, origin, report, strip_html, GENERAL};

/// A cell as written: its text (trimmed, `\|` still escaped) and where it starts.
#[derive(Debug, Clone)]
pub(super) struct RawCell {
    text: String,
    at: Origin,
}

/// A table of a page: its header, then its rows (the row of `---` left out).
#[derive(Debug)]
pub(super) struct Table {
    /// Where the header row starts.
    at: Origin,
    header: Vec<RawCell>,
    rows: Vec<Vec<RawCell>>,
}

/// The cells of a table row, each with the 1-based column where its text starts; `None`
/// when the line has no `|` that is not escaped.
fn split_row(line: &str) -> Option<Vec<(String, usize)>> {
    let chars: Vec<char> = line.chars().collect();
    let mut pipes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '|' => pipes.push(i),
            _ => {}
        }
        i += 1;
    }
    let (&first_pipe, &last_pipe) = pipes.first().zip(pipes.last())?;
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let last = chars.iter().rposition(|c| !c.is_whitespace())?;
    let lead = first_pipe == first;
    let trail = last_pipe == last && !(lead && pipes.len() == 1);
    let start = if lead { first_pipe + 1 } else { 0 };
    let end = if trail { last_pipe } else { chars.len() };
    let mut bounds = vec![start];
    for &p in &pipes {
        if p >= start && p < end {
            bounds.push(p + 1);
        }
    }
    let mut cells = Vec::new();
    for (k, &s) in bounds.iter().enumerate() {
        let e = bounds.get(k + 1).map_or(end, |&next| next - 1);
        let cell = &chars[s..e.max(s)];
        let text: String = cell.iter().collect();
        let text = text.trim();
        // An empty cell starts just after its `|`.
        let skip = if text.is_empty() {
            0
        } else {
            cell.iter().take_while(|c| c.is_whitespace()).count()
        };
        cells.push((text.to_owned(), s + skip + 1));
    }
    Some(cells)
}

/// How many cells a delimiter row (`| --- | :---: |`) has; `None` when it is not one.
fn delimiter(line: &str) -> Option<usize> {
    let cells = split_row(line)?;
    cells
        .iter()
        .all(|(c, _)| {
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
        .then_some(cells.len())
}

/// The table that starts at `lines[n]` (0-based), and how many lines it takes.
pub(super) fn take(lines: &[&str], n: usize, path: &str) -> Option<(Table, usize)> {
    let head = split_row(lines.get(n)?)?;
    if delimiter(lines.get(n + 1)?)? != head.len() {
        return None;
    }
    let row = |cells: Vec<(String, usize)>, line: usize| -> Vec<RawCell> {
        cells
            .into_iter()
            .map(|(text, column)| RawCell {
                text,
                at: origin(path, line, column),
            })
            .collect()
    };
    let start = lines[n].chars().take_while(|c| c.is_whitespace()).count() + 1;
    let mut table = Table {
        at: origin(path, n + 1, start),
        header: row(head, n + 1),
        rows: Vec::new(),
    };
    let mut used = 2;
    while let Some(line) = lines.get(n + used) {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') || t.starts_with("```") || t.starts_with("~~~") {
            break;
        }
        let Some(cells) = split_row(line) else { break };
        table.rows.push(row(cells, n + used + 1));
        used += 1;
    }
    Some((table, used))
}

/// The length of a `<br>` (`<br/>`, `<BR />`) starting at `chars[i]`.
fn br_at(chars: &[char], i: usize) -> Option<usize> {
    let lower = |k: usize| chars.get(i + k).map(char::to_ascii_lowercase);
    if chars.get(i) != Some(&'<') || lower(1) != Some('b') || lower(2) != Some('r') {
        return None;
    }
    let mut k = 3;
    while chars.get(i + k).is_some_and(|c| *c == ' ') {
        k += 1;
    }
    if chars.get(i + k) == Some(&'/') {
        k += 1;
    }
    while chars.get(i + k).is_some_and(|c| *c == ' ') {
        k += 1;
    }
    (chars.get(i + k) == Some(&'>')).then_some(k + 1)
}

/// Whether `chars` ends with an HTML entity's name (`&amp`), so a `;` after it is the
/// entity's.
fn ends_in_entity(chars: &[char]) -> bool {
    let name = chars
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && chars.len() > name && chars[chars.len() - name - 1] == '&'
}

/// A bullet or a number at the start of a piece, in characters with the space after it.
fn marker(chars: &[char]) -> usize {
    match chars.first() {
        Some('-' | '*' | '+' | '–') if chars.get(1).is_some_and(|c| c.is_whitespace()) => 1,
        Some(c) if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let dot = matches!(chars.get(digits), Some('.' | ')'));
            let space = chars.get(digits + 1).is_some_and(|c| c.is_whitespace());
            if dot && space {
                digits + 1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// A cell's pieces, each with the column where it starts: split at every `<br>`, and,
/// when `fine`, at a `;` (not an entity's) and at a `•`, a bullet at the start taken off.
fn pieces(cell: &RawCell, fine: bool) -> Vec<(String, usize)> {
    let chars: Vec<char> = cell.text.chars().collect();
    let mut out = Vec::new();
    let mut push = |from: usize, to: usize| {
        let mut a = from;
        let mut b = to;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        if fine {
            a += marker(&chars[a..b]);
            while a < b && chars[a].is_whitespace() {
                a += 1;
            }
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push((chars[a..b].iter().collect(), cell.at.column + a));
        }
    };
    let mut start = 0;
    let mut i = 0;
    // Inside brackets or a code span a `;` is the text's own.
    let mut depth = 0usize;
    let mut code = false;
    while i < chars.len() {
        if let Some(len) = br_at(&chars, i) {
            push(start, i);
            i += len;
            start = i;
            continue;
        }
        match chars[i] {
            '`' => code = !code,
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let semicolon = chars[i] == ';'
            && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
            && !ends_in_entity(&chars[start..i]);
        if fine && depth == 0 && !code && (semicolon || chars[i] == '•') {
            push(start, i);
            start = i + 1;
        }
        i += 1;
    }
    push(start, chars.len());
    out
}

/// Reads a piece as text: HTML dropped (with a report line), `\|` a `|`.
fn text_of(piece: &str, column: usize, at: &Origin, out: &mut Imported) -> Located {
    let (text, tags) = strip_html(piece, at.line, column, &at.path);
    out.problems.extend(tags);
    Located {
        text: text.replace("\\|", "|"),
        origin: origin(&at.path, at.line, column),
    }
}

/// The expectations of a cell.
fn lines_of(cell: &RawCell, out: &mut Imported) -> Vec<Located> {
    pieces(cell, true)
        .into_iter()
        .map(|(piece, column)| text_of(&piece, column, &cell.at, out))
        .filter(|l| l.text.chars().any(char::is_alphanumeric))
        .collect()
}

/// A cell's text on one line (a description, a note); `None` when it is empty.
fn whole(cell: &RawCell, out: &mut Imported) -> Option<Located> {
    let parts: Vec<Located> = pieces(cell, false)
        .into_iter()
        .map(|(piece, column)| text_of(&piece, column, &cell.at, out))
        .filter(|l| !l.text.is_empty())
        .collect();
    let first = parts.first()?.origin.clone();
    Some(Located {
        text: parts
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        origin: first,
    })
}

/// A text with its character references (`&amp;`, `&#39;`, `&lt;`) read as the
/// characters they stand for, as a heading's text is read.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let entity = after.find(';').filter(|&e| e > 0 && e <= 8).and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "nbsp" => Some(' '),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .map_or_else(
                        || name.strip_prefix('#').and_then(|d| d.parse::<u32>().ok()),
                        |h| u32::from_str_radix(h, 16).ok(),
                    )
                    .and_then(char::from_u32)
                    .filter(|c| !c.is_control()),
            };
            c.map(|c| (c, e))
        });
        match entity {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name (a level's, a competency's): its text without emphasis around it, character
/// references read.
fn name(cell: &RawCell, out: &mut Imported) -> Option<Located> {
    let mut l = whole(cell, out)?;
    l.text = decode_entities(&l.text).trim().to_owned();
    if l.text.is_empty() {
        return None;
    }
    for mark in ["**", "__", "*", "_", "`"] {
        if let Some(inner) = l
            .text
            .strip_prefix(mark)
            .and_then(|t| t.strip_suffix(mark))
            .filter(|t| !t.trim().is_empty())
        {
            l.text = inner.trim().to_owned();
        }
    }
    Some(l)
}

/// The words of the header, as [`header_roles`] reads them.
fn header_words(table: &Table) -> Vec<String> {
    let mut scratch = Imported::default();
    table
        .header
        .iter()
        .map(|c| name(c, &mut scratch).map_or_else(String::new, |l| l.text))
        .collect()
}

/// How a table is read, from its header.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// Competencies as rows, levels as columns.
    Columns {
        competency: usize,
        levels: Vec<usize>,
    },
    /// Levels as rows, competencies as columns.
    Rows {
        level: usize,
        competencies: Vec<usize>,
    },
    /// One row per expectation, with its level.
    Long {
        level: usize,
        competency: Option<usize>,
        text: usize,
    },
    /// A level's expectations by competency.
    OfLevel {
        competency: Option<usize>,
        text: usize,
    },
    /// None of these.
    Neither,
}

fn kind(roles: &[Option<Role>], in_level: bool) -> Kind {
    let col = |role| roles.iter().position(|r| *r == Some(role));
    if let Some(level) = col(Role::Level) {
        if let Some(text) = col(Role::Text) {
            return Kind::Long {
                level,
                competency: col(Role::Competency),
                text,
            };
        }
        let competencies: Vec<usize> = (0..roles.len())
            .filter(|&i| i != level && matches!(roles[i], None | Some(Role::Competency)))
            .collect();
        return if competencies.is_empty() {
            Kind::Neither
        } else {
            Kind::Rows {
                level,
                competencies,
            }
        };
    }
    if let Some(text) = col(Role::Text) {
        let competency =
            col(Role::Competency).or((text != 0 && roles.first() == Some(&None)).then_some(0));
        return Kind::OfLevel { competency, text };
    }
    let competency = col(Role::Competency).unwrap_or(0);
    let levels: Vec<usize> = (0..roles.len())
        .filter(|&i| i != competency && roles[i].is_none())
        .collect();
    match levels.as_slice() {
        [] => Kind::Neither,
        [only] if in_level => Kind::OfLevel {
            competency: Some(competency),
            text: *only,
        },
        _ => Kind::Columns { competency, levels },
    }
}

/// Whether a table names the levels of its page (so the page's headings do not): levels
/// as two columns or more, levels as rows, or a level on each row.
pub(super) fn names_levels(table: &Table) -> bool {
    match kind(&header_roles(&header_words(table)), false) {
        Kind::Columns { levels, .. } => levels.len() >= 2,
        Kind::Rows { .. } | Kind::Long { .. } => true,
        Kind::OfLevel { .. } | Kind::Neither => false,
    }
}

/// Why a line such as "Everything in the level below, plus" is not an expectation.
const CUMULATIVE: &str =
    "the level builds on the one below: kept as a note of the level; its expectations are the ones it lists";

fn problem(at: Origin, what: String, why: &str) -> ReportLine {
    report(
        at,
        what,
        Outcome::Problem {
            why: why.to_owned(),
        },
    )
}

fn not_mapped(at: Origin, what: String, why: &str) -> ReportLine {
    report(
        at,
        what,
        Outcome::NotMapped {
            why: why.to_owned(),
        },
    )
}

/// A cell's lines as expectations of a level; a line such as "Everything in the level
/// below, plus" as a note of it.
fn add(out: &mut Imported, (track, level): (usize, usize), competency: &str, lines: Vec<Located>) {
    for line in lines {
        if is_cumulative(&line.text) {
            out.problems
                .push(problem(line.origin.clone(), quote(&line.text), CUMULATIVE));
            out.tracks[track].levels[level].notes.push(line);
        } else {
            out.tracks[track].levels[level]
                .expectations
                .push(Expectation {
                    competency: competency.to_owned(),
                    text: line,
                    examples: Vec::new(),
                });
        }
    }
}

/// A competency's description, or a note of the framework when it has one already.
fn describe(out: &mut Imported, competency: &str, description: Located) {
    match out
        .competencies
        .iter_mut()
        .find(|c| c.id == competency && c.description.is_none())
    {
        Some(c) => c.description = Some(description),
        None => out.notes.push(description),
    }
}

/// Every non-empty cell of a row as "not mapped", for `why`.
fn unmapped(out: &mut Imported, row: &[RawCell], why: &str) {
    for c in row.iter().filter(|c| !c.text.is_empty()) {
        out.problems
            .push(not_mapped(c.at.clone(), quote(&c.text), why));
    }
}

/// Reads a table of a page into `out`: a matrix of `track`, or the expectations of
/// `level` (of `track`) by competency; else its text is kept as a note, of `level` when
/// there is one.
pub(super) fn read(out: &mut Imported, table: &Table, track: Option<usize>, level: Option<usize>) {
    let roles = header_roles(&header_words(table));
    let width = table.header.len();
    for row in &table.rows {
        if row.len() > width {
            unmapped(
                out,
                &row[width..],
                &format!("the row has more cells than the header's {width} columns"),
            );
        }
    }
    let mut kind = kind(&roles, level.is_some());
    // One column of levels outside a level (`| Term | Meaning |`) is a matrix only when
    // it names a level the track has.
    if let (Kind::Columns { levels, .. }, Some(t)) = (&kind, track) {
        let words = header_words(table);
        let known = |i: &usize| {
            out.tracks[t]
                .levels
                .iter()
                .any(|l| words.get(*i).is_some_and(|w| *w == l.title))
        };
        if levels.len() == 1 && !levels.iter().any(known) {
            kind = Kind::Neither;
        }
    }
    match (kind, track, level) {
        (Kind::Columns { competency, levels }, Some(t), _) => {
            columns(out, table, &roles, t, competency, &levels);
        }
        (
            Kind::Rows {
                level,
                competencies,
            },
            Some(t),
            _,
        ) => {
            rows(out, table, &roles, t, level, &competencies);
        }
        (
            Kind::Long {
                level,
                competency,
                text,
            },
            Some(t),
            _,
        ) => long(out, table, &roles, t, level, competency, text),
        (Kind::OfLevel { competency, text }, Some(t), Some(lv)) => {
            of_level(out, table, &roles, (t, lv), competency, text);
        }
        (Kind::OfLevel { .. }, ..) => {
            let why = "it lists expectations by competency but comes before any level heading: its text is kept as a note";
            keep_as_note(out, table, track.zip(level), None, Some(why));
        }
        _ => {
            let why = "it is neither a matrix (levels as columns or as rows) nor a level's expectations by competency: its text is kept as a note";
            keep_as_note(out, table, track.zip(level), None, Some(why));
        }
    }
}

/// The table's text flattened (cells joined with ` | `, rows with `; `) as a note of the
/// level, or of the framework; `section` before it, and `why` as a report line.
pub(super) fn keep_as_note(
    out: &mut Imported,
    table: &Table,
    level: Option<(usize, usize)>,
    section: Option<&str>,
    why: Option<&str>,
) {
    if let Some(why) = why {
        out.problems
            .push(problem(table.at.clone(), "a table".to_owned(), why));
    }
    let mut rows = Vec::new();
    for row in std::iter::once(&table.header).chain(&table.rows) {
        let cells: Vec<String> = row
            .iter()
            .filter_map(|c| whole(c, out))
            .map(|l| l.text)
            .collect();
        if !cells.is_empty() {
            rows.push(cells.join(" | "));
        }
    }
    let mut text = rows.join("; ");
    if let Some(section) = section {
        text = format!("{section}: {text}");
    }
    let note = Located {
        text,
        origin: table.at.clone(),
    };
    match level {
        Some((t, lv)) => out.tracks[t].levels[lv].notes.push(note),
        None => out.notes.push(note),
    }
}

/// A cell of another role in a row: kept as a note ("Header: text").
fn other(out: &mut Imported, header: &str, cell: &RawCell) -> Option<Located> {
    let l = whole(cell, out)?;
    Some(if header.is_empty() {
        l
    } else {
        Located {
            text: format!("{header}: {}", l.text),
            origin: l.origin,
        }
    })
}

/// Competencies as rows, levels as columns.
fn columns(
    out: &mut Imported,
    table: &Table,
    roles: &[Option<Role>],
    track: usize,
    competency: usize,
    level_columns: &[usize],
) {
    let words = header_words(table);
    let description = roles.iter().position(|r| *r == Some(Role::Description));
    let mut levels: Vec<(usize, usize)> = Vec::new();
    for &i in level_columns {
        let h = &table.header[i];
        match name(h, out) {
            Some(title) => levels.push((i, out.level(track, &title.text, &title.origin))),
            None => out.problems.push(problem(
                h.at.clone(),
                format!("column {}", i + 1),
                "it has no name, so it is not a level; its cells are not imported",
            )),
        }
    }
    for row in &table.rows {
        let Some(comp) = row.get(competency).and_then(|c| name(c, out)) else {
            unmapped(
                out,
                &row[..row.len().min(words.len())],
                "its row names no competency",
            );
            continue;
        };
        let id = out.competency(&comp.text, &comp.origin);
        for (i, c) in row.iter().enumerate().take(words.len()) {
            if i == competency || c.text.is_empty() {
                continue;
            }
            if Some(i) == description {
                if let Some(d) = whole(c, out) {
                    describe(out, &id, d);
                }
            } else if let Some(&(_, level)) = levels.iter().find(|(col, _)| *col == i) {
                let lines = lines_of(c, out);
                add(out, (track, level), &id, lines);
            } else if level_columns.contains(&i) {
                out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its column has no name",
                ));
            } else if let Some(note) = other(out, &words[i], c) {
                match out.tracks[track].levels.first_mut() {
                    Some(first) => first.notes.push(note),
                    None => out.notes.push(note),
                }
            }
        }
    }
}

/// Levels as rows, competencies as columns.
fn rows(
    out: &mut Imported,
    table: &Table,
    roles: &[Option<Role>],
    track: usize,
    level_column: usize,
    competency_columns: &[usize],
) {
    let words = header_words(table);
    let description = roles.iter().position(|r| *r == Some(Role::Description));
    let mut competencies: Vec<(usize, String)> = Vec::new();
    for &i in competency_columns {
        let h = &table.header[i];
        match name(h, out) {
            Some(n) => competencies.push((i, out.competency(&n.text, &n.origin))),
            None => out.problems.push(problem(
                h.at.clone(),
                format!("column {}", i + 1),
                "it has no name, so it is not a competency; its cells are not imported",
            )),
        }
    }
    for row in &table.rows {
        let Some(title) = row.get(level_column).and_then(|c| name(c, out)) else {
            unmapped(
                out,
                &row[..row.len().min(words.len())],
                "its row names no level",
            );
            continue;
        };
        let level = out.level(track, &title.text, &title.origin);
        for (i, c) in row.iter().enumerate().take(words.len()) {
            if i == level_column || c.text.is_empty() {
                continue;
            }
            if let Some((_, id)) = competencies.iter().find(|(col, _)| *col == i) {
                let id = id.clone();
                let lines = lines_of(c, out);
                add(out, (track, level), &id, lines);
            } else if competency_columns.contains(&i) {
                out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its column has no name",
                ));
            } else {
                let header = if Some(i) == description {
                    ""
                } else {
                    &words[i]
                };
                if let Some(note) = other(out, header, c) {
                    out.tracks[track].levels[level].notes.push(note);
                }
            }
        }
    }
}

/// The cells of a row that are neither its level, competency nor text: examples of its
/// first expectation, a description of its competency, or notes of its level.
fn rest_of_row(
    out: &mut Imported,
    (words, roles): (&[String], &[Option<Role>]),
    row: &[RawCell],
    (track, level): (usize, usize),
    competency: &str,
    first: usize,
    taken: &[Option<usize>],
) {
    for (i, c) in row.iter().enumerate().take(words.len()) {
        if c.text.is_empty() || taken.contains(&Some(i)) {
            continue;
        }
        match roles[i] {
            Some(Role::Example) => {
                let examples = lines_of(c, out);
                let level = &mut out.tracks[track].levels[level];
                match level.expectations.get_mut(first) {
                    Some(e) => e.examples.extend(examples),
                    None => level.notes.extend(examples),
                }
            }
            Some(Role::Description) => {
                if let Some(d) = whole(c, out) {
                    describe(out, competency, d);
                }
            }
            _ => {
                if let Some(note) = other(out, &words[i], c) {
                    out.tracks[track].levels[level].notes.push(note);
                }
            }
        }
    }
}

/// One row per expectation, each naming its level (and competency).
fn long(
    out: &mut Imported,
    table: &Table,
    roles: &[Option<Role>],
    page_track: usize,
    level_column: usize,
    competency_column: Option<usize>,
    text_column: usize,
) {
    let words = header_words(table);
    let track_column = roles.iter().position(|r| *r == Some(Role::Track));
    for row in &table.rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).filter(|c| !c.text.is_empty());
        let Some(text) = cell(Some(text_column)) else {
            unmapped(
                out,
                &row[..row.len().min(words.len())],
                "its row has no expectation text",
            );
            continue;
        };
        let Some(title) = cell(Some(level_column)).and_then(|c| name(c, out)) else {
            out.problems.push(not_mapped(
                text.at.clone(),
                format!("expectation {}", quote(&text.text)),
                "its row names no level",
            ));
            continue;
        };
        let track = match cell(track_column).and_then(|c| name(c, out)) {
            Some(n) => out.track(&n.text, &n.origin),
            None => page_track,
        };
        let level = out.level(track, &title.text, &title.origin);
        let competency = match cell(competency_column).and_then(|c| name(c, out)) {
            Some(n) => out.competency(&n.text, &n.origin),
            None => out.competency(GENERAL, &text.at),
        };
        let first = out.tracks[track].levels[level].expectations.len();
        let lines = lines_of(text, out);
        add(out, (track, level), &competency, lines);
        let taken = [
            Some(level_column),
            competency_column,
            Some(text_column),
            track_column,
        ];
        rest_of_row(
            out,
            (&words, roles),
            row,
            (track, level),
            &competency,
            first,
            &taken,
        );
    }
}

/// A level's expectations by competency.
fn of_level(
    out: &mut Imported,
    table: &Table,
    roles: &[Option<Role>],
    at: (usize, usize),
    competency_column: Option<usize>,
    text_column: usize,
) {
    let words = header_words(table);
    for row in &table.rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).filter(|c| !c.text.is_empty());
        let Some(text) = cell(Some(text_column)) else {
            unmapped(
                out,
                &row[..row.len().min(words.len())],
                "its row has no expectation text",
            );
            continue;
        };
        let competency = match competency_column {
            None => out.competency(GENERAL, &text.at),
            Some(_) => match cell(competency_column).and_then(|c| name(c, out)) {
                Some(n) => out.competency(&n.text, &n.origin),
                None => {
                    unmapped(
                        out,
                        &row[..row.len().min(words.len())],
                        "its row names no competency",
                    );
                    continue;
                }
            },
        };
        let first = out.tracks[at.0].levels[at.1].expectations.len();
        let lines = lines_of(text, out);
        add(out, at, &competency, lines);
        let taken = [competency_column, Some(text_column)];
        rest_of_row(out, (&words, roles), row, at, &competency, first, &taken);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_at_pipes_that_are_not_escaped_with_the_column_of_each_text() {
        assert_eq!(
            split_row("| Delivery | Ships \\| tests |  |"),
            Some(vec![
                ("Delivery".to_owned(), 3),
                ("Ships \\| tests".to_owned(), 14),
                (String::new(), 30),
            ])
        );
        assert_eq!(
            split_row("a | b"),
            Some(vec![("a".to_owned(), 1), ("b".to_owned(), 5)])
        );
        assert_eq!(split_row("no pipe \\| here"), None);
        assert_eq!(delimiter("|---|:---:| --: |"), Some(3));
        assert_eq!(delimiter("| --- | x |"), None);
        assert_eq!(delimiter("---"), None);
    }

    #[test]
    fn a_cell_splits_at_br_semicolons_and_bullets_but_not_at_entities() {
        let cell = RawCell {
            text: "• Ships.<br>- Reviews; tests<BR/>Says R&amp; D".to_owned(),
            at: origin("p.md", 3, 10),
        };
        assert_eq!(
            pieces(&cell, true),
            [
                ("Ships.".to_owned(), 12),
                ("Reviews".to_owned(), 24),
                ("tests".to_owned(), 33),
                ("Says R&amp; D".to_owned(), 43),
            ]
        );
        assert_eq!(
            pieces(&cell, false),
            [
                ("• Ships.".to_owned(), 10),
                ("- Reviews; tests".to_owned(), 22),
                ("Says R&amp; D".to_owned(), 43),
            ]
        );
    }

    #[test]
    fn a_semicolon_in_brackets_or_code_is_the_texts_own() {
        let cell = RawCell {
            text: "Tests (unit; end to end); runs `a; b`".to_owned(),
            at: origin("p.md", 1, 1),
        };
        assert_eq!(
            pieces(&cell, true),
            [
                ("Tests (unit; end to end)".to_owned(), 1),
                ("runs `a; b`".to_owned(), 27),
            ]
        );
    }

    #[test]
    fn names_read_character_references_as_a_heading_does() {
        assert_eq!(
            decode_entities("R&amp;D&nbsp;&#39;26 &#x41; &lt;b&gt; & x &bogus;"),
            "R&D \'26 A <b> & x &bogus;"
        );
    }

    #[test]
    fn the_header_says_how_a_table_is_read() {
        let of = |words: &[&str], in_level: bool| {
            let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            kind(&header_roles(&words), in_level)
        };
        assert_eq!(
            of(&["", "Junior", "Senior"], false),
            Kind::Columns {
                competency: 0,
                levels: vec![1, 2]
            }
        );
        assert_eq!(
            of(&["Level", "Delivery", "Skills"], false),
            Kind::Rows {
                level: 0,
                competencies: vec![1, 2]
            }
        );
        assert_eq!(
            of(&["Competency", "Expectations", "Examples"], true),
            Kind::OfLevel {
                competency: Some(0),
                text: 1
            }
        );
        assert_eq!(
            of(&["Focus", "What we look for"], true),
            Kind::OfLevel {
                competency: Some(0),
                text: 1
            }
        );
        assert_eq!(
            of(&["Level", "Area", "Expectation"], false),
            Kind::Long {
                level: 0,
                competency: Some(1),
                text: 2
            }
        );
        assert_eq!(of(&["Example", "Notes"], true), Kind::Neither);
    }
}

#[cfg(test)]
mod page_tests {
    use super::super::super::{write, Imported, Source};

    fn lines(path: &str, text: &str) -> Vec<String> {
        let mut imported = Imported {
            name: "eng".to_owned(),
            ..Imported::default()
        };
        let source = Source {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        };
        super::super::read(&source, false, &mut imported);
        write(&imported)
            .report
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_matrix_page_reads_levels_from_the_columns_and_keeps_its_other_text() {
        let text = "# Engineering\n\nHow to read this.\n\n## Matrix\n\n| Competency | Junior | Senior |\n| --- | --- | --- |\n| **Delivery** | Ships tasks.<br>Says when late. | Plans projects; <b>leads</b> others |\n| Craft | Tests \\| lints | Everything in the level below, plus:<br>Designs systems. | extra |\n|  | Orphan. |\n";
        let got = lines("eng.md", text);
        let expected = [
            "eng.md:1:3: mapped: track \"Engineering\" → tracks/engineering/track.md:3",
            "eng.md:3:1: kept as a note: \"How to read this.\" → framework.md:27",
            "eng.md:5:4: kept as a note: \"Matrix\" → framework.md:29",
            "eng.md:7:16: mapped: level \"Junior\" → tracks/engineering/junior.md:3",
            "eng.md:7:25: mapped: level \"Senior\" → tracks/engineering/senior.md:3",
            "eng.md:9:3: mapped: competency \"Delivery\" → competencies/delivery.md:3",
            "eng.md:9:18: mapped: expectation \"Ships tasks.\" → tracks/engineering/junior.md:12 as engineering/junior/ships-tasks",
            "eng.md:9:34: mapped: expectation \"Says when late.\" → tracks/engineering/junior.md:13 as engineering/junior/says-when-late",
            "eng.md:9:52: mapped: expectation \"Plans projects\" → tracks/engineering/senior.md:14 as engineering/senior/plans-projects",
            "eng.md:9:68: problem: HTML \"<b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng.md:9:68: mapped: expectation \"leads others\" → tracks/engineering/senior.md:15 as engineering/senior/leads-others",
            "eng.md:9:76: problem: HTML \"</b>\": markdown pages are read as text: the tag is dropped and the text around it kept",
            "eng.md:10:3: mapped: competency \"Craft\" → competencies/craft.md:3",
            "eng.md:10:11: mapped: expectation \"Tests | lints\" → tracks/engineering/junior.md:17 as engineering/junior/tests-lints",
            "eng.md:10:28: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists",
            "eng.md:10:28: kept as a note: \"Everything in the level below, plus:\" → tracks/engineering/senior.md:10",
            "eng.md:10:68: mapped: expectation \"Designs systems.\" → tracks/engineering/senior.md:19 as engineering/senior/designs-systems",
            "eng.md:10:87: not mapped: \"extra\": the row has more cells than the header's 3 columns",
            "eng.md:11:6: not mapped: \"Orphan.\": its row names no competency",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn one_column_of_levels_is_a_matrix_only_when_it_names_a_known_level() {
        let text = "| Area | Junior | Senior |\n|-|-|-|\n| Craft | Tests. | Designs. |\n\n| Area | Senior |\n|-|-|\n| Care | Mentors. |\n\n| Term | Meaning |\n|-|-|\n| PR | A change. |\n";
        let got = lines("eng.md", text);
        assert!(got.contains(&"eng.md:7:10: mapped: expectation \"Mentors.\" → tracks/eng/senior.md:16 as eng/senior/mentors".to_owned()), "{got:#?}");
        assert!(got.contains(&"eng.md:9:1: problem: a table: it is neither a matrix (levels as columns or as rows) nor a level's expectations by competency: its text is kept as a note".to_owned()), "{got:#?}");
        assert!(
            got.contains(
                &"eng.md:9:1: kept as a note: \"Term | Meaning; PR | A change.\" → framework.md:27"
                    .to_owned()
            ),
            "{got:#?}"
        );
    }

    #[test]
    fn levels_as_rows_take_competencies_from_the_header() {
        let text = "| Level | Delivery | Description |\n|---|---|---|\n| L1 | Ships.<br>• Asks. | Starts here. |\n| L2 | Leads. |\n";
        let got = lines("eng.md", text);
        let expected = [
            "eng.md:1:1: mapped: track \"eng\" → tracks/eng/track.md:3",
            "eng.md:1:11: mapped: competency \"Delivery\" → competencies/delivery.md:3",
            "eng.md:3:3: mapped: level \"L1\" → tracks/eng/l1.md:3",
            "eng.md:3:8: mapped: expectation \"Ships.\" → tracks/eng/l1.md:14 as eng/l1/ships",
            "eng.md:3:20: mapped: expectation \"Asks.\" → tracks/eng/l1.md:15 as eng/l1/asks",
            "eng.md:3:28: kept as a note: \"Starts here.\" → tracks/eng/l1.md:10",
            "eng.md:4:3: mapped: level \"L2\" → tracks/eng/l2.md:3",
            "eng.md:4:8: mapped: expectation \"Leads.\" → tracks/eng/l2.md:12 as eng/l2/leads",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }

    #[test]
    fn a_table_under_a_level_heading_is_that_levels_and_one_of_neither_shape_a_note() {
        let text = "## Junior\n\n| Area | Expectation | Example |\n|---|---|---|\n| Delivery | Ships tasks. | A bug fix. |\n\n## Senior\n\n| Example | Note |\n|---|---|\n| x | y |\n";
        let got = lines("eng.md", text);
        let expected = [
            "eng.md:1:1: mapped: track \"eng\" → tracks/eng/track.md:3",
            "eng.md:1:4: mapped: level \"Junior\" → tracks/eng/junior.md:3",
            "eng.md:5:3: mapped: competency \"Delivery\" → competencies/delivery.md:3",
            "eng.md:5:14: mapped: expectation \"Ships tasks.\" → tracks/eng/junior.md:12 as eng/junior/ships-tasks",
            "eng.md:5:29: mapped: example \"A bug fix.\" → tracks/eng/junior.md:13",
            "eng.md:7:4: mapped: level \"Senior\" → tracks/eng/senior.md:3",
            "eng.md:9:1: problem: a table: it is neither a matrix (levels as columns or as rows) nor a level's expectations by competency: its text is kept as a note",
            "eng.md:9:1: kept as a note: \"Example | Note; x | y\" → tracks/eng/senior.md:10",
        ];
        assert_eq!(got, expected, "{got:#?}");
    }
}
