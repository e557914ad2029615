//! CSV (and TSV) sources: a matrix, competencies as rows and levels as columns, its cells
//! holding one expectation per line; or the long form, one row per expectation with track,
//! level, competency and text columns. Column roles come from the header (`Level`,
//! `Grade`, `Competency`, `Expectation`, …) unless named with `--column ROLE=NAME`.
//! Records are read by the `csv` crate; where each cell starts in the file is found
//! by walking the record's raw text, so every report line has a line and column.

use super::markdown::is_cumulative;
use super::report::quote;
use super::{
    Expectation, Imported, Located, Origin, Outcome, Reading, ReportLine, Role, Source, ROWS_STEP,
};

/// Header words that give a column its role, compared lowercase without a final `s`.
const HEADERS: &[(Role, &[&str])] = &[
    (
        Role::Track,
        &[
            "track",
            "role",
            "ladder",
            "path",
            "discipline",
            "job family",
        ],
    ),
    (Role::Level, &["level", "grade", "rung", "seniority"]),
    (
        Role::Competency,
        &[
            "competency",
            "competencie",
            "area",
            "skill",
            "theme",
            "topic",
            "category",
            "pillar",
        ],
    ),
    (
        Role::Text,
        &[
            "expectation",
            "text",
            "criterion",
            "criteria",
            "behaviour",
            "behavior",
            "statement",
        ],
    ),
    (Role::Example, &["example"]),
    (Role::Note, &["note", "comment"]),
    (Role::Description, &["description", "about", "summary"]),
];

/// The most characters a cell is read with: a cell longer than that (a spreadsheet's
/// runaway cell, a quote never closed in a large file) is reported and not imported,
/// rather than taking minutes to split into thousands of expectations.
pub(super) const MAX_CELL: usize = 1_000_000;

/// The most characters of one expectation, as for every text Rung keeps.
pub(super) const MAX_TEXT: usize = 20_000;

/// Why a line longer than [`MAX_TEXT`] is not an expectation.
const TOO_LONG: &str =
    "it is longer than 20000 characters, the most an expectation holds, so it is not imported; split it";

/// A cell's text and where it starts in the file.
struct Cell {
    text: String,
    at: Origin,
}

/// The text of a file with the byte offset of each line's start.
struct Lines<'a> {
    path: &'a str,
    text: &'a str,
    starts: Vec<usize>,
}

impl Lines<'_> {
    fn origin(&self, offset: usize) -> Origin {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let mut start = self.starts[line - 1];
        // A byte-order mark is not a column.
        if start == 0 && self.text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Origin {
            path: self.path.to_owned(),
            line,
            column,
        }
    }
}

fn problem(at: Origin, what: &str, why: &str) -> ReportLine {
    ReportLine {
        at,
        what: what.to_owned(),
        outcome: Outcome::Problem {
            why: why.to_owned(),
        },
    }
}

fn not_mapped(at: Origin, what: String, why: &str) -> ReportLine {
    ReportLine {
        at,
        what,
        outcome: Outcome::NotMapped {
            why: why.to_owned(),
        },
    }
}

/// Reads one CSV file into `out`, telling `progress` every [`ROWS_STEP`] rows. `stem`
/// names the track when the rows do not, with a report line to add when it is used.
pub(super) fn read(
    source: &Source,
    columns: &[(Role, String)],
    stem: (&str, Option<ReportLine>),
    out: &mut Imported,
    progress: &mut dyn FnMut(Reading<'_>),
) {
    out.sources.push(source.path.clone());
    let start = |line, column| Origin {
        path: source.path.clone(),
        line,
        column,
    };
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = std::str::from_utf8(&source.bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            out.problems.push(not_mapped(
                start(line, column),
                "the file".to_owned(),
                "it is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import again",
            ));
            return;
        }
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let lines = Lines {
        path: &source.path,
        text,
        starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
    };
    let delimiter = delimiter(&source.path, &text[bom..]);
    let rows = records(&lines, bom, delimiter, out, progress);
    let first = header_index(
        rows.iter().map(|r| r.iter().map(|c| c.text.as_str())),
        columns,
    );
    let (title, rows) = rows.split_at(first);
    for c in title.iter().flatten().filter(|c| !c.text.is_empty()) {
        out.notes.push(Located {
            text: c.text.clone(),
            origin: c.at.clone(),
        });
    }
    if let Some(at) = rows.first().and_then(|r| r.first()).filter(|_| first > 0) {
        out.problems.push(problem(
            at.at.clone(),
            "the header row",
            &format!(
                "it is taken to be line {}, the first row that names two columns or more; the rows above it (a title?) are kept as notes of the framework",
                at.at.line
            ),
        ));
    }
    let Some((header, body)) = rows.split_first() else {
        out.problems.push(problem(
            start(1, 1),
            "the file",
            "it is empty: the first row must name the columns",
        ));
        return;
    };
    if header.iter().all(|c| c.text.is_empty()) {
        out.problems.push(problem(
            header.first().map_or_else(|| start(1, 1), |c| c.at.clone()),
            "the header row",
            "it is empty: the first row must name the columns; nothing in the file is imported",
        ));
        for row in body {
            for cell in row.iter().filter(|c| !c.text.is_empty()) {
                out.problems.push(not_mapped(
                    cell.at.clone(),
                    quote(&cell.text),
                    "its column has no name",
                ));
            }
        }
        return;
    }
    let roles = roles(header, columns, &lines, out);
    let (stem, mut named) = stem;
    let stem = if stem.is_empty() {
        out.name.clone()
    } else {
        stem.to_owned()
    };
    for row in body {
        if row.len() > header.len() {
            for cell in row[header.len()..].iter().filter(|c| !c.text.is_empty()) {
                out.problems.push(not_mapped(
                    cell.at.clone(),
                    quote(&cell.text),
                    &format!(
                        "the row has more cells than the header's {} columns",
                        header.len()
                    ),
                ));
            }
        } else if row.len() < header.len() {
            if let Some(first) = row.first() {
                out.problems.push(problem(
                    first.at.clone(),
                    "the row",
                    &format!(
                        "it has {} cells where the header has {}; the missing cells are read as empty",
                        row.len(),
                        header.len()
                    ),
                ));
            }
        }
    }
    if roles.contains(&Some(Role::Text)) {
        let mut mapped = |rows| {
            progress(Reading::Mapping {
                path: &source.path,
                rows,
                of: body.len(),
            });
        };
        long_form(header, body, &roles, (&stem, &mut named), out, &mut mapped);
    } else {
        out.problems.extend(named);
        matrix(header, body, &roles, &stem, out);
    }
}

/// How many rows to look through for the header.
const HEADER_SEARCH: usize = 20;

/// The index of the header row: row 1, unless a later row of the first
/// [`HEADER_SEARCH`] names two columns or more and either one of them is a header word
/// (`Competency`, `Level`, a name given with `--column`) or only a title (a row of one
/// cell) and blank rows are above it.
fn header_index<'a, R: Iterator<Item = &'a str>>(
    rows: impl Iterator<Item = R>,
    columns: &[(Role, String)],
) -> usize {
    let mut titled = false;
    for (i, row) in rows.take(HEADER_SEARCH).enumerate() {
        let cells: Vec<&str> = row.map(str::trim).filter(|c| !c.is_empty()).collect();
        if cells.len() >= 2 {
            let known = cells.iter().any(|c| {
                is_header_word(c) || columns.iter().any(|(_, n)| n.eq_ignore_ascii_case(c))
            });
            return if known || titled { i } else { 0 };
        }
        titled |= cells.len() == 1;
    }
    0
}

/// Whether a header's text gives its column a role.
fn is_header_word(text: &str) -> bool {
    let word = text.to_lowercase();
    let word = word.trim_end_matches('s');
    HEADERS.iter().any(|(_, words)| words.contains(&word))
}

/// `,`, `;` or a tab: a `.tsv` file's tab, else the one the first line that has any
/// uses most.
fn delimiter(path: &str, text: &str) -> u8 {
    if path.to_ascii_lowercase().ends_with(".tsv") {
        return b'\t';
    }
    // The first line with a delimiter: a title above the header may have none.
    let first = text
        .lines()
        .take(HEADER_SEARCH)
        .find(|l| l.contains([',', ';', '\t']))
        .unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Every record of the file, each cell with its position.
fn records(
    lines: &Lines<'_>,
    bom: usize,
    delimiter: u8,
    out: &mut Imported,
    progress: &mut dyn FnMut(Reading<'_>),
) -> Vec<Vec<Cell>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&lines.text.as_bytes()[bom..]);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut at = record.position().map_or(0, |p| p.byte() as usize) + bom;
                // After a CRLF line end, the reader's position can be the `\n` of the
                // line before; a record never starts with a line end (blank lines are
                // skipped), so the record starts after them.
                while matches!(lines.text.as_bytes().get(at), Some(b'\r' | b'\n')) {
                    at += 1;
                }
                if !rows.is_empty() && rows.len() % ROWS_STEP == 0 {
                    progress(Reading::Rows {
                        path: lines.path,
                        rows: rows.len(),
                        bytes: at,
                        of: lines.text.len(),
                    });
                }
                let starts = cell_starts(lines.text.as_bytes(), at, delimiter, record.len());
                let row = record.iter().zip(starts).map(|(text, offset)| {
                    let mut cell = Cell {
                        text: text.trim().to_owned(),
                        at: lines.origin(offset),
                    };
                    if cell.text.len() > MAX_CELL && cell.text.chars().count() > MAX_CELL {
                        out.problems.push(not_mapped(
                            cell.at.clone(),
                            quote(&cell.text),
                            "the cell holds more than 1000000 characters (a quote never closed?), so it is not imported",
                        ));
                        cell.text.clear();
                    }
                    cell
                });
                rows.push(row.collect());
            }
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize) + bom;
                out.problems.push(problem(
                    lines.origin(offset),
                    "the rest of the file",
                    &format!(
                        "it cannot be read as CSV ({e}); nothing after this point is imported"
                    ),
                ));
                break;
            }
        }
    }
    if let Some(open) = unclosed_quote(lines.text.as_bytes(), bom, delimiter) {
        let at = lines.origin(open);
        out.problems.push(problem(
            at.clone(),
            "the rest of the file",
            &format!(
                "a quote opened at {}:{} is never closed; everything after it was read as one cell; close the quote (or write it twice, \"\", inside a cell) and import again",
                at.line, at.column
            ),
        ));
    }
    rows
}

/// Where a quote that opens a cell and is never closed starts, when one does: the
/// reader then takes the rest of the file as that one cell.
fn unclosed_quote(bytes: &[u8], from: usize, delimiter: u8) -> Option<usize> {
    let mut open = None;
    let mut at_start = true;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else {
            if b == b'"' && at_start {
                open = Some(i);
            }
            at_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

/// The byte offset where each of the `count` cells of the record at `at` starts.
fn cell_starts(bytes: &[u8], at: usize, delimiter: u8, count: usize) -> Vec<usize> {
    let mut starts = vec![at];
    let mut i = at;
    let mut quoted = false;
    while i < bytes.len() && starts.len() < count {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' {
            quoted = true;
        } else if b == delimiter {
            starts.push(i + 1);
        } else if b == b'\n' {
            break;
        }
        i += 1;
    }
    while starts.len() < count {
        starts.push(i);
    }
    starts
}

/// The columns of a CSV file's header, each with its role: named in `columns`, else
/// from the header's words. `None` is a level of a matrix (or, in the long form, a column
/// not read). Empty when the file is not UTF-8 text or has no header.
pub fn columns(source: &Source, columns: &[(Role, String)]) -> Vec<(String, Option<Role>)> {
    let Ok(text) = std::str::from_utf8(&source.bytes) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&source.path, text))
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut first = Vec::new();
    while first.len() < HEADER_SEARCH && matches!(reader.read_record(&mut record), Ok(true)) {
        first.push(record.clone());
    }
    let Some(record) = first.get(header_index(first.iter().map(|r| r.iter()), columns)) else {
        return Vec::new();
    };
    let at = Origin {
        path: source.path.clone(),
        line: 1,
        column: 1,
    };
    let header: Vec<Cell> = record
        .iter()
        .map(|text| Cell {
            text: text.trim().to_owned(),
            at: at.clone(),
        })
        .collect();
    if header.iter().all(|c| c.text.is_empty()) {
        return Vec::new();
    }
    let lines = Lines {
        path: &source.path,
        text,
        starts: vec![0],
    };
    let roles = roles(&header, columns, &lines, &mut Imported::default());
    header.into_iter().map(|c| c.text).zip(roles).collect()
}

/// The role of each column: named on the command line, else from the header's words.
fn roles(
    header: &[Cell],
    columns: &[(Role, String)],
    lines: &Lines<'_>,
    out: &mut Imported,
) -> Vec<Option<Role>> {
    let mut roles: Vec<Option<Role>> = vec![None; header.len()];
    for (role, name) in columns {
        match header
            .iter()
            .position(|c| c.text.eq_ignore_ascii_case(name))
        {
            Some(i) => roles[i] = Some(*role),
            None => out.problems.push(problem(
                lines.origin(0),
                &format!("--column {}", column_spec(*role, name)),
                "the header has no column of that name",
            )),
        }
    }
    for (i, cell) in header.iter().enumerate() {
        if roles[i].is_some() {
            continue;
        }
        let word = cell.text.to_lowercase();
        let word = word.trim_end_matches('s');
        let found = HEADERS
            .iter()
            .find(|(role, words)| !roles.contains(&Some(*role)) && words.contains(&word));
        roles[i] = found.map(|(role, _)| *role);
    }
    roles
}

/// The role of each column of a header read elsewhere (a markdown table's), from its
/// words as a CSV header's: `None` is a level of a matrix.
pub(super) fn header_roles(names: &[String]) -> Vec<Option<Role>> {
    let header: Vec<Cell> = names
        .iter()
        .map(|name| Cell {
            text: name.trim().to_owned(),
            at: Origin {
                path: String::new(),
                line: 1,
                column: 1,
            },
        })
        .collect();
    let lines = Lines {
        path: "",
        text: "",
        starts: vec![0],
    };
    roles(&header, &[], &lines, &mut Imported::default())
}

fn column_spec(role: Role, name: &str) -> String {
    let role = Role::NAMES
        .iter()
        .find(|(_, r)| *r == role)
        .map_or("", |(n, _)| n);
    format!("{role}={name}")
}

fn column_of(roles: &[Option<Role>], role: Role) -> Option<usize> {
    roles.iter().position(|r| *r == Some(role))
}

fn cell(row: &[Cell], i: Option<usize>) -> Option<&Cell> {
    i.and_then(|i| row.get(i)).filter(|c| !c.text.is_empty())
}

/// A cell's lines, each with where it starts: bullets and numbering taken off, and
/// whether it was indented (an example of the line above).
fn cell_lines(cell: &Cell) -> Vec<(Located, bool)> {
    let mut out = Vec::new();
    for (n, raw) in cell.text.lines().enumerate() {
        let indented = raw.starts_with([' ', '\t']);
        let trimmed = raw.trim();
        let text = strip_marker(trimmed);
        if text.is_empty() {
            continue;
        }
        let at = if n == 0 {
            cell.at.clone()
        } else {
            Origin {
                line: cell.at.line + n,
                column: raw.chars().take_while(|c| c.is_whitespace()).count() + 1,
                ..cell.at.clone()
            }
        };
        out.push((
            Located {
                text: text.to_owned(),
                origin: at,
            },
            indented && n > 0,
        ));
    }
    out
}

/// A line without its list marker: a bullet (`-`, `*`, `•`, `–`, `◦`, `▪`, `·`) or a
/// number (`1.`, `1)`) followed by a space. A number without a space after it
/// (`1.5 days`) is the text's own.
fn strip_marker(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix(['-', '*', '•', '–', '◦', '▪', '·']) {
        return rest.trim_start();
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')']) {
            if after.starts_with([' ', '\t']) {
                return after.trim_start();
            }
        }
    }
    line
}

fn describe(out: &mut Imported, competency: &str, description: Option<&Cell>) {
    let Some(d) = description else { return };
    let located = Located {
        text: d.text.clone(),
        origin: d.at.clone(),
    };
    let Some(c) = out.competencies.iter_mut().find(|c| c.id == competency) else {
        return;
    };
    if c.description.is_none() {
        c.description = Some(located);
    } else {
        out.notes.push(located);
    }
}

/// Competencies as rows, levels as columns: every column without another role is a level.
fn matrix(
    header: &[Cell],
    body: &[Vec<Cell>],
    roles: &[Option<Role>],
    stem: &str,
    out: &mut Imported,
) {
    let competency = column_of(roles, Role::Competency).unwrap_or(0);
    let description = column_of(roles, Role::Description);
    let track = out.track(stem, &header[0].at);
    let mut levels: Vec<(usize, usize)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if i == competency || roles[i].is_some() {
            continue;
        }
        if h.text.is_empty() {
            out.problems.push(problem(
                h.at.clone(),
                &format!("column {}", i + 1),
                "it has no name, so it is not a level; its cells are not imported",
            ));
            continue;
        }
        let level = out.level(track, &h.text, &h.at);
        if let Some(&(before, _)) = levels.iter().find(|(_, l)| *l == level) {
            out.problems.push(problem(
                h.at.clone(),
                &format!("column {}", i + 1),
                &format!(
                    "it has the same name as column {}, {}: their cells are read as one level",
                    before + 1,
                    quote(&h.text)
                ),
            ));
        }
        levels.push((i, level));
    }
    let mut above = None;
    for row in body {
        if row.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        let name = carried(row, Some(competency), "competency", &mut above, out);
        let Some(name) = name else {
            for c in row.iter().take(header.len()).filter(|c| !c.text.is_empty()) {
                out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its row names no competency",
                ));
            }
            continue;
        };
        let id = out.competency(&name.0, &name.1);
        describe(out, &id, cell(row, description));
        for (i, c) in row.iter().enumerate().take(header.len()) {
            if c.text.is_empty() || i == competency || Some(i) == description {
                continue;
            }
            if let Some(&(_, level)) = levels.iter().find(|(col, _)| *col == i) {
                add_lines(out, track, level, &id, c);
            } else if roles[i] == Some(Role::Ignore) || header[i].text.is_empty() {
                let why = if header[i].text.is_empty() {
                    "its column has no name"
                } else {
                    "its column is ignored (--column ignore=…)"
                };
                out.problems
                    .push(not_mapped(c.at.clone(), quote(&c.text), why));
            } else {
                let level = &mut out.tracks[track].levels;
                match level.first_mut() {
                    Some(first) => first.notes.push(Located {
                        text: format!("{}: {}", header[i].text, c.text),
                        origin: c.at.clone(),
                    }),
                    None => out.notes.push(Located {
                        text: c.text.clone(),
                        origin: c.at.clone(),
                    }),
                }
            }
        }
    }
}

/// Why a line such as "Everything in the level below, plus" is not an expectation.
const CUMULATIVE: &str =
    "the level builds on the one below: kept as a note of the level; its expectations are the ones it lists";

/// The lines of a cell as expectations of a level, indented lines as examples.
fn add_lines(out: &mut Imported, track: usize, level: usize, competency: &str, c: &Cell) {
    let level = &mut out.tracks[track].levels[level];
    for (line, example) in cell_lines(c) {
        if line.text.chars().count() > MAX_TEXT {
            out.problems
                .push(not_mapped(line.origin.clone(), quote(&line.text), TOO_LONG));
            continue;
        }
        if !example && is_cumulative(&line.text) {
            out.problems
                .push(problem(line.origin.clone(), &quote(&line.text), CUMULATIVE));
            level.notes.push(line);
            continue;
        }
        match level.expectations.last_mut() {
            Some(last) if example && last.competency == competency => last.examples.push(line),
            _ => level.expectations.push(Expectation {
                competency: competency.to_owned(),
                text: line,
                examples: Vec::new(),
            }),
        }
    }
}

/// One row per expectation, telling `mapped` every [`ROWS_STEP`] rows how many are done.
fn long_form(
    header: &[Cell],
    body: &[Vec<Cell>],
    roles: &[Option<Role>],
    (stem, named): (&str, &mut Option<ReportLine>),
    out: &mut Imported,
    mapped: &mut dyn FnMut(usize),
) {
    let col = |role| column_of(roles, role);
    let (track_col, level_col, comp_col, text_col) = (
        col(Role::Track),
        col(Role::Level),
        col(Role::Competency),
        col(Role::Text),
    );
    let (example_col, note_col, description_col) =
        (col(Role::Example), col(Role::Note), col(Role::Description));
    for (name, column) in [("level", level_col), ("competency", comp_col)] {
        if column.is_none() {
            out.problems.push(problem(
                header[0].at.clone(),
                "the header",
                &format!("it has an expectation column but no {name} column; name it with --column {name}=NAME"),
            ));
        }
    }
    // The track, level and competency of the row above: a blank cell (a merged cell
    // of a spreadsheet) is read as the same.
    let mut above: [Option<(String, Origin)>; 3] = [None, None, None];
    for (i, row) in body.iter().enumerate() {
        if i > 0 && i % ROWS_STEP == 0 {
            mapped(i);
        }
        if let Some(long) = cell(row, text_col).filter(|c| c.text.chars().count() > MAX_TEXT) {
            out.problems.push(not_mapped(
                long.at.clone(),
                format!("expectation {}", quote(&long.text)),
                TOO_LONG,
            ));
            continue;
        }
        let Some(text) = cell(row, text_col) else {
            for c in row.iter().take(header.len()).filter(|c| !c.text.is_empty()) {
                out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its row has no expectation text",
                ));
            }
            continue;
        };
        let level_cell = carried(row, level_col, "level", &mut above[1], out);
        let comp_cell = carried(row, comp_col, "competency", &mut above[2], out);
        let (Some(level_cell), Some(comp_cell)) = (level_cell, comp_cell) else {
            let missing = if cell(row, level_col).is_none() && above[1].is_none() {
                "level"
            } else {
                "competency"
            };
            out.problems.push(not_mapped(
                text.at.clone(),
                format!("expectation {}", quote(&text.text)),
                &format!("its row names no {missing}"),
            ));
            continue;
        };
        let (track_name, track_at) = match carried(row, track_col, "track", &mut above[0], out) {
            Some(track) => track,
            None => {
                if let Some(blank) = track_col.and_then(|i| row.get(i)) {
                    out.problems.push(problem(
                        blank.at.clone(),
                        "the track cell",
                        &format!(
                            "blank, and no row above names a track: read as the file's track, {}",
                            quote(stem)
                        ),
                    ));
                }
                out.problems.extend(named.take());
                (stem.to_owned(), level_cell.1.clone())
            }
        };
        let track = out.track(&track_name, &track_at);
        out.tracks[track].order_given = false;
        let level = out.level(track, &level_cell.0, &level_cell.1);
        let competency = out.competency(&comp_cell.0, &comp_cell.1);
        describe(out, &competency, cell(row, description_col));
        let examples = cell(row, example_col)
            .map(|c| cell_lines(c).into_iter().map(|(l, _)| l).collect())
            .unwrap_or_default();
        let flat = text.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let level = &mut out.tracks[track].levels[level];
        let text = Located {
            text: flat,
            origin: text.at.clone(),
        };
        if is_cumulative(&text.text) {
            // Not an expectation: the line and any examples of it stay as notes.
            out.problems
                .push(problem(text.origin.clone(), &quote(&text.text), CUMULATIVE));
            level.notes.push(text);
            level.notes.extend(examples);
        } else {
            level.expectations.push(Expectation {
                competency,
                text,
                examples,
            });
        }
        if let Some(note) = cell(row, note_col) {
            level.notes.push(Located {
                text: note.text.clone(),
                origin: note.at.clone(),
            });
        }
        for (i, c) in row.iter().enumerate().take(header.len()) {
            if c.text.is_empty() {
                continue;
            }
            match roles[i] {
                Some(Role::Ignore) => out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its column is ignored (--column ignore=…)",
                )),
                None if header[i].text.is_empty() => out.problems.push(not_mapped(
                    c.at.clone(),
                    quote(&c.text),
                    "its column has no name",
                )),
                None => level.notes.push(Located {
                    text: format!("{}: {}", header[i].text, c.text),
                    origin: c.at.clone(),
                }),
                Some(_) => {}
            }
        }
    }
}

/// The text of a row's cell in `column` and where it was read; a blank cell is read as
/// the one above (`above`), with a report line. `None` when the table has no such
/// column, or the cell and every one above it are blank.
fn carried(
    row: &[Cell],
    column: Option<usize>,
    name: &str,
    above: &mut Option<(String, Origin)>,
    out: &mut Imported,
) -> Option<(String, Origin)> {
    let column = column?;
    if let Some(c) = cell(row, Some(column)) {
        *above = Some((c.text.clone(), c.at.clone()));
        return above.clone();
    }
    let (text, at) = above.as_ref()?;
    if let Some(blank) = row.get(column).or(row.first()) {
        out.problems.push(problem(
            blank.at.clone(),
            &format!("the {name} cell"),
            &format!("blank: read as the {name} above, {}", quote(text)),
        ));
    }
    Some((text.clone(), at.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(name: &str, text: &[u8], columns: &[(Role, String)]) -> Imported {
        let mut out = Imported {
            name: "x".to_owned(),
            ..Imported::default()
        };
        let stem = name.split('.').next().unwrap_or_default();
        read(
            &Source {
                path: name.to_owned(),
                bytes: text.to_vec(),
            },
            columns,
            (stem, None),
            &mut out,
            &mut |_| {},
        );
        out
    }

    #[test]
    fn the_header_gives_each_column_a_role_unless_named() {
        let source = Source {
            path: "eng.csv".to_owned(),
            bytes: "\u{feff}Grade;Area;Area;Expectation;Owner\nL1;Code;x;Tests.;Sam\n"
                .as_bytes()
                .to_vec(),
        };
        let named = |c: &[(Role, String)]| {
            columns(&source, c)
                .into_iter()
                .map(|(name, role)| format!("{name}={role:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            named(&[]),
            [
                "Grade=Some(Level)",
                "Area=Some(Competency)",
                "Area=None",
                "Expectation=Some(Text)",
                "Owner=None"
            ]
        );
        assert_eq!(
            named(&[
                (Role::Ignore, "grade".to_owned()),
                (Role::Note, "Owner".to_owned())
            ]),
            [
                "Grade=Some(Ignore)",
                "Area=Some(Competency)",
                "Area=None",
                "Expectation=Some(Text)",
                "Owner=Some(Note)"
            ]
        );
        for bytes in [&b""[..], b",,\n", b"\xff,Level\n"] {
            let source = Source {
                path: "x.csv".to_owned(),
                bytes: bytes.to_vec(),
            };
            assert!(columns(&source, &[]).is_empty(), "{bytes:?}");
        }
    }

    #[test]
    fn a_large_table_tells_how_far_it_has_read() {
        let mut text = String::from("Level,Competency,Expectation\n");
        for i in 0..2500 {
            text.push_str(&format!("L1,Code,Expectation {i}.\n"));
        }
        let mut seen = Vec::new();
        let mut mapped = Vec::new();
        let mut out = Imported::default();
        let source = Source {
            path: "big.csv".to_owned(),
            bytes: text.clone().into_bytes(),
        };
        read(&source, &[], ("big", None), &mut out, &mut |r| match r {
            Reading::Rows {
                path,
                rows,
                bytes,
                of,
            } => seen.push((path.to_owned(), rows, bytes, of)),
            Reading::Mapping { path, rows, of } => mapped.push((path.to_owned(), rows, of)),
            Reading::File { .. } => {}
        });
        assert_eq!(
            seen.iter().map(|s| s.1).collect::<Vec<_>>(),
            [1000, 2000],
            "{seen:?}"
        );
        assert!(seen.iter().all(|s| s.0 == "big.csv" && s.3 == text.len()));
        assert!(seen[0].2 < seen[1].2 && seen[1].2 < text.len());
        let big = |rows| ("big.csv".to_owned(), rows, 2500);
        assert_eq!(mapped, [big(1000), big(2000)]);
        assert_eq!(out.tracks[0].levels[0].expectations.len(), 2500);
    }

    fn problems(out: &Imported) -> Vec<String> {
        out.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_matrix_cell_holds_one_expectation_per_line_with_its_position() {
        let out = import(
            "eng.csv",
            b"Competency,Junior,Senior\nDelivery,\"Ships tasks.\n- Says when late.\n  - Posts in the channel.\",Plans projects.\n",
            &[],
        );
        assert!(out.problems.is_empty(), "{:?}", problems(&out));
        let track = &out.tracks[0];
        assert_eq!(track.id, "eng");
        let ids: Vec<&str> = track.levels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["junior", "senior"]);
        let junior = &track.levels[0].expectations;
        assert_eq!(junior.len(), 2);
        assert_eq!(junior[1].text.text, "Says when late.");
        assert_eq!(
            (junior[1].text.origin.line, junior[1].text.origin.column),
            (3, 1)
        );
        assert_eq!(junior[1].examples[0].text, "Posts in the channel.");
        let senior = &track.levels[1].expectations[0].text.origin;
        assert_eq!((senior.line, senior.column), (4, 28));
    }

    #[test]
    fn the_long_form_is_detected_and_roles_can_be_named() {
        let out = import(
            "all.csv",
            b"Track,Grade,Pillar,Expectation,Owner\nDesign,D1,Craft,Uses the grid.,Ana\n",
            &[],
        );
        assert!(out.problems.is_empty(), "{:?}", problems(&out));
        assert_eq!(out.tracks[0].id, "design");
        assert_eq!(out.tracks[0].levels[0].notes[0].text, "Owner: Ana");
        let out = import(
            "all.csv",
            b"Who,Step,Area,Words\nDesign,D1,Craft,Uses the grid.\n",
            &[
                (Role::Track, "who".to_owned()),
                (Role::Level, "Step".to_owned()),
                (Role::Text, "Words".to_owned()),
            ],
        );
        assert!(out.problems.is_empty(), "{:?}", problems(&out));
        assert_eq!(out.tracks[0].levels[0].expectations[0].competency, "craft");
    }

    #[test]
    fn a_line_that_says_the_level_builds_on_the_one_below_is_a_note() {
        let out = import(
            "eng.csv",
            b"Competency,Senior\nDelivery,\"Everything in the level below, plus:\n- Plans projects.\"\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            ["eng.csv:2:10: problem: \"Everything in the level below, plus:\": the level builds on the one below: kept as a note of the level; its expectations are the ones it lists"]
        );
        let senior = &out.tracks[0].levels[0];
        assert_eq!(senior.notes[0].text, "Everything in the level below, plus:");
        let texts: Vec<&str> = senior
            .expectations
            .iter()
            .map(|e| e.text.text.as_str())
            .collect();
        assert_eq!(texts, ["Plans projects."]);
        let out = import(
            "all.csv",
            b"Track,Level,Competency,Expectation,Example\nEng,E2,Craft,All of the previous level.,Say so.\n",
            &[],
        );
        let level = &out.tracks[0].levels[0];
        assert!(level.expectations.is_empty());
        let notes: Vec<&str> = level.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["All of the previous level.", "Say so."]);
        assert_eq!(out.problems.len(), 1);
    }

    #[test]
    fn broken_input_gives_report_lines_not_panics() {
        let out = import(
            "bad.csv",
            b"Competency,Junior\nDelivery,Ships.,extra\nCraft\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            [
                "bad.csv:2:17: not mapped: \"extra\": the row has more cells than the header's 2 columns",
                "bad.csv:3:1: problem: the row: it has 1 cells where the header has 2; the missing cells are read as empty",
            ]
        );
        let out = import("latin.csv", b"Competency,Junior\nD\xe9livery,x\n", &[]);
        assert_eq!(
            problems(&out),
            ["latin.csv:2:2: not mapped: the file: it is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import again"]
        );
        let out = import("empty.csv", b"", &[]);
        assert_eq!(problems(&out), ["empty.csv:1:1: problem: the file: it is empty: the first row must name the columns"]);
        let out = import("blank.csv", b",,\n,x,\n", &[]);
        assert_eq!(problems(&out)[0], "blank.csv:1:1: problem: the header row: it is empty: the first row must name the columns; nothing in the file is imported");
        let out = import(
            "noname.csv",
            b"Competency,,Senior\nDelivery,Ships.,Plans.\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            [
                "noname.csv:1:12: problem: column 2: it has no name, so it is not a level; its cells are not imported",
                "noname.csv:2:10: not mapped: \"Ships.\": its column has no name",
            ]
        );
        let out = import("q.csv", b"Competency,Junior\nDelivery,\"unclosed\n", &[]);
        assert_eq!(
            out.tracks[0].levels[0].expectations[0].text.text,
            "unclosed"
        );
    }

    fn placed(level: &super::super::Level) -> Vec<(String, usize, usize)> {
        level
            .expectations
            .iter()
            .map(|e| {
                (
                    e.text.text.clone(),
                    e.text.origin.line,
                    e.text.origin.column,
                )
            })
            .collect()
    }

    #[test]
    fn positions_are_the_same_with_crlf_and_lf_line_ends_and_a_bom_is_not_a_column() {
        for end in ["\n", "\r\n"] {
            let text = format!(
                "\u{feff}Competency,Junior,Senior{end}Craft,Writes tests,\"Designs modules.{end}- Reviews designs.\"{end}Comm,Asks,Mentors{end}"
            );
            let out = import("e.csv", text.as_bytes(), &[]);
            assert!(out.problems.is_empty(), "{:?}", problems(&out));
            let track = &out.tracks[0];
            assert_eq!(track.origin.column, 1, "{end:?}");
            let junior = &track.levels[0];
            assert_eq!((junior.origin.line, junior.origin.column), (1, 12));
            let own = |t: &str, l, c| (t.to_owned(), l, c);
            assert_eq!(
                placed(junior),
                [own("Writes tests", 2, 7), own("Asks", 4, 6)],
                "{end:?}"
            );
            assert_eq!(
                placed(&track.levels[1]),
                [
                    own("Designs modules.", 2, 20),
                    own("Reviews designs.", 3, 1),
                    own("Mentors", 4, 11)
                ],
                "{end:?}"
            );
            assert_eq!(
                out.competencies
                    .iter()
                    .map(|c| (c.origin.line, c.origin.column))
                    .collect::<Vec<_>>(),
                [(2, 1), (4, 1)]
            );
        }
    }

    #[test]
    fn a_quote_never_closed_is_reported_where_it_opens() {
        for end in ["\n", "\r\n"] {
            let text = format!(
                "Competency,Junior,Senior{end}Craft,\"Writes tests,Designs{end}Comm,Asks,Mentors{end}"
            );
            let out = import("q.csv", text.as_bytes(), &[]);
            assert_eq!(
                problems(&out),
                [
                    "q.csv:2:7: problem: the rest of the file: a quote opened at 2:7 is never closed; everything after it was read as one cell; close the quote (or write it twice, \"\", inside a cell) and import again",
                    "q.csv:2:1: problem: the row: it has 2 cells where the header has 3; the missing cells are read as empty",
                ],
                "{end:?}"
            );
        }
        let out = import(
            "fine.csv",
            b"Competency,Junior\nCraft,\"Says \"\"no\"\"\nkindly\"\nComm,5\" screen\n",
            &[],
        );
        assert!(out.problems.is_empty(), "{:?}", problems(&out));
    }

    #[test]
    fn list_markers_are_taken_off_cell_lines() {
        let out = import(
            "m.csv",
            "Competency,Junior\nCraft,\"1. Numbered\n2) Other\n◦ Flaky tests\n▪ Square\n· Dot\n1.5 days of work\n10)Tight\"\n".as_bytes(),
            &[],
        );
        let texts: Vec<String> = placed(&out.tracks[0].levels[0])
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "Numbered",
                "Other",
                "Flaky tests",
                "Square",
                "Dot",
                "1.5 days of work",
                "10)Tight"
            ]
        );
    }

    #[test]
    fn rows_above_the_header_are_notes_and_said_so() {
        let out = import(
            "t.csv",
            b"Ladder v2,,\n,,\nCompetency,Junior,Senior\nCraft,Writes tests,Designs\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            ["t.csv:3:1: problem: the header row: it is taken to be line 3, the first row that names two columns or more; the rows above it (a title?) are kept as notes of the framework"]
        );
        assert_eq!(out.notes[0].text, "Ladder v2");
        assert_eq!(
            placed(&out.tracks[0].levels[1]),
            [("Designs".to_owned(), 4, 20)]
        );
        let source = Source {
            path: "t.csv".to_owned(),
            bytes: b"My ladder\n\nCompetency;Junior\n".to_vec(),
        };
        assert_eq!(
            columns(&source, &[]),
            [
                ("Competency".to_owned(), Some(Role::Competency)),
                ("Junior".to_owned(), None)
            ]
        );
    }

    #[test]
    fn a_blank_cell_is_read_as_the_one_above() {
        let out = import(
            "m.csv",
            b"Competency,Junior\nCraft,Writes tests\n,Fixes bugs\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            ["m.csv:3:1: problem: the competency cell: blank: read as the competency above, \"Craft\""]
        );
        let texts = placed(&out.tracks[0].levels[0]);
        assert_eq!(texts[1], ("Fixes bugs".to_owned(), 3, 2));
        assert!(out.tracks[0].levels[0]
            .expectations
            .iter()
            .all(|e| e.competency == "craft"));
        let out = import(
            "l.csv",
            b"Track,Level,Competency,Expectation\n,L1,Craft,Writes tests\nEng,L2,Craft,Designs\n,,,Reviews\n",
            &[],
        );
        let mut lines = problems(&out);
        lines.sort();
        assert_eq!(
            lines,
            [
                "l.csv:2:1: problem: the track cell: blank, and no row above names a track: read as the file's track, \"l\"",
                "l.csv:4:1: problem: the track cell: blank: read as the track above, \"Eng\"",
                "l.csv:4:2: problem: the level cell: blank: read as the level above, \"L2\"",
                "l.csv:4:3: problem: the competency cell: blank: read as the competency above, \"Craft\"",
            ]
        );
        let tracks: Vec<(&str, usize)> = out
            .tracks
            .iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    t.levels.iter().map(|l| l.expectations.len()).sum(),
                )
            })
            .collect();
        assert_eq!(tracks, [("l", 1), ("eng", 2)]);
    }

    #[test]
    fn two_columns_with_one_name_are_one_level_and_said_so() {
        let out = import(
            "d.csv",
            b"Competency,Junior,Junior\nCraft,Writes tests,Asks\n",
            &[],
        );
        assert_eq!(
            problems(&out),
            ["d.csv:1:19: problem: column 3: it has the same name as column 2, \"Junior\": their cells are read as one level"]
        );
        assert_eq!(out.tracks[0].levels.len(), 1);
        assert_eq!(out.tracks[0].levels[0].expectations.len(), 2);
    }

    #[test]
    fn a_cell_or_a_text_over_the_limits_is_reported_not_imported() {
        let long = "x".repeat(MAX_TEXT + 1);
        let out = import(
            "t.csv",
            format!("Competency,Junior\nCraft,\"{long}\nShort.\"\n").as_bytes(),
            &[],
        );
        assert_eq!(problems(&out).len(), 1);
        assert!(problems(&out)[0].starts_with("t.csv:2:7: not mapped: \"xxx"));
        assert!(problems(&out)[0].ends_with(": it is longer than 20000 characters, the most an expectation holds, so it is not imported; split it"));
        assert_eq!(
            placed(&out.tracks[0].levels[0]),
            [("Short.".to_owned(), 3, 1)]
        );
        let huge = "Writes tests.\n".repeat(MAX_CELL / 14 + 1);
        let out = import(
            "h.csv",
            format!("Competency,Junior\nCraft,\"{huge}\"\n").as_bytes(),
            &[],
        );
        assert_eq!(
            problems(&out),
            ["h.csv:2:7: not mapped: \"Writes tests. Writes tests. Writes tests. Write…\": the cell holds more than 1000000 characters (a quote never closed?), so it is not imported"]
        );
        assert!(out.tracks[0].levels[0].expectations.is_empty());
    }
}
