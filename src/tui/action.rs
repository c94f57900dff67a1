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
    Redo,
    Capture,
    Edit,
    LoadDemo,
    Help,
    Quit,
}
