//! App flow in the decisions view: Tab reaches it, `n` records a decision by
//! hand (kind picker, then a required rationale) in one transaction, Esc
//! cancels without writing, Enter opens the evidence chain.

mod common;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::domain::{DecisionKind, SubjectKind};
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
    app.set_page_size(20, 5);
    while app.view != View::Decisions {
        key(&mut app, KeyCode::Tab);
    }
    (dir, app)
}

#[test]
fn n_records_a_decision_on_the_selected_subject_and_requires_a_rationale() {
    let (_d, mut app) = on_decisions();
    key(&mut app, KeyCode::Char('G'));
    let subject = app.decisions.selected_entry().expect("selected").decision.clone();
    let before = app.store().decision_log().expect("log").len();
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.mode, Mode::Pick(_)), "the kind picker opens");
    type_text(&mut app, "persev");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Prompt(_)), "then the rationale prompt");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Prompt(_)), "an empty rationale is refused");
    assert_eq!(app.store().decision_log().expect("log").len(), before);
    type_text(&mut app, "Pilot numbers hold up");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let log = app.store().decision_log().expect("log");
    assert_eq!(log.len(), before + 1);
    let d = &log.last().expect("new").decision;
    assert_eq!(
        (d.kind, d.subject, d.subject_id),
        (DecisionKind::Persevere, subject.subject, subject.subject_id)
    );
    assert_eq!(
        (d.rationale.as_str(), d.decided_by.as_str()),
        ("Pilot numbers hold up", "tester")
    );
    assert_eq!(
        app.decisions.log.len(),
        before + 1,
        "the view was reloaded from the store"
    );
}

#[test]
fn esc_cancels_a_decision_and_writes_nothing() {
    let (_d, mut app) = on_decisions();
    let before = app.store().decision_log().expect("log").len();
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "note");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "half a thought");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.store().decision_log().expect("log").len(), before);
}

#[test]
fn enter_shows_the_chain_and_due_decisions_lead_the_list() {
    use loopboard::domain::{DecisionLinks, NewDecision};
    let (_d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let new = NewDecision {
        kind: DecisionKind::Snooze,
        subject: SubjectKind::Bet,
        subject_id: 5,
        rationale: "Look again after the pilot".into(),
        decided_by: "dana".into(),
    };
    let links = DecisionLinks {
        revisit_by: Some(now() - chrono::Duration::hours(1)),
        ..DecisionLinks::default()
    };
    let id = store
        .record_decision(&new, &links, now() - chrono::Duration::days(2))
        .expect("record");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    while app.view != View::Decisions {
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.decisions.due.len(), 1);
    assert_eq!(
        app.decisions.selected_entry().expect("first row").decision.id,
        id,
        "due rows come first"
    );
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Detail));
    let detail = app.decisions.detail.as_ref().expect("chain");
    assert!(detail.subject.starts_with("bet 5: "), "{}", detail.subject);
    assert_eq!(detail.chain.len(), 1);
}

#[test]
fn slash_filters_by_kind_subject_and_person_and_esc_clears() {
    let (_d, mut app) = on_decisions();
    let all = app.decisions.log.len();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "decline DANA");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let shown: Vec<_> = app
        .decisions
        .shown
        .iter()
        .map(|&i| &app.decisions.log[i].decision)
        .collect();
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(
        shown
            .iter()
            .all(|d| d.kind == DecisionKind::Decline && d.decided_by == "dana")
    );
    let expected = app
        .decisions
        .log
        .iter()
        .filter(|e| e.decision.kind == DecisionKind::Decline && e.decision.decided_by == "dana")
        .count();
    assert_eq!(shown.len(), expected);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bet");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.decisions
            .shown
            .iter()
            .all(|&i| app.decisions.log[i].decision.subject == SubjectKind::Bet)
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.decisions.shown.len(), all, "Esc clears the filter");
}
