//! The decision log with links: recording by hand (subject, evidence and
//! superseded decision must exist), supersede chains, the append-only rule
//! over the new columns and the evidence table, reviews, and the round trip
//! of all of it through the interchange.

mod common;

use chrono::Duration;
use common::{export, item, now, temp_store};
use loopboard::domain::{DecisionKind, DecisionLinks, EvidenceRef, NewDecision, SubjectKind};
use loopboard::store::Store;

fn note(subject: SubjectKind, id: i64, why: &str) -> NewDecision {
    NewDecision {
        kind: DecisionKind::Note,
        subject,
        subject_id: id,
        rationale: why.to_string(),
        decided_by: "dana".to_string(),
    }
}

/// Three items, a decision on the first citing the other two, then two
/// corrections in a row.
fn chain(store: &mut Store) -> (i64, i64, i64) {
    let ids: Vec<i64> = (0..3)
        .map(|i| store.add_item(&item(&format!("item {i}"), i), now()).expect("add").id.0)
        .collect();
    let links = DecisionLinks {
        evidence: vec![
            EvidenceRef {
                kind: SubjectKind::Item,
                id: ids[1],
            },
            EvidenceRef {
                kind: SubjectKind::Item,
                id: ids[2],
            },
        ],
        revisit_by: Some(now() + Duration::days(14)),
        ..DecisionLinks::default()
    };
    let first = store
        .record_decision(&note(SubjectKind::Item, ids[0], "first call"), &links, now())
        .expect("first");
    let second = store
        .record_decision(
            &note(SubjectKind::Item, ids[0], "on second thought"),
            &DecisionLinks {
                supersedes: Some(first),
                ..DecisionLinks::default()
            },
            now() + Duration::hours(1),
        )
        .expect("second");
    let third = store
        .record_decision(
            &note(SubjectKind::Item, ids[0], "final"),
            &DecisionLinks {
                supersedes: Some(second),
                ..DecisionLinks::default()
            },
            now() + Duration::hours(2),
        )
        .expect("third");
    (first, second, third)
}

#[test]
fn a_supersede_chain_reads_the_same_from_any_link() {
    let (_d, mut store) = temp_store();
    let (first, second, third) = chain(&mut store);
    for id in [first, second, third] {
        let ids: Vec<i64> = store
            .decision_chain(id)
            .expect("chain")
            .iter()
            .map(|e| e.decision.id)
            .collect();
        assert_eq!(ids, vec![first, second, third], "from {id}");
    }
    let log = store.decision_log().expect("log");
    assert_eq!(log[0].superseded_by, vec![second]);
    assert_eq!(log[1].links.supersedes, Some(first));
    assert_eq!(log[0].links.evidence.len(), 2);
    assert_eq!(log[0].links.revisit_by, Some(now() + Duration::days(14)));
    // Superseded, so not due even once its date has passed.
    assert!(!log[0].due_for_revisit(now() + Duration::days(30)));
}

#[test]
fn a_decision_is_superseded_once_and_refusals_write_nothing() {
    let (_d, mut store) = temp_store();
    let (first, _second, third) = chain(&mut store);
    let before = store.decision_log().expect("log").len();
    let again = DecisionLinks {
        supersedes: Some(first),
        ..DecisionLinks::default()
    };
    let err = store
        .record_decision(&note(SubjectKind::Item, 1, "branch"), &again, now())
        .expect_err("already superseded");
    assert!(err.to_string().contains("already superseded by decision"), "{err}");
    let missing = DecisionLinks {
        supersedes: Some(99),
        ..DecisionLinks::default()
    };
    let err = store
        .record_decision(&note(SubjectKind::Item, 1, "x"), &missing, now())
        .expect_err("no decision 99");
    assert!(
        err.to_string().contains("supersedes") && err.to_string().contains("99"),
        "{err}"
    );
    let err = store
        .record_decision(&note(SubjectKind::Bet, 5, "x"), &DecisionLinks::default(), now())
        .expect_err("no bet");
    assert!(err.to_string().contains("there is no bet 5"), "{err}");
    let bad_evidence = DecisionLinks {
        evidence: vec![EvidenceRef {
            kind: SubjectKind::Theme,
            id: 4,
        }],
        ..DecisionLinks::default()
    };
    let err = store
        .record_decision(&note(SubjectKind::Item, 1, "x"), &bad_evidence, now())
        .expect_err("no theme");
    assert!(
        err.to_string().contains("evidence") && err.to_string().contains("theme 4"),
        "{err}"
    );
    let err = store
        .record_decision(&note(SubjectKind::Item, 1, "   "), &DecisionLinks::default(), now())
        .expect_err("blank rationale");
    assert!(err.to_string().contains("rationale"), "{err}");
    assert_eq!(store.decision_log().expect("log").len(), before);
    assert_eq!(store.decision_chain(third).expect("chain").len(), 3);
}

#[test]
fn the_triggers_still_reject_edits_of_decisions_and_their_evidence() {
    let (dir, mut store) = temp_store();
    chain(&mut store);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("test.db")).expect("open");
    for sql in [
        "UPDATE decisions SET supersedes = NULL",
        "UPDATE decisions SET revisit_by = 0",
        "DELETE FROM decisions",
        "UPDATE decision_evidence SET ref_id = 9",
        "DELETE FROM decision_evidence",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn reviews_are_recorded_in_order() {
    let (_d, mut store) = temp_store();
    assert!(store.last_review().expect("none").is_none());
    store
        .record_review(now(), now() - Duration::days(7), "dana", "# Week 47", Some("/tmp/r.md"))
        .expect("review");
    store
        .record_review(now() + Duration::days(7), now(), "sam", "# Week 48", None)
        .expect("review");
    let last = store.last_review().expect("last").expect("some");
    assert_eq!((last.by.as_str(), last.since), ("sam", now()));
    assert_eq!(store.reviews().expect("all").len(), 2);
}

#[test]
fn links_and_reviews_round_trip_byte_for_byte_and_reimport_adds_nothing() {
    let (_a, mut first) = temp_store();
    loopboard::demo::load(&mut first, now()).expect("demo");
    let (a, _b, _c) = chain(&mut first);
    let theme = first
        .set_theme(&[loopboard::domain::ItemId(3)], Some("Exports"), now())
        .expect("theme")
        .expect("named")
        .id;
    let on_theme = DecisionLinks {
        evidence: vec![EvidenceRef {
            kind: SubjectKind::Theme,
            id: theme.0,
        }],
        ..DecisionLinks::default()
    };
    first
        .record_decision(&note(SubjectKind::Theme, theme.0, "recurring now"), &on_theme, now())
        .expect("theme decision");
    first
        .record_review(now(), now() - Duration::days(7), "dana", "# Summary\n\nline two", None)
        .expect("review");
    let exported = export(&first);
    assert!(exported.contains(&format!("\"supersedes\":{a}")), "supersedes exported");
    assert!(exported.contains("\"evidence\":[\"theme:"), "theme evidence exported");
    assert!(exported.contains("\"kind\":\"review\""), "review exported");

    let (_b, mut second) = temp_store();
    let batch = loopboard::interchange::parse(exported.as_bytes(), now()).expect("parse");
    let summary = second.import(&batch).expect("import");
    assert_eq!(summary.reviews_new, 1);
    assert_eq!(export(&second), exported);
    let again = second.import(&batch).expect("reimport");
    assert_eq!((again.decisions_new, again.reviews_new), (0, 0), "{again:?}");
    assert_eq!(export(&second), exported);
}

#[test]
fn a_supersedes_pointing_forward_names_its_line() {
    let text = concat!(
        r#"{"kind":"item","id":1,"title":"t"}"#,
        "\n",
        r#"{"kind":"decision","id":1,"at":"2026-11-01T00:00:00Z","decision":"note","subject":"item","subject_id":1,"rationale":"r","decided_by":"d","supersedes":2}"#,
        "\n",
    );
    let (_d, mut store) = temp_store();
    let batch = loopboard::interchange::parse(text.as_bytes(), now()).expect("parse");
    let err = store.import(&batch).expect_err("forward reference").to_string();
    assert!(err.contains("line 2") && err.contains("supersedes"), "{err}");
    let bad = text.replace("\"supersedes\":2", "\"evidence\":[\"item\"]");
    let err = loopboard::interchange::parse(bad.as_bytes(), now())
        .expect_err("bad evidence")
        .to_string();
    assert!(err.contains("line 2") && err.contains("evidence"), "{err}");
}
