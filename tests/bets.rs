//! Bets and hypotheses in the store: adding and changing them, refusals that
//! write nothing, verdicts with their decision in one transaction, and undo
//! of every change. Evidence and ranking are in `bet_ranking.rs`.

mod common;

use chrono::Duration;
use common::{bet, export, feedback, now, rice, temp_store};
use loopboard::domain::{
    BetId, BetPatch, BetStatus, DecisionKind, HypothesisStatus, ItemId, NewBet, NewHypothesis, NextStep, Outcome,
    SubjectKind, Verdict,
};
use loopboard::scoring::{Input, Inputs};
use loopboard::store::StoreError;

fn verdict(outcome: Outcome, next: NextStep, rationale: &str) -> Verdict {
    Verdict {
        outcome,
        next,
        rationale: rationale.to_string(),
    }
}

#[test]
fn a_new_bet_is_proposed_with_what_it_was_given() {
    let (_d, mut store) = temp_store();
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe SSO for enterprise will cut churn".into(),
                evidence: vec![],
            },
            now(),
        )
        .expect("hypothesis");
    let new = NewBet {
        hypothesis: Some(h),
        owner: Some("  dana ".into()),
        metric: Some("activation +5 pp".into()),
        deadline: Some(now() + Duration::days(20)),
        ..bet("Self-serve SSO \u{1b}[2J")
    };
    let id = store.add_bet(&new, now()).expect("add");
    let got = store.get_bet(id).expect("get");
    assert_eq!(got.title, "Self-serve SSO");
    assert_eq!(got.status, BetStatus::Proposed);
    assert_eq!(got.owner.as_deref(), Some("dana"));
    assert_eq!(got.hypothesis, Some(h));
    assert_eq!(got.inputs, rice(Some(10.0)));
    assert_eq!(got.deadline, new.deadline);
    assert_eq!(store.list_bets().expect("list"), vec![got]);
}

#[test]
fn invalid_inputs_are_refused_naming_the_input_and_nothing_is_written() {
    let (_d, mut store) = temp_store();
    let id = store.add_bet(&bet("Keep"), now()).expect("add");
    let before = export(&store);
    let cases = [
        (
            Input::Effort,
            0.0,
            "effort: 0 is not allowed: expected person-weeks above 0",
        ),
        (Input::Confidence, 120.0, "confidence: 120 is not allowed"),
        (
            Input::Impact,
            1.5,
            "impact: 1.5 is not allowed: expected one of 0.25, 0.5, 1, 2, 3",
        ),
        (Input::Ease, 11.0, "ease: 11 is not allowed"),
        (Input::JobSize, 4.0, "job_size: 4 is not allowed"),
        (Input::Reach, f64::NAN, "reach: NaN is not allowed"),
    ];
    for (input, value, want) in cases {
        let mut inputs = Inputs::default();
        inputs.set(input, Some(value));
        let new = NewBet {
            inputs,
            ..bet("Refused")
        };
        let err = store.add_bet(&new, now()).expect_err("add refused").to_string();
        assert!(err.contains(want), "{err}");
        // A patch with a valid change next to the invalid one changes nothing.
        let patch = BetPatch {
            title: Some("Renamed".into()),
            inputs: vec![(Input::Reach, Some(3.0)), (input, Some(value))],
            ..BetPatch::default()
        };
        let err = store
            .update_bet(id, &patch, now())
            .expect_err("patch refused")
            .to_string();
        assert!(err.contains(want), "{err}");
        assert!(store.set_bet_input(id, input, Some(value), now()).is_err());
    }
    assert_eq!(export(&store), before);
    assert!(
        store
            .undo("t", now())
            .expect("undo")
            .is_some_and(|u| u.bets == vec![id])
    );
    assert!(
        store.list_bets().expect("list").is_empty(),
        "only the add was journaled"
    );
}

#[test]
fn a_patch_changes_many_fields_as_one_undo_step() {
    let (_d, mut store) = temp_store();
    let id = store.add_bet(&bet("Onboarding checklist"), now()).expect("add");
    let before = store.get_bet(id).expect("get");
    let later = now() + Duration::hours(1);
    let patch = BetPatch {
        title: Some("Guided onboarding".into()),
        owner: Some(Some("sam".into())),
        metric: Some(Some("day-7 retention +3 pp".into())),
        deadline: Some(Some(now() + Duration::days(30))),
        status: Some(BetStatus::Running),
        inputs: vec![
            (Input::Impact, Some(0.25)),
            (Input::Reach, None),
            (Input::Ease, Some(7.0)),
        ],
        ..BetPatch::default()
    };
    store.update_bet(id, &patch, later).expect("patch");
    let after = store.get_bet(id).expect("get");
    assert_eq!(after.title, "Guided onboarding");
    assert_eq!(after.status, BetStatus::Running);
    assert_eq!(after.started_at, Some(later), "running stamps the start");
    assert_eq!(
        (after.inputs.impact, after.inputs.reach, after.inputs.ease),
        (Some(0.25), None, Some(7.0))
    );
    store.undo("t", later).expect("undo").expect("something");
    assert_eq!(store.get_bet(id).expect("get"), before);
    store.redo("t", later).expect("redo").expect("something");
    assert_eq!(store.get_bet(id).expect("get"), after);
}

#[test]
fn undo_of_an_input_change_restores_it_exactly() {
    let (_d, mut store) = temp_store();
    let id = store.add_bet(&bet("Exact"), now()).expect("add");
    store
        .set_bet_input(id, Input::Effort, Some(0.1), now())
        .expect("odd effort");
    let before = store.get_bet(id).expect("get");
    let stored = store
        .set_bet_input(id, Input::Impact, Some(0.5000000000001), now())
        .expect("snapped");
    assert_eq!(stored, Some(0.5), "a value within epsilon is stored as its scale point");
    store
        .set_bet_input(id, Input::Effort, Some(3.0), now())
        .expect("effort");
    store.undo("t", now()).expect("undo").expect("effort undone");
    store.undo("t", now()).expect("undo").expect("impact undone");
    let restored = store.get_bet(id).expect("get");
    assert_eq!(restored, before);
    assert_eq!(restored.inputs.effort.map(f64::to_bits), Some(0.1f64.to_bits()));
}

#[test]
fn closing_statuses_need_a_verdict_and_transitions_are_enforced() {
    let (_d, mut store) = temp_store();
    let id = store.add_bet(&bet("Gate"), now()).expect("add");
    let err = store
        .set_bet_status(id, BetStatus::Won, now())
        .expect_err("needs verdict");
    assert!(err.to_string().contains("verdict"), "{err}");
    let err = store
        .record_verdict(
            id,
            &verdict(Outcome::Won, NextStep::Persevere, "too early"),
            "dana",
            now(),
        )
        .expect_err("proposed cannot be won");
    assert!(err.to_string().contains("start it first"), "{err}");
    assert!(
        store.list_decisions().expect("log").is_empty(),
        "the decision was rolled back"
    );
    store.set_bet_status(id, BetStatus::Running, now()).expect("run");
    let err = store
        .set_bet_status(id, BetStatus::Proposed, now())
        .expect_err("no way back");
    assert!(err.to_string().contains("verdict"), "{err}");
    assert!(matches!(
        store.set_bet_status(BetId(99), BetStatus::Running, now()),
        Err(StoreError::NoSuchBet(BetId(99)))
    ));
}

#[test]
fn a_verdict_writes_status_decision_and_hypothesis_in_one_undo_step() {
    let (_d, mut store) = temp_store();
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe X".into(),
                evidence: vec![],
            },
            now(),
        )
        .expect("hypothesis");
    let id = store
        .add_bet(
            &NewBet {
                hypothesis: Some(h),
                ..bet("Test X")
            },
            now(),
        )
        .expect("add");
    store.set_bet_status(id, BetStatus::Running, now()).expect("run");
    let before = export(&store);
    let at = now() + Duration::days(14);
    let decision = store
        .record_verdict(
            id,
            &verdict(Outcome::Won, NextStep::Persevere, "activation +6 pp"),
            "dana",
            at,
        )
        .expect("verdict");
    let got = store.get_bet(id).expect("bet");
    assert_eq!((got.status, got.closed_at), (BetStatus::Won, Some(at)));
    assert_eq!(store.get_hypothesis(h).expect("h").status, HypothesisStatus::Validated);
    let log = store.decisions_about(SubjectKind::Bet, id.0).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].id, log[0].kind), (decision, DecisionKind::Persevere));
    assert_eq!(log[0].rationale, "activation +6 pp");

    let undone = store.undo("dana", at).expect("undo").expect("something");
    assert_eq!((undone.bets, undone.hypotheses), (vec![id], vec![h]));
    let without_log = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("\"decision\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_log(&export(&store)), without_log(&before));
    let log = store.decisions_about(SubjectKind::Bet, id.0).expect("log");
    assert_eq!(
        log.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DecisionKind::Persevere, DecisionKind::Revoke]
    );
}

#[test]
fn lost_invalidates_stopped_leaves_the_hypothesis_and_can_reopen() {
    let (_d, mut store) = temp_store();
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe Y".into(),
                evidence: vec![],
            },
            now(),
        )
        .expect("hypothesis");
    let lost = store
        .add_bet(
            &NewBet {
                hypothesis: Some(h),
                ..bet("A")
            },
            now(),
        )
        .expect("a");
    let stopped = store
        .add_bet(
            &NewBet {
                hypothesis: Some(h),
                ..bet("B")
            },
            now(),
        )
        .expect("b");
    store.set_bet_status(lost, BetStatus::Running, now()).expect("run");
    store
        .record_verdict(lost, &verdict(Outcome::Lost, NextStep::Pivot, "no lift"), "sam", now())
        .expect("lost");
    assert_eq!(
        store.get_hypothesis(h).expect("h").status,
        HypothesisStatus::Invalidated
    );
    store
        .record_verdict(
            stopped,
            &verdict(Outcome::Stopped, NextStep::Stop, "budget moved"),
            "sam",
            now(),
        )
        .expect("stopped from proposed");
    assert_eq!(
        store.get_hypothesis(h).expect("h").status,
        HypothesisStatus::Invalidated
    );
    store
        .set_bet_status(stopped, BetStatus::Proposed, now())
        .expect("reopen");
    let reopened = store.get_bet(stopped).expect("bet");
    assert_eq!((reopened.status, reopened.closed_at), (BetStatus::Proposed, None));
}

#[test]
fn a_verdict_without_a_rationale_writes_nothing() {
    let (_d, mut store) = temp_store();
    let id = store.add_bet(&bet("Quiet"), now()).expect("add");
    let before = export(&store);
    let err = store
        .record_verdict(id, &verdict(Outcome::Stopped, NextStep::Stop, " \n "), "sam", now())
        .expect_err("needs a rationale");
    assert!(matches!(err, StoreError::Invalid { field: "rationale", .. }), "{err}");
    assert_eq!(export(&store), before);
}

#[test]
fn hypotheses_restate_link_and_undo() {
    let (_d, mut store) = temp_store();
    let a = feedback(&mut store, "a", "Acme", None, 1);
    let b = feedback(&mut store, "b", "Globex", None, 1);
    let h = store
        .add_hypothesis(
            &NewHypothesis {
                statement: "We believe Z".into(),
                evidence: vec![b, a],
            },
            now(),
        )
        .expect("add");
    assert_eq!(store.get_hypothesis(h).expect("h").evidence, vec![a, b]);
    let before = store.get_hypothesis(h).expect("h");
    store
        .update_hypothesis(
            h,
            Some("We believe Z for smb"),
            Some(HypothesisStatus::Validated),
            now(),
        )
        .expect("update");
    store.unlink_hypothesis_items(h, &[a], now()).expect("unlink");
    let err = store
        .link_hypothesis_items(h, &[ItemId(404)], now())
        .expect_err("no such item");
    assert!(matches!(err, StoreError::NoSuchItem(ItemId(404))), "{err}");
    let changed = store.get_hypothesis(h).expect("h");
    assert_eq!(
        (changed.statement.as_str(), changed.evidence.clone()),
        ("We believe Z for smb", vec![b])
    );
    store.undo("t", now()).expect("undo unlink");
    store.undo("t", now()).expect("undo update");
    assert_eq!(store.get_hypothesis(h).expect("h"), before);
    let err = store.update_hypothesis(h, Some("  "), None, now()).expect_err("empty");
    assert!(matches!(err, StoreError::Invalid { field: "statement", .. }), "{err}");
}

#[test]
fn undoing_an_added_bet_removes_it_with_its_links_and_redo_brings_both_back() {
    let (_d, mut store) = temp_store();
    let a = feedback(&mut store, "a", "Acme", None, 1);
    let id = store
        .add_bet(
            &NewBet {
                evidence: vec![a],
                ..bet("Linked")
            },
            now(),
        )
        .expect("add");
    let added = store.get_bet(id).expect("bet");
    assert_eq!(added.evidence, vec![a]);
    store.undo("t", now()).expect("undo").expect("something");
    assert!(matches!(store.get_bet(id), Err(StoreError::NoSuchBet(_))));
    store.redo("t", now()).expect("redo").expect("something");
    assert_eq!(store.get_bet(id).expect("bet"), added);
}

#[test]
fn linking_a_missing_item_writes_nothing() {
    let (_d, mut store) = temp_store();
    let a = feedback(&mut store, "a", "Acme", None, 1);
    let id = store.add_bet(&bet("B"), now()).expect("bet");
    let before = export(&store);
    let err = store
        .link_bet_items(id, &[a, ItemId(77)], now())
        .expect_err("missing item");
    assert!(err.to_string().contains("#77"), "{err}");
    assert_eq!(export(&store), before);
    let err = store.add_bet(
        &NewBet {
            hypothesis: Some(loopboard::domain::HypothesisId(5)),
            ..bet("C")
        },
        now(),
    );
    assert!(matches!(err, Err(StoreError::NoSuchHypothesis(_))), "{err:?}");
}
