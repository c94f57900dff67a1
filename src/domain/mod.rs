//! Plain domain types and rules: items, severities, statuses and their allowed
//! transitions, decisions, customers, hypotheses, bets (+ their transitions) and
//! verdicts. No I/O and no terminal code lives here, so every rule can be
//! unit-tested in isolation and shared by the CLI, the TUI and the store.

mod bet;
mod customer;
mod decision;
mod decision_log;
mod hypothesis;
mod item;
mod severity;
mod status;
mod theme;
mod verdict;

pub use bet::{Bet, BetId, BetPatch, BetStatus, BetTransitionError, NewBet, ParseNameError, day_start, deadline_on};
pub use customer::{Customer, CustomerId, CustomerPatch, customer_key};
pub use decision::{Decision, DecisionKind, NewDecision, SubjectKind};
pub use decision_log::{DecisionLinks, EvidenceRef, LogEntry, Review};
pub use hypothesis::{Hypothesis, HypothesisId, HypothesisStatus, NewHypothesis};
pub use item::{Item, ItemId, NewItem};
pub use severity::{ParseSeverityError, Severity};
pub use status::{ParseStatusError, Status, TransitionError};
pub use theme::{RECURRING_DEFAULT, ThemeClass, ThemeId, sparkline};
pub use verdict::{NextStep, Outcome, Verdict};
