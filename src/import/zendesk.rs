//! Zendesk tickets as the API and the JSON export write them: `{"tickets":
//! [...]}` (a bare array too). Subject and description become title and
//! body, the ticket type the category, tags stay tags, and the priority
//! (urgent, high, normal, low) a suggested severity. A ticket carries only
//! an organization id, so the customer is set when the export side-loads
//! the organization's name into the ticket.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;
use std::sync::Arc;

use super::aliases::Field;
use super::json_stream::Elements;
use super::values::{Fields, Rules};
use super::{Entry, ImportError};

#[derive(Deserialize)]
struct Ticket {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    raw_subject: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    organization: Option<Named>,
    #[serde(default)]
    organization_name: Option<String>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
}

const RULES: Rules = Rules {
    title_from_body: true,
    ..Rules::new("zendesk")
};

pub fn records<R: BufRead>(
    reader: R,
    file: Arc<str>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    Elements::new(reader, file, &["tickets", "results"]).map(move |element| {
        let element = element?;
        let t: Ticket = element.parse()?;
        let mut fields = Fields::default();
        let pairs = [
            (Field::Title, "subject", t.subject.as_deref()),
            (Field::Title, "raw_subject", t.raw_subject.as_deref()),
            (Field::Body, "description", t.description.as_deref()),
            (Field::Priority, "priority", t.priority.as_deref()),
            (Field::Category, "type", t.kind.as_deref()),
            (Field::CreatedAt, "created_at", t.created_at.as_deref()),
            (
                Field::Customer,
                "organization",
                t.organization.as_ref().and_then(|o| o.name.as_deref()),
            ),
            (Field::Customer, "organization_name", t.organization_name.as_deref()),
        ];
        for (field, name, value) in pairs {
            if let Some(v) = value {
                fields.offer(field, name, v);
            }
        }
        for tag in &t.tags {
            fields.offer(Field::Tags, "tags", tag.as_str());
        }
        if let Some(id) = t.id.as_ref().and_then(id_text) {
            fields.offer(Field::ExternalId, "id", id);
        }
        fields
            .into_record(element.location, &RULES, now)
            .map(|r| Entry::Feedback(Box::new(r)))
    })
}

/// An id written as a number or as text.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}
