//! Plain domain types and rules: items, severities, statuses and their allowed
//! transitions, decisions, customers. No I/O and no terminal code lives here, so every rule
//! can be unit-tested in isolation and shared by the CLI, the TUI and the store.

mod customer;
mod decision;
mod item;
mod severity;
mod status;

pub use customer::{Customer, CustomerId, CustomerPatch, customer_key};
pub use decision::{Decision, DecisionKind, NewDecision, SubjectKind};
pub use item::{Item, ItemId, NewItem};
pub use severity::{ParseSeverityError, Severity};
pub use status::{ParseStatusError, Status, TransitionError};
