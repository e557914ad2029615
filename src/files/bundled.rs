//! The default framework shipped inside the binaries, so Rung works with no files beside it.

use include_dir::{include_dir, Dir};

use crate::framework::diagnostic::Diagnostic;
use crate::framework::source::SourceFile;

static LADDERS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/ladders");

/// The bundled framework's markdown files, and diagnostics for any that are not UTF-8.
pub fn sources() -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    collect(&LADDERS, &mut sources, &mut diagnostics);
    (sources, diagnostics)
}

fn collect(dir: &Dir<'static>, sources: &mut Vec<SourceFile>, diagnostics: &mut Vec<Diagnostic>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if !path.ends_with(".md") {
            continue;
        }
        match crate::files::folder::decode(&path, file.contents().to_vec()) {
            Ok(source) => sources.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    for sub in dir.dirs() {
        collect(sub, sources, diagnostics);
    }
}
