//! Source files as the loader sees them: a relative path and the text, already read.
//!
//! Reading from disk or from the embedded framework happens elsewhere ([`crate::files::folder`],
//! [`crate::files::bundled`]); everything after this point works on strings.

/// One file of a framework, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the framework folder, with `/` separators.
    pub path: String,
    /// The whole text of the file.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A file at `path` (relative, `/`-separated) with `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// The file name without its folder.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let f = SourceFile::new("a.md", "ab\nçd\n\nx");
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(1), (1, 2));
        assert_eq!(f.line_column(3), (2, 1));
        // `d` comes after the two-byte `ç`.
        assert_eq!(f.line_column(5), (2, 2));
        assert_eq!(f.line_column(7), (3, 1));
        assert_eq!(f.line_column(8), (4, 1));
        assert_eq!(f.line_column(999), (4, 2));
    }

    #[test]
    fn offset_of_inverts_line_column() {
        let f = SourceFile::new("a.md", "ab\nçd\n\nx");
        for offset in [0, 1, 3, 5, 7, 8] {
            let (l, c) = f.line_column(offset);
            assert_eq!(f.offset_of(l, c), offset);
        }
        assert_eq!(f.offset_of(99, 1), f.text.len());
    }

    #[test]
    fn an_offset_inside_a_character_points_at_that_character() {
        let f = SourceFile::new("a.md", "çx");
        assert_eq!(f.line_column(1), (1, 1));
    }
}
