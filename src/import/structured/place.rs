//! Placing what was gathered: levels in order and on their tracks (a second track for a
//! manager path, its bands continuing from where it branches), themes as competencies,
//! criteria as expectations of their level and competency, or report lines saying why
//! not. Also where a text of the source is, to the column.

use serde_saphyr::Location;

use super::super::ids::slug;
use super::super::report::quote;
use super::super::{CareerPath, Expectation, Imported, Located, Origin};
use super::tree::File;
use super::{not_mapped, problem, Criterion, Gathered, LevelDef, ThemeDef};

/// A text of the file, trimmed, at the line and column where its words start.
pub(super) fn located(file: &File, text: &str, at: &Location) -> Located {
    locate(file, text, at).0
}

/// A text of the file as [`located`], as one text per item when it is a numbered or
/// bulleted list ([`split`]).
pub(super) fn texts(file: &File, text: &str, at: &Location) -> Vec<Located> {
    let (text, byte) = locate(file, text, at);
    split(file, &text, byte)
}

/// A text of the file as [`located`], and the byte of the file where it is.
fn locate(file: &File, text: &str, at: &Location) -> (Located, usize) {
    let start = file.origin(at);
    let text = text.trim().to_owned();
    let byte = at
        .span()
        .byte_offset()
        .and_then(|b| usize::try_from(b).ok())
        .filter(|&b| file.text.is_char_boundary(b))
        .unwrap_or_else(|| file.offset(&start));
    let (origin, byte) = find(file, &text, &start, byte).unwrap_or((start, byte));
    (Located { text, origin }, byte)
}

/// How far past its value a text is looked for: 400 lines, and at most this many bytes.
const LOOK_AHEAD: usize = 256 * 1024;

/// Where the first words of `text` are, from `from` (at byte `start` of the file) on,
/// and at which byte. Only the bytes up to the words are looked at, and where they are
/// is counted from `from`, so that finding every text of a file stays linear in its
/// size (the file's line starts are indexed once).
fn find(file: &File, text: &str, from: &Origin, start: usize) -> Option<(Origin, usize)> {
    let first = text.lines().next()?.trim();
    let needle: String = first.chars().take(32).collect();
    if needle.is_empty() {
        return None;
    }
    let lines_end = file
        .starts
        .get(from.line.saturating_sub(1) + 400)
        .copied()
        .unwrap_or(file.text.len());
    let mut end = lines_end.min(start.saturating_add(LOOK_AHEAD + needle.len()));
    while !file.text.is_char_boundary(end) {
        end -= 1;
    }
    let hay = file.text.get(start..end)?;
    let Some(i) = hay.find(&needle) else {
        file.scanned.set(file.scanned.get() + hay.len());
        return None;
    };
    let found = start + i;
    let line = file.starts.partition_point(|&s| s <= found).max(1);
    let (counted_from, first_column) = if line == from.line {
        (start, from.column)
    } else {
        (file.starts[line - 1], 1)
    };
    let between = &file.text[counted_from..found];
    file.scanned
        .set(file.scanned.get() + i + needle.len() + between.len());
    let origin = Origin {
        path: from.path.clone(),
        line,
        column: first_column + between.chars().count(),
    };
    Some((origin, found))
}

/// The rest of a line that starts a numbered or bulleted item.
fn item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = if digits > 0 && t[digits..].starts_with(['.', ')']) {
        &t[digits + 1..]
    } else if t.starts_with(['-', '*', '•']) {
        &t[t.chars().next().map_or(1, char::len_utf8)..]
    } else {
        return None;
    };
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

/// A text that is a numbered or bulleted list, as one text per item, each where it is
/// (from byte `byte` of the file on); any other text as itself.
fn split(file: &File, text: &Located, byte: usize) -> Vec<Located> {
    let first = text.text.lines().find(|l| !l.trim().is_empty());
    if first.and_then(item).is_none() {
        return vec![text.clone()];
    }
    let mut items: Vec<String> = Vec::new();
    for line in text.text.lines() {
        match (item(line), items.last_mut()) {
            (Some(rest), _) => items.push(rest.to_owned()),
            (None, Some(last)) if !line.trim().is_empty() => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => {}
        }
    }
    if items.len() < 2 {
        return vec![text.clone()];
    }
    let mut from = text.origin.clone();
    let mut byte = byte;
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .map(|i| {
            if let Some((origin, at)) = find(file, &i, &from, byte) {
                from = origin;
                byte = at;
            }
            Located {
                text: i,
                origin: from.clone(),
            }
        })
        .collect()
}

/// Whether a value names this entry: its id or name, without regard to case or
/// punctuation, or its number.
fn names(value: &str, id: Option<&str>, name: &str, number: Option<f64>) -> bool {
    let value = value.trim();
    let same = |s: &str| s.eq_ignore_ascii_case(value) || slug(s, "") == slug(value, "-");
    id.is_some_and(same)
        || same(name)
        || number.is_some_and(|n| value.parse::<f64>().is_ok_and(|v| v == n))
}

fn find_level(levels: &[LevelDef], value: &str) -> Option<usize> {
    let exact = levels
        .iter()
        .position(|l| l.id.as_deref() == Some(value) || l.title.text == value);
    exact.or_else(|| {
        levels
            .iter()
            .position(|l| names(value, l.id.as_deref(), &l.title.text, l.number))
    })
}

fn find_theme(themes: &[ThemeDef], value: &str) -> Option<usize> {
    let exact = themes
        .iter()
        .position(|t| t.id.as_deref() == Some(value) || t.name.text == value);
    exact.or_else(|| {
        themes
            .iter()
            .position(|t| names(value, t.id.as_deref(), &t.name.text, None))
    })
}

/// The levels of the source: the levels lists', without repeats, in order (by their
/// numbers when every one has one), or the levels the criteria name, first met first.
fn levels(g: &mut Gathered) -> Vec<LevelDef> {
    let mut defs: Vec<LevelDef> = Vec::new();
    for def in std::mem::take(&mut g.levels) {
        let key = def.id.as_deref().unwrap_or(&def.title.text);
        if find_level(&defs, key).is_some() {
            g.problems.push(not_mapped(
                def.title.origin.clone(),
                format!("level {}", quote(&def.title.text)),
                "the levels list names it twice; the first is kept",
            ));
        } else {
            defs.push(def);
        }
    }
    if defs.iter().all(|d| d.number.is_some()) {
        defs.sort_by(|a, b| {
            let (a, b) = (a.number.unwrap_or(0.0), b.number.unwrap_or(0.0));
            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    if defs.is_empty() {
        for level in g.criteria.iter().filter_map(|c| c.level.as_ref()) {
            if find_level(&defs, &level.text).is_none() {
                defs.push(LevelDef {
                    id: None,
                    title: level.clone(),
                    number: None,
                    band: None,
                    path: super::keys::path_marked(Some(&level.text), &level.text),
                    notes: Vec::new(),
                });
            }
        }
    }
    defs
}

/// Places everything gathered into the model.
pub(super) fn place(mut g: Gathered, out: &mut Imported) {
    if let Some(name) = &g.name {
        out.name = name.text.clone();
    }
    out.notes.append(&mut g.notes);
    let listed = !g.levels.is_empty();
    let defs = levels(&mut g);

    // Tracks: the levels of a manager path on a track of their own, beside the others.
    let shared = defs.iter().any(|d| d.path != Some(CareerPath::Manager));
    let branched = defs.iter().position(|d| d.path.is_some()).unwrap_or(0);
    let branch = match branched.checked_sub(1).and_then(|i| defs.get(i)) {
        Some(below) => below
            .band
            .unwrap_or_else(|| u32::try_from(branched).unwrap_or(u32::MAX)),
        None => 0,
    };
    let name = out.name.clone();
    let first = |manager: bool| {
        defs.iter()
            .find(|d| (d.path == Some(CareerPath::Manager)) == manager)
            .map(|d| d.title.origin.clone())
    };
    let main_origin = g.name.as_ref().map(|n| n.origin.clone()).or(first(false));
    let mut tracks: [Option<usize>; 2] = [None, None];
    let mut placed = Vec::new();
    let mut managers = 0;
    for def in &defs {
        let manager = def.path == Some(CareerPath::Manager) && shared;
        let slot = usize::from(manager);
        let track = match tracks[slot] {
            Some(t) => t,
            None => {
                let t = if manager {
                    let origin = first(true).unwrap_or_else(|| def.title.origin.clone());
                    out.track(&format!("{name} management"), &origin)
                } else {
                    let origin = main_origin
                        .clone()
                        .unwrap_or_else(|| def.title.origin.clone());
                    out.track(&name, &origin)
                };
                if def.path == Some(CareerPath::Manager) {
                    out.tracks[t].career_path = Some(CareerPath::Manager);
                }
                // Without a levels list, the criteria's order is no order of levels.
                out.tracks[t].order_given = listed;
                tracks[slot] = Some(t);
                t
            }
        };
        let index = out.level(track, &def.title.text, &def.title.origin);
        let band = if manager {
            managers += 1;
            def.band.or(Some(branch + managers))
        } else {
            def.band
        };
        let level = &mut out.tracks[track].levels[index];
        level.band = band;
        level.notes.extend(def.notes.iter().cloned());
        placed.push((track, index));
    }

    // Themes: competencies, in the order of the themes lists.
    let mut themes: Vec<ThemeDef> = Vec::new();
    for theme in std::mem::take(&mut g.themes) {
        let key = theme.id.as_deref().unwrap_or(&theme.name.text);
        if find_theme(&themes, key).is_some() {
            g.problems.push(not_mapped(
                theme.name.origin.clone(),
                format!("theme {}", quote(&theme.name.text)),
                "the themes list names it twice; the first is kept",
            ));
            continue;
        }
        let id = out.competency(&theme.name.text, &theme.name.origin);
        if let Some(c) = out.competencies.iter_mut().find(|c| c.id == id) {
            if c.description.is_none() {
                c.description.clone_from(&theme.description);
            }
        }
        themes.push(theme);
    }
    let themed = !themes.is_empty();
    let mut strays: Vec<String> = Vec::new();

    for c in std::mem::take(&mut g.criteria) {
        let level = c.level.as_ref().map(|l| (l, find_level(&defs, &l.text)));
        let (track, level) = match level {
            Some((_, Some(i))) => placed[i],
            Some((l, None)) => {
                let why = if listed {
                    format!("its level `{}` is not in the levels list", l.text)
                } else {
                    format!("its level `{}` could not be read", l.text)
                };
                unmapped(&c, &why, &mut g);
                continue;
            }
            None => {
                unmapped(&c, "it names no level", &mut g);
                continue;
            }
        };
        let competency = match &c.theme {
            Some(t) => match find_theme(&themes, &t.text) {
                Some(i) => out.competency(&themes[i].name.text, &themes[i].name.origin),
                None => {
                    if themed && !strays.contains(&t.text) {
                        strays.push(t.text.clone());
                        g.problems.push(problem(
                            t.origin.clone(),
                            format!("theme {}", quote(&t.text)),
                            "not in the themes list; read as a competency of its own",
                        ));
                    }
                    out.competency(&t.text, &t.origin)
                }
            },
            None => {
                unmapped(
                    &c,
                    "it names no theme (a theme, area, competency or category key)",
                    &mut g,
                );
                continue;
            }
        };
        for (i, text) in c.texts.iter().enumerate() {
            if let Some(id) = &c.id {
                out.source_ids.push((text.origin.clone(), id.clone()));
            }
            out.tracks[track].levels[level]
                .expectations
                .push(Expectation {
                    competency: competency.clone(),
                    text: text.clone(),
                    examples: if i == 0 {
                        c.examples.clone()
                    } else {
                        Vec::new()
                    },
                });
        }
    }
    out.problems.append(&mut g.problems);
}

fn unmapped(c: &Criterion, why: &str, g: &mut Gathered) {
    for text in &c.texts {
        g.problems.push(not_mapped(
            text.origin.clone(),
            format!("expectation {}", quote(&text.text)),
            why,
        ));
    }
    for example in &c.examples {
        g.problems.push(not_mapped(
            example.origin.clone(),
            format!("example {}", quote(&example.text)),
            "its criterion was not mapped",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Source;
    use super::super::{tree, Gathered};

    /// Gathers one file and says how many bytes finding its texts looked at.
    fn scanned(path: &str, text: &str) -> (usize, usize) {
        let source = Source {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        };
        let Ok((file, _)) = tree::parse(&source) else {
            panic!("{path} is not read")
        };
        let mut gathered = Gathered::default();
        for root in &file.roots {
            gathered.file(&file, root);
        }
        let texts = gathered.criteria.iter().map(|c| c.texts.len()).sum();
        (file.scanned.get(), texts)
    }

    #[test]
    fn finding_every_text_looks_at_each_byte_of_the_file_a_few_times_at_most() {
        // Each text found from the top of the file (or its line) would look at the
        // whole file for each criterion: thousands of times its size here.
        let n = 3000;
        let mut yaml = String::from("criteria:\n");
        let mut json = String::from("[");
        for i in 0..n {
            let level = i % 7;
            yaml.push_str(&format!(
                "  - level: L{level}\n    theme: Craft\n    text: \"Criterion {i} of the ladder.\"\n    examples: \"- one {i}\\n- two {i}\"\n"
            ));
            if i > 0 {
                json.push(',');
            }
            json.push_str(&format!(
                "{{\"level\":\"L{level}\",\"theme\":\"Craft\",\"text\":\"- Criterion {i}.\\n- Its second part {i}.\"}}"
            ));
        }
        json.push(']');
        let (bytes, texts) = scanned("big.yaml", &yaml);
        assert_eq!(texts, n);
        assert!(
            bytes < 3 * yaml.len(),
            "{bytes} bytes looked at for {}",
            yaml.len()
        );
        let (bytes, texts) = scanned("big.json", &json);
        assert_eq!(texts, 2 * n);
        assert!(
            bytes < 3 * json.len(),
            "{bytes} bytes looked at for {}",
            json.len()
        );
    }
}
