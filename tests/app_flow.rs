//! App-flow tests: an `App` on a temporary store, fed actions and keys as the
//! terminal would, asserting on what the database holds afterwards.

mod common;

use common::{item, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{Severity, Status, SubjectKind};
use loopboard::store::{ListSource, Store};
use loopboard::tui::action::Action;
use loopboard::tui::app::{App, Mode};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app_with_demo() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    (dir, app(store))
}

fn app(store: Store) -> App {
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

fn selected(app: &App) -> loopboard::domain::ItemId {
    app.inbox.selected_row().expect("a selected row").id
}

#[test]
fn triaging_a_dozen_items_with_one_key_each() {
    let (_dir, mut app) = app_with_demo();
    let new_before = app.counts.new;
    let mut triaged = Vec::new();
    for i in 0..12 {
        let id = selected(&app);
        let sev = Severity::ALL[i % 4];
        key(&mut app, KeyCode::Char(char::from(b'1' + sev.level() - 1)));
        triaged.push((id, sev));
        // The triaged item leaves the "new" group, so the next new item is selected.
        assert_ne!(selected(&app), id);
    }
    assert_eq!(app.counts.new, new_before - 12);
    for (id, sev) in triaged {
        let got = app.store().get_item(id).expect("item");
        assert_eq!((got.severity, got.status), (Some(sev), Status::Triaged), "{id}");
        assert_eq!(got.triaged_at, Some(now()));
    }
}

#[test]
fn decline_needs_a_reason_and_esc_changes_nothing() {
    let (_dir, mut app) = app_with_demo();
    let id = selected(&app);
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.store().get_item(id).expect("item").status, Status::New);

    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::Prompt(p) => assert!(
            p.error.as_deref().is_some_and(|e| e.contains("reason is required")),
            "{:?}",
            p.error
        ),
        _ => panic!("an empty reason keeps the prompt open"),
    }
    type_text(&mut app, "Covered by SSO work");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.store().get_item(id).expect("item").status, Status::Declined);
    let decisions = app.store().decisions_about(SubjectKind::Item, id.0).expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        (decisions[0].rationale.as_str(), decisions[0].decided_by.as_str()),
        ("Covered by SSO work", "tester")
    );
    assert!(
        app.inbox.selected_row().is_some_and(|r| r.id != id),
        "the next item is selected"
    );
}

#[test]
fn a_refused_action_is_a_message_not_a_change() {
    let (_dir, mut app) = app_with_demo();
    let id = selected(&app);
    key(&mut app, KeyCode::Char('a'));
    let message = app.message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("set a severity first"),
        "{message:?}"
    );
    assert_eq!(app.store().get_item(id).expect("item").status, Status::New);
    key(&mut app, KeyCode::Char('3'));
    // The triaged item moved down; find it again and accept it.
    let pos = app
        .store()
        .list_position(ListSource::Inbox, &[], id)
        .expect("pos")
        .expect("in inbox");
    app.update(Action::Top).expect("top");
    for _ in 0..pos {
        app.update(Action::Down).expect("down");
    }
    assert_eq!(selected(&app), id);
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.store().get_item(id).expect("item").status, Status::Accepted);
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.store().get_item(id).expect("item").status, Status::Waiting);
}

#[test]
fn quick_capture_adds_and_selects_the_item() {
    let (_dir, store) = temp_store();
    let mut app = app(store);
    assert_eq!(app.context(), loopboard::tui::keymap::Context::Welcome);
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::Capture(form) => assert!(
            form.error.as_deref().is_some_and(|e| e.contains("title")),
            "{:?}",
            form.error
        ),
        _ => panic!("an empty title keeps the form open"),
    }
    type_text(&mut app, "Usage export totals off");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Finance found 3%");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "since October");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Northwind");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Enterprise");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Billing");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Invoice, SSO,invoice");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let id = selected(&app);
    let got = app.store().get_item(id).expect("item");
    assert_eq!(got.title, "Usage export totals off");
    assert_eq!(got.body, "Finance found 3%\nsince October");
    assert_eq!(got.customer.as_deref(), Some("Northwind"));
    assert_eq!(got.category.as_deref(), Some("billing"));
    assert_eq!(got.segment.as_deref(), Some("enterprise"));
    assert_eq!(got.tags, vec!["invoice", "sso"]);
    assert_eq!((got.source.as_str(), got.status), ("tui", Status::New));
}

#[test]
fn capture_esc_discards() {
    let (_dir, store) = temp_store();
    let mut app = app(store);
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "half-typed");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.store().inbox_counts().expect("counts").total, 0);
}

#[test]
fn everything_is_there_after_a_restart() {
    let (dir, mut app) = app_with_demo();
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('x'));
    type_text(&mut app, "dup");
    key(&mut app, KeyCode::Enter);
    let before = common::export(app.store());
    drop(app);
    let reopened = Store::open(&dir.path().join("test.db")).expect("reopen");
    assert_eq!(common::export(&reopened), before);
}

#[test]
fn navigation_moves_over_the_whole_list_with_a_small_window() {
    let (_dir, mut store) = temp_store();
    for i in 0..500 {
        store.add_item(&item(&format!("item {i:03}"), i), now()).expect("add");
    }
    let mut app = app(store);
    let expect_visible = |app: &App| {
        let want = app
            .store()
            .list_window(ListSource::Inbox, &[], app.inbox.offset(), 20)
            .expect("window");
        assert_eq!(app.inbox.visible(), want.iter().collect::<Vec<_>>());
        assert!(app.inbox.selected() >= app.inbox.offset() && app.inbox.selected() < app.inbox.offset() + 20);
    };
    app.update(Action::Bottom).expect("bottom");
    assert_eq!(app.inbox.selected(), 499);
    assert_eq!(app.detail.as_ref().map(|d| d.item.title.as_str()), Some("item 499"));
    expect_visible(&app);
    app.update(Action::PageUp).expect("pgup");
    assert_eq!(app.inbox.selected(), 479);
    expect_visible(&app);
    // g g goes to the top.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.inbox.selected(), 0);
    expect_visible(&app);
    app.update(Action::Up).expect("up");
    assert_eq!(app.inbox.selected(), 0, "stops at the top");
    for _ in 0..45 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.inbox.selected(), 45);
    expect_visible(&app);
}

#[test]
fn loading_the_demo_from_the_welcome_screen() {
    let (_dir, store) = temp_store();
    let mut app = app(store);
    key(&mut app, KeyCode::Char('D'));
    assert_eq!(app.counts.total, 150);
    assert_eq!(app.context(), loopboard::tui::keymap::Context::Inbox);
    assert!(app.detail.is_some());
}

#[test]
fn ctrl_c_quits_from_any_mode() {
    let (_dir, mut app) = app_with_demo();
    key(&mut app, KeyCode::Char('x'));
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit);
}

#[test]
fn capture_completes_a_known_customer_and_fills_its_segment() {
    let (_dir, mut app) = app_with_demo();
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Webhooks retry too often");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "kestrel");
    key(&mut app, KeyCode::Tab); // takes the suggestion
    key(&mut app, KeyCode::Enter);
    let id = app.selected().expect("the new item is selected");
    let got = app.store().get_item(id).expect("item");
    assert_eq!(got.customer.as_deref(), Some("Kestrel Payments"));
    assert_eq!(
        got.segment.as_deref(),
        Some("mid-market"),
        "the customer's segment came with it"
    );
}
