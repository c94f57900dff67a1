//! The write path of big imports, where per-row costs add up: new feedback
//! inserted in one statement that skips identities already present, and
//! tags buffered across items and written many rows per statement (one
//! statement per item's tags would cost as much as the item itself).

use chrono::{DateTime, Utc};
use rusqlite::{Statement, Transaction, params};

use super::StoreError;
use super::time::to_db;
use crate::domain::{CustomerId, ItemId, NewItem, Severity, Status};

/// Tag rows per statement when flushing the buffer.
const TAG_ROWS: usize = 128;

const INSERT_FEEDBACK: &str = "INSERT INTO items (intake_key, title, body, customer_id, segment, category, \
     severity, status, source, external_id, created_at, updated_at, triaged_at, suggested_severity) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13) ON CONFLICT(intake_key) DO NOTHING";

/// The statements of a bulk import, prepared once (no cache lookups per
/// row), and the tags waiting to be written.
pub(crate) struct Bulk<'t> {
    feedback: Statement<'t>,
    full_tags: Statement<'t>,
    tags: Vec<(i64, String)>,
    /// Tags already written, kept to be freed on the preparation thread.
    written: Vec<String>,
}

impl<'t> Bulk<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>) -> Result<Self, StoreError> {
        Ok(Bulk {
            feedback: tx.prepare(INSERT_FEEDBACK)?,
            full_tags: tx.prepare(&tag_sql(TAG_ROWS))?,
            tags: Vec::new(),
            written: Vec::new(),
        })
    }

    /// Inserts new feedback unless its identity exists; `None` when it did.
    /// Its tags are buffered.
    pub(crate) fn insert_feedback(
        &mut self,
        tx: &Transaction<'_>,
        new: &mut NewItem,
        key: &str,
        suggested: Option<Severity>,
        customer: Option<CustomerId>,
        now: DateTime<Utc>,
    ) -> Result<Option<ItemId>, StoreError> {
        let created = to_db(new.created_at.unwrap_or(now));
        let (status, triaged_at) = match new.severity {
            Some(_) => (Status::Triaged, Some(created)),
            None => (Status::New, None),
        };
        let changed = self.feedback.execute(params![
            key,
            new.title,
            new.body,
            customer.map(|c| c.0),
            new.segment,
            new.category,
            new.severity.map(Severity::level),
            status.as_str(),
            new.source,
            new.external_id,
            created,
            triaged_at,
            suggested.map(Severity::level),
        ])?;
        if changed == 0 {
            return Ok(None);
        }
        let id = ItemId(tx.last_insert_rowid());
        self.tags
            .extend(std::mem::take(&mut new.tags).into_iter().map(|t| (id.0, t)));
        if self.tags.len() >= TAG_ROWS {
            self.flush(tx)?;
        }
        Ok(Some(id))
    }

    /// Writes the buffered tags: full chunks through the prepared
    /// statement, the rest through one sized to fit.
    pub(crate) fn flush(&mut self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        for chunk in self.tags.chunks(TAG_ROWS) {
            if chunk.len() == TAG_ROWS {
                bind_tags(&mut self.full_tags, chunk)?;
            } else {
                bind_tags(&mut *tx.prepare_cached(&tag_sql(chunk.len()))?, chunk)?;
            }
        }
        self.written.extend(self.tags.drain(..).map(|(_, tag)| tag));
        Ok(())
    }

    /// The tags written since the last call (see `prepare::Spent`).
    pub(crate) fn take_written_tags(&mut self) -> Vec<String> {
        std::mem::take(&mut self.written)
    }
}

fn bind_tags(stmt: &mut Statement<'_>, rows: &[(i64, String)]) -> Result<(), StoreError> {
    for (i, (id, tag)) in rows.iter().enumerate() {
        stmt.raw_bind_parameter(2 * i + 1, id)?;
        stmt.raw_bind_parameter(2 * i + 2, tag)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// Writes one item's tags at once.
pub(crate) fn insert_tags(tx: &Transaction<'_>, id: ItemId, tags: &[String]) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> = tags.iter().map(|t| (id.0, t.clone())).collect();
    for chunk in rows.chunks(TAG_ROWS) {
        bind_tags(&mut *tx.prepare_cached(&tag_sql(chunk.len()))?, chunk)?;
    }
    Ok(())
}

fn tag_sql(rows: usize) -> String {
    let values = vec!["(?, ?)"; rows].join(", ");
    format!("INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES {values}")
}
