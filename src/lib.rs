//! Rung's core: career ladders as markdown, loaded with precise diagnostics.
//!
//! A framework is a folder of markdown files with YAML front matter (see
//! `docs/format.md`). [`load`] turns files already read into a [`Framework`] plus every
//! [`Diagnostic`]; [`fs::read_dir`] and [`bundled::sources`] read them from disk or
//! from the copy embedded in the binary, and [`watch::FolderWatch`] says when a folder's
//! framework may have changed. Nothing here knows about windows or terminals.

pub mod bundled;
pub mod cases;
pub mod compare;
pub mod diagnostic;
pub mod expectation_id;
pub(crate) mod front_matter;
pub mod fs;
pub mod load;
pub mod markdown;
pub mod model;
pub mod search;
pub mod settings;
pub mod source;
pub mod suggest;
pub mod view;
pub mod watch;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use load::{load, Loaded, Loader};
pub use model::Framework;
pub use source::SourceFile;

/// Loads the framework in a folder on disk.
pub fn load_dir(root: &std::path::Path) -> std::io::Result<Loaded> {
    let (sources, diagnostics) = fs::read_dir(root)?;
    Ok(load(sources, diagnostics))
}

/// Loads the framework embedded in the binary.
pub fn load_bundled() -> Loaded {
    let (sources, diagnostics) = bundled::sources();
    load(sources, diagnostics)
}
