//! Hypotheses: what we believe ("We believe <change> for <segment> will
//! <outcome>"), the feedback that makes us believe it, and whether the bets
//! that tested it bore it out.

use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

use super::ItemId;
use super::bet::ParseNameError;

/// Database id of a hypothesis. A `Copy` newtype so it never mixes with item
/// or bet ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HypothesisId(pub i64);

impl fmt::Display for HypothesisId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hypothesis #{}", self.0)
    }
}

/// Whether a hypothesis has been tested. Any status may follow any other when
/// set by hand: it is a judgement, not a workflow. A bet's verdict moves it
/// too (see `Outcome::hypothesis_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum HypothesisStatus {
    #[default]
    Open,
    Validated,
    Invalidated,
}

impl HypothesisStatus {
    pub const ALL: [HypothesisStatus; 3] = [
        HypothesisStatus::Open,
        HypothesisStatus::Validated,
        HypothesisStatus::Invalidated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HypothesisStatus::Open => "open",
            HypothesisStatus::Validated => "validated",
            HypothesisStatus::Invalidated => "invalidated",
        }
    }
}

impl fmt::Display for HypothesisStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HypothesisStatus {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        HypothesisStatus::ALL
            .into_iter()
            .find(|h| h.as_str() == norm)
            .ok_or_else(|| ParseNameError::new("hypothesis status", s, "open, validated or invalidated"))
    }
}

/// A hypothesis as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Hypothesis {
    pub id: HypothesisId,
    pub statement: String,
    pub status: HypothesisStatus,
    /// Items linked as evidence, by id. Themes join when they exist.
    pub evidence: Vec<ItemId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A hypothesis about to be added; it starts open.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewHypothesis {
    pub statement: String,
    pub evidence: Vec<ItemId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_refuse_junk() {
        for s in HypothesisStatus::ALL {
            assert_eq!(s.as_str().parse::<HypothesisStatus>(), Ok(s));
        }
        assert_eq!(
            " Validated ".parse::<HypothesisStatus>(),
            Ok(HypothesisStatus::Validated)
        );
        let err = "proven".parse::<HypothesisStatus>().unwrap_err();
        assert!(err.to_string().contains("open, validated or invalidated"), "{err}");
    }
}
