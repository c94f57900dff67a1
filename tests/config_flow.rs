//! The config file in a running app: key rows run their actions, the help
//! and footer show the effective keys, the SLA policy and the user name
//! reach what the app does, and a conflicting row refuses to start.

mod common;

use std::path::Path;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::tui::app::{App, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn configured(text: &str) -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    let loaded = loopboard::config::parse(Path::new("config.toml"), text).expect("config");
    app.configure(&loaded).expect("configure");
    (dir, app)
}

#[test]
fn a_key_row_switches_views_and_shows_in_the_help() {
    let (_dir, mut app) =
        configured(r#"keys = [{ on = ["g", "b"], run = "view board", desc = "Board" }, { on = ["U"], run = "undo" }]"#);
    typed(&mut app, "gb");
    assert_eq!(app.view, View::Board);
    typed(&mut app, "gb");
    assert_eq!(app.view, View::Board, "running it again stays");
    let hints = app.keymap.hints(app.context());
    assert!(hints.iter().any(|(k, h)| *h == "undo" && k.contains('U')), "{hints:?}");
}

#[test]
fn the_user_name_policy_and_theme_come_from_the_config() {
    let (_dir, app) = configured(
        "theme = \"light\"\n[user]\nname = \"dana\"\n[severity.s1]\ndefinition = \"fire\"\nack = \"1h\"\nresolve = \"1d\"\n",
    );
    assert_eq!(app.user(), "dana");
    assert_eq!(
        app.policy.targets(loopboard::domain::Severity::S1).ack(),
        chrono::Duration::hours(1)
    );
    // NO_COLOR is not set in tests unless the environment sets it.
    if std::env::var_os("NO_COLOR").is_none() {
        assert_eq!(app.theme, Theme::light());
    }
    assert_eq!(app.settings.definitions[0], "fire");
}

#[test]
fn a_conflicting_key_row_is_refused_and_changes_nothing() {
    let (_dir, mut app) = configured("");
    let loaded =
        loopboard::config::parse(Path::new("c.toml"), "keys = [{ on = [\"g\"], run = \"help\" }]").expect("parses");
    let err = app.configure(&loaded).expect_err("conflict");
    assert!(err.to_string().starts_with("c.toml:1:"), "{err}");
    typed(&mut app, "gg");
    assert_eq!(app.view, View::Inbox);
}
