//! Bulk transfer: importing a stream of records in ONE IMMEDIATE transaction
//! (all or nothing: the first bad record rolls everything back), and reading
//! everything back for export. Records are prepared on a second thread
//! (`prepare`); this side only writes. A big import drops the secondary
//! indexes and builds them again at the end, which is several times faster
//! than updating them row by row; it all happens inside the transaction.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;

use super::bulk::Bulk;
use super::customers::{CustomerCache, import_customer};
use super::items::{ITEM_COLUMNS, find_by_key, insert_item, item_from_row};
use super::prepare::{Prepared, located, pipeline};
use super::{Store, StoreError};
use crate::domain::{Item, ItemId, NewItem, Severity, SubjectKind};
use crate::import::{Entry, ImportError, ImportedCustomer, ImportedDecision, ImportedItem};

/// Everything read from one small file, held in memory (the demo, tests).
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub customers: Vec<ImportedCustomer>,
    pub items: Vec<ImportedItem>,
    pub decisions: Vec<ImportedDecision>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub items_new: usize,
    pub items_present: usize,
    pub decisions_new: usize,
    pub decisions_present: usize,
    pub customers_new: usize,
}

/// Whether an import keeps what it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Commit,
    /// Runs every check and every write, then rolls back: the summary is
    /// exactly what a real import would do, and the file is untouched.
    DryRun,
}

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
    /// Decisions are applied after every item, so they may come first.
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
            for batch in batches {
                for prepared in batch {
                    writer.write(prepared?)?;
                }
            }
            writer.finish()
        })?;
        if mode == ImportMode::Commit {
            tx.commit().map_err(StoreError::from)?;
        }
        Ok(summary)
    }

    /// Imports an in-memory batch (see [`Store::import_entries`]).
    pub fn import(&mut self, batch: &ImportBatch) -> Result<ImportSummary, StoreError> {
        let entries = batch
            .customers
            .iter()
            .cloned()
            .map(Entry::Customer)
            .chain(batch.items.iter().cloned().map(|i| Entry::Item(Box::new(i))))
            .chain(batch.decisions.iter().cloned().map(Entry::Decision))
            .map(Ok);
        // A batch holds complete items only, so `now` is never consulted.
        self.import_entries(entries, DateTime::UNIX_EPOCH, ImportMode::Commit)
            .map_err(|e| match e {
                ImportError::Store(s) => s,
                other => StoreError::Import(other.to_string()),
            })
    }

    /// Every item with its intake key, in id order (for export).
    pub fn export_items(&self) -> Result<Vec<(Item, String)>, StoreError> {
        let sql = format!("SELECT {ITEM_COLUMNS}, intake_key FROM items ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((item_from_row(r)?, r.get(17)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The state of one import transaction.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    now: DateTime<Utc>,
    summary: ImportSummary,
    customers: CustomerCache,
    /// File item id -> (database id, whether it was already present).
    ids: HashMap<i64, (ItemId, bool)>,
    /// Decisions wait until every item is in, since they refer to items.
    decisions: Vec<ImportedDecision>,
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
            ids: HashMap::new(),
            decisions: Vec::new(),
            existing: usize::try_from(existing.unwrap_or(0)).unwrap_or(0),
            dropped: None,
            bulk: Bulk::new(tx)?,
        })
    }

    fn write(&mut self, prepared: Prepared) -> Result<(), ImportError> {
        match prepared {
            Prepared::Feedback {
                location,
                item,
                key,
                suggested,
            } => self.feedback(item, &key, suggested).map_err(|e| located(&location, e)),
            Prepared::Item {
                location,
                item,
                key,
                file_id,
            } => self.item(&item, &key, file_id).map_err(|e| located(&location, e)),
            Prepared::Customer { location, customer } => {
                if import_customer(self.tx, &customer).map_err(|e| located(&location, e))? {
                    self.summary.customers_new += 1;
                }
                Ok(())
            }
            Prepared::Decision(rec) => {
                self.decisions.push(rec);
                Ok(())
            }
        }
    }

    fn feedback(&mut self, mut new: NewItem, key: &str, suggested: Option<Severity>) -> Result<(), StoreError> {
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
            .insert_feedback(self.tx, &mut new, key, suggested, customer, self.now)?;
        self.count_item(inserted.is_none())
    }

    fn item(&mut self, item: &Item, key: &str, file_id: Option<i64>) -> Result<(), StoreError> {
        let (id, present) = match find_by_key(self.tx, key)? {
            Some(id) => (id, true),
            None => {
                let wanted = match file_id {
                    Some(fid) if !id_taken(self.tx, "items", fid)? => Some(fid),
                    _ => None,
                };
                (insert_item(self.tx, item, key, wanted, &mut self.customers)?, false)
            }
        };
        self.count_item(present)?;
        if let Some(fid) = file_id {
            self.ids.insert(fid, (id, present));
        }
        Ok(())
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
        for rec in std::mem::take(&mut self.decisions) {
            self.decision(&rec).map_err(|e| located(&rec.location, e))?;
        }
        if let Some(indexes) = self.dropped.take() {
            for sql in indexes {
                self.tx.execute_batch(&sql).map_err(StoreError::from)?;
            }
        }
        self.summary.customers_new += self.customers.created;
        Ok(self.summary)
    }

    fn decision(&mut self, rec: &ImportedDecision) -> Result<(), StoreError> {
        let SubjectKind::Item = rec.decision.subject;
        let Some(&(item_id, item_present)) = self.ids.get(&rec.decision.subject_id) else {
            return Err(StoreError::invalid(
                "subject_id",
                format!("refers to item {} which is not in the file", rec.decision.subject_id),
            ));
        };
        let decision = crate::domain::NewDecision {
            subject_id: item_id.0,
            ..rec.decision.clone()
        };
        if item_present && super::decisions::exists(self.tx, &decision, rec.at)? {
            self.summary.decisions_present += 1;
            return Ok(());
        }
        let wanted = match rec.file_id {
            Some(fid) if !id_taken(self.tx, "decisions", fid)? => Some(fid),
            _ => None,
        };
        super::decisions::insert(self.tx, &decision, rec.at, wanted)?;
        self.summary.decisions_new += 1;
        Ok(())
    }
}

/// Drops the explicit indexes on items (not the unique identity, which
/// finds duplicates) and returns the SQL that builds them again. Read from
/// the schema itself, so a later migration's indexes are handled too.
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

fn id_taken(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(tx.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}
