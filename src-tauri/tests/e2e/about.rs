//! "About Rung" in the real window: reached from the header, it names the version, the
//! commit and the bundled framework's content hash (the same as the home page shows and
//! as the core computes), the data folder the app was given, and the licences of the
//! crates and npm packages the build ships, generated at build time: `tauri` and `svelte`
//! among them with their licences. Saves `about.png`.

use super::{click, count, launch, screenshot, wait_for, Display, Driver};

pub(crate) async fn about_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let driver = Driver::start(display, config.path());
    let client = launch(&driver, &[]).await;
    let home_hash = wait_for(&client, "#framework-hash", |t| !t.is_empty()).await;

    click(&client, "#open-about").await;
    wait_for(&client, "#about-title", |t| t == "About Rung").await;
    let version = wait_for(&client, "#about-version", |t| !t.is_empty()).await;
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let commit = wait_for(&client, "#about-commit", |t| !t.is_empty()).await;
    let hex = commit.strip_suffix("-dirty").unwrap_or(&commit);
    assert!(
        hex.len() >= 7 && hex.chars().all(|c| c.is_ascii_hexdigit()),
        "the commit it was built from: {commit}"
    );
    let hash = wait_for(&client, "#about-framework-hash", |t| !t.is_empty()).await;
    let bundled = rung::framework::hash::content_hash(&rung::load_bundled());
    assert_eq!(hash, bundled, "the core's hash of the bundled framework");
    assert_eq!(hash, home_hash, "the hash the home page shows");
    let data = wait_for(&client, "#about-data-dir", |t| !t.is_empty()).await;
    assert_eq!(data, config.path().join("data").display().to_string());
    let line = wait_for(&client, "#about-version-line", |t| !t.is_empty()).await;
    assert!(
        line.starts_with(&format!("Rung {version} ({commit})")),
        "{line}"
    );

    // The licences, as generated when this build was made.
    let tauri = wait_for(
        &client,
        "#licenses-crates tr[data-package=\"tauri\"] .package-license",
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(tauri, "Apache-2.0 OR MIT");
    let svelte = wait_for(
        &client,
        "#licenses-npm tr[data-package=\"svelte\"] .package-license",
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(svelte, "MIT");
    let crates = count(&client, "#licenses-crates tbody tr").await;
    assert!(crates > 200, "{crates} crates listed");
    assert!(count(&client, "details.license-text").await > 5);
    assert_eq!(count(&client, "details.license-text[open]").await, 0);
    screenshot(&client, "about.png").await;
    client.close().await.expect("close");
}
