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
    NewHypothesis,
    Redo,
    Capture,
    Edit,
    LoadDemo,
    Help,
    Quit,
    /// Go to one view (the config's `view board`).
    ShowView(super::app::View),
    /// Fuzzy search over everything (`/`).
    Search,
    /// The command palette (`:`).
    Palette,
}
