//! What bets are ranked on: the evidence behind a bet (distinct customers,
//! segment weights, the 90-day window, breached urgent items) and the ranked
//! list itself.

mod common;

use chrono::Duration;
use common::{bet, feedback, now, rice, temp_store};
use loopboard::domain::{NewBet, NewHypothesis, NewItem, NextStep, Outcome, Severity, Verdict};
use loopboard::ranking::{self, RankedBet};
use loopboard::scoring::{Direction, Input, Inputs, Method, Weights, derive_reach};
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
    let weights = Weights {
        urgency_boost: Some(5.0),
        ..Weights::default()
    };
    let row = ranking::score_bet(&store, id, Method::Rice, &weights, &Policy::default(), now()).expect("row");
    let score = row.score.expect("score");
    let urgency = score.term("urgency").expect("urgency term");
    assert_eq!((urgency.value, urgency.contribution), (2.0, 10.0));
    assert_eq!(score.total, 18.0, "reach 10 × 2 × 0.8 ÷ 2 = 8, plus 2 breached × 5");
}

fn rank_of(rows: &[RankedBet]) -> Vec<(i64, Option<usize>)> {
    rows.iter().map(|r| (r.bet.id.0, r.rank)).collect()
}

fn ranked(store: &Store, method: Method) -> Vec<RankedBet> {
    ranking::ranked(store, method, &Weights::default(), &Policy::default(), now()).expect("ranked")
}

#[test]
fn ranking_puts_higher_scores_first_ties_by_id_then_unscorable_then_closed() {
    let (_d, mut store) = temp_store();
    let with = |reach: f64| NewBet {
        inputs: rice(Some(reach)),
        ..bet("b")
    };
    let low = store.add_bet(&with(5.0), now()).expect("1");
    let tie_b = store.add_bet(&with(10.0), now()).expect("2");
    let tie_a = store.add_bet(&with(10.0), now()).expect("3");
    let unscorable = store
        .add_bet(
            &NewBet {
                inputs: Inputs {
                    effort: None,
                    ..rice(Some(99.0))
                },
                ..bet("no effort")
            },
            now(),
        )
        .expect("4");
    let closed = store.add_bet(&with(1000.0), now()).expect("5");
    let stop = Verdict {
        outcome: Outcome::Stopped,
        next: NextStep::Stop,
        rationale: "parked".into(),
    };
    store.record_verdict(closed, &stop, "t", now()).expect("stop");
    let rows = ranked(&store, Method::Rice);
    assert_eq!(
        rank_of(&rows),
        [
            (tie_b.0, Some(1)),
            (tie_a.0, Some(2)),
            (low.0, Some(3)),
            (unscorable.0, None),
            (closed.0, None)
        ]
    );
    assert_eq!(rows[0].score.as_ref().expect("score").total, 8.0);
    let err = rows[3].score.as_ref().expect_err("unscorable");
    assert_eq!(err.to_string(), "RICE needs effort");
}

#[test]
fn raising_confidence_moves_a_bet_up() {
    let (_d, mut store) = temp_store();
    let first = store.add_bet(&bet("first"), now()).expect("1");
    let second = store.add_bet(&bet("second"), now()).expect("2");
    assert_eq!(
        ranked(&store, Method::Rice)[0].bet.id,
        first,
        "a tie goes to the lower id"
    );
    let current = store.get_bet(second).expect("bet").inputs.confidence;
    let next = loopboard::scoring::step(Input::Confidence, current, Direction::Up);
    assert_eq!(
        store
            .set_bet_input(second, Input::Confidence, Some(next), now())
            .expect("set"),
        Some(90.0)
    );
    assert_eq!(ranked(&store, Method::Rice)[0].bet.id, second);
}

#[test]
fn each_method_reads_its_own_inputs() {
    let (_d, mut store) = temp_store();
    let inputs = Inputs {
        ice_impact: Some(8.0),
        ice_confidence: Some(5.0),
        ease: Some(2.0),
        value: Some(8.0),
        time_criticality: Some(5.0),
        risk_reduction: Some(3.0),
        job_size: Some(8.0),
        ..Inputs::default()
    };
    let id = store
        .add_bet(
            &NewBet {
                inputs,
                ..bet("all methods")
            },
            now(),
        )
        .expect("bet");
    let total = |m| {
        ranked(&store, m)[0]
            .score
            .as_ref()
            .map(|s| s.total)
            .map_err(|e| e.to_string())
    };
    assert_eq!(total(Method::Ice), Ok(80.0));
    assert_eq!(total(Method::Wsjf), Ok(2.0));
    assert_eq!(
        total(Method::Rice),
        Err("RICE needs impact, confidence and effort".into())
    );
    let one = ranking::score_bet(&store, id, Method::Ice, &Weights::default(), &Policy::default(), now()).expect("one");
    assert_eq!(one.score.expect("ice").total, 80.0);
}

#[test]
fn open_bets_are_flagged_for_what_is_missing_or_late() {
    let (_d, mut store) = temp_store();
    let late = NewBet {
        owner: Some("dana".into()),
        metric: Some("NPS +10".into()),
        deadline: Some(now() - Duration::days(1)),
        ..bet("late")
    };
    let late = store.add_bet(&late, now()).expect("late");
    let bare = store.add_bet(&bet("bare"), now()).expect("bare");
    let rows = ranked(&store, Method::Rice);
    let flags = |id| rows.iter().find(|r| r.bet.id == id).expect("row").flags.words();
    assert_eq!(flags(late), ["past deadline"]);
    assert_eq!(flags(bare), ["no owner", "no metric", "no deadline"]);
}

#[test]
fn derived_reach_feeds_rice_and_a_hand_set_reach_overrides_it() {
    let (_d, mut store) = temp_store();
    let items = vec![
        feedback(&mut store, "x", "Acme", None, 1),
        feedback(&mut store, "y", "Globex", None, 2),
    ];
    let id = store
        .add_bet(
            &NewBet {
                evidence: items,
                inputs: rice(None),
                ..bet("derived")
            },
            now(),
        )
        .expect("bet");
    let row = &ranked(&store, Method::Rice)[0];
    assert_eq!((row.reach(), row.score.as_ref().expect("score").total), (2.0, 1.6));
    store
        .set_bet_input(id, Input::Reach, Some(50.0), now())
        .expect("by hand");
    let row = &ranked(&store, Method::Rice)[0];
    assert_eq!((row.reach(), row.evidence_reach.value), (50.0, 2.0));
    assert_eq!(row.score.as_ref().expect("score").terms[0].note, "set by hand");
}

#[test]
fn a_duplicate_reported_by_another_customer_adds_reach_to_the_canonical_item() {
    let (_d, mut store) = temp_store();
    let canonical = feedback(&mut store, "invoice totals off", "Acme", Some("enterprise"), 3);
    let other = feedback(&mut store, "usage export mismatch", "Globex", Some("smb"), 2);
    let new = NewBet {
        evidence: vec![canonical],
        inputs: rice(None),
        ..bet("Fix export totals")
    };
    let id = store.add_bet(&new, now()).expect("bet");
    let before = derive_reach(
        &store.bet_evidence(id, &Policy::default(), now()).expect("e"),
        &Weights::default(),
        now(),
    );
    assert_eq!(before.customers, 1);
    store.mark_duplicate(&[other], canonical, "t", now()).expect("dup");
    let after = derive_reach(
        &store.bet_evidence(id, &Policy::default(), now()).expect("e"),
        &Weights::default(),
        now(),
    );
    assert_eq!(after.customers, 2, "Globex's duplicate report counts for the bet");
}
