//! App-flow tests of the guided weekly review (`R`): walking every step with
//! `]`, what each step visits, and what finishing leaves behind (a review row
//! and a private summary file beside the database); Esc records nothing.

mod common;

use std::collections::BTreeSet;

use common::{now, temp_store};
use loopboard::clock::Clock;
use loopboard::store::ItemFilter;
use loopboard::tui::app::{App, View};
use loopboard::tui::review::Target;
use loopboard::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app_with_demo() -> (tempfile::TempDir, App) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let mut app = App::new(store, Clock::Fixed(now()), "tester".into(), Theme::plain()).expect("app");
    app.set_page_size(20, 5);
    (dir, app)
}

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// Whether the object `target` is the one selected in the current view.
fn is_selected(app: &App, target: Target) -> bool {
    match target {
        Target::Item(id) => app.selected() == Some(id),
        Target::Theme(id) => app.themes.selected_theme().map(|t| t.theme.id) == Some(id),
        Target::Bet(id) => app.bets.selected_bet().map(|r| r.bet.id) == Some(id),
        Target::Decision(id) => app.decisions.selected_entry().map(|e| e.decision.id) == Some(id),
    }
}

#[test]
fn walking_every_step_records_the_review_and_writes_the_summary() {
    let (dir, mut app) = app_with_demo();
    assert!(app.store().last_review().expect("reviews").is_none());
    key(&mut app, 'R');
    let review = app.review.clone().expect("R starts a review");
    assert_eq!(review.steps.len(), 5);
    // No review before: the first one covers the last seven days.
    assert_eq!(review.since, now() - chrono::Duration::days(7));
    let expected_new = app
        .store()
        .list_items(&ItemFilter::default())
        .expect("items")
        .iter()
        .filter(|i| i.created_at >= review.since)
        .count();
    assert!(expected_new > 0, "the demo has items from the last week");
    assert_eq!(review.steps[0].targets.len(), expected_new);

    let mut visited = 0;
    let mut steps_seen = BTreeSet::new();
    for _ in 0..10_000 {
        let Some(r) = app.review.clone() else { break };
        steps_seen.insert(r.step);
        let step = &r.steps[r.step];
        if let Some(&target) = step.targets.get(r.index) {
            // The demo does not change during the walk, so each object is found
            // and selected in its step's own view (new items may be on the board).
            assert!(
                is_selected(&app, target),
                "step {} item {}: {target:?}",
                r.step,
                r.index
            );
            assert!(app.view == step.view || app.view == View::Board, "{:?}", app.view);
            visited += 1;
        }
        key(&mut app, ']');
    }
    assert!(app.review.is_none(), "] past the last object finishes");
    assert_eq!(steps_seen, (0..5).collect());
    assert_eq!(visited, review.steps.iter().map(|s| s.targets.len()).sum::<usize>());

    let row = app.store().last_review().expect("reviews").expect("a review row");
    assert_eq!((row.at, row.since, row.by.as_str()), (now(), review.since, "tester"));
    let path = std::path::PathBuf::from(row.path.expect("the summary path"));
    assert_eq!(path.parent(), Some(dir.path()), "written next to the database");
    let written = std::fs::read_to_string(&path).expect("summary file");
    assert_eq!(written, row.summary);
    assert!(written.starts_with('#'), "Markdown: {written:.80}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let message = app.message.clone().expect("a status line");
    assert!(
        !message.error && message.text.contains(&path.display().to_string()),
        "{message:?}"
    );

    // The next review starts where this one ended: nothing is new since.
    key(&mut app, 'R');
    let next = app.review.clone().expect("a second review");
    assert_eq!(next.since, now());
    assert!(next.steps[0].targets.is_empty());
}

#[test]
fn esc_leaves_the_review_without_recording() {
    let (_dir, mut app) = app_with_demo();
    key(&mut app, 'R');
    key(&mut app, ']');
    key(&mut app, '[');
    assert_eq!(app.review.as_ref().map(|r| (r.step, r.index)), Some((0, 0)));
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.review.is_none());
    assert!(app.store().last_review().expect("reviews").is_none());
    assert!(
        std::fs::read_dir(app.store().path().parent().expect("dir"))
            .expect("dir")
            .all(|e| !e.expect("entry").file_name().to_string_lossy().starts_with("review-"))
    );
}

#[test]
fn the_bets_step_lists_open_bets_missing_owner_metric_or_deadline() {
    let (_dir, mut app) = app_with_demo();
    key(&mut app, 'R');
    let review = app.review.clone().expect("review");
    let listed = &review.steps[3].targets;
    for row in &app.bets.rows {
        let b = &row.bet;
        let wanting = b.closed_at.is_none()
            && (b.owner.is_none() || b.metric.is_none() || b.deadline.is_none() || b.is_past_deadline(now()));
        assert_eq!(listed.contains(&Target::Bet(b.id)), wanting, "{}", b.title);
    }
    for target in &review.steps[4].targets {
        let Target::Decision(id) = target else {
            panic!("{target:?}")
        };
        let entry = app
            .decisions
            .log
            .iter()
            .find(|e| e.decision.id == *id)
            .expect("in the log");
        assert!(entry.due_for_revisit(now()), "{id}");
    }
}
