//! What keeps list lengths and the header's counts from scanning the table:
//! per-status counts kept by triggers (`item_counts`, schema step 7), and the
//! set of rows a list leaves out (the pinned breaches) held in a temporary
//! table when it is large, so list queries keep one cached SQL text instead
//! of inlining thousands of ids (125 ms per inbox reload at 100k).

use std::collections::HashMap;

use super::lists::{ListSource, OPEN_STATUSES};
use super::{Store, StoreError};
use crate::domain::ItemId;

/// Up to this many excluded ids are written into the SQL itself.
const INLINE_IDS: usize = 32;

impl Store {
    /// Items per status (statuses without items may be missing or zero).
    pub(crate) fn status_counts(&self) -> Result<HashMap<String, usize>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT status, n FROM item_counts")?;
        let rows = stmt.query_map([], |r| {
            let n: i64 = r.get(1)?;
            Ok((r.get::<_, String>(0)?, usize::try_from(n).unwrap_or(0)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The length of `source` without `exclude`, from the kept counts.
    /// Every excluded id must be in the list (the inbox's pinned breaches are
    /// open items read in the same reload): checking each by id cost 13–21 ms
    /// for the ~5k pinned at 100k. `None` for a list the counts cannot answer.
    pub(crate) fn counted_length(&self, source: ListSource, exclude: &[ItemId]) -> Result<Option<usize>, StoreError> {
        let statuses: Vec<&str> = match source {
            ListSource::Inbox => OPEN_STATUSES.to_vec(),
            ListSource::Column(status) => vec![status.as_str()],
            // The filter's matches are not counted by status: the caller counts.
            ListSource::FilteredInbox | ListSource::FilteredColumn(_) => return Ok(None),
        };
        let by_status = self.status_counts()?;
        let total: usize = statuses.iter().filter_map(|s| by_status.get(*s)).sum();
        Ok(Some(total.saturating_sub(exclude.len())))
    }

    /// `AND id NOT IN (…)` for rows shown elsewhere (pinned at the top).
    pub(crate) fn excluding(&self, ids: &[ItemId]) -> Result<String, StoreError> {
        if ids.is_empty() {
            return Ok(String::new());
        }
        Ok(format!(" AND id NOT IN ({})", self.id_set(ids)?))
    }

    /// `ids` as the inside of an SQL `IN (…)`: the ids themselves when few
    /// (integers, so safe to inline), else a query over a temporary table
    /// brought up to date only when the set changed.
    fn id_set(&self, ids: &[ItemId]) -> Result<String, StoreError> {
        if ids.len() <= INLINE_IDS {
            let list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
            return Ok(list.join(","));
        }
        let mut synced = self.excluded.borrow_mut();
        if synced.as_slice() != ids {
            // A savepoint, not BEGIN: it nests inside a caller's transaction;
            // only the connection's own temporary database is written.
            self.conn
                .execute_batch("SAVEPOINT id_set; CREATE TEMP TABLE IF NOT EXISTS id_set (id INTEGER PRIMARY KEY);")?;
            match self.sync_id_set(&synced, ids) {
                Ok(()) => self.conn.execute_batch("RELEASE id_set")?,
                Err(e) => {
                    synced.clear();
                    self.conn.execute_batch("ROLLBACK TO id_set; RELEASE id_set")?;
                    return Err(e);
                }
            }
            *synced = ids.to_vec();
        }
        Ok("SELECT id FROM temp.id_set".to_string())
    }

    /// Makes `temp.id_set` hold `ids`, given that it holds `old` (unknown
    /// when `old` is empty: refilled). An action changes a few of ~5k pinned
    /// breaches at 100k; rewriting all of them cost more than the reload.
    fn sync_id_set(&self, old: &[ItemId], ids: &[ItemId]) -> Result<(), StoreError> {
        let (add, remove) = if old.is_empty() {
            self.conn.execute_batch("DELETE FROM temp.id_set")?;
            (ids.to_vec(), Vec::new())
        } else {
            difference(old, ids)
        };
        let mut insert = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO temp.id_set (id) VALUES (?1)")?;
        for id in add {
            insert.execute([id.0])?;
        }
        let mut delete = self.conn.prepare_cached("DELETE FROM temp.id_set WHERE id = ?1")?;
        for id in remove {
            delete.execute([id.0])?;
        }
        Ok(())
    }
}

/// (in `new` but not `old`, in `old` but not `new`), each ascending.
fn difference(old: &[ItemId], new: &[ItemId]) -> (Vec<ItemId>, Vec<ItemId>) {
    let sorted = |ids: &[ItemId]| {
        let mut v = ids.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (old, new) = (sorted(old), sorted(new));
    let add = new
        .iter()
        .filter(|id| old.binary_search(id).is_err())
        .copied()
        .collect();
    let remove = old
        .iter()
        .filter(|id| new.binary_search(id).is_err())
        .copied()
        .collect();
    (add, remove)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use crate::domain::{ItemId, NewItem, Severity, Status};
    use crate::store::{ListSource, Store};

    fn store_with(n: usize) -> (tempfile::TempDir, Store, Vec<ItemId>) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let ids = (0..n)
            .map(|i| {
                let new = NewItem {
                    title: format!("item {i}"),
                    ..Default::default()
                };
                store.add_item(&new, Utc::now()).unwrap().id
            })
            .collect();
        (dir, store, ids)
    }

    /// The counted length must equal a real count whatever happened to the
    /// rows (status changes through the verbs, undo), leaving out excluded
    /// rows of the inbox (the only list given any).
    fn check(store: &Store, exclude: &[ItemId]) {
        let sources = [
            ListSource::Inbox,
            ListSource::Column(Status::Triaged),
            ListSource::Column(Status::Resolved),
        ];
        for source in sources {
            let exclude = if source == ListSource::Inbox { exclude } else { &[] };
            let filter = match source {
                ListSource::Inbox => crate::store::lists::INBOX_WHERE.to_string(),
                ListSource::Column(s) => format!("status = '{}'", s.as_str()),
                ListSource::FilteredInbox | ListSource::FilteredColumn(_) => unreachable!("not checked here"),
            };
            let sql = format!(
                "SELECT count(*) FROM items WHERE {filter}{}",
                store.excluding(exclude).unwrap()
            );
            let want: i64 = store.conn.query_row(&sql, [], |r| r.get(0)).unwrap();
            let got = store.counted_length(source, exclude).unwrap();
            assert_eq!(got, Some(want as usize), "{source:?} excluding {}", exclude.len());
        }
    }

    #[test]
    fn kept_counts_follow_every_change_and_exclusions_of_any_size() {
        let (_dir, mut store, ids) = store_with(60);
        check(&store, &[]);
        store.set_severity(&ids[..10], Severity::S2, Utc::now()).unwrap();
        store.set_status(&ids[..3], Status::Resolved, Utc::now()).unwrap();
        check(&store, &[]);
        check(&store, &ids[3..5]);
        // Over the inline limit: the temporary table, then a changed set
        // (open items only: the inbox's exclusions are its own rows).
        check(&store, &ids[5..45]);
        check(&store, &ids[10..50]);
        // Kept in step by difference: a shrunk, reordered set, then a refill.
        let reversed: Vec<ItemId> = ids[12..48].iter().rev().copied().collect();
        check(&store, &reversed);
        check(&store, &ids[10..50]);
        store.undo("t", Utc::now()).unwrap();
        check(&store, &ids[10..50]);
        let counts = store.inbox_counts().unwrap();
        assert_eq!((counts.total, counts.open, counts.new), (60, 60, 50));
    }
}
