//! Themes: named patterns grouping canonical items and their duplicates, and
//! the rule that classes a theme by how many distinct customers report it.

use std::fmt;

/// Database id of a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThemeId(pub i64);

impl fmt::Display for ThemeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{}", self.0)
    }
}

/// Distinct customers from which a theme counts as recurring, unless
/// configured otherwise.
pub const RECURRING_DEFAULT: usize = 3;

/// How widespread a theme is, from its distinct customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThemeClass {
    /// One customer (or none named): may be that customer's setup.
    OneOff,
    /// Two customers, fewer than the recurring threshold: worth watching.
    Emerging,
    /// At least the recurring threshold of distinct customers.
    Recurring,
}

impl ThemeClass {
    /// The class for `customers` distinct customers, where `recurring_at`
    /// (at least 2; lower values are raised to 2, so one customer is always a
    /// one-off) makes a theme recurring.
    pub fn of(customers: usize, recurring_at: usize) -> ThemeClass {
        let recurring_at = recurring_at.max(2);
        if customers >= recurring_at {
            ThemeClass::Recurring
        } else if customers >= 2 {
            ThemeClass::Emerging
        } else {
            ThemeClass::OneOff
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeClass::OneOff => "one-off",
            ThemeClass::Emerging => "emerging",
            ThemeClass::Recurring => "recurring",
        }
    }
}

/// A trend in one line of block characters, scaled to the largest count; a
/// week with nothing reads `·`, so "none" never looks like "a few".
pub fn sparkline(counts: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&n| match n {
            0 => '·',
            n => BARS[((n * BARS.len()).div_ceil(max)).clamp(1, BARS.len()) - 1],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ThemeClass::{self, Emerging, OneOff, Recurring};

    #[test]
    fn sparklines_scale_to_the_busiest_week() {
        assert_eq!(super::sparkline(&[0, 1, 2, 4, 8]), "·▁▂▄█");
        assert_eq!(super::sparkline(&[0, 0]), "··");
        assert_eq!(super::sparkline(&[3, 3]), "██");
    }

    #[test]
    fn classes_at_the_default_thresholds() {
        for (customers, want) in [(0, OneOff), (1, OneOff), (2, Emerging), (3, Recurring), (9, Recurring)] {
            assert_eq!(ThemeClass::of(customers, 3), want, "{customers} customers");
        }
    }

    #[test]
    fn the_recurring_threshold_is_configurable() {
        for (customers, want) in [(2, Emerging), (3, Emerging), (4, Emerging), (5, Recurring)] {
            assert_eq!(ThemeClass::of(customers, 5), want, "{customers} customers at 5");
        }
        // A threshold of 2 leaves no room for "emerging".
        assert_eq!(ThemeClass::of(2, 2), Recurring);
        assert_eq!(ThemeClass::of(1, 2), OneOff);
        // Below 2 the threshold is raised: one customer never recurs.
        assert_eq!(ThemeClass::of(1, 1), OneOff);
        assert_eq!(ThemeClass::of(1, 0), OneOff);
        assert_eq!(ThemeClass::of(2, 0), Recurring);
    }
}
