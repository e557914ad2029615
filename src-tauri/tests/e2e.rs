//! End to end: the real app window, driven through WebDriver (tauri-driver and
//! WebKitWebDriver) under Xvfb. One test runs every journey in turn, because the app
//! allows a single instance at a time.
//!
//! Screenshots of the home and a level page are saved in `target/e2e-screenshots/`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "support/screenshot.rs"]
mod screenshots;
use screenshots::screenshot;
#[path = "../../tests/common/mod.rs"]
mod common;

#[path = "e2e/about.rs"]
mod about;
#[path = "e2e/big.rs"]
mod big;
#[path = "e2e/calibration.rs"]
mod calibration;
#[path = "e2e/calibration_seed.rs"]
mod calibration_seed;
#[path = "e2e/import.rs"]
mod import;
#[path = "e2e/open_file.rs"]
mod open_file;
#[path = "e2e/sealed.rs"]
mod sealed;
#[path = "e2e/trust.rs"]
mod trust;
#[path = "support/xvfb.rs"]
mod xvfb;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use xvfb::Display;

use fantoccini::{Client, ClientBuilder, Locator};

const WAIT: Duration = Duration::from_secs(20);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn find_tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([home.join(".cargo/bin")])
        .map(|dir| dir.join("tauri-driver"))
        .find(|p| p.is_file())
        .expect(
            "tauri-driver is installed (scripts/test installs it with cargo install tauri-driver)",
        )
}

/// tauri-driver on fresh ports; stopped with SIGTERM so its WebKitWebDriver child goes too.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(display: &Display, config_dir: &Path) -> Driver {
        Driver::start_with(display, config_dir, &[])
    }

    /// As `start`, with `env` added to the app's environment.
    fn start_with(display: &Display, config_dir: &Path, env: &[(&str, &str)]) -> Driver {
        let port = free_port();
        let native = free_port();
        let child = Command::new(find_tauri_driver())
            .envs(env.iter().copied())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DISPLAY", &display.name)
            .env("RUNG_CONFIG_DIR", config_dir)
            // Cases stay in the test's folder, never in the machine's data folder.
            .env("RUNG_DATA_DIR", config_dir.join("data"))
            // A WebDriver cannot click a native file dialog: this folder answers them.
            .env("RUNG_TEST_DIALOG_DIR", config_dir.join("files"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        // Both tauri-driver and the WebKitWebDriver it starts must be listening; on a
        // machine's first run the latter can take seconds.
        for (what, p) in [("tauri-driver", port), ("WebKitWebDriver", native)] {
            let start = Instant::now();
            while std::net::TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(start.elapsed() < WAIT, "{what} did not listen on port {p}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

async fn launch(driver: &Driver, args: &[&str]) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": env!("CARGO_BIN_EXE_rung-app"), "args": args }),
    );
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let url = format!("http://127.0.0.1:{}", driver.port);
    // A cold first start (WebKit building its caches) can drop the first request.
    let mut last_error = String::new();
    for _ in 0..3 {
        match tokio::time::timeout(Duration::from_secs(30), builder.connect(&url)).await {
            Ok(Ok(client)) => return client,
            Ok(Err(e)) => last_error = e.to_string(),
            Err(_) => last_error = "no session within 30 s".to_owned(),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    panic!("no WebDriver session after 3 attempts: {last_error}");
}

async fn text_of(client: &Client, css: &str) -> Option<String> {
    let element = client.find(Locator::Css(css)).await.ok()?;
    element.text().await.ok()
}

/// Waits until the element matching `css` has text for which `ok` holds; returns it.
async fn wait_for(client: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Some(text) = text_of(client, css).await {
            if ok(&text) {
                return text;
            }
        }
        if start.elapsed() > WAIT {
            let body = text_of(client, "body").await.unwrap_or_default();
            panic!("timed out waiting for `{css}`; the page shows:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(css))
        .await
        .map(|v| v.len())
        .unwrap_or(0)
}

/// Clicks the element matching `css` once it is there, scrolled into view, whatever
/// overlaps it for a moment (a closing panel, the sticky header).
async fn click(client: &Client, css: &str) {
    wait_for(client, css, |_| true).await;
    let script = format!(
        "const e = document.querySelector({}); e.scrollIntoView({{block: 'center'}}); e.click(); return null;",
        serde_json::to_string(css).expect("a CSS selector as JSON")
    );
    client.execute(&script, vec![]).await.expect("click");
}

/// Answers the encryption dialog a save of case data opens: saved without encryption,
/// chosen in its two deliberate steps.
async fn save_plain(client: &Client) {
    click(client, "#seal-plain").await;
    click(client, "#seal-plain-confirm").await;
}

/// A screenshot of the page as it would print: the `@media print` rules applied to the
/// screen and folded sections opened (as the app does before printing), then undone.
async fn print_preview(client: &Client, name: &str) {
    let applied = client
        .execute(
            r#"
            const rules = [];
            for (const sheet of document.styleSheets) {
              for (const rule of sheet.cssRules) {
                if (rule.media && rule.media.mediaText.includes('print')) {
                  for (const inner of rule.cssRules) rules.push(inner.cssText);
                }
              }
            }
            // The CSP forbids inline <style>; the stylesheet object model is allowed.
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(rules.join(' '));
            window.__printPreview = sheet;
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
            window.dispatchEvent(new Event('beforeprint'));
            return rules.length;"#,
            vec![],
        )
        .await
        .expect("apply the print rules");
    assert!(
        applied.as_u64().is_some_and(|n| n > 10),
        "print rules found: {applied}"
    );
    screenshot(client, name).await;
    client
        .execute(
            "document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== window.__printPreview); window.dispatchEvent(new Event('afterprint')); return null;",
            vec![],
        )
        .await
        .expect("undo the print rules");
}

/// On the level page open, glossary terms look different from the text around them in
/// the real window (WebKitGTK draws no dotted underline, so a line that only a browser
/// shows would not do), and the expectations in view explain their own terms, not only
/// the first use on the page. Saves `level-terms.png`, with the design craft in view.
async fn terms_stand_out(client: &Client) {
    let style = client
        .execute(
            r#"
            const section = document.querySelector('section.competency[data-competency="design-craft"]');
            section.scrollIntoView();
            const shown = [...section.querySelectorAll('li.expectation')]
              .flatMap((li) => [...li.querySelectorAll('span.term[data-term]')])
              .filter((t) => !t.closest('details:not([open])'));
            const term = shown[0];
            const css = getComputedStyle(term);
            const around = getComputedStyle(term.parentElement);
            return {
              shown: shown.length,
              words: shown.map((t) => t.textContent),
              borderStyle: css.borderBottomStyle,
              borderWidth: parseFloat(css.borderBottomWidth),
              borderColor: css.borderBottomColor,
              color: css.color,
              aroundColor: around.color,
              underline: css.textDecorationLine,
            };"#,
            vec![],
        )
        .await
        .expect("the style of a marked term");
    let text = |key: &str| style[key].as_str().unwrap_or_default().to_owned();
    let shown = style["shown"].as_u64().unwrap_or(0);
    // Design craft at d3 shows, among others, "design system components" twice: in the
    // expectation of d3 and in the inherited one of d1.
    assert!(
        shown >= 8,
        "only {shown} marked terms in the design craft: {style}"
    );
    let words = style["words"].to_string().to_lowercase();
    assert!(words.contains("design system components"), "{words}");
    let drawn_line = (text("borderStyle") != "none"
        && style["borderWidth"].as_f64().unwrap_or(0.0) >= 1.0)
        || text("underline").contains("underline");
    assert!(drawn_line, "a term has no line under it: {style}");
    assert_ne!(
        text("color"),
        text("aroundColor"),
        "a term has the colour of its text: {style}"
    );
    screenshot(client, "level-terms.png").await;
}

async fn bundled_journey(driver: &Driver) {
    let client = launch(driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    let version = wait_for(&client, "#framework-version", |t| !t.is_empty()).await;
    assert!(version.contains("2026.1"), "{version}");
    let hash = wait_for(&client, "#framework-hash", |t| t.trim().len() >= 8).await;
    assert!(hash.trim().chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    for level in [
        "engineering/e4",
        "product-designer/d3",
        "product-manager/p3",
        "sto/s1",
        "engineering-manager/m1",
    ] {
        assert_eq!(
            count(&client, &format!("a.level-link[data-level=\"{level}\"]")).await,
            1,
            "{level}"
        );
    }
    screenshot(&client, "home.png").await;

    // Open a level and see its expectations.
    client
        .find(Locator::Css(
            "a.level-link[data-level=\"product-designer/d3\"]",
        ))
        .await
        .expect("level link")
        .click()
        .await
        .expect("click");
    wait_for(&client, "h1#level-title", |t| {
        t == "Senior Product Designer"
    })
    .await;
    assert!(count(&client, "li.expectation").await > 20);
    screenshot(&client, "level.png").await;
    client
        .execute(
            "document.querySelector('section.competency').scrollIntoView(); return null;",
            vec![],
        )
        .await
        .expect("scroll to the expectations");
    screenshot(&client, "level-expectations.png").await;
    terms_stand_out(&client).await;
    client
        .execute("window.scrollTo(0, 0); return null;", vec![])
        .await
        .expect("scroll back");

    // Focus a glossary term and see its definition.
    let term = client
        .find(Locator::Css("span.term[data-term]"))
        .await
        .expect("a marked term");
    let word = term.text().await.expect("term text");
    client
        .execute(
            "document.querySelector('span.term[data-term]').focus(); return null;",
            vec![],
        )
        .await
        .expect("focus the term");
    let tooltip = wait_for(&client, "#term-tooltip", |t| t.len() > word.len() + 10).await;
    assert!(
        tooltip
            .to_lowercase()
            .contains(&word.to_lowercase()[..word.len().min(4)]),
        "{tooltip}"
    );
    screenshot(&client, "term.png").await;

    // The next level is one key away.
    client
        .execute(
            "document.activeElement && document.activeElement.blur(); return null;",
            vec![],
        )
        .await
        .expect("blur");
    client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys("]")
        .await
        .expect("press ]");
    wait_for(&client, "h1#level-title", |t| t == "Lead Product Designer").await;

    // Search: Ctrl+K, type, pick an expectation, land on it.
    client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys("\u{E009}k\u{E000}")
        .await
        .expect("press Ctrl+K");
    let focused = client
        .execute(
            "return document.activeElement && document.activeElement.id;",
            vec![],
        )
        .await
        .expect("active element");
    assert_eq!(
        focused,
        serde_json::json!("search"),
        "Ctrl+K focuses the search box"
    );
    client
        .find(Locator::Css("#search"))
        .await
        .expect("search box")
        .send_keys("postmortem")
        .await
        .expect("type");
    let hit_css = "li.search-hit[data-kind=\"expectation\"]";
    wait_for(&client, hit_css, |t| !t.is_empty()).await;
    screenshot(&client, "search.png").await;
    let hit = client
        .find(Locator::Css(hit_css))
        .await
        .expect("an expectation hit");
    let target = hit
        .attr("data-target")
        .await
        .expect("attribute")
        .expect("data-target");
    hit.click().await.expect("open the hit");
    let targeted = wait_for(
        &client,
        &format!("li.expectation.targeted[data-id=\"{target}\"]"),
        |t| !t.is_empty(),
    )
    .await;
    assert!(targeted.to_lowercase().contains("postmortem"), "{targeted}");

    // Compare: from a level, what changes at the next one.
    click(&client, "#back-home").await;
    click(&client, "a.level-link[data-level=\"engineering/e1\"]").await;
    wait_for(&client, "h1#level-title", |t| t == "Software Engineer I").await;
    click(&client, "#compare-next").await;
    wait_for(&client, "h1#compare-title", |t| {
        t == "From Software Engineer I to Software Engineer II"
    })
    .await;
    let counts = wait_for(&client, "#compare-counts", |t| t.contains("new")).await;
    assert!(counts.contains("stronger form"), "{counts}");
    assert!(count(&client, "li.delta.new").await > 5);
    // The on-call shift is linked to e1's shadowing in the ladder file.
    let stronger = wait_for(
        &client,
        "li.delta.stronger[data-id^=\"engineering/e2/takes-a-primary-on-call\"]",
        |t| !t.is_empty(),
    )
    .await;
    assert!(stronger.contains("Replaces"), "{stronger}");
    screenshot(&client, "compare.png").await;
    print_preview(&client, "compare-print.png").await;

    // The band view, from the home grid.
    click(&client, "#back-home").await;
    click(&client, "button[data-band-compare=\"4\"]").await;
    wait_for(&client, "h1#band-title", |t| t == "Band 4: Senior").await;
    assert_eq!(count(&client, "thead th.track-col").await, 5);
    let row = wait_for(&client, "tr[data-row=\"collaboration\"]", |t| !t.is_empty()).await;
    assert!(row.contains("product manager"), "{row}");
    // The home grid's order of tracks, engineering first.
    let first = text_of(&client, "thead th.track-col")
        .await
        .unwrap_or_default();
    assert!(first.starts_with("Software Engineer"), "{first}");
    screenshot(&client, "band.png").await;
    // Far down the rows, the column heads are still at the top of the table's frame.
    let offset = number(
        &client,
        r#"const wrap = document.querySelector('.band-table-wrap');
           wrap.scrollIntoView({ block: 'end' });
           wrap.scrollTop = wrap.scrollHeight;
           const head = document.querySelector('thead th.track-col').getBoundingClientRect();
           return wrap.scrollTop > 500 ? head.top - wrap.getBoundingClientRect().top : -1;"#,
    )
    .await;
    assert!(
        (0.0..2.0).contains(&offset),
        "the heads scrolled away: {offset}"
    );
    screenshot(&client, "band-scrolled.png").await;
    print_preview(&client, "band-print.png").await;
    client.close().await.expect("close the session");
}

/// How many times the window heard that the open framework changed on disk.
async fn reloads(client: &Client) -> i64 {
    let count = client
        .execute(
            "return Number(document.body.dataset.reloads ?? -1);",
            vec![],
        )
        .await
        .expect("the reload count");
    count.as_i64().unwrap_or(-1)
}

/// Where the first expectation in view sits in the window: its id and its top.
async fn first_in_view(client: &Client) -> (String, f64) {
    let found = client
        .execute(
            r#"const item = [...document.querySelectorAll('li.expectation')]
                 .find((li) => li.getBoundingClientRect().top > 80);
               return [item.dataset.id, item.getBoundingClientRect().top];"#,
            vec![],
        )
        .await
        .expect("an expectation in view");
    let id = found[0].as_str().expect("an id").to_owned();
    (id, found[1].as_f64().expect("a position"))
}

/// A copy of the bundled ladders, as a company starts its own, opened in the app as a
/// folder; the folder lives as long as the first value.
async fn open_ladders_copy(driver: &Driver) -> (tempfile::TempDir, PathBuf, Client) {
    let company = tempfile::tempdir().expect("a company folder");
    let ladders = company.path().join("ladders");
    copy_dir(&common::root().join("ladders"), &ladders);
    let path = ladders.to_string_lossy().into_owned();
    let client = launch(driver, &[&path]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    (company, ladders, client)
}

/// Idles 3 seconds with `ladders` open: the app does not so much as open one of its files
/// (the reload loop this catches was driven by the app's own reads), nothing reloads, and
/// no notice shows.
async fn idles_untouched(client: &Client, ladders: &Path) {
    let touched = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&touched);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Folders are opened by this watcher itself as it walks the tree to watch it;
        // reading the framework, as any reload does, opens its files.
        if let (Ok(event), Ok(mut seen)) = (event, seen.lock()) {
            if event.paths.iter().any(|p| !p.is_dir()) {
                seen.push(format!("{:?} {:?}", event.kind, event.paths));
            }
        }
    })
    .expect("a watcher on the folder");
    notify::Watcher::watch(&mut watcher, ladders, notify::RecursiveMode::Recursive)
        .expect("watch the folder");
    tokio::time::sleep(Duration::from_secs(3)).await;
    drop(watcher);
    let touched = touched.lock().map(|t| t.clone()).unwrap_or_default();
    assert!(
        touched.is_empty(),
        "the idle app touched its folder (opens and reads count):\n{}",
        touched.join("\n")
    );
    assert_eq!(reloads(client).await, 0, "an idle app reloaded its folder");
    assert_eq!(count(client, "#notice").await, 0, "a notice with no change");
}

async fn folder_journeys(driver: &Driver, config_dir: &Path) {
    // A copy of the bundled ladders, opened as a folder, idles without reloading itself.
    let (_company, ladders, client) = open_ladders_copy(driver).await;
    idles_untouched(&client, &ladders).await;

    // A long level page, scrolled down with a fold open: a real edit of the level's file
    // reloads once, and the page stays as the person left it.
    click(&client, "a.level-link[data-level=\"product-designer/d3\"]").await;
    wait_for(&client, "h1#level-title", |t| {
        t == "Senior Product Designer"
    })
    .await;
    client
        .execute(
            r#"window.scrollTo(0, 1400);
               const item = [...document.querySelectorAll('li.expectation')]
                 .find((li) => li.getBoundingClientRect().top > 80 && li.querySelector('details'));
               item.querySelector('details').open = true;
               item.dataset.marked = 'yes';
               return null;"#,
            vec![],
        )
        .await
        .expect("scroll and open a fold");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (anchor, top) = first_in_view(&client).await;
    let file = ladders.join("tracks/product-designer/d3.md");
    let text = std::fs::read_to_string(&file).expect("d3.md");
    let example = "reviews recordings and feedback for two weeks";
    assert!(text.contains(example), "d3.md has the example to edit");
    std::fs::write(
        &file,
        text.replace(example, "reviews recordings and feedback for three weeks"),
    )
    .expect("edit d3.md");
    // The example sits in a closed fold, out of WebDriver's visible text.
    let start = Instant::now();
    while !client
        .execute(
            "return document.getElementById('level').textContent.includes('for three weeks');",
            vec![],
        )
        .await
        .expect("the page's text")
        .as_bool()
        .unwrap_or(false)
    {
        assert!(start.elapsed() < WAIT, "the edit did not reach the page");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for(&client, "#notice", |t| t.contains("changed on disk")).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(reloads(&client).await, 1, "one edit, one reload");
    let (still, now) = first_in_view(&client).await;
    assert_eq!(
        still, anchor,
        "the same expectation is at the top of the window"
    );
    assert!(
        (now - top).abs() < 4.0,
        "the page moved from {top} to {now} in the window"
    );
    assert_eq!(
        count(&client, "li.expectation[data-marked=\"yes\"] details[open]").await,
        1,
        "the fold is still open, on the same element"
    );
    screenshot(&client, "folder-reloaded.png").await;
    client.close().await.expect("close");

    // A framework folder given as the first argument.
    let example = common::fixture("stray-file");
    let path = example.path().to_string_lossy().into_owned();
    let client = launch(driver, &[&path]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Example framework")
    })
    .await;
    assert_eq!(
        count(&client, "a.level-link[data-level=\"engineering/e2\"]").await,
        1
    );
    // Live reload: edit the open level's file and see the page change.
    client
        .find(Locator::Css("a.level-link[data-level=\"engineering/e2\"]"))
        .await
        .expect("level link")
        .click()
        .await
        .expect("click");
    wait_for(&client, "h1#level-title", |t| t == "Engineer II").await;
    let file = example.path().join("tracks/engineering/e2.md");
    let text = std::fs::read_to_string(&file).expect("read e2.md");
    std::fs::write(
        &file,
        text.replace("title: Engineer II", "title: Engineer Two"),
    )
    .expect("edit e2.md");
    wait_for(&client, "h1#level-title", |t| t == "Engineer Two").await;
    client
        .find(Locator::Css("#back-home"))
        .await
        .expect("back home")
        .click()
        .await
        .expect("click");
    // The bundled framework stays one click away, and the choice is remembered.
    client
        .find(Locator::Css("#open-bundled"))
        .await
        .expect("bundled button")
        .click()
        .await
        .expect("click");
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    let settings =
        std::fs::read_to_string(config_dir.join("settings.json")).expect("settings saved");
    assert!(settings.contains("bundled"), "{settings}");
    client.close().await.expect("close");

    // A broken framework shows its diagnostics with file, line and column.
    let broken = common::fixture("unknown-competency");
    let path = broken.path().to_string_lossy().into_owned();
    let client = launch(driver, &[&path]).await;
    let panel = wait_for(&client, "#diagnostics", |t| {
        t.contains("tracks/engineering/e2.md:11:1")
    })
    .await;
    assert!(panel.contains("unknown competency `Delivry`"), "{panel}");
    assert_eq!(count(&client, "li.diagnostic").await, 1);
    screenshot(&client, "diagnostics.png").await;
    client.close().await.expect("close");

    // With no argument, the folder opened last comes back.
    std::fs::write(
        config_dir.join("settings.json"),
        serde_json::json!({ "last_source": { "kind": "folder", "path": example.path() } })
            .to_string(),
    )
    .expect("write settings");
    let client = launch(driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Example framework")
    })
    .await;
    client.close().await.expect("close");
}

/// Types `text` into the field matching `css`.
async fn type_into(client: &Client, css: &str, text: &str) {
    wait_for(client, css, |_| true).await;
    client
        .find(Locator::Css(css))
        .await
        .expect("field")
        .send_keys(text)
        .await
        .expect("type");
}

/// Chooses `value` in the select matching `css`, scrolled to the middle of the window
/// first: scrolled only as far as needed, it can sit under the sticky header, which then
/// takes the click (WebDriver's "element click intercepted", seen once in CI).
async fn choose(client: &Client, css: &str, value: &str) {
    wait_for(client, css, |_| true).await;
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return null;",
            vec![serde_json::Value::from(css)],
        )
        .await
        .expect("scroll to the select");
    client
        .find(Locator::Css(css))
        .await
        .expect("select")
        .select_by_value(value)
        .await
        .expect("choose");
}

/// Adds a piece of evidence to the `nth` expectation of the open case: opens its form,
/// fills it in (reported by `source`, else the form's default) and presses Enter.
async fn add_evidence(
    client: &Client,
    nth: usize,
    what: &str,
    when: &str,
    source: Option<&str>,
    outcome: &str,
) {
    client
        .execute(
            &format!("document.querySelectorAll('.case-expectation')[{nth}].querySelector('.add-evidence').click(); return null;"),
            vec![],
        )
        .await
        .expect("open the evidence form");
    type_into(client, ".evidence-form .ev-what", what).await;
    type_into(client, ".evidence-form .ev-when", when).await;
    if let Some(source) = source {
        choose(client, ".evidence-form .ev-source", source).await;
    }
    type_into(
        client,
        ".evidence-form .ev-outcome",
        &format!("{outcome}\u{e007}"),
    )
    .await;
}

/// The number at the start of the coverage line ("3 of 74 …").
async fn supported(client: &Client) -> String {
    wait_for(client, "#coverage-summary", |_| true).await
}

/// New case, attach evidence, see coverage, export blind; then a self-assessment taken in.
/// `dir` holds files, and it and every folder under it are 0700, every file 0600.
#[cfg(unix)]
fn assert_private(dir: &Path) {
    fn walk(dir: &Path) -> usize {
        use rung::files::private::mode;
        let m = mode(dir).expect("mode");
        assert_eq!(m, 0o700, "{} is {m:o}", dir.display());
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                files += walk(&path);
            } else {
                let m = mode(&path).expect("mode");
                assert_eq!(m, 0o600, "{} is {m:o}", path.display());
                files += 1;
            }
        }
        files
    }
    assert!(walk(dir) > 0, "{} holds the cases", dir.display());
}

async fn case_journey(driver: &Driver, config_dir: &Path) {
    let files = config_dir.join("files");
    std::fs::create_dir_all(&files).expect("dialog folder");
    let client = launch(driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    click(&client, "#open-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    wait_for(&client, "#no-cases", |t| t.contains("No cases yet")).await;

    // New case: Ana Lima, engineering, from III to Senior.
    click(&client, "#new-case").await;
    type_into(&client, "#case-name", "Ana Lima").await;
    choose(&client, "#case-track", "engineering").await;
    choose(&client, "#case-from", "e3").await;
    choose(&client, "#case-to", "e4").await;
    screenshot(&client, "case-form.png").await;
    click(&client, "#start-case").await;
    wait_for(&client, "#case-title", |t| t.contains("Ana Lima")).await;
    // The app made its data folder on a fresh start: the owner's only, as is the case in it.
    #[cfg(unix)]
    assert_private(&config_dir.join("data"));
    let before = supported(&client).await;
    assert!(before.starts_with("0 of "), "{before}");
    let total: usize = before
        .split_whitespace()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .expect("a total");
    assert!(total > 10, "{before}");
    let gaps = wait_for(&client, "details[data-gap=\"no-evidence\"] summary", |_| {
        true
    })
    .await;
    assert!(gaps.starts_with(&total.to_string()), "{gaps}");
    screenshot(&client, "case-new.png").await;

    // Attach evidence to the first expectation, in a few keystrokes: Enter adds it.
    click(&client, ".case-expectation .add-evidence").await;
    type_into(
        &client,
        ".evidence-form .ev-what",
        "Redesigned the billing data model with the payments and ledger teams",
    )
    .await;
    type_into(&client, ".evidence-form .ev-when", "2026-09").await;
    // Whose evidence it is shows on the button that saves it: the case owner's, unless
    // chosen otherwise for this piece.
    let add = wait_for(&client, ".evidence-form .ev-add", |t| !t.is_empty()).await;
    assert_eq!(add, "Add evidence as the case owner");
    screenshot(&client, "case-evidence-form.png").await;
    type_into(
        &client,
        ".evidence-form .ev-outcome",
        "Invoices went out on time every month since; billing tickets fell by 40%\u{e007}",
    )
    .await;
    wait_for(&client, "#coverage-summary", |t| t.starts_with("1 of ")).await;
    let gaps = wait_for(&client, "details[data-gap=\"no-evidence\"] summary", |t| {
        t.starts_with(&(total - 1).to_string())
    })
    .await;
    assert!(gaps.contains("No evidence"), "{gaps}");
    assert_eq!(count(&client, ".evidence").await, 1);
    assert_eq!(
        count(&client, ".finding").await,
        0,
        "dated, with an outcome"
    );

    // Weak evidence on the next expectation is flagged, with a better way to say it.
    client
        .execute(
            "document.querySelectorAll('.case-expectation')[1].querySelector('.add-evidence').click(); return null;",
            vec![],
        )
        .await
        .expect("open the second form");
    type_into(
        &client,
        ".evidence-form .ev-what",
        "She is a rockstar who always delivers\u{e007}",
    )
    .await;
    let finding = wait_for(&client, ".finding", |_| true).await;
    assert!(!finding.is_empty());
    assert!(count(&client, "details[data-gap=\"weak\"]").await == 1);

    // Rate the first expectation with its reason.
    choose(&client, ".case-expectation .rating-choice", "meets").await;
    type_into(
        &client,
        ".case-expectation .rating-reason",
        "The billing redesign, dated and with a result",
    )
    .await;
    click(&client, ".case-expectation .rating-save").await;
    wait_for(&client, ".case-status", |t| t == "Rating saved.").await;
    screenshot(&client, "case-editor.png").await;

    // What specialist input is about: a filtered list of checkboxes by competency.
    client
        .execute(
            "document.getElementById('sp-expectations').scrollIntoView({block: 'center'}); return null;",
            vec![],
        )
        .await
        .expect("scroll to the specialist form");
    let all = count(&client, "#sp-expectations input[type=checkbox]").await;
    assert_eq!(all, total);
    type_into(&client, "#sp-expectations-filter", "incident").await;
    let start = Instant::now();
    while count(&client, "#sp-expectations input[type=checkbox]").await == all {
        assert!(start.elapsed() < WAIT, "the filter left every expectation");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    click(&client, "#sp-expectations input[type=checkbox]").await;
    wait_for(&client, "#sp-expectations .picker-count", |t| {
        t == "1 chosen"
    })
    .await;
    screenshot(&client, "case-about.png").await;

    // Export blind: the decision record names the alias, never Ana.
    assert_eq!(
        client
            .find(Locator::Css("#export-blind"))
            .await
            .expect("blind box")
            .prop("checked")
            .await
            .expect("checked")
            .as_deref(),
        Some("true")
    );
    click(&client, "#export-case").await;
    save_plain(&client).await;
    let notice = wait_for(&client, "#notice", |t| t.contains("Exported to")).await;
    let exported = files.join("candidate-1-senior-software-engineer-blind.html");
    assert!(
        notice.contains("candidate-1-senior-software-engineer-blind.html"),
        "{notice}"
    );
    let html = std::fs::read_to_string(&exported).expect("the blind record was written");
    #[cfg(unix)]
    assert_eq!(rung::files::private::mode(&exported).expect("mode"), 0o600);
    assert!(html.contains("Candidate 1"), "the alias is there");
    assert!(
        !html.contains("Ana") && !html.contains("Lima"),
        "the name is not: {html}"
    );
    assert!(html.contains("billing data model"));
    click(&client, "input[type=radio][value=json]").await;
    click(&client, "#export-case").await;
    save_plain(&client).await;
    let json = files.join("candidate-1-senior-software-engineer-blind.rungcase");
    let start = Instant::now();
    while !json.exists() {
        assert!(
            start.elapsed() < WAIT,
            "the blind case file was not written"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let json = std::fs::read_to_string(json).expect("read");
    assert!(!json.contains("Ana") && !json.contains("Lima"), "{json}");
    rung::cases::exchange::from_json(&json).expect("a valid case file");

    // The history shows what changed.
    click(&client, "#toggle-history").await;
    let history = wait_for(&client, "#case-history", |t| t.contains("Case started")).await;
    client
        .execute(
            "document.getElementById('decision-title').scrollIntoView({block: 'start'}); window.scrollBy(0, -80); return null;",
            vec![],
        )
        .await
        .expect("scroll to the decision");
    screenshot(&client, "case-decision-history.png").await;
    assert!(
        history.contains("Meets — The billing redesign, dated and with a result"),
        "{history}"
    );

    // Ana assesses herself in the app and exports the file for her manager.
    click(&client, "#back-cases").await;
    click(&client, "#new-self").await;
    type_into(&client, "#case-name", "Ana Lima").await;
    choose(&client, "#case-track", "engineering").await;
    choose(&client, "#case-from", "e3").await;
    choose(&client, "#case-to", "e4").await;
    click(&client, "#start-case").await;
    wait_for(&client, ".level-track", |t| t.ends_with("self-assessment")).await;
    assert_eq!(count(&client, "#import-self").await, 0);
    click(&client, ".case-expectation .add-evidence").await;
    assert_eq!(
        count(&client, ".evidence-form .ev-source").await,
        0,
        "all her own"
    );
    type_into(
        &client,
        ".evidence-form .ev-what",
        "Planned the billing migration in four dated steps\u{e007}",
    )
    .await;
    wait_for(&client, "#coverage-summary", |t| t.starts_with("1 of ")).await;
    choose(&client, ".case-expectation .rating-choice", "beyond").await;
    type_into(
        &client,
        ".case-expectation .rating-reason",
        "I led it end to end",
    )
    .await;
    click(&client, ".case-expectation .rating-save").await;
    wait_for(&client, ".case-status", |t| t == "Rating saved.").await;
    screenshot(&client, "self-assessment.png").await;
    click(&client, "#export-case").await;
    save_plain(&client).await;
    wait_for(&client, "#notice", |t| {
        t.contains("ana-lima-senior-software-engineer-self-assessment.rungcase")
    })
    .await;
    let own = files.join("ana-lima-senior-software-engineer-self-assessment.rungcase");
    let own_text = std::fs::read_to_string(&own).expect("the self-assessment was written");
    assert!(own_text.contains("\"self_assessment\": true"), "{own_text}");
    std::fs::copy(&own, files.join("open.json")).expect("hand the file over");

    // Her manager takes it into the case: her ratings beside the owner's, line by line.
    click(&client, "#back-cases").await;
    wait_for(&client, "#self-list-title", |_| true).await;
    click(
        &client,
        "section[aria-labelledby=cases-list-title] .case-open",
    )
    .await;
    wait_for(&client, ".level-track", |t| t.ends_with("promotion case")).await;
    click(&client, "#import-self").await;
    let side = wait_for(&client, "#side-by-side", |_| true).await;
    assert!(side.contains("Beyond") && side.contains("Meets"), "{side}");
    assert_eq!(count(&client, "#side-by-side tr.differ").await, 1);
    wait_for(&client, ".evidence", |_| true).await;
    assert_eq!(
        count(&client, ".source-self").await,
        1,
        "her evidence, as her own"
    );
    screenshot(&client, "case-self-assessment.png").await;

    // Back in the list, the case shows where it stands.
    click(&client, "#back-cases").await;
    let row = wait_for(
        &client,
        "section[aria-labelledby=cases-list-title] tr[data-case]",
        |t| t.contains("Ana Lima"),
    )
    .await;
    // Both pieces of evidence came from the owner: two expectations supported.
    assert!(
        row.contains("Candidate 1") && row.contains(&format!("2 of {total}")),
        "{row}"
    );
    screenshot(&client, "cases.png").await;
    client.close().await.expect("close");
}

/// Copies the folder `from` into `to`, as a company copies the bundled ladders to start its own.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Kills the app started for this test (found by its config folder) with SIGKILL, as a
/// crash or a power cut would: nothing of its own runs on the way out.
fn kill_app(config_dir: &Path) {
    let needle = format!("RUNG_CONFIG_DIR={}", config_dir.display());
    let mut killed = 0;
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
        if !exe.to_string_lossy().contains("rung-app") {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let ours = environ.split(|b| *b == 0).any(|v| v == needle.as_bytes());
        if ours {
            let status = Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .expect("kill");
            assert!(status.success(), "kill -KILL {pid}");
            killed += 1;
        }
    }
    assert_eq!(killed, 1, "exactly one app of this test was running");
}

/// A number the page's script returns.
async fn number(client: &Client, script: &str) -> f64 {
    client
        .execute(script, vec![])
        .await
        .expect("script")
        .as_f64()
        .expect("a number")
}

/// A company's own folder (a copy of the bundled ladders), used as an engineering STO
/// preparing a designer's case would: the app idles without reloading, a long level page
/// keeps its scroll, a comparison finishes, a case gets evidence from two sources, the
/// app is killed mid-typing and the drafts come back, and the blind record names levels
/// and tracks by their titles, never by their ids.
async fn company_journey(driver: &Driver, config_dir: &Path) {
    let files = config_dir.join("files");
    std::fs::create_dir_all(&files).expect("dialog folder");
    let (_company, ladders, client) = open_ladders_copy(driver).await;
    let path = ladders.to_string_lossy().into_owned();
    // The header names the folder, not the bundled framework.
    wait_for(&client, "header", |t| t.to_lowercase().contains("/ladders")).await;
    idles_untouched(&client, &ladders).await;
    screenshot(&client, "folder-home.png").await;

    // A long level page keeps its scroll position.
    click(&client, "a.level-link[data-level=\"product-designer/d3\"]").await;
    wait_for(&client, "h1#level-title", |t| {
        t == "Senior Product Designer"
    })
    .await;
    client
        .execute("window.scrollTo(0, 1400); return null;", vec![])
        .await
        .expect("scroll");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let y = number(&client, "return window.scrollY;").await;
    assert!(
        y > 1000.0,
        "the page stayed where it was scrolled to, not at {y}"
    );
    screenshot(&client, "folder-level-scrolled.png").await;

    // A comparison opens and finishes.
    click(&client, "#compare-next").await;
    wait_for(&client, "#compare-title", |t| {
        t.contains("Senior Product Designer")
    })
    .await;
    let counts = wait_for(&client, "#compare-counts", |t| !t.is_empty()).await;
    assert!(!counts.is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        text_of(&client, "p.busy").await.unwrap_or_default(),
        "",
        "nothing is still on its way"
    );
    screenshot(&client, "folder-compare.png").await;

    // A designer's case, with evidence from the owner and from a peer.
    click(&client, "#open-cases").await;
    click(&client, "#new-case").await;
    type_into(&client, "#case-name", "Dana Reyes").await;
    choose(&client, "#case-track", "product-designer").await;
    choose(&client, "#case-from", "d2").await;
    choose(&client, "#case-to", "d3").await;
    click(&client, "#start-case").await;
    wait_for(&client, "#case-title", |t| t.contains("Dana Reyes")).await;
    let alias = wait_for(&client, ".case-alias", |t| t.contains("Candidate")).await;
    let alias = alias
        .split('“')
        .nth(1)
        .and_then(|a| a.split('”').next())
        .expect("the alias in quotes")
        .to_owned();

    add_evidence(
        &client,
        0,
        "Led the design review of the new checkout flow with two engineers and the PM",
        "2026-09",
        None,
        "Three accessibility problems fixed before launch",
    )
    .await;
    wait_for(&client, ".case-status", |t| t == "Evidence added.").await;
    add_evidence(
        &client,
        1,
        "Ran five usability tests of the onboarding and shared the findings",
        "2026-10",
        Some("peer"),
        "Sign-up completion rose from 61% to 74%",
    )
    .await;
    let start = Instant::now();
    while count(&client, ".evidence").await < 2 {
        assert!(
            start.elapsed() < WAIT,
            "the second piece of evidence was not added"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&client, ".evidence .source-owner").await, 1);
    assert_eq!(count(&client, ".evidence .source-peer").await, 1);

    // Mid-typing: a rating with its reason, and a piece of evidence half written.
    choose(&client, ".case-expectation .rating-choice", "meets").await;
    let reason = "The checkout review and its fixes, dated, with the";
    type_into(&client, ".case-expectation .rating-reason", reason).await;
    client
        .execute(
            "document.querySelectorAll('.case-expectation')[2].querySelector('.add-evidence').click(); return null;",
            vec![],
        )
        .await
        .expect("open the third form");
    let half = "Wrote the interface text for the billing settings and tested it with";
    type_into(&client, ".evidence-form .ev-what", half).await;
    // The typing pauses for a moment, then the process dies.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    kill_app(config_dir);
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;

    // Relaunched: the case, with both drafts back in their forms.
    let client = launch(driver, &[&path]).await;
    let notice = wait_for(&client, "#drafts-restored", |t| t.contains("Restored")).await;
    assert!(notice.contains("Restored 2 drafts"), "{notice}");
    wait_for(&client, "#case-title", |t| t.contains("Dana Reyes")).await;
    let value = |css: &str| {
        format!(
            "return document.querySelector({}).value;",
            serde_json::to_string(css).expect("css")
        )
    };
    let typed = client
        .execute(&value(".case-expectation .rating-reason"), vec![])
        .await
        .expect("reason");
    assert_eq!(typed.as_str(), Some(reason));
    let choice = client
        .execute(&value(".case-expectation .rating-choice"), vec![])
        .await
        .expect("choice");
    assert_eq!(choice.as_str(), Some("meets"));
    let what = client
        .execute(&value(".evidence-form .ev-what"), vec![])
        .await
        .expect("evidence");
    assert_eq!(what.as_str(), Some(half));
    assert_eq!(count(&client, ".draft-note").await, 2);
    // The evidence form takes the focus, so typing goes on where it stopped.
    screenshot(&client, "case-drafts-restored.png").await;
    client
        .execute("window.scrollTo(0, 0); return null;", vec![])
        .await
        .expect("scroll to the top");
    screenshot(&client, "case-drafts-notice.png").await;

    // The drafts are finished and saved; the blind record names no level or track by id.
    type_into(
        &client,
        ".evidence-form .ev-what",
        " five customers\u{e007}",
    )
    .await;
    wait_for(&client, ".case-status", |t| t == "Evidence added.").await;
    type_into(&client, ".case-expectation .rating-reason", " result").await;
    click(&client, ".case-expectation .rating-save").await;
    wait_for(&client, ".case-status", |t| t == "Rating saved.").await;
    assert_eq!(count(&client, ".draft-note").await, 0);
    click(&client, "#export-case").await;
    save_plain(&client).await;
    let notice = wait_for(&client, "#notice .notice-message", |t| {
        t.contains("Exported to")
    })
    .await;
    let exported = notice
        .split("Exported to ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .map(|p| PathBuf::from(p.trim()))
        .expect("where the record went");
    assert!(exported.starts_with(&files), "{}", exported.display());
    let html = std::fs::read_to_string(&exported)
        .unwrap_or_else(|e| panic!("the blind record {} was written: {e}", exported.display()));
    assert!(html.contains(&alias), "the alias is there");
    assert!(
        !html.contains("Dana") && !html.contains("Reyes"),
        "the name is not"
    );
    assert!(html.contains("Senior Product Designer"), "levels by title");
    for id in ["product-designer", "d2", "d3"] {
        let found = html.match_indices(id).map(|(at, _)| at).find(|&at| {
            let before = html[..at].chars().next_back();
            let after = html[at + id.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        });
        assert!(
            found.is_none(),
            "the blind record shows the id `{id}`: …{}…",
            found.map_or("", |at| &html
                [at.saturating_sub(80)..(at + 80).min(html.len())])
        );
    }
    client.close().await.expect("close");
}

/// Waits until `css` matches exactly `n` elements, or fails after ten seconds.
async fn wait_count(client: &Client, css: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = count(client, css).await;
        if found == n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` matched {found}, not {n}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An engineering STO prepares a designer's promotion: the case stands against the
/// framework's promotion rule from the start, and its standing changes as ratings and
/// evidence are added.
async fn designer_journey(driver: &Driver, config_dir: &Path) {
    let files = config_dir.join("files");
    std::fs::create_dir_all(&files).expect("dialog folder");
    let client = launch(driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    click(&client, "#open-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    click(&client, "#new-case").await;
    type_into(&client, "#case-name", "Rui Costa").await;
    choose(&client, "#case-track", "product-designer").await;
    choose(&client, "#case-from", "d2").await;
    choose(&client, "#case-to", "d3").await;
    // The owner is an engineer: design's own expectations need a designer's view.
    choose(&client, "#case-owner-craft", "engineering").await;
    click(&client, "#start-case").await;
    wait_for(&client, "#case-title", |t| t.contains("Rui Costa")).await;
    let no_view = wait_for(
        &client,
        "details[data-gap=\"no-specialist\"] summary",
        |_| true,
    )
    .await;
    let no_view: usize = no_view
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count of expectations with no specialist view");
    assert!(no_view > 0);

    // Nothing rated yet: the rule's clause on new expectations does not hold; with no
    // rating, none lacks evidence from others.
    let verdict = wait_for(&client, "#rule-verdict", |_| true).await;
    assert!(
        verdict.contains("does not meet its promotion rule yet"),
        "{verdict}"
    );
    wait_count(&client, ".rule-clause.fails[data-clause=\"new\"]", 1).await;
    wait_count(&client, ".rule-clause.holds[data-clause=\"evidence\"]", 1).await;
    let before = wait_for(
        &client,
        ".rule-clause[data-clause=\"new\"] .rule-why",
        |_| true,
    )
    .await;

    // A rating with no evidence from anyone but the candidate breaks the evidence clause…
    choose(&client, ".case-expectation .rating-choice", "meets").await;
    type_into(
        &client,
        ".case-expectation .rating-reason",
        "The checkout flow's layouts and states, reviewed in two design crits",
    )
    .await;
    click(&client, ".case-expectation .rating-save").await;
    wait_for(&client, ".case-status", |t| t == "Rating saved.").await;
    wait_count(&client, ".rule-clause.fails[data-clause=\"evidence\"]", 1).await;
    let after = wait_for(
        &client,
        ".rule-clause[data-clause=\"new\"] .rule-why",
        |t| t != before,
    )
    .await;
    assert_ne!(
        before, after,
        "one fewer new expectation is missing its rating"
    );
    screenshot(&client, "designer-case-rule.png").await;

    // …and a peer's evidence for it mends it.
    add_evidence(
        &client,
        0,
        "Ran the checkout redesign's usability tests with five customers",
        "2026-10",
        Some("peer"),
        "Task success went from 3 of 5 to 5 of 5",
    )
    .await;
    wait_count(&client, ".rule-clause.holds[data-clause=\"evidence\"]", 1).await;
    screenshot(&client, "designer-case-rule-evidence.png").await;

    // A specialist's view, asked for and taken in: a request file for the rated
    // expectation, filled in by a senior designer who rates it lower.
    client
        .execute(
            "document.getElementById('sp-expectations').scrollIntoView({block: 'center'}); return null;",
            vec![],
        )
        .await
        .expect("scroll to the specialist form");
    let first: String = client
        .execute(
            "return document.querySelectorAll('.case-expectation')[0].dataset.id;",
            vec![],
        )
        .await
        .expect("the first expectation's id")
        .as_str()
        .expect("an id")
        .to_owned();
    // And one of design craft's own expectations, which an engineer owner cannot judge alone.
    let craft: String = client
        .execute(
            "return document.querySelector('section.case-competency[data-competency=\"design-craft\"] .case-expectation').dataset.id;",
            vec![],
        )
        .await
        .expect("a design craft expectation's id")
        .as_str()
        .expect("an id")
        .to_owned();
    for id in [&first, &craft] {
        client
            .execute(
                &format!("document.querySelector('#sp-expectations input[type=checkbox][value=\"{id}\"]').click(); return null;"),
                vec![],
            )
            .await
            .expect("choose the expectation");
    }
    click(&client, "#sp-request").await;
    save_plain(&client).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let request_path = loop {
        let saved = std::fs::read_dir(&files)
            .expect("dialog folder")
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("specialist-request-"))
            });
        if let Some(path) = saved {
            break path;
        }
        if Instant::now() >= deadline {
            screenshot(&client, "designer-case-request-failed.png").await;
            panic!("the request file was saved in {}", files.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let text = std::fs::read_to_string(&request_path).expect("the request file");
    assert!(!text.contains("Rui Costa"), "the request is blind");
    let mut request: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut ratings = serde_json::Map::new();
    ratings.insert(
        craft.clone(),
        serde_json::json!({ "rating": "meets", "reason": "The layouts in the checkout review follow the grid and type scale throughout." }),
    );
    ratings.insert(
        first.clone(),
        serde_json::json!({ "rating": "not-yet", "reason": "The plan was written with the product manager leading it." }),
    );
    request["view"] = serde_json::json!({
        "who": "Mei Tan",
        "craft": "design",
        "level": "Lead Product Designer",
        "said": "The flows are sound; the quarter plan was the product manager's more than Rui's.",
        "reviewed": [{ "description": "The Q3 design plan and its review notes", "link": null }],
        "ratings": ratings,
        "confidence": "medium",
        "conflict": ""
    });
    std::fs::write(files.join("open.json"), request.to_string()).expect("the answer");
    click(&client, "#sp-import").await;
    wait_for(&client, ".specialist-note", |t| {
        t.to_lowercase().contains("mei tan")
    })
    .await;
    // Their rating differs from the owner's: the case asks why, and counts it as a gap.
    let asks = wait_for(&client, ".difference-form", |_| true).await;
    assert!(
        asks.contains("Your rating differs from Mei Tan's; say why"),
        "{asks}"
    );
    wait_count(&client, "details[data-gap=\"differs\"]", 1).await;
    screenshot(&client, "designer-case-specialist.png").await;
    type_into(
        &client,
        ".difference-reason",
        "Rui wrote the plan's design half and ran its reviews; the notes show it",
    )
    .await;
    click(&client, ".difference-form button[type=submit]").await;
    wait_for(&client, ".case-status", |t| t == "Reason saved.").await;
    wait_count(&client, "details[data-gap=\"differs\"]", 0).await;
    let left = wait_for(
        &client,
        "details[data-gap=\"no-specialist\"] summary",
        |_| true,
    )
    .await;
    assert!(
        left.starts_with(&(no_view - 1).to_string()),
        "one fewer expectation lacks a specialist view: {left}"
    );
    screenshot(&client, "designer-case-difference.png").await;

    // The specialist's side: the request opened in Rung, answered in a form, saved.
    std::fs::copy(&request_path, files.join("open.json")).expect("the request to answer");
    click(&client, "#open-cases").await;
    click(&client, "#answer-request").await;
    let title = wait_for(&client, "#answer-title", |_| true).await;
    assert!(
        title.starts_with("Your view of") && !title.contains("Rui Costa"),
        "the request reads blind: {title}"
    );
    // Both expectations asked about, each to rate; the evidence of the one that has some.
    assert_eq!(
        count(&client, ".answer-form select[aria-label^=\"Your rating\"]").await,
        2
    );
    assert_eq!(count(&client, ".answer-evidence").await, 1);
    type_into(&client, "#an-who", "Jo Park").await;
    type_into(&client, "#an-craft", "design").await;
    type_into(&client, "#an-level", "Senior Product Designer").await;
    client
        .execute(
            "const s = document.querySelector('.answer-form select[aria-label^=\"Your rating\"]'); s.value = 'meets'; s.dispatchEvent(new Event('change')); return null;",
            vec![],
        )
        .await
        .expect("rate the first expectation");
    type_into(
        &client,
        "#an-said",
        "The plan's design half is the candidate's own work.",
    )
    .await;
    screenshot(&client, "specialist-answer.png").await;
    click(&client, "#save-answer").await;
    save_plain(&client).await;
    let saved = wait_for(&client, "#answer-saved", |_| true).await;
    assert!(saved.contains("specialist-view-"), "{saved}");
    let answer = std::fs::read_dir(&files)
        .expect("dialog folder")
        .flatten()
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("specialist-view-")
        });
    assert!(answer, "the answer file was written");
    client.close().await.expect("close");
}

/// The app runs as a single instance: the tests of this file take turns with the window.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

/// Waits for the window to be free; a test that failed with it still frees it.
fn one_window() -> std::sync::MutexGuard<'static, ()> {
    ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner())
}

// The guard is held across the journeys on purpose: it is what makes the tests take turns.
#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_framework_opens_while_its_search_index_is_built() {
    let _window = one_window();
    let display = Display::start(90..400, "1280x860x24");
    big::big_journey(&display).await;
}

#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_rung_names_the_build_and_every_licence() {
    let _window = one_window();
    let display = Display::start(90..400, "1280x860x24");
    about::about_journey(&display).await;
}

// A case file double-clicked: at start-up, and handed over by a second launch.
#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_clicked_case_file_opens_its_import() {
    let _window = one_window();
    let display = Display::start(90..400, "1280x860x24");
    open_file::open_file_journey(&display).await;
}

#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_window_shows_the_right_things() {
    let _window = one_window();
    let display = Display::start(90..400, "1280x860x24");
    let config = tempfile::tempdir().expect("config folder");
    let driver = Driver::start(&display, config.path());
    let started = Instant::now();
    bundled_journey(&driver).await;
    let _ = std::fs::remove_file(config.path().join("settings.json"));
    case_journey(&driver, config.path()).await;
    let _ = std::fs::remove_file(config.path().join("settings.json"));
    designer_journey(&driver, config.path()).await;
    let _ = std::fs::remove_file(config.path().join("settings.json"));
    folder_journeys(&driver, config.path()).await;
    // Each journey starts where a new user would, not on the page the last one left.
    let _ = std::fs::remove_file(config.path().join("settings.json"));
    company_journey(&driver, config.path()).await;
    // A case database of its own: three cases prepared for one calibration.
    calibration::calibration_journey(&display).await;
    // A config folder of its own: a large CSV imported through the window.
    import::import_journey(&display).await;
    // A damaged case database, its backups and the trash.
    trust::trust_journey(&display).await;
    // Case files encrypted in transit: my key, a sealed export, sealed imports.
    sealed::sealed_journey(&display).await;
    eprintln!(
        "end-to-end journeys took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
