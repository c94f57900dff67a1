//! The period report: figures computed from data the store loaded (pure,
//! no SQL and no I/O here), rendered as GitHub-flavoured Markdown by
//! `markdown`. `load` is the one place that asks the store.

mod figures;
mod markdown;

pub use figures::{Headline, Report, compute};
pub use markdown::render;

use chrono::{DateTime, Utc};

use crate::domain::{Bet, Item, LogEntry, RECURRING_DEFAULT};
use crate::ranking::RankedBet;
use crate::sla::Policy;
use crate::store::{ItemFilter, ItemRow, Store, StoreError, ThemeStats};

/// The period a report covers: `since` ≤ t < `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Period {
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.since <= t && t < self.until
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        Period {
            since: self.since - (self.until - self.since),
            until: self.since,
        }
    }
}

/// Everything a report reads, loaded once.
#[derive(Debug, Clone)]
pub struct Input {
    pub items: Vec<Item>,
    /// Rows with a severity, for the SLA clocks.
    pub clocks: Vec<ItemRow>,
    pub themes: Vec<ThemeStats>,
    pub bets: Vec<RankedBet>,
    pub log: Vec<LogEntry>,
    pub policy: Policy,
    /// When the report is made: judges the clocks still running.
    pub now: DateTime<Utc>,
}

/// Loads what a report needs.
pub fn load(store: &Store, policy: &Policy, now: DateTime<Utc>) -> Result<Input, StoreError> {
    let bets = crate::ranking::ranked(store, Default::default(), &Default::default(), policy, now)?;
    Ok(Input {
        items: store.list_items(&ItemFilter::default())?,
        clocks: store.rows_with_severity()?,
        themes: store.theme_stats(now, RECURRING_DEFAULT)?,
        bets,
        log: store.decision_log()?,
        policy: *policy,
        now,
    })
}

/// The report of `period` as Markdown, from the store.
pub fn markdown(store: &Store, period: Period, now: DateTime<Utc>) -> Result<String, StoreError> {
    let input = load(store, &Policy::default(), now)?;
    Ok(render(&compute(&input, period)))
}

/// Time from a bet's start to its verdict, for bets closed in the period.
fn learning_time(bet: &Bet, period: Period) -> Option<chrono::Duration> {
    let closed = bet.closed_at.filter(|c| period.contains(*c))?;
    Some(closed - bet.started_at?)
}
