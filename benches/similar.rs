//! Duplicate-suggestion speed: one query against 10k and 100k generated
//! documents, inserting one document into a 100k index, and building the
//! index (its time and resident memory for 100k are printed once).
//!
//! ```sh
//! cargo bench --bench similar
//! ```

use chrono::{Duration, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;

use loopboard::similar::{Doc, Index};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Zipf-like pick in 0..n: a few words are very common, most are rare,
    /// as in real text.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ter", "van", "dus", "pre", "sol", "ny", "bex", "qua", "rim", "tho", "gal", "fen", "zu", "cor",
    "lim", "pat", "sen", "dra", "vo", "hil", "mek",
];

fn vocabulary(n: usize) -> Vec<String> {
    let s = SYLLABLES.len();
    (0..n)
        .map(|i| {
            format!(
                "{}{}{}",
                SYLLABLES[i % s],
                SYLLABLES[(i / s) % s],
                SYLLABLES[(i / s / s) % s]
            )
        })
        .collect()
}

fn sentence(rng: &mut Rng, words: &[String], len: usize) -> String {
    (0..len)
        .map(|_| words[rng.zipf(words.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `n` documents: 6–11-word titles, 30–70-word bodies, 12 customers,
/// 6 categories, spread over a year.
fn docs(n: usize) -> Vec<Doc> {
    let words = vocabulary(8_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid");
    (0..n as i64)
        .map(|id| {
            let title_len = 6 + (rng.next() % 6) as usize;
            let body_len = 30 + (rng.next() % 41) as usize;
            Doc {
                id,
                title: sentence(&mut rng, &words, title_len),
                body: sentence(&mut rng, &words, body_len),
                customer: Some(format!("customer {}", rng.next() % 12)),
                category: Some(format!("category {}", rng.next() % 6)),
                tags: Vec::new(),
                created_at: start + Duration::minutes((rng.next() % 525_600) as i64),
            }
        })
        .collect()
}

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CI's smoke mode (`-- --test`): tiny sizes, so the bench only has to run.
fn sizes() -> &'static [usize] {
    if std::env::args().any(|a| a == "--test") {
        &[2_000]
    } else {
        &[10_000, 100_000]
    }
}

fn bench_suggest(c: &mut Criterion) {
    for &n in sizes() {
        let docs = docs(n);
        let before = resident_kib();
        let started = Instant::now();
        let index = Index::build(&docs);
        let built = started.elapsed();
        let grown = resident_kib().zip(before).map(|(a, b)| a.saturating_sub(b) / 1024);
        let queries = Instant::now();
        for q in 0..100 {
            black_box(index.suggest(q * 97 % n as i64, 5));
        }
        let per_query = queries.elapsed() / 100;
        eprintln!(
            "index of {n} docs: built in {built:.2?}, resident memory +{grown:?} MiB, ~{per_query:.2?} per query"
        );
        let mut id = 0;
        c.bench_function(&format!("suggest top 5 among {n}"), |b| {
            b.iter(|| {
                id = (id + 7919) % n as i64;
                black_box(index.suggest(id, 5))
            })
        });
        if n == 100_000 {
            let extra = docs[42].clone();
            let mut index = index;
            c.bench_function("insert one doc into 100000", |b| {
                b.iter_batched(
                    || Doc {
                        id: n as i64 + 1,
                        ..extra.clone()
                    },
                    |d| index.insert(black_box(&d)),
                    BatchSize::SmallInput,
                )
            });
        }
    }
}

fn bench_build(c: &mut Criterion) {
    let docs = docs(sizes()[0]);
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function(format!("index {} docs", docs.len()), |b| {
        b.iter(|| black_box(Index::build(&docs)))
    });
    group.finish();
}

criterion_group!(benches, bench_suggest, bench_build);
criterion_main!(benches);
