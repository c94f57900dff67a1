//! The bulk path of streaming imports, at sizes that cross its internal
//! boundaries (batches of 512 records between the two threads, the index
//! drop and rebuild): every row arrives with its tags and customer, a bad
//! row after several full batches still rolls everything back and is named
//! by its line, and the indexes come back exactly as the schema wrote them.

mod common;

use common::{auto, import_bytes, items, temp_store};
use loopboard::store::Store;

/// `rows` generated CSV rows; customer names vary in case only.
fn csv(rows: usize) -> String {
    let mut text = String::from("title,body,customer,tags,severity,external_id,created_at\n");
    for i in 0..rows {
        let customer = if i % 2 == 0 { "Acme" } else { "ACME" };
        let severity = ["", "S2"][i % 2];
        text.push_str(&format!(
            "Case {i},Body of case {i},{customer},Sync; latency,{severity},fb-{i},2026-10-28T09:00:00+02:00\n"
        ));
    }
    text
}

/// The explicit indexes of `items`, with the SQL that made them.
fn indexes(store: &Store) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(store.path()).expect("open");
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'items' AND sql IS NOT NULL ORDER BY name")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_big_import_keeps_every_rule_and_its_indexes() {
    let (_d, mut store) = temp_store();
    let before = indexes(&store);
    assert!(before.len() >= 3, "{before:?}");
    let rows = 1_300;
    let s = import_bytes(&mut store, "big.csv", csv(rows).into_bytes(), &auto()).expect("import");
    assert_eq!((s.items_new, s.items_present, s.customers_new), (rows, 0, 1));
    let all = items(&store);
    assert_eq!(all.len(), rows);
    for item in &all {
        assert_eq!(item.customer.as_deref(), Some("Acme"), "one customer, any case");
        assert_eq!(item.tags, vec!["latency", "sync"]);
        assert_eq!(item.created_at, common::at("2026-10-28T07:00:00Z"));
    }
    let triaged = all.iter().filter(|i| i.severity.is_some()).count();
    assert_eq!(triaged, rows / 2);
    assert_eq!(indexes(&store), before, "indexes rebuilt from their own SQL");
    let again = import_bytes(&mut store, "big.csv", csv(rows).into_bytes(), &auto()).expect("again");
    assert_eq!((again.items_new, again.items_present), (0, rows));
}

#[test]
fn a_bad_row_after_full_batches_rolls_everything_back() {
    let (_d, mut store) = temp_store();
    let before = indexes(&store);
    // Rows 2..=1301 are good: two full batches and more, then a bad date.
    let mut text = csv(1_300);
    text.push_str("Late,broken,Globex,x,,fb-late,not a date\n");
    let err = import_bytes(&mut store, "big.csv", text.into_bytes(), &auto()).expect_err("bad date");
    let msg = err.to_string();
    assert!(msg.starts_with("big.csv:1302: "), "{msg}");
    assert!(msg.contains("created_at") && msg.contains("not a date"), "{msg}");
    assert!(items(&store).is_empty(), "nothing written");
    assert!(store.customers().expect("customers").is_empty());
    assert_eq!(indexes(&store), before, "dropped indexes are back after the rollback");
}
