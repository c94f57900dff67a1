//! What bets are ranked on: the evidence behind a bet (distinct customers,
//! segment weights, the 90-day window, breached urgent items) and the ranked
//! list itself.

mod common;

use chrono::Duration;
use common::{bet, feedback, now, rice, temp_store};
use loopboard::domain::{NewBet, NewHypothesis, NewItem, Severity};
use loopboard::scoring::{Method, Weights, derive_reach};
use loopboard::sla::Policy;
use loopboard::store::Store;

#[test]
fn reach_counts_distinct_recent_customers_once_with_segment_weights() {
    let (_d, mut store) = temp_store();
    let ids = [
        feedback(&mut store, "sso 1", "Acme", Some("enterprise"), 3),
        feedback(&mut store, "sso 2", " acme ", Some("enterprise"), 10),
        feedback(&mut store, "sso 3", "Globex", Some("smb"), 20),
        feedback(&mut store, "sso 4", "Initech", Some("smb"), 89),
        feedback(&mut store, "sso 5", "Umbrella", Some("enterprise"), 91),
    ];
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe SSO".into(),
                evidence: ids[..3].to_vec(),
            },
            now(),
        )
        .expect("h");
    // Linked through the hypothesis and directly: still one item, one customer.
    let new = NewBet {
        hypothesis: Some(h),
        evidence: vec![ids[2], ids[3], ids[4]],
        inputs: rice(None),
        ..bet("SSO")
    };
    let id = store.add_bet(&new, now()).expect("bet");
    let evidence = store.bet_evidence(id, &Policy::default(), now()).expect("evidence");
    assert_eq!(evidence.customers.len(), 5, "one entry per linked item");
    let weights = Weights {
        segment: [("Enterprise".to_string(), 3.0)].into(),
        ..Weights::default()
    };
    let reach = derive_reach(&evidence, &weights, now());
    // Acme (twice, enterprise ×3) + Globex + Initech (smb ×1); Umbrella is 91 days old.
    assert_eq!((reach.customers, reach.value), (3, 5.0));
    assert_eq!(
        store.all_bet_evidence(&Policy::default(), now()).expect("all").get(&id),
        Some(&evidence)
    );
    let score = loopboard::scoring::score(
        Method::Rice,
        &store.get_bet(id).expect("bet").inputs,
        &evidence,
        &weights,
        now(),
    )
    .expect("score");
    assert!(
        score.terms[0].note.starts_with("derived from evidence: 3 customers"),
        "{}",
        score.terms[0].note
    );
    let items = store.bet_evidence_items(id).expect("items");
    let how: Vec<(bool, bool)> = items.iter().map(|i| (i.direct, i.via_hypothesis)).collect();
    assert_eq!(
        how,
        [(false, true), (false, true), (true, true), (true, false), (true, false)]
    );
}

#[test]
fn breached_urgent_counts_linked_s1_s2_items_past_their_sla() {
    let (_d, mut store) = temp_store();
    let urgent = |store: &mut Store, title: &str, severity: Severity, days_ago: i64| {
        let new = NewItem {
            title: title.to_string(),
            severity: Some(severity),
            source: "test".to_string(),
            created_at: Some(now() - Duration::days(days_ago)),
            ..NewItem::default()
        };
        store.add_item(&new, now()).expect("add").id
    };
    let ids = vec![
        urgent(&mut store, "S1 ten days old", Severity::S1, 10),
        urgent(&mut store, "S2 a month old", Severity::S2, 30),
        urgent(&mut store, "S2 fresh", Severity::S2, 1),
        urgent(&mut store, "S3 old", Severity::S3, 80),
    ];
    let id = store
        .add_bet(
            &NewBet {
                evidence: ids,
                ..bet("Stability")
            },
            now(),
        )
        .expect("bet");
    let evidence = store.bet_evidence(id, &Policy::default(), now()).expect("evidence");
    assert_eq!(evidence.breached_urgent, 2);
    assert!(evidence.customers.is_empty(), "items without a customer reach nobody");
}
