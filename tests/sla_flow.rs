//! SLA in the app: breached S1/S2 items pinned and counted, the at-risk
//! queue in order, the cursor starting on the first untriaged item, and
//! snoozing from the keyboard.

mod common;

use chrono::Duration;
use common::{item, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{Severity, Status};
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// #1 S1 triaged 5 days ago (target 3 days: breached), #2 S2 triaged 11 days
/// ago (target 2 weeks: at risk), #3 S3 triaged today (on track), #4 new.
fn app() -> (tempfile::TempDir, App, Vec<loopboard::domain::ItemId>) {
    let (dir, mut store) = temp_store();
    let ids: Vec<_> = (0..4)
        .map(|i| store.add_item(&item(&format!("i{i}"), 300), now()).expect("add").id)
        .collect();
    store
        .set_severity(&ids[..1], Severity::S1, now() - Duration::days(5))
        .expect("s1");
    store
        .set_severity(&ids[1..2], Severity::S2, now() - Duration::days(11))
        .expect("s2");
    store.set_severity(&ids[2..3], Severity::S3, now()).expect("s3");
    let mut app = App::new(store, Clock::Fixed(now()), "t".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    (dir, app, ids)
}

#[test]
fn breached_urgent_items_are_pinned_and_counted_and_the_cursor_starts_on_new_work() {
    let (_d, app, ids) = app();
    assert_eq!(app.breached_urgent, 1);
    assert_eq!(app.inbox.pinned_len(), 1);
    let first = app.inbox.visible()[0].id;
    assert_eq!(first, ids[0], "the breached S1 is at the top");
    assert_eq!(app.selected(), Some(ids[3]), "the cursor starts on the untriaged item");
}

#[test]
fn the_at_risk_queue_lists_breached_then_at_risk() {
    let (_d, mut app, ids) = app();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::AtRisk);
    let order: Vec<_> = app.at_risk.visible().iter().map(|r| r.id).collect();
    // The untriaged item (created 300h ago) has long breached its 1-day
    // acknowledge target, so it is the most overdue of all.
    assert_eq!(order, vec![ids[3], ids[0], ids[1]], "on-track #3 is not listed");
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected(), Some(ids[0]), "the queue is navigable like the inbox");
}

#[test]
fn snoozing_from_the_keyboard_hides_the_item_until_then() {
    let (_d, mut app, ids) = app();
    key(&mut app, KeyCode::Char('s'));
    "someday".chars().for_each(|c| key(&mut app, KeyCode::Char(c)));
    key(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::Prompt(p) => assert!(
            p.error.as_deref().is_some_and(|e| e.contains("someday")),
            "{:?}",
            p.error
        ),
        _ => panic!("a bad time keeps the prompt open"),
    }
    for _ in 0..7 {
        key(&mut app, KeyCode::Backspace);
    }
    "3d".chars().for_each(|c| key(&mut app, KeyCode::Char(c)));
    key(&mut app, KeyCode::Enter);
    let got = app.store().get_item(ids[3]).expect("item");
    assert_eq!(got.status, Status::Snoozed);
    assert!(
        app.message.as_ref().is_some_and(|m| m.text.contains("snoozed until")),
        "{:?}",
        app.message
    );
    assert_eq!(app.counts.open, 3, "the snoozed item left the inbox");
}

#[test]
fn the_cli_filters_and_reports_the_same_clocks() {
    let (_d, app, ids) = app();
    let store = app.store();
    let policy = loopboard::sla::Policy::default();
    use loopboard::sla_cmd::{SlaFilter, matching, report};
    assert_eq!(
        matching(store, &policy, SlaFilter::Breached, now()).expect("breached"),
        vec![ids[3], ids[0]]
    );
    assert_eq!(
        matching(store, &policy, SlaFilter::AtRisk, now()).expect("at risk"),
        vec![ids[1]]
    );
    let mut out = Vec::new();
    report(store, &policy, &mut out, now()).expect("report");
    let text = String::from_utf8(out).expect("utf-8");
    let s1 = text.lines().find(|l| l.starts_with("S1")).expect("an S1 row");
    // One S1 item, acknowledged (triaged) and open past its 3-day target.
    assert!(s1.contains("1/1 100% (4h)") || s1.contains("0/1 0% (4h)"), "{text}");
    assert!(s1.split_whitespace().any(|w| w == "1"), "{text}");
}
