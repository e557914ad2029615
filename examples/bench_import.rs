//! Import benchmark: a CSV of 32,000 expectations read into a framework folder by
//! `rung import`'s own steps, against baselines in the same run that read the same file:
//! the `csv` crate reading every record and nothing else, and `std::fs::read` of it.
//!
//! Two sources are generated deterministically: the long form (one CSV, one row per
//! expectation: 40 tracks × 10 levels × 8 competencies × 10 expectations, with an example
//! on every fifth) and the matrix form (40 CSVs, one per track, a cell per competency and
//! level holding its 10 expectations as lines). Each is imported five times: read the
//! files, read them into the model, write the framework's files and the report, write
//! them to disk, and then load the result as `rung check` does.
//!
//! `cargo run --release --example bench_import`. It prints figures; it asserts only that
//! every expectation arrived. See `docs/performance.md`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use rung::import::{self, Options, Outcome};

const TRACKS: usize = 40;
const LEVELS: usize = 10;
const COMPETENCIES: usize = 8;
const PER_CELL: usize = 10;
const EXPECTED: usize = TRACKS * LEVELS * COMPETENCIES * PER_CELL;

/// A made-up sentence, different for every expectation.
fn sentence(seed: usize) -> String {
    const WORDS: [&str; 24] = [
        "plans",
        "reviews",
        "ships",
        "mentors",
        "designs",
        "measures",
        "explains",
        "owns",
        "releases",
        "tests",
        "documents",
        "simplifies",
        "migrations",
        "incidents",
        "roadmaps",
        "interfaces",
        "research",
        "budgets",
        "services",
        "hiring",
        "clearly",
        "safely",
        "across",
        "teams",
    ];
    let mut s = String::from("Regularly");
    let mut x = seed.wrapping_mul(2_654_435_761) ^ 0x9e37;
    for _ in 0..9 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        s.push(' ');
        s.push_str(WORDS[(x >> 33) % WORDS.len()]);
    }
    let _ = write!(s, " (item {seed}).");
    s
}

fn long_form(dir: &Path) {
    let mut csv = String::from("Track,Level,Competency,Expectation,Example\n");
    let mut n = 0;
    for t in 0..TRACKS {
        for l in 0..LEVELS {
            for c in 0..COMPETENCIES {
                for _ in 0..PER_CELL {
                    let example = if n % 5 == 0 {
                        format!("\"For example, {}\"", sentence(n + 1_000_000))
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        csv,
                        "Track {t},Level {},Competency {c},\"{}\",{example}",
                        l + 1,
                        sentence(n)
                    );
                    n += 1;
                }
            }
        }
    }
    std::fs::write(dir.join("ladder.csv"), csv).unwrap();
}

fn matrix(dir: &Path) {
    let mut n = 0;
    for t in 0..TRACKS {
        let mut csv = String::from("Competency");
        for l in 0..LEVELS {
            let _ = write!(csv, ",Level {}", l + 1);
        }
        csv.push('\n');
        for c in 0..COMPETENCIES {
            let _ = write!(csv, "Competency {c}");
            for _ in 0..LEVELS {
                let lines: Vec<String> = (0..PER_CELL)
                    .map(|_| {
                        n += 1;
                        format!("- {}", sentence(n))
                    })
                    .collect();
                let _ = write!(csv, ",\"{}\"", lines.join("\n"));
            }
            csv.push('\n');
        }
        std::fs::write(dir.join(format!("track-{t:02}.csv")), csv).unwrap();
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn baseline(source: &Path) -> (Duration, Duration, u64) {
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(source)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let mut read = Vec::new();
    let mut parse = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        for f in &files {
            std::hint::black_box(std::fs::read(f).unwrap());
        }
        read.push(start.elapsed());
        let start = Instant::now();
        let mut fields = 0usize;
        for f in &files {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(f)
                .unwrap();
            for record in reader.records() {
                fields += record.unwrap().len();
            }
        }
        std::hint::black_box(fields);
        parse.push(start.elapsed());
    }
    (median(read), median(parse), bytes)
}

fn run(name: &str, source: &Path, scratch: &Path) {
    let (read_base, parse_base, bytes) = baseline(source);
    let (mut read, mut model, mut write, mut disk, mut check, mut total) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut files_written = 0;
    for round in 0..5 {
        let out = scratch.join(format!("{name}-{round}"));
        let start = Instant::now();
        let from_disk = import::read_source(source).unwrap();
        let (sources, stem) = (from_disk.sources, from_disk.name);
        let t1 = Instant::now();
        let imported = import::read(&sources, &stem, &Options::default());
        let t2 = Instant::now();
        let written = import::write(&imported);
        let t3 = Instant::now();
        import::write_folder(&out, &written.files).unwrap();
        let t4 = Instant::now();
        let loaded = rung::load_dir(&out).unwrap();
        let t5 = Instant::now();
        read.push(t1 - start);
        model.push(t2 - t1);
        write.push(t3 - t2);
        disk.push(t4 - t3);
        check.push(t5 - t4);
        total.push(t4 - start);
        files_written = written.files.len();
        let mapped = written
            .report
            .lines
            .iter()
            .filter(|l| {
                l.what.starts_with("expectation ") && matches!(l.outcome, Outcome::Mapped { .. })
            })
            .count();
        assert_eq!(mapped, EXPECTED, "every expectation is mapped");
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        assert_eq!(errors, 0, "the import loads without errors");
        let _ = std::fs::remove_dir_all(&out);
    }
    let total = median(total);
    println!(
        "{name}: {EXPECTED} expectations, {:.1} MB in, {files_written} files out",
        bytes as f64 / 1e6
    );
    println!(
        "  import (read files + model + framework files + write to disk), median of 5: {}",
        ms(total)
    );
    println!(
        "    read files {}, model {}, framework files and report {}, write {}",
        ms(median(read)),
        ms(median(model)),
        ms(median(write)),
        ms(median(disk))
    );
    println!(
        "  then loading the result as rung check does: {}",
        ms(median(check))
    );
    println!(
        "  baselines: fs::read {}, csv crate reading every record {}; import / csv = {:.1}×",
        ms(read_base),
        ms(parse_base),
        total.as_secs_f64() / parse_base.as_secs_f64()
    );
}

fn main() {
    let tmp = std::env::temp_dir().join(format!("rung-bench-import-{}", std::process::id()));
    let long = tmp.join("long");
    let wide = tmp.join("matrix");
    let scratch = tmp.join("out");
    for d in [&long, &wide, &scratch] {
        std::fs::create_dir_all(d).unwrap();
    }
    long_form(&long);
    matrix(&wide);
    run("long form", &long, &scratch);
    run("matrix", &wide, &scratch);
    let _ = std::fs::remove_dir_all(&tmp);
}
