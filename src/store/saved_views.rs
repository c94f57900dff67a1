//! Saved views (`:save NAME`): a screen and a filter line kept by name in the
//! database, so they travel with the board file (backups, a second session)
//! and are written like every other action, in one IMMEDIATE transaction.
//! The store keeps the filter as text and does not judge it: the TUI parses
//! it when the view is opened, so a saved line keeps working as long as the
//! filter language reads it.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::time::{from_db, to_db};
use super::{Store, StoreError};

/// The longest name kept, in characters.
pub const NAME_MAX: usize = 60;

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    /// The screen's stable name: `inbox`, `board`, `at risk`, …
    pub view: String,
    /// The filter line; empty for none.
    pub filter: String,
    pub saved_at: DateTime<Utc>,
}

/// A name as stored: one clean line, trimmed, not empty, not too long.
fn checked_name(name: &str) -> Result<String, StoreError> {
    let clean = crate::sanitize::clean_line(name).trim().to_string();
    if clean.is_empty() {
        return Err(StoreError::invalid("name", "a saved view needs a name (:save NAME)"));
    }
    if clean.chars().count() > NAME_MAX {
        return Err(StoreError::invalid("name", format!("at most {NAME_MAX} characters")));
    }
    Ok(clean)
}

impl Store {
    /// Saves `view` with `filter` as `name` (names are case-insensitive; an
    /// existing one is replaced). Returns whether it replaced one.
    pub fn save_view(&mut self, name: &str, view: &str, filter: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let name = checked_name(name)?;
        let filter = crate::sanitize::clean_line(filter);
        self.write(|tx| {
            let replaced = tx
                .prepare_cached("SELECT 1 FROM saved_views WHERE name = ?1")?
                .exists([&name])?;
            tx.prepare_cached(
                "INSERT INTO saved_views (name, view, filter, saved_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(name) DO UPDATE SET name = excluded.name, view = excluded.view, \
                 filter = excluded.filter, saved_at = excluded.saved_at",
            )?
            .execute(params![name, view, filter.trim(), to_db(now)])?;
            Ok(replaced)
        })
    }

    /// Every saved view, by name.
    pub fn saved_views(&self) -> Result<Vec<SavedView>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, view, filter, saved_at FROM saved_views ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(SavedView {
                name: r.get(0)?,
                view: r.get(1)?,
                filter: r.get(2)?,
                saved_at: from_db(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes the saved view `name`; says whether there was one.
    pub fn delete_saved_view(&mut self, name: &str) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx
                .prepare_cached("DELETE FROM saved_views WHERE name = ?1")?
                .execute([name])?;
            Ok(n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn saves_lists_replaces_case_insensitively_and_deletes() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        assert!(!store.save_view("Billing triage", "inbox", "cat:billing", now).unwrap());
        assert!(!store.save_view("at risk S1", "at risk", "sev:1", now).unwrap());
        assert!(
            store
                .save_view("billing TRIAGE", "board", " cat:billing status:new ", now)
                .unwrap()
        );
        let all = store.saved_views().unwrap();
        let names: Vec<&str> = all.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["at risk S1", "billing TRIAGE"]);
        assert_eq!(
            (all[1].view.as_str(), all[1].filter.as_str()),
            ("board", "cat:billing status:new")
        );
        assert!(store.delete_saved_view("AT RISK s1").unwrap());
        assert!(!store.delete_saved_view("at risk S1").unwrap());
        assert_eq!(store.saved_views().unwrap().len(), 1);
    }

    #[test]
    fn a_name_is_required_short_and_cleaned() {
        let (_dir, mut store) = store();
        let now = Utc::now();
        let e = store.save_view("  ", "inbox", "", now).unwrap_err();
        assert!(e.to_string().contains("name"), "{e}");
        assert!(store.save_view(&"x".repeat(61), "inbox", "", now).is_err());
        store.save_view("evil\x1b[2Jname", "inbox", "", now).unwrap();
        let name = &store.saved_views().unwrap()[0].name;
        assert!(!name.contains('\x1b'), "{name:?}");
    }
}
