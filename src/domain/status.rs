//! Item status and the rules for moving between statuses. The rules live here,
//! once, so the inbox, the board, the CLI and imports all refuse the same moves
//! with the same reason.

use std::fmt;
use std::str::FromStr;

/// Where an item is in the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    New,
    Triaged,
    Accepted,
    InProgress,
    Waiting,
    Snoozed,
    Resolved,
    Declined,
    Duplicate,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::New,
        Status::Triaged,
        Status::Accepted,
        Status::InProgress,
        Status::Waiting,
        Status::Snoozed,
        Status::Resolved,
        Status::Declined,
        Status::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Triaged => "triaged",
            Status::Accepted => "accepted",
            Status::InProgress => "in_progress",
            Status::Waiting => "waiting",
            Status::Snoozed => "snoozed",
            Status::Resolved => "resolved",
            Status::Declined => "declined",
            Status::Duplicate => "duplicate",
        }
    }

    /// Human label for the screen ("in progress" rather than "in_progress").
    pub fn label(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            other => other.as_str(),
        }
    }

    /// Closed items are done with: they leave the inbox.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Resolved | Status::Declined | Status::Duplicate)
    }

    /// Statuses that only make sense once someone has judged the severity.
    pub fn needs_severity(self) -> bool {
        matches!(
            self,
            Status::Triaged | Status::Accepted | Status::InProgress | Status::Resolved
        )
    }

    /// Checks whether an item with status `self` may move to `to`.
    /// `has_severity` tells whether the item has been given a severity.
    pub fn check_transition(self, to: Status, has_severity: bool) -> Result<(), TransitionError> {
        use Status::*;
        if self == to {
            return Err(TransitionError::new(self, to, format!("it is already {}", to.label())));
        }
        let allowed = match to {
            New => matches!(self, Snoozed | Waiting),
            Triaged => matches!(
                self,
                New | Accepted | Waiting | Snoozed | Resolved | Declined | Duplicate
            ),
            Accepted => matches!(self, New | Triaged | InProgress | Waiting | Snoozed),
            InProgress => matches!(self, Accepted | Waiting | Resolved),
            Waiting => matches!(self, New | Triaged | Accepted | InProgress),
            Snoozed => matches!(self, New | Triaged | Accepted | Waiting),
            Resolved => matches!(self, Triaged | Accepted | InProgress | Waiting),
            Declined | Duplicate => !self.is_closed(),
        };
        if !allowed {
            let why = match (self, to) {
                (New, Resolved) => "triage it first (give it a severity)".to_string(),
                (Triaged | New, InProgress) => "accept it first".to_string(),
                (from, _) if from.is_closed() => format!("it is {}; reopen it first", from.label()),
                _ => format!("{} items cannot become {}", self.label(), to.label()),
            };
            return Err(TransitionError::new(self, to, why));
        }
        if to.needs_severity() && !has_severity {
            return Err(TransitionError::new(
                self,
                to,
                "set a severity first (keys 1-4)".to_string(),
            ));
        }
        Ok(())
    }
}

/// A refused status change, with the reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot move from {} to {}: {reason}", from.label(), to.label())]
pub struct TransitionError {
    pub from: Status,
    pub to: Status,
    pub reason: String,
}

impl TransitionError {
    fn new(from: Status, to: Status, reason: String) -> Self {
        TransitionError { from, to, reason }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid status {0:?}: expected one of new, triaged, accepted, in_progress, waiting, snoozed, resolved, declined, duplicate"
)]
pub struct ParseStatusError(pub String);

impl FromStr for Status {
    type Err = ParseStatusError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == norm)
            .ok_or_else(|| ParseStatusError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
        }
        assert_eq!("In Progress".parse::<Status>(), Ok(InProgress));
        assert!("done".parse::<Status>().is_err());
    }

    /// The full table of allowed moves, with a severity set. Every pair not
    /// listed here must be refused.
    const ALLOWED: &[(Status, Status)] = &[
        (New, Triaged),
        (New, Accepted),
        (New, Waiting),
        (New, Snoozed),
        (New, Declined),
        (New, Duplicate),
        (Triaged, Accepted),
        (Triaged, Waiting),
        (Triaged, Snoozed),
        (Triaged, Resolved),
        (Triaged, Declined),
        (Triaged, Duplicate),
        (Accepted, Triaged),
        (Accepted, InProgress),
        (Accepted, Waiting),
        (Accepted, Snoozed),
        (Accepted, Resolved),
        (Accepted, Declined),
        (Accepted, Duplicate),
        (InProgress, Accepted),
        (InProgress, Waiting),
        (InProgress, Resolved),
        (InProgress, Declined),
        (InProgress, Duplicate),
        (Waiting, New),
        (Waiting, Triaged),
        (Waiting, Accepted),
        (Waiting, InProgress),
        (Waiting, Snoozed),
        (Waiting, Resolved),
        (Waiting, Declined),
        (Waiting, Duplicate),
        (Snoozed, New),
        (Snoozed, Triaged),
        (Snoozed, Accepted),
        (Snoozed, Declined),
        (Snoozed, Duplicate),
        (Resolved, Triaged),
        (Resolved, InProgress),
        (Declined, Triaged),
        (Duplicate, Triaged),
    ];

    #[test]
    fn transition_table_is_exactly_the_allowed_set() {
        for from in Status::ALL {
            for to in Status::ALL {
                let want = ALLOWED.contains(&(from, to));
                let got = from.check_transition(to, true);
                assert_eq!(got.is_ok(), want, "{from} -> {to}: {got:?}");
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        let err = New.check_transition(Resolved, false).unwrap_err();
        assert!(err.reason.contains("triage it first"), "{err}");
        let err = Triaged.check_transition(InProgress, true).unwrap_err();
        assert!(err.reason.contains("accept it first"), "{err}");
        let err = Declined.check_transition(Accepted, true).unwrap_err();
        assert!(err.reason.contains("reopen"), "{err}");
        let err = Waiting.check_transition(Waiting, true).unwrap_err();
        assert!(err.to_string().contains("already waiting"), "{err}");
    }

    #[test]
    fn accepting_needs_a_severity_but_waiting_and_declining_do_not() {
        let err = New.check_transition(Accepted, false).unwrap_err();
        assert!(err.reason.contains("severity"), "{err}");
        assert!(New.check_transition(Waiting, false).is_ok());
        assert!(New.check_transition(Declined, false).is_ok());
    }
}
