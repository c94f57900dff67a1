//! Intake rules shared by every write path (CLI, capture form, imports):
//! sanitize and validate the fields of incoming feedback, and compute its
//! identity. Pure functions, so importers' worker threads can run them too.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::domain::{Item, ItemId, NewItem, Severity, Status};
use crate::sanitize::{clean_line_owned, clean_text_owned};

/// Sanitizes and validates every text field of an incoming item.
pub(crate) fn normalize(new: &NewItem) -> Result<NewItem, StoreError> {
    normalize_owned(new.clone())
}

/// [`normalize`] consuming the item: fields that are already clean (nearly
/// all of them in a big import) are kept as they are, not copied.
pub(crate) fn normalize_owned(new: NewItem) -> Result<NewItem, StoreError> {
    let title = clean_line_owned(new.title);
    if title.is_empty() {
        return Err(StoreError::invalid("title", "must not be empty"));
    }
    let opt = |v: Option<String>| v.map(clean_line_owned).filter(|s| !s.is_empty());
    let source = lower(clean_line_owned(new.source));
    Ok(NewItem {
        title,
        body: clean_text_owned(new.body),
        customer: opt(new.customer),
        segment: opt(new.segment).map(lower),
        category: opt(new.category).map(lower),
        tags: normalize_tags_owned(new.tags),
        severity: new.severity,
        source: if source.is_empty() {
            "manual".to_string()
        } else {
            source
        },
        external_id: opt(new.external_id),
        created_at: new.created_at,
    })
}

/// Lower-cases in place when the text is ASCII (no new allocation).
fn lower(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

/// Tags are lower-case, trimmed, de-duplicated and sorted.
pub(crate) fn normalize_tags(tags: &[String]) -> Vec<String> {
    normalize_tags_owned(tags.to_vec())
}

fn normalize_tags_owned(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = tags
        .into_iter()
        .map(|t| lower(clean_line_owned(t)))
        .filter(|t| !t.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The identity of a piece of feedback at intake: its source and external id
/// when it has one, otherwise a hash of its normalized title, body and
/// customer. Re-importing the same feedback finds the same key.
pub(crate) fn intake_key(new: &NewItem) -> String {
    match &new.external_id {
        Some(ext) => format!("ext:{}:{}", new.source, ext),
        None => {
            let mut h = Sha256::new();
            for part in [
                new.title.as_str(),
                new.body.as_str(),
                &new.customer.as_deref().unwrap_or("").to_lowercase(),
            ] {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
            let digest = h.finalize();
            let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            format!("hash:{hex}")
        }
    }
}

/// The item a piece of new feedback becomes: untriaged, or triaged when it
/// came with a severity, dated when it was given (or `now`).
pub(crate) fn item_for(new: &NewItem, suggested: Option<Severity>, now: DateTime<Utc>) -> Item {
    let created = new.created_at.unwrap_or(now);
    Item {
        id: ItemId(0),
        title: new.title.clone(),
        body: new.body.clone(),
        customer: new.customer.clone(),
        segment: new.segment.clone(),
        category: new.category.clone(),
        tags: new.tags.clone(),
        severity: new.severity,
        suggested_severity: suggested,
        status: if new.severity.is_some() {
            Status::Triaged
        } else {
            Status::New
        },
        owner: None,
        source: new.source.clone(),
        external_id: new.external_id.clone(),
        created_at: created,
        updated_at: created,
        triaged_at: new.severity.map(|_| created),
        resolved_at: None,
    }
}
