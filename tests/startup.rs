//! Start-up (issue 9): nothing competes with the first frame, and the app is
//! still complete once the work that waited for it has settled.

mod common;

use std::path::Path;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::ItemId;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo_app() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    (dir, app)
}

#[test]
fn the_similarity_index_waits_for_the_first_frame_then_fills_the_detail_pane() {
    let (_dir, mut app) = demo_app();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    loopboard::tui::draw(&mut terminal, &mut app).expect("first frame");
    assert!(
        !app.similarity_started(),
        "no build thread competes with the first frame"
    );
    assert!(app.detail.as_ref().is_some_and(|d| d.similar.is_empty()));

    // #132 is one of the demo's invoice/usage-export reports (see tests/patterns.rs).
    for _ in 0..app.inbox.len() {
        if app.selected() == Some(ItemId(132)) {
            break;
        }
        app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    }
    assert_eq!(app.selected(), Some(ItemId(132)));
    // What the event loop does after the first draw.
    app.start_background();
    assert!(app.similarity_started());
    for _ in 0..1000 {
        app.poll_external();
        if app.similarity_ready() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(app.similarity_ready(), "the index arrived");
    // On arrival the detail pane is reloaded with the index's suggestions.
    let shown = &app.detail.as_ref().expect("detail").similar;
    let fresh = app.similar_to_selected().expect("suggestions");
    assert!(!shown.is_empty(), "the selected item's duplicates are suggested");
    let ids = |s: &[(loopboard::similar::Suggestion, String)]| s.iter().map(|(s, _)| s.id).collect::<Vec<_>>();
    assert_eq!(ids(shown), ids(&fresh));
}

#[test]
fn polling_starts_the_build_for_an_app_driven_without_the_event_loop() {
    let (_dir, mut app) = demo_app();
    assert!(!app.similarity_started());
    app.poll_external();
    assert!(app.similarity_started());
}

#[test]
fn a_config_that_changes_the_sla_policy_reloads_the_pinned_breaches() {
    let configured = |text: &str| {
        let (dir, mut app) = demo_app();
        app.set_page_size(20, 5);
        let loaded = loopboard::config::parse(Path::new("config.toml"), text).expect("config");
        app.configure(&loaded).expect("configure");
        (dir, app.breached_urgent)
    };
    let (_d1, default) = configured("");
    let (_d2, theme_only) = configured("theme = \"light\"\n");
    let (_d3, tight) = configured(
        "[severity.s1]\ndefinition = \"fire\"\nack = \"10m\"\nresolve = \"1h\"\n\
         [severity.s2]\ndefinition = \"smoke\"\nack = \"10m\"\nresolve = \"1h\"\n",
    );
    assert_eq!(
        theme_only, default,
        "a config that leaves the policy alone changes no list"
    );
    assert!(
        tight > default,
        "tighter targets pin more breaches: {tight} vs {default}"
    );
}
