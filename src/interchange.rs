//! loopboard's interchange format: JSONL, one object per line with a `"kind"`
//! field (`"customer"`, `"item"`, `"decision"`; more kinds join as features
//! land). Export writes customers, then items, then decisions, each in id
//! order with fixed key order and RFC 3339 UTC times, so export → import into
//! an empty database → export gives the same bytes. Import streams: one line
//! at a time, whatever the size of the file.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::sync::Arc;

use crate::domain::{Customer, CustomerId, Item, ItemId, NewDecision, Severity, Status};
use crate::import::input::Lines;
use crate::import::{Entry, ImportError, ImportedCustomer, ImportedDecision, ImportedItem, Location};
use crate::store::{ImportBatch, Store};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Record {
    Customer(CustomerRecord),
    Item(Box<ItemRecord>),
    Decision(DecisionRecord),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerRecord {
    #[serde(default)]
    id: Option<i64>,
    name: String,
    #[serde(default)]
    segment: Option<String>,
    #[serde(default)]
    tier: Option<String>,
    #[serde(default)]
    arr: Option<i64>,
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
    suggested_severity: Option<String>,
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

/// Writes every customer, item and decision as interchange JSONL.
pub fn export(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    for c in store.customers()? {
        let rec = Record::Customer(CustomerRecord {
            id: Some(c.id.0),
            name: c.name,
            segment: c.segment,
            tier: c.tier,
            arr: c.arr,
        });
        serde_json::to_writer(&mut *out, &rec)?;
        out.write_all(b"\n")?;
    }
    for (item, key) in store.export_items()? {
        serde_json::to_writer(&mut *out, &Record::Item(Box::new(item_record(item, Some(key)))))?;
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
        suggested_severity: item.suggested_severity.map(|s| s.as_str().to_string()),
        status: Some(item.status.as_str().to_string()),
        owner: item.owner,
        source: Some(item.source),
        external_id: item.external_id,
        key,
        created_at: Some(time(item.created_at)),
        updated_at: Some(time(item.updated_at)),
        triaged_at: item.triaged_at.map(time),
        resolved_at: item.resolved_at.map(time),
    }
}

/// Reads interchange JSONL into an in-memory batch, checking every field.
/// `now` fills in missing creation times. Blank lines, a UTF-8 BOM and CRLF
/// line ends are accepted.
pub fn parse(input: impl BufRead, now: DateTime<Utc>) -> Result<ImportBatch, InterchangeError> {
    let mut batch = ImportBatch::default();
    for entry in entries(input, Arc::from(""), now) {
        match entry.map_err(InterchangeError::from)? {
            Entry::Customer(c) => batch.customers.push(c),
            Entry::Item(i) => batch.items.push(*i),
            Entry::Decision(d) => batch.decisions.push(d),
            Entry::Feedback(_) => {}
        }
    }
    Ok(batch)
}

impl From<ImportError> for InterchangeError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Invalid {
                location,
                field,
                reason,
            } => {
                let column = location.column.map(|c| format!("column {c}: ")).unwrap_or_default();
                let field = location.field_prefix(&field);
                InterchangeError::Parse {
                    line: usize::try_from(location.line).unwrap_or(usize::MAX),
                    message: format!("{column}{field}{reason}"),
                }
            }
            ImportError::Io { source, .. } => InterchangeError::Io { line: 0, source },
            other => InterchangeError::Parse {
                line: 0,
                message: other.to_string(),
            },
        }
    }
}

/// Streams interchange JSONL as entries, one line at a time; `file` names
/// the input in error locations.
pub fn entries(
    input: impl BufRead,
    file: Arc<str>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = Result<Entry, ImportError>> {
    let mut lines = Lines::new(input, file.clone());
    std::iter::from_fn(move || {
        loop {
            let (line_no, text) = match lines.next_line()? {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            let text = text.trim();
            if !text.is_empty() {
                return Some(entry(text, Location::new(&file, line_no), now));
            }
        }
    })
}

fn entry(text: &str, at: Location, now: DateTime<Utc>) -> Result<Entry, ImportError> {
    let record: Record = serde_json::from_str(text)
        .map_err(|e| ImportError::invalid(at.clone().with_column(e.column() as u64), "", e.to_string()))?;
    let err = |message: String| {
        let (field, reason) = message.split_once(": ").unwrap_or(("", message.as_str()));
        ImportError::invalid(at.clone(), field, reason)
    };
    Ok(match record {
        Record::Customer(r) => Entry::Customer(customer_from(r, at.clone())),
        Record::Item(r) => Entry::Item(Box::new(item_from(*r, at.clone(), now).map_err(err)?)),
        Record::Decision(r) => Entry::Decision(decision_from(r, at.clone()).map_err(err)?),
    })
}

fn customer_from(r: CustomerRecord, location: Location) -> ImportedCustomer {
    ImportedCustomer {
        location,
        customer: Customer {
            id: CustomerId(r.id.unwrap_or(0)),
            name: r.name,
            segment: r.segment,
            tier: r.tier,
            arr: r.arr,
        },
    }
}

fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{field}: {value:?} is not an RFC 3339 time ({e})"))
}

fn opt_time(field: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>, String> {
    value.map(|v| parse_time(field, v)).transpose()
}

fn parse_severity(field: &str, value: Option<&str>) -> Result<Option<Severity>, String> {
    value
        .map(|s| s.parse::<Severity>().map_err(|e| format!("{field}: {e}")))
        .transpose()
}

fn item_from(r: ItemRecord, location: Location, now: DateTime<Utc>) -> Result<ImportedItem, String> {
    let severity = parse_severity("severity", r.severity.as_deref())?;
    let suggested_severity = parse_severity("suggested_severity", r.suggested_severity.as_deref())?;
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
        suggested_severity,
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
        location,
        file_id: r.id,
        key: r.key,
        item,
    })
}

fn decision_from(r: DecisionRecord, location: Location) -> Result<ImportedDecision, String> {
    Ok(ImportedDecision {
        location,
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
