//! A piece of feedback: what a customer said, through which channel, and where
//! it stands in triage.

use chrono::{DateTime, Utc};
use std::fmt;

use super::{Severity, Status};

/// Database id of an item. A `Copy` newtype so ids of different kinds never mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub i64);

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// An item as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: ItemId,
    pub title: String,
    pub body: String,
    pub customer: Option<String>,
    pub segment: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub severity: Option<Severity>,
    /// The priority another tool gave it, as a severity a person still has
    /// to confirm; it never triages the item by itself.
    pub suggested_severity: Option<Severity>,
    pub status: Status,
    pub owner: Option<String>,
    pub source: String,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub triaged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// What intake (CLI, capture form, importers) hands to the store. Text is
/// sanitized by the store before it is written, whatever the caller did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewItem {
    pub title: String,
    pub body: String,
    pub customer: Option<String>,
    pub segment: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub severity: Option<Severity>,
    pub source: String,
    pub external_id: Option<String>,
    /// When the feedback was given; `None` means now.
    pub created_at: Option<DateTime<Utc>>,
}
