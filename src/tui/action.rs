//! Everything a key can ask the app to do. Keys resolve to actions through the
//! keymap; the app's `update` turns actions into store verbs.

use crate::domain::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextView,
    PrevView,
    ColumnLeft,
    ColumnRight,
    MoveLeft,
    MoveRight,
    Open,
    Back,
    ToggleMark,
    SetSeverity(Severity),
    Accept,
    Decline,
    Waiting,
    Owner,
    Category,
    Tags,
    Duplicate,
    Theme,
    AcceptProposal,
    Rename,
    Dismiss,
    Escalate,
    Snooze,
    Undo,
    StepUp,
    StepDown,
    Method,
    Presenter,
    Verdict,
    NewBet,
    /// Record a decision by hand (decisions view).
    NewDecision,
    /// Filter the decisions view by kind, subject or person.
    FilterDecisions,
    NewHypothesis,
    Redo,
    Capture,
    Edit,
    LoadDemo,
    /// Start the guided weekly review.
    StartReview,
    /// The review's next / previous object (finishes after the last).
    ReviewNext,
    ReviewPrev,
    Help,
    Quit,
}
