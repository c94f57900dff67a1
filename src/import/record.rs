//! What importers produce: records with the place in the file they came
//! from, and the error type that names file, line, column, field and reason.

use std::fmt;
use std::sync::Arc;

use crate::domain::{NewItem, Severity};
use crate::store::StoreError;

/// Where a record (or a problem) is in its file. `path` locates a value
/// inside a JSON document (`[3]`, `tickets[2]`) when lines alone are vague.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u64,
    /// 1-based column, when known.
    pub column: Option<u64>,
    pub path: Option<String>,
}

impl Location {
    pub fn new(file: &Arc<str>, line: u64) -> Location {
        Location {
            file: Arc::clone(file),
            line,
            column: None,
            path: None,
        }
    }

    pub fn with_column(mut self, column: u64) -> Location {
        self.column = Some(column);
        self
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Location {
        self.path = Some(path.into());
        self
    }

    /// `field` qualified by the JSON path when there is one, ready to go
    /// before the reason: `[3].title: `, or nothing at all.
    pub fn field_prefix(&self, field: &str) -> String {
        match (&self.path, field.is_empty()) {
            (Some(p), true) => format!("{p}: "),
            (Some(p), false) => format!("{p}.{field}: "),
            (None, true) => String::new(),
            (None, false) => format!("{field}: "),
        }
    }
}

/// `file:line:column`, or `line N, column C` for text without a file name.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.column) {
            (true, None) => write!(f, "line {}", self.line),
            (true, Some(c)) => write!(f, "line {}, column {c}", self.line),
            (false, None) => write!(f, "{}:{}", self.file, self.line),
            (false, Some(c)) => write!(f, "{}:{}:{c}", self.file, self.line),
        }
    }
}

/// One piece of feedback from an outside tool or file.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub location: Location,
    pub item: NewItem,
    /// The other tool's priority as a severity; a person confirms it.
    pub suggested_severity: Option<Severity>,
}

/// Anything an import can hand the store.
#[derive(Debug, Clone)]
pub enum Entry {
    Feedback(Box<Record>),
}

impl Entry {
    pub fn location(&self) -> &Location {
        match self {
            Entry::Feedback(r) => &r.location,
        }
    }
}

/// Why an import stopped. Nothing was written when any of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A record (or the file's structure) is wrong at a known place.
    #[error("{location}: {}{reason}", .location.field_prefix(.field))]
    Invalid {
        location: Location,
        field: String,
        reason: String,
    },
    /// The file cannot be read as any supported format at all.
    #[error("{file}: {reason}")]
    Unusable { file: String, reason: String },
    #[error("{file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ImportError {
    pub fn invalid(location: Location, field: impl Into<String>, reason: impl Into<String>) -> ImportError {
        ImportError::Invalid {
            location,
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn io(file: &str, source: std::io::Error) -> ImportError {
        ImportError::Io {
            file: file.to_string(),
            source,
        }
    }

    /// Where the problem is, when it is at a place in the file.
    pub fn location(&self) -> Option<&Location> {
        match self {
            ImportError::Invalid { location, .. } => Some(location),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_file_line_column_path_field_reason() {
        let file: Arc<str> = Arc::from("tickets.json");
        let at = Location::new(&file, 12).with_column(5).with_path("tickets[2]");
        let e = ImportError::invalid(at, "subject", "must not be empty");
        assert_eq!(
            e.to_string(),
            "tickets.json:12:5: tickets[2].subject: must not be empty"
        );
        let bare = Location::new(&Arc::from(""), 3);
        assert_eq!(
            ImportError::invalid(bare, "severity", "bad").to_string(),
            "line 3: severity: bad"
        );
    }
}
