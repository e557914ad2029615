//! "Import a framework…" in the real window: a CSV of 32,000 expectations, one row each,
//! whose level column has a header Rung does not know ("Step"). The person picks the
//! file, sees what each column holds, says Step is the level, imports; the window shows
//! the progress while the shell reads and writes, and stays responsive; then the report,
//! and the imported framework opens on one of its levels.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::{choose, click, launch, screenshot, text_of, wait_for, Display, Driver};

const TRACKS: [&str; 4] = ["Backend", "Frontend", "Data", "Platform"];
const LEVELS: usize = 10;
const COMPETENCIES: [&str; 8] = [
    "Delivery",
    "Craft",
    "Collaboration",
    "Leadership",
    "Impact",
    "Quality",
    "Operations",
    "Growth",
];
const PER_CELL: usize = 100;
const EXPECTED: usize = 4 * LEVELS * 8 * PER_CELL;

/// A made-up sentence, different for every expectation.
fn sentence(seed: usize) -> String {
    const WORDS: [&str; 16] = [
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
        "incidents",
        "roadmaps",
        "services",
        "clearly",
    ];
    let mut s = String::from("Regularly");
    let mut x = seed.wrapping_mul(2_654_435_761) ^ 0x9e37;
    for _ in 0..8 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        s.push(' ');
        s.push_str(WORDS[(x >> 33) % WORDS.len()]);
    }
    let _ = write!(s, " (item {seed}).");
    s
}

/// The long form: track, step, competency, expectation and an example on every fifth.
fn source_csv() -> String {
    let mut csv = String::from("Track,Step,Competency,Expectation,Example\n");
    let mut n = 0;
    for track in TRACKS {
        for level in 1..=LEVELS {
            for competency in COMPETENCIES {
                for _ in 0..PER_CELL {
                    let example = if n % 5 == 0 {
                        format!("\"For example, {}\"", sentence(n + 1_000_000))
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        csv,
                        "{track},Level {level},{competency},\"{}\",{example}",
                        sentence(n)
                    );
                    n += 1;
                }
            }
        }
    }
    assert_eq!(n, EXPECTED);
    csv
}

/// The number the page keeps of the progress messages of the last import.
async fn progress_events(client: &fantoccini::Client) -> i64 {
    client
        .execute(
            "return Number(document.body.dataset.importProgress ?? -1);",
            vec![],
        )
        .await
        .expect("the progress count")
        .as_i64()
        .unwrap_or(-1)
}

pub(crate) async fn import_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let files = config.path().join("files");
    // The file picker answers with the first file in import-source/.
    let source = files.join("import-source");
    std::fs::create_dir_all(&source).expect("dialog folder");
    std::fs::write(source.join("engineering.csv"), source_csv()).expect("the source");

    let driver = Driver::start(display, config.path());
    let client = launch(&driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;

    click(&client, "#import-framework").await;
    wait_for(&client, "#import-panel-title", |t| {
        t == "Import a framework"
    })
    .await;
    click(&client, "#import-pick-file").await;
    wait_for(&client, "#import-source-path", |t| {
        t.ends_with("engineering.csv")
    })
    .await;
    let roles = client
        .execute(
            "return [...document.querySelectorAll('#import-columns tbody tr')].map((tr) => tr.querySelector('th').textContent.trim() + ': ' + tr.querySelector('select').selectedOptions[0].textContent.trim());",
            vec![],
        )
        .await
        .expect("the columns");
    assert_eq!(
        roles,
        serde_json::json!([
            "Track: Track",
            "Step: Kept as a note",
            "Competency: Competency",
            "Expectation: Expectation",
            "Example: Examples"
        ]),
        "each column with the role the header gives it"
    );
    // Step is the level: the person says so.
    choose(&client, "#import-role-1", "level").await;
    screenshot(&client, "import-panel.png").await;

    click(&client, "#import-run").await;
    // While the shell imports, the window keeps answering and the progress moves on.
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut seen: Vec<String> = Vec::new();
    let mut shot = false;
    loop {
        let asked = Instant::now();
        let words = text_of(&client, "#import-progress-words").await;
        slowest = slowest.max(asked.elapsed());
        if let Some(words) = words {
            if seen.last() != Some(&words) {
                seen.push(words.clone());
            }
            // Mapping the rows says how many of how many: the clearest moment to show.
            if !shot && words.starts_with("Mapping ") {
                screenshot(&client, "import-progress.png").await;
                shot = true;
            }
        }
        if text_of(&client, "#import-summary").await.is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the import did not finish; the progress said {seen:#?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!(
        "import of {EXPECTED} expectations in the window: {:.1} s, the page answered within {} ms; progress seen: {seen:#?}",
        started.elapsed().as_secs_f64(),
        slowest.as_millis()
    );
    assert!(
        seen.iter()
            .any(|w| w.starts_with("Reading engineering.csv: ")
                && w.contains(" rows, ")
                && w.ends_with("% of the file…")),
        "the rows read were shown: {seen:#?}"
    );
    assert!(
        seen.iter()
            .any(|w| w.starts_with("Mapping engineering.csv: ") && w.ends_with(" of 32,000 rows…")),
        "the rows mapped were shown, of how many: {seen:#?}"
    );
    if !shot {
        eprintln!("the import went by too fast for a screenshot of its progress");
    }
    assert!(
        slowest < Duration::from_secs(2),
        "the window answered within {} ms",
        slowest.as_millis()
    );
    let events = progress_events(&client).await;
    assert!(
        events >= 32,
        "every 1,000 rows and the stages were told, {events} messages"
    );

    let summary = wait_for(&client, "#import-summary", |_| true).await;
    assert!(
        summary.starts_with("Imported 32,000 expectations into "),
        "{summary}"
    );
    assert!(
        summary.contains("0 not mapped, 0 problems in the source"),
        "{summary}"
    );
    wait_for(&client, "#framework-name", |t| t == "engineering").await;
    wait_for(&client, "#import-clean", |t| {
        t == "Nothing was left out: every item of the source was mapped."
    })
    .await;
    let folded = wait_for(&client, "#import-mapped summary", |_| true).await;
    assert!(
        folded.starts_with("Where each of the ") && folded.ends_with(" mapped items went"),
        "{folded}"
    );
    client
        .execute("window.scrollTo(0, 0); return null;", vec![])
        .await
        .expect("scroll to the top");
    screenshot(&client, "import-report.png").await;

    click(&client, r#"a.level-link[data-level="backend/level-3"]"#).await;
    wait_for(&client, "h1", |t| t == "Level 3").await;
    let page = text_of(&client, "main").await.unwrap_or_default();
    assert!(
        page.contains(&sentence(2 * 8 * PER_CELL)),
        "the level's first expectation is on its page"
    );
    screenshot(&client, "import-level.png").await;

    let imported = files.join("imported");
    assert!(
        imported.join("framework.md").is_file(),
        "the folder was written"
    );
    client.close().await.expect("close");
}
