//! Transfer of loopboard's own interchange: importing whole batches of
//! complete records in one transaction (all or nothing), and reading
//! everything back for export. Records are read in dependency order:
//! customers, themes, items, hypotheses (their evidence names items), bets
//! (evidence and hypothesis), then decisions, whose subjects are any of the
//! three; file ids are mapped to database ids. Feedback from other tools
//! streams in through `stream.rs` instead.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};

use super::bet_rows::{BET_COLUMNS, bet_from_row};
use super::customers::{CustomerCache, import_customer, normalize_customer};
use super::hypotheses::{HYPOTHESIS_COLUMNS, hypothesis_from_row};
use super::import_bets::{Counts, IdMap, ImportedBet, ImportedHypothesis, import_bets, import_hypotheses};
use super::intake::{intake_key, normalize};
use super::items::{ITEM_COLUMNS, find_by_key, insert_item, item_from_row};
use super::{Store, StoreError};
use crate::domain::{Bet, Customer, DecisionLinks, Hypothesis, Item, NewDecision, NewItem, SubjectKind, ThemeId};

/// One item read from a file, with where it came from for error messages.
#[derive(Debug, Clone)]
pub struct ImportedItem {
    /// 1-based line in the source file.
    pub line: usize,
    /// The id the file gave it; kept when free, so decisions can refer to it.
    pub file_id: Option<i64>,
    /// The identity recorded by a loopboard export; computed when absent.
    pub key: Option<String>,
    /// The item; its `id` is ignored.
    pub item: Item,
    /// The file id of the canonical item it duplicates.
    pub duplicate_of: Option<i64>,
    /// The file id of its theme.
    pub theme_id: Option<i64>,
}

/// One customer read from a file; its `id` is the file's.
#[derive(Debug, Clone)]
pub struct ImportedCustomer {
    pub line: usize,
    pub customer: Customer,
}

/// One theme read from a file; items refer to it by `file_id`.
#[derive(Debug, Clone)]
pub struct ImportedTheme {
    pub line: usize,
    pub file_id: Option<i64>,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// One decision read from a file; `decision.subject_id` is the file's id of
/// its subject (item, hypothesis or bet).
#[derive(Debug, Clone)]
pub struct ImportedDecision {
    pub line: usize,
    pub file_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub decision: NewDecision,
    /// `supersedes` is a file decision id, evidence ids are file ids.
    pub links: DecisionLinks,
}

/// One review read from a file.
#[derive(Debug, Clone)]
pub struct ImportedReview {
    pub line: usize,
    pub at: DateTime<Utc>,
    pub since: DateTime<Utc>,
    pub by: String,
    pub summary: String,
    pub path: Option<String>,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub customers: Vec<ImportedCustomer>,
    pub themes: Vec<ImportedTheme>,
    pub items: Vec<ImportedItem>,
    pub hypotheses: Vec<ImportedHypothesis>,
    pub bets: Vec<ImportedBet>,
    pub decisions: Vec<ImportedDecision>,
    pub reviews: Vec<ImportedReview>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub items_new: usize,
    pub items_present: usize,
    pub hypotheses_new: usize,
    pub hypotheses_present: usize,
    pub bets_new: usize,
    pub bets_present: usize,
    pub decisions_new: usize,
    pub decisions_present: usize,
    pub reviews_new: usize,
    pub reviews_present: usize,
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
    /// Imports a batch in one transaction. Records already present (same
    /// identity) are counted and skipped; any invalid record aborts the whole
    /// import with its line, and nothing is written.
    pub fn import(&mut self, batch: &ImportBatch) -> Result<ImportSummary, StoreError> {
        self.import_batch(batch, ImportMode::Commit)
    }

    /// [`Store::import`], or with [`ImportMode::DryRun`] everything but the commit.
    pub fn import_batch(&mut self, batch: &ImportBatch, mode: ImportMode) -> Result<ImportSummary, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let summary = import_in(&tx, batch)?;
        if mode == ImportMode::Commit {
            tx.commit()?;
        }
        Ok(summary)
    }

    /// Every item with its intake key, in id order (for export).
    pub fn export_items(&self) -> Result<Vec<(Item, String)>, StoreError> {
        let sql = format!("SELECT {ITEM_COLUMNS}, intake_key FROM items ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((item_from_row(r)?, r.get(17)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every hypothesis with its key, in id order (for export).
    pub fn export_hypotheses(&self) -> Result<Vec<(Hypothesis, String)>, StoreError> {
        let sql = format!("SELECT {HYPOTHESIS_COLUMNS}, key FROM hypotheses ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((hypothesis_from_row(r)?, r.get(6)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every bet with its key, in id order (for export).
    pub fn export_bets(&self) -> Result<Vec<(Bet, String)>, StoreError> {
        let sql = format!("SELECT {}, key FROM bets ORDER BY id", *BET_COLUMNS);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let key_at = r.as_ref().column_count() - 1;
            Ok((bet_from_row(r)?, r.get(key_at)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn import_in(tx: &Transaction<'_>, batch: &ImportBatch) -> Result<ImportSummary, StoreError> {
    let mut customers_new = 0;
    for rec in &batch.customers {
        let at_line = |e: StoreError| StoreError::Import(format!("line {}: {e}", rec.line));
        if import_customer(tx, &normalize_customer(&rec.customer).map_err(at_line)?).map_err(at_line)? {
            customers_new += 1;
        }
    }
    let themes = super::themes::import_themes(tx, &batch.themes)?;
    let mut cache = CustomerCache::default();
    let (items, item_counts) = import_items(tx, &batch.items, &mut cache)?;
    link_items(tx, batch, &items, &themes)?;
    let (hypotheses, hyp_counts) = import_hypotheses(tx, &batch.hypotheses, &items)?;
    let (bets, bet_counts) = import_bets(tx, &batch.bets, &items, &hypotheses)?;
    // Themes found by name count as present, so their decisions are checked
    // against the log before being appended again.
    let theme_ids: IdMap = themes.iter().map(|(&f, t)| (f, (t.0, true))).collect();
    let subjects = |kind: SubjectKind| match kind {
        SubjectKind::Item => &items,
        SubjectKind::Hypothesis => &hypotheses,
        SubjectKind::Bet => &bets,
        SubjectKind::Theme => &theme_ids,
    };
    let decisions = import_decisions(tx, &batch.decisions, subjects)?;
    let reviews = super::decision_log::import_reviews(tx, &batch.reviews)?;
    Ok(ImportSummary {
        items_new: item_counts.new,
        items_present: item_counts.present,
        hypotheses_new: hyp_counts.new,
        hypotheses_present: hyp_counts.present,
        bets_new: bet_counts.new,
        bets_present: bet_counts.present,
        decisions_new: decisions.new,
        decisions_present: decisions.present,
        customers_new: customers_new + cache.created,
        reviews_new: reviews.new,
        reviews_present: reviews.present,
    })
}

fn import_items(
    tx: &Transaction<'_>,
    records: &[ImportedItem],
    customers: &mut CustomerCache,
) -> Result<(IdMap, Counts), StoreError> {
    let mut ids = IdMap::new();
    let mut counts = Counts::default();
    for rec in records {
        let at_line = |e: StoreError| StoreError::Import(format!("line {}: {e}", rec.line));
        let (item, key) = clean_record(rec).map_err(at_line)?;
        let (id, present) = match find_by_key(tx, &key)? {
            Some(id) => (id, true),
            None => {
                let wanted = match rec.file_id {
                    Some(fid) if !id_taken(tx, "items", fid)? => Some(fid),
                    _ => None,
                };
                let id = insert_item(tx, &item, &key, wanted, customers).map_err(at_line)?;
                // An item arriving as waiting has been waiting since its last
                // change as far as anyone knows: its resolve clock is paused.
                tx.execute(
                    "UPDATE items SET waiting_since = updated_at WHERE id = ?1 AND status = 'waiting'",
                    [id.0],
                )?;
                (id, false)
            }
        };
        counts.record(&mut ids, rec.file_id, id.0, present);
    }
    Ok((ids, counts))
}

/// Appends decisions, their subjects mapped through `subjects`. A decision
/// about a subject that was already present is skipped when the log holds
/// exactly it already.
fn import_decisions<'m>(
    tx: &Transaction<'_>,
    records: &[ImportedDecision],
    subjects: impl Fn(SubjectKind) -> &'m IdMap + Copy,
) -> Result<Counts, StoreError> {
    let mut counts = Counts::default();
    let mut ids = IdMap::new();
    for rec in records {
        let at_line = |e: StoreError| StoreError::Import(format!("line {}: {e}", rec.line));
        let links = super::decision_log::map_links(&rec.links, &ids, &subjects).map_err(at_line)?;
        let kind = rec.decision.subject;
        let Some(&(subject_id, subject_present)) = subjects(kind).get(&rec.decision.subject_id) else {
            return Err(at_line(StoreError::invalid(
                "subject_id",
                format!(
                    "refers to {} {} which is not in the file",
                    kind.as_str(),
                    rec.decision.subject_id
                ),
            )));
        };
        let decision = NewDecision {
            subject_id,
            ..rec.decision.clone()
        };
        if subject_present && let Some(id) = super::decision_log::find_existing(tx, &decision, rec.at)? {
            counts.record(&mut ids, rec.file_id, id, true);
            continue;
        }
        let wanted = match rec.file_id {
            Some(fid) if !id_taken(tx, "decisions", fid)? => Some(fid),
            _ => None,
        };
        let id = super::decision_log::insert_logged(tx, &decision, &links, rec.at, wanted).map_err(at_line)?;
        counts.record(&mut ids, rec.file_id, id, false);
    }
    Ok(counts)
}

/// Sets the duplicate and theme links of the items this import added, by
/// the file's ids. Items already present keep theirs: re-importing changes
/// nothing.
fn link_items(
    tx: &Transaction<'_>,
    batch: &ImportBatch,
    ids: &IdMap,
    themes: &HashMap<i64, ThemeId>,
) -> Result<(), StoreError> {
    for rec in batch
        .items
        .iter()
        .filter(|r| r.duplicate_of.is_some() || r.theme_id.is_some())
    {
        let at_line = |field: &str, what: &str, id: i64| {
            StoreError::Import(format!(
                "line {}: {field}: refers to {what} {id} which is not in the file",
                rec.line
            ))
        };
        let Some(&(id, false)) = rec.file_id.and_then(|f| ids.get(&f)) else {
            continue;
        };
        let duplicate_of = match rec.duplicate_of {
            Some(d) => Some(ids.get(&d).ok_or_else(|| at_line("duplicate_of", "item", d))?.0),
            None => None,
        };
        let theme = match rec.theme_id {
            Some(t) => Some(*themes.get(&t).ok_or_else(|| at_line("theme_id", "theme", t))?),
            None => None,
        };
        tx.execute(
            "UPDATE items SET duplicate_of = ?2, theme_id = ?3 WHERE id = ?1",
            rusqlite::params![id, duplicate_of, theme.map(|t| t.0)],
        )?;
    }
    Ok(())
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

pub(crate) fn id_taken(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(tx.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}
