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
    SetSeverity(Severity),
    Accept,
    Decline,
    Waiting,
    Capture,
    LoadDemo,
    Help,
    Quit,
}
