//! The case store under the worst a laptop does: a process killed mid-save, again and
//! again, and two processes (the app and the `rung` tool) saving the same case at once.
//!
//! The writers are this test binary run again with an ignored test selected and an
//! environment variable naming the database. `RUNG_KILL_ROUNDS=1000 cargo test --release
//! --test case_store` is the longer run documented in docs/performance.md.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rung::cases::store::Store;
use rung::cases::{Candidate, Case, Evidence, Pinned, Reporter};

fn case(id: &str) -> Case {
    Case {
        id: id.to_owned(),
        candidate: Candidate {
            name: "Ana Lima".into(),
            alias: "Candidate 1".into(),
        },
        track: "engineering".into(),
        current_level: "e3".into(),
        target_level: "e4".into(),
        framework: Pinned {
            name: "Rung default framework".into(),
            version: "2026.1".into(),
            hash: "b684f365e823".into(),
            commit: None,
            scale: Vec::new(),
            rule: None,
        },
        craft: None,
        owner_craft: None,
        names: None,
        expectations: Vec::new(),
        evidence: Vec::new(),
        ratings: Default::default(),
        self_ratings: Default::default(),
        specialists: Vec::new(),
        differences: Default::default(),
        recommendation: None,
        decision: None,
        issued: 0,
        self_assessment: false,
        owner: None,
        period: None,
        reviews: Vec::new(),
        recalibrations: Vec::new(),
        acknowledged: Vec::new(),
        reveals: Vec::new(),
        review_for: None,
    }
}

fn evidence(id: String) -> Evidence {
    Evidence {
        what: format!("Work item {id}, described at some length so that each save writes a page or two of JSON."),
        id,
        when: "2026-10".into(),
        outcome: "Shipped".into(),
        link: None,
        reported_by: Reporter::Owner,
        expectations: vec!["engineering/e4/owns-the-architecture".into()],
    }
}

/// Saves change after change until killed: change n sets the recommendation to n and adds
/// evidence `w-n`, then prints n once the save has returned.
#[test]
#[ignore = "run by the tests below as a separate process"]
fn writer_until_killed() {
    let Some(db) = std::env::var_os("RUNG_CASE_DB") else {
        return;
    };
    let prefix = std::env::var("RUNG_WRITER").unwrap_or_else(|_| "w".into());
    let limit: u32 = std::env::var("RUNG_WRITES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX);
    let mut store = Store::open(Path::new(&db)).expect("open");
    for _ in 0..limit {
        let saved = store
            .update("c", "2026-11-25T12:00:00Z", |case| {
                let n = case
                    .evidence
                    .iter()
                    .filter(|e| e.id.starts_with(&format!("{prefix}-")))
                    .count()
                    + 1;
                case.evidence.push(evidence(format!("{prefix}-{n}")));
                if prefix == "w" {
                    case.recommendation = Some(n.to_string());
                }
                Ok(())
            })
            .expect("save");
        println!("saved {}", saved.case.evidence.len());
    }
}

fn writer(db: &Path, prefix: &str, writes: Option<u32>) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("test binary"));
    c.args([
        "writer_until_killed",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("RUNG_CASE_DB", db)
    .env("RUNG_WRITER", prefix)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if let Some(n) = writes {
        c.env("RUNG_WRITES", n.to_string());
    }
    c
}

/// The state after `n` changes: recommendation `n`, evidence `w-1` … `w-n`, nothing else.
fn assert_whole(case: &Case) -> usize {
    let n = case.evidence.len();
    for (i, e) in case.evidence.iter().enumerate() {
        assert_eq!(
            e.id,
            format!("w-{}", i + 1),
            "evidence in order, none missing"
        );
        assert_eq!(e, &evidence(e.id.clone()), "evidence {} whole", e.id);
    }
    let expected = (n > 0).then(|| n.to_string());
    assert_eq!(
        case.recommendation, expected,
        "recommendation and evidence agree"
    );
    n
}

#[test]
fn a_case_killed_mid_save_is_its_old_or_its_new_state_and_the_database_is_sound() {
    let rounds: u32 = std::env::var("RUNG_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    Store::open(&db)
        .unwrap()
        .create(&case("c"), "2026-11-25T12:00:00Z")
        .unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut killed_mid_run = 0;
    for _ in 0..rounds {
        let before = assert_whole(&Store::open(&db).unwrap().get("c").unwrap().case);
        let mut child = writer(&db, "w", None).spawn().expect("writer");
        let stdout = child.stdout.take().expect("stdout");
        // What the writer reports as saved, as it reports it.
        let (tx, rx) = std::sync::mpsc::channel::<usize>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.parse().ok()) {
                    if tx.send(n).is_err() {
                        break;
                    }
                }
            }
        });
        // Once it is saving, kill it at a random moment in the next few saves.
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the writer saves");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 20_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        reader.join().expect("reader");
        let last_reported = Some(rx.try_iter().last().unwrap_or(first));
        let store = Store::open(&db).expect("reopen after a kill");
        assert!(
            store.is_sound().expect("integrity_check"),
            "integrity_check"
        );
        let after = assert_whole(&store.get("c").expect("the case").case);
        if let Some(reported) = last_reported {
            killed_mid_run += 1;
            // Every save that returned is there; at most one more was under way.
            assert!(
                after >= reported,
                "a save that returned was lost: {after} < {reported}"
            );
            assert!(after <= reported + 1, "{after} > {reported} + 1");
        }
        assert!(after >= before);
    }
    assert!(
        killed_mid_run > rounds / 2,
        "most kills hit a writer at work ({killed_mid_run})"
    );
}

#[test]
fn two_processes_saving_one_case_lose_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    Store::open(&db)
        .unwrap()
        .create(&case("c"), "2026-11-25T12:00:00Z")
        .unwrap();
    let mut a = writer(&db, "app", Some(150)).spawn().expect("first writer");
    let mut b = writer(&db, "cli", Some(150))
        .spawn()
        .expect("second writer");
    assert!(a.wait().expect("first").success());
    assert!(b.wait().expect("second").success());
    let store = Store::open(&db).unwrap();
    let c = store.get("c").unwrap();
    for prefix in ["app", "cli"] {
        let mine: Vec<&str> = c
            .case
            .evidence
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| id.starts_with(prefix))
            .collect();
        let expected: Vec<String> = (1..=150).map(|n| format!("{prefix}-{n}")).collect();
        assert_eq!(
            mine, expected,
            "every change of {prefix} is there, in order"
        );
    }
    assert_eq!(c.revision, 301);
    assert_eq!(store.history("c").unwrap().len(), 1 + 300);
}
