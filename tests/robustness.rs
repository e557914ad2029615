//! No input makes the loader panic: the worked example and the bundled framework,
//! mutated many times over in ways that break YAML, markdown and UTF-8 boundaries.
//! (A coverage-guided fuzz target in `fuzz/` goes further; see `docs/fuzzing.md`.)

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

/// A small deterministic generator, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    ": ",
    "- ",
    "  - ",
    "## ",
    "{#",
    "}",
    "[",
    "]",
    "{",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "<script>",
    "](javascript:x)",
    "`",
    "\t",
    "\u{feff}",
    "é",
    "🙂",
    "\r\n",
    "|\n",
    ">\n",
    "#",
    "band: ",
    "id: ",
    "99999999999999999999",
    "-1",
    "~",
    "null",
    "cumulative: false\n",
    "tracks: [",
    "\0",
];

fn mutate(text: &str, rng: &mut XorShift) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => bytes.truncate(at),
            3 => {
                let end = (at + rng.below(80)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ => {
                if at < bytes.len() {
                    bytes[at] = (rng.next() & 0xff) as u8;
                }
            }
        }
    }
    // Invalid UTF-8 goes through the same decoding the disk reader uses.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Loads and renders everything; returns how many diagnostics there were.
fn check(files: Vec<(String, String)>) -> usize {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, text) in files {
        match rung::files::folder::decode(&path, text.into_bytes()) {
            Ok(s) => sources.push(s),
            Err(d) => diagnostics.push(d),
        }
    }
    let loaded = rung::load(sources, diagnostics);
    for d in &loaded.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d}");
        if let Some(source) = loaded.source(&d.path) {
            assert!(d.offset + d.len <= source.text.len(), "{d}");
        }
    }
    let f = &loaded.framework;
    for track in &f.tracks {
        for level in track.levels.iter() {
            for a in f.applicable(track, level) {
                let _ = rung::framework::markdown::inline_to_html(&a.expectation.text);
            }
        }
    }
    loaded.diagnostics.len()
}

#[test]
fn mutated_worked_examples_never_panic() {
    let example = common::worked_example();
    let mut rng = XorShift(0x5eed_1234_abcd_0001);
    let mut broken = 0;
    for _ in 0..3000 {
        let mut files = example.clone();
        let victim = rng.below(files.len());
        files[victim].1 = mutate(&files[victim].1, &mut rng);
        if check(files) > 0 {
            broken += 1;
        }
    }
    // The mutations must actually break things, or this test proves nothing.
    assert!(
        broken > 1000,
        "only {broken} of 3000 mutations were reported"
    );
}

#[test]
fn mutated_bundled_frameworks_never_panic() {
    let (sources, _) = rung::files::bundled::sources();
    let files: Vec<(String, String)> = sources.into_iter().map(|s| (s.path, s.text)).collect();
    let mut rng = XorShift(0x5eed_5678_abcd_0002);
    for _ in 0..60 {
        let mut mutated = files.clone();
        for _ in 0..5 {
            let victim = rng.below(mutated.len());
            mutated[victim].1 = mutate(&mutated[victim].1, &mut rng);
        }
        let _ = check(mutated);
    }
}

/// Case files come from other people: no mutation of a valid one makes the import panic,
/// and every refusal is an error with a message.
#[test]
fn no_mutated_case_file_makes_the_import_panic() {
    use rung::cases::exchange::{from_json, to_json};
    use rung::cases::start::{start, Start};
    let f = rung::load_bundled().framework;
    let case = start(
        &f,
        Start {
            id: "c1",
            candidate: rung::cases::Candidate {
                name: "Ana Lima".into(),
                alias: "Candidate 7".into(),
            },
            track: "engineering",
            current: "e3",
            target: "e4",
            hash: "abc",
            commit: None,
        },
    )
    .expect("start");
    let text = to_json(&case);
    let bytes = text.as_bytes();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut refused = 0;
    for round in 0..2_000 {
        let mut mutated = bytes.to_vec();
        for _ in 0..(1 + round % 4) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed as usize) % mutated.len();
            match seed % 3 {
                0 => mutated[at] = (seed >> 8) as u8,
                1 => {
                    mutated.remove(at);
                }
                _ => mutated.insert(at, b"{}[]\",:0\\"[(seed >> 16) as usize % 9]),
            }
        }
        let text = String::from_utf8_lossy(&mutated);
        match from_json(&text) {
            Ok(_) => {}
            Err(e) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
        }
    }
    assert!(refused > 1_000, "most mutations are refused ({refused})");
}
