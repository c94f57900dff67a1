//! Reading every item one at a time, for consumers that build something of
//! their own from all items (the similarity index) and must not hold the
//! whole table in memory at once: at 1M items a `Vec<Item>` alone is ~1 GB.

use super::items::{ITEM_COLUMNS, item_from_row};
use super::{Store, StoreError};
use crate::domain::Item;

impl Store {
    /// Calls `f` with every item whose id is above `after`, in id order,
    /// streaming from SQLite (one item in memory at a time). Stops early,
    /// without error, when `f` returns false.
    pub fn for_each_item(&self, after: i64, mut f: impl FnMut(Item) -> bool) -> Result<(), StoreError> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE id > ?1 ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([after])?;
        while let Some(row) = rows.next()? {
            if !f(item_from_row(row)?) {
                break;
            }
        }
        Ok(())
    }
}
