//! Decisions: the append-only record of what was decided about what, by whom
//! and why. A correction is a new decision, never an edit.

use chrono::{DateTime, Utc};
use std::str::FromStr;

/// What kind of decision was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    Accept,
    Decline,
    Duplicate,
    Escalate,
    Snooze,
    Pivot,
    Persevere,
    Stop,
    Ship,
    Revoke,
    Note,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 11] = [
        DecisionKind::Accept,
        DecisionKind::Decline,
        DecisionKind::Duplicate,
        DecisionKind::Escalate,
        DecisionKind::Snooze,
        DecisionKind::Pivot,
        DecisionKind::Persevere,
        DecisionKind::Stop,
        DecisionKind::Ship,
        DecisionKind::Revoke,
        DecisionKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Accept => "accept",
            DecisionKind::Decline => "decline",
            DecisionKind::Duplicate => "duplicate",
            DecisionKind::Escalate => "escalate",
            DecisionKind::Snooze => "snooze",
            DecisionKind::Pivot => "pivot",
            DecisionKind::Persevere => "persevere",
            DecisionKind::Stop => "stop",
            DecisionKind::Ship => "ship",
            DecisionKind::Revoke => "revoke",
            DecisionKind::Note => "note",
        }
    }
}

impl FromStr for DecisionKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DecisionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown decision kind {s:?}"))
    }
}

/// What a decision is about (and what a decision's evidence can be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    Item,
    Hypothesis,
    Bet,
    Theme,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 4] = [
        SubjectKind::Item,
        SubjectKind::Hypothesis,
        SubjectKind::Bet,
        SubjectKind::Theme,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Item => "item",
            SubjectKind::Hypothesis => "hypothesis",
            SubjectKind::Bet => "bet",
            SubjectKind::Theme => "theme",
        }
    }
}

impl FromStr for SubjectKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubjectKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown decision subject {s:?}: expected item, theme, hypothesis or bet"))
    }
}

/// A decision as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: DecisionKind,
    pub subject: SubjectKind,
    pub subject_id: i64,
    pub rationale: String,
    pub decided_by: String,
}

impl Decision {
    /// The same decision, ready to be appended again (redo) or answered
    /// (revoke).
    pub fn as_new(&self) -> NewDecision {
        NewDecision {
            kind: self.kind,
            subject: self.subject,
            subject_id: self.subject_id,
            rationale: self.rationale.clone(),
            decided_by: self.decided_by.clone(),
        }
    }
}

/// A decision about to be appended.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub kind: DecisionKind,
    pub subject: SubjectKind,
    pub subject_id: i64,
    pub rationale: String,
    pub decided_by: String,
}
