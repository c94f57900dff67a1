//! A bet's verdict: how it ended (won, lost, stopped), what we do next
//! (persevere, pivot, stop) and why. The store writes the bet's status, the
//! decision and the hypothesis's new status in one transaction.
//!
//! The hypothesis follows the outcome: won → validated, lost → invalidated,
//! stopped → unchanged. Stopping a bet (out of time, priorities moved, the
//! experiment could not run) says nothing about whether the belief was true,
//! so it must not mark the hypothesis as tested. When several bets test one
//! hypothesis, the latest verdict sets its status.

use std::fmt;
use std::str::FromStr;

use super::bet::ParseNameError;
use super::{BetStatus, DecisionKind, HypothesisStatus};

/// How a bet ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Won,
    Lost,
    Stopped,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Won, Outcome::Lost, Outcome::Stopped];

    /// The bet's status after the verdict.
    pub fn status(self) -> BetStatus {
        match self {
            Outcome::Won => BetStatus::Won,
            Outcome::Lost => BetStatus::Lost,
            Outcome::Stopped => BetStatus::Stopped,
        }
    }

    /// The hypothesis's status after the verdict; `None` leaves it as it is.
    pub fn hypothesis_status(self) -> Option<HypothesisStatus> {
        match self {
            Outcome::Won => Some(HypothesisStatus::Validated),
            Outcome::Lost => Some(HypothesisStatus::Invalidated),
            Outcome::Stopped => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.status().as_str()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == norm)
            .ok_or_else(|| ParseNameError::new("outcome", s, "won, lost or stopped"))
    }
}

/// What we do after the verdict: the kind of decision logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextStep {
    Persevere,
    Pivot,
    Stop,
}

impl NextStep {
    pub const ALL: [NextStep; 3] = [NextStep::Persevere, NextStep::Pivot, NextStep::Stop];

    pub fn kind(self) -> DecisionKind {
        match self {
            NextStep::Persevere => DecisionKind::Persevere,
            NextStep::Pivot => DecisionKind::Pivot,
            NextStep::Stop => DecisionKind::Stop,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.kind().as_str()
    }
}

impl fmt::Display for NextStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NextStep {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        NextStep::ALL
            .into_iter()
            .find(|n| n.as_str() == norm)
            .ok_or_else(|| ParseNameError::new("decision", s, "persevere, pivot or stop"))
    }
}

/// A verdict as the user gives it. The rationale is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub next: NextStep,
    pub rationale: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hypothesis_follows_won_and_lost_but_not_stopped() {
        assert_eq!(Outcome::Won.hypothesis_status(), Some(HypothesisStatus::Validated));
        assert_eq!(Outcome::Lost.hypothesis_status(), Some(HypothesisStatus::Invalidated));
        assert_eq!(Outcome::Stopped.hypothesis_status(), None);
    }

    #[test]
    fn names_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(o.as_str().parse::<Outcome>(), Ok(o));
            assert!(o.status().is_closed());
        }
        for n in NextStep::ALL {
            assert_eq!(n.as_str().parse::<NextStep>(), Ok(n));
        }
        assert!("running".parse::<Outcome>().is_err());
        assert!("ship".parse::<NextStep>().is_err());
    }
}
