//! Xvfb for the tests that drive a real window: the app's journeys (`e2e.rs`) and the
//! exported page in Firefox and WebKit (`browser_engines.rs`). Included by `#[path]`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Xvfb on a free display, unless a display is already there; stopped when dropped.
pub(crate) struct Display {
    pub(crate) name: String,
    server: Option<Child>,
}

impl Display {
    /// A display of `screen` (`1280x860x24`) on the first free number in `numbers`; each
    /// test binary takes its own range, so that two starting at once do not race for one.
    pub(crate) fn start(numbers: std::ops::Range<u32>, screen: &str) -> Display {
        if let Some(name) = std::env::var_os("DISPLAY") {
            return Display {
                name: name.to_string_lossy().into_owned(),
                server: None,
            };
        }
        let number = numbers
            .into_iter()
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free X display number");
        let server = Command::new("Xvfb")
            .args([
                format!(":{number}").as_str(),
                "-screen",
                "0",
                screen,
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (scripts/setup.sh installs the xvfb package)");
        let socket = format!("/tmp/.X11-unix/X{number}");
        let start = Instant::now();
        while !Path::new(&socket).exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        Display {
            name: format!(":{number}"),
            server: Some(server),
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(server) = &mut self.server {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}
