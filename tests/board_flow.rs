//! Board and batch flows through the app: column moves with the domain's
//! refusals, marks with a confirmation, and undo from the keyboard.

mod common;

use common::{item, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{Severity, Status};
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn chars(app: &mut App, keys: &str) {
    keys.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

/// Three triaged items and two new ones, on the board view.
fn board() -> (tempfile::TempDir, App, Vec<loopboard::domain::ItemId>) {
    let (dir, mut store) = temp_store();
    let ids: Vec<_> = (0..5)
        .map(|i| store.add_item(&item(&format!("card {i}"), i), now()).expect("add").id)
        .collect();
    store.set_severity(&ids[..3], Severity::S2, now()).expect("triage");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::Board);
    (dir, app, ids)
}

fn status(app: &App, id: loopboard::domain::ItemId) -> Status {
    app.store().get_item(id).expect("item").status
}

#[test]
fn l_moves_a_card_right_and_the_focus_follows_it() {
    let (_d, mut app, _) = board();
    let id = app.selected().expect("a card in Triaged");
    chars(&mut app, "L");
    assert_eq!(status(&app, id), Status::Accepted);
    assert_eq!(
        (app.board.focus, app.selected()),
        (1, Some(id)),
        "focus followed the card"
    );
    chars(&mut app, "LL");
    assert_eq!(status(&app, id), Status::Waiting);
    chars(&mut app, "L");
    assert_eq!(status(&app, id), Status::Resolved);
    chars(&mut app, "L");
    assert!(app.message.as_ref().is_some_and(|m| m.text.contains("last column")));
}

#[test]
fn a_refused_move_says_why_and_changes_nothing() {
    let (_d, mut app, _) = board();
    let id = app.selected().expect("card");
    chars(&mut app, "LLLL"); // to Resolved
    assert_eq!(status(&app, id), Status::Resolved);
    chars(&mut app, "H"); // Resolved -> Waiting is not a legal move
    let message = app.message.clone().expect("a message");
    assert!(message.error && message.text.contains("resolved"), "{message:?}");
    assert_eq!(status(&app, id), Status::Resolved);
}

#[test]
fn h_and_l_move_the_focus_between_columns() {
    let (_d, mut app, _) = board();
    chars(&mut app, "h");
    assert_eq!(app.board.focus, 0, "stops at the first column");
    chars(&mut app, "lll");
    assert_eq!(app.board.focus, 3);
    assert_eq!(app.selected(), None, "the Waiting column is empty");
}

#[test]
fn marked_cards_move_together_after_a_confirmation() {
    let (_d, mut app, ids) = board();
    chars(&mut app, "  "); // mark two cards (Space marks and moves down)
    assert_eq!(app.marks.len(), 2);
    chars(&mut app, "L");
    assert!(matches!(app.mode, Mode::Confirm(_)), "a batch asks first");
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        ids[..3]
            .iter()
            .filter(|id| status(&app, **id) == Status::Accepted)
            .count(),
        0,
        "cancel changes nothing"
    );
    chars(&mut app, "Ly");
    assert_eq!(
        ids[..3]
            .iter()
            .filter(|id| status(&app, **id) == Status::Accepted)
            .count(),
        2
    );
    assert!(app.marks.is_empty(), "marks clear after the batch");
    chars(&mut app, "u");
    assert_eq!(
        ids[..3]
            .iter()
            .filter(|id| status(&app, **id) == Status::Accepted)
            .count(),
        0,
        "one undo for the batch"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(
        ids[..3]
            .iter()
            .filter(|id| status(&app, **id) == Status::Accepted)
            .count(),
        2,
        "redo"
    );
}

#[test]
fn batch_decline_asks_one_reason_for_all() {
    let (_d, mut app, ids) = board();
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.view, View::Inbox);
    chars(&mut app, "   "); // three marks
    chars(&mut app, "x");
    chars(&mut app, "Not for now");
    key(&mut app, KeyCode::Enter);
    let declined = ids.iter().filter(|id| status(&app, **id) == Status::Declined).count();
    assert_eq!(declined, 3);
    assert_eq!(
        app.store().list_decisions().expect("log").len(),
        3,
        "one decline decision per item"
    );
}

#[test]
fn owner_picker_takes_a_new_name_then_offers_it_and_clears() {
    let (_d, mut app, _) = board();
    let id = app.selected().expect("card");
    chars(&mut app, "odana");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.store().get_item(id).expect("item").owner.as_deref(), Some("dana"));
    // Next time "dana" is offered first, "— none —" after it.
    chars(&mut app, "o");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.store().get_item(id).expect("item").owner, None);
    chars(&mut app, "o");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal), "Esc closes the picker");
}

#[test]
fn category_and_tag_pickers_change_the_marked_items_in_one_undoable_step() {
    let (_d, mut app, ids) = board();
    chars(&mut app, "  "); // mark two cards
    chars(&mut app, "cBilling");
    key(&mut app, KeyCode::Enter);
    let cats: Vec<_> = ids[..3]
        .iter()
        .filter_map(|id| app.store().get_item(*id).expect("item").category)
        .collect();
    assert_eq!(cats, vec!["billing", "billing"]);
    chars(&mut app, "tSSO");
    key(&mut app, KeyCode::Enter);
    let tagged = ids
        .iter()
        .filter(|id| app.store().get_item(**id).expect("item").tags == ["sso"])
        .count();
    assert_eq!(
        tagged, 1,
        "the tag went to the selected card (marks were used up by the category)"
    );
    // t on the same card with the same tag removes it.
    chars(&mut app, "tsso");
    key(&mut app, KeyCode::Enter);
    assert!(
        ids.iter()
            .all(|id| app.store().get_item(*id).expect("item").tags.is_empty())
    );
    chars(&mut app, "uu");
    let tagged = ids
        .iter()
        .filter(|id| app.store().get_item(**id).expect("item").tags == ["sso"])
        .count();
    assert_eq!(tagged, 0, "two undos: the removal, then the addition");
    chars(&mut app, "u");
    assert!(
        ids.iter()
            .all(|id| app.store().get_item(*id).expect("item").category.is_none()),
        "one undo for the batch"
    );
}

#[test]
fn enter_opens_the_card_and_esc_closes_it() {
    let (_d, mut app, _) = board();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}
