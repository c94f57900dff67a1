//! The demo data set (`assets/demo.jsonl`): six weeks of feedback from a dozen
//! design partners. Its times are shifted so the newest item is an hour old
//! whenever it is loaded, so the demo always reads as "the last six weeks".

use chrono::{DateTime, Duration, Utc};

use crate::interchange;
use crate::store::{ImportSummary, Store, StoreError};

const DEMO: &str = include_str!("../assets/demo.jsonl");

/// Loads the demo into `store` in one transaction. Loading it again adds
/// nothing: every demo item has a stable external id.
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<ImportSummary, StoreError> {
    let mut batch =
        interchange::parse(DEMO.as_bytes(), now).map_err(|e| StoreError::Import(format!("assets/demo.jsonl: {e}")))?;
    let first = batch
        .items
        .first()
        .map(|r| (r.item.source.clone(), r.item.external_id.clone()));
    if let Some((source, Some(ext))) = first
        && store.has_external(&source, &ext)?
    {
        return Ok(ImportSummary {
            items_present: batch.items.len(),
            decisions_present: batch.decisions.len(),
            ..ImportSummary::default()
        });
    }
    // Shift by the latest time of any kind, so nothing lands in the future.
    let item_times = batch.items.iter().flat_map(|r| {
        let it = &r.item;
        [Some(it.created_at), Some(it.updated_at), it.triaged_at, it.resolved_at]
    });
    let decision_times = batch.decisions.iter().map(|d| Some(d.at));
    let newest = item_times.chain(decision_times).flatten().max().unwrap_or(now);
    let shift = (now - Duration::hours(1)) - newest;
    for rec in &mut batch.items {
        let it = &mut rec.item;
        it.created_at += shift;
        it.updated_at += shift;
        it.triaged_at = it.triaged_at.map(|t| t + shift);
        it.resolved_at = it.resolved_at.map(|t| t + shift);
    }
    for rec in &mut batch.decisions {
        rec.at += shift;
    }
    for rec in &mut batch.hypotheses {
        rec.hypothesis.created_at += shift;
        rec.hypothesis.updated_at += shift;
    }
    // Deadlines move with everything else, so a bet due "in two weeks" in
    // the demo is always due in two weeks.
    for rec in &mut batch.bets {
        let bet = &mut rec.bet;
        bet.created_at += shift;
        bet.updated_at += shift;
        bet.started_at = bet.started_at.map(|t| t + shift);
        bet.deadline = bet.deadline.map(|t| t + shift);
        bet.closed_at = bet.closed_at.map(|t| t + shift);
    }
    store.import(&batch)
}
