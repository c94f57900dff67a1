//! The dashboard's figures, pure: intake per week by category, open SLA
//! breaches at the end of each week, and SLA compliance. The TUI draws them
//! as a bar chart, a sparkline and a gauge.

use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

use crate::domain::{Item, Status};
use crate::sla::{self, ClockInput, Policy};
use crate::store::ItemRow;

/// Weeks shown, the current one last.
pub const WEEKS: usize = 8;
/// Categories shown by name; the rest are summed as "other".
const NAMED: usize = 4;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    /// Category names, in the order of each week's bars.
    pub categories: Vec<String>,
    /// Items created per week (oldest first), one count per category.
    pub intake: Vec<Vec<u64>>,
    /// Open items past an SLA target at the end of each week.
    pub breaches: Vec<u64>,
    /// Clocks that met their target, out of clocks judged (ack and resolve).
    pub within_target: (usize, usize),
}

/// Computes the dashboard at `now`.
pub fn compute(items: &[Item], clocks: &[ItemRow], policy: &Policy, now: DateTime<Utc>) -> Dashboard {
    let week_start = |k: usize| now - Duration::weeks((WEEKS - k) as i64);
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for i in items.iter().filter(|i| i.created_at >= week_start(0)) {
        *totals.entry(category(i)).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut categories: Vec<String> = ranked.iter().take(NAMED).map(|c| c.0.clone()).collect();
    if ranked.len() > NAMED {
        categories.push("other".into());
    }
    let slot = |name: &str| {
        categories
            .iter()
            .position(|c| c == name)
            .unwrap_or(categories.len().saturating_sub(1))
    };
    let mut intake = vec![vec![0u64; categories.len()]; WEEKS];
    for i in items {
        if let Some(k) = (0..WEEKS).find(|&k| {
            i.created_at >= week_start(k) && i.created_at < week_start(k + 1).min(now + Duration::seconds(1))
        }) {
            intake[k][slot(&category(i))] += 1;
        }
    }
    let breaches = (1..=WEEKS)
        .map(|k| {
            let at = week_start(k).min(now);
            clocks
                .iter()
                .filter(|r| r.created_at <= at && breached_at(&r.clock(), policy, at))
                .count() as u64
        })
        .collect();
    Dashboard {
        categories,
        intake,
        breaches,
        within_target: within_target(clocks, policy, now),
    }
}

fn category(i: &Item) -> String {
    i.category.clone().unwrap_or_else(|| "uncategorized".into())
}

/// Whether the clock was past a target at `at`. An item resolved after `at`
/// was still open then; otherwise the item's present state (waiting,
/// snoozed, declined, pauses) stands in for its past one, an approximation
/// for past weeks that is exact for the last sample.
fn breached_at(clock: &ClockInput, policy: &Policy, at: DateTime<Utc>) -> bool {
    let mut then = *clock;
    if clock.resolved_at.is_some_and(|r| r > at) {
        then.resolved_at = None;
        then.status = Status::InProgress;
    }
    then.triaged_at = clock.triaged_at.filter(|t| *t <= at);
    then.status != Status::Resolved && sla::evaluate(policy, &then, at).is_breached()
}

fn within_target(clocks: &[ItemRow], policy: &Policy, now: DateTime<Utc>) -> (usize, usize) {
    let inputs: Vec<ClockInput> = clocks.iter().map(ItemRow::clock).collect();
    sla::compliance(&inputs, policy, now)
        .iter()
        .fold((0, 0), |(hit, of), c| {
            let resolved_judged = c.resolved_within_target.map_or(0, |_| c.resolved);
            (
                hit + c.ack_within_target + c.resolved_within_target.unwrap_or(0),
                of + c.acknowledged + resolved_judged,
            )
        })
}
