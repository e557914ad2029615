//! Case storage benchmark: saving a change with full durability, and opening a case with
//! 200 pieces of evidence, against a bare baseline in the same run (one SQLite row of the
//! same JSON written with the same pragmas, and nothing else).
//!
//! `cargo run --release --example bench_cases`. It prints figures; it asserts nothing.
//! See `docs/performance.md`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use rung::cases::start::{self, Start};
use rung::cases::store::Store;
use rung::cases::{Candidate, Evidence, Rating, Reporter};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // On the disk the build is on, not /tmp, which is often in memory and makes every
    // fsync free.
    std::fs::create_dir_all("target").unwrap();
    let dir = tempfile::tempdir_in("target").unwrap();
    let f = rung::load_bundled().framework;
    let terms = rung::framework::markdown::TermMarker::of_framework(&f);
    let mut case = start::start(
        &f,
        Start {
            id: "big",
            candidate: Candidate {
                name: "Ana Lima".into(),
                alias: "Candidate 7".into(),
            },
            track: "engineering",
            current: "e3",
            target: "e4",
            hash: "b684f365e823",
            commit: None,
        },
    )
    .unwrap();
    let ids: Vec<String> = case.expectations.iter().map(|e| e.id.clone()).collect();
    for i in 0..200 {
        case.evidence.push(Evidence {
            id: format!("ev-{i}"),
            what: format!("Led piece of work number {i}: a migration of one of the team's services, planned with the product manager and delivered in three steps."),
            when: "2026-09".into(),
            outcome: "Delivered on the agreed date; support tickets about the service fell by a third.".into(),
            link: Some(format!("https://example.com/work/{i}")),
            reported_by: Reporter::Owner,
            expectations: vec![ids[i % ids.len()].clone(), ids[(i * 7) % ids.len()].clone()],
        });
    }
    for id in &ids {
        case.ratings.insert(
            id.clone(),
            Rating {
                rating: "meets".into(),
                reason: "Two dated pieces of evidence from the owner.".into(),
            },
        );
    }
    let json = serde_json::to_string(&case).unwrap();
    println!(
        "a case of {} expectations and {} pieces of evidence: {:.1} KB of JSON",
        case.expectations.len(),
        case.evidence.len(),
        json.len() as f64 / 1000.0
    );

    let mut store = Store::open(&dir.path().join("cases.db")).unwrap();
    store.create(&case, "2026-11-25T12:00:00Z").unwrap();

    // Saving: change one rating's reason, 300 times.
    let mut saves = Vec::new();
    for i in 0..300 {
        let id = ids[i % ids.len()].clone();
        let start = Instant::now();
        store
            .update("big", "2026-11-25T12:00:00Z", |c| {
                if let Some(r) = c.ratings.get_mut(&id) {
                    r.reason = format!("Reason, revision {i}.");
                }
                Ok(())
            })
            .unwrap();
        saves.push(start.elapsed());
    }
    saves.sort();

    // The bare baseline: the same JSON into one row, same pragmas, nothing else.
    let bare = rusqlite::Connection::open(dir.path().join("bare.db")).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    bare.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)", [])
        .unwrap();
    bare.execute("INSERT INTO t VALUES ('big', ?1)", [&json])
        .unwrap();
    let mut bare_saves = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        bare.execute("UPDATE t SET body = ?1 WHERE id = 'big'", [&json])
            .unwrap();
        bare_saves.push(start.elapsed());
    }
    bare_saves.sort();
    println!("\nsave with full durability (300 saves)");
    println!(
        "  rung (read, change, history, write, commit): p50 {}, p99 {}",
        ms(percentile(&saves, 0.5)),
        ms(percentile(&saves, 0.99))
    );
    println!(
        "  bare (one UPDATE of the same JSON): p50 {}, p99 {}  → rung/bare p99 = {:.2}×",
        ms(percentile(&bare_saves, 0.5)),
        ms(percentile(&bare_saves, 0.99)),
        percentile(&saves, 0.99).as_secs_f64() / percentile(&bare_saves, 0.99).as_secs_f64()
    );

    // Opening, as the app's case_view does: a fresh connection, the case read and parsed,
    // then the whole view worked out (coverage, evidence lint, drift against the framework,
    // the ratings side by side, every expectation rendered with its glossary terms, the help
    // per competency).
    let mut opens = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let store = Store::open(&dir.path().join("cases.db")).unwrap();
        let stored = store.get("big").unwrap();
        let view = rung::cases::view::case_view(stored, &f, &terms, "another-hash");
        assert!(view.coverage.total > 0 && view.drift.is_some());
        std::hint::black_box(view);
        opens.push(start.elapsed());
    }
    opens.sort();
    println!("\nopen a case with 200 pieces of evidence (open the database, read, parse, and the editor's whole view: coverage, lint, drift, rendering; 50 runs)");
    println!(
        "  p50 {}, p99 {}",
        ms(percentile(&opens, 0.5)),
        ms(percentile(&opens, 0.99))
    );
}
