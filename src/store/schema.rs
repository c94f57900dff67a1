//! Schema migrations keyed on `PRAGMA user_version`. Each step runs in its own
//! transaction together with the version bump, so a crash mid-migration leaves
//! the database at the previous version, never in between. Steps are only ever
//! appended; a released step is never edited.

use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use std::collections::HashMap;

use super::StoreError;
use crate::domain::customer_key;

/// One migration step: plain SQL, or code when the data must be reshaped in
/// ways SQL alone cannot (Unicode case folding, for one).
enum Step {
    Sql(&'static str),
    Code(fn(&Transaction<'_>) -> Result<(), StoreError>),
}

/// Migration steps; step `i` takes the schema from version `i` to `i + 1`.
const STEPS: &[Step] = &[
    // 1: items, their tags, and the append-only decision log.
    Step::Sql(
        r#"
    CREATE TABLE items (
        id          INTEGER PRIMARY KEY,
        intake_key  TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL CHECK (length(title) > 0),
        body        TEXT NOT NULL DEFAULT '',
        customer    TEXT,
        segment     TEXT,
        category    TEXT,
        severity    INTEGER CHECK (severity BETWEEN 1 AND 4),
        status      TEXT NOT NULL CHECK (status IN
                      ('new','triaged','accepted','in_progress','waiting','snoozed','resolved','declined','duplicate')),
        owner       TEXT,
        source      TEXT NOT NULL,
        external_id TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        triaged_at  INTEGER,
        resolved_at INTEGER
    );
    CREATE TABLE item_tags (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL CHECK (length(tag) > 0),
        PRIMARY KEY (item_id, tag)
    ) WITHOUT ROWID;
    -- The inbox order: untriaged first, then worst severity, newest first.
    CREATE INDEX items_inbox ON items ((status <> 'new'), coalesce(severity, 5), created_at DESC, id DESC)
        WHERE status IN ('new','triaged','accepted','in_progress','waiting');
    CREATE INDEX items_status ON items (status);
    CREATE TABLE decisions (
        id           INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id   INTEGER NOT NULL,
        rationale    TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
        decided_by   TEXT NOT NULL
    );
    CREATE INDEX decisions_subject ON decisions (subject_kind, subject_id);
    -- The log is append-only: a correction is a new decision, never an edit.
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
    "#,
    ),
    // 2: customers become rows that items reference; items gain the severity
    // another tool suggested.
    Step::Code(customers_step),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every step the database has not seen yet.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies steps up to `target`. Public so tests and tools can build a
/// database of an older version and check that migrating it keeps its data.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: two processes opening a fresh file at
        // once must not both run the same step.
        let current = user_version(&tx)?;
        if current >= target {
            return Ok(());
        }
        let Some(step) = usize::try_from(current).ok().and_then(|i| STEPS.get(i)) else {
            return Ok(());
        };
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(f) => f(&tx)?,
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

const CUSTOMERS_SQL: &str = r#"
    CREATE TABLE customers (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL CHECK (length(name) > 0),
        -- The lower-cased name: one account, whatever the case of its spelling.
        name_key TEXT NOT NULL UNIQUE,
        segment  TEXT,
        tier     TEXT,
        arr      INTEGER CHECK (arr >= 0)
    );
    ALTER TABLE items ADD COLUMN customer_id INTEGER REFERENCES customers(id);
    ALTER TABLE items ADD COLUMN suggested_severity INTEGER CHECK (suggested_severity BETWEEN 1 AND 4);
    CREATE TEMP TABLE customer_names (name TEXT PRIMARY KEY, customer_id INTEGER NOT NULL);
"#;

/// Step 2: one customer per case-insensitive name found on items (its first
/// spelling, and the first segment seen with it), items pointing at it, and
/// the old free-text column dropped so the name lives in one place.
fn customers_step(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(CUSTOMERS_SQL)?;
    let mut by_key: HashMap<String, (i64, bool)> = HashMap::new();
    let mut read = tx.prepare("SELECT customer, segment FROM items WHERE customer IS NOT NULL ORDER BY id")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let (name, segment): (String, Option<String>) = (row.get(0)?, row.get(1)?);
        let key = customer_key(&name);
        let (id, has_segment) = match by_key.get(&key) {
            Some(&known) => known,
            None => {
                tx.execute(
                    "INSERT INTO customers (name, name_key, segment) VALUES (?1, ?2, ?3)",
                    params![name, key, segment],
                )?;
                (tx.last_insert_rowid(), segment.is_some())
            }
        };
        if !has_segment && segment.is_some() {
            tx.execute("UPDATE customers SET segment = ?2 WHERE id = ?1", params![id, segment])?;
        }
        by_key.insert(key, (id, has_segment || segment.is_some()));
        tx.execute(
            "INSERT OR IGNORE INTO customer_names (name, customer_id) VALUES (?1, ?2)",
            params![name, id],
        )?;
    }
    drop(rows);
    drop(read);
    tx.execute_batch(
        "UPDATE items SET customer_id = (SELECT customer_id FROM customer_names WHERE name = items.customer) \
           WHERE customer IS NOT NULL;
         DROP TABLE temp.customer_names;
         ALTER TABLE items DROP COLUMN customer;",
    )?;
    Ok(())
}
