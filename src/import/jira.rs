//! Jira's CSV export (Filters → Export → CSV): `Summary`, `Issue key`,
//! `Description`, `Priority` (Highest…Lowest), repeated `Labels` columns
//! (one label each, so they add up), `Custom field (…)` columns, and dates
//! written day first as `28/Oct/26 9:10 AM` in the exporting user's zone,
//! taken as UTC since the file does not say.

use super::aliases::squash;
use super::values::Rules;

pub const RULES: Rules = Rules {
    day_first_dates: true,
    ..Rules::new("jira")
};

/// Jira's header: `Summary` and `Issue key` together.
pub fn is_jira(headers: &[&str]) -> bool {
    let names: Vec<String> = headers.iter().map(|h| squash(h)).collect();
    names.iter().any(|h| h == "summary") && names.iter().any(|h| h == "issuekey")
}
