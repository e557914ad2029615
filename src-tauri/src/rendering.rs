//! How the window draws its pages.
//!
//! On Linux, WebKitGTK composites pages through OpenGL by default. Where there is no GPU
//! to speak of (a virtual machine, a remote session, a driver WebKit cannot use) that runs
//! in software in the page's process, and the buffers it keeps cost about 100 MB there
//! (docs/performance.md). Rung's pages are text, lists and tables, with no animation or
//! 3D that compositing would help, so the window draws them without it. macOS and
//! Windows keep their web views' own choices.

/// Applies Rung's rendering choices to `window`'s web view, as soon as it exists. The
/// page may already have begun loading; WebKit leaves compositing when the policy
/// changes, so the saving holds either way (docs/performance.md measures it this way).
pub(crate) fn configure(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let applied = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = applied {
            eprintln!("rung: the window keeps WebKit's default rendering: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
