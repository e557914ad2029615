//! The framework's own files inside an exported page, so that the page is also a way to
//! send a framework: [`embed`] writes them as a JSON block the browser never runs, and
//! [`source_from_html`] reads them back, file for file, so the content hash is the same.

use serde::{Deserialize, Serialize};

use crate::framework::source::SourceFile;

/// The id of the block that holds the files.
pub const SOURCE_ID: &str = "rung-source";

/// Why the files could not be read back from a page.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SourceError {
    /// The page has no block of framework files.
    #[error("the page holds no framework source (no `{SOURCE_ID}` block)")]
    Missing,
    /// The block is there but is not closed.
    #[error("the framework source in the page is not closed")]
    Unclosed,
    /// The block is not the JSON an export writes.
    #[error("the framework source in the page is not readable: {0}")]
    Malformed(String),
}

#[derive(Serialize, Deserialize)]
struct File<'a> {
    path: std::borrow::Cow<'a, str>,
    text: std::borrow::Cow<'a, str>,
}

const OPEN: &str = "<script type=\"application/json\" id=\"rung-source\">";
const CLOSE: &str = "</script>";

/// The `<script type="application/json">` block holding `sources`. Every `<`, `>` and
/// `&` is written as a JSON escape, so no text of a file can close the block or open
/// another element.
pub fn embed(sources: &[SourceFile]) -> String {
    let files: Vec<File<'_>> = sources
        .iter()
        .map(|s| File {
            path: s.path.as_str().into(),
            text: s.text.as_str().into(),
        })
        .collect();
    // Serialising strings to JSON cannot fail; an empty list is the safe fallback.
    let json = serde_json::to_string(&files).unwrap_or_else(|_| "[]".to_owned());
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("{OPEN}{json}{CLOSE}")
}

/// The framework files embedded in an exported page, as `(path, text)` in the order they
/// were written.
pub fn source_from_html(html: &str) -> Result<Vec<(String, String)>, SourceError> {
    let start = html.find(OPEN).ok_or(SourceError::Missing)? + OPEN.len();
    let rest = &html[start..];
    let end = rest.find(CLOSE).ok_or(SourceError::Unclosed)?;
    let files: Vec<File<'_>> =
        serde_json::from_str(&rest[..end]).map_err(|e| SourceError::Malformed(e.to_string()))?;
    Ok(files
        .into_iter()
        .map(|f| (f.path.into_owned(), f.text.into_owned()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_close_the_block_stays_inside_it() {
        let sources = vec![
            SourceFile::new("a.md", "</script><script>alert(1)</script> & <!-- x"),
            SourceFile::new("tracks/b/b1.md", "é \u{2028} \"quoted\" \\ back"),
        ];
        let block = embed(&sources);
        assert_eq!(block.matches("</script>").count(), 1);
        assert!(block.ends_with("</script>"));
        assert!(!block[OPEN.len()..block.len() - CLOSE.len()].contains('<'));
        let back = source_from_html(&format!("<html>{block}</html>")).unwrap();
        let expected: Vec<(String, String)> = sources
            .iter()
            .map(|s| (s.path.clone(), s.text.clone()))
            .collect();
        assert_eq!(back, expected);
    }

    #[test]
    fn a_page_without_the_block_says_so() {
        assert_eq!(
            source_from_html("<html></html>").unwrap_err().to_string(),
            "the page holds no framework source (no `rung-source` block)"
        );
        assert_eq!(
            source_from_html(&format!("{OPEN}[")).unwrap_err(),
            SourceError::Unclosed
        );
        assert_eq!(
            source_from_html(&format!("{OPEN}[{{}}]{CLOSE}"))
                .unwrap_err()
                .to_string(),
            "the framework source in the page is not readable: missing field `path` at line 1 column 3"
        );
    }
}
