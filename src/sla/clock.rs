//! The two SLA clocks of one item, evaluated at `now`: acknowledge (created →
//! triaged) and resolve (triaged → resolved, minus time waiting on the
//! customer).

use chrono::{DateTime, Duration, Utc};

use super::duration::format_duration;
use super::policy::Policy;
use super::snooze::{SnoozeState, snooze_state};
use crate::domain::{Item, Severity, Status};

/// A running clock is at risk when at most this share of its target is left.
pub const AT_RISK_PERCENT: i128 = 25;

/// What the SLA engine needs to know about an item. The store keeps
/// `paused`, `waiting_since` and `snoozed_until` beside the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockInput {
    pub severity: Option<Severity>,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub triaged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Time spent waiting on the customer after triage, in waiting periods
    /// that have ended (see [`waited`]).
    pub paused: Duration,
    /// Set while the item is waiting on the customer.
    pub waiting_since: Option<DateTime<Utc>>,
    /// Set while the item is snoozed.
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl ClockInput {
    /// The clock fields an [`Item`] already has; no pauses, not snoozed.
    pub fn from_item(item: &Item) -> ClockInput {
        ClockInput {
            severity: item.severity,
            status: item.status,
            created_at: item.created_at,
            triaged_at: item.triaged_at,
            resolved_at: item.resolved_at,
            paused: Duration::zero(),
            waiting_since: None,
            snoozed_until: None,
        }
    }
}

/// How much of a waiting period (`waiting_since` → `until`) pauses the
/// resolve clock: only the part after triage, when that clock runs. The
/// store adds this to `paused` when an item stops waiting.
pub fn waited(triaged_at: Option<DateTime<Utc>>, waiting_since: DateTime<Utc>, until: DateTime<Utc>) -> Duration {
    let Some(triaged) = triaged_at else {
        return Duration::zero();
    };
    (until - waiting_since.max(triaged)).max(Duration::zero())
}

/// On track, at risk or breached: the words shown beside the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    OnTrack,
    AtRisk,
    Breached,
}

impl State {
    pub fn word(self) -> &'static str {
        match self {
            State::OnTrack => "on track",
            State::AtRisk => "at risk",
            State::Breached => "breached",
        }
    }
}

/// Where one clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No target applies (S4 has no resolve target).
    NotApplicable,
    /// The resolve clock starts at triage.
    NotStarted,
    /// The item was closed (declined, duplicate) before the clock stopped.
    Closed,
    OnTrack {
        left: Duration,
    },
    AtRisk {
        left: Duration,
    },
    Breached {
        over: Duration,
    },
    /// Stopped within the target.
    Met {
        took: Duration,
    },
    /// Stopped after the target.
    Missed {
        took: Duration,
        over: Duration,
    },
}

impl Phase {
    /// Judges a running clock with `elapsed` time against `target`.
    fn running(elapsed: Duration, target: Duration) -> Phase {
        let left = target - elapsed;
        if left < Duration::zero() {
            Phase::Breached { over: -left }
        } else if at_risk(left, target) {
            Phase::AtRisk { left }
        } else {
            Phase::OnTrack { left }
        }
    }

    /// Judges a stopped clock that took `took`; on the target exactly is met.
    fn finished(took: Duration, target: Duration) -> Phase {
        if took <= target {
            Phase::Met { took }
        } else {
            Phase::Missed {
                took,
                over: took - target,
            }
        }
    }

    /// The state of a running clock; `None` when it is not running.
    pub fn state(&self) -> Option<State> {
        match self {
            Phase::OnTrack { .. } => Some(State::OnTrack),
            Phase::AtRisk { .. } => Some(State::AtRisk),
            Phase::Breached { .. } => Some(State::Breached),
            _ => None,
        }
    }

    /// Time left on a running clock, negative once breached.
    pub fn time_left(&self) -> Option<Duration> {
        match *self {
            Phase::OnTrack { left } | Phase::AtRisk { left } => Some(left),
            Phase::Breached { over } => Some(-over),
            _ => None,
        }
    }

    /// In words: "on track · 2d left", "at risk · 3h left", "breached · 5h
    /// over", "met · took 3h 20m", "missed · 2h over".
    pub fn label(&self) -> String {
        let f = |d: &Duration| format_duration(*d);
        match self {
            Phase::NotApplicable => "no target".to_string(),
            Phase::NotStarted => "not started".to_string(),
            Phase::Closed => "closed".to_string(),
            Phase::OnTrack { left } => format!("on track · {} left", f(left)),
            Phase::AtRisk { left } => format!("at risk · {} left", f(left)),
            Phase::Breached { over } => format!("breached · {} over", f(over)),
            Phase::Met { took } => format!("met · took {}", f(took)),
            Phase::Missed { over, .. } => format!("missed · {} over", f(over)),
        }
    }
}

/// `left ≤ 25 % of target`, in exact integer milliseconds.
fn at_risk(left: Duration, target: Duration) -> bool {
    i128::from(left.num_milliseconds()) * 100 <= i128::from(target.num_milliseconds()) * AT_RISK_PERCENT
}

/// Both clocks of an item, whether the resolve clock is paused, and its
/// snooze.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub ack: Phase,
    pub resolve: Phase,
    /// Waiting on the customer: the resolve clock stands still.
    pub paused: bool,
    pub snooze: SnoozeState,
}

impl Sla {
    /// The ordering key of the at-risk queue: the least time left on a
    /// running clock (negative when breached, most overdue first); `None`
    /// when no clock runs, to sort last.
    pub fn time_left(&self) -> Option<Duration> {
        [self.ack.time_left(), self.resolve.time_left()]
            .into_iter()
            .flatten()
            .min()
    }

    /// The worst state of the running clocks.
    pub fn state(&self) -> Option<State> {
        [self.ack.state(), self.resolve.state()].into_iter().flatten().max()
    }

    pub fn is_breached(&self) -> bool {
        self.state() == Some(State::Breached)
    }

    /// One line for a list row: the running clock, e.g. "ack at risk · 3h
    /// left" or "resolve on track · 2d left · paused"; `None` when no
    /// clock runs.
    pub fn headline(&self) -> Option<String> {
        if self.ack.state().is_some() {
            return Some(format!("ack {}", self.ack.label()));
        }
        self.resolve.state()?;
        let paused = if self.paused { " · paused" } else { "" };
        Some(format!("resolve {}{paused}", self.resolve.label()))
    }
}

/// Evaluates both clocks of `item` at `now`.
pub fn evaluate(policy: &Policy, item: &ClockInput, now: DateTime<Utc>) -> Sla {
    let resolve = resolve_phase(policy, item, now);
    Sla {
        ack: ack_phase(policy, item, now),
        paused: resolve.state().is_some() && item.waiting_since.is_some(),
        resolve,
        snooze: snooze_state(item.status, item.snoozed_until, now),
    }
}

/// Until triage the target is the unrated one unless a severity came with
/// the item; after triage the item is judged by its severity's target.
/// Waiting and snoozing do not pause this clock.
fn ack_phase(policy: &Policy, item: &ClockInput, now: DateTime<Utc>) -> Phase {
    let target = policy.ack_target(item.severity);
    match item.triaged_at {
        Some(triaged) => Phase::finished(since(item.created_at, triaged), target),
        None if item.status.is_closed() => Phase::Closed,
        None => Phase::running(since(item.created_at, now), target),
    }
}

fn resolve_phase(policy: &Policy, item: &ClockInput, now: DateTime<Utc>) -> Phase {
    let Some(target) = item.severity.and_then(|s| policy.targets(s).resolve()) else {
        return Phase::NotApplicable;
    };
    let Some(active) = active_resolve_time(item, item.resolved_at.unwrap_or(now)) else {
        return if item.status.is_closed() {
            Phase::Closed
        } else {
            Phase::NotStarted
        };
    };
    match item.resolved_at {
        Some(_) => Phase::finished(active, target),
        None if item.status.is_closed() => Phase::Closed,
        None => Phase::running(active, target),
    }
}

/// How long the resolve clock has run by `end`: from triage, minus the
/// finished pauses and the current one. `None` before triage.
pub(super) fn active_resolve_time(item: &ClockInput, end: DateTime<Utc>) -> Option<Duration> {
    let triaged = item.triaged_at?;
    let current_pause = item
        .waiting_since
        .map_or(Duration::zero(), |w| waited(Some(triaged), w, end));
    // A corrupt, enormous pause must not overflow: it just leaves no time.
    let pauses = item.paused.max(Duration::zero()).checked_add(&current_pause);
    let active = pauses
        .and_then(|p| since(triaged, end).checked_sub(&p))
        .unwrap_or(Duration::zero());
    Some(active.max(Duration::zero()))
}

/// Time from `start` to `end`, never negative (imports can carry clocks that
/// disagree).
fn since(start: DateTime<Utc>, end: DateTime<Utc>) -> Duration {
    (end - start).max(Duration::zero())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn base() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn open_item(level: u8, triaged_after: Option<i64>, waiting_for: Option<i64>) -> ClockInput {
        let created = base();
        let triaged = triaged_after.map(|m| created + Duration::minutes(m));
        ClockInput {
            severity: Severity::from_level(level),
            status: if triaged.is_some() {
                Status::Triaged
            } else {
                Status::New
            },
            created_at: created,
            triaged_at: triaged,
            resolved_at: None,
            paused: Duration::zero(),
            waiting_since: waiting_for.map(|m| created + Duration::minutes(m)),
            snoozed_until: None,
        }
    }

    proptest! {
        /// As time passes, an open item's clocks only get worse.
        #[test]
        fn clocks_never_improve_as_time_passes(
            level in 0u8..=4,
            triaged_after in prop::option::of(0i64..10_000),
            waiting in prop::option::of(0i64..20_000),
            a in 0i64..100_000,
            b in 0i64..100_000,
        ) {
            let item = open_item(level, triaged_after, waiting);
            let (early, late) = (base() + Duration::minutes(a.min(b)), base() + Duration::minutes(a.max(b)));
            let policy = Policy::default();
            let (x, y) = (evaluate(&policy, &item, early), evaluate(&policy, &item, late));
            for (p, q) in [(x.ack, y.ack), (x.resolve, y.resolve)] {
                if let (Some(s), Some(t)) = (p.state(), q.state()) {
                    prop_assert!(s <= t, "{:?} then {:?}", p, q);
                }
                if let (Some(l), Some(m)) = (p.time_left(), q.time_left()) {
                    prop_assert!(m <= l);
                }
            }
        }
    }
}
