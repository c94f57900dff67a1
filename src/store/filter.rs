//! Turns a parsed [`Filter`](crate::filter::Filter) into a WHERE clause with
//! bound parameters (values never spliced into SQL), plus the SLA conditions
//! that only `sla::evaluate` can decide, applied to the candidate rows.
//!
//! The TUI's active filter lives in a connection-local TEMP table of the
//! matching ids ([`MATCHING`]), filled once when the filter or the data
//! changes; the windowed lists join it, so scrolling a filtered list of 100k
//! items still loads one window at a time. A TEMP table is scratch space of
//! this connection, not data: filling it writes nothing to the database
//! file, takes no write lock, and other sessions never see it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;

use super::lists::{ROW_COLUMNS, row_from};
use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::ItemId;
use crate::filter::{Cmp, Filter, SlaState, Term};
use crate::sla::{self, Policy, State};

/// A filter as SQL: `sql` is a boolean expression over `items`.
struct Compiled {
    sql: String,
    params: Vec<Value>,
    /// (negated, state) pairs decided after the query.
    sla: Vec<(bool, SlaState)>,
}

fn op(cmp: Cmp) -> &'static str {
    match cmp {
        Cmp::Eq => "=",
        Cmp::Lt => "<",
        Cmp::Le => "<=",
        Cmp::Gt => ">",
        Cmp::Ge => ">=",
    }
}

fn compile(filter: &Filter, now: DateTime<Utc>) -> Compiled {
    let mut parts = vec!["1".to_string()];
    let mut params: Vec<Value> = Vec::new();
    let mut sla = Vec::new();
    for c in &filter.conditions {
        let mut bind = |v: Value| {
            params.push(v);
            format!("?{}", params.len())
        };
        let expr = match &c.term {
            Term::Severity(cmp, Some(s)) => format!("severity {} {}", op(*cmp), bind(Value::Integer(s.level().into()))),
            Term::Severity(_, None) => "severity IS NULL".to_string(),
            Term::Status(s) => format!("status = {}", bind(Value::Text(s.as_str().into()))),
            Term::Category(v) => format!("category = {} COLLATE NOCASE", bind(Value::Text(v.clone()))),
            Term::Owner(v) => format!("owner = {} COLLATE NOCASE", bind(Value::Text(v.clone()))),
            Term::Segment(v) => format!("segment = {} COLLATE NOCASE", bind(Value::Text(v.clone()))),
            Term::Customer(v) => format!(
                "customer_id IN (SELECT id FROM customers WHERE instr(lower(name), lower({})) > 0)",
                bind(Value::Text(v.clone()))
            ),
            Term::Tag(v) => format!(
                "EXISTS (SELECT 1 FROM item_tags WHERE item_id = items.id AND tag = {})",
                bind(Value::Text(v.clone()))
            ),
            Term::Theme(name) => format!(
                "EXISTS (SELECT 1 FROM themes WHERE themes.id = items.theme_id AND themes.name = {} COLLATE NOCASE)",
                bind(Value::Text(name.clone()))
            ),
            // age > d  ⇔  created_at < now − d; a bare `age:7d` means at least.
            Term::Age(cmp, d) => {
                let flipped = match cmp {
                    Cmp::Gt => "<",
                    Cmp::Ge | Cmp::Eq => "<=",
                    Cmp::Lt => ">",
                    Cmp::Le => ">=",
                };
                format!("created_at {flipped} {}", bind(Value::Integer(to_db(now - *d))))
            }
            Term::Text(word) => {
                let w = bind(Value::Text(word.to_lowercase()));
                format!(
                    "(instr(lower(title), {w}) > 0 OR instr(lower(body), {w}) > 0 OR customer_id IN (SELECT id FROM customers WHERE instr(lower(name), {w}) > 0))"
                )
            }
            Term::Sla(state) => {
                sla.push((c.negated, *state));
                continue;
            }
        };
        // coalesce: a negated test on a NULL column (no category) matches.
        parts.push(if c.negated {
            format!("NOT coalesce(({expr}), 0)")
        } else {
            format!("({expr})")
        });
    }
    Compiled {
        sql: parts.join(" AND "),
        params,
        sla,
    }
}

/// The clause a filtered list adds to its WHERE: only ids the active filter
/// matched (see [`Store::apply_filter`]).
pub(crate) const MATCHING: &str = " AND id IN (SELECT id FROM temp.filter_match)";

impl Store {
    /// Makes `filter` the active filter of this connection: fills the TEMP
    /// table the filtered lists join with the ids it matches (replacing what
    /// it held) and returns how many. Run again when the data changes.
    pub fn apply_filter(&self, filter: &Filter, policy: &Policy, now: DateTime<Utc>) -> Result<usize, StoreError> {
        // One transaction, so the lists never see a half-filled table; only
        // the TEMP schema is written, so no write lock on the database file.
        let tx = self.conn.unchecked_transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS filter_match(id INTEGER PRIMARY KEY); DELETE FROM temp.filter_match;",
        )?;
        let compiled = compile(filter, now);
        let n = if compiled.sla.is_empty() {
            // Entirely in SQL: no row reaches Rust.
            let sql = format!(
                "INSERT INTO temp.filter_match SELECT id FROM items WHERE {}",
                compiled.sql
            );
            tx.execute(&sql, rusqlite::params_from_iter(compiled.params))?
        } else {
            let ids = self.filtered_ids(filter, policy, now)?;
            let mut insert = tx.prepare_cached("INSERT INTO temp.filter_match(id) VALUES (?1)")?;
            for id in &ids {
                insert.execute([id.0])?;
            }
            ids.len()
        };
        tx.commit()?;
        Ok(n)
    }

    /// Which of `ids` the active filter matched, for the lists held in
    /// memory (the pinned breaches and the at-risk queue). Only meaningful
    /// after [`Store::apply_filter`].
    pub fn filter_admits(&self, ids: &[ItemId]) -> Result<HashSet<ItemId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM temp.filter_match WHERE id = ?1")?;
        let mut out = HashSet::new();
        for id in ids {
            if stmt.exists([id.0])? {
                out.insert(*id);
            }
        }
        Ok(out)
    }

    /// Ids of the items matching `filter`, in id order.
    pub fn filtered_ids(
        &self,
        filter: &Filter,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<Vec<ItemId>, StoreError> {
        let compiled = compile(filter, now);
        let sql = format!("SELECT {ROW_COLUMNS} FROM items WHERE {} ORDER BY id", compiled.sql);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(compiled.params), row_from)?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            let state = sla::evaluate(policy, &row.clock(), now).state();
            let sla_ok = compiled.sla.iter().all(|(negated, want)| {
                let is = match want {
                    SlaState::OnTrack => state == Some(State::OnTrack),
                    SlaState::AtRisk => state == Some(State::AtRisk),
                    SlaState::Breached => state == Some(State::Breached),
                };
                is != *negated
            });
            if sla_ok {
                out.push(row.id);
            }
        }
        Ok(out)
    }
}
