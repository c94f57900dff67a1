//! Config errors with a place: byte spans (from toml) turned into the
//! `file:line:column` people can jump to.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A problem in a config file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the problem has no place in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The file being read: its name and text, to place errors.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// An error at the start of `span` (a byte range into the text).
    pub fn error_at(&self, span: Range<usize>, message: &str) -> ConfigError {
        let (line, column) = line_column(self.text, span.start);
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.to_string(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // Columns count characters, not bytes: `=` follows the two-byte é.
        assert_eq!(line_column(text, 10), (2, 4));
    }
}
