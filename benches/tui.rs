//! In-process TUI latency on a generated database (`loopboard::bench_data`):
//! start to first full frame of the inbox (open + `App::new` + one draw into a
//! `TestBackend`), navigation keystroke → frame, triage action (commit with
//! synchronous=FULL + reload + frame), and duplicate suggestions for the
//! selected item once the similarity index is built.
//!
//! ```sh
//! cargo bench --bench tui                                # 100k items
//! LOOPBOARD_BENCH_ITEMS=1000000 cargo bench --bench tui  # 1M items
//! cargo bench --bench tui -- --test                      # CI smoke: 2k items, each once
//! ```
//!
//! Criterion reports medians; the p50/p99 the goals are stated in come from
//! a separate run of single samples, printed first. Databases are generated
//! once into `target/bench-data/` and copied before anything writes to them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use loopboard::bench_data::{Spec, generate};
use loopboard::clock::Clock;
use loopboard::store::Store;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;

/// Smoke mode (`-- --test`): tiny data, few samples, no timing goals.
fn smoke() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn items() -> usize {
    if smoke() {
        return 2_000;
    }
    std::env::var("LOOPBOARD_BENCH_ITEMS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// The generated database for `n` items, made once and reused.
fn database(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let path = dir.join(format!("items-{n}-seed42.db"));
    let done = dir.join(format!("items-{n}-seed42.done"));
    if !done.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).expect("open the bench database");
        let started = Instant::now();
        generate(&mut store, Spec { items: n, seed: 42 }, chrono::Utc::now(), &mut |_| {}).expect("generate");
        eprintln!("generated {n} items in {:.1?}", started.elapsed());
        drop(store);
        std::fs::write(&done, b"").expect("mark the database complete");
    }
    path
}

/// A private copy of `path` for benchmarks that write.
fn copy(path: &Path, dir: &tempfile::TempDir) -> PathBuf {
    let to = dir.path().join("bench.db");
    std::fs::copy(path, &to).expect("copy the bench database");
    to
}

fn open_app(path: &Path) -> (App, Terminal<TestBackend>) {
    let store = Store::open(path).expect("open");
    let mut app = App::new(store, Clock::System, "bench".into(), Theme::plain()).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    loopboard::tui::draw(&mut terminal, &mut app).expect("draw");
    (app, terminal)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, c: char) {
    app.handle_key(key(c));
    loopboard::tui::draw(terminal, app).expect("draw");
    assert!(app.message.as_ref().is_none_or(|m| !m.error), "{:?}", app.message);
}

/// Waits (polling as the event loop does) until the similarity index is built.
fn wait_for_index(app: &mut App) -> Duration {
    let started = Instant::now();
    while !app.similarity_ready() {
        std::thread::sleep(Duration::from_millis(20));
        app.poll_external();
    }
    started.elapsed()
}

fn percentiles(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    eprintln!(
        "{label}: p50 {:.2?}, p95 {:.2?}, p99 {:.2?}, max {:.2?} ({} samples)",
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0),
        samples.len()
    );
}

/// Single-sample timings for the percentiles criterion does not give.
fn sampled(path: &Path, n: usize) {
    let rounds = if smoke() { 5 } else { 200 };
    let first: Vec<Duration> = (0..rounds.min(30))
        .map(|_| {
            let started = Instant::now();
            let app = open_app(path);
            let took = started.elapsed();
            drop(app);
            took
        })
        .collect();
    percentiles(&format!("[{n}] start → first frame"), first);
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, mut terminal) = open_app(&copy(path, &dir));
    let nav = |app: &mut App, terminal: &mut Terminal<TestBackend>, rounds: usize| -> Vec<Duration> {
        (0..rounds)
            .map(|i| {
                let started = Instant::now();
                press(app, terminal, if i % 40 < 20 { 'j' } else { 'k' });
                started.elapsed()
            })
            .collect()
    };
    percentiles(
        &format!("[{n}] navigation j/k → frame (index building)"),
        nav(&mut app, &mut terminal, rounds),
    );
    eprintln!("[{n}] similarity index ready after {:.1?}", wait_for_index(&mut app));
    percentiles(
        &format!("[{n}] navigation j/k → frame (index ready)"),
        nav(&mut app, &mut terminal, rounds),
    );
    let triage: Vec<Duration> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            press(&mut app, &mut terminal, '3');
            started.elapsed()
        })
        .collect();
    percentiles(&format!("[{n}] triage (S3: commit + reload + frame)"), triage);
}

fn benches(c: &mut Criterion) {
    let n = items();
    let path = database(n);
    sampled(&path, n);
    let mut group = c.benchmark_group(format!("tui {n} items"));
    group.sample_size(if smoke() { 10 } else { 30 });
    group.bench_function("start to first frame", |b| b.iter(|| open_app(&path)));
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, mut terminal) = open_app(&copy(&path, &dir));
    wait_for_index(&mut app);
    let mut i = 0;
    group.bench_function("navigation j/k + frame", |b| {
        b.iter(|| {
            i += 1;
            press(&mut app, &mut terminal, if i % 40 < 20 { 'j' } else { 'k' })
        })
    });
    group.bench_function("triage S3 + reload + frame", |b| {
        b.iter(|| press(&mut app, &mut terminal, '3'))
    });
    group.bench_function("duplicate suggestions for the selected item", |b| {
        b.iter(|| app.similar_to_selected())
    });
    group.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
