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
    ConfirmSuggested,
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
    Import,
    /// Start the guided weekly review.
    StartReview,
    /// The review's next / previous object (finishes after the last).
    ReviewNext,
    ReviewPrev,
    Help,
    Quit,
    /// Go to one view (the config's `view board`).
    ShowView(super::app::View),
    /// Fuzzy search over everything (`/`).
    Search,
    /// The command palette (`:`).
    Palette,
}
