//! Edits to an item: its text (title and body), its labels (category and
//! tags), and the known values of each label (owners too) that pickers offer.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::intake::normalize_tags;
use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::ItemId;
use crate::sanitize::{clean_line, clean_text};

impl Store {
    /// Replaces an item's title and body (sanitized like intake). Returns
    /// whether anything changed; an empty title is refused.
    pub fn edit_text(&mut self, id: ItemId, title: &str, body: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let (title, body) = (clean_line(title), clean_text(body));
        if title.is_empty() {
            return Err(StoreError::invalid("title", "must not be empty; nothing changed"));
        }
        let current = self.get_item(id)?;
        if current.title == title && current.body == body {
            return Ok(false);
        }
        self.act(&format!("edit {id}"), now, |tx, rec| {
            rec.touch(tx, id)?;
            tx.execute(
                "UPDATE items SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![id.0, title, body, to_db(now)],
            )?;
            Ok(true)
        })
    }

    /// Sets (or with `None` clears) the category, lower-cased like intake.
    pub fn set_category(
        &mut self,
        ids: &[ItemId],
        category: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let category = category.map(|c| clean_line(c).to_lowercase()).filter(|c| !c.is_empty());
        let label = format!(
            "category {} on {}",
            category.as_deref().unwrap_or("(none)"),
            describe(ids)
        );
        self.act(&label, now, |tx, rec| {
            for &id in ids {
                rec.touch(tx, id)?;
                tx.execute(
                    "UPDATE items SET category = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id.0, category, to_db(now)],
                )?;
            }
            Ok(())
        })
    }

    /// Adds `tag` to every item, or removes it from every item when all of
    /// them already have it (so one key toggles a tag on a batch).
    pub fn toggle_tag(&mut self, ids: &[ItemId], tag: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let Some(tag) = normalize_tags(&[tag.to_string()]).pop() else {
            return Err(StoreError::invalid("tag", "must not be empty"));
        };
        let label = format!("tag {tag} on {}", describe(ids));
        self.act(&label, now, |tx, rec| {
            let mut have = 0i64;
            for &id in ids {
                have += tx.query_row(
                    "SELECT count(*) FROM item_tags WHERE item_id = ?1 AND tag = ?2",
                    params![id.0, tag],
                    |r| r.get::<_, i64>(0),
                )?;
            }
            let add = usize::try_from(have).unwrap_or(0) < ids.len();
            for &id in ids {
                rec.touch(tx, id)?;
                if add {
                    tx.execute(
                        "INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?1, ?2)",
                        params![id.0, tag],
                    )?;
                } else {
                    tx.execute(
                        "DELETE FROM item_tags WHERE item_id = ?1 AND tag = ?2",
                        params![id.0, tag],
                    )?;
                }
                tx.execute(
                    "UPDATE items SET updated_at = ?2 WHERE id = ?1",
                    params![id.0, to_db(now)],
                )?;
            }
            Ok(add)
        })
    }

    /// Known customers with feedback, most reported first, with their
    /// segment (else that of their latest item) for the capture form.
    pub fn known_customers(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.name, coalesce(c.segment, (SELECT segment FROM items s WHERE s.customer_id = c.id \
               AND s.segment IS NOT NULL ORDER BY s.created_at DESC LIMIT 1)) \
             FROM customers c JOIN items i ON i.customer_id = c.id GROUP BY c.id ORDER BY count(*) DESC, c.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Known segments, most used first.
    pub fn known_segments(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT segment FROM items WHERE segment IS NOT NULL GROUP BY segment ORDER BY count(*) DESC, segment",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Known values of a label, most used first (for pickers).
    pub fn known(&self, label: Label) -> Result<Vec<(String, usize)>, StoreError> {
        let sql = match label {
            Label::Category => {
                "SELECT category, count(*) n FROM items WHERE category IS NOT NULL GROUP BY category ORDER BY n DESC, category"
            }
            Label::Owner => {
                "SELECT owner, count(*) n FROM items WHERE owner IS NOT NULL GROUP BY owner ORDER BY n DESC, owner"
            }
            Label::Tag => "SELECT tag, count(*) n FROM item_tags GROUP BY tag ORDER BY n DESC, tag",
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A label with a set of known values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Category,
    Owner,
    Tag,
}

fn describe(ids: &[ItemId]) -> String {
    match ids {
        [one] => one.to_string(),
        many => format!("{} items", many.len()),
    }
}
