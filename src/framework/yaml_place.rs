//! Where a position the YAML library reports is in the file, as an editor counts lines.
//!
//! The library counts a lone `\r` as a line break, which the file's lines (and an
//! editor's, and every other report line's) do not; a page with many of them would be
//! reported lines past its end. So a position is taken by its byte offset when the
//! library gives one, and otherwise by reading the library's line and column the way it
//! counts them, and is then said in the file's own lines.

use serde_saphyr::Location;

/// The line and column (1-based, the column in characters) in `text` of a location the
/// YAML library gave for it. Always inside the text (its end at most).
pub(crate) fn place(text: &str, at: &Location) -> (usize, usize) {
    line_column(text, offset(text, at))
}

/// The byte offset in `text` of a location the YAML library gave for it, at most its end.
pub(crate) fn offset(text: &str, at: &Location) -> usize {
    at.span()
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .filter(|&o| text.is_char_boundary(o))
        .unwrap_or_else(|| offset_of(text, at.line(), at.column()))
}

/// The byte offset of a line and column as the YAML library counts them.
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let bytes = text.as_bytes();
    let (mut start, mut current) = (0, 1);
    let mut i = 0;
    while current < line && i < bytes.len() {
        let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if bytes[i] == b'\n' || lone_cr {
            current += 1;
            start = i + 1;
        }
        i += 1;
    }
    if current < line {
        return text.len();
    }
    let rest = &text[start..];
    let row = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    start + row.char_indices().nth(skip).map_or(row.len(), |(i, _)| i)
}

/// The line and column (1-based, the column in characters) of a byte offset, lines
/// broken at `\n` only.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the library puts an error in a text, and the line it says.
    fn error_at(text: &str) -> ((usize, usize), u64) {
        let error = serde_saphyr::from_str::<serde::de::IgnoredAny>(text)
            .err()
            .and_then(|e| e.without_snippet().location().or_else(|| e.location()))
            .unwrap_or_else(|| panic!("no error located in {text:?}"));
        (place(text, &error), error.line())
    }

    #[test]
    fn an_error_after_lone_carriage_returns_is_on_the_files_line() {
        // Forty lone `\r` inside one line of the file: the library counts forty more lines.
        let text = format!("a: 1\nb: {}x\nc: [\n", "\r".repeat(40));
        let ((line, _), theirs) = error_at(&text);
        assert!(
            theirs > 40,
            "the library counts the lone CRs as lines ({theirs})"
        );
        assert_eq!(
            line, 2,
            "the `x` the library stops at is on the file's second line"
        );
    }

    #[test]
    fn an_error_in_plain_lines_keeps_its_place() {
        assert_eq!(
            error_at("a: 1\nb: [1, 2\n").0,
            error_at("a: 1\r\nb: [1, 2\r\n").0
        );
        let ((line, column), _) = error_at("a: 1\nb:\n  - x\n - y\n");
        assert_eq!((line, column), (4, 2));
    }

    #[test]
    fn a_line_past_the_end_is_the_end() {
        assert_eq!(offset_of("a\rb\nc", 9, 1), 5);
        assert_eq!(offset_of("a\rb\nc", 2, 1), 2);
        assert_eq!(offset_of("a\rb\nc", 3, 9), 5);
        assert_eq!(offset_of("a\r\nb", 2, 1), 3);
        assert_eq!(line_column("a\rb\nc", 5), (2, 2));
        assert_eq!(line_column("é\nab", 4), (2, 2));
    }
}
