//! Scoring against hand-computed values: each formula as a table, the
//! errors, reach derived from evidence, the urgency term and the printed
//! explanation. Properties (monotonicity, ranking) live in scoring_props.rs.

use chrono::{DateTime, Duration, Utc};
use loopboard::scoring::{
    Evidence, EvidenceCustomer, Inputs, Method, Op, ScoreError, Weights, derive_reach, explain, rank, score,
};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("valid time")
}

fn rice(reach: f64, impact: f64, confidence: f64, effort: f64) -> Inputs {
    Inputs {
        reach: Some(reach),
        impact: Some(impact),
        confidence: Some(confidence),
        effort: Some(effort),
        ..Inputs::default()
    }
}

fn ice(impact: f64, confidence: f64, ease: f64) -> Inputs {
    Inputs {
        ice_impact: Some(impact),
        ice_confidence: Some(confidence),
        ease: Some(ease),
        ..Inputs::default()
    }
}

fn wsjf(value: f64, time: f64, risk: f64, size: f64) -> Inputs {
    Inputs {
        value: Some(value),
        time_criticality: Some(time),
        risk_reduction: Some(risk),
        job_size: Some(size),
        ..Inputs::default()
    }
}

fn total(method: Method, inputs: &Inputs) -> f64 {
    score(method, inputs, &Evidence::default(), &Weights::default(), now())
        .expect("scorable")
        .total
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() < 1e-9
}

fn seen(customer: &str, segment: Option<&str>, days_ago: i64) -> EvidenceCustomer {
    EvidenceCustomer {
        customer: customer.to_string(),
        segment: segment.map(str::to_string),
        seen_at: now() - Duration::days(days_ago),
    }
}

fn weights(pairs: &[(&str, f64)]) -> Weights {
    Weights {
        segment: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        urgency_boost: None,
    }
}

#[test]
fn rice_matches_hand_computed_values() {
    // (reach, impact, confidence %, effort, reach·impact·conf/100 ÷ effort)
    let table = [
        (100.0, 1.0, 100.0, 1.0, 100.0),
        (100.0, 2.0, 80.0, 4.0, 40.0),
        (12.0, 3.0, 50.0, 0.5, 36.0),
        (40.0, 0.25, 90.0, 2.0, 4.5),
        (7.0, 0.5, 10.0, 1.5, 7.0 * 0.5 * 0.1 / 1.5),
        (0.0, 3.0, 100.0, 1.0, 0.0),
        (500.0, 1.0, 0.0, 3.0, 0.0),
        (1.0, 1.0, 100.0, 0.1, 10.0),
    ];
    for (r, i, c, e, want) in table {
        let got = total(Method::Rice, &rice(r, i, c, e));
        assert!(close(got, want), "RICE({r}, {i}, {c}%, {e}) = {got}, want {want}");
    }
}

#[test]
fn ice_matches_hand_computed_values() {
    let table = [
        (1.0, 1.0, 1.0, 1.0),
        (10.0, 10.0, 10.0, 1000.0),
        (7.0, 5.0, 8.0, 280.0),
        (3.0, 9.0, 2.0, 54.0),
    ];
    for (i, c, e, want) in table {
        let got = total(Method::Ice, &ice(i, c, e));
        assert!(close(got, want), "ICE({i}, {c}, {e}) = {got}, want {want}");
    }
}

#[test]
fn wsjf_matches_hand_computed_values() {
    let table = [
        (1.0, 1.0, 1.0, 1.0, 3.0),
        (8.0, 5.0, 3.0, 8.0, 2.0),
        (20.0, 13.0, 8.0, 1.0, 41.0),
        (2.0, 1.0, 3.0, 20.0, 0.3),
        (5.0, 5.0, 3.0, 13.0, 1.0),
    ];
    for (v, t, r, s, want) in table {
        let got = total(Method::Wsjf, &wsjf(v, t, r, s));
        assert!(close(got, want), "WSJF({v}, {t}, {r}, {s}) = {got}, want {want}");
    }
}

#[test]
fn missing_inputs_are_listed_together() {
    let none = Inputs::default();
    let err = |m| score(m, &none, &Evidence::default(), &Weights::default(), now()).unwrap_err();
    assert_eq!(
        err(Method::Rice).to_string(),
        "RICE needs impact, confidence and effort"
    );
    assert_eq!(err(Method::Ice).to_string(), "ICE needs impact, confidence and ease");
    assert_eq!(
        err(Method::Wsjf).to_string(),
        "WSJF needs value, time criticality, risk reduction and job size"
    );
    // A bet with RICE inputs cannot be scored by ICE: the scales differ.
    let only_rice = rice(10.0, 2.0, 50.0, 1.0);
    let e = score(
        Method::Ice,
        &only_rice,
        &Evidence::default(),
        &Weights::default(),
        now(),
    );
    assert!(matches!(e, Err(ScoreError::Missing { .. })), "{e:?}");
}

#[test]
fn invalid_inputs_are_rejected_with_the_scale() {
    let cases: [(Method, Inputs, &str); 12] = [
        (
            Method::Rice,
            rice(10.0, 2.0, 50.0, 0.0),
            "effort 0 is not allowed: expected person-weeks above 0",
        ),
        (Method::Rice, rice(10.0, 2.0, 50.0, -1.0), "effort -1"),
        (
            Method::Rice,
            rice(10.0, 2.0, 101.0, 1.0),
            "confidence 101 is not allowed: expected a percentage from 0 to 100",
        ),
        (Method::Rice, rice(10.0, 2.0, -5.0, 1.0), "confidence -5"),
        (
            Method::Rice,
            rice(10.0, 1.5, 50.0, 1.0),
            "impact 1.5 is not allowed: expected one of 0.25, 0.5, 1, 2, 3",
        ),
        (Method::Rice, rice(-3.0, 1.0, 50.0, 1.0), "reach -3"),
        (Method::Rice, rice(10.0, 1.0, f64::NAN, 1.0), "confidence NaN"),
        (Method::Rice, rice(10.0, 1.0, 50.0, f64::INFINITY), "effort inf"),
        (
            Method::Ice,
            ice(0.0, 5.0, 5.0),
            "impact 0 is not allowed: expected a whole number from 1 to 10",
        ),
        (Method::Ice, ice(5.0, 11.0, 5.0), "confidence 11"),
        (Method::Ice, ice(5.0, 5.0, 2.5), "ease 2.5"),
        (
            Method::Wsjf,
            wsjf(4.0, 1.0, 1.0, 1.0),
            "value 4 is not allowed: expected one of 1, 2, 3, 5, 8, 13, 20",
        ),
    ];
    for (method, inputs, want) in cases {
        let err = score(method, &inputs, &Evidence::default(), &Weights::default(), now()).unwrap_err();
        assert!(err.to_string().starts_with(want), "{err} should start with {want:?}");
    }
}

#[test]
fn bad_weights_and_overflow_are_errors_not_nan() {
    let inputs = rice(10.0, 1.0, 50.0, 1.0);
    let negative = weights(&[("enterprise", -1.0)]);
    let e = score(Method::Rice, &inputs, &Evidence::default(), &negative, now()).unwrap_err();
    assert!(e.to_string().contains("\"enterprise\""), "{e}");
    let nan_boost = Weights {
        urgency_boost: Some(f64::NAN),
        ..Weights::default()
    };
    let e = score(
        Method::Ice,
        &ice(1.0, 1.0, 1.0),
        &Evidence::default(),
        &nan_boost,
        now(),
    );
    assert!(matches!(e, Err(ScoreError::BadBoost(_))), "{e:?}");
    let huge = rice(1e308, 3.0, 100.0, 0.5);
    let e = score(Method::Rice, &huge, &Evidence::default(), &Weights::default(), now()).unwrap_err();
    assert_eq!(e, ScoreError::Overflow { method: Method::Rice });
}

#[test]
fn reach_counts_each_recent_customer_once_with_its_segment_weight() {
    let evidence = Evidence {
        customers: vec![
            seen("Acme", Some("enterprise"), 3),
            seen("acme ", Some("enterprise"), 10), // same customer, other spelling
            seen("Acme", Some("enterprise"), 200), // old and duplicate anyway
            seen("Globex", Some("Enterprise"), 89),
            seen("Initech", Some("smb"), 90),  // exactly 90 days: still counts
            seen("Umbrella", Some("smb"), 91), // too old
            seen("Hooli", None, 1),
            seen("Stark", Some("startup"), 5), // segment not configured: weight 1
            seen("   ", Some("smb"), 1),       // no customer: cannot be counted
        ],
        breached_urgent: 0,
    };
    let w = weights(&[("enterprise", 2.0), ("smb", 0.5)]);
    let reach = derive_reach(&evidence, &w, now());
    assert_eq!(reach.customers, 5);
    assert!(close(reach.value, 2.0 + 2.0 + 0.5 + 1.0 + 1.0), "{}", reach.value);
    assert_eq!(
        reach.describe(),
        "5 customers in the last 90 days (enterprise 2 × 2, smb 1 × 0.5, startup 1 × 1, no segment 1 × 1)"
    );
}

#[test]
fn a_customer_in_several_segments_counts_once_at_the_heaviest() {
    let w = weights(&[("enterprise", 3.0), ("smb", 0.5)]);
    let both = Evidence {
        customers: vec![seen("Acme", Some("smb"), 2), seen("Acme", Some("enterprise"), 30)],
        breached_urgent: 0,
    };
    let reach = derive_reach(&both, &w, now());
    assert_eq!((reach.customers, reach.value), (1, 3.0));
    let mut reversed = both.clone();
    reversed.customers.reverse();
    assert_eq!(derive_reach(&reversed, &w, now()), reach);
    // The heavier segment only counts while its evidence is recent.
    let stale = Evidence {
        customers: vec![seen("Acme", Some("smb"), 2), seen("Acme", Some("enterprise"), 120)],
        breached_urgent: 0,
    };
    assert_eq!(derive_reach(&stale, &w, now()).value, 0.5);
}

#[test]
fn the_breakdown_says_whether_reach_was_derived_or_set_by_hand() {
    let evidence = Evidence {
        customers: vec![seen("Acme", None, 1), seen("Globex", None, 2)],
        breached_urgent: 0,
    };
    let mut inputs = rice(50.0, 1.0, 100.0, 1.0);
    let by_hand = score(Method::Rice, &inputs, &evidence, &Weights::default(), now()).expect("score");
    assert_eq!(by_hand.total, 50.0);
    assert_eq!(by_hand.term("reach").expect("reach").note, "set by hand");
    inputs.reach = None;
    let derived = score(Method::Rice, &inputs, &evidence, &Weights::default(), now()).expect("score");
    assert_eq!(derived.total, 2.0);
    let note = &derived.term("reach").expect("reach").note;
    assert!(note.starts_with("derived from evidence: 2 customers"), "{note}");
}

#[test]
fn urgency_is_its_own_line_and_off_by_default() {
    let evidence = Evidence {
        customers: vec![],
        breached_urgent: 3,
    };
    let inputs = wsjf(8.0, 5.0, 3.0, 8.0);
    let off = score(Method::Wsjf, &inputs, &evidence, &Weights::default(), now()).expect("score");
    assert!(off.term("urgency").is_none());
    assert_eq!(off.total, 2.0);
    let boosted = Weights {
        urgency_boost: Some(1.5),
        ..Weights::default()
    };
    let on = score(Method::Wsjf, &inputs, &evidence, &boosted, now()).expect("score");
    let term = on.term("urgency").expect("urgency line");
    assert_eq!(
        (term.op, term.value, term.weight, term.contribution),
        (Op::Add, 3.0, 1.5, 4.5)
    );
    assert_eq!(on.total, 6.5);
    let calm = score(Method::Wsjf, &inputs, &Evidence::default(), &boosted, now()).expect("score");
    assert_eq!(calm.term("urgency").expect("shown at zero").contribution, 0.0);
}

#[test]
fn every_term_is_value_times_weight_and_the_last_running_is_the_total() {
    let all = Inputs {
        ice_impact: Some(7.0),
        ice_confidence: Some(5.0),
        ease: Some(8.0),
        value: Some(8.0),
        time_criticality: Some(5.0),
        risk_reduction: Some(3.0),
        job_size: Some(8.0),
        ..rice(14.5, 2.0, 80.0, 4.0)
    };
    let w = Weights {
        urgency_boost: Some(2.0),
        ..Weights::default()
    };
    let evidence = Evidence {
        customers: vec![],
        breached_urgent: 1,
    };
    for method in Method::ALL {
        let s = score(method, &all, &evidence, &w, now()).expect("score");
        for t in &s.terms {
            assert_eq!(t.contribution, t.value * t.weight, "{method} {}", t.name);
        }
        assert_eq!(s.terms.last().expect("terms").running, s.total, "{method}");
        assert_eq!(s.terms[0].op, Op::Start);
    }
}

#[test]
fn explain_prints_the_table() {
    let evidence = Evidence {
        customers: vec![],
        breached_urgent: 2,
    };
    let w = Weights {
        urgency_boost: Some(5.0),
        ..Weights::default()
    };
    let s = score(Method::Rice, &rice(14.5, 2.0, 80.0, 4.0), &evidence, &w, now()).expect("score");
    let want = "\
RICE = reach × impact × confidence ÷ effort + urgency
  term                value   weight   contribution    running
  reach                14.5        1           14.5       14.5  set by hand
× impact                  2        1              2         29
× confidence             80     0.01            0.8       23.2  percent
÷ effort                  4        1              4        5.8  person-weeks
+ urgency                 2        5             10       15.8  linked S1/S2 items with a breached SLA
= total                                                   15.8
";
    assert_eq!(explain(&s), want, "\n{}", explain(&s));
}

#[test]
fn ranking_puts_higher_first_ties_by_id_and_unscorable_last() {
    let scored = |inputs: Inputs| score(Method::Rice, &inputs, &Evidence::default(), &Weights::default(), now());
    let bets = vec![
        (4, scored(rice(10.0, 1.0, 100.0, 1.0))),
        (9, scored(Inputs::default())),
        (2, scored(rice(10.0, 1.0, 100.0, 1.0))),
        (7, scored(rice(50.0, 1.0, 100.0, 1.0))),
        (1, scored(rice(10.0, 1.0, 100.0, 0.0))),
        (3, scored(rice(0.1 * 3.0, 1.0, 100.0, 1.0))), // 0.30000000000000004
        (5, scored(rice(0.3, 1.0, 100.0, 1.0))),
    ];
    let order: Vec<i32> = rank(bets).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, [7, 2, 4, 3, 5, 1, 9]);
}
