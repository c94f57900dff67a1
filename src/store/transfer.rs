//! Bulk transfer: importing a stream of records in ONE IMMEDIATE transaction
//! (all or nothing: the first bad record rolls everything back), and reading
//! everything back for export.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;

use super::customers::{CustomerCache, import_customer, normalize_customer};
use super::intake::{intake_key, normalize};
use super::items::{ITEM_COLUMNS, find_by_key, insert_item, insert_new, item_from_row};
use super::{Store, StoreError};
use crate::domain::{Item, ItemId, NewItem, SubjectKind};
use crate::import::{Entry, ImportError, ImportedCustomer, ImportedDecision, ImportedItem, Location, Record};

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
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let mut writer = Writer::new(&tx, now);
        for entry in entries {
            writer.write(entry?)?;
        }
        let summary = writer.finish()?;
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
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'t>, now: DateTime<Utc>) -> Self {
        Writer {
            tx,
            now,
            summary: ImportSummary::default(),
            customers: CustomerCache::default(),
            ids: HashMap::new(),
            decisions: Vec::new(),
        }
    }

    fn write(&mut self, entry: Entry) -> Result<(), ImportError> {
        match entry {
            Entry::Feedback(rec) => self.feedback(&rec).map_err(|e| located(&rec.location, e)),
            Entry::Item(rec) => self.item(&rec).map_err(|e| located(&rec.location, e)),
            Entry::Customer(rec) => self.customer(&rec).map_err(|e| located(&rec.location, e)),
            Entry::Decision(rec) => {
                self.decisions.push(rec);
                Ok(())
            }
        }
    }

    fn feedback(&mut self, rec: &Record) -> Result<(), StoreError> {
        let clean = normalize(&rec.item)?;
        let outcome = insert_new(self.tx, &clean, rec.suggested_severity, self.now, &mut self.customers)?;
        self.count_item(!outcome.created);
        Ok(())
    }

    fn item(&mut self, rec: &ImportedItem) -> Result<(), StoreError> {
        let (item, key) = clean_record(rec)?;
        let (id, present) = match find_by_key(self.tx, &key)? {
            Some(id) => (id, true),
            None => {
                let wanted = match rec.file_id {
                    Some(fid) if !id_taken(self.tx, "items", fid)? => Some(fid),
                    _ => None,
                };
                (insert_item(self.tx, &item, &key, wanted, &mut self.customers)?, false)
            }
        };
        self.count_item(present);
        if let Some(fid) = rec.file_id {
            self.ids.insert(fid, (id, present));
        }
        Ok(())
    }

    fn customer(&mut self, rec: &ImportedCustomer) -> Result<(), StoreError> {
        let clean = normalize_customer(&rec.customer)?;
        if import_customer(self.tx, &clean)? {
            self.summary.customers_new += 1;
        }
        Ok(())
    }

    fn count_item(&mut self, present: bool) {
        if present {
            self.summary.items_present += 1;
        } else {
            self.summary.items_new += 1;
        }
    }

    fn finish(mut self) -> Result<ImportSummary, ImportError> {
        for rec in std::mem::take(&mut self.decisions) {
            self.decision(&rec).map_err(|e| located(&rec.location, e))?;
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

/// A store error about one record, pinned to where the record is.
fn located(location: &Location, e: StoreError) -> ImportError {
    let (field, reason) = match e {
        StoreError::Invalid { field, reason } => (field.to_string(), reason),
        StoreError::Transition(t) => ("status".to_string(), t.to_string()),
        other => ("record".to_string(), other.to_string()),
    };
    ImportError::invalid(location.clone(), field, reason)
}

/// Sanitizes an imported item and checks it is consistent.
fn clean_record(rec: &ImportedItem) -> Result<(Item, String), StoreError> {
    let it = &rec.item;
    let as_new = NewItem {
        title: it.title.clone(),
        body: it.body.clone(),
        customer: it.customer.clone(),
        segment: it.segment.clone(),
        category: it.category.clone(),
        tags: it.tags.clone(),
        severity: it.severity,
        source: it.source.clone(),
        external_id: it.external_id.clone(),
        created_at: Some(it.created_at),
    };
    let clean = normalize(&as_new)?;
    if it.status.needs_severity() && it.severity.is_none() {
        return Err(StoreError::invalid(
            "severity",
            format!("status {} needs a severity", it.status.as_str()),
        ));
    }
    let key = rec.key.clone().unwrap_or_else(|| intake_key(&clean));
    let item = Item {
        title: clean.title,
        body: clean.body,
        customer: clean.customer,
        segment: clean.segment,
        category: clean.category,
        tags: clean.tags,
        source: clean.source,
        external_id: clean.external_id,
        owner: it
            .owner
            .as_deref()
            .map(crate::sanitize::clean_line)
            .filter(|s| !s.is_empty()),
        ..it.clone()
    };
    Ok((item, key))
}

fn id_taken(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(tx.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}
