//! SLA clocks: per severity, an acknowledge target (created → triaged) and a
//! resolve target (triaged → resolved). Pure: no SQL, no terminal, and `now`
//! is passed in.
//!
//! - **Targets** ([`Policy::default`]): S1 4 h / 3 days, S2 1 day / 2 weeks,
//!   S3 3 days / 6 weeks, S4 1 week / no resolve target; configurable. An
//!   item nobody has rated yet is held to the unrated acknowledge target
//!   (1 day); once triaged, its acknowledgement is judged by its severity.
//! - **Waiting** on the customer pauses the resolve clock (only time after
//!   triage counts as a pause); nothing pauses the acknowledge clock.
//! - **Snoozing** hides an item until a moment ([`parse_snooze`]: `3d`, `2w`,
//!   `12h` or a date); at that moment it is back in the inbox, marked as back
//!   from snooze. The clocks keep running while it sleeps.
//! - **States** of a running clock: on track; at risk when at most 25 % of the
//!   target is left (exactly 25 % is at risk); breached once past the target
//!   (exactly on it is still at risk, with 0m left). A stopped clock is met
//!   (within or on the target) or missed. Each has a label in words
//!   ([`Phase::label`]), never colour alone.
//! - **The at-risk queue** sorts by [`Sla::time_left`]: least time left first,
//!   breached (negative) before all.
//! - **Compliance** ([`compliance`]) reports, per severity, how many items
//!   were acknowledged and resolved within target, median times, and open
//!   clocks already breached, for `loopboard sla`.

mod clock;
mod compliance;
mod duration;
mod policy;
mod snooze;

pub use clock::{AT_RISK_PERCENT, ClockInput, Phase, Sla, State, evaluate, waited};
pub use compliance::{Compliance, compliance};
pub use duration::{ParseDurationError, format_duration, parse_duration};
pub use policy::{Policy, PolicyError, Targets};
pub use snooze::{SnoozeError, SnoozeState, parse_snooze, snooze_state};
