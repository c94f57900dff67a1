//! Item verbs: add, read, the inbox window, severity and status changes.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::bulk::insert_tags;
use super::customers::CustomerCache;
use super::intake::{intake_key, item_for, normalize};
use super::time::{from_db, opt_from_db, to_db};
use super::{Store, StoreError};
use crate::domain::{CustomerId, DecisionKind, Item, ItemId, NewDecision, NewItem, Severity, Status, SubjectKind};
use crate::sanitize::clean_text;

/// The statuses the inbox shows: everything still open.
const INBOX_WHERE: &str = "status IN ('new','triaged','accepted','in_progress','waiting')";
/// Must match the `items_inbox` index so the window query walks it in order.
const INBOX_ORDER: &str = "(status <> 'new'), coalesce(severity, 5), created_at DESC, id DESC";

/// The customer's name, read through `customer_id` (the name lives in one place).
const CUSTOMER_NAME: &str = "(SELECT name FROM customers WHERE customers.id = items.customer_id)";

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

/// One row of the inbox table: just what the table shows.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    pub id: ItemId,
    pub title: String,
    pub customer: Option<String>,
    pub category: Option<String>,
    pub severity: Option<Severity>,
    /// What another tool's priority suggests, until a person confirms it.
    pub suggested_severity: Option<Severity>,
    pub status: Status,
    pub owner: Option<String>,
    pub created_at: DateTime<Utc>,
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
        self.write(|tx| insert_new(tx, &clean, None, now, &mut CustomerCache::default()))
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

    /// One window of the inbox, in inbox order. Only this window is ever
    /// loaded, so the cost does not grow with the size of the database.
    pub fn inbox_window(&self, offset: usize, limit: usize) -> Result<Vec<InboxRow>, StoreError> {
        let sql = format!(
            "SELECT id, title, {CUSTOMER_NAME}, category, severity, status, owner, created_at, suggested_severity \
             FROM items WHERE {INBOX_WHERE} ORDER BY {INBOX_ORDER} LIMIT ?1 OFFSET ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
            Ok(InboxRow {
                id: ItemId(r.get(0)?),
                title: r.get(1)?,
                customer: r.get(2)?,
                category: r.get(3)?,
                severity: severity_from_db(r.get(4)?),
                status: status_from_db(r, 5)?,
                owner: r.get(6)?,
                created_at: from_db(r.get(7)?),
                suggested_severity: severity_from_db(r.get(8)?),
            })
        })?;
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

    /// Sets the severity; an untriaged item becomes triaged at `now`.
    pub fn set_severity(&mut self, id: ItemId, severity: Severity, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.write(|tx| apply_severity(tx, id, severity, now))
    }

    /// Confirms the severity another tool suggested for the item (one key in
    /// the inbox), exactly as if it had been typed. Returns it.
    pub fn confirm_suggested_severity(&mut self, id: ItemId, now: DateTime<Utc>) -> Result<Severity, StoreError> {
        self.write(|tx| {
            let level: Option<u8> = tx
                .query_row("SELECT suggested_severity FROM items WHERE id = ?1", [id.0], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(StoreError::NoSuchItem(id))?;
            let severity = severity_from_db(level).ok_or_else(|| {
                StoreError::invalid("severity", "no severity was suggested for this item; choose one (1-4)")
            })?;
            apply_severity(tx, id, severity, now)?;
            Ok(severity)
        })
    }

    /// Moves an item to another status, if the domain rules allow it.
    pub fn set_status(&mut self, id: ItemId, to: Status, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.write(|tx| move_status(tx, id, to, now))
    }

    /// Declines an item and records the reason as a `decline` decision, in one
    /// transaction: there is never a declined item without its reason.
    pub fn decline(
        &mut self,
        id: ItemId,
        reason: &str,
        decided_by: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let reason = clean_text(reason);
        if reason.is_empty() {
            return Err(StoreError::invalid("reason", "a reason is required to decline an item"));
        }
        self.write(|tx| {
            move_status(tx, id, Status::Declined, now)?;
            let decision = NewDecision {
                kind: DecisionKind::Decline,
                subject: SubjectKind::Item,
                subject_id: id.0,
                rationale: reason,
                decided_by: decided_by.to_string(),
            };
            super::decisions::insert(tx, &decision, now, None)?;
            Ok(())
        })
    }
}

fn apply_severity(tx: &Transaction<'_>, id: ItemId, severity: Severity, now: DateTime<Utc>) -> Result<(), StoreError> {
    let (status, _) = current_state(tx, id)?;
    let new_status = if status == Status::New { Status::Triaged } else { status };
    tx.execute(
        "UPDATE items SET severity = ?2, status = ?3, updated_at = ?4, \
         triaged_at = CASE WHEN ?3 = 'triaged' THEN coalesce(triaged_at, ?4) ELSE triaged_at END \
         WHERE id = ?1",
        params![id.0, severity.level(), new_status.as_str(), to_db(now)],
    )?;
    Ok(())
}

fn current_state(tx: &Transaction<'_>, id: ItemId) -> Result<(Status, Option<Severity>), StoreError> {
    tx.query_row("SELECT status, severity FROM items WHERE id = ?1", [id.0], |r| {
        Ok((status_from_db(r, 0)?, severity_from_db(r.get(1)?)))
    })
    .optional()?
    .ok_or(StoreError::NoSuchItem(id))
}

fn move_status(tx: &Transaction<'_>, id: ItemId, to: Status, now: DateTime<Utc>) -> Result<(), StoreError> {
    let (from, severity) = current_state(tx, id)?;
    from.check_transition(to, severity.is_some())?;
    let triaged = severity.is_some() && to != Status::New;
    tx.execute(
        "UPDATE items SET status = ?2, updated_at = ?3, \
         triaged_at = CASE WHEN ?4 THEN coalesce(triaged_at, ?3) ELSE triaged_at END, \
         resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3 ELSE NULL END WHERE id = ?1",
        params![id.0, to.as_str(), to_db(now), triaged],
    )?;
    Ok(())
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
    /// Where an item stands in inbox order, or `None` if the inbox does not
    /// show it (closed or snoozed).
    pub fn inbox_position(&self, id: ItemId) -> Result<Option<usize>, StoreError> {
        let sql = format!(
            "SELECT (SELECT count(*) FROM items WHERE {INBOX_WHERE} AND \
               ((status <> 'new'), coalesce(severity, 5), -created_at, -id) < \
               ((t.status <> 'new'), coalesce(t.severity, 5), -t.created_at, -t.id)) \
             FROM items t WHERE t.id = ?1 AND t.{INBOX_WHERE}"
        );
        let pos: Option<i64> = self.conn.query_row(&sql, [id.0], |r| r.get(0)).optional()?;
        Ok(pos.and_then(|p| usize::try_from(p).ok()))
    }
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
