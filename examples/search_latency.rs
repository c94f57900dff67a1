//! Keystroke → results latency of the `/` search engine at 10k, 100k and 1M
//! synthetic documents: types queries one character at a time (plus a
//! Backspace and a retype), timing each `Engine::search` call, and prints
//! the median, 95th percentile and worst per size.
//!
//! The "worker" columns time the same keystrokes as the `/` overlay sees
//! them: from the key to the results of that query being on hand, with the
//! engine on its worker thread (`tui::search::SearchView`).
//!
//! For comparison up to 100k, the same keystrokes as one full
//! SkimMatcherV2 pass over every document (what the engine avoids).
//!
//! Run: `cargo run --release --example search_latency [SIZES…]`
//! (`PER_KEY=1` also prints each keystroke's time on stderr; `NO_SKIM=1`
//! leaves out the slow full-pass comparison).

use std::time::Instant;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use loopboard::search::{Doc, Engine, Kind};
use loopboard::tui::search::SearchView;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const WORDS: &[&str] = &[
    "invoice",
    "totals",
    "export",
    "csv",
    "login",
    "sso",
    "okta",
    "redirect",
    "slow",
    "dashboard",
    "report",
    "billing",
    "webhook",
    "timeout",
    "mobile",
    "android",
    "crash",
    "sync",
    "calendar",
    "permissions",
    "admin",
    "seat",
    "pricing",
    "api",
    "rate",
    "limit",
    "search",
    "filter",
    "tags",
    "import",
    "jira",
    "slack",
    "email",
    "digest",
    "dark",
    "mode",
];
const CUSTOMERS: &[&str] = &[
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka",
];

/// A deterministic pseudo-random document: a 6-word title and a 30-word
/// body, like a short piece of feedback.
fn doc(i: usize) -> Doc {
    let mut x = (i as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut word = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        WORDS[(x % WORDS.len() as u64) as usize]
    };
    let title: Vec<&str> = (0..6).map(|_| word()).collect();
    let body: Vec<&str> = (0..30).map(|_| word()).collect();
    let title = title.join(" ");
    let text = format!(
        "{title} · {} · #{} · {}",
        CUSTOMERS[i % CUSTOMERS.len()],
        word(),
        body.join(" ")
    );
    Doc {
        kind: Kind::Item,
        id: i as i64,
        label: title,
        text,
    }
}

/// Each query typed a key at a time; `<` is Backspace.
const SESSIONS: &[&str] = &[
    "invoice totals",
    "oktaredir",
    "csv exprt<<ort",
    "acme webhook",
    "zzq",
    "dash<<<<sso",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect::<Vec<_>>();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    println!(
        "| documents | keystrokes | median ms | p95 ms | worst ms | worker median ms | worker p95 ms | index build s | full skim pass p95 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    // PER_KEY=1 prints every keystroke's time (stderr), to see which cost.
    let per_key = std::env::var_os("PER_KEY").is_some();
    for n in sizes {
        let built = Instant::now();
        let docs: Vec<Doc> = (0..n).map(doc).collect();
        let naive = if n <= 100_000 && std::env::var_os("NO_SKIM").is_none() {
            format!("{:.1}", naive_p95(&docs))
        } else {
            "—".to_string()
        };
        let mut engine = Engine::new(docs);
        let build = built.elapsed().as_secs_f64();
        let mut times = Vec::new();
        for session in SESSIONS {
            let mut query = String::new();
            for c in session.chars() {
                if c == '<' {
                    query.pop();
                } else {
                    query.push(c);
                }
                let t = Instant::now();
                let hits = engine.search(&query, 12);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                if per_key {
                    eprintln!("{n} {query:?}: {:.2} ms, {} hits", times[times.len() - 1], hits.len());
                }
                std::hint::black_box(hits);
            }
            engine.search("", 12);
        }
        times.sort_by(f64::total_cmp);
        let worker = worker_times(engine);
        println!(
            "| {n} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {build:.2} | {naive} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times[times.len() - 1],
            percentile(&worker, 0.5),
            percentile(&worker, 0.95),
        );
    }
}

/// Keystroke → results of that query on hand, through the overlay and its
/// worker thread, for every keystroke of the sessions (sorted).
fn worker_times(engine: Engine) -> Vec<f64> {
    let mut view = SearchView::with_engine(engine);
    view.settle(std::time::Duration::from_secs(60));
    let mut times = Vec::new();
    for session in SESSIONS {
        for c in session.chars() {
            let code = if c == '<' { KeyCode::Backspace } else { KeyCode::Char(c) };
            let t = Instant::now();
            view.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            view.settle(std::time::Duration::from_secs(60));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            if std::env::var_os("PER_KEY").is_some() {
                eprintln!("worker {:?}: {:.2} ms", view.query, times[times.len() - 1]);
            }
            std::hint::black_box(&view.results);
        }
        while !view.query.is_empty() {
            view.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        view.settle(std::time::Duration::from_secs(60));
    }
    times.sort_by(f64::total_cmp);
    times
}

/// p95 of one full SkimMatcherV2 pass per keystroke, over the same sessions.
fn naive_p95(docs: &[Doc]) -> f64 {
    let matcher = SkimMatcherV2::default();
    let mut times = Vec::new();
    for session in SESSIONS {
        let mut query = String::new();
        for c in session.chars() {
            if c == '<' {
                query.pop();
            } else {
                query.push(c);
            }
            let t = Instant::now();
            let n = docs
                .iter()
                .filter(|d| matcher.fuzzy_match(&d.text, &query).is_some())
                .count();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(n);
        }
    }
    times.sort_by(f64::total_cmp);
    percentile(&times, 0.95)
}
