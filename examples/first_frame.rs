//! Opens a database and draws the first inbox frame into a `TestBackend`,
//! ROUNDS times, printing each time: a small target for `perf record` when
//! looking for what the first frame costs (`benches/tui.rs` has the figures).
//!
//! ```sh
//! cargo run --release --example first_frame -- DB [ROUNDS]
//! ```
//!
//! Each round prints where its time went: opening the store, `App::new` (the
//! first load), and the first draw (which loads windows of the real page size).

use std::time::Instant;

use loopboard::clock::Clock;
use loopboard::store::Store;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: first_frame DB [ROUNDS]")?;
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    // NO_SPANS=1 leaves out the call-by-call timings (for `perf record`).
    if std::env::var_os("NO_SPANS").is_none() {
        spans(&db)?;
    }
    for _ in 0..rounds {
        let started = Instant::now();
        let store = Store::open(std::path::Path::new(&db))?;
        let opened = started.elapsed();
        let mut app = App::new(store, Clock::System, "bench".into(), Theme::plain())?;
        let loaded = started.elapsed();
        let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
        loopboard::tui::draw(&mut terminal, &mut app)?;
        let drawn = started.elapsed();
        println!(
            "first frame {drawn:.1?} (open {opened:.1?}, App::new {:.1?}, draw {:.1?})",
            loaded - opened,
            drawn - loaded
        );
    }
    if std::env::var_os("INTERACT").is_some() {
        interact(&db)?;
    }
    Ok(())
}

/// Navigation and triage keystroke → frame on a copy of the database, with
/// the similarity index ready when `WAIT_INDEX` is set.
fn interact(db: &str) -> Result<(), Box<dyn std::error::Error>> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("i.db");
    std::fs::copy(db, &copy)?;
    let store = Store::open(&copy)?;
    let mut app = App::new(store, Clock::System, "bench".into(), Theme::plain())?;
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    loopboard::tui::draw(&mut terminal, &mut app)?;
    if std::env::var_os("WAIT_INDEX").is_some() {
        let started = Instant::now();
        while !app.similarity_ready() {
            std::thread::sleep(std::time::Duration::from_millis(20));
            app.poll_external();
        }
        println!("index ready after {:.1?}", started.elapsed());
    }
    // As in the event loop: the detail pane's suggestions are looked up
    // after the keystroke's frame, when no key is waiting (timed apart).
    app.defer_suggestions(true);
    let mut settled = Vec::new();
    let mut press = |c: char| -> Result<std::time::Duration, Box<dyn std::error::Error>> {
        let started = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        loopboard::tui::draw(&mut terminal, &mut app)?;
        let frame = started.elapsed();
        let quiet = Instant::now();
        if app.settle_detail() {
            loopboard::tui::draw(&mut terminal, &mut app)?;
            settled.push(quiet.elapsed());
        }
        Ok(frame)
    };
    let nav = (0..200)
        .map(|i| press(if i % 40 < 20 { 'j' } else { 'k' }))
        .collect::<Result<Vec<_>, _>>()?;
    report("navigation j/k → frame", nav);
    let triage = (0..100).map(|_| press('3')).collect::<Result<Vec<_>, _>>()?;
    report("triage S3 → frame", triage);
    if !settled.is_empty() {
        report("then suggestions → second frame", settled);
    }
    Ok(())
}

fn report(label: &str, mut samples: Vec<std::time::Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

/// Times the store calls a reload makes, one at a time.
fn spans(db: &str) -> Result<(), Box<dyn std::error::Error>> {
    use loopboard::store::ListSource;
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("s.db");
    std::fs::copy(db, &copy)?;
    let mut store = Store::open(&copy)?;
    let now = chrono::Utc::now();
    let policy = loopboard::sla::Policy::default();
    let t = |label: &str, started: Instant| println!("  {label}: {:.2?}", started.elapsed());
    let s = Instant::now();
    store.wake_snoozed(now)?;
    t("wake_snoozed", s);
    let s = Instant::now();
    store.inbox_counts()?;
    t("inbox_counts", s);
    let s = Instant::now();
    let inputs = store.clock_inputs(&policy, now)?;
    t(&format!("clock_inputs ({})", inputs.len()), s);
    let s = Instant::now();
    let urgent = store.urgent_clock_inputs(&policy, now)?;
    t(&format!("urgent_clock_inputs ({})", urgent.len()), s);
    let s = Instant::now();
    let breached = urgent
        .iter()
        .filter(|(_, clock)| loopboard::sla::evaluate(&policy, clock, now).is_breached())
        .count();
    t(&format!("evaluate urgent ({breached} breached)"), s);
    let s = Instant::now();
    store.list_count(ListSource::Inbox, &[])?;
    t("list_count inbox", s);
    let s = Instant::now();
    let rows = store.list_window(ListSource::Inbox, &[], 0, 100)?;
    t("list_window inbox", s);
    for status in loopboard::tui::board::COLUMNS {
        let s = Instant::now();
        store.list_count(ListSource::Column(status), &[])?;
        store.list_window(ListSource::Column(status), &[], 0, 30)?;
        t(&format!("column {status:?}"), s);
    }
    let s = Instant::now();
    let log = store.decision_log()?;
    t(&format!("decision_log ({})", log.len()), s);
    if let Some(row) = rows.first() {
        let s = Instant::now();
        store.get_item(row.id)?;
        store.decisions_about(loopboard::domain::SubjectKind::Item, row.id.0)?;
        store.duplicates_of(row.id)?;
        store.duplicate_of(row.id)?;
        store.theme_of(row.id)?;
        t("detail", s);
        for _ in 0..3 {
            let s = Instant::now();
            store.set_severity(&[row.id], loopboard::domain::Severity::S3, now)?;
            t("set_severity (commit, synchronous=FULL)", s);
        }
    }
    Ok(())
}
