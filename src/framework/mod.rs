//! The format: what a framework is and how markdown files become one.
//!
//! [`model`] is the checked framework the rest of Rung reads; [`load`] turns files already
//! read ([`source::SourceFile`]) into a model plus every [`diagnostic::Diagnostic`], using
//! front matter, [`markdown`] and [`expectation_id`]. Nothing here reads a disk: the
//! files come from [`crate::files`].

pub mod calibration;
pub mod diagnostic;
pub mod expectation_id;
pub(crate) mod front_matter;
pub mod hash;
pub mod judging;
pub mod load;
pub mod markdown;
pub mod model;
pub(crate) mod parallel;
pub mod placeholder;
pub mod rule;
pub mod source;
pub mod suggest;
pub(crate) mod yaml_place;
