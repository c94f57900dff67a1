//! Keystroke → results latency of the `/` search engine at 10k, 100k and 1M
//! synthetic documents: types queries one character at a time (plus a
//! Backspace and a retype), timing each `Engine::search` call, and prints
//! the median, 95th percentile and worst per size.
//!
//! For comparison up to 100k, the same keystrokes as one full
//! SkimMatcherV2 pass over every document (what the engine avoids).
//!
//! Run: `cargo run --release --example search_latency [SIZES…]`

use std::time::Instant;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use loopboard::search::{Doc, Engine, Kind};

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
    println!("| documents | keystrokes | median ms | p95 ms | worst ms | index build s | full skim pass p95 ms |");
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        let built = Instant::now();
        let docs: Vec<Doc> = (0..n).map(doc).collect();
        let naive = if n <= 100_000 {
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
                std::hint::black_box(hits);
            }
            engine.search("", 12);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {n} | {} | {:.2} | {:.2} | {:.2} | {build:.2} | {naive} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times[times.len() - 1],
        );
    }
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
