//! Placeholders: text a framework leaves for its maintainers to write, marked
//! `[fill in: what to write]`. `rung import` scaffolds the parts of the format a source
//! does not have (band names, dimensions, the rating scale, role definitions) with them,
//! and loading reports each one as a `placeholder` warning where it is written, so the
//! framework loads and the list of what is left to do is `rung check`'s output.

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::source::SourceFile;

/// How a placeholder starts.
pub const OPEN: &str = "[fill in:";

/// The placeholder asking for `what`, for example `[fill in: the name of band 2]`.
pub fn text(what: &str) -> String {
    format!("{OPEN} {what}]")
}

/// A `placeholder` warning for every placeholder in `file`, naming what to write.
pub(crate) fn report(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) {
    let mut from = 0;
    while let Some(found) = file.text[from..].find(OPEN) {
        let start = from + found;
        let rest = &file.text[start + OPEN.len()..];
        let line_end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let inner = rest[..line_end]
            .split(']')
            .next()
            .unwrap_or_default()
            .trim();
        let end = rest[..line_end].find(']').map_or(line_end, |i| i + 1);
        diagnostics.push(
            Diagnostic::at(
                Code::Placeholder,
                file,
                start,
                OPEN.len() + end,
                format!("to fill in: {inner}"),
            )
            .with_help("replace the placeholder with the framework's own text"),
        );
        from = start + OPEN.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placeholder_is_a_warning_where_it_is_written() {
        let file = SourceFile::new(
            "framework.md",
            format!(
                "---\nname: \"{}\"\n---\n\nA {} here.\n",
                text("a name"),
                text("b")
            ),
        );
        let mut found = Vec::new();
        report(&file, &mut found);
        let shown: Vec<String> = found
            .iter()
            .map(|d| format!("{}:{}: {} {}", d.line, d.column, d.code, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "2:8: placeholder to fill in: a name",
                "5:3: placeholder to fill in: b"
            ]
        );
        assert!(found.iter().all(|d| !d.is_error()));
    }
}
