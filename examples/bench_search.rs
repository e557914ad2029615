//! Search benchmark: generates a large framework, then measures, side by side in one run,
//! load plus index against a bare baseline and against ripgrep, query latency against
//! `rg -i`, and the time from a file edit to its text being searchable.
//!
//! `cargo run --release --example bench_search` (add `-- --stress` for ten times the
//! tracks; `-- [--stress] --write DIR` only writes the framework into DIR). It prints
//! ratios; it asserts nothing. See `docs/performance.md`.
//! `BENCH_DETAIL=1` also prints the parts of each edit (reload, index update, search);
//! `BENCH_EDITS=n` makes n edits instead of 10, `BENCH_LOADS=n` only loads and indexes n
//! times, `BENCH_BARE=n` only runs the bare baseline n times, and
//! `BENCH_KIND="two words"` only runs that kind of query, for profiling.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rung::fuzzing::generate::{benchmark_framework, COMPETENCIES, EXPECTATIONS, LEVELS};
use rung::search::{Filters, SearchIndex};

/// The bare baseline: the same files read, parsed by pulldown-cmark, and put in an in-RAM
/// tantivy index with one stemmed text field, nothing else. `per_item` makes each list
/// item (an expectation) its own document, as Rung's index does; otherwise each file is
/// one document.
fn bare_baseline(root: &Path, per_item: bool) -> Built {
    use pulldown_cmark::{Event, Tag, TagEnd};
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    let mut builder = Schema::builder();
    let body = builder.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let index = tantivy::Index::create_in_ram(builder.build());
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(2, 96_000_000).unwrap();
    let mut stack = vec![root.to_path_buf()];
    let mut docs = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = String::new();
            let mut item = String::new();
            let mut depth = 0;
            for event in pulldown_cmark::Parser::new(&text) {
                match event {
                    Event::Start(Tag::Item) => depth += 1,
                    Event::End(TagEnd::Item) => {
                        depth -= 1;
                        if per_item && depth == 0 {
                            writer
                                .add_document(tantivy::doc!(body => std::mem::take(&mut item)))
                                .unwrap();
                            docs += 1;
                        }
                    }
                    Event::Text(t) => {
                        let to = if per_item && depth > 0 {
                            &mut item
                        } else {
                            &mut rest
                        };
                        to.push_str(&t);
                        to.push(' ');
                    }
                    _ => {}
                }
            }
            writer.add_document(tantivy::doc!(body => rest)).unwrap();
            docs += 1;
        }
    }
    writer.commit().unwrap();
    Built {
        _index: index,
        _writer: writer,
        docs,
    }
}

/// What the bare baseline built, handed back so that it is dropped after the clock stops.
struct Built {
    _index: tantivy::Index,
    _writer: tantivy::IndexWriter,
    docs: usize,
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed(), out)
}

fn median_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn rg(args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new("rg").args(args).output();
    assert!(
        status.is_ok(),
        "ripgrep (rg) is needed: scripts/bench installs it"
    );
    start.elapsed()
}

fn main() {
    let stress = std::env::args().any(|a| a == "--stress");
    let tracks = if stress { 400 } else { 40 };
    // `--write DIR`: only write the framework into DIR (to open it in the app), then stop.
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::create_dir_all(dir).unwrap();
        let (_, files) = benchmark_framework(Path::new(dir), tracks).unwrap();
        println!("{files} files written to {dir}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (vocabulary, files) = benchmark_framework(root, tracks).unwrap();
    let bytes: u64 = walk_size(root);
    println!("framework: {tracks} tracks × {LEVELS} levels × {COMPETENCIES} competencies × {EXPECTATIONS} expectations = {} expectations, {files} files, {:.1} MB", tracks * LEVELS * COMPETENCIES * EXPECTATIONS, bytes as f64 / 1e6);

    // Warm the page cache for everyone.
    let _ = rung::load_dir(root);
    // BENCH_LOADS=n only loads and indexes n times, for profiling.
    if let Some(n) = std::env::var("BENCH_LOADS")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        for _ in 0..n {
            let loaded = rung::load_dir(root).unwrap();
            SearchIndex::build(&loaded.framework).unwrap();
        }
        return;
    }
    // BENCH_BARE=n only runs the bare baseline n times, for comparing CPU time.
    if let Some(n) = std::env::var("BENCH_BARE")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        for _ in 0..n {
            let _ = bare_baseline(root, true).docs;
        }
        return;
    }
    let runs = if stress { 3 } else { 5 };
    let ours = median_of(runs, || {
        time(|| {
            let loaded = rung::load_dir(root).unwrap();
            assert!(
                loaded.diagnostics.is_empty(),
                "{:?}",
                loaded.diagnostics.first()
            );
            let index = SearchIndex::build(&loaded.framework).unwrap();
            // What was built is dropped after the clock stops, as the bare baseline's:
            // the app keeps both.
            (loaded, index)
        })
        .0
    });
    let load_only = median_of(runs, || time(|| rung::load_dir(root).unwrap()).0);
    let bare = median_of(runs, || time(|| bare_baseline(root, true)).0);
    let bare_files = median_of(runs, || time(|| bare_baseline(root, false)).0);
    let root_str = root.to_string_lossy().into_owned();
    let scan = median_of(runs, || rg(&["-c", "zzqqzz", &root_str]));
    println!("\nload + index (median of {runs})");
    println!(
        "  rung (load_dir + SearchIndex::build): {}, of which load_dir {}",
        ms(ours),
        ms(load_only)
    );
    println!(
        "  bare baseline (read + pulldown-cmark + tantivy, a document per expectation): {}  → rung/bare = {:.2}×",
        ms(bare),
        ours.as_secs_f64() / bare.as_secs_f64()
    );
    println!(
        "  bare baseline with a document per file instead: {}  → rung/bare = {:.2}×",
        ms(bare_files),
        ours.as_secs_f64() / bare_files.as_secs_f64()
    );
    println!(
        "  ripgrep scanning the folder: {}  → rung/rg = {:.1}×",
        ms(scan),
        ours.as_secs_f64() / scan.as_secs_f64()
    );
    let bundled_load = median_of(runs, || time(rung::load_bundled).0);
    let bundled = rung::load_bundled();
    let bundled_index = median_of(runs, || {
        time(|| SearchIndex::build(&bundled.framework).unwrap()).0
    });
    println!(
        "  the bundled framework, for scale: load {}, index {}",
        ms(bundled_load),
        ms(bundled_index)
    );

    // 50 fixed queries from the vocabulary.
    let loaded = rung::load_dir(root).unwrap();
    let index = SearchIndex::build(&loaded.framework).unwrap();
    let w = |i: usize| vocabulary.words[i].clone();
    let mut queries: Vec<(&str, String, String)> = Vec::new();
    for i in 0..20 {
        queries.push(("word", w(i * 7 + 3), w(i * 7 + 3)));
    }
    for i in 0..10 {
        queries.push(("two words", format!("{} {}", w(i + 2), w(i + 40)), w(i + 2)));
    }
    // Phrases of the most common words, and of words less common (the pairs indexed
    // stop somewhere between).
    for i in [0, 1, 2, 3, 4, 8, 12, 16, 24, 32] {
        let phrase = format!("{} {}", w(i), w(i + 1));
        queries.push(("phrase", format!("\"{phrase}\""), phrase));
    }
    for i in 0..10 {
        let word = (10..200).map(w).filter(|x| x.len() >= 5).nth(i).unwrap();
        let mut typo: Vec<char> = word.chars().collect();
        typo.swap(1, 2);
        queries.push(("typo", typo.into_iter().collect(), word));
    }
    for i in 0..5 {
        let word = (200..400).map(w).filter(|x| x.len() >= 6).nth(i).unwrap();
        queries.push(("prefix", word[..4].to_owned(), word[..4].to_owned()));
    }
    println!(
        "\nqueries ({} in all; rung: 20 runs each, rg -i: 3 runs each)",
        queries.len()
    );
    println!(
        "  {:<10} {:>10} {:>10} {:>12} {:>10}",
        "kind", "rung p50", "rung p99", "rg -i p50", "rg/rung"
    );
    // BENCH_KIND=kind only runs that kind's queries, 200 times each, for profiling.
    if let Ok(only) = std::env::var("BENCH_KIND") {
        for _ in 0..200 {
            for (_, q, _) in queries.iter().filter(|(kind, _, _)| *kind == only) {
                index.search(q, &Filters::default(), 20);
            }
        }
        return;
    }
    for kind in ["word", "two words", "phrase", "typo", "prefix"] {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for (_, q, pattern) in queries.iter().filter(|(k, _, _)| *k == kind) {
            for _ in 0..20 {
                ours.push(time(|| index.search(q, &Filters::default(), 20)).0);
            }
            for _ in 0..3 {
                theirs.push(rg(&["-i", "-c", pattern, &root_str]));
            }
        }
        ours.sort();
        theirs.sort();
        let (p50, p99, rg50) = (
            percentile(&ours, 0.5),
            percentile(&ours, 0.99),
            percentile(&theirs, 0.5),
        );
        println!(
            "  {kind:<10} {:>10} {:>10} {:>12} {:>9.0}×",
            ms(p50),
            ms(p99),
            ms(rg50),
            rg50.as_secs_f64() / p50.as_secs_f64()
        );
    }

    // Edit to searchable: the app's reload path, as its folder watcher drives it. The open
    // framework reads again only the file the watcher names, checks again only the track
    // it touches, and the index re-indexes only that file's documents.
    let mut opened = rung::app::open(rung::app::FrameworkSource::Folder {
        path: root.to_string_lossy().into_owned(),
    })
    .unwrap();
    opened.prepare_search();
    let mut edits = Vec::new();
    // BENCH_EDITS=n makes more edits, for profiling.
    let count: u64 = std::env::var("BENCH_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
        .clamp(1, 400);
    for i in 0..count {
        let file = root.join(format!("tracks/t{}/l{}.md", i % 40, i % 10));
        let mut text = std::fs::read_to_string(&file).unwrap();
        let word = [
            "zzquokka",
            "zzwombat",
            "zznumbat",
            "zzdugong",
            "zzbilby",
            "zzpotoroo",
            "zzbettong",
            "zzquoll",
            "zzdunnart",
            "zzkowari",
        ][i as usize % 10];
        text.push_str(&format!("- Only after the edit: {word}. {{#edited}}\n"));
        let (took, (found, reloaded)) = time(|| {
            std::fs::write(&file, &text).unwrap();
            let t0 = Instant::now();
            let reloaded = opened
                .reload_if_changed_at(Some(std::slice::from_ref(&file)))
                .unwrap()
                .unwrap();
            let t1 = Instant::now();
            reloaded.prepare_search();
            let t2 = Instant::now();
            let n = reloaded.search(word, &Filters::default(), 1).unwrap().total;
            if std::env::var_os("BENCH_DETAIL").is_some() {
                eprintln!(
                    "reload {:?} update {:?} search {:?}",
                    t1 - t0,
                    t2 - t1,
                    t2.elapsed()
                );
            }
            (n, reloaded)
        });
        assert!(found >= 1);
        edits.push(took);
        // The app frees the framework it replaced after the window has the new one.
        drop(std::mem::replace(&mut opened, reloaded));
    }
    edits.sort();
    let (full, _) = time(|| {
        let loaded = rung::load_dir(root).unwrap();
        SearchIndex::build(&loaded.framework).unwrap()
    });
    println!(
        "\nedit to searchable (write a level file, reload the named file, update the index, search), {count} edits: median {}, max {}; a full reload and rebuild takes {}",
        ms(edits[edits.len() / 2]),
        ms(edits[edits.len() - 1]),
        ms(full)
    );
}

fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                walk_size(&e.path())
            } else {
                e.metadata().map_or(0, |m| m.len())
            }
        })
        .sum()
}
