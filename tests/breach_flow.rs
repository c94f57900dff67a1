//! The kept breach set: after an action the app re-judges only the items it
//! touched, and the header count and pinned rows must still be exactly what
//! a whole pass gives (a second app opened on the same file judges every
//! clock at start). Another session's commit and the tick run the whole
//! pass (a stale pass: unit tests in `refresh/breaches.rs`); the board,
//! skipped while hidden, is reloaded when it is shown again.

mod common;

use chrono::Duration;
use common::{item, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{ItemId, Severity, Status};
use loopboard::store::{ListSource, Store};
use loopboard::tui::action::Action;
use loopboard::tui::app::{App, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open_app(store: Store) -> App {
    let mut app = App::new(store, Clock::Fixed(now()), "t".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    app
}

/// #0 #1 S1 triaged 5 days ago (breached: target 3 days), #2 S3 triaged 10
/// days ago (on track: 6 weeks), #3 S2 triaged 20 days ago (breached: 2
/// weeks), #4 #5 new.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, App, Vec<ItemId>) {
    let (dir, mut store) = temp_store();
    let ids: Vec<_> = (0..6)
        .map(|i| store.add_item(&item(&format!("i{i}"), 600), now()).expect("add").id)
        .collect();
    let rate = |store: &mut Store, ids: &[ItemId], sev, days| {
        store
            .set_severity(ids, sev, now() - Duration::days(days))
            .expect("rate");
    };
    rate(&mut store, &ids[..2], Severity::S1, 5);
    rate(&mut store, &ids[2..3], Severity::S3, 10);
    rate(&mut store, &ids[3..4], Severity::S2, 20);
    let path = store.path().to_path_buf();
    (dir, path, open_app(store), ids)
}

/// What a whole pass gives now: a fresh app on the same file.
fn whole_pass(path: &std::path::Path) -> (usize, Vec<ItemId>) {
    let fresh = open_app(Store::open(path).expect("open"));
    (fresh.breached_urgent, fresh.inbox.pinned_ids().to_vec())
}

fn kept(app: &App) -> (usize, Vec<ItemId>) {
    (app.breached_urgent, app.inbox.pinned_ids().to_vec())
}

fn select(app: &mut App, id: ItemId) {
    app.update(Action::Top).expect("top");
    while app.selected() != Some(id) {
        let before = app.inbox.selected();
        app.update(Action::Down).expect("down");
        assert_ne!(app.inbox.selected(), before, "{id} is not in the inbox");
    }
}

#[test]
fn triaging_into_and_out_of_breach_matches_a_whole_pass_without_running_one() {
    let (_dir, path, mut app, ids) = setup();
    assert_eq!(kept(&app), (3, vec![ids[3], ids[0], ids[1]]), "most overdue first");
    let whole = app.breach_passes().whole;

    // Into breach: the S3 item re-rated S1 keeps its triage time, 10 days ago.
    select(&mut app, ids[2]);
    app.update(Action::SetSeverity(Severity::S1)).expect("s1");
    assert_eq!(kept(&app), whole_pass(&path));
    assert!(app.inbox.pinned_ids().contains(&ids[2]));

    // Out of breach: a breached S1 re-rated S3, and the S2 declined off the inbox.
    select(&mut app, ids[0]);
    app.update(Action::SetSeverity(Severity::S3)).expect("s3");
    assert_eq!(kept(&app), whole_pass(&path));
    assert!(!app.inbox.pinned_ids().contains(&ids[0]));
    select(&mut app, ids[3]);
    app.update(Action::Decline).expect("decline");
    for c in "not ours".chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.store().get_item(ids[3]).expect("item").status, Status::Declined);
    assert_eq!(kept(&app), whole_pass(&path));
    assert_eq!(kept(&app), (2, vec![ids[2], ids[1]]), "#2 is 7 days over, #1 2 days");

    // A new item rated S1 now is not breached.
    select(&mut app, ids[4]);
    app.update(Action::SetSeverity(Severity::S1)).expect("new s1");
    assert_eq!(kept(&app), whole_pass(&path));
    // Undoing the last three actions brings #3 and #0 back into breach.
    for _ in 0..3 {
        app.update(Action::Undo).expect("undo");
        assert_eq!(kept(&app), whole_pass(&path));
    }
    assert_eq!(kept(&app), (4, vec![ids[2], ids[3], ids[0], ids[1]]));

    let passes = app.breach_passes();
    assert_eq!(passes.whole, whole, "no whole pass for this connection's own actions");
    assert!(passes.incremental >= 4, "{passes:?}");
}

#[test]
fn another_sessions_commit_and_the_tick_run_the_whole_pass() {
    let (_dir, path, mut app, ids) = setup();
    let whole = app.breach_passes().whole;
    // Another process rates a new item S1 as of a week ago: only a whole
    // pass can know, since this connection touched nothing.
    let mut other = Store::open(&path).expect("other");
    other
        .set_severity(&ids[4..5], Severity::S1, now() - Duration::days(7))
        .expect("rate");
    app.poll_external();
    assert_eq!(app.breach_passes().whole, whole + 1);
    assert!(app.inbox.pinned_ids().contains(&ids[4]));
    assert_eq!(kept(&app), whole_pass(&path));
    // Nothing changed since: polling again runs no pass at all.
    app.poll_external();
    assert_eq!(app.breach_passes().whole, whole + 1);
    app.tick();
    assert_eq!(
        app.breach_passes().whole,
        whole + 2,
        "time passing re-judges every clock"
    );
    assert_eq!(kept(&app), whole_pass(&path));
}

#[test]
fn the_board_skipped_while_hidden_is_current_when_shown() {
    let (_dir, _path, mut app, ids) = setup();
    select(&mut app, ids[5]);
    app.update(Action::SetSeverity(Severity::S4)).expect("s4");
    app.update(Action::ShowView(View::Board)).expect("board");
    let column = &app.board.columns[0];
    let shown: Vec<ItemId> = column.visible().iter().map(|r| r.id).collect();
    assert!(shown.contains(&ids[5]), "the item triaged in the inbox is on the board");
    let triaged = app
        .store()
        .list_count(ListSource::Column(Status::Triaged), &[])
        .expect("count");
    assert_eq!(column.len(), triaged);
}
