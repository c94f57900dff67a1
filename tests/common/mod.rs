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

/// Where the project's own import fixtures live.
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Imports a file or folder the way `loopboard import` does.
pub fn import_path(
    store: &mut Store,
    path: &std::path::Path,
    format: Option<loopboard::import::Format>,
) -> Result<loopboard::store::ImportSummary, loopboard::import::ImportError> {
    let opts = loopboard::import::Options {
        format,
        maps: Vec::new(),
        now: now(),
    };
    let source = loopboard::import::open_path(path, &opts)?;
    store.import_source(source, now(), loopboard::store::ImportMode::Commit)
}

/// Imports bytes as if they were a file called `name`.
pub fn import_bytes(
    store: &mut Store,
    name: &str,
    bytes: Vec<u8>,
    opts: &loopboard::import::Options,
) -> Result<loopboard::store::ImportSummary, loopboard::import::ImportError> {
    let source = loopboard::import::open_reader(name, std::io::Cursor::new(bytes), None, opts)?;
    store.import_source(source, now(), loopboard::store::ImportMode::Commit)
}

/// Default import options (format recognized from the content).
pub fn auto() -> loopboard::import::Options {
    loopboard::import::Options {
        format: None,
        maps: Vec::new(),
        now: now(),
    }
}

/// Every item, oldest id first.
pub fn items(store: &Store) -> Vec<loopboard::domain::Item> {
    store.list_items(&Default::default()).expect("items")
}

/// An RFC 3339 time.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("valid time").with_timezone(&Utc)
}
