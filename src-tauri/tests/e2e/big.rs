//! A framework of a great many expectations opened as a folder: the home page shows while
//! the search index is still being built, with how far opening has got in the status
//! line; the search box says it is still indexing and keeps the query; the window
//! answers a click meanwhile; and once the index is ready, the same query finds hits.
//! The framework is the search benchmark's (`rung::fuzzing::generate`).

use std::time::{Duration, Instant};

use fantoccini::Client;

use super::{click, launch, screenshot, text_of, type_into, wait_for, Display, Driver};

/// Tracks of 800 expectations each. 64,000 expectations keep the journey well under a
/// minute in a debug build, while indexing still takes long enough to be seen; a release
/// build opens ten times as many (see docs/performance.md).
const TRACKS: usize = 80;

/// The status line under the header, as the person sees it now.
async fn status(client: &Client) -> String {
    text_of(client, "p.busy").await.unwrap_or_default()
}

pub(crate) async fn big_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let folder = tempfile::tempdir().expect("framework folder");
    let (vocabulary, files) =
        rung::fuzzing::generate::benchmark_framework(folder.path(), TRACKS).expect("written");
    let expectations = TRACKS * 800;
    // A word of the vocabulary in a good share of the expectations, but not in all.
    let word = vocabulary.words[40].clone();

    let driver = Driver::start(display, config.path());
    let started = Instant::now();
    let path = folder.path().to_string_lossy().into_owned();
    let client = launch(&driver, &[&path]).await;

    // The first screen: home, with search still being indexed.
    wait_for(&client, "#framework-name", |t| t == "Generated").await;
    let first_screen = started.elapsed();
    let indexing = format!(
        "Still indexing {} expectations for search…",
        thousands(expectations)
    );
    let shown = status(&client).await;
    assert_eq!(
        shown, indexing,
        "home shows while the index is built, and says so"
    );
    assert!(
        text_of(&client, r#"a.level-link[data-level="t79/l9"]"#)
            .await
            .is_some(),
        "every track is on the home page"
    );

    // A search typed now says it waits for the index rather than failing.
    type_into(&client, "input#search", &word).await;
    let waiting = wait_for(&client, "#search-results .search-indexing", |_| true).await;
    assert_eq!(
        waiting,
        format!("{indexing} Your search runs as soon as it is ready.")
    );
    screenshot(&client, "big-open-indexing.png").await;

    // The window answers meanwhile: Escape closes the panel, and the shell answers a
    // command, each within a second. (Opening a level is timed too, but not bounded: a
    // debug build takes about a second for one of this framework's levels even when idle.)
    let asked = Instant::now();
    client
        .execute(
            "document.querySelector('input#search').dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); return document.querySelector('#search-results').hidden;",
            vec![],
        )
        .await
        .expect("press Escape");
    let closed = client
        .execute(
            "return document.querySelector('#search-results').hidden;",
            vec![],
        )
        .await
        .expect("the panel");
    let escaped = asked.elapsed();
    assert_eq!(closed, serde_json::json!(true), "Escape closed the panel");
    let asked = Instant::now();
    let answer = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke('load_status').then(done, (e) => done(String(e)));",
            vec![],
        )
        .await
        .expect("ask the shell");
    let round_trip = asked.elapsed();
    assert_eq!(
        answer,
        serde_json::json!({ "stage": "indexing", "expectations": expectations }),
        "still indexing when the shell was asked"
    );
    let asked = Instant::now();
    click(&client, r#"a.level-link[data-level="t3/l2"]"#).await;
    wait_for(&client, "h1#level-title", |t| t == "Level 2 of track 3").await;
    let level = asked.elapsed();
    eprintln!(
        "{expectations} expectations in {files} files: first screen after {:.1} s; while indexing, Escape answered in {} ms, the shell in {} ms, a level opened in {} ms",
        first_screen.as_secs_f64(),
        escaped.as_millis(),
        round_trip.as_millis(),
        level.as_millis()
    );
    assert!(
        escaped < Duration::from_secs(1) && round_trip < Duration::from_secs(1),
        "the window answered in {} ms and the shell in {} ms while indexing",
        escaped.as_millis(),
        round_trip.as_millis()
    );

    // Once the index is ready the status line clears, and the query typed during
    // indexing has its answer.
    let ready_by = Instant::now();
    while !status(&client).await.is_empty() {
        assert!(
            ready_by.elapsed() < Duration::from_secs(120),
            "the index was not ready within 2 minutes: {}",
            status(&client).await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!(
        "search ready {:.1} s after launch",
        started.elapsed().as_secs_f64()
    );
    click(&client, "#back-home").await;
    let asked = Instant::now();
    click(&client, r#"a.level-link[data-level="t3/l3"]"#).await;
    wait_for(&client, "h1#level-title", |t| t == "Level 3 of track 3").await;
    eprintln!(
        "a level opened in {} ms once indexed",
        asked.elapsed().as_millis()
    );
    click(&client, "input#search").await;
    let count = wait_for(&client, "#search-results .search-count", |t| !t.is_empty()).await;
    assert!(count.contains("result"), "{count}");
    assert_eq!(
        text_of(&client, "#search-results .search-indexing").await,
        None,
        "the panel no longer says it is indexing"
    );
    screenshot(&client, "big-open-ready.png").await;
    client.close().await.expect("close");
}

/// 64000 as 64,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
