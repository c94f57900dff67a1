//! SLA targets per severity: how soon an item must be acknowledged (created
//! → triaged) and resolved (triaged → resolved, not counting time waiting on
//! the customer).

use chrono::Duration;

use super::duration::{ParseDurationError, parse_duration};
use crate::domain::Severity;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the {0} target must be longer than zero")]
    NotPositive(&'static str),
    #[error(transparent)]
    Duration(#[from] ParseDurationError),
}

/// One severity's targets. Built through [`Targets::new`] or
/// [`Targets::parse`], so a target is never zero or negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    ack: Duration,
    resolve: Option<Duration>,
}

impl Targets {
    /// `resolve: None` means no resolve target (S4 by default).
    pub fn new(ack: Duration, resolve: Option<Duration>) -> Result<Targets, PolicyError> {
        if ack <= Duration::zero() {
            return Err(PolicyError::NotPositive("acknowledge"));
        }
        if resolve.is_some_and(|r| r <= Duration::zero()) {
            return Err(PolicyError::NotPositive("resolve"));
        }
        Ok(Targets { ack, resolve })
    }

    /// From config text: `Targets::parse("4h", "3d")`; a resolve target of
    /// `none` (or empty) means there is none.
    pub fn parse(ack: &str, resolve: &str) -> Result<Targets, PolicyError> {
        let resolve = match resolve.trim().to_ascii_lowercase().as_str() {
            "" | "none" | "-" => None,
            _ => Some(parse_duration(resolve)?),
        };
        Targets::new(parse_duration(ack)?, resolve)
    }

    pub fn ack(&self) -> Duration {
        self.ack
    }

    pub fn resolve(&self) -> Option<Duration> {
        self.resolve
    }

    /// Only for the defaults, whose values are known to be positive.
    const fn fixed(ack: Duration, resolve: Option<Duration>) -> Targets {
        Targets { ack, resolve }
    }
}

/// Targets for S1–S4, plus the acknowledge target for items nobody has rated
/// yet. In the store an item gets its severity as it is triaged, so without
/// that target no untriaged item would ever have a running clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    targets: [Targets; 4],
    unrated_ack: Duration,
}

impl Default for Policy {
    /// S1 4 h / 3 days, S2 1 day / 2 weeks, S3 3 days / 6 weeks, S4 1 week /
    /// none; unrated items 1 day to acknowledge.
    fn default() -> Policy {
        let (h, d, w) = (Duration::hours, Duration::days, Duration::weeks);
        Policy {
            targets: [
                Targets::fixed(h(4), Some(d(3))),
                Targets::fixed(d(1), Some(w(2))),
                Targets::fixed(d(3), Some(w(6))),
                Targets::fixed(w(1), None),
            ],
            unrated_ack: d(1),
        }
    }
}

impl Policy {
    pub fn targets(&self, severity: Severity) -> Targets {
        self.targets[usize::from(severity.level() - 1)]
    }

    /// The acknowledge target for `severity`, or the unrated one.
    pub fn ack_target(&self, severity: Option<Severity>) -> Duration {
        severity.map_or(self.unrated_ack, |s| self.targets(s).ack)
    }

    pub fn unrated_ack(&self) -> Duration {
        self.unrated_ack
    }

    /// The policy with `severity`'s targets replaced (from the config).
    pub fn with_targets(mut self, severity: Severity, targets: Targets) -> Policy {
        self.targets[usize::from(severity.level() - 1)] = targets;
        self
    }

    pub fn with_unrated_ack(mut self, ack: Duration) -> Result<Policy, PolicyError> {
        if ack <= Duration::zero() {
            return Err(PolicyError::NotPositive("unrated acknowledge"));
        }
        self.unrated_ack = ack;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_spec() {
        let p = Policy::default();
        let want = [
            (Severity::S1, "4h", "3d"),
            (Severity::S2, "1d", "2w"),
            (Severity::S3, "3d", "6w"),
            (Severity::S4, "1w", "none"),
        ];
        for (severity, ack, resolve) in want {
            assert_eq!(p.targets(severity), Targets::parse(ack, resolve).unwrap(), "{severity}");
        }
        assert_eq!(p.ack_target(None), Duration::days(1));
    }

    #[test]
    fn targets_must_be_positive() {
        assert_eq!(Targets::parse("0h", "3d"), Err(PolicyError::NotPositive("acknowledge")));
        assert_eq!(Targets::parse("4h", "0d"), Err(PolicyError::NotPositive("resolve")));
        assert!(matches!(Targets::parse("soon", "3d"), Err(PolicyError::Duration(_))));
        assert!(Policy::default().with_unrated_ack(Duration::zero()).is_err());
    }

    #[test]
    fn with_targets_replaces_one_severity() {
        let t = Targets::parse("1h", "1d").unwrap();
        let p = Policy::default().with_targets(Severity::S2, t);
        assert_eq!(p.targets(Severity::S2), t);
        assert_eq!(p.targets(Severity::S1), Policy::default().targets(Severity::S1));
    }
}
