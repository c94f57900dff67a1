//! GitHub issues as `gh issue list --json
//! number,title,body,labels,author,createdAt,url` prints them: a JSON array.
//! Labels become tags; a priority label (`P1`, `priority: high`,
//! `severity/critical`) becomes a suggested severity; the author is the
//! customer (bots are not); the identity is `owner/repo#number`, so issue 12
//! of two repositories stays two items.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::io::BufRead;
use std::sync::Arc;

use super::aliases::Field;
use super::json_stream::Elements;
use super::values::{Fields, Rules, priority};
use super::{Entry, ImportError};

#[derive(Deserialize)]
struct Issue {
    #[serde(default)]
    number: Option<u64>,
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    author: Option<Author>,
    #[serde(default, rename = "createdAt")]
    created_at: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct Label {
    name: String,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    login: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    is_bot: bool,
}

const RULES: Rules = Rules::new("github");

pub fn records<R: BufRead>(
    reader: R,
    file: Arc<str>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> + use<R> {
    Elements::new(reader, file, &[]).map(move |element| {
        let element = element?;
        let issue: Issue = element.parse()?;
        let mut fields = Fields::default();
        fields.offer(Field::Title, "title", issue.title.as_str());
        if let Some(body) = &issue.body {
            fields.offer(Field::Body, "body", body.as_str());
        }
        for label in &issue.labels {
            fields.offer(Field::Tags, "labels", label.name.as_str());
            if let Some(p) = label_priority(&label.name) {
                fields.offer(Field::Priority, "labels", p);
            }
        }
        if let Some(who) = issue.author.as_ref().filter(|a| !a.is_bot) {
            let name = who
                .name
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .or(who.login.as_deref());
            if let Some(name) = name {
                fields.offer(Field::Customer, "author", name);
            }
        }
        if let Some(id) = identity(issue.url.as_deref(), issue.number) {
            fields.offer(Field::ExternalId, "url", id);
        }
        if let Some(t) = &issue.created_at {
            fields.offer(Field::CreatedAt, "createdAt", t.as_str());
        }
        fields
            .into_record(element.location, &RULES, now)
            .map(|r| Entry::Feedback(Box::new(r)))
    })
}

/// `owner/repo#12` from the issue's URL, else the bare number.
fn identity(url: Option<&str>, number: Option<u64>) -> Option<String> {
    let from_url = url.and_then(|u| {
        let path = u.split_once("://").map_or(u, |(_, rest)| rest);
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [_host, owner, repo, "issues" | "pull", n, ..] => Some(format!("{owner}/{repo}#{n}")),
            _ => None,
        }
    });
    from_url.or_else(|| number.map(|n| n.to_string()))
}

/// A label that states a priority: `P1`, `priority: high`, `severity/critical`.
fn label_priority(label: &str) -> Option<&str> {
    let l = label.trim();
    let lower = l.to_lowercase();
    for prefix in ["priority", "prio", "severity", "sev"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let value = rest.trim_start_matches([':', '/', '-', ' ', '_']);
            if value.len() < rest.len() && priority(value).is_ok_and(|p| p.is_some()) {
                return Some(&l[l.len() - value.len()..]);
            }
        }
    }
    let is_p = lower.len() == 2 && lower.starts_with('p') && lower.as_bytes()[1].is_ascii_digit();
    is_p.then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_includes_the_repository() {
        assert_eq!(
            identity(Some("https://github.com/acme/app/issues/12"), Some(12)).as_deref(),
            Some("acme/app#12")
        );
        assert_eq!(identity(None, Some(7)).as_deref(), Some("7"));
    }

    #[test]
    fn priority_labels_are_recognized() {
        assert_eq!(label_priority("P1"), Some("P1"));
        assert_eq!(label_priority("priority: High"), Some("High"));
        assert_eq!(label_priority("severity/critical"), Some("critical"));
        assert_eq!(label_priority("billing"), None);
        assert_eq!(label_priority("priority-unknownword"), None);
        assert_eq!(label_priority("prioritize"), None);
    }
}
