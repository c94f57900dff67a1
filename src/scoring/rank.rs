//! Ranking bets: a total, deterministic order. Higher totals first; totals
//! equal to six decimal places are ties, broken by the lower id; bets that
//! cannot be scored come last, by id.

use std::cmp::Ordering;

use super::Score;

/// Totals are compared at this precision, so two bets whose scores differ
/// only by floating-point noise (0.30000000000000004 vs 0.3) tie and the id
/// decides, as a person reading two-decimal scores would expect.
const TIE_SCALE: f64 = 1e6;
/// Above this, quantizing could overflow; such totals compare exactly.
const QUANTIZE_BELOW: f64 = 1e12;

/// Sorts bets best first. Any error type works: unscorable bets keep their
/// error so the list can say why.
pub fn rank<I: Ord, E>(mut bets: Vec<(I, Result<Score, E>)>) -> Vec<(I, Result<Score, E>)> {
    bets.sort_by(|a, b| compare((&a.0, a.1.as_ref().ok()), (&b.0, b.1.as_ref().ok())));
    bets
}

/// The ranking order of two bets given their ids and scores (`None`:
/// unscorable). `Less` means `a` ranks above `b`.
pub fn compare<I: Ord>(a: (&I, Option<&Score>), b: (&I, Option<&Score>)) -> Ordering {
    let by_score = match (a.1, b.1) {
        (Some(x), Some(y)) => key(y.total).total_cmp(&key(x.total)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_score.then_with(|| a.0.cmp(b.0))
}

/// A monotone function of the total, so the order stays transitive.
fn key(total: f64) -> f64 {
    let k = if total.abs() < QUANTIZE_BELOW {
        (total * TIE_SCALE).round() / TIE_SCALE
    } else {
        total
    };
    // -0.0 and 0.0 must tie; total_cmp would order them.
    k + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_ties_and_signed_zeros_tie() {
        assert_eq!(key(0.1 + 0.2), key(0.3));
        assert_eq!(key(-0.0).total_cmp(&key(0.0)), Ordering::Equal);
        assert!(key(0.300001) > key(0.3));
    }
}
