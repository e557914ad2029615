//! Fuzzes the loader: any set of files must load without a panic.
//!
//! The input is split into files. A line that starts with `@@@ ` starts a new file, and
//! the rest of that line is its path, for example `@@@ tracks/t/l1.md`. Text before the
//! first such line, and files whose path is empty or not UTF-8, take their path from
//! `PATHS`, cycled. So both readable seeds and raw bytes reach every kind of file.
//! A folder cannot hold two files with the same path, so a repeated path is dropped:
//! only its first file is loaded.
//!
//! After loading, the target checks the positions of the diagnostics and walks the
//! result: every track and level through `Framework::applicable`, every piece of text
//! through the markdown renderer.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// Starts a file when it begins a line; the rest of the line is the path.
const HEADER: &[u8] = b"@@@ ";

/// At most this many files are built from one input.
const MAX_FILES: usize = 64;

/// Paths for files that do not name one, cycled in this order.
const PATHS: &[&str] = &[
    "framework.md",
    "competencies/a.md",
    "glossary/g.md",
    "tracks/t/track.md",
    "tracks/t/l1.md",
    "tracks/t/l2.md",
];

/// Splits the input into (path, bytes) pairs.
fn split(data: &[u8]) -> Vec<(String, &[u8])> {
    // Byte offsets where a header line starts.
    let mut starts = Vec::new();
    if data.starts_with(HEADER) {
        starts.push(0);
    }
    for (i, _) in data.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        if data[i + 1..].starts_with(HEADER) {
            starts.push(i + 1);
        }
    }

    let mut files = Vec::new();
    let mut fallback = 0;
    let mut next_path = |given: Option<&[u8]>| -> String {
        match given.and_then(|p| std::str::from_utf8(p).ok()) {
            Some(p) if !p.is_empty() => p.to_owned(),
            _ => {
                let p = PATHS[fallback % PATHS.len()];
                fallback += 1;
                p.to_owned()
            }
        }
    };

    // Text before the first header is a file of its own.
    let first = starts.first().copied().unwrap_or(data.len());
    if first > 0 || starts.is_empty() {
        files.push((next_path(None), &data[..first]));
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let chunk = &data[start + HEADER.len()..end];
        let (path, body) = match chunk.iter().position(|b| *b == b'\n') {
            Some(nl) => (&chunk[..nl], &chunk[nl + 1..]),
            None => (chunk, &chunk[chunk.len()..]),
        };
        files.push((next_path(Some(path)), body));
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|(path, _)| seen.insert(path.clone()));
    files.truncate(MAX_FILES);
    files
}

fuzz_target!(|data: &[u8]| {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, bytes) in split(data) {
        match rung::files::folder::decode(&path, bytes.to_vec()) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }

    let loaded = rung::load(sources, diagnostics);

    for d in &loaded.diagnostics {
        assert!(d.line >= 1, "line 0 in {d:?}");
        assert!(d.column >= 1, "column 0 in {d:?}");
        // The command line tool slices the file with `offset..offset + len` to
        // underline the problem, so the range must fit the text on char boundaries.
        if let Some(source) = loaded.source(&d.path) {
            let end = d.offset + d.len;
            assert!(end <= source.text.len(), "range past the end in {d:?}");
            assert!(
                source.text.is_char_boundary(d.offset) && source.text.is_char_boundary(end),
                "range not on char boundaries in {d:?}"
            );
        }
    }

    let framework = &loaded.framework;
    let _ = rung::framework::markdown::to_html(&framework.intro);
    for competency in &framework.competencies {
        let _ = rung::framework::markdown::to_html(&competency.description);
        for text in competency.evidence.iter().chain(&competency.questions) {
            let _ = rung::framework::markdown::inline_to_html(text);
        }
    }
    for term in &framework.glossary {
        let _ = rung::framework::markdown::to_html(&term.definition);
    }
    for track in &framework.tracks {
        let _ = framework.competencies_of(track);
        let role = &track.role;
        for text in [
            &role.purpose,
            &role.responsibilities,
            &role.decision_rights,
            &role.working_with_others,
        ] {
            let _ = rung::framework::markdown::to_html(text);
        }
        for level in &track.levels {
            let _ = rung::framework::markdown::to_html(&level.intro);
            for applicable in framework.applicable(track, level) {
                let expectation = applicable.expectation;
                let _ = rung::framework::markdown::inline_to_html(&expectation.text);
                for example in &expectation.examples {
                    let _ = rung::framework::markdown::inline_to_html(example);
                }
            }
            for section in &level.sections {
                for note in &section.notes {
                    let _ = rung::framework::markdown::to_html(note);
                }
            }
        }
    }
});
