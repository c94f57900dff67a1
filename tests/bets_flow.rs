//! The bets view through the app: `+` on an input commits it, re-ranks, and
//! the cursor follows the bet; focus mode walks the ranking; the verdict
//! flow records a decision; presenter mode hides customer names.

mod common;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{BetId, BetStatus, DecisionKind, SubjectKind};
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn chars(app: &mut App, keys: &str) {
    keys.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

fn bets_view() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    while app.view != View::Bets {
        key(&mut app, KeyCode::Tab);
    }
    (dir, app)
}

fn select(app: &mut App, id: BetId) {
    chars(app, "kkkkkkkkkk");
    for _ in 0..app.bets.rows.len() {
        if app.bets.selected_bet().map(|r| r.bet.id) == Some(id) {
            return;
        }
        chars(app, "j");
    }
    panic!("bet {id} not in the list");
}

fn rank(app: &App) -> Option<usize> {
    app.bets.selected_bet().and_then(|r| r.rank)
}

#[test]
fn raising_confidence_moves_the_bet_up_and_the_cursor_follows_it() {
    let (_d, mut app) = bets_view();
    let id = BetId(2); // Resumable migration hook: 70% confidence
    select(&mut app, id);
    let before = rank(&app).expect("ranked");
    key(&mut app, KeyCode::Right); // reach → impact
    key(&mut app, KeyCode::Right); // → confidence
    assert_eq!(app.bets.input().key(), "confidence");
    chars(&mut app, "+++");
    assert_eq!(
        app.bets.selected_bet().map(|r| r.bet.id),
        Some(id),
        "the cursor followed the bet"
    );
    let after = rank(&app).expect("ranked");
    assert!(after < before, "rank {before} -> {after}");
    let stored = app.store().get_bet(id).expect("bet").inputs.confidence;
    assert_eq!(stored, Some(100.0), "committed, clamped at the top of the scale");
    chars(&mut app, "u");
    assert_eq!(
        app.store().get_bet(id).expect("bet").inputs.confidence,
        Some(90.0),
        "one step undone"
    );
}

#[test]
fn focus_mode_walks_the_ranking_with_j_and_k() {
    let (_d, mut app) = bets_view();
    chars(&mut app, "kkkkkkkk");
    key(&mut app, KeyCode::Enter);
    let first = app.bets.selected_bet().map(|r| r.bet.id);
    assert!(
        app.bets.focus.as_ref().is_some_and(|f| !f.evidence.is_empty()),
        "evidence chain loaded"
    );
    chars(&mut app, "J");
    assert_ne!(app.bets.selected_bet().map(|r| r.bet.id), first);
    assert!(app.bets.focus.is_some(), "still in focus mode");
    key(&mut app, KeyCode::Esc);
    assert!(app.bets.focus.is_none());
}

#[test]
fn a_verdict_takes_outcome_next_step_and_rationale() {
    let (_d, mut app) = bets_view();
    select(&mut app, BetId(4));
    chars(&mut app, "v");
    assert!(matches!(app.mode, Mode::Pick(_)));
    key(&mut app, KeyCode::Enter); // won (first)
    assert!(matches!(app.mode, Mode::Pick(_)), "then the next step");
    key(&mut app, KeyCode::Enter); // persevere (first)
    assert!(matches!(app.mode, Mode::Prompt(_)), "then the rationale");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Prompt(_)), "a rationale is required");
    chars(&mut app, "All three go-lives unblocked");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.store().get_bet(BetId(4)).expect("bet").status, BetStatus::Won);
    let decisions = app.store().decisions_about(SubjectKind::Bet, 4).expect("decisions");
    assert_eq!(decisions.last().map(|d| d.kind), Some(DecisionKind::Persevere));
}

#[test]
fn presenter_mode_toggles() {
    let (_d, mut app) = bets_view();
    chars(&mut app, "P");
    assert!(app.bets.presenter);
    chars(&mut app, "P");
    assert!(!app.bets.presenter);
}

#[test]
fn n_adds_a_bet_from_the_form_and_h_gives_it_a_hypothesis() {
    let (_d, mut app) = bets_view();
    let before = app.bets.rows.len();
    chars(&mut app, "n");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::BetForm(_)), "a title is required");
    chars(&mut app, "Self-serve SSO setup");
    key(&mut app, KeyCode::Tab);
    chars(&mut app, "dana");
    key(&mut app, KeyCode::Tab);
    chars(&mut app, "SSO tickets -30%");
    key(&mut app, KeyCode::Tab);
    chars(&mut app, "2026-12-40");
    key(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::BetForm(f) => assert!(
            f.error.as_deref().is_some_and(|e| e.contains("deadline")),
            "{:?}",
            f.error
        ),
        _ => panic!("a bad date keeps the form open"),
    }
    for _ in 0..2 {
        key(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, "15");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.bets.rows.len(), before + 1);
    let bet = app.bets.selected_bet().expect("the new bet is selected").bet.clone();
    assert_eq!(
        (bet.title.as_str(), bet.owner.as_deref()),
        ("Self-serve SSO setup", Some("dana"))
    );
    assert!(bet.deadline.is_some());
    chars(&mut app, "h");
    chars(
        &mut app,
        "We believe self-serve SSO for startups will cut onboarding time",
    );
    key(&mut app, KeyCode::Enter);
    let linked = app
        .store()
        .get_bet(bet.id)
        .expect("bet")
        .hypothesis
        .expect("a hypothesis");
    let h = app.store().get_hypothesis(linked).expect("hypothesis");
    assert!(h.statement.starts_with("We believe self-serve SSO"));
}

#[test]
fn h_in_the_inbox_makes_a_hypothesis_from_the_marked_items() {
    let (_d, mut app) = bets_view();
    while app.view != View::Inbox {
        key(&mut app, KeyCode::Tab);
    }
    chars(&mut app, "  "); // mark two items
    chars(&mut app, "h");
    chars(&mut app, "We believe keyboard shortcuts help power users");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message);
    let newest = app
        .store()
        .list_hypotheses()
        .expect("list")
        .into_iter()
        .max_by_key(|h| h.id.0)
        .expect("one");
    assert_eq!(newest.evidence.len(), 2);
}

#[test]
fn h_on_a_theme_makes_a_hypothesis_with_its_items_as_evidence() {
    let (_d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let ids: Vec<_> = [1, 6, 36].into_iter().map(loopboard::domain::ItemId).collect();
    store.set_theme(&ids, Some("Helm upgrades"), now()).expect("theme");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    while app.view != View::Themes {
        key(&mut app, KeyCode::Tab);
    }
    chars(&mut app, "h");
    chars(&mut app, "We believe resumable migrations end failed upgrades");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message);
    let newest = app
        .store()
        .list_hypotheses()
        .expect("list")
        .into_iter()
        .max_by_key(|h| h.id.0)
        .expect("one");
    assert_eq!(newest.evidence, ids);
}
