//! Bet rows: the column list, reading a row into a `Bet`, writing a whole
//! row, and checking what callers hand in (text sanitized, every scoring
//! input on its scale) before anything is written.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use std::sync::LazyLock;

use super::StoreError;
use super::evidence::ids_from_list;
use super::time::{from_db, opt_from_db, to_db};
use crate::domain::{Bet, BetId, BetPatch, BetStatus, HypothesisId, NewBet};
use crate::sanitize::clean_line;
use crate::scoring::{Input, Inputs, number};

/// Index of the first scoring input in [`BET_COLUMNS`].
const FIRST_INPUT: usize = 9;

/// Every column a `Bet` is read from, inputs in `Input::ALL` order, then the
/// direct evidence as a list.
pub(crate) static BET_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    let inputs: Vec<&str> = Input::ALL.iter().map(|i| i.key()).collect();
    format!(
        "id, title, hypothesis_id, owner, metric, status, started_at, deadline, closed_at, {}, created_at, updated_at, \
         (SELECT group_concat(item_id, ',' ORDER BY item_id) FROM bet_evidence WHERE bet_id = bets.id)",
        inputs.join(", ")
    )
});

pub(crate) fn bet_from_row(r: &Row<'_>) -> rusqlite::Result<Bet> {
    let status: String = r.get(5)?;
    let mut inputs = Inputs::default();
    for (n, input) in Input::ALL.into_iter().enumerate() {
        inputs.set(input, r.get(FIRST_INPUT + n)?);
    }
    let after = FIRST_INPUT + Input::ALL.len();
    Ok(Bet {
        id: BetId(r.get(0)?),
        title: r.get(1)?,
        hypothesis: r.get::<_, Option<i64>>(2)?.map(HypothesisId),
        owner: r.get(3)?,
        metric: r.get(4)?,
        status: status
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?,
        started_at: opt_from_db(r.get(6)?),
        deadline: opt_from_db(r.get(7)?),
        closed_at: opt_from_db(r.get(8)?),
        inputs,
        created_at: from_db(r.get(after)?),
        updated_at: from_db(r.get(after + 1)?),
        evidence: ids_from_list(r.get(after + 2)?),
    })
}

/// One bet inside a transaction.
pub(crate) fn read_bet(tx: &Transaction<'_>, id: BetId) -> Result<Bet, StoreError> {
    let sql = format!("SELECT {} FROM bets WHERE id = ?1", *BET_COLUMNS);
    tx.prepare_cached(&sql)?
        .query_row([id.0], bet_from_row)
        .optional()?
        .ok_or(StoreError::NoSuchBet(id))
}

/// Writes a whole bet row (not its evidence; `bet.id` is ignored). `key`
/// keeps an imported identity (`None`: a fresh random one); `id` asks for a
/// specific id.
pub(crate) fn insert_bet(
    tx: &Transaction<'_>,
    bet: &Bet,
    key: Option<&str>,
    id: Option<i64>,
) -> Result<BetId, StoreError> {
    tx.prepare_cached(
        "INSERT INTO bets (id, key, title, hypothesis_id, owner, metric, status, started_at, deadline, closed_at, \
         created_at, updated_at) VALUES (?1, coalesce(?2, lower(hex(randomblob(16)))), ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
         ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        key,
        bet.title,
        bet.hypothesis.map(|h| h.0),
        bet.owner,
        bet.metric,
        bet.status.as_str(),
        bet.started_at.map(to_db),
        bet.deadline.map(to_db),
        bet.closed_at.map(to_db),
        to_db(bet.created_at),
        to_db(bet.updated_at),
    ])?;
    let id = BetId(tx.last_insert_rowid());
    for input in Input::ALL {
        set_input(tx, id, input, bet.inputs.get(input))?;
    }
    Ok(id)
}

/// Writes one scoring input (already checked).
pub(crate) fn set_input(tx: &Transaction<'_>, id: BetId, input: Input, value: Option<f64>) -> Result<(), StoreError> {
    // The column name comes from Input::key, never from the user.
    let sql = format!("UPDATE bets SET {} = ?2 WHERE id = ?1", input.key());
    tx.prepare_cached(&sql)?.execute(params![id.0, value])?;
    Ok(())
}

/// The legal value an input stands for (snapped onto a discrete scale), or
/// an error naming the input and what is allowed.
pub(crate) fn check_input(input: Input, value: Option<f64>) -> Result<Option<f64>, StoreError> {
    let Some(v) = value else { return Ok(None) };
    input.scale().check(v).map(Some).ok_or_else(|| {
        StoreError::invalid(
            input.key(),
            format!(
                "{} is not allowed: expected {}",
                number_or_text(v),
                input.scale().expected()
            ),
        )
    })
}

/// Every input of `inputs`, checked.
pub(crate) fn check_inputs(inputs: &Inputs) -> Result<Inputs, StoreError> {
    let mut clean = Inputs::default();
    for input in Input::ALL {
        clean.set(input, check_input(input, inputs.get(input))?);
    }
    Ok(clean)
}

/// Shows the value as typed where rounding would hide the problem (1.499).
fn number_or_text(v: f64) -> String {
    if number(v).parse::<f64>().ok() == Some(v) {
        number(v)
    } else {
        v.to_string()
    }
}

pub(crate) fn clean_title(title: &str) -> Result<String, StoreError> {
    let clean = clean_line(title);
    if clean.is_empty() {
        return Err(StoreError::invalid("title", "must not be empty"));
    }
    Ok(clean)
}

/// Optional one-line text: sanitized; empty means none.
pub(crate) fn clean_opt(text: Option<&str>) -> Option<String> {
    text.map(clean_line).filter(|s| !s.is_empty())
}

/// A new bet with its text sanitized and its inputs checked.
pub(crate) fn clean_new(new: &NewBet) -> Result<NewBet, StoreError> {
    Ok(NewBet {
        title: clean_title(&new.title)?,
        owner: clean_opt(new.owner.as_deref()),
        metric: clean_opt(new.metric.as_deref()),
        inputs: check_inputs(&new.inputs)?,
        ..new.clone()
    })
}

/// A patch with its text sanitized and its inputs checked. Statuses that
/// need a verdict are refused here, so nothing is written.
pub(crate) fn clean_patch(patch: &BetPatch) -> Result<BetPatch, StoreError> {
    if let Some(status) = patch.status.filter(|s| s.is_closed()) {
        return Err(StoreError::invalid(
            "status",
            format!("{status} is a verdict: record it with a decision (persevere, pivot or stop) and a rationale"),
        ));
    }
    let inputs = patch
        .inputs
        .iter()
        .map(|&(input, value)| Ok((input, check_input(input, value)?)))
        .collect::<Result<_, StoreError>>()?;
    Ok(BetPatch {
        title: patch.title.as_deref().map(clean_title).transpose()?,
        owner: patch.owner.as_ref().map(|o| clean_opt(o.as_deref())),
        metric: patch.metric.as_ref().map(|m| clean_opt(m.as_deref())),
        inputs,
        ..patch.clone()
    })
}

/// Moves a bet's status (the domain table decides), stamping the start when
/// it first runs and the close time on a verdict, clearing it on reopen.
pub(crate) fn move_status(
    tx: &Transaction<'_>,
    bet: &Bet,
    to: BetStatus,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    bet.status
        .check_transition(to)
        .map_err(|e| StoreError::invalid("status", format!("{}: {e}", bet.id)))?;
    tx.execute(
        "UPDATE bets SET status = ?2, updated_at = ?3, \
         started_at = CASE WHEN ?2 = 'running' THEN coalesce(started_at, ?3) ELSE started_at END, \
         closed_at = CASE WHEN ?2 IN ('won','lost','stopped') THEN ?3 ELSE NULL END \
         WHERE id = ?1",
        params![bet.id.0, to.as_str(), to_db(now)],
    )?;
    Ok(())
}
