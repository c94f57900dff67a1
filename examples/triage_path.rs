//! Where a triage keystroke's time goes at scale: the whole key → frame
//! (commit with synchronous=FULL + reload + draw), and apart from it the
//! commit alone, a reload alone and a frame alone, each as p50/p99 over the
//! same database copy. Also how many whole and incremental breach passes
//! ran, so a regression to judging every clock per key shows. Keys start
//! once the similarity index is built (the steady state).
//!
//! ```sh
//! cargo run --release --example gen_db -- /tmp/b100k.db 100k
//! cargo run --release --example triage_path -- /tmp/b100k.db [KEYS]
//! ```

use std::time::{Duration, Instant};

use loopboard::clock::Clock;
use loopboard::domain::Severity;
use loopboard::store::Store;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: triage_path DB [KEYS]")?;
    let keys: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("t.db");
    std::fs::copy(&db, &copy)?;
    let store = Store::open(&copy)?;
    let mut app = App::new(store, Clock::System, "bench".into(), Theme::plain())?;
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    loopboard::tui::draw(&mut terminal, &mut app)?;
    // The similarity index builds on a thread for ~20 s at 100k; measuring
    // during that measures the contention for the two cores, not the key.
    let started = Instant::now();
    while !app.similarity_ready() {
        std::thread::sleep(Duration::from_millis(20));
        app.poll_external();
    }
    println!("index ready after {:.1?}", started.elapsed());
    // As in the event loop: suggestions wait for a quiet moment.
    app.defer_suggestions(true);
    let before = app.breach_passes();
    let mut key = Vec::new();
    for i in 0..keys {
        // Alternating severities, so every key is a real change.
        let c = if i % 2 == 0 { '3' } else { '4' };
        let started = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        loopboard::tui::draw(&mut terminal, &mut app)?;
        key.push(started.elapsed());
        app.settle_detail();
    }
    let after = app.breach_passes();
    let mut top = key.clone();
    top.sort();
    println!("  slowest: {:.1?}", &top[top.len().saturating_sub(6)..]);
    report("triage key → frame", key);
    println!(
        "  breach passes during the keys: {} whole, {} incremental",
        after.whole - before.whole,
        after.incremental - before.incremental
    );
    let mut reload = Vec::new();
    let mut draw = Vec::new();
    for _ in 0..keys {
        let started = Instant::now();
        app.reload()?;
        reload.push(started.elapsed());
        let started = Instant::now();
        loopboard::tui::draw(&mut terminal, &mut app)?;
        draw.push(started.elapsed());
    }
    report("reload alone (nothing changed)", reload);
    report("frame alone", draw);
    let id = app.selected().ok_or("nothing selected")?;
    let mut commit = Vec::new();
    let mut store = Store::open(&copy)?;
    for i in 0..keys {
        let sev = if i % 2 == 0 { Severity::S3 } else { Severity::S4 };
        let started = Instant::now();
        store.set_severity(&[id], sev, chrono::Utc::now())?;
        commit.push(started.elapsed());
    }
    report("commit alone (set_severity, synchronous=FULL)", commit);
    Ok(())
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: p50 {:.2?}, p99 {:.2?}, max {:.2?} ({} samples)",
        at(0.5),
        at(0.99),
        at(1.0),
        samples.len()
    );
}
