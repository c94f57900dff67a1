//! Patterns across items: marking duplicates of a canonical item, and the
//! evidence a canonical item gathers from its duplicates (their customers,
//! segments and words count for it).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::{DecisionKind, ItemId, NewDecision, Status, SubjectKind};

/// One duplicate of a canonical item, as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    pub id: ItemId,
    pub title: String,
    pub customer: Option<String>,
    pub segment: Option<String>,
}

impl Store {
    /// Marks items as duplicates of `canonical`: status duplicate, the link,
    /// and a `duplicate` decision each, in one undoable transaction. If the
    /// chosen item is itself a duplicate, its own canonical item is used.
    pub fn mark_duplicate(
        &mut self,
        ids: &[ItemId],
        canonical: ItemId,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<ItemId, StoreError> {
        let label = match ids {
            [one] => format!("{one} duplicate of {canonical}"),
            many => format!("{} items duplicate of {canonical}", many.len()),
        };
        self.act(&label, now, |tx, rec| {
            let root = root_of(tx, canonical)?;
            for &id in ids {
                if id == root {
                    return Err(StoreError::invalid(
                        "duplicate",
                        format!("{id} cannot be a duplicate of itself"),
                    ));
                }
                rec.touch(tx, id)?;
                let (from, severity) = super::triage::current_state(tx, id)?;
                from.check_transition(Status::Duplicate, severity.is_some())
                    .map_err(|e| StoreError::invalid("status", format!("{id}: {e}")))?;
                tx.execute(
                    "UPDATE items SET status = 'duplicate', duplicate_of = ?2, updated_at = ?3, \
                     waiting_since = NULL, snoozed_until = NULL, snoozed_from = NULL, back_from_snooze = 0 \
                     WHERE id = ?1",
                    params![id.0, root.0, to_db(now)],
                )?;
                // Duplicates of this item now point at the new root too.
                tx.execute(
                    "UPDATE items SET duplicate_of = ?2 WHERE duplicate_of = ?1",
                    params![id.0, root.0],
                )?;
                let title: String = tx.query_row("SELECT title FROM items WHERE id = ?1", [root.0], |r| r.get(0))?;
                let decision = NewDecision {
                    kind: DecisionKind::Duplicate,
                    subject: SubjectKind::Item,
                    subject_id: id.0,
                    rationale: format!("duplicate of {root}: {title}"),
                    decided_by: by.to_string(),
                };
                rec.decided(super::decisions::insert(tx, &decision, now, None)?);
            }
            Ok(root)
        })
    }

    /// The duplicates of a canonical item, oldest first: the evidence it
    /// gathers from other reports.
    pub fn duplicates_of(&self, canonical: ItemId) -> Result<Vec<DuplicateRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, (SELECT name FROM customers WHERE customers.id = items.customer_id), segment \
             FROM items WHERE duplicate_of = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([canonical.0], |r| {
            Ok(DuplicateRow {
                id: ItemId(r.get(0)?),
                title: r.get(1)?,
                customer: r.get(2)?,
                segment: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The canonical item an item duplicates, if any.
    pub fn duplicate_of(&self, id: ItemId) -> Result<Option<ItemId>, StoreError> {
        let found: Option<Option<i64>> = self
            .conn
            .query_row("SELECT duplicate_of FROM items WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()?;
        Ok(found.flatten().map(ItemId))
    }
}

/// Follows duplicate links to the canonical item (links are kept one level
/// deep, but an old database may hold chains).
fn root_of(tx: &Transaction<'_>, mut id: ItemId) -> Result<ItemId, StoreError> {
    for _ in 0..64 {
        let next: Option<Option<i64>> = tx
            .query_row("SELECT duplicate_of FROM items WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()?;
        match next {
            None => return Err(StoreError::NoSuchItem(id)),
            Some(None) => return Ok(id),
            Some(Some(parent)) => id = ItemId(parent),
        }
    }
    Ok(id)
}
