//! The progression family: markdown pages whose YAML front matter holds a track's whole
//! matrix (topics, then levels, then criteria and example criteria), and the prose pages
//! that sit beside them.

use super::{Imported, Origin, Outcome, ReportLine, Source};

/// Whether a markdown file's front matter holds a matrix of topics.
pub(super) fn holds_matrix(bytes: &[u8]) -> bool {
    let _ = bytes;
    false
}

/// Reads one page with the matrix in its front matter.
pub(super) fn read(source: &Source, out: &mut Imported) {
    not_read_yet(source, out);
}

/// Reads one prose page of a progression folder.
pub(super) fn read_page(source: &Source, out: &mut Imported) {
    not_read_yet(source, out);
}

fn not_read_yet(source: &Source, out: &mut Imported) {
    out.problems.push(ReportLine {
        at: Origin {
            path: source.path.clone(),
            line: 1,
            column: 1,
        },
        what: "the file".to_owned(),
        outcome: Outcome::NotMapped {
            why: "this family is not read yet".to_owned(),
        },
    });
}
