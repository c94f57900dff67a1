//! The undo/redo journal. Every user action runs through [`Store::act`]: one
//! IMMEDIATE transaction that applies the change and records, in the same
//! commit, a JSON image of every item row it touched before and after. Undo
//! puts the before images back, redo the after images; both are journaled in
//! the database, so they survive a restart.
//!
//! Images are built from `SELECT *`, so columns added by later migrations are
//! covered without touching this file. Undo refuses when a row no longer
//! matches its after image (another session changed it since): it never
//! overwrites someone else's work. Decisions are never edited or removed:
//! undoing an action that produced decisions appends `revoke` decisions, and
//! redoing it appends the decisions again.

use chrono::{DateTime, Utc};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};

use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::{DecisionKind, ItemId, NewDecision};

/// History kept; older groups are dropped (the decision log is unaffected).
const MAX_GROUPS: i64 = 5_000;

/// Collects what one action touched, inside its transaction.
#[derive(Default)]
pub(crate) struct Recorder {
    rows: Vec<(ItemId, Option<Value>)>,
    decisions: Vec<i64>,
}

impl Recorder {
    /// Call before changing an item: remembers its image once.
    pub(crate) fn touch(&mut self, tx: &Transaction<'_>, id: ItemId) -> Result<(), StoreError> {
        if !self.rows.iter().any(|(r, _)| *r == id) {
            let before = image(tx, id)?.ok_or(StoreError::NoSuchItem(id))?;
            self.rows.push((id, Some(before)));
        }
        Ok(())
    }

    /// Call after inserting an item: undo will remove it.
    pub(crate) fn inserted(&mut self, id: ItemId) {
        self.rows.push((id, None));
    }

    pub(crate) fn decided(&mut self, decision_id: i64) {
        self.decisions.push(decision_id);
    }
}

/// What undo or redo did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    pub label: String,
    pub items: Vec<ItemId>,
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
            for (id, before) in &rec.rows {
                let after = image(tx, *id)?;
                tx.prepare_cached("INSERT INTO undo_rows (group_id, item_id, before, after) VALUES (?1, ?2, ?3, ?4)")?
                    .execute(params![
                        group,
                        id.0,
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
    let mut stmt = tx.prepare("SELECT item_id, before, after FROM undo_rows WHERE group_id = ?1 ORDER BY rowid")?;
    let rows: Vec<(i64, Option<String>, Option<String>)> = stmt
        .query_map([group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut items = Vec::new();
    // Undo walks the rows backwards so several changes to one row unwind in order.
    let ordered: Vec<_> = if dir == Direction::Undo {
        rows.into_iter().rev().collect()
    } else {
        rows
    };
    for (item, before, after) in ordered {
        let id = ItemId(item);
        let (expect, target) = match dir {
            Direction::Undo => (after, before),
            Direction::Redo => (before, after),
        };
        let current = image(tx, id)?.map(|v| v.to_string());
        if normalize(current.as_deref()) != normalize(expect.as_deref()) {
            return Err(StoreError::invalid(
                "undo",
                format!("{id} changed since \"{label}\" (another session?); nothing was undone"),
            ));
        }
        restore(tx, id, target.as_deref())?;
        items.push(id);
    }
    replay_decisions(tx, group, dir, &label, by, now)?;
    let state = if dir == Direction::Undo { "undone" } else { "done" };
    tx.execute("UPDATE undo_groups SET state = ?2 WHERE id = ?1", params![group, state])?;
    Ok(Some(UndoOutcome { label, items }))
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

/// The item row (every column) and its tags as one JSON object.
fn image(tx: &Transaction<'_>, id: ItemId) -> Result<Option<Value>, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT * FROM items WHERE id = ?1")?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let row = stmt
        .query_row([id.0], |r| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                map.insert(name.clone(), json_of(r.get_ref(i)?));
            }
            Ok(map)
        })
        .optional()?;
    let Some(mut map) = row else { return Ok(None) };
    let tags: Vec<Value> = tx
        .prepare_cached("SELECT tag FROM item_tags WHERE item_id = ?1 ORDER BY tag")?
        .query_map([id.0], |r| r.get::<_, String>(0))?
        .map(|t| t.map(Value::String))
        .collect::<Result<_, _>>()?;
    map.insert("__tags".into(), Value::Array(tags));
    Ok(Some(Value::Object(map)))
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
    }
}

fn sql_of(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0)), SqlValue::Integer),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Makes the row equal to `image`: deletes it for `None`, else upserts every
/// column and replaces the tags.
fn restore(tx: &Transaction<'_>, id: ItemId, image: Option<&str>) -> Result<(), StoreError> {
    let Some(text) = image else {
        tx.execute("DELETE FROM items WHERE id = ?1", [id.0])?;
        return Ok(());
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return Err(StoreError::invalid(
            "undo",
            format!("the journal entry for {id} is damaged"),
        ));
    };
    let columns: Vec<(&String, &Value)> = map.iter().filter(|(k, _)| !k.starts_with("__")).collect();
    let values: Vec<SqlValue> = columns.iter().map(|(_, v)| sql_of(v)).collect();
    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)", [id.0], |r| {
        r.get(0)
    })?;
    // UPDATE in place when the row exists: a REPLACE would delete it first and
    // cascade into every table that references items.
    let sql = if exists {
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, (k, _))| format!("{k} = ?{}", i + 1))
            .collect();
        format!("UPDATE items SET {} WHERE id = {}", sets.join(", "), id.0)
    } else {
        let names: Vec<&str> = columns.iter().map(|(k, _)| k.as_str()).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        format!("INSERT INTO items ({}) VALUES ({})", names.join(", "), marks.join(", "))
    };
    tx.execute(&sql, rusqlite::params_from_iter(values))?;
    tx.execute("DELETE FROM item_tags WHERE item_id = ?1", [id.0])?;
    if let Some(Value::Array(tags)) = map.get("__tags") {
        for tag in tags.iter().filter_map(Value::as_str) {
            tx.execute(
                "INSERT INTO item_tags (item_id, tag) VALUES (?1, ?2)",
                params![id.0, tag],
            )?;
        }
    }
    Ok(())
}
