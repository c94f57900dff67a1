//! Plain domain types and rules: items, severities, statuses and their allowed
//! transitions, decisions. No I/O and no terminal code lives here, so every rule
//! can be unit-tested in isolation and shared by the CLI, the TUI and the store.

mod decision;
mod item;
mod severity;
mod status;
mod theme;

pub use decision::{Decision, DecisionKind, NewDecision, SubjectKind};
pub use item::{Item, ItemId, NewItem};
pub use severity::{ParseSeverityError, Severity};
pub use status::{ParseStatusError, Status, TransitionError};
pub use theme::{RECURRING_DEFAULT, ThemeClass, ThemeId, sparkline};
