//! Screenshots of the real window through WebDriver, for the end-to-end and installed-app
//! tests: saved in `target/e2e-screenshots/`, to be looked at.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;

/// Saves what the window shows as `target/e2e-screenshots/<name>`.
pub(crate) async fn screenshot(client: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    // Let the last frame settle after the DOM shows what we waited for.
    tokio::time::sleep(Duration::from_millis(300)).await;
    keep_painting(client).await;
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(name), png).expect("write screenshot");
}

/// The window draws without GPU compositing (src/rendering.rs), and then WebKitWebDriver
/// takes its picture at the page's next paint: a page with nothing left to draw would
/// never give one, and the screenshot would wait for ever. For a second and a half, a
/// one-pixel dot in a corner, invisible (alpha 1/255), changes shade on every frame, so
/// that a paint comes; then it goes.
async fn keep_painting(client: &Client) {
    client
        .execute(
            r#"
            const dot = document.createElement('div');
            dot.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
            document.documentElement.appendChild(dot);
            const start = performance.now();
            let odd = false;
            const tick = () => {
              odd = !odd;
              dot.style.background = odd ? 'rgba(0,0,0,0.004)' : 'rgba(255,255,255,0.004)';
              if (performance.now() - start < 1500) requestAnimationFrame(tick);
              else dot.remove();
            };
            requestAnimationFrame(tick);
            "#,
            vec![],
        )
        .await
        .expect("a paint kept coming");
}
