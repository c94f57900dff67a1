//! Item verbs: add, read, the inbox window, severity and status changes.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::bulk::insert_tags;
use super::customers::CustomerCache;
use super::intake::{intake_key, item_for, normalize};
use super::time::{from_db, opt_from_db, to_db};
use super::{Store, StoreError};
use crate::domain::{CustomerId, Item, ItemId, NewItem, Severity, Status};

use super::lists::OPEN_STATUSES;

/// The customer's name is read through `customer_id` (it lives in one place).
pub(crate) const ITEM_COLUMNS: &str = "id, title, body, \
     (SELECT name FROM customers WHERE customers.id = items.customer_id), segment, category, severity, status, owner, \
     source, external_id, created_at, updated_at, triaged_at, resolved_at, \
     (SELECT group_concat(tag, char(31) ORDER BY tag) FROM item_tags WHERE item_id = items.id), suggested_severity";

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
            let outcome = insert_new(tx, &clean, None, now, &mut CustomerCache::default())?;
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
        // One row per status, kept by triggers (see `counts.rs`): counting
        // the table was 37 ms at 100k items, 12 ms through `items_status`.
        let by_status = self.status_counts()?;
        let sum = |statuses: &[&str]| statuses.iter().filter_map(|s| by_status.get(*s)).sum::<usize>();
        Ok(InboxCounts {
            open: sum(&OPEN_STATUSES),
            new: sum(&["new"]),
            total: by_status.values().sum(),
        })
    }
}

/// Inserts a normalized new item, or finds the one with the same identity.
pub(crate) fn insert_new(
    tx: &Transaction<'_>,
    new: &NewItem,
    suggested: Option<Severity>,
    now: DateTime<Utc>,
    customers: &mut CustomerCache,
) -> Result<AddOutcome, StoreError> {
    let key = intake_key(new);
    if let Some(id) = find_by_key(tx, &key)? {
        return Ok(AddOutcome { id, created: false });
    }
    let id = insert_item(tx, &item_for(new, suggested, now), &key, None, customers)?;
    Ok(AddOutcome { id, created: true })
}

pub(crate) fn find_by_key(tx: &Transaction<'_>, key: &str) -> Result<Option<ItemId>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT id FROM items WHERE intake_key = ?1")?
        .query_row([key], |r| r.get(0).map(ItemId))
        .optional()?)
}

/// Writes a complete item row and its tags, finding or creating its customer.
/// `id` asks for a specific id (an import keeping the ids of its file);
/// `None` lets SQLite choose.
pub(crate) fn insert_item(
    tx: &Transaction<'_>,
    item: &Item,
    key: &str,
    id: Option<i64>,
    customers: &mut CustomerCache,
) -> Result<ItemId, StoreError> {
    let customer_id = match &item.customer {
        Some(name) => Some(customers.resolve(tx, name, item.segment.as_deref())?),
        None => None,
    };
    insert_row(tx, item, key, id, customer_id, false)?
        .ok_or_else(|| StoreError::invalid("key", format!("an item with identity {key} already exists")))
}

/// Writes an item row and its tags with its customer already resolved.
/// With `skip_present`, an item whose identity exists is left alone and
/// `None` returned: one statement instead of a lookup and an insert.
pub(crate) fn insert_row(
    tx: &Transaction<'_>,
    item: &Item,
    key: &str,
    id: Option<i64>,
    customer_id: Option<CustomerId>,
    skip_present: bool,
) -> Result<Option<ItemId>, StoreError> {
    let conflict = if skip_present {
        "ON CONFLICT(intake_key) DO NOTHING"
    } else {
        ""
    };
    let sql = format!(
        "INSERT INTO items (id, intake_key, title, body, customer_id, segment, category, severity, status, owner, \
         source, external_id, created_at, updated_at, triaged_at, resolved_at, suggested_severity) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) {conflict}"
    );
    let changed = tx.prepare_cached(&sql)?.execute(params![
        id,
        key,
        item.title,
        item.body,
        customer_id.map(|c| c.0),
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
        item.suggested_severity.map(Severity::level),
    ])?;
    if changed == 0 {
        return Ok(None);
    }
    let id = ItemId(tx.last_insert_rowid());
    insert_tags(tx, id, &item.tags)?;
    Ok(Some(id))
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
        suggested_severity: severity_from_db(r.get(16)?),
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
