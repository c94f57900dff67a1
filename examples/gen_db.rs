//! Writes a realistic generated database for benchmarks (see
//! `loopboard::bench_data`): `cargo run --release --example gen_db -- PATH N [SEED]`.
//! N accepts `10k`, `100k`, `1M`. The same seed gives the same database; an
//! existing database gets only what it does not hold yet.

use std::time::Instant;

use anyhow::{Context, bail};
use loopboard::bench_data::{Spec, generate};
use loopboard::store::Store;

fn count(arg: &str) -> anyhow::Result<usize> {
    let lower = arg.to_lowercase();
    let (digits, scale) = match lower.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => match lower.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (lower.as_str(), 1),
        },
    };
    let n: usize = digits
        .parse()
        .with_context(|| format!("item count {arg:?}: expected e.g. 10000, 100k or 1M"))?;
    Ok(n * scale)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, n, rest @ ..] = args.as_slice() else {
        bail!("usage: gen_db PATH N [SEED]   (N like 10k, 100k, 1M)");
    };
    let seed = match rest.first() {
        Some(s) => s
            .parse()
            .with_context(|| format!("seed {s:?}: expected a whole number"))?,
        None => 42,
    };
    let spec = Spec { items: count(n)?, seed };
    let mut store = Store::open(path.as_ref()).with_context(|| format!("opening {path}"))?;
    let started = Instant::now();
    let summary = generate(&mut store, spec, chrono::Utc::now(), &mut |done| {
        eprintln!("{done} items written ({:.1?})", started.elapsed());
    })?;
    println!(
        "{path}: {} items new ({} present), {} decisions, {} hypotheses, {} bets in {:.1?}",
        summary.items_new,
        summary.items_present,
        summary.decisions_new,
        summary.hypotheses_new,
        summary.bets_new,
        started.elapsed()
    );
    Ok(())
}
