//! App flow of the decision form in the decisions view: evidence ids checked
//! against the database, the revisit date (a date or `+14d`), and `s`
//! ("supersede this") opening the form linked to the selected decision. Each
//! save is one transaction; every refusal leaves the log as it was.

mod common;

use chrono::{Duration, NaiveDate};
use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::decisions_cmd::start_of;
use loopboard::domain::{DecisionKind, EvidenceRef, SubjectKind};
use loopboard::timefmt::Zone;
use loopboard::tui::app::{App, Mode, View};
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

fn on_decisions() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.zone = Zone::UTC;
    app.set_page_size(20, 5);
    while app.view != View::Decisions {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Char('G'));
    (dir, app)
}

/// Opens the form with `opener` (`n` or `s`) and picks `kind`.
fn open_form(app: &mut App, opener: char, kind: &str) {
    key(app, KeyCode::Char(opener));
    assert!(matches!(app.mode, Mode::Pick(_)), "the kind picker opens first");
    type_text(app, kind);
    key(app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::DecisionForm(_)), "then the form");
}

fn form_error(app: &App) -> String {
    match &app.mode {
        Mode::DecisionForm(f) => f.error.clone().unwrap_or_default(),
        _ => panic!("the form closed"),
    }
}

fn log_len(app: &App) -> usize {
    app.store().decision_log().expect("log").len()
}

#[test]
fn evidence_and_revisit_are_saved_with_the_decision() {
    let (_d, mut app) = on_decisions();
    let subject = app.decisions.selected_entry().expect("selected").decision.clone();
    let before = log_len(&app);
    open_form(&mut app, 'n', "note");
    type_text(&mut app, "Two more customers asked");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "item:3, 7, bet:2");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "+14d");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{}", form_error(&app));
    let log = app.store().decision_log().expect("log");
    assert_eq!(log.len(), before + 1);
    let e = log.last().expect("new");
    assert_eq!(
        (e.decision.kind, e.decision.subject, e.decision.subject_id),
        (DecisionKind::Note, subject.subject, subject.subject_id)
    );
    let refs = |kind, id| EvidenceRef { kind, id };
    assert_eq!(
        e.links
            .evidence
            .iter()
            .copied()
            .collect::<std::collections::HashSet<_>>(),
        [
            refs(SubjectKind::Item, 3),
            refs(SubjectKind::Item, 7),
            refs(SubjectKind::Bet, 2)
        ]
        .into_iter()
        .collect()
    );
    let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
    assert_eq!(e.links.revisit_by, Some(start_of(day, Zone::UTC).expect("start")));
    assert_eq!(e.links.supersedes, None);
    assert_eq!(
        app.decisions.selected_entry().expect("cursor").decision.id,
        e.decision.id,
        "the view reloaded and the cursor is on the new decision"
    );
}

#[test]
fn unknown_evidence_and_bad_dates_are_refused_in_the_form() {
    let (_d, mut app) = on_decisions();
    let before = log_len(&app);
    open_form(&mut app, 'n', "note");
    type_text(&mut app, "Because");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "item:3, item:99999");
    key(&mut app, KeyCode::Enter);
    let err = form_error(&app);
    assert!(err.contains("evidence") && err.contains("no item 99999"), "{err}");
    assert_eq!(log_len(&app), before, "nothing written");
    // Fix the evidence; a revisit date in the past is refused next.
    for _ in 0.."item:99999".len() {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Tab);
    let yesterday = (now() - Duration::days(1)).format("%Y-%m-%d").to_string();
    type_text(&mut app, &yesterday);
    key(&mut app, KeyCode::Enter);
    assert!(form_error(&app).contains("in the past"), "{}", form_error(&app));
    assert_eq!(log_len(&app), before);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(log_len(&app), before, "Esc writes nothing");
}

#[test]
fn s_supersedes_the_selected_decision() {
    let (_d, mut app) = on_decisions();
    let old = app.decisions.selected_entry().expect("selected").decision.clone();
    open_form(&mut app, 's', "revoke");
    type_text(&mut app, "We were wrong about this");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{}", form_error(&app));
    let log = app.store().decision_log().expect("log");
    let new = log.last().expect("new");
    assert_eq!(new.links.supersedes, Some(old.id));
    assert_eq!(
        (new.decision.subject, new.decision.subject_id),
        (old.subject, old.subject_id)
    );
    let old_now = log.iter().find(|e| e.decision.id == old.id).expect("old");
    assert_eq!(old_now.superseded_by, vec![new.decision.id]);

    // The old one is no longer in force: superseding it again is refused
    // with the decision to supersede instead.
    let before = log.len();
    let row = app
        .decisions
        .shown
        .iter()
        .position(|&i| app.decisions.log[i].decision.id == old.id);
    app.decisions.selected = app.decisions.due.len() + row.expect("shown");
    open_form(&mut app, 's', "note");
    type_text(&mut app, "again");
    key(&mut app, KeyCode::Enter);
    let err = form_error(&app);
    assert!(err.contains(&format!("supersede {} instead", new.decision.id)), "{err}");
    assert_eq!(log_len(&app), before);
}
