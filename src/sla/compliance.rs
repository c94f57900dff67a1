//! SLA compliance per severity, for `loopboard sla`: how many items were
//! acknowledged and resolved within target, the median times, and the open
//! clocks already breached.

use chrono::{DateTime, Duration, Utc};

use super::clock::{ClockInput, Phase, active_resolve_time, evaluate};
use super::policy::Policy;
use crate::domain::Severity;

/// One severity's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compliance {
    pub severity: Severity,
    /// Items of this severity.
    pub items: usize,
    pub acknowledged: usize,
    pub ack_within_target: usize,
    /// Open, unacknowledged and already past the acknowledge target.
    pub ack_breached: usize,
    pub resolved: usize,
    /// `None` when the severity has no resolve target (S4 by default).
    pub resolved_within_target: Option<usize>,
    /// Open, unresolved and already past the resolve target.
    pub resolve_breached: usize,
    pub median_ack: Option<Duration>,
    /// Waiting on the customer is not counted.
    pub median_resolve: Option<Duration>,
}

impl Compliance {
    fn empty(severity: Severity, has_resolve_target: bool) -> Compliance {
        Compliance {
            severity,
            items: 0,
            acknowledged: 0,
            ack_within_target: 0,
            ack_breached: 0,
            resolved: 0,
            resolved_within_target: has_resolve_target.then_some(0),
            resolve_breached: 0,
            median_ack: None,
            median_resolve: None,
        }
    }
}

/// Rows for S1–S4, always four. Items without a severity are left out: no
/// severity's target applies to them. `now` judges the clocks still running.
pub fn compliance(items: &[ClockInput], policy: &Policy, now: DateTime<Utc>) -> [Compliance; 4] {
    Severity::ALL.map(|severity| {
        let has_target = policy.targets(severity).resolve().is_some();
        let mut row = Compliance::empty(severity, has_target);
        let (mut acks, mut resolves) = (Vec::new(), Vec::new());
        for item in items.iter().filter(|i| i.severity == Some(severity)) {
            let sla = evaluate(policy, item, now);
            row.items += 1;
            count_ack(&mut row, &mut acks, sla.ack);
            count_resolve(&mut row, &mut resolves, sla.resolve, item);
        }
        row.median_ack = median(acks);
        row.median_resolve = median(resolves);
        row
    })
}

fn count_ack(row: &mut Compliance, times: &mut Vec<Duration>, phase: Phase) {
    match phase {
        Phase::Met { took } => {
            row.acknowledged += 1;
            row.ack_within_target += 1;
            times.push(took);
        }
        Phase::Missed { took, .. } => {
            row.acknowledged += 1;
            times.push(took);
        }
        Phase::Breached { .. } => row.ack_breached += 1,
        _ => {}
    }
}

/// An S4 item has no resolve phase to judge, but its resolution still counts
/// and still has a time.
fn count_resolve(row: &mut Compliance, times: &mut Vec<Duration>, phase: Phase, item: &ClockInput) {
    match phase {
        Phase::Met { took } => {
            row.resolved += 1;
            row.resolved_within_target = row.resolved_within_target.map(|n| n + 1);
            times.push(took);
        }
        Phase::Missed { took, .. } => {
            row.resolved += 1;
            times.push(took);
        }
        Phase::Breached { .. } => row.resolve_breached += 1,
        Phase::NotApplicable => {
            if let Some(took) = untargeted_resolve_time(item) {
                row.resolved += 1;
                times.push(took);
            }
        }
        _ => {}
    }
}

/// Resolve time of an item whose severity has no resolve target: the same
/// active time the clock would measure, judged against nothing.
fn untargeted_resolve_time(item: &ClockInput) -> Option<Duration> {
    active_resolve_time(item, item.resolved_at?)
}

/// The middle value; the mean of the two middle values for an even count.
fn median(mut times: Vec<Duration>) -> Option<Duration> {
    times.sort();
    let n = times.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => times.get(n / 2).copied(),
        _ => Some((times[n / 2 - 1] + times[n / 2]) / 2),
    }
}
