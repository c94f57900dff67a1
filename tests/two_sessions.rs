//! Two sessions on one database file: each notices the other's commits
//! (PRAGMA data_version) and keeps its selection on the same item.

mod common;

use common::{item, now};
use loopboard::clock::Clock;
use loopboard::domain::Severity;
use loopboard::store::Store;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;

fn open(path: &std::path::Path) -> App {
    let store = Store::open(path).expect("open");
    let mut app = App::new(store, Clock::Fixed(now()), "t".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    app
}

#[test]
fn a_commit_in_one_session_shows_in_the_other_with_the_selection_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.db");
    {
        let mut store = Store::open(&path).expect("seed");
        for i in 0..10 {
            store.add_item(&item(&format!("item {i}"), i), now()).expect("add");
        }
    }
    let mut alice = open(&path);
    let mut bob = open(&path);
    // Bob looks at the fourth item.
    for _ in 0..3 {
        bob.update(loopboard::tui::action::Action::Down).expect("down");
    }
    let watched = bob.selected().expect("selected");
    bob.poll_external();
    assert!(bob.message.is_none(), "nothing changed yet, nothing reloaded");

    // Alice triages the first item: it moves below the new ones in the
    // inbox order, shifting Bob's item up one row.
    let first = alice.selected().expect("selected");
    alice
        .update(loopboard::tui::action::Action::SetSeverity(Severity::S2))
        .expect("triage");
    bob.poll_external();
    assert_eq!(bob.selected(), Some(watched), "the selection stayed on the same item");
    assert_eq!(bob.counts.new, 9, "bob sees alice's triage");
    let triaged = bob.store().get_item(first).expect("item");
    assert_eq!(triaged.severity, Some(Severity::S2));
    assert!(bob.message.as_ref().is_some_and(|m| m.text.contains("another session")));
}
