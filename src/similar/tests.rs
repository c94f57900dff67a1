//! Behaviour of the index as a whole: ranking, incrementality, score range,
//! explanations and clustering, on small hand-written documents.

use chrono::{Duration, TimeZone, Utc};

use super::{ClusterOptions, Doc, Index, propose_themes};

fn doc(id: i64, title: &str, body: &str) -> Doc {
    Doc {
        id,
        title: title.into(),
        body: body.into(),
        customer: Some(format!("customer {id}")),
        category: None,
        tags: Vec::new(),
        created_at: Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).single().expect("valid") + Duration::days(id),
    }
}

fn ids(index: &Index, id: i64) -> Vec<i64> {
    index.suggest(id, 10).iter().map(|s| s.id).collect()
}

/// The same SSO problem in other words, against other SSO requests.
fn sso_docs() -> Vec<Doc> {
    vec![
        doc(
            1,
            "Can't sign in with SSO after password reset",
            "Users get bounced back to the log in page.",
        ),
        doc(
            2,
            "Login fails through single sign-on once the password was reset",
            "They are sent back to the login form.",
        ),
        doc(
            3,
            "SSO: show our logo on the login page",
            "Branding request for the single sign-on screen.",
        ),
        doc(
            4,
            "SSO setup docs are missing the SAML metadata URL",
            "Where do we find the metadata?",
        ),
        doc(
            5,
            "CSV export of usage is empty",
            "Downloading usage gives an empty file.",
        ),
    ]
}

#[test]
fn synonymous_wordings_rank_above_unrelated_ones_on_the_same_topic() {
    let index = Index::build(&sso_docs());
    assert_eq!(ids(&index, 1)[0], 2);
    assert_eq!(ids(&index, 2)[0], 1);
}

#[test]
fn timeouts_and_databases_meet_across_wordings() {
    let docs = vec![
        doc(
            1,
            "Sync to Postgres DB timed out",
            "The nightly sync times out after 30 minutes.",
        ),
        doc(
            2,
            "PostgreSQL database sync: timeout",
            "Our nightly sync hits a timeout at 30 min.",
        ),
        doc(
            3,
            "Postgres sync is missing columns",
            "Columns added upstream never arrive.",
        ),
    ];
    let index = Index::build(&docs);
    assert_eq!(ids(&index, 1)[0], 2);
}

#[test]
fn scores_are_in_range_and_self_is_never_suggested() {
    let index = Index::build(&sso_docs());
    for id in 1..=5 {
        for s in index.suggest(id, 10) {
            assert_ne!(s.id, id);
            assert!((0.0..=1.0).contains(&s.score), "{s:?}");
        }
    }
    assert!(index.suggest(99, 5).is_empty());
    let same = index.similarity(1, 2).expect("both indexed");
    assert!(
        (same - index.similarity(2, 1).expect("both indexed")).abs() < 1e-6,
        "symmetric"
    );
}

#[test]
fn suggestions_explain_themselves() {
    let index = Index::build(&sso_docs());
    let first = &index.suggest(1, 1)[0];
    assert!(first.why.iter().any(|w| w.contains("password")), "{first:?}");
}

#[test]
fn identical_reports_are_likely_and_unrelated_ones_are_not() {
    let mut docs = sso_docs();
    docs.push(doc(
        6,
        "CSV export of usage is empty",
        "Downloading usage gives an empty file.",
    ));
    let index = Index::build(&docs);
    let first = &index.suggest(5, 1)[0];
    assert_eq!(first.id, 6);
    assert!(first.is_likely() && first.score > 0.9, "{first:?}");
    assert!(!index.suggest(4, 10).iter().any(|s| s.id == 5 && s.is_likely()));
}

#[test]
fn the_index_is_incremental() {
    let docs = sso_docs();
    let mut index = Index::new();
    docs.iter().for_each(|d| index.insert(d));
    let whole = Index::build(docs.iter().rev());
    for (a, b) in index.suggest(1, 3).iter().zip(whole.suggest(1, 3)) {
        assert_eq!(a.id, b.id, "insertion order does not matter");
        assert!((a.score - b.score).abs() < 1e-5);
    }
    assert!(index.remove(2));
    assert!(!index.remove(2));
    assert!(!ids(&index, 1).contains(&2));
    assert_eq!(index.len(), 4);
    index.update(&doc(
        3,
        "Password reset breaks SSO sign in",
        "Bounced back to the login page after reset.",
    ));
    assert_eq!(ids(&index, 1)[0], 3);
    index.insert(&docs[1]);
    assert_eq!(index.len(), 5);
    assert!(ids(&index, 1).contains(&2));
}

#[test]
fn metadata_tips_a_close_call() {
    let mut a = doc(1, "Invoice total is wrong", "The invoice total does not add up.");
    let mut b = doc(2, "Invoice total is wrong", "The invoice total does not add up.");
    let c = doc(3, "Invoice total is wrong", "The invoice total does not add up.");
    a.category = Some("billing".into());
    b.category = Some("Billing".into());
    b.customer.clone_from(&a.customer);
    let index = Index::build(&[a, b, c]);
    let top = index.suggest(1, 2);
    assert_eq!(top[0].id, 2);
    assert!(top[0].score > top[1].score);
}

#[test]
fn clusters_group_recurring_problems_and_name_them() {
    let docs = vec![
        doc(
            1,
            "Usage CSV export total does not match the invoice",
            "Export sums differ from the invoice.",
        ),
        doc(
            2,
            "Invoice and usage export disagree",
            "The usage CSV export is lower than the invoice.",
        ),
        doc(
            3,
            "Usage export CSV vs invoice mismatch",
            "Numbers in the export do not match our invoice.",
        ),
        doc(
            4,
            "Stripe webhook retries create duplicate events",
            "invoice.paid ingested twice.",
        ),
        doc(
            5,
            "Duplicate events after Stripe webhook retries",
            "Stripe retried and we stored invoice.paid twice.",
        ),
        doc(6, "Dark mode for the dashboard", "Our team works at night."),
    ];
    let index = Index::build(&docs);
    let all: Vec<i64> = (1..=7).collect();
    let proposals = propose_themes(&index, &all, &ClusterOptions::default());
    assert_eq!(proposals.len(), 2, "{proposals:#?}");
    assert_eq!(proposals[0].members, [1, 2, 3]);
    assert_eq!(proposals[1].members, [4, 5]);
    assert!(
        proposals[0].name.contains("usage") || proposals[0].name.contains("invoice"),
        "{proposals:#?}"
    );
    assert!(
        proposals[1].name.contains("stripe") || proposals[1].name.contains("webhook"),
        "{proposals:#?}"
    );
    assert!(proposals.iter().all(|p| p.cohesion > 0.0 && p.cohesion <= 1.0));
    let only_some = propose_themes(&index, &[1, 2, 6], &ClusterOptions::default());
    assert_eq!(only_some.len(), 1);
    assert_eq!(only_some[0].members, [1, 2]);
}
