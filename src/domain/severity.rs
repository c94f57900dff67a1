//! Severity S1–S4: how bad an item is for the customer, with the short
//! definitions the UI shows next to it.

use std::fmt;
use std::str::FromStr;

/// How bad a problem is for the customer. S1 is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    S1,
    S2,
    S3,
    S4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::S1, Severity::S2, Severity::S3, Severity::S4];

    /// The number stored in the database and typed on the keyboard (1–4).
    pub fn level(self) -> u8 {
        match self {
            Severity::S1 => 1,
            Severity::S2 => 2,
            Severity::S3 => 3,
            Severity::S4 => 4,
        }
    }

    pub fn from_level(level: u8) -> Option<Severity> {
        Severity::ALL.get(usize::from(level).checked_sub(1)?).copied()
    }

    /// One-line definition shown in the detail pane and the help overlay.
    pub fn definition(self) -> &'static str {
        match self {
            Severity::S1 => "production down or launch blocked, no workaround",
            Severity::S2 => "major function degraded, workaround painful",
            Severity::S3 => "partial or minor, workaround exists",
            Severity::S4 => "question, cosmetic or request",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::S1 => "S1",
            Severity::S2 => "S2",
            Severity::S3 => "S3",
            Severity::S4 => "S4",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid severity {0:?}: expected S1, S2, S3 or S4 (or 1-4)")]
pub struct ParseSeverityError(pub String);

impl FromStr for Severity {
    type Err = ParseSeverityError;

    /// Accepts `S1`…`S4` in any case, or a bare `1`…`4`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t.strip_prefix(['s', 'S']).unwrap_or(t);
        match digits {
            "1" => Ok(Severity::S1),
            "2" => Ok(Severity::S2),
            "3" => Ok(Severity::S3),
            "4" => Ok(Severity::S4),
            _ => Err(ParseSeverityError(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling() {
        for (text, want) in [
            ("S1", Severity::S1),
            ("s2", Severity::S2),
            ("3", Severity::S3),
            (" S4 ", Severity::S4),
        ] {
            assert_eq!(text.parse::<Severity>(), Ok(want), "{text}");
        }
    }

    #[test]
    fn rejects_out_of_range_and_junk() {
        for text in ["S0", "S5", "5", "", "high", "SS1", "S"] {
            assert!(text.parse::<Severity>().is_err(), "{text} should be rejected");
        }
    }

    #[test]
    fn level_round_trips_and_orders_worst_first() {
        for s in Severity::ALL {
            assert_eq!(Severity::from_level(s.level()), Some(s));
        }
        assert_eq!(Severity::from_level(0), None);
        assert_eq!(Severity::from_level(5), None);
        assert!(Severity::S1 < Severity::S4);
    }
}
