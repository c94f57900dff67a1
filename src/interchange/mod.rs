//! loopboard's interchange format: JSONL, one object per line with a `"kind"`
//! field: `"theme"`, `"item"`, `"hypothesis"`, `"bet"`, `"decision"` (more
//! kinds join as features land). Export writes them in that order, each kind
//! in id order,
//! with fixed key order and RFC 3339 UTC times, so export → import into an
//! empty database → export gives the same bytes.
//!
//! Hypotheses and bets carry their evidence as `"items"` (item ids of the
//! same file), a bet its `"hypothesis_id"`, and a decision its subject
//! (`"item"`, `"hypothesis"` or `"bet"`) and `"subject_id"`; on import these
//! are mapped to the ids the records get; so are an item's `"theme_id"` and
//! `"duplicate_of"`. Every record kind but decisions
//! carries a frozen `"key"`, so re-importing a file adds nothing.
//!
//! `records` holds the serde shapes, `export` writes, `parse` reads.

mod export;
mod parse;
mod records;

use chrono::{DateTime, Utc};
use std::io::BufRead;

use crate::store::ImportBatch;

pub use export::{decision_line, export, item_line};

/// A problem in an interchange file, with the line and the field.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("reading line {line}: {source}")]
    Io { line: usize, source: std::io::Error },
}

/// Reads interchange JSONL into a batch, checking every field. `now` fills in
/// missing creation times. Blank lines, a UTF-8 BOM and CRLF line ends are
/// accepted.
pub fn parse(input: impl BufRead, now: DateTime<Utc>) -> Result<ImportBatch, InterchangeError> {
    parse::parse(input, now)
}
