//! Hypothesis verbs: add, restate, set the status, link and unlink evidence
//! items, and the reads. Each write is one journaled (undoable) action.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::evidence::{HYPOTHESIS_LINKS, ids_from_list, items_label, link, unlink};
use super::time::{from_db, to_db};
use super::{Store, StoreError};
use crate::domain::{Hypothesis, HypothesisId, HypothesisStatus, ItemId, NewHypothesis};
use crate::sanitize::clean_line;

pub(crate) const HYPOTHESIS_COLUMNS: &str = "id, statement, status, created_at, updated_at, \
     (SELECT group_concat(item_id, ',' ORDER BY item_id) FROM hypothesis_evidence \
      WHERE hypothesis_id = hypotheses.id)";

impl Store {
    /// Adds an open hypothesis with its evidence items; returns its id.
    pub fn add_hypothesis(&mut self, new: &NewHypothesis, now: DateTime<Utc>) -> Result<HypothesisId, StoreError> {
        let statement = clean_statement(&new.statement)?;
        let row = Hypothesis {
            id: HypothesisId(0),
            statement,
            status: HypothesisStatus::Open,
            evidence: vec![],
            created_at: now,
            updated_at: now,
        };
        self.act(&format!("add hypothesis \"{}\"", row.statement), now, |tx, rec| {
            let id = insert_hypothesis(tx, &row, None, None)?;
            link(tx, HYPOTHESIS_LINKS, id.0, &new.evidence)?;
            rec.inserted(id);
            Ok(id)
        })
    }

    /// Changes the statement and/or the status (any status may follow any
    /// other when set by hand; a verdict sets it too).
    pub fn update_hypothesis(
        &mut self,
        id: HypothesisId,
        statement: Option<&str>,
        status: Option<HypothesisStatus>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let statement = statement.map(clean_statement).transpose()?;
        self.act(&format!("edit {id}"), now, |tx, rec| {
            rec.touch(tx, id)?;
            if let Some(s) = &statement {
                tx.execute("UPDATE hypotheses SET statement = ?2 WHERE id = ?1", params![id.0, s])?;
            }
            if let Some(status) = status {
                set_status(tx, id, status, now)?;
            }
            touch_updated(tx, id, now)
        })
    }

    /// Links items to the hypothesis as evidence; every item must exist.
    pub fn link_hypothesis_items(
        &mut self,
        id: HypothesisId,
        items: &[ItemId],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.act(&format!("link {} to {id}", items_label(items)), now, |tx, rec| {
            rec.touch(tx, id)?;
            link(tx, HYPOTHESIS_LINKS, id.0, items)?;
            touch_updated(tx, id, now)
        })
    }

    /// Removes items from the hypothesis's evidence.
    pub fn unlink_hypothesis_items(
        &mut self,
        id: HypothesisId,
        items: &[ItemId],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.act(&format!("unlink {} from {id}", items_label(items)), now, |tx, rec| {
            rec.touch(tx, id)?;
            unlink(tx, HYPOTHESIS_LINKS, id.0, items)?;
            touch_updated(tx, id, now)
        })
    }

    pub fn get_hypothesis(&self, id: HypothesisId) -> Result<Hypothesis, StoreError> {
        let sql = format!("SELECT {HYPOTHESIS_COLUMNS} FROM hypotheses WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], hypothesis_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchHypothesis(id))
    }

    /// Every hypothesis, in id order.
    pub fn list_hypotheses(&self) -> Result<Vec<Hypothesis>, StoreError> {
        let sql = format!("SELECT {HYPOTHESIS_COLUMNS} FROM hypotheses ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], hypothesis_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn clean_statement(text: &str) -> Result<String, StoreError> {
    let clean = clean_line(text);
    if clean.is_empty() {
        return Err(StoreError::invalid(
            "statement",
            "must not be empty: \"We believe <change> for <segment> will <outcome>\"",
        ));
    }
    Ok(clean)
}

/// Writes a hypothesis row (not its evidence; `h.id` is ignored). `key`
/// keeps an imported identity (`None`: a fresh random one); `id` asks for a
/// specific id (`None`: SQLite chooses).
pub(crate) fn insert_hypothesis(
    tx: &Transaction<'_>,
    h: &Hypothesis,
    key: Option<&str>,
    id: Option<i64>,
) -> Result<HypothesisId, StoreError> {
    tx.prepare_cached(
        "INSERT INTO hypotheses (id, key, statement, status, created_at, updated_at) \
         VALUES (?1, coalesce(?2, lower(hex(randomblob(16)))), ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        key,
        h.statement,
        h.status.as_str(),
        to_db(h.created_at),
        to_db(h.updated_at)
    ])?;
    Ok(HypothesisId(tx.last_insert_rowid()))
}

pub(crate) fn exists(tx: &Transaction<'_>, id: HypothesisId) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM hypotheses WHERE id = ?1)")?
        .query_row([id.0], |r| r.get(0))?)
}

/// Sets the status inside the caller's action (which touched the row).
pub(crate) fn set_status(
    tx: &Transaction<'_>,
    id: HypothesisId,
    status: HypothesisStatus,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE hypotheses SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, status.as_str(), to_db(now)],
    )?;
    Ok(())
}

fn touch_updated(tx: &Transaction<'_>, id: HypothesisId, now: DateTime<Utc>) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE hypotheses SET updated_at = ?2 WHERE id = ?1",
        params![id.0, to_db(now)],
    )?;
    Ok(())
}

pub(crate) fn hypothesis_from_row(r: &Row<'_>) -> rusqlite::Result<Hypothesis> {
    let status: String = r.get(2)?;
    Ok(Hypothesis {
        id: HypothesisId(r.get(0)?),
        statement: r.get(1)?,
        status: status
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        created_at: from_db(r.get(3)?),
        updated_at: from_db(r.get(4)?),
        evidence: ids_from_list(r.get(5)?),
    })
}
