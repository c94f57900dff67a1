//! Linear's CSV export (Settings → Import/Export → Export CSV): one row per
//! issue with `ID`, `Title`, `Description`, `Priority` (Urgent, High,
//! Medium, Low, No priority), `Labels` joined by ", " and `Created` as
//! `YYYY-MM-DD HH:MM:SS` in UTC. The alias table already maps those
//! columns; what is Linear's own is the source and how to recognize it.

use super::aliases::squash;
use super::values::Rules;

pub const RULES: Rules = Rules::new("linear");

/// Linear's header: `ID`, `Team`, `Title` and `Priority`, with its cycle or
/// triage columns, which generic exports do not have.
pub fn is_linear(headers: &[&str]) -> bool {
    let names: Vec<String> = headers.iter().map(|h| squash(h)).collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    has("id") && has("team") && has("title") && has("priority") && (has("cyclenumber") || has("triaged"))
}
