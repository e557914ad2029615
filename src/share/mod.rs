//! Sharing a framework as one offline HTML file anyone can open from disk: the home grid
//! by band, every level with its expectations, what changes from level to level, the
//! tracks side by side on each band, the glossary and the role definitions, with an
//! anchor for every track, level and expectation (`#engineering/e3/...`).
//!
//! The page carries everything inline (its style, its one script, search as you type on
//! an index built at export time ([`index`])) under a Content-Security-Policy that forbids
//! any network access and any script but its own (by hash); every text goes through the
//! same sanitised markdown rendering as the app. It reads a loaded framework only: no
//! case ever reaches it. The framework's files are embedded ([`source`]) so that the
//! page gives the exact framework back.
//!
//! `render` writes the page; `index` builds the search index; `source` embeds the files
//! and reads them back.

mod index;
mod render;
pub mod source;

pub use render::to_html;
pub use source::{source_from_html, stated_hash, SourceError};
