//! Theme proposals on small feedback files in the generic import shape: the
//! two invoice / usage-export reports, worded differently by different
//! customers, land in one proposal. The project's own fixture always runs;
//! the shared fixture is a cross-check when `../shared` is present.

use chrono::{DateTime, Utc};
use loopboard::similar::{ClusterOptions, Doc, Index, propose_themes};
use serde_json::Value;

/// Docs from a generic JSONL file (one object per line), ids = line numbers.
fn docs(text: &str) -> Vec<Doc> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let v: Value = serde_json::from_str(line).expect("a JSON object per line");
            let s = |k: &str| v[k].as_str().map(str::to_string);
            Doc {
                id: i as i64 + 1,
                title: s("title").unwrap_or_default(),
                body: s("body").unwrap_or_default(),
                customer: s("customer"),
                category: s("category"),
                tags: v["tags"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                created_at: s("created_at")
                    .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                    .map_or(DateTime::<Utc>::UNIX_EPOCH, |t| t.with_timezone(&Utc)),
            }
        })
        .collect()
}

/// The proposal holding both ids, if any.
fn together(text: &str, a: &str, b: &str) -> bool {
    let docs = docs(text);
    let id = |title: &str| {
        docs.iter()
            .find(|d| d.title.contains(title))
            .map(|d| d.id)
            .expect(title)
    };
    let (a, b) = (id(a), id(b));
    let index = Index::build(docs.iter());
    let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    propose_themes(&index, &ids, &ClusterOptions::default())
        .iter()
        .any(|p| p.members.contains(&a) && p.members.contains(&b))
}

#[test]
fn the_invoice_usage_export_pair_lands_in_one_proposal() {
    let text = include_str!("fixtures/feedback-pairs.jsonl");
    assert!(together(text, "Invoice total higher", "Usage export doesn't match"));
}

#[test]
fn the_shared_fixture_pair_lands_in_one_proposal_too() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/generic.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: ../shared/fixtures/generic.jsonl not found (the project's own fixture still ran)");
        return;
    };
    assert!(together(
        &text,
        "Invoice totals differ",
        "Usage export totals do not match"
    ));
}
