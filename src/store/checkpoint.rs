//! When this connection copies the write-ahead log back into the database
//! file. SQLite does it inside whichever commit crosses 1,000 WAL pages: with
//! synchronous=FULL that commit also syncs the file: one triage key in
//! ~150–300 took 47–62 ms at 100k instead of ~5. The TUI moves that work to
//! its idle tick instead;
//! durability is unchanged (a commit is durable once its WAL frames are
//! synced, which FULL still does on every commit).

use super::{Store, StoreError};

/// Past this many WAL pages a commit checkpoints anyway (SQLite's default
/// is 1,000), so a session that never idles still bounds the log (~40 MB).
const CEILING_PAGES: i64 = 10_000;

impl Store {
    /// Lets this connection's commits leave checkpoints to [`Store::checkpoint`]
    /// until the log reaches a ceiling. Other connections keep their own setting.
    pub fn defer_checkpoints(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "wal_autocheckpoint", CEILING_PAGES)?;
        Ok(())
    }

    /// Copies what it can of the log into the file without waiting for
    /// readers or writers (PASSIVE); returns the pages left in the log.
    pub fn checkpoint(&self) -> Result<i64, StoreError> {
        let (log, done): (i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(1)?, r.get(2)?)))?;
        Ok((log - done).max(0))
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    /// ~1,500 pages in one commit: past SQLite's 1,000-page checkpoint.
    const BIG: &str = "CREATE TABLE IF NOT EXISTS bulk (b BLOB); \
        WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1500) \
        INSERT INTO bulk SELECT randomblob(3000) FROM c;";

    fn file_len(path: &std::path::Path) -> u64 {
        std::fs::metadata(path).unwrap().len()
    }

    #[test]
    fn deferred_pages_reach_the_file_on_checkpoint_not_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        // By default the big commit checkpoints itself: the file grows.
        let plain = Store::open(&path).unwrap();
        let before = file_len(&path);
        plain.conn.execute_batch(BIG).unwrap();
        assert!(file_len(&path) > before + 3_000_000);
        drop(plain);
        // Deferred: the commit leaves the pages in the log...
        let store = Store::open(&path).unwrap();
        store.defer_checkpoints().unwrap();
        let before = file_len(&path);
        store.conn.execute_batch(BIG).unwrap();
        assert_eq!(file_len(&path), before, "the commit did not checkpoint");
        // ...until the tick copies them, leaving nothing behind.
        assert_eq!(store.checkpoint().unwrap(), 0);
        assert!(file_len(&path) > before + 3_000_000);
    }
}
