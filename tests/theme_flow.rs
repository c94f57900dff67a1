//! Themes from the keyboard: `p` puts the selected item in a theme (new or
//! existing, undoable), and the themes view accepts, renames and dismisses
//! suggested themes computed from the background similarity index.

mod common;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::ItemId;
use loopboard::store::proposal_signature;
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn demo_app() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    (dir, app)
}

fn select(app: &mut App, id: i64) {
    for _ in 0..app.inbox.len() {
        if app.selected() == Some(ItemId(id)) {
            return;
        }
        key(app, KeyCode::Char('j'));
    }
    panic!("#{id} is not in the inbox");
}

/// Opens the themes view and waits (bounded) for its suggestions.
fn open_themes(app: &mut App) {
    while app.view != View::Themes {
        key(app, KeyCode::Tab);
    }
    for _ in 0..500 {
        app.poll_external();
        if app.themes.proposals.is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the similarity index never arrived");
}

#[test]
fn p_creates_a_theme_then_offers_it_and_undo_takes_the_item_out() {
    let (_d, mut app) = demo_app();
    select(&mut app, 132);
    key(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.mode, Mode::Pick(_)));
    typed(&mut app, "Usage export gap");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message);
    let theme = app.store().theme_of(ItemId(132)).expect("theme").expect("in a theme");
    assert_eq!(theme.name, "Usage export gap");
    assert_eq!(
        app.detail.as_ref().and_then(|d| d.theme.clone()).as_deref(),
        Some("Usage export gap"),
        "the detail pane shows the theme"
    );

    // Another item picks the existing theme by typing part of its name.
    select(&mut app, 108);
    key(&mut app, KeyCode::Char('p'));
    typed(&mut app, "usage");
    key(&mut app, KeyCode::Enter);
    let again = app.store().theme_of(ItemId(108)).expect("theme").expect("in a theme");
    assert_eq!(again.id, theme.id);
    assert_eq!(app.store().themes().expect("themes").len(), 1);

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store().theme_of(ItemId(108)).expect("theme"), None, "undo works");
    assert!(app.store().theme_of(ItemId(132)).expect("theme").is_some());
}

#[test]
fn the_themes_view_accepts_renames_and_dismisses_suggestions() {
    let (_d, mut app) = demo_app();
    open_themes(&mut app);
    let proposals = app.themes.proposals.clone().expect("suggestions");
    assert!(proposals.len() >= 3, "{proposals:?}");
    // The demo's untriaged invoice/usage-export reports land in one suggestion.
    let usage = loopboard::similar::eval::DEMO_PATTERNS[0].1;
    assert!(
        proposals
            .iter()
            .any(|p| p.proposal.members.iter().filter(|m| usage.contains(m)).count() >= 2),
        "{proposals:#?}"
    );
    assert!(app.themes.themes.is_empty());

    // The first suggestion: rename it, then accept it.
    let first = proposals[0].proposal.members.clone();
    key(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.mode, Mode::Prompt(_)));
    for _ in 0..80 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "Billing mismatch");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.themes.proposals.as_ref().expect("suggestions")[0].name,
        "Billing mismatch"
    );
    key(&mut app, KeyCode::Char('a'));
    let theme = app
        .store()
        .theme_of(ItemId(first[0]))
        .expect("theme")
        .expect("accepted");
    assert_eq!(theme.name, "Billing mismatch");
    for &m in &first {
        assert_eq!(
            app.store().theme_of(ItemId(m)).expect("theme").map(|t| t.id),
            Some(theme.id)
        );
    }
    assert_eq!(app.themes.themes.len(), 1, "the theme is listed");
    assert!(
        !app.themes
            .proposals
            .as_ref()
            .expect("suggestions")
            .iter()
            .any(|p| p.proposal.members == first),
        "an accepted suggestion is gone"
    );

    // Move to the first remaining suggestion and dismiss it.
    key(&mut app, KeyCode::Char('j'));
    let gone = app
        .themes
        .selected_proposal()
        .expect("a suggestion")
        .proposal
        .members
        .clone();
    key(&mut app, KeyCode::Char('x'));
    let sig = proposal_signature(&gone);
    assert!(app.store().dismissed_proposals().expect("dismissed").contains(&sig));
    let still = |app: &App| {
        app.themes
            .proposals
            .as_ref()
            .expect("suggestions")
            .iter()
            .any(|p| proposal_signature(&p.proposal.members) == sig)
    };
    assert!(!still(&app));
    // Leaving and coming back recomputes; it stays dismissed.
    key(&mut app, KeyCode::Tab);
    open_themes(&mut app);
    assert!(!still(&app));

    // Enter on the theme shows its items.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail));
    assert_eq!(app.themes.detail.as_ref().expect("detail").items.len(), first.len());
}
