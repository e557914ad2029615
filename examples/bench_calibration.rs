//! Calibration benchmark: 30 promotion cases of 74 expectations each, every case with 50
//! pieces of evidence, a reviewer's ratings, the candidate's own, a specialist's view,
//! calibration changes and, for half of them, a decision; choosing them and working out
//! the whole calibration (the grid, blind, and every warning), against a baseline in the
//! same run: a serde_json round trip of the same 30 cases.
//!
//! `cargo run --release --example bench_calibration`. It prints figures; it asserts
//! nothing. See `docs/performance.md`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use rung::calibration::{calibrate, select, thresholds, Selection};
use rung::cases::start::{self, Start};
use rung::cases::{
    Candidate, Case, Decision, Evidence, Period, Rating, Recalibration, Reporter, Review, Reviewer,
    SpecialistInput,
};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

const SCALE: [&str; 4] = ["not-yet", "emerging", "meets", "beyond"];

fn case(f: &rung::Framework, n: usize, track: &str, current: &str, target: &str) -> Case {
    let mut case = start::start(
        f,
        Start {
            id: &format!("case-{n}"),
            candidate: Candidate {
                name: format!("Person{n} Surname{n}"),
                alias: format!("Candidate {n}"),
            },
            track,
            current,
            target,
            hash: "b684f365e823",
            commit: None,
        },
    )
    .unwrap();
    // The bundled e3 → e4 holds about 74 expectations; exactly 74, as the target says.
    let mut k = 0;
    while case.expectations.len() < 74 {
        let mut e = case.expectations[k].clone();
        e.id = format!("{}-again-{k}", e.id);
        case.expectations.push(e);
        k += 1;
    }
    case.expectations.truncate(74);
    case.owner = Some(format!("Owner{} Lead", n % 3));
    case.owner_craft = Some(if n % 2 == 0 { "engineering" } else { "design" }.into());
    case.period = Some(Period {
        from: "2026-01-01".into(),
        to: "2026-12-31".into(),
    });
    let ids: Vec<String> = case.expectations.iter().map(|e| e.id.clone()).collect();
    let reporters = [
        Reporter::Candidate,
        Reporter::Owner,
        Reporter::Peer,
        Reporter::Specialist,
    ];
    for i in 0..50 {
        case.evidence.push(Evidence {
            id: format!("ev-{i}"),
            what: format!(
                "Led piece of work {i} with Person{n}'s team: a migration planned with the product manager{}.",
                if (i + n) % 17 == 0 { ", a brilliant engineer" } else { "" }
            ),
            when: format!("2026-{:02}", 1 + (i * 7 + n) % 12),
            outcome: if i % 9 == 0 {
                String::new()
            } else {
                "Delivered on the agreed date; support tickets fell by a third.".into()
            },
            link: Some(format!("https://example.com/work/{n}/{i}")),
            reported_by: reporters[(i + n) % 4],
            expectations: vec![
                ids[i % ids.len()].clone(),
                ids[(i * 7 + n) % ids.len()].clone(),
            ],
        });
    }
    let mut review = Review {
        reviewer: Reviewer {
            name: format!("Reviewer{} Member", n % 4),
            craft: "engineering".into(),
        },
        ratings: Default::default(),
    };
    for (k, id) in ids.iter().enumerate() {
        let rate = |shift: usize, reason: &str| Rating {
            rating: SCALE[(k + n + shift) % 4].into(),
            reason: format!("{reason} Person{n} did it in {k} ways; she led."),
        };
        case.ratings
            .insert(id.clone(), rate(0, "Seen in the work."));
        case.self_ratings.insert(id.clone(), rate(1, "I did it."));
        review.ratings.insert(
            id.clone(),
            rate(if k % 5 == 0 { 2 } else { 0 }, "Seen once."),
        );
    }
    case.reviews.push(review);
    let craft: Vec<String> = case
        .expectations
        .iter()
        .filter(|e| e.craft_specific)
        .take(5)
        .map(|e| e.id.clone())
        .collect();
    case.specialists.push(SpecialistInput {
        id: "sp-1".into(),
        who: format!("Specialist{} Expert", n % 2),
        craft: "engineering".into(),
        level: "e5".into(),
        said: String::new(),
        expectations: craft.clone(),
        reviewed: Vec::new(),
        ratings: craft
            .iter()
            .map(|id| {
                (
                    id.clone(),
                    Rating {
                        rating: "emerging".into(),
                        reason: "Seen in one project.".into(),
                    },
                )
            })
            .collect(),
        confidence: None,
        conflict: String::new(),
    });
    for k in 0..3 {
        case.recalibrations.push(Recalibration {
            expectation: ids[k * 5].clone(),
            before: Some("beyond".into()),
            after: "meets".into(),
            reason: "Compared with the others.".into(),
            at: "2026-12-01T10:00:00Z".into(),
        });
    }
    if n % 2 == 0 {
        case.decision = Some(Decision {
            outcome: if n % 4 == 0 { "promoted" } else { "not yet" }.into(),
            rationale: "As rated.".into(),
            dissent: String::new(),
            deciders: vec!["The committee".into()],
            date: "2026-12-10".into(),
            promote: n % 4 == 0,
            against_rule: None,
        });
    }
    case
}

fn measure(label: &str, cases: &[Case], f: &rung::Framework, runs: usize) {
    let t = thresholds(f);
    let selection = Selection {
        band: Some(4),
        ..Selection::default()
    };
    let mut times = Vec::new();
    let mut warnings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let chosen = select(cases, f, &selection);
        let cal = calibrate(&chosen, f, &t, true);
        warnings = cal.warnings.len();
        std::hint::black_box(cal);
        times.push(start.elapsed());
    }
    times.sort();
    let mut base = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let json = serde_json::to_string(cases).unwrap();
        let back: Vec<Case> = serde_json::from_str(&json).unwrap();
        std::hint::black_box(back);
        base.push(start.elapsed());
    }
    base.sort();
    let expectations: usize = cases.iter().map(|c| c.expectations.len()).sum();
    println!(
        "\n{label}: {} cases, {} expectations in all, {} warnings ({runs} runs)",
        cases.len(),
        expectations,
        warnings
    );
    println!(
        "  select + calibrate (blind, every warning): p50 {}, p99 {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );
    println!(
        "  baseline, serde_json round trip of the same cases: p50 {}, p99 {}  → calibrate/baseline p99 = {:.2}×",
        ms(percentile(&base, 0.5)),
        ms(percentile(&base, 0.99)),
        percentile(&times, 0.99).as_secs_f64() / percentile(&base, 0.99).as_secs_f64()
    );
}

fn main() {
    let f = rung::load_bundled().framework;
    let one_track: Vec<Case> = (1..=30)
        .map(|n| case(&f, n, "engineering", "e3", "e4"))
        .collect();
    let json = serde_json::to_string(&one_track).unwrap();
    println!(
        "30 cases of 74 expectations and 50 pieces of evidence each: {:.1} MB of JSON",
        json.len() as f64 / 1e6
    );
    measure("one track (rows are expectations)", &one_track, &f, 200);
    let crafts = [
        ("engineering", "e3", "e4"),
        ("product-designer", "d2", "d3"),
        ("product-manager", "p2", "p3"),
    ];
    let across: Vec<Case> = (1..=30)
        .map(|n| {
            let (track, current, target) = crafts[n % 3];
            case(&f, n, track, current, target)
        })
        .collect();
    measure(
        "three crafts on band 4 (rows are competencies)",
        &across,
        &f,
        200,
    );
}
