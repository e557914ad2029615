//! The edges that read and write files: where a framework comes from and what the app
//! remembers.
//!
//! [`origin`] names where a framework's files come from (bundled or a folder), [`folder`]
//! reads a framework folder from disk, [`bundled`] hands out the copy embedded in the
//! binary, [`watch`] says when a folder's framework may have changed, and [`settings`]
//! keeps what the app remembers between launches. [`data`] says where the data folder
//! is and makes it ready; [`private`] creates the folders and
//! files that hold case data so that only their owner can read them. [`seal`] encrypts
//! the files that carry case data between people, and opens them, with the key pair
//! [`keys`] keeps, to the people [`recipients`] names. Everything else in the core works on
//! what these return.

pub mod bundled;
pub mod data;
pub mod folder;
pub mod keys;
pub mod origin;
pub mod private;
pub mod recipients;
pub mod seal;
pub mod settings;
pub mod watch;
