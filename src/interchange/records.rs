//! The interchange records as serde sees them: one struct per kind, fields in
//! the order they are written, unknown fields refused. Times are RFC 3339
//! strings here; `export` and `parse` convert.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(super) enum Record {
    Customer(CustomerRecord),
    Theme(ThemeRecord),
    Item(Box<ItemRecord>),
    Hypothesis(HypothesisRecord),
    Bet(Box<BetRecord>),
    Decision(DecisionRecord),
    Review(ReviewRecord),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub customer: Option<String>,
    #[serde(default)]
    pub segment: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub severity: Option<String>,
    /// Another tool's priority as a severity, until a person confirms it;
    /// written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_severity: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub triaged_at: Option<String>,
    #[serde(default)]
    pub resolved_at: Option<String>,
    // Written only when set, so lines of items without links read as before
    // (and `list --format jsonl`, which has no links at hand, omits them).
    /// The file id of the canonical item this one duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<i64>,
    /// The file id of the item's theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_id: Option<i64>,
}

/// A customer account; items name it by `customer`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CustomerRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    pub segment: Option<String>,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub arr: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// `items` are the ids of the file's item records linked as evidence.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HypothesisRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub statement: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub items: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `hypothesis_id` and `items` are ids of the file's records. `inputs` maps
/// `scoring::Input::key` names to values; unset inputs are left out.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BetRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub title: String,
    #[serde(default)]
    pub hypothesis_id: Option<i64>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub inputs: BTreeMap<String, f64>,
    #[serde(default)]
    pub items: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub closed_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DecisionRecord {
    #[serde(default)]
    pub id: Option<i64>,
    pub at: String,
    pub decision: String,
    pub subject: String,
    pub subject_id: i64,
    pub rationale: String,
    pub decided_by: String,
    // Written only when set, so decisions without them read as before.
    /// The file id of the decision this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_by: Option<String>,
    /// `KIND:ID` with file ids, e.g. `item:12`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReviewRecord {
    pub at: String,
    pub since: String,
    pub by: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}
