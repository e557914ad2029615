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
    #[error("this page was not written by rung export-html (Rung reads back only its own exported pages)")]
    Missing,
    /// The block is there but is not closed.
    #[error("the framework source in the page is not closed")]
    Unclosed,
    /// The block is not the JSON an export writes.
    #[error("the framework source in the page cannot be read at line {line}, column {column} of the page: {message}")]
    Malformed {
        /// The line of the page, from 1.
        line: usize,
        /// The column of the page, in characters, from 1.
        column: usize,
        /// What is wrong there.
        message: String,
    },
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
    let json = &rest[..end];
    let files: Vec<File<'_>> = serde_json::from_str(json).map_err(|e| {
        // The error's line and column (in bytes) are the JSON's; the page's are wanted.
        let line_start: usize = json
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let mut at = (start + line_start + e.column().saturating_sub(1)).min(html.len());
        while !html.is_char_boundary(at) {
            at -= 1;
        }
        let (line, column) = line_column(html, at);
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i])
            .to_owned();
        SourceError::Malformed {
            line,
            column,
            message,
        }
    })?;
    Ok(files
        .into_iter()
        .map(|f| (f.path.into_owned(), f.text.into_owned()))
        .collect())
}

/// The line and column (from 1, the column in characters) of a byte of a text.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The content hash a page written by `rung export-html` states in its header, and the
/// line and column of the page where it is, if it states one.
pub fn stated_hash(html: &str) -> Option<(String, usize, usize)> {
    const BEFORE: &str = "content hash <code>";
    let start = html.find(BEFORE)? + BEFORE.len();
    let len = html[start..].find("</code>")?;
    let hash = html[start..start + len].trim();
    let (line, column) = line_column(html, start);
    (!hash.is_empty()).then(|| (hash.to_owned(), line, column))
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
            "this page was not written by rung export-html (Rung reads back only its own exported pages)"
        );
        assert_eq!(
            source_from_html(&format!("{OPEN}[")).unwrap_err(),
            SourceError::Unclosed
        );
        assert_eq!(
            source_from_html(&format!("<html>\n<body>é {OPEN}[{{}}]{CLOSE}"))
                .unwrap_err()
                .to_string(),
            "the framework source in the page cannot be read at line 2, column 60 of the page: missing field `path`"
        );
        assert_eq!(
            source_from_html(&format!("<p>\n{OPEN}[\n{{\"path\": \"a\", \"text\": \"é\", 1}}]{CLOSE}"))
                .unwrap_err()
                .to_string(),
            "the framework source in the page cannot be read at line 3, column 28 of the page: key must be a string"
        );
    }

    #[test]
    fn the_hash_a_page_states_is_read_from_its_header() {
        let page = "<h1>Eng</h1>\n<p class=\"meta\">Version 1 · content hash <code>7d799da71f1f</code> · exported 2026-11-30</p>";
        assert_eq!(stated_hash(page), Some(("7d799da71f1f".to_owned(), 2, 48)));
        assert_eq!(stated_hash("<p>content hash</p>"), None);
    }
}
