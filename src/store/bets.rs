//! Bet verbs: add, change fields (one or many at once), step one scoring
//! input, move the status, link evidence, and the verdict, which writes the
//! bet's status, its decision and the hypothesis's status in one
//! transaction. Each is one journaled (undoable) action; invalid input is
//! refused before anything is written.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::bet_rows::{
    BET_COLUMNS, bet_from_row, clean_new, clean_patch, insert_bet, move_status, read_bet, set_input,
};
use super::evidence::{BET_LINKS, items_label, link, unlink};
use super::hypotheses;
use super::time::to_db;
use super::{Store, StoreError};
use crate::domain::{Bet, BetId, BetPatch, BetStatus, HypothesisId, ItemId, NewBet, NewDecision, SubjectKind, Verdict};
use crate::sanitize::clean_text;
use crate::scoring::{Direction, Input, number};

impl Store {
    /// Adds a proposed bet (and links its evidence items); returns its id.
    pub fn add_bet(&mut self, new: &NewBet, now: DateTime<Utc>) -> Result<BetId, StoreError> {
        let new = clean_new(new)?;
        let bet = Bet {
            id: BetId(0),
            title: new.title.clone(),
            hypothesis: new.hypothesis,
            owner: new.owner.clone(),
            metric: new.metric.clone(),
            status: BetStatus::Proposed,
            inputs: new.inputs,
            started_at: new.started_at,
            deadline: new.deadline,
            closed_at: None,
            evidence: vec![],
            created_at: now,
            updated_at: now,
        };
        self.act(&format!("add bet \"{}\"", bet.title), now, |tx, rec| {
            check_hypothesis(tx, bet.hypothesis)?;
            let id = insert_bet(tx, &bet, None, None)?;
            link(tx, BET_LINKS, id.0, &new.evidence)?;
            rec.inserted(id);
            Ok(id)
        })
    }

    pub fn get_bet(&self, id: BetId) -> Result<Bet, StoreError> {
        let sql = format!("SELECT {} FROM bets WHERE id = ?1", *BET_COLUMNS);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_map([id.0], bet_from_row)?;
        rows.next().transpose()?.ok_or(StoreError::NoSuchBet(id))
    }

    /// Every bet, in id order.
    pub fn list_bets(&self) -> Result<Vec<Bet>, StoreError> {
        let sql = format!("SELECT {} FROM bets ORDER BY id", *BET_COLUMNS);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], bet_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies every change in `patch` as one action (one undo step). Moving
    /// to won, lost or stopped is refused: that is [`Store::record_verdict`].
    pub fn update_bet(&mut self, id: BetId, patch: &BetPatch, now: DateTime<Utc>) -> Result<(), StoreError> {
        let patch = clean_patch(patch)?;
        self.act(&format!("edit {id}"), now, |tx, rec| {
            rec.touch(tx, id)?;
            apply(tx, id, &patch, now)
        })
    }

    /// Sets one scoring input (`None` clears it; a cleared reach is derived
    /// from the evidence again) and returns the value stored, snapped onto
    /// its scale. The bets view's `+/-` call this with `scoring::step`.
    pub fn set_bet_input(
        &mut self,
        id: BetId,
        input: Input,
        value: Option<f64>,
        now: DateTime<Utc>,
    ) -> Result<Option<f64>, StoreError> {
        let patch = clean_patch(&BetPatch {
            inputs: vec![(input, value)],
            ..BetPatch::default()
        })?;
        let stored = patch.inputs.first().and_then(|&(_, v)| v);
        let label = match stored {
            Some(v) => format!("{} {} on {id}", input.key(), number(v)),
            None => format!("clear {} of {id}", input.key()),
        };
        self.act(&label, now, |tx, rec| {
            rec.touch(tx, id)?;
            apply(tx, id, &patch, now)
        })?;
        Ok(stored)
    }

    /// `+`/`-` in the bets view: moves one input a step along its scale
    /// (`scoring::step`; an unset input starts at its scale's default) and
    /// saves it, reading and writing in one action. Returns the new value.
    /// A reach derived from evidence is unset here, so to step from the
    /// derived value use [`Store::set_bet_input`] with
    /// `scoring::step(Input::Reach, Some(row.reach()), direction)`.
    pub fn step_bet_input(
        &mut self,
        id: BetId,
        input: Input,
        direction: Direction,
        now: DateTime<Utc>,
    ) -> Result<f64, StoreError> {
        let verb = match direction {
            Direction::Up => "raise",
            Direction::Down => "lower",
        };
        self.act(&format!("{verb} {} of {id}", input.key()), now, |tx, rec| {
            rec.touch(tx, id)?;
            let next = crate::scoring::step(input, read_bet(tx, id)?.inputs.get(input), direction);
            set_input(tx, id, input, Some(next))?;
            stamp(tx, id, now)?;
            Ok(next)
        })
    }

    /// Moves a bet without a verdict: proposed → running (stamps the start),
    /// stopped → proposed (reopen).
    pub fn set_bet_status(&mut self, id: BetId, status: BetStatus, now: DateTime<Utc>) -> Result<(), StoreError> {
        let patch = clean_patch(&BetPatch {
            status: Some(status),
            ..BetPatch::default()
        })?;
        self.act(&format!("{status} {id}"), now, |tx, rec| {
            rec.touch(tx, id)?;
            apply(tx, id, &patch, now)
        })
    }

    /// Ends a bet: its status becomes the outcome, a persevere/pivot/stop
    /// decision with the rationale (required) is appended about it, and its
    /// hypothesis (if any) becomes validated (won) or invalidated (lost);
    /// stopped leaves the hypothesis as it is. One transaction, one undo
    /// step. Returns the decision's id.
    pub fn record_verdict(
        &mut self,
        id: BetId,
        verdict: &Verdict,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let rationale = clean_text(&verdict.rationale);
        if rationale.is_empty() {
            return Err(StoreError::invalid("rationale", "a verdict needs a rationale"));
        }
        self.act(&format!("{} {id}", verdict.outcome), now, |tx, rec| {
            rec.touch(tx, id)?;
            let bet = read_bet(tx, id)?;
            move_status(tx, &bet, verdict.outcome.status(), now)?;
            let decision = NewDecision {
                kind: verdict.next.kind(),
                subject: SubjectKind::Bet,
                subject_id: id.0,
                rationale,
                decided_by: by.to_string(),
            };
            let decision_id = super::decisions::insert(tx, &decision, now, None)?;
            rec.decided(decision_id);
            if let (Some(h), Some(status)) = (bet.hypothesis, verdict.outcome.hypothesis_status()) {
                rec.touch(tx, h)?;
                hypotheses::set_status(tx, h, status, now)?;
            }
            Ok(decision_id)
        })
    }

    /// Links items to the bet itself; every item must exist.
    pub fn link_bet_items(&mut self, id: BetId, items: &[ItemId], now: DateTime<Utc>) -> Result<(), StoreError> {
        self.act(&format!("link {} to {id}", items_label(items)), now, |tx, rec| {
            rec.touch(tx, id)?;
            link(tx, BET_LINKS, id.0, items)?;
            stamp(tx, id, now)
        })
    }

    /// Removes items linked to the bet itself (its hypothesis's stay).
    pub fn unlink_bet_items(&mut self, id: BetId, items: &[ItemId], now: DateTime<Utc>) -> Result<(), StoreError> {
        self.act(&format!("unlink {} from {id}", items_label(items)), now, |tx, rec| {
            rec.touch(tx, id)?;
            unlink(tx, BET_LINKS, id.0, items)?;
            stamp(tx, id, now)
        })
    }
}

/// Applies a cleaned patch to a bet the action has touched.
fn apply(tx: &Transaction<'_>, id: BetId, patch: &BetPatch, now: DateTime<Utc>) -> Result<(), StoreError> {
    let set = |column: &str, value: &dyn rusqlite::ToSql| -> Result<(), StoreError> {
        // Column names are literals below, never user input.
        tx.execute(
            &format!("UPDATE bets SET {column} = ?2 WHERE id = ?1"),
            params![id.0, value],
        )?;
        Ok(())
    };
    if let Some(title) = &patch.title {
        set("title", title)?;
    }
    if let Some(h) = patch.hypothesis {
        check_hypothesis(tx, h)?;
        set("hypothesis_id", &h.map(|h| h.0))?;
    }
    if let Some(owner) = &patch.owner {
        set("owner", owner)?;
    }
    if let Some(metric) = &patch.metric {
        set("metric", metric)?;
    }
    if let Some(start) = patch.started_at {
        set("started_at", &start.map(to_db))?;
    }
    if let Some(deadline) = patch.deadline {
        set("deadline", &deadline.map(to_db))?;
    }
    for &(input, value) in &patch.inputs {
        set_input(tx, id, input, value)?;
    }
    if let Some(to) = patch.status {
        move_status(tx, &read_bet(tx, id)?, to, now)?;
    }
    stamp(tx, id, now)
}

fn check_hypothesis(tx: &Transaction<'_>, h: Option<HypothesisId>) -> Result<(), StoreError> {
    match h {
        Some(h) if !hypotheses::exists(tx, h)? => Err(StoreError::NoSuchHypothesis(h)),
        _ => Ok(()),
    }
}

fn stamp(tx: &Transaction<'_>, id: BetId, now: DateTime<Utc>) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE bets SET updated_at = ?2 WHERE id = ?1",
        params![id.0, to_db(now)],
    )?;
    Ok(())
}
