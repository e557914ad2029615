//! A large framework written to disk, the same every time: the search benchmark's
//! (`examples/bench_search.rs`) and the end-to-end journey that opens a framework of
//! hundreds of thousands of expectations. Tracks × 10 levels × 8 competencies × 10
//! expectations, with sentences drawn from a made-up vocabulary at Zipf-like frequencies.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Levels in each generated track.
pub const LEVELS: usize = 10;
/// Competencies, each with a section in every level.
pub const COMPETENCIES: usize = 8;
/// Expectations in each competency's section of a level.
pub const EXPECTATIONS: usize = 10;

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// A vocabulary of pronounceable words, and a Zipf-like sampler over it.
pub struct Vocabulary {
    /// The words, commonest first.
    pub words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// `size` different words.
    pub fn new(size: usize, rng: &mut Rng) -> Vocabulary {
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "pr", "st", "tr",
            "gr", "pl",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
        const CODAS: &[&str] = &["", "n", "r", "s", "t", "nd", "st", "ng", "ck", "m"];
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::new();
        while words.len() < size {
            let syllables = 1 + rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
                w.push_str(CODAS[rng.below(CODAS.len())]);
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=size)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    /// One word, the commonest most often.
    pub fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next_u64() % 1_000_000) as f64 / 1_000_000.0 * total;
        let i = self
            .cumulative
            .partition_point(|c| *c < x)
            .min(self.words.len().saturating_sub(1));
        self.words.get(i).map_or("", String::as_str)
    }

    /// A sentence of `words` words, capitalised, with a full stop.
    pub fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word(rng));
        }
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str() + ".")
            .unwrap_or_default()
    }
}

/// Writes a framework of `tracks` tracks into the folder `root` (which must exist);
/// returns how many files it wrote. It loads with no problem.
pub fn write_framework(
    root: &Path,
    tracks: usize,
    vocabulary: &Vocabulary,
    rng: &mut Rng,
) -> io::Result<usize> {
    let mut bands = String::new();
    for b in 1..=LEVELS {
        let _ = write!(bands, "  - number: {b}\n    name: Band {b}\n");
    }
    std::fs::write(
        root.join("framework.md"),
        format!("---\nname: Generated\nversion: \"1\"\nbands:\n{bands}dimensions:\n  - id: scope\n    name: Scope\nrating:\n  - id: meets\n    name: Meets\n---\n"),
    )?;
    std::fs::create_dir_all(root.join("competencies"))?;
    for c in 0..COMPETENCIES {
        std::fs::write(
            root.join(format!("competencies/c{c}.md")),
            format!(
                "---\nid: c{c}\nname: Competency {c}\n---\n\n{}\n\n## Evidence\n\n- {}\n\n## Questions\n\n- {}\n",
                vocabulary.sentence(rng, 30),
                vocabulary.sentence(rng, 12),
                vocabulary.sentence(rng, 12)
            ),
        )?;
    }
    let mut files = 1 + COMPETENCIES;
    for t in 0..tracks {
        let dir = root.join(format!("tracks/t{t}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("track.md"),
            format!("---\nid: t{t}\nname: Track {t}\ncraft: d{}\ncareer_path: individual-contributor\n---\n\n## Purpose\n\n{}\n\n## Responsibilities\n\n- {}\n\n## Decision rights\n\n- {}\n\n## Working with other roles\n\n{}\n",
                t % 4,
                vocabulary.sentence(rng, 20), vocabulary.sentence(rng, 10), vocabulary.sentence(rng, 10), vocabulary.sentence(rng, 20)),
        )?;
        files += 1;
        for l in 0..LEVELS {
            let mut body = format!(
                "---\nid: l{l}\ntitle: Level {l} of track {t}\nband: {}\nsummary: {}\ndimensions:\n  scope: {}\n---\n",
                l + 1,
                vocabulary.sentence(rng, 16),
                vocabulary.sentence(rng, 10)
            );
            for c in 0..COMPETENCIES {
                let _ = write!(body, "\n## Competency {c}\n\n");
                for e in 0..EXPECTATIONS {
                    let words = 14 + rng.below(12);
                    let _ = writeln!(body, "- {} {{#e{c}-{e}}}", vocabulary.sentence(rng, words));
                }
            }
            std::fs::write(dir.join(format!("l{l}.md")), body)?;
            files += 1;
        }
    }
    Ok(files)
}

/// The benchmark's framework of `tracks` tracks in `root`, from its fixed seed and a
/// vocabulary of 6,000 words; returns the vocabulary (for queries) and the files written.
pub fn benchmark_framework(root: &Path, tracks: usize) -> io::Result<(Vocabulary, usize)> {
    let mut rng = Rng(0x0b5e_55ed_2026_0001);
    let vocabulary = Vocabulary::new(6000, &mut rng);
    let files = write_framework(root, tracks, &vocabulary, &mut rng)?;
    Ok((vocabulary, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_framework_loads_with_no_problem_and_every_expectation() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (vocabulary, files) = benchmark_framework(tmp.path(), 2).expect("written");
        assert_eq!(files, 1 + COMPETENCIES + 2 * (1 + LEVELS));
        assert_eq!(vocabulary.words.len(), 6000);
        let loaded = crate::load_dir(tmp.path()).expect("loads");
        assert!(
            loaded.diagnostics.is_empty(),
            "{:?}",
            loaded.diagnostics.first()
        );
        let expectations: usize = loaded
            .framework
            .tracks
            .iter()
            .flat_map(|t| t.levels.iter())
            .flat_map(|l| &l.sections)
            .map(|s| s.expectations.len())
            .sum();
        assert_eq!(expectations, 2 * LEVELS * COMPETENCIES * EXPECTATIONS);
        // The same seed writes the same words.
        let again = tempfile::tempdir().expect("tmp");
        benchmark_framework(again.path(), 2).expect("written");
        let level = "tracks/t1/l3.md";
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(level)).expect("read"),
            std::fs::read_to_string(again.path().join(level)).expect("read")
        );
    }
}
