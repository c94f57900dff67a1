//! Bets: experiments that test a hypothesis, with an owner, a success metric
//! and a deadline, scored by RICE, ICE or WSJF from their `scoring::Inputs`.
//!
//! # Status
//!
//! ```text
//! proposed ──► running ──► won | lost | stopped
//!     │
//!     └──► stopped ──► proposed   (reopen)
//! ```
//!
//! - proposed → running (the experiment starts) or stopped (dropped before it ran);
//! - running → won, lost or stopped: a verdict, recorded with a decision;
//! - stopped → proposed: a stopped bet may be reconsidered; it goes back to the
//!   backlog and has to start again. Stopping says nothing about the
//!   hypothesis, so reopening leaves nothing inconsistent;
//! - won and lost are final: they set the hypothesis's status, and reopening
//!   them would leave it claiming something no bet shows. A mistaken verdict
//!   is undone (`u`), a new experiment is a new bet.
//!
//! Won, lost and stopped are only reached through a verdict (see
//! [`super::Verdict`]), never by setting the status directly.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use std::fmt;
use std::str::FromStr;

use super::{HypothesisId, ItemId};
use crate::scoring::{Input, Inputs};

/// Database id of a bet. A `Copy` newtype so it never mixes with item or
/// hypothesis ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BetId(pub i64);

impl fmt::Display for BetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bet #{}", self.0)
    }
}

/// Where a bet is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum BetStatus {
    #[default]
    Proposed,
    Running,
    Won,
    Lost,
    Stopped,
}

impl BetStatus {
    pub const ALL: [BetStatus; 5] = [
        BetStatus::Proposed,
        BetStatus::Running,
        BetStatus::Won,
        BetStatus::Lost,
        BetStatus::Stopped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BetStatus::Proposed => "proposed",
            BetStatus::Running => "running",
            BetStatus::Won => "won",
            BetStatus::Lost => "lost",
            BetStatus::Stopped => "stopped",
        }
    }

    /// Closed bets have had their verdict; they leave the ranked backlog.
    pub fn is_closed(self) -> bool {
        matches!(self, BetStatus::Won | BetStatus::Lost | BetStatus::Stopped)
    }

    /// Checks whether a bet with status `self` may move to `to` (the table in
    /// the module docs). Whether the move needs a verdict is the caller's
    /// business: see [`BetStatus::is_closed`].
    pub fn check_transition(self, to: BetStatus) -> Result<(), BetTransitionError> {
        use BetStatus::*;
        if self == to {
            return Err(BetTransitionError::new(self, to, format!("it is already {to}")));
        }
        let allowed = match self {
            Proposed => matches!(to, Running | Stopped),
            Running => matches!(to, Won | Lost | Stopped),
            Stopped => to == Proposed,
            Won | Lost => false,
        };
        if allowed {
            return Ok(());
        }
        let why = match (self, to) {
            (Proposed, Won | Lost) => "start it first (running); only a running bet can be won or lost".to_string(),
            (Won | Lost, _) => format!("a {self} bet is final; undo the verdict or propose a new bet"),
            (Running, Proposed) => "a running bet ends with a verdict: won, lost or stopped".to_string(),
            _ => format!("{self} bets cannot become {to}"),
        };
        Err(BetTransitionError::new(self, to, why))
    }
}

impl fmt::Display for BetStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BetStatus {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        BetStatus::ALL
            .into_iter()
            .find(|b| b.as_str() == norm)
            .ok_or_else(|| ParseNameError::new("bet status", s, "proposed, running, won, lost or stopped"))
    }
}

/// A refused status change, with the reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot move a bet from {from} to {to}: {reason}")]
pub struct BetTransitionError {
    pub from: BetStatus,
    pub to: BetStatus,
    pub reason: String,
}

impl BetTransitionError {
    fn new(from: BetStatus, to: BetStatus, reason: String) -> Self {
        BetTransitionError { from, to, reason }
    }
}

/// A name that is not one of an enum's spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {value:?}: expected {expected}")]
pub struct ParseNameError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl ParseNameError {
    pub(crate) fn new(what: &'static str, value: &str, expected: &'static str) -> Self {
        ParseNameError {
            what,
            value: value.to_string(),
            expected,
        }
    }
}

/// A bet as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Bet {
    pub id: BetId,
    pub title: String,
    pub hypothesis: Option<HypothesisId>,
    pub owner: Option<String>,
    /// The success metric with its target, as people write it
    /// ("activation +5 pp").
    pub metric: Option<String>,
    pub status: BetStatus,
    /// Scoring inputs of every method; a set `reach` overrides the evidence.
    pub inputs: Inputs,
    /// Stamped when the bet starts running, unless set by hand.
    pub started_at: Option<DateTime<Utc>>,
    /// The last moment of the deadline's day (see [`deadline_on`]).
    pub deadline: Option<DateTime<Utc>>,
    /// When the verdict was given.
    pub closed_at: Option<DateTime<Utc>>,
    /// Items linked to the bet itself; its hypothesis's evidence counts too.
    pub evidence: Vec<ItemId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Bet {
    /// An open bet whose deadline has passed.
    pub fn is_past_deadline(&self, now: DateTime<Utc>) -> bool {
        !self.status.is_closed() && self.deadline.is_some_and(|d| d < now)
    }
}

/// A bet about to be added; it starts proposed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewBet {
    pub title: String,
    pub hypothesis: Option<HypothesisId>,
    pub owner: Option<String>,
    pub metric: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    pub inputs: Inputs,
    pub evidence: Vec<ItemId>,
}

/// A change to some of a bet's fields, applied as one action. `None` leaves a
/// field alone; `Some(None)` clears an optional one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BetPatch {
    pub title: Option<String>,
    pub hypothesis: Option<Option<HypothesisId>>,
    pub owner: Option<Option<String>>,
    pub metric: Option<Option<String>>,
    pub started_at: Option<Option<DateTime<Utc>>>,
    pub deadline: Option<Option<DateTime<Utc>>>,
    /// Only moves that need no verdict (proposed ↔ running, stopped → proposed).
    pub status: Option<BetStatus>,
    /// Inputs to set (`Some`) or clear (`None`: for reach, derive it again).
    pub inputs: Vec<(Input, Option<f64>)>,
}

impl BetPatch {
    pub fn is_empty(&self) -> bool {
        *self == BetPatch::default()
    }
}

/// The deadline for a day in `zone`: the last second of that day, so a bet
/// due on the 15th is past its deadline from the 16th on. `None` only for
/// dates at the ends of time.
pub fn deadline_on<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<DateTime<Utc>> {
    let next = date.checked_add_days(Days::new(1))?;
    Some(day_start(next, zone)? - chrono::Duration::seconds(1))
}

/// The first moment of a day in `zone` (a bet's start date). Where a DST
/// change skips midnight, the first moment that exists that morning.
pub fn day_start<Tz: TimeZone>(date: NaiveDate, zone: &Tz) -> Option<DateTime<Utc>> {
    (0..=3)
        .filter_map(|hour| NaiveTime::from_hms_opt(hour, 0, 0))
        .find_map(|time| zone.from_local_datetime(&date.and_time(time)).earliest())
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::BetStatus::*;
    use super::*;

    /// Every allowed move; every pair not listed must be refused.
    const ALLOWED: &[(BetStatus, BetStatus)] = &[
        (Proposed, Running),
        (Proposed, Stopped),
        (Running, Won),
        (Running, Lost),
        (Running, Stopped),
        (Stopped, Proposed),
    ];

    #[test]
    fn transition_table_is_exactly_the_allowed_set() {
        for from in BetStatus::ALL {
            for to in BetStatus::ALL {
                let got = from.check_transition(to);
                assert_eq!(got.is_ok(), ALLOWED.contains(&(from, to)), "{from} -> {to}: {got:?}");
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        let err = Proposed.check_transition(Won).unwrap_err();
        assert!(err.reason.contains("start it first"), "{err}");
        let err = Won.check_transition(Running).unwrap_err();
        assert!(err.reason.contains("final"), "{err}");
        let err = Running.check_transition(Running).unwrap_err();
        assert!(err.to_string().contains("already running"), "{err}");
    }

    #[test]
    fn names_round_trip() {
        for s in BetStatus::ALL {
            assert_eq!(s.as_str().parse::<BetStatus>(), Ok(s));
        }
        assert!("done".parse::<BetStatus>().is_err());
        assert!(Won.is_closed() && Stopped.is_closed() && !Running.is_closed());
    }

    #[test]
    fn a_deadline_is_the_last_second_of_its_day() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        let utc = deadline_on(date, &Utc).unwrap();
        assert_eq!(utc.to_rfc3339(), "2026-12-15T23:59:59+00:00");
        let paris = chrono::FixedOffset::east_opt(3600).unwrap();
        let local = deadline_on(date, &paris).unwrap();
        assert_eq!(local.to_rfc3339(), "2026-12-15T22:59:59+00:00");
    }

    #[test]
    fn only_open_bets_are_past_their_deadline() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut bet = Bet {
            id: BetId(1),
            title: "t".into(),
            hypothesis: None,
            owner: None,
            metric: None,
            status: Running,
            inputs: Inputs::default(),
            started_at: None,
            deadline: Some(now - chrono::Duration::seconds(1)),
            closed_at: None,
            evidence: vec![],
            created_at: now,
            updated_at: now,
        };
        assert!(bet.is_past_deadline(now));
        bet.status = Won;
        assert!(!bet.is_past_deadline(now));
    }
}
