//! Writing: every record in dependency order (customers, themes, items,
//! hypotheses, bets, decisions), each kind in id order, with fixed key order and RFC 3339 UTC
//! times, so the same database always gives the same bytes.

use chrono::{DateTime, SecondsFormat, Utc};
use std::io::Write;

use super::records::{
    BetRecord, CustomerRecord, DecisionRecord, HypothesisRecord, ItemRecord, Record, ReviewRecord, ThemeRecord,
};
use crate::domain::{Bet, Hypothesis, Item, LogEntry, Review};
use crate::scoring::Input;
use crate::store::Store;

pub(super) fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Writes every customer, theme, item, hypothesis, bet and decision as
/// interchange JSONL.
pub fn export(store: &Store, out: &mut dyn Write) -> anyhow::Result<()> {
    let customers = store.customers()?.into_iter().map(|c| {
        Record::Customer(CustomerRecord {
            id: Some(c.id.0),
            name: c.name,
            segment: c.segment,
            tier: c.tier,
            arr: c.arr,
        })
    });
    let themes = store.themes()?;
    let links = store.item_links()?;
    let items = store.export_items()?;
    let hypotheses = store.export_hypotheses()?;
    let bets = store.export_bets()?;
    let themes = themes.into_iter().map(|t| {
        Record::Theme(ThemeRecord {
            id: Some(t.id.0),
            name: t.name,
            created_at: Some(time(t.created_at)),
        })
    });
    let items = items.into_iter().map(|(item, key)| {
        let (duplicate_of, theme_id) = links.get(&item.id).copied().unwrap_or_default();
        Record::Item(Box::new(ItemRecord {
            duplicate_of: duplicate_of.map(|d| d.0),
            theme_id: theme_id.map(|t| t.0),
            ..item_record(item, Some(key))
        }))
    });
    let records = customers
        .chain(themes)
        .chain(items)
        .chain(
            hypotheses
                .into_iter()
                .map(|(h, key)| Record::Hypothesis(hypothesis_record(h, key))),
        )
        .chain(
            bets.into_iter()
                .map(|(b, key)| Record::Bet(Box::new(bet_record(b, key)))),
        )
        .chain(
            store
                .decision_log()?
                .into_iter()
                .map(|d| Record::Decision(decision_record(d))),
        )
        .chain(store.reviews()?.into_iter().map(|r| Record::Review(review_record(r))));
    for record in records {
        serde_json::to_writer(&mut *out, &record)?;
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
        duplicate_of: None,
        theme_id: None,
    }
}

fn hypothesis_record(h: Hypothesis, key: String) -> HypothesisRecord {
    HypothesisRecord {
        id: Some(h.id.0),
        statement: h.statement,
        status: Some(h.status.as_str().to_string()),
        items: h.evidence.iter().map(|i| i.0).collect(),
        key: Some(key),
        created_at: Some(time(h.created_at)),
        updated_at: Some(time(h.updated_at)),
    }
}

fn bet_record(b: Bet, key: String) -> BetRecord {
    let inputs = Input::ALL
        .into_iter()
        .filter_map(|i| Some((i.key().to_string(), b.inputs.get(i)?)))
        .collect();
    BetRecord {
        id: Some(b.id.0),
        title: b.title,
        hypothesis_id: b.hypothesis.map(|h| h.0),
        owner: b.owner,
        metric: b.metric,
        status: Some(b.status.as_str().to_string()),
        inputs,
        items: b.evidence.iter().map(|i| i.0).collect(),
        key: Some(key),
        started_at: b.started_at.map(time),
        deadline: b.deadline.map(time),
        closed_at: b.closed_at.map(time),
        created_at: Some(time(b.created_at)),
        updated_at: Some(time(b.updated_at)),
    }
}

fn decision_record(entry: LogEntry) -> DecisionRecord {
    let (d, links) = (entry.decision, entry.links);
    DecisionRecord {
        id: Some(d.id),
        at: time(d.at),
        decision: d.kind.as_str().to_string(),
        subject: d.subject.as_str().to_string(),
        subject_id: d.subject_id,
        rationale: d.rationale,
        decided_by: d.decided_by,
        supersedes: links.supersedes,
        revisit_by: links.revisit_by.map(time),
        evidence: links.evidence.iter().map(|e| e.to_string()).collect(),
    }
}

fn review_record(r: Review) -> ReviewRecord {
    ReviewRecord {
        at: time(r.at),
        since: time(r.since),
        by: r.by,
        summary: r.summary,
        path: r.path,
    }
}

/// One logged decision as an interchange line, for `decisions --format jsonl`.
pub fn decision_line(entry: &LogEntry) -> serde_json::Result<String> {
    serde_json::to_string(&Record::Decision(decision_record(entry.clone())))
}
