//! The decision log: append-only (triggers in the schema refuse UPDATE and
//! DELETE), written only together with the change it explains.

use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};

use super::time::from_db;
use super::{Store, StoreError};
use crate::domain::{Decision, NewDecision, SubjectKind};

const COLUMNS: &str = "id, at, kind, subject_kind, subject_id, rationale, decided_by";

impl Store {
    /// Every decision, oldest first.
    pub fn list_decisions(&self) -> Result<Vec<Decision>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM decisions ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], decision_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Decisions about one subject, oldest first.
    pub fn decisions_about(&self, subject: SubjectKind, id: i64) -> Result<Vec<Decision>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM decisions WHERE subject_kind = ?1 AND subject_id = ?2 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![subject.as_str(), id], decision_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Appends a decision inside the caller's transaction. `id` keeps an imported
/// decision's id; `None` lets SQLite choose.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    d: &NewDecision,
    at: DateTime<Utc>,
    id: Option<i64>,
) -> Result<i64, StoreError> {
    // A decision without links is the log's own insert with empty links:
    // one statement, one place that validates the rationale.
    super::decision_log::insert_logged(tx, d, &crate::domain::DecisionLinks::default(), at, id)
}

/// One decision by id, inside a transaction.
pub(crate) fn get(tx: &Transaction<'_>, id: i64) -> Result<Option<Decision>, StoreError> {
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT {COLUMNS} FROM decisions WHERE id = ?1");
    Ok(tx.query_row(&sql, [id], decision_from_row).optional()?)
}

fn decision_from_row(r: &Row<'_>) -> rusqlite::Result<Decision> {
    let parse_err =
        |idx: usize, e: String| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into());
    let kind: String = r.get(2)?;
    let subject: String = r.get(3)?;
    Ok(Decision {
        id: r.get(0)?,
        at: from_db(r.get(1)?),
        kind: kind.parse().map_err(|e| parse_err(2, e))?,
        subject: subject.parse().map_err(|e| parse_err(3, e))?,
        subject_id: r.get(4)?,
        rationale: r.get(5)?,
        decided_by: r.get(6)?,
    })
}
