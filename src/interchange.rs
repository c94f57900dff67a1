//! loopboard's interchange format: JSONL, one object per line with a `"kind"`
//! field (`"theme"`, `"item"`, `"decision"`; more kinds join as features
//! land). Export writes themes, then items, then decisions, each in id order
//! with fixed key order and RFC 3339 UTC times, so export → import into an
//! empty database → export gives the same bytes. Items refer to their theme
//! and canonical item by the file's ids, remapped on import.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

use crate::domain::{Item, ItemId, NewDecision, Severity, Status};
use crate::store::{ImportBatch, ImportedDecision, ImportedItem, ImportedTheme, Store};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Record {
    Theme(ThemeRecord),
    Item(Box<ItemRecord>),
    Decision(DecisionRecord),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemRecord {
    #[serde(default)]
    id: Option<i64>,
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default)]
    segment: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
    #[serde(default)]
    triaged_at: Option<String>,
    #[serde(default)]
    resolved_at: Option<String>,
    // Written only when set, so lines of items without links read as before
    // (and `list --format jsonl`, which has no links at hand, omits them).
    /// The file id of the canonical item this one duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<i64>,
    /// The file id of the item's theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    theme_id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeRecord {
    #[serde(default)]
    id: Option<i64>,
    name: String,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionRecord {
    #[serde(default)]
    id: Option<i64>,
    at: String,
    decision: String,
    subject: String,
    subject_id: i64,
    rationale: String,
    decided_by: String,
}

/// A problem in an interchange file, with the line and the field.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("reading line {line}: {source}")]
    Io { line: usize, source: std::io::Error },
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Writes every item and decision as interchange JSONL.
pub fn export(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    for t in store.themes()? {
        let rec = Record::Theme(ThemeRecord {
            id: Some(t.id.0),
            name: t.name,
            created_at: Some(time(t.created_at)),
        });
        serde_json::to_writer(&mut *out, &rec)?;
        out.write_all(b"\n")?;
    }
    let links = store.item_links()?;
    for (item, key) in store.export_items()? {
        let (duplicate_of, theme_id) = links.get(&item.id).copied().unwrap_or_default();
        let rec = ItemRecord {
            duplicate_of: duplicate_of.map(|d| d.0),
            theme_id: theme_id.map(|t| t.0),
            ..item_record(item, Some(key))
        };
        serde_json::to_writer(&mut *out, &Record::Item(Box::new(rec)))?;
        out.write_all(b"\n")?;
    }
    for d in store.list_decisions()? {
        let rec = Record::Decision(DecisionRecord {
            id: Some(d.id),
            at: time(d.at),
            decision: d.kind.as_str().to_string(),
            subject: d.subject.as_str().to_string(),
            subject_id: d.subject_id,
            rationale: d.rationale,
            decided_by: d.decided_by,
        });
        serde_json::to_writer(&mut *out, &rec)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One item as an interchange line (without its intake key), for `list`.
pub fn item_line(item: &Item) -> serde_json::Result<String> {
    serde_json::to_string(&Record::Item(Box::new(item_record(item.clone(), None))))
}

fn item_record(item: Item, key: Option<String>) -> ItemRecord {
    ItemRecord {
        id: Some(item.id.0),
        title: item.title,
        body: item.body,
        customer: item.customer,
        segment: item.segment,
        category: item.category,
        tags: item.tags,
        severity: item.severity.map(|s| s.as_str().to_string()),
        status: Some(item.status.as_str().to_string()),
        owner: item.owner,
        source: Some(item.source),
        external_id: item.external_id,
        key,
        created_at: Some(time(item.created_at)),
        updated_at: Some(time(item.updated_at)),
        triaged_at: item.triaged_at.map(time),
        resolved_at: item.resolved_at.map(time),
        duplicate_of: None,
        theme_id: None,
    }
}

/// Reads interchange JSONL into a batch, checking every field. `now` fills in
/// missing creation times. Blank lines, a UTF-8 BOM and CRLF line ends are
/// accepted.
pub fn parse(input: impl BufRead, now: DateTime<Utc>) -> Result<ImportBatch, InterchangeError> {
    let mut batch = ImportBatch::default();
    for (idx, line) in input.lines().enumerate() {
        let line_no = idx + 1;
        let line = line.map_err(|source| InterchangeError::Io { line: line_no, source })?;
        let text = line.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        let err = |message: String| InterchangeError::Parse { line: line_no, message };
        let record: Record = serde_json::from_str(text).map_err(|e| err(format!("column {}: {e}", e.column())))?;
        match record {
            Record::Theme(r) => batch.themes.push(theme_from(r, line_no, now).map_err(err)?),
            Record::Item(r) => batch.items.push(item_from(*r, line_no, now).map_err(err)?),
            Record::Decision(r) => batch.decisions.push(decision_from(r, line_no).map_err(err)?),
        }
    }
    Ok(batch)
}

fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{field}: {value:?} is not an RFC 3339 time ({e})"))
}

fn opt_time(field: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>, String> {
    value.map(|v| parse_time(field, v)).transpose()
}

fn item_from(r: ItemRecord, line: usize, now: DateTime<Utc>) -> Result<ImportedItem, String> {
    let severity = r
        .severity
        .as_deref()
        .map(|s| s.parse::<Severity>().map_err(|e| format!("severity: {e}")))
        .transpose()?;
    let status = match r.status.as_deref() {
        Some(s) => s.parse::<Status>().map_err(|e| format!("status: {e}"))?,
        None if severity.is_some() => Status::Triaged,
        None => Status::New,
    };
    let created_at = opt_time("created_at", r.created_at.as_deref())?.unwrap_or(now);
    let item = Item {
        id: ItemId(0),
        title: r.title,
        body: r.body,
        customer: r.customer,
        segment: r.segment,
        category: r.category,
        tags: r.tags,
        severity,
        status,
        owner: r.owner,
        source: r.source.unwrap_or_else(|| "import".to_string()),
        external_id: r.external_id,
        created_at,
        updated_at: opt_time("updated_at", r.updated_at.as_deref())?.unwrap_or(created_at),
        triaged_at: opt_time("triaged_at", r.triaged_at.as_deref())?,
        resolved_at: opt_time("resolved_at", r.resolved_at.as_deref())?,
    };
    Ok(ImportedItem {
        line,
        file_id: r.id,
        key: r.key,
        item,
        duplicate_of: r.duplicate_of,
        theme_id: r.theme_id,
    })
}

fn theme_from(r: ThemeRecord, line: usize, now: DateTime<Utc>) -> Result<ImportedTheme, String> {
    Ok(ImportedTheme {
        line,
        file_id: r.id,
        name: r.name,
        created_at: opt_time("created_at", r.created_at.as_deref())?.unwrap_or(now),
    })
}

fn decision_from(r: DecisionRecord, line: usize) -> Result<ImportedDecision, String> {
    Ok(ImportedDecision {
        line,
        file_id: r.id,
        at: parse_time("at", &r.at)?,
        decision: NewDecision {
            kind: r.decision.parse().map_err(|e| format!("decision: {e}"))?,
            subject: r.subject.parse().map_err(|e| format!("subject: {e}"))?,
            subject_id: r.subject_id,
            rationale: r.rationale,
            decided_by: r.decided_by,
        },
    })
}
