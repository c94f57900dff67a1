//! The filter language: a line like `sev:<=2 cat:billing status:new
//! age:>7d sla:breached theme:"invoice totals" export csv` — field terms plus
//! free text — parsed into a [`Filter`] that the store turns into SQL and
//! the SLA engine finishes. Parse errors point at the column.
//!
//! Fields (case-insensitive): `sev` / `severity` (`1`..`4`, `S1`, `none`,
//! with `<`, `<=`, `>`, `>=`), `status`, `cat` / `category`, `owner`,
//! `customer`, `segment`, `tag`, `age` (`>7d`, `<=2w`, `12h`), `sla`
//! (`at-risk`, `breached`, `on-track`), `theme`. A leading `-` negates a
//! term (`-status:declined`). Values with spaces go in double quotes.

mod parse;

pub use parse::parse;

use chrono::Duration;

use crate::domain::{Severity, Status};

/// How a term compares its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

/// One condition of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// `None` matches items without a severity.
    Severity(Cmp, Option<Severity>),
    Status(Status),
    Category(String),
    Owner(String),
    Customer(String),
    Segment(String),
    Tag(String),
    /// Compared with the item's age (now − created).
    Age(Cmp, Duration),
    Sla(SlaState),
    Theme(String),
    /// Free text: every word must appear in the title, body or customer.
    Text(String),
}

/// The SLA states a filter can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    OnTrack,
    AtRisk,
    Breached,
}

/// A term, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub negated: bool,
    pub term: Term,
}

/// All conditions must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub conditions: Vec<Condition>,
    /// The text it was parsed from, shown in the status bar.
    pub source: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }
}

/// A filter that does not parse, with the 1-based column of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FilterError {
    pub column: usize,
    pub message: String,
}
