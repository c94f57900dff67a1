//! Schema step 5 as code: the customers table created from the free-text
//! customer names already on items (SQL alone cannot pick each name's first
//! spelling and first segment), items pointed at it, the old column dropped.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::StoreError;
use crate::domain::customer_key;

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

/// Step 5: one customer per case-insensitive name found on items (its first
/// spelling, and the first segment seen with it), items pointing at it, and
/// the old free-text column dropped so the name lives in one place.
pub(super) fn customers_step(tx: &Transaction<'_>) -> Result<(), StoreError> {
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
