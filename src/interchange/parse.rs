//! Reading: JSONL into an import batch, every field checked and every error
//! naming its line and field. References between records (evidence, a bet's
//! hypothesis, a decision's subject) stay file ids; the store maps them.

use chrono::{DateTime, Utc};
use std::io::BufRead;

use super::InterchangeError;
use super::records::{
    BetRecord, CustomerRecord, DecisionRecord, HypothesisRecord, ItemRecord, Record, ReviewRecord, ThemeRecord,
};
use crate::domain::{
    Bet, BetId, BetStatus, Customer, CustomerId, Hypothesis, HypothesisId, HypothesisStatus, Item, ItemId, NewDecision,
    Severity, Status,
};
use crate::scoring::{Input, Inputs};
use crate::store::{
    ImportBatch, ImportedBet, ImportedCustomer, ImportedDecision, ImportedHypothesis, ImportedItem, ImportedReview,
    ImportedTheme,
};

/// See [`super::parse`].
pub(super) fn parse(input: impl BufRead, now: DateTime<Utc>) -> Result<ImportBatch, InterchangeError> {
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
            Record::Customer(r) => batch.customers.push(customer_from(r, line_no)),
            Record::Theme(r) => batch.themes.push(theme_from(r, line_no, now).map_err(err)?),
            Record::Item(r) => batch.items.push(item_from(*r, line_no, now).map_err(err)?),
            Record::Hypothesis(r) => batch.hypotheses.push(hypothesis_from(r, line_no, now).map_err(err)?),
            Record::Bet(r) => batch.bets.push(bet_from(*r, line_no, now).map_err(err)?),
            Record::Decision(r) => batch.decisions.push(decision_from(r, line_no).map_err(err)?),
            Record::Review(r) => batch.reviews.push(review_from(r, line_no).map_err(err)?),
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

fn customer_from(r: CustomerRecord, line: usize) -> ImportedCustomer {
    ImportedCustomer {
        line,
        customer: Customer {
            id: CustomerId(r.id.unwrap_or(0)),
            name: r.name,
            segment: r.segment,
            tier: r.tier,
            arr: r.arr,
        },
    }
}

fn parse_severity(field: &str, value: Option<&str>) -> Result<Option<Severity>, String> {
    value
        .map(|s| s.parse::<Severity>().map_err(|e| format!("{field}: {e}")))
        .transpose()
}

fn item_from(r: ItemRecord, line: usize, now: DateTime<Utc>) -> Result<ImportedItem, String> {
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

/// Created and updated times, defaulting to `now` and to the creation time.
fn stamps(
    created: Option<&str>,
    updated: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let created_at = opt_time("created_at", created)?.unwrap_or(now);
    Ok((created_at, opt_time("updated_at", updated)?.unwrap_or(created_at)))
}

fn item_ids(ids: Vec<i64>) -> Vec<ItemId> {
    ids.into_iter().map(ItemId).collect()
}

fn hypothesis_from(r: HypothesisRecord, line: usize, now: DateTime<Utc>) -> Result<ImportedHypothesis, String> {
    let status = match r.status.as_deref() {
        Some(s) => s.parse::<HypothesisStatus>().map_err(|e| format!("status: {e}"))?,
        None => HypothesisStatus::Open,
    };
    let (created_at, updated_at) = stamps(r.created_at.as_deref(), r.updated_at.as_deref(), now)?;
    let hypothesis = Hypothesis {
        id: HypothesisId(0),
        statement: r.statement,
        status,
        evidence: item_ids(r.items),
        created_at,
        updated_at,
    };
    Ok(ImportedHypothesis {
        line,
        file_id: r.id,
        key: r.key,
        hypothesis,
    })
}

fn bet_from(r: BetRecord, line: usize, now: DateTime<Utc>) -> Result<ImportedBet, String> {
    let status = match r.status.as_deref() {
        Some(s) => s.parse::<BetStatus>().map_err(|e| format!("status: {e}"))?,
        None => BetStatus::Proposed,
    };
    let mut inputs = Inputs::default();
    for (name, value) in r.inputs {
        let input = name.parse::<Input>().map_err(|e| format!("inputs: {e}"))?;
        inputs.set(input, Some(value));
    }
    let (created_at, updated_at) = stamps(r.created_at.as_deref(), r.updated_at.as_deref(), now)?;
    let bet = Bet {
        id: BetId(0),
        title: r.title,
        hypothesis: r.hypothesis_id.map(HypothesisId),
        owner: r.owner,
        metric: r.metric,
        status,
        inputs,
        started_at: opt_time("started_at", r.started_at.as_deref())?,
        deadline: opt_time("deadline", r.deadline.as_deref())?,
        closed_at: opt_time("closed_at", r.closed_at.as_deref())?,
        evidence: item_ids(r.items),
        created_at,
        updated_at,
    };
    Ok(ImportedBet {
        line,
        file_id: r.id,
        key: r.key,
        bet,
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
        links: crate::domain::DecisionLinks {
            supersedes: r.supersedes,
            revisit_by: opt_time("revisit_by", r.revisit_by.as_deref())?,
            evidence: r
                .evidence
                .iter()
                .map(|e| e.parse().map_err(|e| format!("evidence: {e}")))
                .collect::<Result<_, _>>()?,
        },
    })
}

fn review_from(r: ReviewRecord, line: usize) -> Result<ImportedReview, String> {
    Ok(ImportedReview {
        line,
        at: parse_time("at", &r.at)?,
        since: parse_time("since", &r.since)?,
        by: r.by,
        summary: r.summary,
        path: r.path,
    })
}
