//! The lists the screens scroll through — the inbox and each board column —
//! as windows over an index: a count, a page of rows at an offset, and the
//! position of one item. The screens never load more than they show.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::time::{from_db, opt_from_db};
use super::{Store, StoreError};
use crate::domain::{ItemId, Severity, Status};
use crate::sla::ClockInput;

/// The statuses the inbox shows: everything still open.
pub(crate) const INBOX_WHERE: &str = "status IN ('new','triaged','accepted','in_progress','waiting')";
/// The same statuses as a list (keep the two in step).
pub(crate) const OPEN_STATUSES: [&str; 5] = ["new", "triaged", "accepted", "in_progress", "waiting"];

/// Which list a window is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSource {
    /// Open items: untriaged first (newest first), then by severity.
    Inbox,
    /// One board column: items of one status, worst severity first, most
    /// recently changed first.
    Column(Status),
    /// The inbox, only the items the active filter matched
    /// (`Store::apply_filter`).
    FilteredInbox,
    /// A board column, only the items the active filter matched.
    FilteredColumn(Status),
}

impl ListSource {
    /// WHERE and ORDER BY, written to match the `items_inbox` and
    /// `items_board` indexes so a window walks an index in order, plus the
    /// order as an ascending row-value key over `items` and over an alias `t`
    /// (for position queries).
    fn clauses(self) -> Clauses {
        match self {
            ListSource::Inbox => Clauses {
                filter: INBOX_WHERE.to_string(),
                order: "(status <> 'new'), coalesce(severity, 5), created_at DESC, id DESC",
                key: "(status <> 'new'), coalesce(severity, 5), -created_at, -id",
                key_of_t: "(t.status <> 'new'), coalesce(t.severity, 5), -t.created_at, -t.id",
            },
            ListSource::Column(status) => Clauses {
                filter: format!("status = '{}'", status.as_str()),
                order: "coalesce(severity, 5), updated_at DESC, id DESC",
                key: "coalesce(severity, 5), -updated_at, -id",
                key_of_t: "coalesce(t.severity, 5), -t.updated_at, -t.id",
            },
            ListSource::FilteredInbox => ListSource::Inbox.clauses().matching(),
            ListSource::FilteredColumn(status) => ListSource::Column(status).clauses().matching(),
        }
    }
}

struct Clauses {
    filter: String,
    order: &'static str,
    key: &'static str,
    key_of_t: &'static str,
}

impl Clauses {
    /// The same list, narrowed to the active filter's ids.
    fn matching(mut self) -> Clauses {
        self.filter.push_str(super::filter::MATCHING);
        self
    }
}

/// One row of a list: just what a table row or a card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub id: ItemId,
    pub title: String,
    pub customer: Option<String>,
    pub category: Option<String>,
    pub severity: Option<Severity>,
    pub status: Status,
    pub owner: Option<String>,
    pub created_at: DateTime<Utc>,
    pub escalated: bool,
    pub back_from_snooze: bool,
    // The SLA clock's inputs, so a row can show its state without a query.
    pub triaged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub paused: Duration,
    pub waiting_since: Option<DateTime<Utc>>,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Another tool's priority as a severity, until a person confirms it.
    pub suggested: Option<Severity>,
}

impl ItemRow {
    pub fn clock(&self) -> ClockInput {
        ClockInput {
            severity: self.severity,
            status: self.status,
            created_at: self.created_at,
            triaged_at: self.triaged_at,
            resolved_at: self.resolved_at,
            paused: self.paused,
            waiting_since: self.waiting_since,
            snoozed_until: self.snoozed_until,
        }
    }
}

pub(crate) const ROW_COLUMNS: &str = "id, title, (SELECT name FROM customers WHERE customers.id = items.customer_id), category, severity, status, owner, created_at, escalated, \
     back_from_snooze, triaged_at, resolved_at, paused_secs, waiting_since, snoozed_until, suggested_severity";

pub(crate) fn row_from(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
    let status: String = r.get(5)?;
    Ok(ItemRow {
        id: ItemId(r.get(0)?),
        title: r.get(1)?,
        customer: r.get(2)?,
        category: r.get(3)?,
        severity: r.get::<_, Option<u8>>(4)?.and_then(Severity::from_level),
        status: status.parse().unwrap_or(Status::New),
        owner: r.get(6)?,
        created_at: from_db(r.get(7)?),
        escalated: r.get(8)?,
        back_from_snooze: r.get(9)?,
        triaged_at: opt_from_db(r.get(10)?),
        resolved_at: opt_from_db(r.get(11)?),
        paused: Duration::seconds(r.get(12)?),
        waiting_since: opt_from_db(r.get(13)?),
        snoozed_until: opt_from_db(r.get(14)?),
        suggested: r.get::<_, Option<u8>>(15)?.and_then(Severity::from_level),
    })
}

impl Store {
    pub fn list_count(&self, source: ListSource, exclude: &[ItemId]) -> Result<usize, StoreError> {
        if let Some(n) = self.counted_length(source, exclude)? {
            return Ok(n);
        }
        let sql = format!(
            "SELECT count(*) FROM items WHERE {}{}",
            source.clauses().filter,
            self.excluding(exclude)?
        );
        let n: i64 = self.conn.prepare_cached(&sql)?.query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Rows `offset..offset + limit` of the list, in its order, leaving out
    /// `exclude` (rows pinned elsewhere).
    pub fn list_window(
        &self,
        source: ListSource,
        exclude: &[ItemId],
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ItemRow>, StoreError> {
        let Clauses { filter, order, .. } = source.clauses();
        // Left to itself the planner sorts every open item through
        // `items_board` (50 ms at 100k) instead of walking `items_inbox`.
        let from = match source {
            ListSource::Inbox => "items INDEXED BY items_inbox",
            _ => "items",
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM {from} WHERE {filter}{} ORDER BY {order} LIMIT ?1 OFFSET ?2",
            self.excluding(exclude)?
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], row_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every item that has a severity, with its clock inputs (for SLA
    /// compliance), oldest first.
    pub fn rows_with_severity(&self) -> Result<Vec<ItemRow>, StoreError> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM items WHERE severity IS NOT NULL ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], row_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Where an item stands in the list (leaving out `exclude`), or `None` if
    /// the list does not hold it.
    pub fn list_position(
        &self,
        source: ListSource,
        exclude: &[ItemId],
        id: ItemId,
    ) -> Result<Option<usize>, StoreError> {
        let Clauses {
            filter, key, key_of_t, ..
        } = source.clauses();
        let not = self.excluding(exclude)?;
        let sql = format!(
            "SELECT (SELECT count(*) FROM items WHERE {filter}{not} AND ({key}) < ({key_of_t})) \
             FROM items t WHERE t.id = ?1 AND t.id IN (SELECT id FROM items WHERE {filter}{not})"
        );
        let pos: Option<i64> = self.conn.query_row(&sql, [id.0], |r| r.get(0)).optional()?;
        Ok(pos.and_then(|p| usize::try_from(p).ok()))
    }
}
