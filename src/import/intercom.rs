//! Intercom conversations as the REST API lists them: `{"conversations":
//! [...]}`. The opening message's subject is the title (or its first line
//! when there is none, as is usual in chat); its HTML body becomes text,
//! followed by the replies in the conversation. Times are Unix seconds. The
//! customer is the author's account, from their work email's domain.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;
use std::sync::Arc;

use super::aliases::Field;
use super::json_stream::Elements;
use super::values::{Fields, Rules, account_from_email, html_to_text};
use super::zendesk::id_text;
use super::{Entry, ImportError};

#[derive(Deserialize)]
struct Conversation {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    created_at: Option<i64>,
    #[serde(default)]
    source: Option<Message>,
    #[serde(default)]
    tags: Option<TagList>,
    #[serde(default)]
    conversation_parts: Option<Parts>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    author: Option<Author>,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Deserialize)]
struct TagList {
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
struct Tag {
    name: String,
}

#[derive(Deserialize)]
struct Parts {
    #[serde(default)]
    conversation_parts: Vec<Message>,
}

const RULES: Rules = Rules {
    title_from_body: true,
    ..Rules::new("intercom")
};

pub fn records<R: BufRead>(
    reader: R,
    file: Arc<str>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    Elements::new(reader, file, &["conversations"]).map(move |element| {
        let element = element?;
        let c: Conversation = element.parse()?;
        let mut fields = Fields::default();
        let opening = c.source.as_ref();
        if let Some(subject) = opening.and_then(|m| m.subject.as_deref()) {
            // Subjects may hold markup too; plain text passes through.
            fields.offer(Field::Title, "source.subject", html_to_text(subject).trim().to_string());
        }
        fields.offer(Field::Body, "source.body", body(&c));
        let email = opening.and_then(|m| m.author.as_ref()).and_then(|a| a.email.as_deref());
        if let Some(account) = email.and_then(account_from_email) {
            fields.offer(Field::Customer, "source.author.email", account);
        }
        for tag in c.tags.iter().flat_map(|t| &t.tags) {
            fields.offer(Field::Tags, "tags", tag.name.as_str());
        }
        if let Some(id) = c.id.as_ref().and_then(id_text) {
            fields.offer(Field::ExternalId, "id", id);
        }
        if let Some(t) = c.created_at {
            fields.offer(Field::CreatedAt, "created_at", t.to_string());
        }
        fields
            .into_record(element.location, &RULES, now)
            .map(|r| Entry::Feedback(Box::new(r)))
    })
}

/// The opening message as text, then each reply as `Name: text`.
fn body(c: &Conversation) -> String {
    let mut out = c
        .source
        .as_ref()
        .and_then(|m| m.body.as_deref())
        .map(html_to_text)
        .unwrap_or_default();
    for part in c.conversation_parts.iter().flat_map(|p| &p.conversation_parts) {
        let Some(text) = part.body.as_deref().map(html_to_text).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let who = part.author.as_ref().and_then(|a| a.name.as_deref()).unwrap_or("reply");
        out.push_str(&format!("\n\n{who}: {}", text.trim()));
    }
    out
}
