//! Rung's core: career ladders as markdown, loaded with precise diagnostics, searched,
//! compared, and used to prepare promotion cases. Nothing here knows about windows or
//! terminals; the app (`src-tauri/`) and the `rung` tool are adapters over it.
//!
//! The layers, each importing only the ones above it (see `docs/architecture.md`):
//! - [`framework`]: the format. A framework is a folder of markdown files with YAML front
//!   matter (see `docs/format.md`); [`load`] turns files already read into a [`Framework`]
//!   plus every [`Diagnostic`].
//! - [`files`]: the edges that read files: a folder on disk, the copy embedded in the
//!   binary, a watcher that says when a folder changed, and the app's settings.
//! - [`import`]: a framework written elsewhere (a CSV matrix, …) read into Rung's files.
//! - [`search`], [`compare`] and [`cases`]: the features, each over a loaded framework.
//! - [`app`]: what a window's contract needs: the open session, the views, the IPC error.

pub mod app;
pub mod calibration;
pub mod cases;
pub mod compare;
pub mod files;
pub mod framework;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod search;
pub mod share;

pub use framework::diagnostic::{Code, Diagnostic, Severity};
pub use framework::load::{load, Loaded, Loader, Reread};
pub use framework::model::Framework;
pub use framework::source::SourceFile;

/// Loads the framework in a folder on disk.
pub fn load_dir(root: &std::path::Path) -> std::io::Result<Loaded> {
    let (sources, diagnostics) = files::folder::read_dir(root)?;
    Ok(load(sources, diagnostics))
}

/// Loads the framework embedded in the binary.
pub fn load_bundled() -> Loaded {
    let (sources, diagnostics) = files::bundled::sources();
    load(sources, diagnostics)
}
