//! The undo/redo journal. Every user action runs through [`Store::act`]: one
//! IMMEDIATE transaction that applies the change and records, in the same
//! commit, a JSON image of every row it touched (items, hypotheses, bets, with
//! their tags and evidence links) before and after. Undo puts the before
//! images back, redo the after images; both are journaled in the database, so
//! they survive a restart.
//!
//! Images are built from `SELECT *` (see `image.rs`), so columns added by
//! later migrations are covered without touching this file. Undo refuses when a row no longer
//! matches its after image (another session changed it since): it never
//! overwrites someone else's work. Decisions are never edited or removed:
//! undoing an action that produced decisions appends `revoke` decisions, and
//! redoing it appends the decisions again.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use super::image::{Journaled, Table, image, restore};
use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::{BetId, DecisionKind, HypothesisId, ItemId, NewDecision};

/// History kept; older groups are dropped (the decision log is unaffected).
const MAX_GROUPS: i64 = 5_000;

/// Collects what one action touched, inside its transaction.
#[derive(Default)]
pub(crate) struct Recorder {
    rows: Vec<(Table, i64, Option<Value>)>,
    decisions: Vec<i64>,
}

impl Recorder {
    /// Call before changing a row (item, hypothesis, bet): remembers its image
    /// once. Fails with the id's "no such" error when the row does not exist.
    pub(crate) fn touch<K: Journaled>(&mut self, tx: &Transaction<'_>, id: K) -> Result<(), StoreError> {
        let key = (K::TABLE, id.raw());
        if !self.rows.iter().any(|(t, r, _)| (*t, *r) == key) {
            let before = image(tx, K::TABLE, id.raw())?.ok_or_else(|| id.missing())?;
            self.rows.push((K::TABLE, id.raw(), Some(before)));
        }
        Ok(())
    }

    /// Call after inserting a row: undo will remove it.
    pub(crate) fn inserted<K: Journaled>(&mut self, id: K) {
        self.rows.push((K::TABLE, id.raw(), None));
    }

    pub(crate) fn decided(&mut self, decision_id: i64) {
        self.decisions.push(decision_id);
    }
}

/// What undo or redo did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UndoOutcome {
    pub label: String,
    pub items: Vec<ItemId>,
    pub hypotheses: Vec<HypothesisId>,
    pub bets: Vec<BetId>,
}

impl UndoOutcome {
    fn restored(&mut self, table: Table, id: i64) {
        match table {
            Table::Items => self.items.push(ItemId(id)),
            Table::Hypotheses => self.hypotheses.push(HypothesisId(id)),
            Table::Bets => self.bets.push(BetId(id)),
        }
    }
}

impl Store {
    /// Runs one user action: `f` applies it (calling `touch`/`inserted` on the
    /// recorder), and the journal entry is written in the same transaction.
    /// A new action clears the redo stack.
    pub(crate) fn act<T>(
        &mut self,
        label: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&Transaction<'_>, &mut Recorder) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write(|tx| {
            let mut rec = Recorder::default();
            let value = f(tx, &mut rec)?;
            if rec.rows.is_empty() && rec.decisions.is_empty() {
                return Ok(value);
            }
            tx.execute("DELETE FROM undo_groups WHERE state = 'undone'", [])?;
            tx.execute(
                "INSERT INTO undo_groups (label, at, state) VALUES (?1, ?2, 'done')",
                params![label, to_db(now)],
            )?;
            let group = tx.last_insert_rowid();
            for (table, id, before) in &rec.rows {
                let after = image(tx, *table, *id)?;
                tx.prepare_cached(
                    "INSERT INTO undo_rows (group_id, tbl, row_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    group,
                    table.name(),
                    id,
                    before.as_ref().map(Value::to_string),
                    after.map(|a| a.to_string())
                ])?;
            }
            for d in &rec.decisions {
                tx.execute(
                    "INSERT INTO undo_decisions (group_id, decision_id) VALUES (?1, ?2)",
                    params![group, d],
                )?;
            }
            tx.execute("DELETE FROM undo_groups WHERE id <= ?1", [group - MAX_GROUPS])?;
            Ok(value)
        })
    }

    /// Undoes the latest action. `Ok(None)` when there is nothing to undo.
    pub fn undo(&mut self, by: &str, now: DateTime<Utc>) -> Result<Option<UndoOutcome>, StoreError> {
        self.write(|tx| step(tx, Direction::Undo, by, now))
    }

    /// Redoes the latest undone action. `Ok(None)` when there is nothing to redo.
    pub fn redo(&mut self, by: &str, now: DateTime<Utc>) -> Result<Option<UndoOutcome>, StoreError> {
        self.write(|tx| step(tx, Direction::Redo, by, now))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

fn step(tx: &Transaction<'_>, dir: Direction, by: &str, now: DateTime<Utc>) -> Result<Option<UndoOutcome>, StoreError> {
    let sql = match dir {
        Direction::Undo => "SELECT id, label FROM undo_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1",
        Direction::Redo => "SELECT id, label FROM undo_groups WHERE state = 'undone' ORDER BY id LIMIT 1",
    };
    let Some((group, label)) = tx
        .query_row(sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = tx.prepare("SELECT tbl, row_id, before, after FROM undo_rows WHERE group_id = ?1 ORDER BY rowid")?;
    let rows: Vec<(String, i64, Option<String>, Option<String>)> = stmt
        .query_map([group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut outcome = UndoOutcome {
        label: label.clone(),
        ..UndoOutcome::default()
    };
    // Undo walks the rows backwards so several changes to one row unwind in order.
    let ordered: Vec<_> = if dir == Direction::Undo {
        rows.into_iter().rev().collect()
    } else {
        rows
    };
    for (name, id, before, after) in ordered {
        let Some(table) = Table::from_name(&name) else {
            return Err(StoreError::invalid(
                "undo",
                format!("the journal names an unknown table {name:?}; nothing was undone"),
            ));
        };
        let (expect, target) = match dir {
            Direction::Undo => (after, before),
            Direction::Redo => (before, after),
        };
        let current = image(tx, table, id)?.map(|v| v.to_string());
        if !same_row(current.as_deref(), expect.as_deref()) {
            return Err(StoreError::invalid(
                "undo",
                format!(
                    "{} changed since \"{label}\" (another session?); nothing was undone",
                    table.describe(id)
                ),
            ));
        }
        restore(tx, table, id, target.as_deref())?;
        outcome.restored(table, id);
    }
    replay_decisions(tx, group, dir, &label, by, now)?;
    let state = if dir == Direction::Undo { "undone" } else { "done" };
    tx.execute("UPDATE undo_groups SET state = ?2 WHERE id = ?1", params![group, state])?;
    Ok(Some(outcome))
}

/// Undo appends a revoke for each decision the action made; redo appends the
/// original decisions again and remembers the new ids for the next undo.
fn replay_decisions(
    tx: &Transaction<'_>,
    group: i64,
    dir: Direction,
    label: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let ids: Vec<i64> = tx
        .prepare("SELECT decision_id FROM undo_decisions WHERE group_id = ?1 ORDER BY rowid")?
        .query_map([group], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut fresh = Vec::new();
    for id in ids {
        let Some(original) = super::decisions::get(tx, id)? else {
            continue;
        };
        let decision = match dir {
            Direction::Undo => NewDecision {
                kind: DecisionKind::Revoke,
                rationale: format!(
                    "undo of \"{label}\": revokes decision {id} ({})",
                    original.kind.as_str()
                ),
                decided_by: by.to_string(),
                ..original.as_new()
            },
            Direction::Redo => NewDecision {
                decided_by: by.to_string(),
                ..original.as_new()
            },
        };
        let new_id = super::decisions::insert(tx, &decision, now, None)?;
        fresh.push(if dir == Direction::Undo { id } else { new_id });
    }
    if dir == Direction::Redo {
        tx.execute("DELETE FROM undo_decisions WHERE group_id = ?1", [group])?;
        for id in fresh {
            tx.execute(
                "INSERT INTO undo_decisions (group_id, decision_id) VALUES (?1, ?2)",
                params![group, id],
            )?;
        }
    }
    Ok(())
}

/// Images compare as parsed JSON, so key order never matters.
fn normalize(image: Option<&str>) -> Option<Value> {
    image.and_then(|s| serde_json::from_str(s).ok())
}

/// Whether the row now is the row the journal expects. Only the columns the
/// journal entry knows are compared: a migration that added a column since
/// the entry was written must not make old actions impossible to undo.
fn same_row(current: Option<&str>, expected: Option<&str>) -> bool {
    match (normalize(current), normalize(expected)) {
        (Some(Value::Object(now)), Some(Value::Object(then))) => then
            .iter()
            .all(|(column, value)| now.get(column).is_none_or(|v| v == value)),
        (now, then) => now == then,
    }
}
