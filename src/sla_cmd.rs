//! The SLA on the command line: `loopboard sla` (compliance per severity)
//! and the `--sla at-risk|breached` filter of `loopboard list`.

use chrono::{DateTime, Duration, Utc};
use clap::ValueEnum;
use std::io::Write;

use crate::domain::ItemId;
use crate::sla::{self, Policy, State};
use crate::store::Store;

/// Which clocks `list --sla` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SlaFilter {
    /// A quarter or less of a target left, not yet breached.
    AtRisk,
    /// Past a target.
    Breached,
}

/// Open items whose clock is in the state `filter` asks for, most urgent first.
pub fn matching(store: &Store, policy: &Policy, filter: SlaFilter, now: DateTime<Utc>) -> anyhow::Result<Vec<ItemId>> {
    let want = match filter {
        SlaFilter::AtRisk => State::AtRisk,
        SlaFilter::Breached => State::Breached,
    };
    let mut hits: Vec<(Duration, ItemId)> = store
        .clock_candidates(policy, now)?
        .into_iter()
        .filter_map(|row| {
            let clock = sla::evaluate(policy, &row.clock(), now);
            (clock.state() == Some(want)).then_some((clock.time_left()?, row.id))
        })
        .collect();
    hits.sort();
    Ok(hits.into_iter().map(|(_, id)| id).collect())
}

/// Prints compliance per severity: acknowledged and resolved within target,
/// open clocks already breached, median times.
pub fn report(store: &Store, policy: &Policy, out: &mut dyn Write, now: DateTime<Utc>) -> anyhow::Result<()> {
    let inputs: Vec<_> = store.rows_with_severity()?.iter().map(|r| r.clock()).collect();
    let rows = sla::compliance(&inputs, policy, now);
    writeln!(
        out,
        "{:<4} {:>5}  {:<18} {:<22} {:>9} {:>10} {:>11} {:>11}",
        "SEV", "ITEMS", "ACK WITHIN TARGET", "RESOLVED IN TARGET", "ACK LATE", "OPEN LATE", "MEDIAN ACK", "MEDIAN FIX"
    )?;
    for c in rows {
        let targets = policy.targets(c.severity);
        let ack = format!(
            "{} ({})",
            ratio(c.ack_within_target, c.acknowledged),
            sla::format_duration(targets.ack())
        );
        let resolved = match (c.resolved_within_target, targets.resolve()) {
            (Some(n), Some(t)) => format!("{} ({})", ratio(n, c.resolved), sla::format_duration(t)),
            _ => format!("{} resolved, no target", c.resolved),
        };
        let median = |d: Option<Duration>| d.map_or("—".to_string(), sla::format_duration);
        writeln!(
            out,
            "{:<4} {:>5}  {ack:<18} {resolved:<22} {:>9} {:>10} {:>11} {:>11}",
            c.severity.as_str(),
            c.items,
            c.ack_breached,
            c.resolve_breached,
            median(c.median_ack),
            median(c.median_resolve)
        )?;
    }
    Ok(())
}

/// "7/9 78%", or "0/0" when nothing was measured.
fn ratio(hit: usize, of: usize) -> String {
    match (hit * 100).checked_div(of) {
        Some(pct) => format!("{hit}/{of} {pct}%"),
        None => "0/0".to_string(),
    }
}
