//! The installed app, as a user starts it: the binary a package put on the machine
//! (`RUNG_INSTALLED_APP`, e.g. `/usr/bin/rung-app`), driven through WebDriver under Xvfb,
//! with a home folder of its own (`RUNG_INSTALLED_HOME`) whose platform folders hold the
//! cases and settings, exactly where an installed Rung keeps them.
//!
//! `scripts/test-install` installs the .deb, creates the case named [`CASE`] with the
//! installed `rung` tool in that home, and runs this test; built only with the feature
//! `installed-test`, so a plain `cargo test --workspace` does not run it. Unset
//! variables fail the test: it never passes without having looked.
//!
//! Screenshots: `target/e2e-screenshots/installed-home.png` and `installed-cases.png`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "support/xvfb.rs"]
mod xvfb;

#[path = "support/screenshot.rs"]
mod screenshots;
use screenshots::screenshot;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use xvfb::Display;

/// The case scripts/test-install creates with the installed `rung case new`.
const CASE: &str = "Installed Check";

const WAIT: Duration = Duration::from_secs(30);

/// A variable the test cannot run without, with what to do when it is missing.
fn required(name: &str, what: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(value) if !value.is_empty() => PathBuf::from(value),
        _ => panic!(
            "{name} is not set: it must name {what}. This test checks an installed package; \
             run it through scripts/test-install, which installs the .deb and sets it."
        ),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn tauri_driver() -> PathBuf {
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
        .expect("tauri-driver is installed (scripts/setup.sh's ensure_e2e installs it)")
}

/// tauri-driver, and through it the app, with `home` as the user's home folder: the XDG
/// variables and Rung's own overrides are removed, so the platform folders are used.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(display: &Display, home: &Path) -> Driver {
        let port = free_port();
        let native = free_port();
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DISPLAY", &display.name)
            .env("HOME", home)
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env_remove("RUNG_DATA_DIR")
            .env_remove("RUNG_CONFIG_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
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

async fn launch(driver: &Driver, app: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app, "args": [] }),
    );
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let url = format!("http://127.0.0.1:{}", driver.port);
    let mut last_error = String::new();
    for _ in 0..3 {
        match tokio::time::timeout(Duration::from_secs(30), builder.connect(&url)).await {
            Ok(Ok(client)) => return client,
            Ok(Err(e)) => last_error = e.to_string(),
            Err(_) => last_error = "no session within 30 s".to_owned(),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    panic!(
        "no WebDriver session with {} after 3 attempts: {last_error}",
        app.display()
    );
}

/// Waits until the element matching `css` has text for which `ok` holds; returns it.
async fn wait_for(client: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if let Ok(text) = element.text().await {
                if ok(&text) {
                    return text;
                }
            }
        }
        if start.elapsed() > WAIT {
            let body = match client.find(Locator::Css("body")).await {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("timed out waiting for `{css}`; the page shows:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until `file` exists and holds `needle`; returns its text.
async fn wait_for_file(file: &Path, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            start.elapsed() < WAIT,
            "{} does not hold {needle:?}; it reads: {text:?}",
            file.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_opens_on_the_bundled_framework_and_finds_the_users_case() {
    let app = required(
        "RUNG_INSTALLED_APP",
        "the installed app, e.g. /usr/bin/rung-app",
    );
    let home = required(
        "RUNG_INSTALLED_HOME",
        "the home folder in which scripts/test-install created a case",
    );
    assert!(app.is_file(), "{} is not installed", app.display());
    // Where the platform (XDG) puts Rung's folders under that home.
    let settings = home.join(".config/rung/settings.json");
    let cases = home.join(".local/share/rung/cases.db");
    assert!(
        cases.is_file(),
        "{} is missing: the case made with the installed rung should be there",
        cases.display()
    );

    let display = Display::start(700..900, "1280x860x24");
    let driver = Driver::start(&display, &home);
    let client = launch(&driver, &app).await;

    // The home page names the framework the package bundles.
    let name = wait_for(&client, "#framework-name", |t| !t.is_empty()).await;
    assert_eq!(name, "Rung default framework");
    wait_for(
        &client,
        "a.level-link[data-level=\"engineering/e4\"]",
        |_| true,
    )
    .await;
    screenshot(&client, "installed-home.png").await;

    // The cases page lists the case made before the app ever ran.
    client
        .find(Locator::Css("#open-cases"))
        .await
        .expect("the Cases button")
        .click()
        .await
        .expect("open the cases");
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    let listed = wait_for(&client, "table.case-list button.case-open", |t| {
        !t.is_empty()
    })
    .await;
    assert_eq!(listed, CASE);
    screenshot(&client, "installed-cases.png").await;
    // The page is remembered for the next launch, in the platform's config folder: a
    // setting the app writes itself, which must outlive the package.
    wait_for_file(&settings, "\"page\": \"cases\"").await;
    client.close().await.expect("close the window");
}
