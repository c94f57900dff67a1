//! Which items this connection changed since someone last asked: the TUI's
//! breach set is re-judged for those ids only instead of every open S1/S2
//! clock (3.8 ms per reload at 100k). Temporary triggers on `items` record
//! the ids into a temporary table, so every write verb is covered without
//! each one having to report what it touched, and a rolled-back transaction
//! leaves no record (the temporary table is part of the transaction).
//! Temporary objects belong to this connection alone: another process's
//! commits are not recorded; `PRAGMA data_version` tells about those.

use super::{Store, StoreError};
use crate::domain::ItemId;

/// The table and triggers; `IF NOT EXISTS` makes installing idempotent.
const INSTALL: &str = "\
    CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY);
    CREATE TEMP TRIGGER IF NOT EXISTS touched_insert AFTER INSERT ON main.items
        BEGIN INSERT OR IGNORE INTO temp.touched (id) VALUES (new.id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS touched_update AFTER UPDATE ON main.items
        BEGIN INSERT OR IGNORE INTO temp.touched (id) VALUES (new.id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS touched_delete AFTER DELETE ON main.items
        BEGIN INSERT OR IGNORE INTO temp.touched (id) VALUES (old.id); END;";

impl Store {
    /// Starts recording the ids of items this connection inserts, updates or
    /// deletes (see [`Store::take_touched`]). Calling it again changes nothing.
    pub fn track_touched(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(INSTALL)?;
        Ok(())
    }

    /// The ids recorded since the last call (ascending), forgetting them.
    /// Empty when tracking was never started.
    pub fn take_touched(&self) -> Result<Vec<ItemId>, StoreError> {
        let installed: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'touched')",
            [],
            |r| r.get(0),
        )?;
        if !installed {
            return Ok(Vec::new());
        }
        // Only the connection's temporary database is written: no write
        // lock on the file, so this never waits for another process.
        let mut stmt = self.conn.prepare_cached("DELETE FROM temp.touched RETURNING id")?;
        let mut ids: Vec<ItemId> = stmt
            .query_map([], |r| Ok(ItemId(r.get(0)?)))?
            .collect::<Result<_, _>>()?;
        ids.sort();
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use crate::domain::{NewItem, Severity, Status};
    use crate::store::Store;

    fn add(store: &mut Store, title: &str) -> crate::domain::ItemId {
        let new = NewItem {
            title: title.to_string(),
            ..Default::default()
        };
        store.add_item(&new, Utc::now()).unwrap().id
    }

    #[test]
    fn records_what_this_connection_changes_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        let before = add(&mut store, "before tracking");
        assert!(
            store.take_touched().unwrap().is_empty(),
            "nothing until tracking starts"
        );
        store.track_touched().unwrap();
        store.track_touched().unwrap();
        let a = add(&mut store, "a");
        let b = add(&mut store, "b");
        assert_eq!(store.take_touched().unwrap(), vec![a, b], "inserts");
        assert!(store.take_touched().unwrap().is_empty(), "taking forgets");
        store.set_severity(&[before, b], Severity::S1, Utc::now()).unwrap();
        store.set_status(&[b], Status::Accepted, Utc::now()).unwrap();
        assert_eq!(store.take_touched().unwrap(), vec![before, b], "updates, each id once");
        store.undo("t", Utc::now()).unwrap();
        assert_eq!(store.take_touched().unwrap(), vec![b], "undo rewrites rows too");
        // Another connection's commit is not recorded here.
        let mut other = Store::open(&path).unwrap();
        other.set_severity(&[a], Severity::S2, Utc::now()).unwrap();
        assert!(store.take_touched().unwrap().is_empty());
        // A rolled-back transaction takes its records with it.
        store
            .conn
            .execute_batch(&format!(
                "BEGIN IMMEDIATE; UPDATE items SET title = 'x' WHERE id = {}; ROLLBACK;",
                a.0
            ))
            .unwrap();
        assert!(store.take_touched().unwrap().is_empty());
    }
}
