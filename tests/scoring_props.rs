//! Scoring properties (proptest) and `+/-` stepping tables: more reach never
//! lowers RICE, more effort never raises it, scores are never NaN or
//! infinite, ranking is a total deterministic order, and stepping always
//! lands on a legal value.

use chrono::{DateTime, Duration, Utc};
use loopboard::scoring::{
    Direction::{self, Down, Up},
    Evidence, EvidenceCustomer, IMPACT_SCALE, Input, Inputs, Method, Score, Weights, compare, derive_reach, rank,
    score, step,
};
use proptest::prelude::*;
use std::cmp::Ordering;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("valid time")
}

fn rice_total(reach: Option<f64>, impact: f64, confidence: f64, effort: f64, evidence: &Evidence) -> f64 {
    let inputs = Inputs {
        reach,
        impact: Some(impact),
        confidence: Some(confidence),
        effort: Some(effort),
        ..Inputs::default()
    };
    score(Method::Rice, &inputs, evidence, &segment_weights(), now())
        .expect("legal inputs score")
        .total
}

fn segment_weights() -> Weights {
    Weights {
        segment: [("enterprise".to_string(), 3.0), ("smb".to_string(), 0.5)].into(),
        urgency_boost: None,
    }
}

fn impact() -> impl Strategy<Value = f64> {
    prop::sample::select(IMPACT_SCALE.to_vec())
}

fn customer() -> impl Strategy<Value = EvidenceCustomer> {
    let names = prop::sample::select(vec!["Acme", "acme", "Globex", "Initech", "Hooli", "Stark"]);
    let segments = prop::sample::select(vec![None, Some("enterprise"), Some("smb"), Some("other")]);
    (names, segments, 0i64..200).prop_map(|(name, segment, days)| EvidenceCustomer {
        customer: name.to_string(),
        segment: segment.map(str::to_string),
        seen_at: now() - Duration::days(days),
    })
}

fn any_input() -> impl Strategy<Value = Input> {
    prop::sample::select(Input::ALL.to_vec())
}

fn any_value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-50.0f64..150.0).prop_map(Some),
        prop::sample::select(vec![0.0, 0.25, 0.5, 2.0, 13.0, 20.0, 100.0, f64::NAN, f64::INFINITY]).prop_map(Some),
        any::<f64>().prop_map(Some),
    ]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![Up, Down])
}

fn fake_score(total: f64) -> Score {
    Score {
        method: Method::Rice,
        total,
        terms: vec![],
    }
}

proptest! {
    #[test]
    fn more_reach_never_lowers_rice(a in 0.0f64..1e6, b in 0.0f64..1e6, i in impact(), c in 0.0f64..=100.0, e in 0.01f64..100.0) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let none = Evidence::default();
        prop_assert!(rice_total(Some(low), i, c, e, &none) <= rice_total(Some(high), i, c, e, &none));
    }

    #[test]
    fn more_effort_never_raises_rice(r in 0.0f64..1e6, i in impact(), c in 0.0f64..=100.0, a in 0.01f64..100.0, b in 0.01f64..100.0) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let none = Evidence::default();
        prop_assert!(rice_total(Some(r), i, c, high, &none) <= rice_total(Some(r), i, c, low, &none));
    }

    #[test]
    fn more_evidence_never_lowers_derived_reach(base in prop::collection::vec(customer(), 0..12), extra in customer()) {
        let before = Evidence { customers: base.clone(), breached_urgent: 0 };
        let mut more = base;
        more.push(extra);
        let after = Evidence { customers: more, breached_urgent: 0 };
        prop_assert!(rice_total(None, 1.0, 100.0, 1.0, &before) <= rice_total(None, 1.0, 100.0, 1.0, &after));
    }

    #[test]
    fn derived_reach_ignores_evidence_order(customers in prop::collection::vec(customer(), 0..12), seed in any::<u64>()) {
        let mut shuffled = customers.clone();
        // A cheap deterministic shuffle: rotate, then reverse by the seed's parity.
        if !shuffled.is_empty() {
            let k = (seed as usize) % shuffled.len();
            shuffled.rotate_left(k);
        }
        if seed % 2 == 1 {
            shuffled.reverse();
        }
        let w = segment_weights();
        let a = derive_reach(&Evidence { customers, breached_urgent: 0 }, &w, now());
        let b = derive_reach(&Evidence { customers: shuffled, breached_urgent: 0 }, &w, now());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn scores_are_finite_or_errors(method in prop::sample::select(Method::ALL.to_vec()), values in prop::collection::vec(any_value(), 11)) {
        let mut inputs = Inputs::default();
        for (input, value) in Input::ALL.into_iter().zip(values) {
            inputs.set(input, value);
        }
        if let Ok(s) = score(method, &inputs, &Evidence::default(), &Weights::default(), now()) {
            prop_assert!(s.total.is_finite());
            prop_assert!(s.terms.iter().all(|t| t.running.is_finite() && t.contribution.is_finite()));
        }
    }

    #[test]
    fn ranking_is_a_total_deterministic_order(totals in prop::collection::vec(prop::option::of(prop_oneof![0.0f64..10.0, Just(1.0), Just(0.1 + 0.2), Just(0.3)]), 1..20), rotate in any::<usize>()) {
        // Distinct ids, in a scrambled order.
        let bets: Vec<(usize, Result<Score, ()>)> = totals
            .iter()
            .enumerate()
            .map(|(n, t)| ((n * 7919) % 10_007, t.map(fake_score).ok_or(())))
            .collect();
        let mut rotated = bets.clone();
        rotated.rotate_left(rotate % bets.len());
        let ids = |v: Vec<(usize, Result<Score, ()>)>| v.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        let ranked = rank(bets.clone());
        prop_assert_eq!(ids(ranked.clone()), ids(rank(rotated)));
        // Best first, unscorable last.
        for pair in ranked.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert_eq!(compare((&a.0, a.1.as_ref().ok()), (&b.0, b.1.as_ref().ok())), Ordering::Less);
            if let (Ok(x), Ok(y)) = (&a.1, &b.1) {
                prop_assert!(x.total >= y.total - 1e-6);
            }
            prop_assert!(!(a.1.is_err() && b.1.is_ok()));
        }
    }

    #[test]
    fn compare_is_antisymmetric_and_transitive(t in prop::collection::vec(prop::option::of(0.0f64..3.0), 3), ids in prop::collection::vec(0u8..4, 3)) {
        let scores: Vec<Option<Score>> = t.iter().map(|t| t.map(fake_score)).collect();
        let item = |n: usize| (&ids[n], scores[n].as_ref());
        for a in 0..3 {
            for b in 0..3 {
                prop_assert_eq!(compare(item(a), item(b)), compare(item(b), item(a)).reverse());
                for c in 0..3 {
                    let (ab, bc) = (compare(item(a), item(b)), compare(item(b), item(c)));
                    if ab != Ordering::Greater && bc != Ordering::Greater {
                        prop_assert_ne!(compare(item(a), item(c)), Ordering::Greater);
                    }
                }
            }
        }
    }

    #[test]
    fn stepping_always_lands_on_a_legal_value(input in any_input(), current in any_value(), dir in direction()) {
        let next = step(input, current, dir);
        prop_assert!(input.scale().check(next).is_some(), "{:?} {:?} {:?} -> {}", input, current, dir, next);
        // From a legal value, up never lowers it and down never raises it.
        if let Some(legal) = current.and_then(|v| input.scale().check(v)) {
            match dir {
                Up => prop_assert!(next >= legal),
                Down => prop_assert!(next <= legal),
            }
        }
    }
}

/// Walks `input` from `start` in `dir`, returning every value visited.
fn walk(input: Input, start: f64, dir: Direction, steps: usize) -> Vec<f64> {
    let mut inputs = Inputs::default();
    inputs.set(input, Some(start));
    (0..steps).map(|_| inputs.step(input, dir)).collect()
}

#[test]
fn each_scale_steps_along_its_legal_values() {
    let table: [(Input, f64, Direction, &[f64]); 12] = [
        (Input::Impact, 0.25, Up, &[0.5, 1.0, 2.0, 3.0, 3.0]),
        (Input::Impact, 3.0, Down, &[2.0, 1.0, 0.5, 0.25, 0.25]),
        (Input::Confidence, 85.0, Up, &[90.0, 100.0, 100.0]),
        (Input::Confidence, 15.0, Down, &[10.0, 0.0, 0.0]),
        (Input::Effort, 0.5, Up, &[1.0, 1.5, 2.0, 3.0, 4.0]),
        (Input::Effort, 3.0, Down, &[2.0, 1.5, 1.0, 0.5, 0.5]),
        (Input::Effort, 2.5, Down, &[2.0, 1.5]),
        (Input::Effort, 1.2, Up, &[1.5, 2.0, 3.0]),
        (Input::Ease, 9.0, Up, &[10.0, 10.0]),
        (Input::IceImpact, 2.0, Down, &[1.0, 1.0]),
        (Input::JobSize, 1.0, Up, &[2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 20.0]),
        (Input::Value, 20.0, Down, &[13.0, 8.0, 5.0, 3.0, 2.0, 1.0, 1.0]),
    ];
    for (input, start, dir, want) in table {
        assert_eq!(
            walk(input, start, dir, want.len()),
            want,
            "{input:?} from {start} {dir:?}"
        );
    }
}

#[test]
fn stepping_from_an_illegal_value_moves_onto_the_scale() {
    let table: [(Input, f64, Direction, f64); 12] = [
        (Input::Impact, 1.7, Up, 2.0),
        (Input::Impact, 1.7, Down, 1.0),
        (Input::Impact, 5.0, Down, 3.0),
        (Input::Impact, 0.0, Down, 0.25),
        (Input::Confidence, 120.0, Down, 100.0),
        (Input::Confidence, 120.0, Up, 100.0),
        (Input::Confidence, -5.0, Down, 0.0),
        (Input::Effort, 0.0, Down, 0.5),
        (Input::Effort, -3.0, Up, 0.5),
        (Input::Ease, 0.0, Down, 1.0),
        (Input::JobSize, 4.0, Up, 5.0),
        (Input::RiskReduction, 100.0, Up, 20.0),
    ];
    for (input, start, dir, want) in table {
        assert_eq!(step(input, Some(start), dir), want, "{input:?} from {start} {dir:?}");
    }
    // A legal value below the first step stays put rather than rising.
    assert_eq!(step(Input::Effort, Some(0.3), Down), 0.3);
}

#[test]
fn stepping_an_unset_input_starts_mid_scale() {
    for (input, want) in [
        (Input::Reach, 1.0),
        (Input::Impact, 1.0),
        (Input::Confidence, 50.0),
        (Input::Effort, 1.0),
        (Input::Ease, 5.0),
        (Input::TimeCriticality, 3.0),
    ] {
        assert_eq!(step(input, None, Up), want, "{input:?}");
        assert_eq!(step(input, None, Down), want, "{input:?}");
    }
}
