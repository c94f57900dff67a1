//! Row images for the undo journal: one row of a journaled table (every
//! column, from `SELECT *`) plus its link rows (an item's tags, a bet's or a
//! hypothesis's evidence) as one JSON object, and putting such an image back.
//!
//! A table joins the journal by adding a [`Table`] variant, its link tables,
//! and a [`Journaled`] id type; columns added by later migrations are covered
//! without touching this file.

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value};

use super::StoreError;
use crate::domain::{BetId, HypothesisId, ItemId};

/// A table whose rows the undo journal images and restores. Stored by name
/// in `undo_rows.tbl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Items,
    Hypotheses,
    Bets,
}

/// Rows of a link table that belong to one row of a journaled table.
struct Links {
    table: &'static str,
    /// The column pointing at the owning row.
    owner: &'static str,
    /// The other column, kept in the image as a sorted list.
    value: &'static str,
    /// The image's key for the list; `__` marks it as not a column.
    key: &'static str,
}

impl Table {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Items => "items",
            Table::Hypotheses => "hypotheses",
            Table::Bets => "bets",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Table> {
        [Table::Items, Table::Hypotheses, Table::Bets]
            .into_iter()
            .find(|t| t.name() == name)
    }

    /// How a row is named in messages ("#12", "bet #3").
    pub(crate) fn describe(self, id: i64) -> String {
        match self {
            Table::Items => ItemId(id).to_string(),
            Table::Hypotheses => HypothesisId(id).to_string(),
            Table::Bets => BetId(id).to_string(),
        }
    }

    fn links(self) -> &'static [Links] {
        match self {
            // `__tags` is the key journals written before bets existed use.
            Table::Items => &[Links {
                table: "item_tags",
                owner: "item_id",
                value: "tag",
                key: "__tags",
            }],
            Table::Hypotheses => &[Links {
                table: "hypothesis_evidence",
                owner: "hypothesis_id",
                value: "item_id",
                key: "__evidence",
            }],
            Table::Bets => &[Links {
                table: "bet_evidence",
                owner: "bet_id",
                value: "item_id",
                key: "__evidence",
            }],
        }
    }
}

/// An id type whose rows are journaled.
pub(crate) trait Journaled: Copy {
    const TABLE: Table;
    fn raw(self) -> i64;
    /// The error for an id that names no row.
    fn missing(self) -> StoreError;
}

impl Journaled for ItemId {
    const TABLE: Table = Table::Items;
    fn raw(self) -> i64 {
        self.0
    }
    fn missing(self) -> StoreError {
        StoreError::NoSuchItem(self)
    }
}

impl Journaled for HypothesisId {
    const TABLE: Table = Table::Hypotheses;
    fn raw(self) -> i64 {
        self.0
    }
    fn missing(self) -> StoreError {
        StoreError::NoSuchHypothesis(self)
    }
}

impl Journaled for BetId {
    const TABLE: Table = Table::Bets;
    fn raw(self) -> i64 {
        self.0
    }
    fn missing(self) -> StoreError {
        StoreError::NoSuchBet(self)
    }
}

/// The row (every column) and its link rows as one JSON object; `None` when
/// the row does not exist.
pub(crate) fn image(tx: &Transaction<'_>, table: Table, id: i64) -> Result<Option<Value>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", table.name()))?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let row = stmt
        .query_row([id], |r| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                map.insert(name.clone(), json_of(r.get_ref(i)?));
            }
            Ok(map)
        })
        .optional()?;
    let Some(mut map) = row else { return Ok(None) };
    for link in table.links() {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = ?1 ORDER BY 1",
            link.value, link.table, link.owner
        );
        let values: Vec<Value> = tx
            .prepare_cached(&sql)?
            .query_map([id], |r| Ok(json_of(r.get_ref(0)?)))?
            .collect::<Result<_, _>>()?;
        map.insert(link.key.into(), Value::Array(values));
    }
    Ok(Some(Value::Object(map)))
}

/// Makes the row equal to `image`: deletes it for `None` (its links go with
/// it), else upserts every column and replaces its links.
pub(crate) fn restore(tx: &Transaction<'_>, table: Table, id: i64, image: Option<&str>) -> Result<(), StoreError> {
    let name = table.name();
    let Some(text) = image else {
        tx.execute(&format!("DELETE FROM {name} WHERE id = ?1"), [id])?;
        return Ok(());
    };
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return Err(StoreError::invalid(
            "undo",
            format!("the journal entry for {} is damaged", table.describe(id)),
        ));
    };
    let map = upgrade(tx, table, map)?;
    let known = table_columns(tx, name)?;
    let columns: Vec<(&String, &Value)> = map
        .iter()
        .filter(|(k, _)| !k.starts_with("__") && known.contains(k.as_str()))
        .collect();
    let values: Vec<SqlValue> = columns.iter().map(|(_, v)| sql_of(v)).collect();
    let exists: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {name} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?;
    // UPDATE in place when the row exists: a REPLACE would delete it first and
    // cascade into every table that references it.
    let sql = if exists {
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, (k, _))| format!("\"{k}\" = ?{}", i + 1))
            .collect();
        format!("UPDATE {name} SET {} WHERE id = {id}", sets.join(", "))
    } else {
        let names: Vec<String> = columns.iter().map(|(k, _)| format!("\"{k}\"")).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO {name} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        )
    };
    tx.execute(&sql, rusqlite::params_from_iter(values))?;
    for link in table.links() {
        restore_links(tx, link, id, map.get(link.key))?;
    }
    Ok(())
}

/// The columns `table` has now: an image written by an older schema may
/// name a column a migration has since dropped.
fn table_columns(tx: &Transaction<'_>, name: &str) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!("SELECT name FROM pragma_table_info('{name}')"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// Carries an item image from before customers became rows (schema 5): its
/// free-text `customer` becomes the `customer_id` of that customer.
fn upgrade(
    tx: &Transaction<'_>,
    table: Table,
    mut map: serde_json::Map<String, Value>,
) -> Result<serde_json::Map<String, Value>, StoreError> {
    if table != Table::Items || map.contains_key("customer_id") {
        return Ok(map);
    }
    if let Some(Value::String(name)) = map.remove("customer") {
        let segment = map.get("segment").and_then(Value::as_str).map(str::to_string);
        let id = super::customers::CustomerCache::default().resolve(tx, &name, segment.as_deref())?;
        map.insert("customer_id".to_string(), Value::from(id.0));
    }
    Ok(map)
}

fn restore_links(tx: &Transaction<'_>, link: &Links, id: i64, values: Option<&Value>) -> Result<(), StoreError> {
    tx.execute(&format!("DELETE FROM {} WHERE {} = ?1", link.table, link.owner), [id])?;
    let Some(Value::Array(values)) = values else {
        return Ok(());
    };
    let sql = format!(
        "INSERT INTO {} ({}, {}) VALUES (?1, ?2)",
        link.table, link.owner, link.value
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    for value in values {
        stmt.execute(rusqlite::params![id, sql_of(value)])?;
    }
    Ok(())
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
