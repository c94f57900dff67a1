//! The TUI's `i`: a path prompt with Tab completion, the import on its own
//! thread, and what the inbox shows afterwards (suggested severities, `y`).

mod common;

use common::{fixture, now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::Status;
use loopboard::store::Store;
use loopboard::tui::app::{App, Mode};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

fn prompt_text(app: &App) -> String {
    match &app.mode {
        Mode::Prompt(p) => p.input.lines().join(""),
        _ => panic!("no prompt open"),
    }
}

#[test]
fn i_imports_a_file_in_the_background_and_the_inbox_shows_it() {
    let (_dir, store) = temp_store();
    let mut app = app(store);
    key(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &fixture("zendesk-tickets.json").display().to_string());
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.mode, Mode::Normal),
        "the prompt closes while the import runs"
    );
    app.finish_import();
    let message = app.message.as_ref().expect("a summary");
    assert!(!message.error, "{}", message.text);
    assert!(
        message
            .text
            .starts_with("imported 4 new, 0 already present from zendesk-tickets.json"),
        "{}",
        message.text
    );
    assert_eq!(app.counts.total, 4);
    assert_eq!(app.inbox.len(), 4, "the inbox reloaded");
}

#[test]
fn y_confirms_the_severity_the_source_suggested() {
    let (_dir, mut store) = temp_store();
    common::import_path(&mut store, &fixture("zendesk-tickets.json"), None).expect("import");
    let mut app = app(store);
    let row = app.inbox.selected_row().expect("a row").clone();
    let suggested = row.suggested.expect("zendesk priorities become suggestions");
    assert_eq!(row.severity, None);
    key(&mut app, KeyCode::Char('y'));
    let item = app.store().get_item(row.id).expect("item");
    assert_eq!((item.severity, item.status), (Some(suggested), Status::Triaged));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.store().get_item(row.id).expect("item").severity,
        None,
        "undoable like a typed severity"
    );
}

#[test]
fn a_bad_file_is_refused_whole_and_the_error_names_the_line() {
    let (_dir, store) = temp_store();
    let mut app = app(store);
    key(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &fixture("hostile.csv").display().to_string());
    key(&mut app, KeyCode::Enter);
    app.finish_import();
    let message = app.message.as_ref().expect("an error");
    assert!(message.error, "{}", message.text);
    assert!(message.text.contains("hostile.csv:5"), "{}", message.text);
    assert!(message.text.contains("nothing was written"), "{}", message.text);
    assert_eq!(app.store().inbox_counts().expect("counts").total, 0);
}

#[test]
fn a_missing_file_is_told_inside_the_prompt_which_stays_open() {
    let (dir, store) = temp_store();
    let mut app = app(store);
    key(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &dir.path().join("nope.csv").display().to_string());
    key(&mut app, KeyCode::Enter);
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("the prompt stays open")
    };
    let error = prompt.error.as_deref().expect("an error inside the prompt");
    assert!(error.contains("nope.csv"), "{error}");
}

#[test]
fn tab_completes_the_path() {
    let (dir, store) = temp_store();
    std::fs::write(dir.path().join("tickets-october.json"), "[]").expect("write");
    let mut app = app(store);
    key(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &format!("{}/tick", dir.path().display()));
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        prompt_text(&app),
        format!("{}/tickets-october.json", dir.path().display())
    );
}
