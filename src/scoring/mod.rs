//! Bet scoring: RICE, ICE and WSJF, each explained term by term, and a
//! deterministic ranking. Pure: no SQL, no terminal, and `now` is passed in.
//!
//! # Formulas
//!
//! | method | total | inputs |
//! |---|---|---|
//! | RICE (default) | reach × impact × confidence ÷ effort | reach ≥ 0; impact ∈ {0.25, 0.5, 1, 2, 3}; confidence 0–100 % (weight 0.01); effort person-weeks > 0 |
//! | ICE | impact × confidence × ease | each a whole number 1–10 |
//! | WSJF | (value + time criticality + risk reduction) ÷ job size | each on 1, 2, 3, 5, 8, 13, 20 |
//!
//! **Reach** is set by hand or, when unset, derived from the evidence: the
//! distinct customers (trimmed, case-insensitive) behind the bet's linked
//! themes and items, seen in the last 90 days (evidence exactly 90 days old
//! still counts), each counted once and weighted by its segment's configured
//! weight (default 1). A customer whose evidence names several segments
//! counts once, at the heaviest of their weights, so more evidence never
//! lowers reach. The reach line of the breakdown says which
//! it is: "set by hand" or "derived from evidence: 12 customers …".
//!
//! **Urgency** (off unless `Weights::urgency_boost` is set): every linked
//! S1/S2 item whose SLA is breached adds the boost, on its own line:
//! `total = formula + breached × boost`. It applies to every method.
//!
//! # Breakdown
//!
//! A [`Score`] is its terms plus the total, modelled on taskwarrior's
//! `task info` urgency table. Each [`Term`] has a value, a weight and a
//! contribution (value × weight), and an [`Op`] saying how the contribution
//! combines with the score so far (start, +, ×, ÷). Read top to bottom, each
//! term's `running` score is the formula evaluated up to that line, and the
//! last one is the total, so the table always adds up. [`explain`] prints it.
//!
//! # Errors and ranking
//!
//! Missing inputs are listed all at once; an input off its scale, a negative
//! weight or a result too large to represent is an error, never NaN or
//! infinity. [`rank`] orders bets best first, ties (to six decimals) by the
//! lower id, unscorable bets last. [`Scale::step`] and [`Inputs::step`] move an
//! input along its legal scale for the `+/-` keys.

mod error;
mod explain;
mod formula;
mod input;
mod method;
mod rank;
mod reach;
mod scale;

use chrono::{DateTime, Utc};

pub use error::ScoreError;
pub use explain::{Op, Score, Term, explain, number};
pub use input::{Input, Inputs, ParseInputError};
pub use method::{Method, ParseMethodError};
pub use rank::{compare, rank};
pub use reach::{
    DEFAULT_SEGMENT_WEIGHT, Evidence, EvidenceCustomer, REACH_WINDOW_DAYS, Reach, SegmentReach, Weights, derive_reach,
};
pub use scale::{Direction, FIBONACCI_SCALE, IMPACT_SCALE, Scale};

/// Scores a bet by `method`. `now` anchors the 90-day reach window.
pub fn score(
    method: Method,
    inputs: &Inputs,
    evidence: &Evidence,
    weights: &Weights,
    now: DateTime<Utc>,
) -> Result<Score, ScoreError> {
    weights.validate()?;
    let terms = formula::terms(method, inputs, evidence, weights, now)?;
    let score = Score::from_terms(method, terms);
    // Legal inputs can still multiply past f64::MAX (a reach of 1e300).
    if score.terms.iter().all(|t| t.running.is_finite()) {
        Ok(score)
    } else {
        Err(ScoreError::Overflow { method })
    }
}

/// Moves `input` one step along its scale from `current` (`+`/`-`); always a
/// legal value. Shorthand for `input.scale().step(current, direction)`.
pub fn step(input: Input, current: Option<f64>, direction: Direction) -> f64 {
    input.scale().step(current, direction)
}
