//! The `f` filter as a person uses it: an App on a temporary store, fed keys,
//! checked against what the store says matches; the filter narrows the
//! inbox, every board column and the at-risk queue, follows data changes,
//! keeps windowed lists windowed, and a bad filter keeps its text. Plus a
//! snapshot of the prompt with an error and of a filtered inbox.

mod common;

use std::collections::HashSet;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{ItemId, NewItem, Status};
use loopboard::filter::parse;
use loopboard::sla::Policy;
use loopboard::store::{ItemRow, Store};
use loopboard::timefmt::Zone;
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::list_window::ListWindow;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app(store: Store) -> App {
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.zone = Zone::UTC;
    app.set_page_size(20, 5);
    app
}

fn demo() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    (dir, app(store))
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

/// `f`, the text, Enter: as typed.
fn filter(app: &mut App, text: &str) {
    key(app, KeyCode::Char('f'));
    type_text(app, text);
    key(app, KeyCode::Enter);
}

/// Every row of a windowed list, walked with the cursor as a person would
/// (Home, then `j` down to the end).
fn walk(app: &mut App, list: fn(&mut App) -> &mut ListWindow) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for i in 0..list(app).len() {
        key(app, if i == 0 { KeyCode::Home } else { KeyCode::Char('j') });
        assert_eq!(list(app).selected(), i);
        rows.push(list(app).selected_row().expect("a row at every position").clone());
    }
    rows
}

/// The ids the store says match `query`, among items with one of `statuses`.
fn expected(app: &App, query: &str, statuses: &[Status]) -> HashSet<ItemId> {
    let f = parse(query).expect(query);
    app.store()
        .filtered_ids(&f, &Policy::default(), now())
        .expect("filtered ids")
        .into_iter()
        .filter(|id| statuses.contains(&app.store().get_item(*id).expect("item").status))
        .collect()
}

const OPEN: [Status; 5] = [
    Status::New,
    Status::Triaged,
    Status::Accepted,
    Status::InProgress,
    Status::Waiting,
];

#[test]
fn f_narrows_the_inbox_to_what_the_store_matches_and_f_empty_enter_removes_it() {
    let (_dir, mut app) = demo();
    let all = app.inbox.len();
    filter(&mut app, "cat:billing");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.filter.as_ref().map(|f| f.source.as_str()), Some("cat:billing"));
    let want = expected(&app, "cat:billing", &OPEN);
    assert!(!want.is_empty() && want.len() < all, "{} of {all}", want.len());
    let got: HashSet<ItemId> = walk(&mut app, |a| &mut a.inbox).iter().map(|r| r.id).collect();
    assert_eq!(got, want);
    let message = app.message.as_ref().expect("a message").text.clone();
    assert!(
        message.contains(&format!("{} item(s) match", app.filter_matches)),
        "{message}"
    );

    // f then an empty Enter removes it.
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Enter);
    assert!(app.filter.is_none());
    assert_eq!(app.inbox.len(), all);
}

#[test]
fn the_filter_applies_to_every_board_column_and_the_at_risk_queue() {
    let (_dir, mut app) = demo();
    // The at-risk queue is read when shown (Inbox → Board → At risk).
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::AtRisk);
    let at_risk_before = app.at_risk.len();
    assert!(at_risk_before > 0, "the demo has items at risk");
    filter(&mut app, "cat:billing");
    // The board's columns are read when the board is shown (Shift-Tab back).
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.view, View::Board);
    for (column, status) in app.board.columns.iter().zip(loopboard::tui::board::COLUMNS) {
        let want = expected(&app, "cat:billing", &[status]);
        assert_eq!(column.len(), want.len(), "{status:?}");
    }
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::AtRisk);
    let queue: Vec<ItemId> = app.at_risk.pinned_ids().to_vec();
    let billing = expected(&app, "cat:billing", &OPEN);
    assert!(queue.iter().all(|id| billing.contains(id)), "{queue:?}");
    assert!(queue.len() < at_risk_before);

    // F clears the filter from any list.
    key(&mut app, KeyCode::Char('F'));
    assert!(app.filter.is_none());
    assert_eq!(app.at_risk.len(), at_risk_before);
}

#[test]
fn the_filter_follows_changes_to_the_data() {
    let (_dir, mut app) = demo();
    filter(&mut app, "status:new cat:ux");
    let before = app.inbox.len();
    let first = app.inbox.selected_row().expect("a row").id;
    // Triaging it: it is no longer new, so it leaves the filtered list.
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.store().get_item(first).expect("item").status, Status::Triaged);
    assert_eq!(app.inbox.len(), before - 1);
    assert_eq!(app.filter_matches, before - 1);
    assert_ne!(app.inbox.selected_row().map(|r| r.id), Some(first));
}

#[test]
fn a_bad_filter_keeps_its_text_and_changes_nothing() {
    let (_dir, mut app) = demo();
    let all = app.inbox.len();
    filter(&mut app, "cat:billing colour:red");
    match &app.mode {
        Mode::Filter(prompt) => {
            let e = prompt.error.as_ref().expect("an error");
            assert_eq!(e.column, 13, "{e}");
            assert!(e.message.contains("unknown field"), "{e}");
            assert_eq!(prompt.text(), "cat:billing colour:red");
        }
        _ => panic!("the prompt stays open"),
    }
    assert!(app.filter.is_none());
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.inbox.len(), all);
}

#[test]
fn a_filtered_list_of_many_items_stays_windowed() {
    let (_dir, mut store) = temp_store();
    let items: Vec<NewItem> = (0..600)
        .map(|i| NewItem {
            title: format!("report {i}"),
            category: Some(if i % 3 == 0 { "billing" } else { "ux" }.to_string()),
            source: "test".into(),
            created_at: Some(now() - chrono::Duration::minutes(i)),
            ..NewItem::default()
        })
        .collect();
    for item in &items {
        store.add_item(item, now()).expect("add");
    }
    let mut app = app(store);
    filter(&mut app, "cat:billing");
    assert_eq!(app.inbox.len(), 200);
    // The bottom of the filtered list is reachable and is a billing item;
    // only a window of rows around it is loaded.
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.inbox.selected(), 199);
    let last = app.inbox.selected_row().expect("the last row").clone();
    assert_eq!(last.category.as_deref(), Some("billing"));
    assert_eq!(last.title, "report 597", "oldest billing item last");
    assert!(app.inbox.visible().len() <= 20);
}

#[test]
fn the_filter_prompt_and_a_filtered_inbox_as_drawn() {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.zone = Zone::UTC;
    let mut terminal = Terminal::new(TestBackend::new(120, 24)).expect("terminal");
    let mut draw = |app: &mut App| {
        loopboard::tui::draw(&mut terminal, app).expect("draw");
        let text = terminal.backend().to_string();
        text.replace(&dir.path().display().to_string(), "[tempdir]")
    };
    draw(&mut app);
    key(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "sev:<=2 colour:red");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("filter_prompt_error", draw(&mut app));
    key(&mut app, KeyCode::Esc);
    filter(&mut app, "customer:castellan -status:waiting");
    insta::assert_snapshot!("filtered_inbox", draw(&mut app));
}

#[test]
fn save_a_view_then_open_it_from_the_menu_and_the_palette_then_delete_it() {
    let (_dir, mut app) = demo();
    filter(&mut app, "cat:billing");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::Board);
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "save Billing board");
    key(&mut app, KeyCode::Enter);
    let saved = app.store().saved_views().expect("saved views");
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].name.as_str(), saved[0].view.as_str(), saved[0].filter.as_str()),
        ("Billing board", "board", "cat:billing")
    );

    // Somewhere else, without a filter: V, Enter brings it all back.
    key(&mut app, KeyCode::Char('F'));
    key(&mut app, KeyCode::BackTab);
    assert_eq!((app.view, app.filter.is_none()), (View::Inbox, true));
    key(&mut app, KeyCode::Char('V'));
    assert!(matches!(app.mode, Mode::SavedViews(_)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Board);
    assert_eq!(app.filter.as_ref().map(|f| f.source.as_str()), Some("cat:billing"));
    let billing_triaged = expected(&app, "cat:billing", &[Status::Triaged]).len();
    assert_eq!(app.board.columns[0].len(), billing_triaged);

    // The palette lists it as `view NAME`.
    key(&mut app, KeyCode::Char('F'));
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "view billing b");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.as_ref().map(|f| f.source.as_str()), Some("cat:billing"));

    // d in the menu deletes it, in the store.
    key(&mut app, KeyCode::Char('V'));
    key(&mut app, KeyCode::Char('d'));
    assert!(app.store().saved_views().expect("saved views").is_empty());
    assert!(matches!(app.mode, Mode::Normal), "the menu closes when empty");
    key(&mut app, KeyCode::Char('V'));
    assert!(matches!(app.mode, Mode::Normal));
    let message = app.message.as_ref().expect("a message").text.clone();
    assert!(message.contains(":save NAME"), "{message}");
}

#[test]
fn saving_without_a_filter_and_under_an_existing_name_replaces_it() {
    let (_dir, mut app) = demo();
    for (view_key, name) in [(None, "mine"), (Some(KeyCode::Tab), "MINE")] {
        if let Some(k) = view_key {
            key(&mut app, k);
        }
        key(&mut app, KeyCode::Char(':'));
        type_text(&mut app, &format!("save {name}"));
        key(&mut app, KeyCode::Enter);
    }
    let saved = app.store().saved_views().expect("saved views");
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!((saved[0].view.as_str(), saved[0].filter.as_str()), ("board", ""));
    assert!(app.message.as_ref().expect("message").text.contains("replaced"));
}
