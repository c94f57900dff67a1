//! Streaming intake of feedback from other tools: a stream of records
//! imported in ONE IMMEDIATE transaction (all or nothing: the first bad
//! record rolls everything back). Records are prepared on a second thread
//! (`prepare`); this side only writes. A big import drops the secondary
//! indexes and builds them again at the end, which is several times faster
//! than updating them row by row; it all happens inside the transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};

use super::bulk::Bulk;
use super::customers::CustomerCache;
use super::items::find_by_key;
use super::prepare::{Prepared, located, pipeline};
use super::transfer::{ImportMode, ImportSummary};
use super::{Store, StoreError};
use crate::domain::{NewItem, Severity};
use crate::import::{Entry, ImportError};

/// Page cache during an import (KiB): the whole working set of a large
/// import's indexes, instead of spilling dirty pages half-way.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;
/// New items after which dropping the secondary indexes pays off.
const BULK_ROWS: usize = 10_000;

impl Store {
    /// Imports a stream of entries in one IMMEDIATE transaction. Entries
    /// already present (same identity) are counted and skipped; the first
    /// error (from the reader or from a record) rolls everything back and is
    /// returned with its location. `now` dates feedback that carries no time.
    pub fn import_entries<I>(
        &mut self,
        entries: I,
        now: DateTime<Utc>,
        mode: ImportMode,
    ) -> Result<ImportSummary, ImportError>
    where
        I: IntoIterator<Item = Result<Entry, ImportError>>,
        I::IntoIter: Send,
    {
        let old_cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .map_err(StoreError::from)?;
        self.bulk_settings(true, -IMPORT_CACHE_KIB)?;
        let result = self.import_in_transaction(entries.into_iter(), now, mode);
        self.bulk_settings(false, old_cache)?;
        result
    }

    /// Imports an opened source: a loopboard export whole (its records link
    /// to each other), any other format as a stream of feedback.
    pub fn import_source(
        &mut self,
        source: crate::import::Source,
        now: DateTime<Utc>,
        mode: ImportMode,
    ) -> Result<ImportSummary, ImportError> {
        match source.interchange {
            Some(batch) => self.import_batch(&batch, mode).map_err(|e| ImportError::Unusable {
                file: source.label,
                reason: e.to_string(),
            }),
            None => self.import_entries(source.entries, now, mode),
        }
    }

    /// Enters or leaves bulk mode. In bulk mode the schema's CHECK
    /// constraints are not evaluated: `status IN (...)` alone makes SQLite
    /// build a temporary b-tree for every row, and the import path already
    /// guarantees every value they guard (statuses and severities come from
    /// enums, titles and tags are non-empty after `normalize`, ARR is
    /// checked). Statements are prepared again on either side, so no
    /// statement compiled without the checks outlives the import.
    fn bulk_settings(&mut self, bulk: bool, cache_kib: i64) -> Result<(), ImportError> {
        self.conn.flush_prepared_statement_cache();
        self.conn
            .pragma_update(None, "ignore_check_constraints", bulk)
            .map_err(StoreError::from)?;
        self.conn
            .pragma_update(None, "cache_size", cache_kib)
            .map_err(StoreError::from)?;
        Ok(())
    }

    fn import_in_transaction<I>(
        &mut self,
        entries: I,
        now: DateTime<Utc>,
        mode: ImportMode,
    ) -> Result<ImportSummary, ImportError>
    where
        I: Iterator<Item = Result<Entry, ImportError>> + Send,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let summary = pipeline(entries, |batches| {
            let mut writer = Writer::new(&tx, now)?;
            while let Some(mut batch) = batches.recv() {
                // The preparation thread stops at its first error, so an
                // error can only be the last entry of a batch.
                let failed = match batch.last() {
                    Some(Err(_)) => batch.pop(),
                    _ => None,
                };
                for prepared in batch.iter_mut().flatten() {
                    writer.write(prepared)?;
                }
                if let Some(Err(e)) = failed {
                    return Err(e);
                }
                batches.give_back((batch, writer.bulk.take_written_tags()));
            }
            writer.finish()
        })?;
        if mode == ImportMode::Commit {
            tx.commit().map_err(StoreError::from)?;
        }
        Ok(summary)
    }
}

/// The state of one import transaction.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    now: DateTime<Utc>,
    summary: ImportSummary,
    customers: CustomerCache,
    /// Items in the database before the import (roughly: the highest id).
    existing: usize,
    /// The secondary indexes dropped for a bulk import, to build again.
    dropped: Option<Vec<String>>,
    bulk: Bulk<'t>,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'t>, now: DateTime<Utc>) -> Result<Self, ImportError> {
        let existing: Option<i64> = tx
            .query_row("SELECT max(id) FROM items", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        Ok(Writer {
            tx,
            now,
            summary: ImportSummary::default(),
            customers: CustomerCache::default(),
            existing: usize::try_from(existing.unwrap_or(0)).unwrap_or(0),
            dropped: None,
            bulk: Bulk::new(tx)?,
        })
    }

    fn write(&mut self, prepared: &mut Prepared) -> Result<(), ImportError> {
        let Prepared::Feedback {
            location,
            item,
            key,
            suggested,
        } = prepared;
        self.feedback(item, key, *suggested).map_err(|e| located(location, e))
    }

    fn feedback(&mut self, new: &mut NewItem, key: &str, suggested: Option<Severity>) -> Result<(), StoreError> {
        let customer = match &new.customer {
            None => None,
            Some(name) => match self.customers.cached(name) {
                Some(id) => Some(id),
                // A customer seen for the first time is only created for
                // feedback that is new: re-importing must add nothing.
                None if find_by_key(self.tx, key)?.is_some() => {
                    self.count_item(true)?;
                    return Ok(());
                }
                None => Some(self.customers.resolve(self.tx, name, new.segment.as_deref())?),
            },
        };
        let inserted = self
            .bulk
            .insert_feedback(self.tx, new, key, suggested, customer, self.now)?;
        self.count_item(inserted.is_none())
    }

    fn count_item(&mut self, present: bool) -> Result<(), StoreError> {
        if present {
            self.summary.items_present += 1;
            return Ok(());
        }
        self.summary.items_new += 1;
        let n = self.summary.items_new;
        let due = self.existing == 0 || n.is_multiple_of(BULK_ROWS);
        if self.dropped.is_none() && due && n * 4 >= self.existing {
            self.dropped = Some(drop_secondary_indexes(self.tx)?);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ImportSummary, ImportError> {
        self.bulk.flush(self.tx)?;
        if let Some(indexes) = self.dropped.take() {
            for sql in indexes {
                self.tx.execute_batch(&sql).map_err(StoreError::from)?;
            }
        }
        self.summary.customers_new += self.customers.created;
        Ok(self.summary)
    }
}

/// Drops the explicit indexes on items (not the unique identity, which
/// finds duplicates) and returns the SQL that builds them again. Read from
/// the schema itself, so a later migration's indexes are handled too.
/// Partial indexes that imported rows never enter (snoozed, duplicates,
/// themes) are dropped too: measured, testing their condition on every
/// inserted row costs more than the scan that builds them again.
fn drop_secondary_indexes(tx: &Transaction<'_>) -> Result<Vec<String>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'items' AND sql IS NOT NULL",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}
