//! Duplicates: the store's rules (canonical roots, self-links refused,
//! reopening clears the link, evidence gathered) and `m` in the app, with
//! suggestions from the similarity index built in the background.

mod common;

use common::{item, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{DecisionKind, ItemId, Severity, Status, SubjectKind};
use loopboard::tui::app::{App, Mode};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn duplicates_point_at_the_root_and_gather_its_evidence() {
    let (_d, mut store) = temp_store();
    let ids: Vec<ItemId> = (0..4)
        .map(|i| store.add_item(&item(&format!("report {i}"), i), now()).expect("add").id)
        .collect();
    store
        .mark_duplicate(&ids[1..2], ids[0], "dana", now())
        .expect("1 dup of 0");
    // Marking 2 as a duplicate of 1 links it to 1's canonical item, 0.
    let root = store
        .mark_duplicate(&ids[2..3], ids[1], "dana", now())
        .expect("2 dup of 1");
    assert_eq!(root, ids[0]);
    let evidence: Vec<ItemId> = store
        .duplicates_of(ids[0])
        .expect("dups")
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(evidence, vec![ids[1], ids[2]]);
    let d = store.decisions_about(SubjectKind::Item, ids[2].0).expect("decisions");
    assert_eq!(d[0].kind, DecisionKind::Duplicate);
    assert!(
        d[0].rationale.starts_with(&format!("duplicate of {}", ids[0])),
        "{}",
        d[0].rationale
    );
    let err = store
        .mark_duplicate(&ids[..1], ids[1], "dana", now())
        .expect_err("itself via its duplicate");
    assert!(err.to_string().contains("itself"), "{err}");
}

#[test]
fn reopening_a_duplicate_clears_the_link_and_undo_restores_it() {
    let (_d, mut store) = temp_store();
    let a = store.add_item(&item("a", 1), now()).expect("add").id;
    let b = store.add_item(&item("b", 2), now()).expect("add").id;
    store.set_severity(&[b], Severity::S3, now()).expect("sev");
    store.mark_duplicate(&[b], a, "t", now()).expect("dup");
    store.set_status(&[b], Status::Triaged, now()).expect("reopen");
    assert_eq!(store.duplicate_of(b).expect("link"), None);
    store.undo("t", now()).expect("undo").expect("something");
    assert_eq!(store.duplicate_of(b).expect("link"), Some(a));
    assert_eq!(store.get_item(b).expect("b").status, Status::Duplicate);
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The demo in an app, with `id` selected (walked to with `j`).
fn demo_at(id: ItemId) -> (tempfile::TempDir, App) {
    let (d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    for _ in 0..app.inbox.len() {
        if app.selected() == Some(id) {
            break;
        }
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.selected(), Some(id));
    (d, app)
}

/// Waits (bounded) for the background index to arrive.
fn wait_for_index(app: &mut App) {
    for _ in 0..500 {
        app.poll_external();
        if app.detail.as_ref().is_some_and(|d| !d.similar.is_empty()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the similarity index never arrived");
}

#[test]
fn m_marks_the_selected_item_a_duplicate_of_the_top_suggestion() {
    // #132 (Brightline: "Still a $640 gap between usage export and dashboard")
    // is one of the demo's invoice/usage-export reports.
    let (_d, mut app) = demo_at(ItemId(132));
    wait_for_index(&mut app);
    let top = app.detail.as_ref().expect("detail").similar[0].0.id;
    assert!(
        [7, 26, 29, 39, 59, 108].contains(&top),
        "the top suggestion #{top} is another usage-export report"
    );
    key(&mut app, KeyCode::Char('m'));
    assert!(matches!(app.mode, Mode::Pick(_)));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message);
    let got = app.store().get_item(ItemId(132)).expect("item");
    assert_eq!(got.status, Status::Duplicate);
    assert_eq!(app.store().duplicate_of(ItemId(132)).expect("link"), Some(ItemId(top)));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.store().get_item(ItemId(132)).expect("item").status,
        Status::New,
        "undo works"
    );
}

/// In the event loop suggestions are deferred: a selection change leaves the
/// pane waiting (nothing computed on the keystroke), and settling when no key
/// is waiting gives exactly what an immediate lookup gives.
#[test]
fn deferred_suggestions_wait_for_a_quiet_moment_and_then_match_immediate_ones() {
    let (_d, mut app) = demo_at(ItemId(132));
    wait_for_index(&mut app);
    let immediate = app.detail.as_ref().expect("detail").similar.clone();
    assert!(!app.detail_pending());

    app.defer_suggestions(true);
    key(&mut app, KeyCode::Char('j'));
    assert_ne!(app.selected(), Some(ItemId(132)));
    assert!(app.detail_pending(), "moving on leaves the suggestions for later");
    key(&mut app, KeyCode::Char('k'));
    let detail = app.detail.as_ref().expect("detail");
    assert_eq!(detail.item.id, ItemId(132));
    assert!(detail.similar_pending && detail.similar.is_empty());
    assert!(app.settle_detail(), "settling looks them up");
    let detail = app.detail.as_ref().expect("detail");
    assert!(!detail.similar_pending);
    let ids =
        |s: &[(loopboard::similar::Suggestion, String)]| s.iter().map(|(s, t)| (s.id, t.clone())).collect::<Vec<_>>();
    assert_eq!(ids(&detail.similar), ids(&immediate));
    assert!(!app.settle_detail(), "nothing left to do");
}
