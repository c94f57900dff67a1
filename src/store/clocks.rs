//! The SLA pass's reads, kept small at scale: the clock inputs of open items
//! (ids and times only, from the covering `items_open_clock` index, never the
//! rows), and the full rows of a few items by id for the page on screen.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::lists::{INBOX_WHERE, ROW_COLUMNS, row_from};
use super::time::{from_db, opt_from_db, to_db};
use super::{ItemRow, Store, StoreError};
use crate::domain::{ItemId, Severity, Status};
use crate::sla::{ClockInput, Policy};

/// The cheap superset of open clocks that may be at risk or breached: at
/// risk = a quarter or less of the target left, i.e. 3/4 used. Parameters
/// come from [`late_params`].
const MAY_BE_LATE: &str = "( \
       (severity IS NULL AND (?1 - created_at) * 4 >= ?2 * 3) \
       OR (triaged_at IS NOT NULL AND \
           (coalesce(waiting_since, ?1) - triaged_at - paused_secs) * 4 >= \
           CASE severity WHEN 1 THEN ?3 WHEN 2 THEN ?4 WHEN 3 THEN ?5 ELSE ?6 END * 3))";

/// `?1`…`?6` of [`MAY_BE_LATE`]: now, the unrated acknowledge target, and the
/// resolve target of each severity (seconds).
fn late_params(policy: &Policy, now: DateTime<Utc>) -> [Option<i64>; 6] {
    let resolve = |s: Severity| policy.targets(s).resolve().map(|d| d.num_seconds());
    [
        Some(to_db(now)),
        Some(policy.unrated_ack().num_seconds()),
        resolve(Severity::S1),
        resolve(Severity::S2),
        resolve(Severity::S3),
        resolve(Severity::S4),
    ]
}

/// An item's id and clock inputs, read by [`clock_from`].
const CLOCK_COLUMNS: &str =
    "id, severity, status, created_at, triaged_at, resolved_at, paused_secs, waiting_since, snoozed_until";

fn clock_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ItemId, ClockInput)> {
    let status: String = r.get(2)?;
    Ok((
        ItemId(r.get(0)?),
        ClockInput {
            severity: r.get::<_, Option<u8>>(1)?.and_then(Severity::from_level),
            status: status.parse().unwrap_or(Status::New),
            created_at: from_db(r.get(3)?),
            triaged_at: opt_from_db(r.get(4)?),
            resolved_at: opt_from_db(r.get(5)?),
            paused: Duration::seconds(r.get(6)?),
            waiting_since: opt_from_db(r.get(7)?),
            snoozed_until: opt_from_db(r.get(8)?),
        },
    ))
}

/// `ids` as a JSON array, for `json_each`.
fn json_ids(ids: &[ItemId]) -> String {
    let list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
    format!("[{}]", list.join(","))
}

impl Store {
    /// Like `clock_candidates` (the same cheap superset of open items that
    /// may be at risk or breached), but only ids and clock inputs, read from
    /// an index: reading 18k full rows at random was most of a reload at 100k.
    pub fn clock_inputs(&self, policy: &Policy, now: DateTime<Utc>) -> Result<Vec<(ItemId, ClockInput)>, StoreError> {
        self.clock_inputs_where(policy, now, "")
    }

    /// The same for S1/S2 items only, the ones pinned at the top of the inbox
    /// when breached: a range of the index (severity is its first column),
    /// so the inbox never waits for the whole at-risk queue.
    pub fn urgent_clock_inputs(
        &self,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<Vec<(ItemId, ClockInput)>, StoreError> {
        self.clock_inputs_where(policy, now, " AND severity IN (1, 2)")
    }

    /// [`Store::urgent_clock_inputs`] narrowed to `ids` (the items an action
    /// touched), by rowid: the same conditions, so judging these and the
    /// rest from an earlier pass gives what a whole pass would.
    pub fn urgent_clock_inputs_of(
        &self,
        ids: &[ItemId],
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<Vec<(ItemId, ClockInput)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One JSON array parameter keeps one cached SQL text for any ids.
        // NOT INDEXED still looks rows up by rowid; left to itself the
        // planner walked the S1/S2 range of `items_open_clock` (~5k rows at
        // 100k) and probed the ids for each: 1.5 ms instead of microseconds.
        let sql = format!(
            "SELECT {CLOCK_COLUMNS} FROM items NOT INDEXED WHERE id IN (SELECT value FROM json_each(?7)) \
             AND {INBOX_WHERE} AND severity IN (1, 2) AND {MAY_BE_LATE}"
        );
        let [p1, p2, p3, p4, p5, p6] = late_params(policy, now);
        let json = json_ids(ids);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![p1, p2, p3, p4, p5, p6, json], clock_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Open items whose SLA clock may be at risk or breached under `policy`
    /// at `now`, as full rows: a cheap superset; the caller decides with
    /// `sla::evaluate`.
    pub fn clock_candidates(&self, policy: &Policy, now: DateTime<Utc>) -> Result<Vec<ItemRow>, StoreError> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM items WHERE {INBOX_WHERE} AND {MAY_BE_LATE}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(late_params(policy, now), row_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn clock_inputs_where(
        &self,
        policy: &Policy,
        now: DateTime<Utc>,
        extra: &str,
    ) -> Result<Vec<(ItemId, ClockInput)>, StoreError> {
        // The WHERE repeats INBOX_WHERE verbatim so SQLite can use the partial index.
        let sql = format!(
            "SELECT {CLOCK_COLUMNS} FROM items INDEXED BY items_open_clock WHERE {INBOX_WHERE}{extra} AND {MAY_BE_LATE}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params = late_params(policy, now);
        let rows = stmt.query_map(params, clock_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The rows of `ids`, in that order; `None` for an id no longer stored.
    pub fn rows_by_ids(&self, ids: &[ItemId]) -> Result<Vec<Option<ItemRow>>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One cached statement for any ids (preparing a new text with the
        // ids inlined was a quarter of this call on every reload).
        let sql = format!("SELECT {ROW_COLUMNS} FROM items NOT INDEXED WHERE id IN (SELECT value FROM json_each(?1))");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found: HashMap<ItemId, ItemRow> = stmt
            .query_map([json_ids(ids)], row_from)?
            .map(|r| r.map(|row| (row.id, row)))
            .collect::<Result<_, _>>()?;
        Ok(ids.iter().map(|id| found.remove(id)).collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use crate::domain::Severity;
    use crate::sla::Policy;
    use crate::store::Store;

    #[test]
    fn clock_inputs_match_the_candidates_and_rows_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let now = chrono::Utc::now();
        let mut ids = Vec::new();
        for i in 0..5 {
            let new = crate::domain::NewItem {
                title: format!("item {i}"),
                ..Default::default()
            };
            ids.push(store.add_item(&new, now - Duration::days(3)).unwrap().id);
        }
        store
            .set_severity(&ids[..2], Severity::S1, now - Duration::days(5))
            .unwrap();
        let policy = Policy::default();
        let rows = store.clock_candidates(&policy, now).unwrap();
        let inputs = store.clock_inputs(&policy, now).unwrap();
        let mut want: Vec<_> = rows.iter().map(|r| (r.id, r.clock())).collect();
        let mut got = inputs.clone();
        want.sort_by_key(|(id, _)| *id);
        got.sort_by_key(|(id, _)| *id);
        assert_eq!(got, want);
        assert!(!got.is_empty());
        let urgent = store.urgent_clock_inputs(&policy, now).unwrap();
        let want_urgent: Vec<_> = got.iter().filter(|(id, _)| ids[..2].contains(id)).cloned().collect();
        let mut urgent_sorted = urgent.clone();
        urgent_sorted.sort_by_key(|(id, _)| *id);
        assert_eq!(urgent_sorted, want_urgent, "only the S1 items");
        // By id: the same conditions, for only the ids asked about.
        let some = [ids[3], crate::domain::ItemId(999), ids[0]];
        let mut of = store.urgent_clock_inputs_of(&some, &policy, now).unwrap();
        of.sort_by_key(|(id, _)| *id);
        let want_of: Vec<_> = urgent_sorted
            .iter()
            .filter(|(id, _)| some.contains(id))
            .cloned()
            .collect();
        assert_eq!(of, want_of);
        assert_eq!(of.len(), 1, "the S1 item; #4 is unrated, #999 does not exist");
        assert!(store.urgent_clock_inputs_of(&[], &policy, now).unwrap().is_empty());
        let order = [ids[3], crate::domain::ItemId(999), ids[0]];
        let loaded = store.rows_by_ids(&order).unwrap();
        assert_eq!(loaded[0].as_ref().map(|r| r.id), Some(ids[3]));
        assert!(loaded[1].is_none(), "a missing id stays a hole, keeping positions");
        assert_eq!(loaded[2].as_ref().map(|r| r.id), Some(ids[0]));
    }
}
