//! The ranked bet list, as the CLI (`loopboard bets`) and the bets view show
//! it: every bet scored by one method over its evidence, open bets ranked
//! best first (the order of `scoring::rank`: ties to six decimals by the
//! lower id, unscorable bets last with the reason), closed bets after them by id. Each row carries the flags
//! a reviewer looks for: past deadline, no owner, no metric, no deadline.
//!
//! The method is a choice of the view, not a property of a bet: scores of
//! different methods do not compare, so one list is always one method.
//! Segment weights and the urgency boost come from `scoring::Weights`
//! (defaults until the config file lands); the SLA policy decides which
//! evidence is breached. `now` is passed in.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use crate::domain::{Bet, BetId};
use crate::scoring::{self, Evidence, Method, Reach, Score, ScoreError, Weights, derive_reach};
use crate::sla::Policy;
use crate::store::{Store, StoreError};

/// What a reviewer should notice about an open bet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    pub past_deadline: bool,
    pub no_owner: bool,
    pub no_metric: bool,
    pub no_deadline: bool,
}

impl Flags {
    /// Flags of `bet` at `now`; closed bets raise none.
    pub fn of(bet: &Bet, now: DateTime<Utc>) -> Flags {
        if bet.status.is_closed() {
            return Flags::default();
        }
        Flags {
            past_deadline: bet.is_past_deadline(now),
            no_owner: bet.owner.is_none(),
            no_metric: bet.metric.is_none(),
            no_deadline: bet.deadline.is_none(),
        }
    }

    /// The raised flags in words, most urgent first.
    pub fn words(&self) -> Vec<&'static str> {
        [
            (self.past_deadline, "past deadline"),
            (self.no_owner, "no owner"),
            (self.no_metric, "no metric"),
            (self.no_deadline, "no deadline"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }
}

/// One row of the ranked list.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedBet {
    /// 1-based place among open bets that could be scored; `None` for
    /// unscorable (see `score`) and closed bets.
    pub rank: Option<usize>,
    pub bet: Bet,
    pub score: Result<Score, ScoreError>,
    /// Reach as the evidence says, whether or not the bet sets it by hand.
    pub evidence_reach: Reach,
    pub flags: Flags,
}

impl RankedBet {
    /// The reach RICE uses: set by hand, else derived from the evidence.
    pub fn reach(&self) -> f64 {
        self.bet.inputs.reach.unwrap_or(self.evidence_reach.value)
    }
}

/// Scores and ranks `bets` by `method`; `evidence` holds each bet's evidence
/// (bets absent from it have none). Pure: the TUI can re-rank what it holds.
pub fn rank_bets(
    bets: Vec<Bet>,
    evidence: &BTreeMap<BetId, Evidence>,
    method: Method,
    weights: &Weights,
    now: DateTime<Utc>,
) -> Vec<RankedBet> {
    let none = Evidence::default();
    let (open, closed): (Vec<Bet>, Vec<Bet>) = bets.into_iter().partition(|b| !b.status.is_closed());
    let score_one = |bet: Bet| {
        let ev = evidence.get(&bet.id).unwrap_or(&none);
        let score = scoring::score(method, &bet.inputs, ev, weights, now);
        RankedBet {
            rank: None,
            evidence_reach: derive_reach(ev, weights, now),
            flags: Flags::of(&bet, now),
            score,
            bet,
        }
    };
    let mut rows: Vec<RankedBet> = open.into_iter().map(score_one).collect();
    // The order of scoring::rank, applied to whole rows.
    rows.sort_by(|a, b| scoring::compare((&a.bet.id, a.score.as_ref().ok()), (&b.bet.id, b.score.as_ref().ok())));
    let mut place = 0;
    for row in rows.iter_mut().filter(|r| r.score.is_ok()) {
        place += 1;
        row.rank = Some(place);
    }
    let mut closed: Vec<RankedBet> = closed.into_iter().map(score_one).collect();
    closed.sort_by_key(|r| r.bet.id);
    rows.extend(closed);
    rows
}

/// Loads every bet and its evidence and ranks them (see [`rank_bets`]).
pub fn ranked(
    store: &Store,
    method: Method,
    weights: &Weights,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<Vec<RankedBet>, StoreError> {
    let evidence = store.all_bet_evidence(policy, now)?;
    Ok(rank_bets(store.list_bets()?, &evidence, method, weights, now))
}

/// One bet scored by `method`, for `bets --explain` and the focus view.
pub fn score_bet(
    store: &Store,
    id: BetId,
    method: Method,
    weights: &Weights,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<RankedBet, StoreError> {
    let bet = store.get_bet(id)?;
    let evidence = BTreeMap::from([(id, store.bet_evidence(id, policy, now)?)]);
    let mut rows = rank_bets(vec![bet], &evidence, method, weights, now);
    rows.pop().ok_or(StoreError::NoSuchBet(id))
}
