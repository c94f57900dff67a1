//! Themes in the store: named patterns an item can belong to (at most one,
//! `items.theme_id`, so assigning is an item change the undo journal covers),
//! the evidence a theme gathers (its members plus their duplicates), the
//! statistics the themes view and `loopboard themes` show, and the theme
//! proposals the user dismissed.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::time::{from_db, to_db};
use super::{ImportedTheme, Store, StoreError};
use crate::domain::{ItemId, Severity, Status, ThemeClass, ThemeId};
use crate::sanitize::clean_line;

/// An item's canonical item (when it is a duplicate) and its theme.
pub type ItemLinks = (Option<ItemId>, Option<ThemeId>);

/// Weeks in a theme's trend, the current week last.
pub const WEEKS: usize = 8;

/// A theme as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedTheme {
    pub id: ThemeId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// One piece of a theme's evidence: a member, or a duplicate of a member.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub id: ItemId,
    pub title: String,
    pub body: String,
    pub customer: Option<String>,
    pub segment: Option<String>,
    pub severity: Option<Severity>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    /// The member it duplicates, when it is counted as a duplicate.
    pub duplicate_of: Option<ItemId>,
}

/// What the themes view shows about one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeStats {
    pub theme: NamedTheme,
    /// Members plus their duplicates.
    pub items: usize,
    pub customers: usize,
    pub segments: usize,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// The worst severity among the evidence (S1 is highest).
    pub highest: Option<Severity>,
    /// Items created in each of the last `WEEKS` weeks, oldest first; the
    /// last bucket is the seven days up to `now`.
    pub weekly: [usize; WEEKS],
    pub class: ThemeClass,
}

/// Sums up a theme's evidence. Customers and segments are compared without
/// case, as people type them inconsistently.
pub fn summarize(theme: NamedTheme, evidence: &[Evidence], now: DateTime<Utc>, recurring_at: usize) -> ThemeStats {
    let distinct = |f: fn(&Evidence) -> Option<&String>| {
        evidence
            .iter()
            .filter_map(f)
            .map(|s| s.to_lowercase())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let customers = distinct(|e| e.customer.as_ref());
    let mut weekly = [0; WEEKS];
    for e in evidence {
        let age = now - e.created_at;
        if age < Duration::zero() {
            continue;
        }
        let weeks_ago = usize::try_from(age.num_days() / 7).unwrap_or(usize::MAX);
        if weeks_ago < WEEKS {
            weekly[WEEKS - 1 - weeks_ago] += 1;
        }
    }
    ThemeStats {
        theme,
        items: evidence.len(),
        customers,
        segments: distinct(|e| e.segment.as_ref()),
        first_seen: evidence.iter().map(|e| e.created_at).min(),
        last_seen: evidence.iter().map(|e| e.created_at).max(),
        highest: evidence.iter().filter_map(|e| e.severity).min(),
        weekly,
        class: ThemeClass::of(customers, recurring_at),
    }
}

/// A stable name for a proposal: its member ids, ascending, comma-separated.
/// A dismissed proposal stays dismissed while its members are the same.
pub fn proposal_signature(members: &[i64]) -> String {
    let sorted: BTreeSet<i64> = members.iter().copied().collect();
    sorted.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Members and the duplicates of members: every item that counts for a
/// theme. UNION drops a duplicate that is also a member of the same theme.
const EVIDENCE: &str = "SELECT i.theme_id AS theme, i.id, i.title, i.body, (SELECT name FROM customers c WHERE c.id = i.customer_id), i.segment, i.severity, \
     i.status, i.created_at, NULL AS dup FROM items i WHERE i.theme_id IS NOT NULL \
     UNION SELECT m.theme_id, d.id, d.title, d.body, (SELECT name FROM customers c WHERE c.id = d.customer_id), d.segment, d.severity, d.status, d.created_at, \
     d.duplicate_of FROM items d JOIN items m ON d.duplicate_of = m.id \
     WHERE m.theme_id IS NOT NULL AND d.theme_id IS NOT m.theme_id";

impl Store {
    /// Every theme, oldest first (including themes left without members,
    /// whose names stay reserved so undo and redo can bring them back).
    pub fn themes(&self) -> Result<Vec<NamedTheme>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, created_at FROM themes ORDER BY id")?;
        let rows = stmt.query_map([], theme_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The theme an item belongs to, if any.
    pub fn theme_of(&self, item: ItemId) -> Result<Option<NamedTheme>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT t.id, t.name, t.created_at FROM themes t JOIN items i ON i.theme_id = t.id WHERE i.id = ?1",
            )?
            .query_row([item.0], theme_from_row)
            .optional()?)
    }

    /// Puts items into the theme called `name` (found without case, or
    /// created), or with `None` takes them out of their theme: one undoable
    /// action. Returns the theme.
    pub fn set_theme(
        &mut self,
        ids: &[ItemId],
        name: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<NamedTheme>, StoreError> {
        let name = name.map(clean_line);
        if name.as_deref().is_some_and(str::is_empty) {
            return Err(StoreError::invalid("theme", "a theme needs a name"));
        }
        let who = match ids {
            [one] => one.to_string(),
            many => format!("{} items", many.len()),
        };
        let label = match &name {
            Some(n) => format!("theme \"{n}\" on {who}"),
            None => format!("no theme on {who}"),
        };
        self.act(&label, now, |tx, rec| {
            let theme = name.as_deref().map(|n| find_or_create(tx, n, now)).transpose()?;
            for &id in ids {
                rec.touch(tx, id)?;
                tx.execute(
                    "UPDATE items SET theme_id = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id.0, theme.as_ref().map(|t| t.id.0), to_db(now)],
                )?;
            }
            Ok(theme)
        })
    }

    /// Renames a theme. Another theme with the same name (in any case) is
    /// refused rather than merged, so nothing is lost by a typo.
    pub fn rename_theme(&mut self, id: ThemeId, name: &str) -> Result<NamedTheme, StoreError> {
        let name = clean_line(name);
        if name.is_empty() {
            return Err(StoreError::invalid("name", "a theme needs a name"));
        }
        self.write(|tx| {
            if let Some(other) = find(tx, &name)?.filter(|t| t.id != id) {
                return Err(StoreError::invalid(
                    "name",
                    format!("there is already a theme called \"{}\"", other.name),
                ));
            }
            let changed = tx.execute("UPDATE themes SET name = ?2 WHERE id = ?1", params![id.0, name])?;
            if changed == 0 {
                return Err(StoreError::invalid("theme", format!("{id} does not exist")));
            }
            Ok(())
        })?;
        self.theme(id)
    }

    /// One theme by id.
    pub fn theme(&self, id: ThemeId) -> Result<NamedTheme, StoreError> {
        self.conn
            .prepare_cached("SELECT id, name, created_at FROM themes WHERE id = ?1")?
            .query_row([id.0], theme_from_row)
            .optional()?
            .ok_or_else(|| StoreError::invalid("theme", format!("{id} does not exist")))
    }

    /// A theme's evidence: its members, then duplicates of members, each
    /// oldest first.
    pub fn theme_evidence(&self, id: ThemeId) -> Result<Vec<Evidence>, StoreError> {
        let sql = format!("SELECT * FROM ({EVIDENCE}) WHERE theme = ?1 ORDER BY dup IS NOT NULL, created_at, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id.0], |r| evidence_from_row(r, 1))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Statistics of every theme with evidence, most customers first, then
    /// most items, then by name.
    pub fn theme_stats(&self, now: DateTime<Utc>, recurring_at: usize) -> Result<Vec<ThemeStats>, StoreError> {
        let mut evidence: std::collections::HashMap<i64, Vec<Evidence>> = Default::default();
        let mut stmt = self.conn.prepare_cached(EVIDENCE)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, evidence_from_row(r, 1)?)))?;
        for row in rows {
            let (theme, e) = row?;
            evidence.entry(theme).or_default().push(e);
        }
        let mut out: Vec<ThemeStats> = self
            .themes()?
            .into_iter()
            .filter_map(|t| {
                let ev = evidence.remove(&t.id.0)?;
                Some(summarize(t, &ev, now, recurring_at))
            })
            .collect();
        out.sort_by(|a, b| {
            (b.customers, b.items)
                .cmp(&(a.customers, a.items))
                .then_with(|| a.theme.name.to_lowercase().cmp(&b.theme.name.to_lowercase()))
        });
        Ok(out)
    }

    /// Items nobody has triaged yet that belong to no theme: what theme
    /// proposals are made from.
    pub fn untriaged_unthemed(&self) -> Result<Vec<ItemId>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM items WHERE status = 'new' AND theme_id IS NULL AND duplicate_of IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0).map(ItemId))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every item's canonical item and theme, where either is set (for export).
    pub fn item_links(&self) -> Result<HashMap<ItemId, ItemLinks>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, duplicate_of, theme_id FROM items WHERE duplicate_of IS NOT NULL OR theme_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                ItemId(r.get(0)?),
                (
                    r.get::<_, Option<i64>>(1)?.map(ItemId),
                    r.get::<_, Option<i64>>(2)?.map(ThemeId),
                ),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Remembers that the proposal of these members was dismissed.
    pub fn dismiss_proposal(&mut self, members: &[i64], name: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let signature = proposal_signature(members);
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO dismissed_proposals (signature, name, dismissed_at) VALUES (?1, ?2, ?3)",
                params![signature, clean_line(name), to_db(now)],
            )?;
            Ok(())
        })
    }

    /// Signatures of every dismissed proposal (see [`proposal_signature`]).
    pub fn dismissed_proposals(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT signature FROM dismissed_proposals")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Imports themes: one with the same name (without case) is reused,
/// otherwise the theme is created, keeping the file's id when it is free.
/// Returns file id → database id.
pub(crate) fn import_themes(
    tx: &Transaction<'_>,
    themes: &[ImportedTheme],
) -> Result<HashMap<i64, ThemeId>, StoreError> {
    let mut ids = HashMap::new();
    for rec in themes {
        let name = clean_line(&rec.name);
        if name.is_empty() {
            return Err(StoreError::Import(format!(
                "line {}: name: must not be empty",
                rec.line
            )));
        }
        let id = match find(tx, &name)? {
            Some(found) => found.id,
            None => {
                let wanted = match rec.file_id {
                    Some(fid) if !super::transfer::id_taken(tx, "themes", fid)? => Some(fid),
                    _ => None,
                };
                tx.execute(
                    "INSERT INTO themes (id, name, created_at) VALUES (?1, ?2, ?3)",
                    params![wanted, name, to_db(rec.created_at)],
                )?;
                ThemeId(tx.last_insert_rowid())
            }
        };
        if let Some(fid) = rec.file_id {
            ids.insert(fid, id);
        }
    }
    Ok(ids)
}

/// The theme called `name` (without case), created if there is none.
pub(crate) fn find_or_create(tx: &Transaction<'_>, name: &str, now: DateTime<Utc>) -> Result<NamedTheme, StoreError> {
    if let Some(found) = find(tx, name)? {
        return Ok(found);
    }
    tx.execute(
        "INSERT INTO themes (name, created_at) VALUES (?1, ?2)",
        params![name, to_db(now)],
    )?;
    Ok(NamedTheme {
        id: ThemeId(tx.last_insert_rowid()),
        name: name.to_string(),
        created_at: from_db(to_db(now)),
    })
}

pub(crate) fn find(tx: &Transaction<'_>, name: &str) -> Result<Option<NamedTheme>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT id, name, created_at FROM themes WHERE name = ?1 COLLATE NOCASE")?
        .query_row([name], theme_from_row)
        .optional()?)
}

fn theme_from_row(r: &Row<'_>) -> rusqlite::Result<NamedTheme> {
    Ok(NamedTheme {
        id: ThemeId(r.get(0)?),
        name: r.get(1)?,
        created_at: from_db(r.get(2)?),
    })
}

/// An evidence row whose columns start at `at` (id, title, body, customer,
/// segment, severity, status, created_at, dup).
fn evidence_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Evidence> {
    let status: String = r.get(at + 6)?;
    Ok(Evidence {
        id: ItemId(r.get(at)?),
        title: r.get(at + 1)?,
        body: r.get(at + 2)?,
        customer: r.get(at + 3)?,
        segment: r.get(at + 4)?,
        severity: r.get::<_, Option<u8>>(at + 5)?.and_then(Severity::from_level),
        status: status
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(at + 6, rusqlite::types::Type::Text, Box::new(e)))?,
        created_at: from_db(r.get(at + 7)?),
        duplicate_of: r.get::<_, Option<i64>>(at + 8)?.map(ItemId),
    })
}
