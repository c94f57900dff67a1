//! Canny posts as the API lists them: `{"posts": [...]}`. Title and details
//! become title and body, the category stays the category, tags stay tags.
//! The customer is the author's account, from their work email's domain.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;
use std::sync::Arc;

use super::aliases::Field;
use super::json_stream::Elements;
use super::values::{Fields, Rules, account_from_email};
use super::zendesk::id_text;
use super::{Entry, ImportError};

#[derive(Deserialize)]
struct Post {
    #[serde(default)]
    id: Option<Value>,
    title: String,
    #[serde(default)]
    details: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    author: Option<Author>,
    #[serde(default)]
    category: Option<Named>,
    #[serde(default)]
    tags: Vec<Named>,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    email: Option<String>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
}

const RULES: Rules = Rules::new("canny");

pub fn records<R: BufRead>(
    reader: R,
    file: Arc<str>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    Elements::new(reader, file, &["posts"]).map(move |element| {
        let element = element?;
        let p: Post = element.parse()?;
        let mut fields = Fields::default();
        fields.offer(Field::Title, "title", p.title.as_str());
        let pairs = [
            (Field::Body, "details", p.details.as_deref()),
            (Field::CreatedAt, "created", p.created.as_deref()),
            (
                Field::Category,
                "category",
                p.category.as_ref().and_then(|c| c.name.as_deref()),
            ),
        ];
        for (field, name, value) in pairs {
            if let Some(v) = value {
                fields.offer(field, name, v);
            }
        }
        for tag in p.tags.iter().filter_map(|t| t.name.as_deref()) {
            fields.offer(Field::Tags, "tags", tag);
        }
        let email = p.author.as_ref().and_then(|a| a.email.as_deref());
        if let Some(account) = email.and_then(account_from_email) {
            fields.offer(Field::Customer, "author.email", account);
        }
        if let Some(id) = p.id.as_ref().and_then(id_text) {
            fields.offer(Field::ExternalId, "id", id);
        }
        fields
            .into_record(element.location, &RULES, now)
            .map(|r| Entry::Feedback(Box::new(r)))
    })
}
