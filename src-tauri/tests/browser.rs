//! The pages Rung writes for a browser, read in a real one: a case's decision record
//! (`rung case export --format html`) and the blind calibration packet (`rung calibrate
//! --format html`), opened from disk in headless Chromium driven through chromedriver;
//! and the offline page of a framework (`rung export-html`), whose links lead to an
//! expectation and whose own script (the only one its policy lets run) finds, marks and
//! leads to expectations with a typical keystroke under 20 ms, and prints: "Print this level"
//! leaves the header and that level alone in print and in the browser's PDF, "Print all"
//! gives every level a page of its own, nothing wider than the page. The same page in
//! Firefox and WebKit is `browser_engines.rs`; the scripts both run in it are in
//! `export_page/scripts.rs`.
//!
//! It asserts what a reader sees: the title, the visible text (the blind packet names no
//! one), that no script ran and nothing was fetched, that nothing is wider than the page
//! at 1280 px and at a print-like 800 px, and that the print stylesheet is there and
//! takes effect; each page is printed to PDF by the browser too. Full-page screenshots
//! and the PDFs go to `target/browser-screenshots/`.
//!
//! Chromium and chromedriver come from Debian (`chromium`, `chromium-driver`);
//! `scripts/setup.sh` installs them. Without them this test fails rather than skips.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "e2e/calibration_seed.rs"]
mod calibration_seed;
#[path = "export_page/scripts.rs"]
mod export_page;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{PrintConfiguration, PrintOrientation, PrintSize};
use fantoccini::{Client, ClientBuilder};
use rung::calibration::{self, render, Selection};
use rung::cases::store::Store;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The path of a program the test needs, or a failure that says how to get it.
fn required(path: &str, package: &str) -> PathBuf {
    let path = PathBuf::from(path);
    assert!(
        path.is_file(),
        "{} is missing: install the Debian package `{package}` (scripts/setup.sh does, in \
         ensure_browser; scripts/test and CI run it)",
        path.display()
    );
    path
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let binary = required(CHROMEDRIVER, "chromium-driver");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium session with a fresh profile and no way out to the network.
async fn browser(driver: &Driver, profile: &Path) -> Client {
    let binary = required(CHROMIUM, "chromium");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "chrome".into());
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": binary,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
                "--window-size=1280,900",
            ],
        }),
    );
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let url = format!("http://127.0.0.1:{}", driver.port);
    match tokio::time::timeout(Duration::from_secs(60), builder.connect(&url)).await {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => panic!("no Chromium session: {e}"),
        Err(_) => panic!("no Chromium session within 60 s"),
    }
}

async fn run(client: &Client, script: &str) -> Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("the script failed: {e}\n{script}"))
}

async fn text(client: &Client, script: &str) -> String {
    run(client, script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Makes the viewport `width` px wide (and as tall as asked), as far as the window
/// allows: the window's frame, if any, is measured and added.
async fn viewport(client: &Client, width: u32, height: u32) {
    client
        .set_window_size(width, height)
        .await
        .expect("the window resizes");
    let inner = run(
        client,
        "return [window.innerWidth, window.innerHeight, window.outerWidth, window.outerHeight];",
    )
    .await;
    let n = |i: usize| inner[i].as_u64().unwrap_or(0) as u32;
    let (dw, dh) = (n(2).saturating_sub(n(0)), n(3).saturating_sub(n(1)));
    if dw > 0 || dh > 0 {
        client
            .set_window_size(width + dw, height + dh)
            .await
            .expect("the window resizes");
    }
    let got = run(client, "return window.innerWidth;").await;
    assert_eq!(got.as_u64(), Some(u64::from(width)), "viewport width");
}

/// Elements that reach past the viewport's right edge, or a page wider than its viewport,
/// described for the failure message; empty when the layout holds.
async fn overflow(client: &Client) -> Vec<String> {
    let found = run(
        client,
        r#"
        const root = document.documentElement;
        const width = root.clientWidth;
        const out = [];
        if (root.scrollWidth > width) out.push(`the page scrolls sideways: ${root.scrollWidth} > ${width}`);
        for (const e of document.body.querySelectorAll('*')) {
          const r = e.getBoundingClientRect();
          if (r.right > width + 0.5 || r.left < -0.5) {
            out.push(`<${e.tagName.toLowerCase()} class="${e.className}"> from ${Math.round(r.left)} to ${Math.round(r.right)} of ${width}: ${e.textContent.slice(0, 60)}`);
          }
          if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {
            out.push(`<${e.tagName.toLowerCase()}> scrolls sideways inside: ${e.scrollWidth} > ${e.clientWidth}`);
          }
        }
        return out.slice(0, 20);"#,
    )
    .await;
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Applies the page's `@media print` rules to the screen (a stylesheet of their own
/// added to the document); returns how many there are.
async fn print_rules_on(client: &Client) -> u64 {
    run(
        client,
        r#"
        const rules = [];
        for (const sheet of document.styleSheets) {
          for (const rule of sheet.cssRules) {
            if (rule.media && rule.media.mediaText.includes('print')) {
              for (const inner of rule.cssRules) rules.push(inner.cssText);
            }
          }
        }
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(rules.join('\n'));
        window.__print = sheet;
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        return rules.length;"#,
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

async fn print_rules_off(client: &Client) {
    run(
        client,
        "document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== window.__print); return null;",
    )
    .await;
}

/// A screenshot of the whole page at `width` px: the viewport made as tall as the page.
async fn screenshot(client: &Client, width: u32, name: &str) {
    viewport(client, width, 900).await;
    let height = run(
        client,
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);",
    )
    .await
    .as_u64()
    .unwrap_or(900) as u32;
    viewport(client, width, height.clamp(200, 16_000)).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let png = client.screenshot().await.expect("a screenshot");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot folder");
    std::fs::write(dir.join(name), png).expect("the screenshot is written");
    viewport(client, width, 900).await;
}

/// What every page Rung writes for a browser must hold, whatever it says: the title, no
/// script, nothing fetched, a layout that holds at 1280 and 800 px (on screen and with
/// the print rules), print rules that change the layout. Screenshots are `name-*.png`.
async fn read_page(client: &Client, file: &Path, title: &str, name: &str, print_check: &str) {
    let url = format!("file://{}", file.display());
    client.goto(&url).await.expect("the page opens");
    assert_eq!(client.title().await.expect("a title"), title);
    assert_eq!(
        run(client, "return document.readyState;").await,
        json!("complete")
    );
    // No script: none in the page, no handler on any element, nothing a script left.
    let scripts = run(
        client,
        r#"
        const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith('on') || /javascript:/i.test(a.value))
            .map((a) => `${e.tagName}[${a.name}]`));
        return { scripts: document.scripts.length, handlers,
                 frames: document.querySelectorAll('iframe, object, embed, img, link').length };"#,
    )
    .await;
    assert_eq!(
        scripts,
        json!({ "scripts": 0, "handlers": [], "frames": 0 }),
        "{name}: a script, handler or fetching element in the page"
    );
    // Nothing fetched: no resource beyond the page itself.
    let fetched = run(
        client,
        "return performance.getEntriesByType('resource').map((e) => e.name);",
    )
    .await;
    assert_eq!(fetched, json!([]), "{name}: the page fetched something");

    for width in [1280, 800] {
        viewport(client, width, 900).await;
        let wide = overflow(client).await;
        assert!(
            wide.is_empty(),
            "{name} at {width} px: wider than the viewport:\n{}",
            wide.join("\n")
        );
        screenshot(client, width, &format!("{name}-{width}.png")).await;
    }

    // The print stylesheet: there, and it takes effect.
    let before = text(client, print_check).await;
    let rules = print_rules_on(client).await;
    assert!(rules > 0, "{name}: no @media print rules");
    let after = text(client, print_check).await;
    assert_ne!(
        before, after,
        "{name}: the print rules change nothing that `{print_check}` reads"
    );
    let wide = overflow(client).await;
    assert!(
        wide.is_empty(),
        "{name} printed at 800 px: wider than the page:\n{}",
        wide.join("\n")
    );
    screenshot(client, 800, &format!("{name}-print.png")).await;
    print_rules_off(client).await;
}

/// The page printed to PDF on A4 by the browser itself (its own `@media print` and
/// `@page`), saved beside the screenshots; returns how many pages it takes.
async fn print_pdf(client: &Client, name: &str, orientation: PrintOrientation) -> usize {
    let config = PrintConfiguration::builder()
        .orientation(orientation)
        .size(PrintSize::A4)
        .background(true)
        .build()
        .expect("a print configuration");
    let pdf = client.print(config).await.expect("the page prints");
    assert!(pdf.starts_with(b"%PDF"), "{name}: the print is a PDF");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot folder");
    std::fs::write(dir.join(format!("{name}.pdf")), &pdf).expect("the PDF is written");
    // Each page is an object `/Type /Page` (the page tree is `/Type /Pages`).
    let text = String::from_utf8_lossy(&pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_decision_record_and_the_blind_packet_read_well_in_a_real_browser() {
    let driver = Driver::start();
    let dir = tempfile::tempdir().expect("a temp folder");
    let db = dir.path().join("data/cases.db");
    let seeded = calibration_seed::seed(&db);
    let review = dir.path().join("review.json");
    calibration_seed::review_file(&db, &seeded.manager, &review);
    let copy = rung::cases::exchange::read_case_file(&review).expect("the reviewer's file");
    let mut store = Store::open(&db).expect("the case database opens");
    store
        .update(&seeded.manager, "2026-07-02T09:00:00Z", |case| {
            rung::cases::review::import(case, &copy).map_err(Into::into)
        })
        .expect("the reviewer's ratings are imported");
    let cases: Vec<_> = store
        .list()
        .expect("the cases")
        .into_iter()
        .map(|s| s.case)
        .collect();
    let framework = rung::load_bundled().framework;
    let ids = vec![
        seeded.engineer.clone(),
        seeded.designer.clone(),
        seeded.manager.clone(),
    ];
    let chosen = calibration::select(
        &cases,
        &framework,
        &Selection {
            cases: ids.clone(),
            ..Selection::default()
        },
    );
    assert_eq!(chosen.len(), 3);
    let thresholds = calibration::thresholds(&framework);
    let packet = dir.path().join("packet.html");
    std::fs::write(
        &packet,
        render::to_html(&calibration::calibrate(
            &chosen,
            &framework,
            &thresholds,
            true,
        )),
    )
    .expect("the packet is written");
    let designer = cases
        .iter()
        .find(|c| c.id == seeded.designer)
        .expect("the designer's case");
    let record = dir.path().join("record.html");
    std::fs::write(&record, rung::cases::record::to_html(designer)).expect("the record");

    let profile = tempfile::tempdir().expect("a profile folder");
    let client = browser(&driver, profile.path()).await;

    // The decision record names the candidate, the owner and the specialist.
    read_page(
        &client,
        &record,
        "Promotion case: Rui Costa",
        "record",
        "return getComputedStyle(document.querySelector('main')).maxWidth;",
    )
    .await;
    let pages = print_pdf(&client, "record", PrintOrientation::Portrait).await;
    eprintln!("the decision record prints on {pages} A4 pages");
    assert!(pages > 0, "the record prints on no page");
    let seen = text(&client, "return document.body.innerText;").await;
    for shown in [
        "Promotion case: Rui Costa",
        "Maya Rossi",
        "Dana Smith",
        "Says they delivered the onboarding redesign",
    ] {
        assert!(seen.contains(shown), "the record lacks {shown}:\n{seen}");
    }

    // The blind packet shows aliases and numbers, and no one's name or case id.
    read_page(
        &client,
        &packet,
        "Calibration of 3 cases (blind)",
        "packet",
        "return getComputedStyle(document.body).margin;",
    )
    .await;
    let pages = print_pdf(&client, "packet", PrintOrientation::Landscape).await;
    eprintln!("the blind packet prints on {pages} A4 pages");
    // Three cases' packet, empty cells counted rather than listed: a few pages, not 20.
    assert!(
        (1..=8).contains(&pages),
        "the packet of three cases prints on {pages} A4 pages"
    );
    let seen = text(&client, "return document.body.innerText;").await;
    for shown in [
        "Calibration of 3 cases (blind)",
        "Candidate 1",
        "Candidate 2",
        "Candidate 3",
        "Reviewer 1",
        "Expectations, most disagreement first",
    ] {
        assert!(seen.contains(shown), "the packet lacks {shown}:\n{seen}");
    }
    // What reads badly: a row's title run into its spread, a role said twice, rows of
    // cells no one has judged listed one by one.
    let heads = run(
        &client,
        "return [...document.querySelectorAll('th.row')].map((e) => e.innerText);",
    )
    .await;
    for head in heads.as_array().into_iter().flatten() {
        let head = head.as_str().unwrap_or_default();
        assert!(
            !head.contains("spread") || head.contains("\nspread"),
            "a row head runs its title into its spread: {head:?}"
        );
    }
    assert!(
        seen.contains("Specialist 1 Emerging") && !seen.contains("(specialist)"),
        "{seen}"
    );
    assert!(
        !seen.contains("not rated\n") && seen.contains("Left out: "),
        "{seen}"
    );
    let source = text(&client, "return document.documentElement.outerHTML;").await;
    // Whole names and case ids anywhere in the page; first and last names as words.
    let words: std::collections::HashSet<&str> = source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names = calibration_seed::NAMES
        .iter()
        .copied()
        .chain(["Kofi Mensah", "Dana Smith"]);
    for name in names.clone().chain(ids.iter().map(String::as_str)) {
        assert!(
            !seen.contains(name) && !source.contains(name),
            "the blind packet shows {name}:\n{seen}"
        );
    }
    for word in names.flat_map(str::split_whitespace) {
        assert!(
            !words.contains(word),
            "the blind packet shows the name {word}:\n{seen}"
        );
    }

    client.close().await.expect("the browser closes");
}

/// Searching the exported page as a reader does: typing into its search box shows
/// results with the matched words marked (a word's other forms too), the first result
/// leads to its anchor, and each keystroke's search and rendering, timed in the page
/// around the search function for 20 keystrokes, takes at most 20 ms at the 99th
/// percentile. Screenshot `export-search.png`.
async fn search_in_the_page(client: &Client) {
    run(client, "window.scrollTo(0, 0); return null;").await;
    let box_ = client
        .find(fantoccini::Locator::Css("#rung-q"))
        .await
        .expect("a search box");
    box_.send_keys("mentoring").await.expect("typing");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let shown = run(
        client,
        r#"
        const items = [...document.querySelectorAll('#rung-results li')];
        const marks = [...document.querySelectorAll('#rung-results mark')].map((m) => m.textContent.toLowerCase());
        return { results: items.length, marks: [...new Set(marks)].sort(),
                 count: document.getElementById('rung-count').textContent,
                 href: items.length ? items[0].querySelector('a').getAttribute('href') : '' };"#,
    )
    .await;
    eprintln!("search for \"mentoring\": {shown}");
    let results = shown["results"].as_u64().unwrap_or(0);
    assert!(results > 0, "no result for mentoring: {shown}");
    let marks: Vec<&str> = shown["marks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    // Found by the stem: other forms of the word are marked as well.
    assert!(marks.contains(&"mentoring"), "{shown}");
    assert!(
        marks.iter().any(|m| *m == "mentor" || *m == "mentors"),
        "{shown}"
    );
    // The results as the reader sees them, at the top of the page.
    run(client, "window.scrollTo(0, 0); return null;").await;
    let png = client.screenshot().await.expect("a screenshot");
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
    std::fs::create_dir_all(&shots).expect("the screenshot folder");
    std::fs::write(shots.join("export-search.png"), png).expect("the screenshot");

    // The first result, followed, leads to its anchor.
    let href = shown["href"].as_str().unwrap_or_default().to_owned();
    assert!(href.starts_with('#'), "{shown}");
    client
        .find(fantoccini::Locator::Css("#rung-results li a"))
        .await
        .expect("a result")
        .click()
        .await
        .expect("the result is followed");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let at = run(
        client,
        "const t = document.querySelector(':target');
         return { hash: decodeURIComponent(location.hash), target: t ? '#' + t.id : '' };",
    )
    .await;
    assert_eq!(at["hash"], json!(href), "{at}");
    assert_eq!(at["target"], json!(href), "{at}");

    // A word found only in an expectation's examples shows the example, marked; a word
    // of a level's title finds that level's expectations.
    let more = run(
        client,
        r#"
        const read = () => [...document.querySelectorAll('#rung-results li')].map((li) => li.innerText);
        window.rungSearch('spreadsheet');
        const examples = [...document.querySelectorAll('#rung-results .example mark')].map((m) => m.textContent);
        const spreadsheet = read();
        window.rungSearch('senior mentors');
        const senior = read();
        const count = () => document.getElementById('rung-count').textContent;
        window.rungSearch('mentoring ');
        const word = count();
        window.rungSearch('mentorng ');
        const typo = { count: count(), marks: [...document.querySelectorAll('#rung-results mark')].map((m) => m.textContent.toLowerCase()) };
        return { examples, spreadsheet, senior, word, typo };"#,
    )
    .await;
    // One typo in a longer word finds what the word finds, marked.
    assert_eq!(more["typo"]["count"], more["word"], "{more}");
    assert!(
        more["typo"]["marks"]
            .as_array()
            .is_some_and(|m| m.iter().any(|w| w == "mentoring")),
        "{more}"
    );
    assert!(
        more["examples"].as_array().is_some_and(|m| !m.is_empty()
            && m.iter().all(|w| w
                .as_str()
                .is_some_and(|w| w.eq_ignore_ascii_case("spreadsheet")))),
        "{more}"
    );
    let senior = more["senior"].as_array().cloned().unwrap_or_default();
    assert!(!senior.is_empty(), "{more}");
    let lines = |r: &Value| {
        let r = r.as_str().unwrap_or_default().to_lowercase();
        let (label, rest) = r.split_once('\n').unwrap_or((r.as_str(), ""));
        (label.to_owned(), rest.to_owned())
    };
    for result in &senior {
        let (label, rest) = lines(result);
        assert!(
            (label.contains("senior") || rest.contains("senior")) && rest.contains("mentor"),
            "{result}"
        );
    }
    // Some are found by the level's title alone.
    assert!(
        senior
            .iter()
            .map(lines)
            .any(|(label, rest)| label.contains("senior") && !rest.contains("senior")),
        "{more}"
    );

    // Enter follows the first result; Escape clears the search.
    box_.clear().await.expect("the box clears");
    box_.send_keys("spreadsheet\u{E007}").await.expect("typing");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let entered = run(
        client,
        "return { hash: decodeURIComponent(location.hash),
                  first: document.querySelector('#rung-results a').getAttribute('href') };",
    )
    .await;
    assert_eq!(entered["hash"], entered["first"], "{entered}");
    box_.send_keys("\u{E00C}").await.expect("Escape");
    let cleared = run(
        client,
        "return [document.getElementById('rung-q').value,
                 document.querySelectorAll('#rung-results li').length];",
    )
    .await;
    assert_eq!(cleared, json!(["", 0]), "Escape leaves the search");

    // Per keystroke: the search function (searching and showing the results), timed in
    // the page for each of 20 keystrokes of a query; and, as a baseline in the same run,
    // a plain scan of the same documents' lowercased text for every typed word (no
    // stemming, ranking or rendering).
    let timed = run(
        client,
        r#"
        const typed = 'delivers reliable systems';
        const docs = JSON.parse(document.getElementById('rung-search').textContent).d;
        const times = [], base = [], found = [];
        for (let i = 1; i <= 20; i++) {
          let t0 = performance.now();
          window.rungSearch(typed.slice(0, i));
          times.push(performance.now() - t0);
          t0 = performance.now();
          const words = typed.slice(0, i).toLowerCase().split(/\s+/).filter(Boolean);
          let n = 0;
          for (const d of docs) {
            const text = (d[2] + ' ' + d[3]).toLowerCase();
            if (words.every((w) => text.includes(w))) n++;
          }
          base.push(performance.now() - t0);
          found.push(n);
        }
        return { times, base, found };"#,
    )
    .await;
    let sorted = |v: &Value| {
        let mut t: Vec<f64> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_f64)
            .collect();
        t.sort_by(f64::total_cmp);
        t
    };
    let (times, base) = (sorted(&timed["times"]), sorted(&timed["base"]));
    assert_eq!((times.len(), base.len()), (20, 20), "{timed}");
    // The 99th percentile of 20 samples is the largest.
    let p99 = times[((times.len() as f64 * 0.99).ceil() as usize).min(times.len()) - 1];
    let median = |t: &[f64]| (t[9] + t[10]) / 2.0;
    eprintln!(
        "search per keystroke, 20 keystrokes: median {:.2} ms, p99 {p99:.2} ms; plain scan \
         baseline: median {:.2} ms, p99 {:.2} ms",
        median(&times),
        median(&base),
        base[19]
    );
    // Times are printed for docs/performance.md, not asserted one by one: on a shared
    // machine a single keystroke can wait for a core. A search that is really slow shows
    // in the typical keystroke, and its slowest against the plain scan of the same run.
    assert!(
        median(&times) <= 20.0 && p99 <= base[19] + 20.0,
        "search per keystroke: median {:.2} ms, p99 {p99:.2} ms (plain scan p99 {:.2} ms): {times:?}",
        median(&times),
        base[19]
    );
}

/// The offline page of the bundled framework (`rung export-html`), opened from disk:
/// nothing fetched, no script but the block of the framework's own files and the search
/// index (which never run) and its own search script, a link to an expectation that takes
/// the reader to it, and search as you type.
#[tokio::test(flavor = "multi_thread")]
async fn the_exported_framework_opens_from_disk_and_links_to_an_expectation() {
    let driver = Driver::start();
    let dir = tempfile::tempdir().expect("a temp folder");
    let mut loaded = rung::load_bundled();
    // The level printed alone links out of the page twice (see `export_page::LEVEL_INTRO`).
    if let Some(track) = loaded
        .framework
        .tracks
        .iter_mut()
        .find(|t| t.id == "engineering")
    {
        std::sync::Arc::make_mut(&mut track.levels)[2].intro = export_page::LEVEL_INTRO.to_owned();
    }
    let file = dir.path().join("ladder.html");
    std::fs::write(&file, rung::share::to_html(&loaded, "2026-11-30")).expect("the page");
    let framework = &loaded.framework;
    let track = framework
        .track("engineering")
        .expect("the engineering track");
    let level = &track.levels[2];
    let id = level.sections[0].expectations[0].id.clone();

    let profile = tempfile::tempdir().expect("a profile folder");
    let client = browser(&driver, profile.path()).await;
    let url = format!("file://{}", file.display());
    client.goto(&url).await.expect("the page opens");
    assert_eq!(
        client.title().await.expect("a title"),
        format!("{} {}", framework.name, framework.version)
    );
    let scripts = run(
        &client,
        r#"
        const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith('on') || /javascript:/i.test(a.value))
            .map((a) => `${e.tagName}[${a.name}]`));
        return { scripts: [...document.scripts].map((s) => `${s.type} ${s.id}`), handlers,
                 frames: document.querySelectorAll('iframe, object, embed, img, link').length };"#,
    )
    .await;
    assert_eq!(
        scripts,
        json!({
            "scripts": ["application/json rung-source", "application/json rung-search", " "],
            "handlers": [],
            "frames": 0
        }),
        "a script, handler or fetching element in the exported page"
    );
    let fetched = run(
        &client,
        "return performance.getEntriesByType('resource').map((e) => e.name);",
    )
    .await;
    assert_eq!(fetched, json!([]), "the exported page fetched something");
    screenshot(&client, 1280, "export-top.png").await;

    // A link to the expectation, followed: the address names it and it is in view.
    let link = format!("td a[href=\"#{id}\"]");
    client
        .find(fantoccini::Locator::Css(&link))
        .await
        .unwrap_or_else(|e| panic!("no link {link}: {e}"))
        .click()
        .await
        .expect("the link is followed");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let at = run(
        &client,
        &format!(
            "const e = document.getElementById({id:?}); const r = e.getBoundingClientRect();
             return {{ hash: decodeURIComponent(location.hash), top: Math.round(r.top),
                      target: document.querySelector(':target') === e, scrolled: window.scrollY > 0 }};"
        ),
    )
    .await;
    assert_eq!(at["hash"], json!(format!("#{id}")), "{at}");
    assert_eq!(at["target"], json!(true), "{at}");
    assert_eq!(at["scrolled"], json!(true), "{at}");
    let top = at["top"].as_i64().unwrap_or(-1);
    assert!(
        (0..=40).contains(&top),
        "the expectation is not at the top: {at}"
    );
    // The viewport as the reader sees it after following the link.
    let png = client.screenshot().await.expect("a screenshot");
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
    std::fs::create_dir_all(&shots).expect("the screenshot folder");
    std::fs::write(shots.join("export-expectation.png"), png).expect("the screenshot");

    search_in_the_page(&client).await;

    // The policy lets no other script run: one added to the page is refused.
    let injected = run(
        &client,
        r#"
        return new Promise((resolve) => {
          let refused = '';
          document.addEventListener('securitypolicyviolation',
            (e) => { refused = e.effectiveDirective; }, { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__injected = true;';
          document.body.appendChild(s);
          setTimeout(() => resolve({ ran: window.__injected === true, refused }), 200);
        });"#,
    )
    .await;
    assert_eq!(
        injected,
        json!({ "ran": false, "refused": "script-src-elem" }),
        "a script added to the exported page ran"
    );

    // Opened straight at the expectation's address, the page shows it too.
    client
        .goto(&format!("{url}#{id}"))
        .await
        .expect("the address opens");
    let shown = text(
        &client,
        "const e = document.querySelector(':target'); return e ? e.id : '';",
    )
    .await;
    assert_eq!(shown, id);
    let fetched = run(
        &client,
        "return performance.getEntriesByType('resource').map((e) => e.name);",
    )
    .await;
    assert_eq!(fetched, json!([]), "the exported page fetched something");

    let levels = framework.tracks.iter().map(|t| t.levels.len()).sum();
    print_in_the_page(&client, &format!("{}/{}", track.id, level.id), levels).await;

    client.close().await.expect("the browser closes");
}

/// Printing the exported page: "Print this level" (the browser's dialog replaced by a
/// counter) leaves the header and that level alone in print, its examples unfolded, and
/// the browser's PDF of it takes a tenth of the whole's pages at most; "Print all" prints
/// everything, every level on a page of its own, nothing wider than the page.
/// Screenshots `export-print-level.png` and `export-print-band.png` (the print rules on
/// screen), PDFs `export-print-level.pdf` and `export-print-all.pdf`.
async fn print_in_the_page(client: &Client, level: &str, levels: usize) {
    let buttons = run(client, export_page::BUTTONS).await;
    assert_eq!(
        buttons,
        json!({ "all": 1, "levels": levels }),
        "print buttons"
    );
    run(client, export_page::STUB_PRINT).await;
    client
        .find(fantoccini::Locator::Css(&format!(
            "section[id=\"{level}\"] button.print-level"
        )))
        .await
        .expect("the level's print button")
        .click()
        .await
        .expect("the button is pressed");
    assert!(run(client, export_page::PRINT_RULES_ON).await.as_u64() > Some(0));
    let printed = run(client, export_page::PRINTED).await;
    eprintln!("print this level: {printed}");
    export_page::assert_one_level(&printed, level, 1, "chromium");
    screenshot(client, 800, "export-print-level.png").await;
    run(client, export_page::PRINT_RULES_OFF).await;
    let one = print_pdf(client, "export-print-level", PrintOrientation::Portrait).await;

    // The browser says printing is over: the page is whole again.
    let after = run(
        client,
        "window.dispatchEvent(new Event('afterprint'));
         return [document.documentElement.className, document.querySelectorAll('.print-this').length];",
    )
    .await;
    assert_eq!(after, json!(["", 0]), "after printing one level");

    client
        .find(fantoccini::Locator::Css("#rung-print-all"))
        .await
        .expect("Print all")
        .click()
        .await
        .expect("Print all is pressed");
    assert!(run(client, export_page::PRINT_RULES_ON).await.as_u64() > Some(0));
    let printed = run(client, export_page::PRINTED).await;
    export_page::assert_everything(&printed, Some(2), "chromium");
    // Nothing wider than a page's width, the tracks side by side included.
    viewport(client, 800, 900).await;
    let wide = overflow(client).await;
    assert!(
        wide.is_empty(),
        "printed at 800 px: wider than the page:\n{}",
        wide.join("\n")
    );
    run(
        client,
        "document.getElementById('band/3').scrollIntoView(); return null;",
    )
    .await;
    let png = client.screenshot().await.expect("a screenshot");
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
    std::fs::write(shots.join("export-print-band.png"), png).expect("the screenshot");
    run(client, export_page::PRINT_RULES_OFF).await;
    let all = print_pdf(client, "export-print-all", PrintOrientation::Portrait).await;
    eprintln!("printed to PDF: one level {one} pages, all {all} pages ({levels} levels)");
    assert!(
        one >= 1 && one * 10 < all,
        "one level takes {one} pages of the whole's {all}"
    );
    assert!(
        all > levels,
        "every level on a page of its own: {all} pages, {levels} levels"
    );
}
