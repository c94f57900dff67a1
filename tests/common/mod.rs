//! Shared helpers for the integration tests: temp-file stores and a fixed clock.

#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use loopboard::domain::{ItemId, NewBet, NewItem};
use loopboard::scoring::Inputs;
use loopboard::store::Store;
use tempfile::TempDir;

/// The instant every test treats as "now".
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .expect("valid time")
        .with_timezone(&Utc)
}

/// A fresh store in its own temporary directory (dropped with the TempDir).
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("test.db")).expect("open store");
    (dir, store)
}

/// A plain item with a title, created `hours_ago` before `now()`.
pub fn item(title: &str, hours_ago: i64) -> NewItem {
    NewItem {
        title: title.to_string(),
        body: format!("body of {title}"),
        customer: Some("Acme".to_string()),
        source: "test".to_string(),
        created_at: Some(now() - Duration::hours(hours_ago)),
        ..NewItem::default()
    }
}

/// The whole database as interchange JSONL: a canonical picture to compare.
pub fn export(store: &Store) -> String {
    let mut out = Vec::new();
    loopboard::interchange::export(store, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

/// An item from `customer` (in `segment`), given `days_ago` days before `now()`.
pub fn feedback(store: &mut Store, title: &str, customer: &str, segment: Option<&str>, days_ago: i64) -> ItemId {
    let new = NewItem {
        title: title.to_string(),
        customer: Some(customer.to_string()),
        segment: segment.map(str::to_string),
        source: "test".to_string(),
        created_at: Some(now() - Duration::days(days_ago)),
        ..NewItem::default()
    };
    store.add_item(&new, now()).expect("add item").id
}

/// RICE inputs (impact 2, confidence 80 %, effort 2) with `reach` by hand or derived.
pub fn rice(reach: Option<f64>) -> Inputs {
    Inputs {
        reach,
        impact: Some(2.0),
        confidence: Some(80.0),
        effort: Some(2.0),
        ..Inputs::default()
    }
}

/// A bet with RICE inputs and a hand-set reach of 10.
pub fn bet(title: &str) -> NewBet {
    NewBet {
        title: title.to_string(),
        inputs: rice(Some(10.0)),
        ..NewBet::default()
    }
}
