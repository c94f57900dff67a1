//! The filter language against a real store: each field, negation over
//! missing values, free text, age, and SLA states decided by the SLA engine.

mod common;

use chrono::Duration;
use common::{item, now, temp_store};
use loopboard::domain::{ItemId, NewItem, Severity};
use loopboard::filter::parse;
use loopboard::sla::Policy;
use loopboard::store::Store;

fn matching(store: &Store, query: &str) -> Vec<i64> {
    let f = parse(query).expect(query);
    store
        .filtered_ids(&f, &Policy::default(), now())
        .expect(query)
        .into_iter()
        .map(|i| i.0)
        .collect()
}

fn seeded() -> (tempfile::TempDir, Store, Vec<ItemId>) {
    let (dir, mut store) = temp_store();
    let specs = [
        (
            "Invoice totals off",
            Some("billing"),
            Some("Acme Logistics"),
            vec!["invoice"],
            1,
        ),
        (
            "SSO login loop",
            Some("launch"),
            Some("Helio"),
            vec!["sso", "okta"],
            24 * 10,
        ),
        ("Export CSV broken", None, Some("acme logistics"), vec![], 3),
    ];
    let mut ids = Vec::new();
    for (title, cat, customer, tags, hours) in specs {
        let new = NewItem {
            category: cat.map(str::to_string),
            customer: customer.map(str::to_string),
            tags: tags.into_iter().map(str::to_string).collect(),
            ..item(title, hours)
        };
        ids.push(store.add_item(&new, now()).expect("add").id);
    }
    // The SSO item was triaged S1 ten days ago: its 3-day target is long gone.
    store
        .set_severity(&ids[1..2], Severity::S1, now() - Duration::days(10))
        .expect("sev");
    store.set_owner(&ids[1..2], Some("Dana"), now()).expect("owner");
    (dir, store, ids)
}

#[test]
fn each_field_narrows() {
    let (_d, store, ids) = seeded();
    let [a, b, c] = [ids[0].0, ids[1].0, ids[2].0];
    assert_eq!(matching(&store, "cat:billing"), vec![a]);
    assert_eq!(
        matching(&store, "-cat:billing"),
        vec![b, c],
        "negation keeps items with no category"
    );
    assert_eq!(matching(&store, "sev:1"), vec![b]);
    assert_eq!(matching(&store, "sev:none"), vec![a, c]);
    assert_eq!(matching(&store, "owner:dana"), vec![b], "case-insensitive");
    assert_eq!(
        matching(&store, "customer:acme"),
        vec![a, c],
        "a part of the name matches"
    );
    assert_eq!(matching(&store, "tag:okta"), vec![b]);
    assert_eq!(matching(&store, "age:>7d"), vec![b]);
    assert_eq!(matching(&store, "age:<2h"), vec![a]);
    assert_eq!(matching(&store, "status:new"), vec![a, c]);
    assert_eq!(matching(&store, "csv"), vec![c], "free text searches title and body");
    assert_eq!(matching(&store, "acme invoice"), vec![a], "every word must match");
    assert_eq!(matching(&store, ""), vec![a, b, c]);
}

#[test]
fn sla_terms_use_the_sla_engine() {
    let (_d, store, ids) = seeded();
    assert_eq!(matching(&store, "sla:breached sev:1"), vec![ids[1].0]);
    assert!(!matching(&store, "-sla:breached").contains(&ids[1].0));
}
