//! Item verbs: add, read, the inbox window, severity and status changes.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use sha2::{Digest, Sha256};

use super::time::{from_db, opt_from_db, to_db};
use super::{Store, StoreError};
use crate::domain::{Item, ItemId, NewItem, Severity, Status};
use crate::sanitize::{clean_line, clean_text};

use super::lists::INBOX_WHERE;

pub(crate) const ITEM_COLUMNS: &str = "id, title, body, customer, segment, category, severity, status, owner, \
     source, external_id, created_at, updated_at, triaged_at, resolved_at, \
     (SELECT group_concat(tag, char(31) ORDER BY tag) FROM item_tags WHERE item_id = items.id)";

/// Result of adding an item: its id, and whether it was new or already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddOutcome {
    pub id: ItemId,
    pub created: bool,
}

/// Counts for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InboxCounts {
    /// Items the inbox shows (all open items).
    pub open: usize,
    /// Items nobody has triaged yet.
    pub new: usize,
    /// Every item in the database.
    pub total: usize,
}

/// Narrows `list`; `None` fields match everything.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub status: Option<Status>,
    pub severity: Option<Severity>,
    pub category: Option<String>,
}

impl Store {
    /// Adds one item in its own transaction. Adding the same feedback twice
    /// (same source and external id, or same text and customer) returns the
    /// existing item with `created: false`.
    pub fn add_item(&mut self, new: &NewItem, now: DateTime<Utc>) -> Result<AddOutcome, StoreError> {
        let clean = normalize(new)?;
        let label = format!("add \"{}\"", clean.title);
        self.act(&label, now, |tx, rec| {
            let outcome = insert_new(tx, &clean, now)?;
            if outcome.created {
                rec.inserted(outcome.id);
            }
            Ok(outcome)
        })
    }

    pub fn get_item(&self, id: ItemId) -> Result<Item, StoreError> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], item_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchItem(id))
    }

    /// Items matching `filter`, oldest first.
    pub fn list_items(&self, filter: &ItemFilter) -> Result<Vec<Item>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR severity = ?2) \
             AND (?3 IS NULL OR category = ?3 COLLATE NOCASE) ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.status.map(Status::as_str),
                filter.severity.map(Severity::level),
                filter.category
            ],
            item_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn inbox_counts(&self) -> Result<InboxCounts, StoreError> {
        let sql = format!(
            "SELECT count(*) FILTER (WHERE {INBOX_WHERE}), count(*) FILTER (WHERE status = 'new'), count(*) FROM items"
        );
        let (open, new, total): (i64, i64, i64) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        Ok(InboxCounts {
            open: n(open),
            new: n(new),
            total: n(total),
        })
    }
}

/// Inserts a normalized new item, or finds the one with the same identity.
pub(crate) fn insert_new(tx: &Transaction<'_>, new: &NewItem, now: DateTime<Utc>) -> Result<AddOutcome, StoreError> {
    let key = intake_key(new);
    if let Some(id) = find_by_key(tx, &key)? {
        return Ok(AddOutcome { id, created: false });
    }
    let created = new.created_at.unwrap_or(now);
    let item = Item {
        id: ItemId(0),
        title: new.title.clone(),
        body: new.body.clone(),
        customer: new.customer.clone(),
        segment: new.segment.clone(),
        category: new.category.clone(),
        tags: new.tags.clone(),
        severity: new.severity,
        status: if new.severity.is_some() {
            Status::Triaged
        } else {
            Status::New
        },
        owner: None,
        source: new.source.clone(),
        external_id: new.external_id.clone(),
        created_at: created,
        updated_at: created,
        triaged_at: new.severity.map(|_| created),
        resolved_at: None,
    };
    let id = insert_item(tx, &item, &key, None)?;
    Ok(AddOutcome { id, created: true })
}

pub(crate) fn find_by_key(tx: &Transaction<'_>, key: &str) -> Result<Option<ItemId>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT id FROM items WHERE intake_key = ?1")?
        .query_row([key], |r| r.get(0).map(ItemId))
        .optional()?)
}

/// Writes a complete item row and its tags. `id` asks for a specific id (an
/// import keeping the ids of its file); `None` lets SQLite choose.
pub(crate) fn insert_item(tx: &Transaction<'_>, item: &Item, key: &str, id: Option<i64>) -> Result<ItemId, StoreError> {
    tx.prepare_cached(
        "INSERT INTO items (id, intake_key, title, body, customer, segment, category, severity, status, owner, \
         source, external_id, created_at, updated_at, triaged_at, resolved_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        id,
        key,
        item.title,
        item.body,
        item.customer,
        item.segment,
        item.category,
        item.severity.map(Severity::level),
        item.status.as_str(),
        item.owner,
        item.source,
        item.external_id,
        to_db(item.created_at),
        to_db(item.updated_at),
        item.triaged_at.map(to_db),
        item.resolved_at.map(to_db),
    ])?;
    let id = ItemId(tx.last_insert_rowid());
    let mut tag_stmt = tx.prepare_cached("INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?1, ?2)")?;
    for tag in &item.tags {
        tag_stmt.execute(params![id.0, tag])?;
    }
    Ok(id)
}

/// Sanitizes and validates every text field of an incoming item.
pub(crate) fn normalize(new: &NewItem) -> Result<NewItem, StoreError> {
    let title = clean_line(&new.title);
    if title.is_empty() {
        return Err(StoreError::invalid("title", "must not be empty"));
    }
    let opt = |v: &Option<String>| v.as_deref().map(clean_line).filter(|s| !s.is_empty());
    let source = clean_line(&new.source).to_lowercase();
    Ok(NewItem {
        title,
        body: clean_text(&new.body),
        customer: opt(&new.customer),
        segment: opt(&new.segment).map(|s| s.to_lowercase()),
        category: opt(&new.category).map(|s| s.to_lowercase()),
        tags: normalize_tags(&new.tags),
        severity: new.severity,
        source: if source.is_empty() {
            "manual".to_string()
        } else {
            source
        },
        external_id: opt(&new.external_id),
        created_at: new.created_at,
    })
}

/// Tags are lower-case, trimmed, de-duplicated and sorted.
pub(crate) fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tags
        .iter()
        .map(|t| clean_line(t).to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The identity of a piece of feedback at intake: its source and external id
/// when it has one, otherwise a hash of its normalized title, body and
/// customer. Re-importing the same feedback finds the same key.
pub(crate) fn intake_key(new: &NewItem) -> String {
    match &new.external_id {
        Some(ext) => format!("ext:{}:{}", new.source, ext),
        None => {
            let mut h = Sha256::new();
            for part in [
                new.title.as_str(),
                new.body.as_str(),
                &new.customer.as_deref().unwrap_or("").to_lowercase(),
            ] {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
            let digest = h.finalize();
            let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            format!("hash:{hex}")
        }
    }
}

pub(crate) fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let tags: Option<String> = r.get(15)?;
    Ok(Item {
        id: ItemId(r.get(0)?),
        title: r.get(1)?,
        body: r.get(2)?,
        customer: r.get(3)?,
        segment: r.get(4)?,
        category: r.get(5)?,
        severity: severity_from_db(r.get(6)?),
        status: status_from_db(r, 7)?,
        owner: r.get(8)?,
        source: r.get(9)?,
        external_id: r.get(10)?,
        created_at: from_db(r.get(11)?),
        updated_at: from_db(r.get(12)?),
        triaged_at: opt_from_db(r.get(13)?),
        resolved_at: opt_from_db(r.get(14)?),
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

fn severity_from_db(level: Option<u8>) -> Option<Severity> {
    level.and_then(Severity::from_level)
}

fn status_from_db(r: &Row<'_>, idx: usize) -> rusqlite::Result<Status> {
    let text: String = r.get(idx)?;
    text.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

impl Store {
    /// Whether an item with this source and external id exists (an indexed
    /// lookup on the intake key).
    pub fn has_external(&self, source: &str, external_id: &str) -> Result<bool, StoreError> {
        let key = format!("ext:{}:{}", source.to_lowercase(), external_id);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM items WHERE intake_key = ?1)")?;
        Ok(stmt.query_row([key], |r| r.get::<_, bool>(0))?)
    }
}
