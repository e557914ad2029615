//! What a window shows: the framework shaped for reading, with markdown already rendered
//! to safe HTML and glossary terms marked. These types cross the app's IPC boundary;
//! their TypeScript twins in `ui/src/bindings/` are generated from them (ts-rs).
//!
//! The shapes shown to a window live here, apart from the model in [`crate::framework`]
//! that they are built from:
//! - `error`: the IPC error, a kind the UI can act on and a sentence to show.
//! - `session`: the open session ([`Opened`]): a framework opened from its source, its
//!   reloads and its search index.
//! - `loading`: how far opening a framework has got (files read, indexing), for the window.
//! - `framework_view`: the home page (tracks, bands, glossary, diagnostics).
//! - `level_view`: one level with every expectation that applies at it.
//! - `comparison`: what changes between two levels, and one band across tracks.
//! - `import`: a framework written elsewhere imported into a new folder, and its report.
//! - `open_file`: a file handed to Rung to open (a case file, a framework page), checked.
//! - `about`: "About Rung": the build, the bundled framework, the folders, the licences.
//!
//! Everything public is re-exported here, so callers name it `rung::app::X`.

mod about;
mod comparison;
mod error;
mod framework_view;
mod import;
mod level_view;
mod loading;
pub mod open_file;
pub mod seal;
mod session;

pub use about::{
    about, bundled, AboutView, Build, BundledView, LicenseText, LicensesError, LicensesView,
    PackageLicense, PackageLicenses,
};
pub use error::{AppError, ErrorKind};
pub use framework_view::{
    BandView, DiagnosticView, FrameworkView, GuideView, LevelRef, RoleView, TermView, TrackSummary,
};
pub use import::{
    format_name, import_framework, import_framework_with, ImportColumn, ImportDone, ImportFailure,
    ImportLineKind, ImportLineView, ImportProgress, ImportReportView, ImportSourceView,
};
pub use level_view::{CompetencyView, DimensionView, ExpectationView, LevelView};
pub use loading::LoadStatus;
pub use session::{open, Opened};

pub use crate::files::origin::FrameworkSource;
pub use crate::framework::hash::content_hash;
pub use crate::framework::model::term_id;
