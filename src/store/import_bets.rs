//! Importing hypotheses and bets, inside the import's one transaction. Their
//! evidence and hypothesis references are file ids, mapped to database ids
//! through the items and hypotheses read before them; a reference to a record
//! the file does not hold is refused with its line.
//!
//! Identity is the frozen `key` an export carries; a hand-written record
//! without one is identified by a hash of its text, as keyless items are. A
//! record already present is counted and skipped, so re-importing a file adds
//! nothing.

use rusqlite::{OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use super::StoreError;
use super::bet_rows::{check_inputs, clean_opt, clean_title, insert_bet};
use super::evidence::{BET_LINKS, HYPOTHESIS_LINKS, link};
use super::hypotheses::{clean_statement, insert_hypothesis};
use super::transfer::id_taken;
use crate::domain::{Bet, Hypothesis, HypothesisId, ItemId};

/// One hypothesis read from a file; `evidence` holds the file's item ids.
#[derive(Debug, Clone)]
pub struct ImportedHypothesis {
    pub line: usize,
    pub file_id: Option<i64>,
    pub key: Option<String>,
    /// Its `id` is ignored.
    pub hypothesis: Hypothesis,
}

/// One bet read from a file; `hypothesis` and `evidence` hold file ids.
#[derive(Debug, Clone)]
pub struct ImportedBet {
    pub line: usize,
    pub file_id: Option<i64>,
    pub key: Option<String>,
    /// Its `id` is ignored.
    pub bet: Bet,
}

/// File id → (database id, whether the record was already present).
pub(crate) type IdMap = HashMap<i64, (i64, bool)>;

/// New and already-present records of one kind.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub new: usize,
    pub present: usize,
}

impl Counts {
    /// Counts one record and remembers where its file id went.
    pub(crate) fn record(&mut self, ids: &mut IdMap, file_id: Option<i64>, id: i64, present: bool) {
        if present {
            self.present += 1;
        } else {
            self.new += 1;
        }
        if let Some(f) = file_id {
            ids.insert(f, (id, present));
        }
    }
}

/// Adds every hypothesis not yet present, with its evidence.
pub(crate) fn import_hypotheses(
    tx: &Transaction<'_>,
    records: &[ImportedHypothesis],
    items: &IdMap,
) -> Result<(IdMap, Counts), StoreError> {
    let mut ids = IdMap::new();
    let mut counts = Counts::default();
    for rec in records {
        let at_line = |e: StoreError| StoreError::Import(format!("line {}: {e}", rec.line));
        let h = Hypothesis {
            statement: clean_statement(&rec.hypothesis.statement).map_err(at_line)?,
            ..rec.hypothesis.clone()
        };
        let evidence = map_items(&h.evidence, items).map_err(at_line)?;
        let key = rec
            .key
            .clone()
            .unwrap_or_else(|| content_key("hypothesis", &h.statement));
        let (id, present) = match find_key(tx, "hypotheses", &key)? {
            Some(id) => (id, true),
            None => {
                let wanted = free_id(tx, "hypotheses", rec.file_id)?;
                let id = insert_hypothesis(tx, &h, Some(&key), wanted).map_err(at_line)?;
                link(tx, HYPOTHESIS_LINKS, id.0, &evidence).map_err(at_line)?;
                (id.0, false)
            }
        };
        counts.record(&mut ids, rec.file_id, id, present);
    }
    Ok((ids, counts))
}

/// Adds every bet not yet present, with its evidence and hypothesis.
pub(crate) fn import_bets(
    tx: &Transaction<'_>,
    records: &[ImportedBet],
    items: &IdMap,
    hypotheses: &IdMap,
) -> Result<(IdMap, Counts), StoreError> {
    let mut ids = IdMap::new();
    let mut counts = Counts::default();
    for rec in records {
        let at_line = |e: StoreError| StoreError::Import(format!("line {}: {e}", rec.line));
        let bet = clean_bet(&rec.bet, hypotheses).map_err(at_line)?;
        let evidence = map_items(&bet.evidence, items).map_err(at_line)?;
        let key = rec.key.clone().unwrap_or_else(|| content_key("bet", &bet.title));
        let (id, present) = match find_key(tx, "bets", &key)? {
            Some(id) => (id, true),
            None => {
                let wanted = free_id(tx, "bets", rec.file_id)?;
                let id = insert_bet(tx, &bet, Some(&key), wanted).map_err(at_line)?;
                link(tx, BET_LINKS, id.0, &evidence).map_err(at_line)?;
                (id.0, false)
            }
        };
        counts.record(&mut ids, rec.file_id, id, present);
    }
    Ok((ids, counts))
}

/// Sanitizes an imported bet, checks its inputs and maps its hypothesis.
fn clean_bet(bet: &Bet, hypotheses: &IdMap) -> Result<Bet, StoreError> {
    let hypothesis = match bet.hypothesis {
        None => None,
        Some(file_id) => {
            let &(id, _) = hypotheses.get(&file_id.0).ok_or_else(|| {
                StoreError::invalid(
                    "hypothesis_id",
                    format!("refers to hypothesis {} which is not in the file", file_id.0),
                )
            })?;
            Some(HypothesisId(id))
        }
    };
    Ok(Bet {
        title: clean_title(&bet.title)?,
        owner: clean_opt(bet.owner.as_deref()),
        metric: clean_opt(bet.metric.as_deref()),
        inputs: check_inputs(&bet.inputs)?,
        hypothesis,
        ..bet.clone()
    })
}

/// File item ids → database item ids.
fn map_items(file_ids: &[ItemId], items: &IdMap) -> Result<Vec<ItemId>, StoreError> {
    file_ids
        .iter()
        .map(|f| {
            items
                .get(&f.0)
                .map(|&(id, _)| ItemId(id))
                .ok_or_else(|| StoreError::invalid("items", format!("refers to item {} which is not in the file", f.0)))
        })
        .collect()
}

/// The file's id when the database does not use it yet.
fn free_id(tx: &Transaction<'_>, table: &str, file_id: Option<i64>) -> Result<Option<i64>, StoreError> {
    match file_id {
        Some(fid) if !id_taken(tx, table, fid)? => Ok(Some(fid)),
        _ => Ok(None),
    }
}

fn find_key(tx: &Transaction<'_>, table: &str, key: &str) -> Result<Option<i64>, StoreError> {
    let sql = format!("SELECT id FROM {table} WHERE key = ?1");
    Ok(tx.prepare_cached(&sql)?.query_row([key], |r| r.get(0)).optional()?)
}

/// The identity of a keyless record: a hash of its kind and text.
fn content_key(kind: &str, text: &str) -> String {
    let mut h = Sha256::new();
    for part in [kind, text] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let hex: String = h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("hash:{hex}")
}
