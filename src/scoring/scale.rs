//! The legal values of each input, and `+/-` stepping along them. Stepping
//! always lands on a legal value, so the UI can never produce one that
//! scoring would reject, even when it starts from a bad stored value.

/// Floating-point slack when checking a value against a discrete scale, so a
/// value that went through text or SQLite REAL still matches its scale point.
const EPSILON: f64 = 1e-9;

pub const IMPACT_SCALE: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 3.0];
pub const FIBONACCI_SCALE: [f64; 7] = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0];
/// Effort steps by 0.5 below this many person-weeks, by 1 from it on.
const EFFORT_FINE_BELOW: f64 = 2.0;
const EFFORT_MIN: f64 = 0.5;
/// Reach steps along 0, 1, 2, 5, 10, 20, 50, … up to this decade.
const REACH_MAX_EXPONENT: i32 = 12;

/// Which way `+` or `-` moves an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// The shape of an input's legal values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Any finite number ≥ 0; steps along 0, 1, 2, 5, 10, 20, 50, …
    Reach,
    /// One of 0.25, 0.5, 1, 2, 3.
    Impact,
    /// 0–100; steps in 10-point jumps.
    Percent,
    /// Any finite number > 0; steps by 0.5 below 2, then by 1.
    Effort,
    /// A whole number 1–10.
    OneToTen,
    /// One of 1, 2, 3, 5, 8, 13, 20.
    Fibonacci,
}

impl Scale {
    /// The value stepping starts from when the input is unset: the middle of
    /// the scale, so the first key press gives a neutral estimate.
    pub fn default_value(self) -> f64 {
        match self {
            Scale::Reach | Scale::Impact | Scale::Effort => 1.0,
            Scale::Percent => 50.0,
            Scale::OneToTen => 5.0,
            Scale::Fibonacci => 3.0,
        }
    }

    /// What a legal value looks like, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            Scale::Reach => "a number of people, 0 or more",
            Scale::Impact => "one of 0.25, 0.5, 1, 2, 3",
            Scale::Percent => "a percentage from 0 to 100",
            Scale::Effort => "person-weeks above 0",
            Scale::OneToTen => "a whole number from 1 to 10",
            Scale::Fibonacci => "one of 1, 2, 3, 5, 8, 13, 20",
        }
    }

    /// The legal value `value` stands for (snapped onto a discrete scale
    /// point), or `None` when it is not legal.
    pub fn check(self, value: f64) -> Option<f64> {
        if !value.is_finite() {
            return None;
        }
        match self {
            Scale::Reach => (value >= 0.0).then_some(value),
            Scale::Impact => snap(&IMPACT_SCALE, value),
            Scale::Percent => (0.0..=100.0).contains(&value).then_some(value),
            Scale::Effort => (value > 0.0).then_some(value),
            Scale::OneToTen => {
                let whole = value.round();
                ((value - whole).abs() < EPSILON && (1.0..=10.0).contains(&whole)).then_some(whole)
            }
            Scale::Fibonacci => snap(&FIBONACCI_SCALE, value),
        }
    }

    /// The next legal value in `direction`. An unset (or non-finite) value
    /// becomes [`Scale::default_value`]; at the end of the scale a legal value
    /// stays put; an illegal value moves onto the scale.
    pub fn step(self, current: Option<f64>, direction: Direction) -> f64 {
        let Some(value) = current.filter(|v| v.is_finite()) else {
            return self.default_value();
        };
        let next = match direction {
            Direction::Up => self.above(value),
            Direction::Down => self.below(value),
        };
        next.or_else(|| self.check(value)).unwrap_or_else(|| self.clamp(value))
    }

    /// The smallest legal stepping point strictly above `value`.
    fn above(self, value: f64) -> Option<f64> {
        match self {
            Scale::Reach => reach_points().find(|&p| p > value),
            Scale::Impact => IMPACT_SCALE.into_iter().find(|&p| p > value + EPSILON),
            Scale::Percent => Some((((value / 10.0).floor() + 1.0) * 10.0).max(0.0)).filter(|&p| p <= 100.0),
            Scale::Effort if value < EFFORT_MIN => Some(EFFORT_MIN),
            Scale::Effort if value < EFFORT_FINE_BELOW => Some(((value * 2.0).floor() + 1.0) / 2.0),
            Scale::Effort => Some(value.floor() + 1.0),
            Scale::OneToTen => Some((value.floor() + 1.0).max(1.0)).filter(|&p| p <= 10.0),
            Scale::Fibonacci => FIBONACCI_SCALE.into_iter().find(|&p| p > value + EPSILON),
        }
    }

    /// The largest legal stepping point strictly below `value`.
    fn below(self, value: f64) -> Option<f64> {
        match self {
            Scale::Reach => reach_points().take_while(|&p| p < value).last(),
            Scale::Impact => IMPACT_SCALE.into_iter().rev().find(|&p| p < value - EPSILON),
            Scale::Percent => Some((((value / 10.0).ceil() - 1.0) * 10.0).min(100.0)).filter(|&p| p >= 0.0),
            Scale::Effort if value <= EFFORT_MIN => None,
            Scale::Effort if value <= EFFORT_FINE_BELOW => Some(((value * 2.0).ceil() - 1.0) / 2.0),
            Scale::Effort => Some(value.ceil() - 1.0),
            Scale::OneToTen => Some((value.ceil() - 1.0).min(10.0)).filter(|&p| p >= 1.0),
            Scale::Fibonacci => FIBONACCI_SCALE.into_iter().rev().find(|&p| p < value - EPSILON),
        }
    }

    /// The nearest end of the scale, for a value beyond it.
    fn clamp(self, value: f64) -> f64 {
        let (low, high) = match self {
            Scale::Reach => (0.0, f64::MAX),
            Scale::Impact => (IMPACT_SCALE[0], IMPACT_SCALE[IMPACT_SCALE.len() - 1]),
            Scale::Percent => (0.0, 100.0),
            Scale::Effort => (EFFORT_MIN, f64::MAX),
            Scale::OneToTen => (1.0, 10.0),
            Scale::Fibonacci => (FIBONACCI_SCALE[0], FIBONACCI_SCALE[FIBONACCI_SCALE.len() - 1]),
        };
        value.clamp(low, high)
    }
}

fn snap(points: &[f64], value: f64) -> Option<f64> {
    points.iter().copied().find(|p| (p - value).abs() < EPSILON)
}

/// 0, 1, 2, 5, 10, 20, 50, … : reach spans orders of magnitude, so linear
/// steps would be either useless for small bets or endless for large ones.
fn reach_points() -> impl Iterator<Item = f64> {
    let decades = (0..=REACH_MAX_EXPONENT).flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)));
    std::iter::once(0.0).chain(decades)
}

#[cfg(test)]
mod tests {
    use super::Direction::{Down, Up};
    use super::*;

    #[test]
    fn discrete_scales_snap_within_epsilon() {
        assert_eq!(Scale::Impact.check(0.5000000000001), Some(0.5));
        assert_eq!(Scale::Impact.check(1.5), None);
        assert_eq!(Scale::Fibonacci.check(13.0), Some(13.0));
        assert_eq!(Scale::Fibonacci.check(4.0), None);
        assert_eq!(Scale::OneToTen.check(7.0), Some(7.0));
        assert_eq!(Scale::OneToTen.check(7.5), None);
    }

    #[test]
    fn non_finite_values_are_never_legal() {
        let scales = [
            Scale::Reach,
            Scale::Impact,
            Scale::Percent,
            Scale::Effort,
            Scale::OneToTen,
            Scale::Fibonacci,
        ];
        for scale in scales {
            for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                assert_eq!(scale.check(v), None, "{scale:?} {v}");
            }
            assert_eq!(scale.step(Some(f64::NAN), Up), scale.default_value());
        }
    }

    #[test]
    fn reach_points_run_one_two_five() {
        let first: Vec<f64> = reach_points().take(8).collect();
        assert_eq!(first, [0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]);
        assert_eq!(Scale::Reach.step(Some(14.5), Up), 20.0);
        assert_eq!(Scale::Reach.step(Some(14.5), Down), 10.0);
        assert_eq!(Scale::Reach.step(Some(0.0), Down), 0.0);
    }
}
