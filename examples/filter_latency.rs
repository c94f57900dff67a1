//! What the `f` filter costs at scale, on a generated database (make one with
//! `cargo run --release --example gen_db -- PATH 100k`): applying a filter
//! (fills the match table and reloads every list), moving through the
//! filtered inbox (j, page down, G), and the reload after a write, each
//! against the same thing without a filter; and the two store queries the
//! filter adds: filling the match table, and one window of 120 rows a
//! quarter of the way down the filtered inbox (beside the same unfiltered).
//!
//! Run: `cargo run --release --example filter_latency -- PATH [QUERY…]`

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use loopboard::clock::Clock;
use loopboard::store::{ListSource, Store};
use loopboard::tui::action::Action;
use loopboard::tui::app::App;
use loopboard::tui::theme::Theme;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, queries @ ..] = args.as_slice() else {
        bail!("usage: filter_latency PATH [QUERY…]");
    };
    let default = ["cat:billing", "sev:<=2 age:>7d", "tag:sso export", "sla:breached"].map(String::from);
    let queries = if queries.is_empty() { &default[..] } else { queries };
    let store = Store::open(path.as_ref()).with_context(|| format!("opening {path}"))?;
    let mut app = App::new(store, Clock::System, "bench".into(), Theme::plain())?;
    app.set_page_size(40, 5);
    println!(
        "{:<24} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "filter", "matches", "apply ms", "j p95 ms", "G ms", "reload ms", "table ms", "window ms"
    );
    row(&mut app, "(none)", None)?;
    for q in queries {
        let filter = loopboard::filter::parse(q).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
        row(&mut app, q, Some(filter))?;
    }
    Ok(())
}

fn row(app: &mut App, label: &str, filter: Option<loopboard::filter::Filter>) -> anyhow::Result<()> {
    let t = Instant::now();
    app.set_filter(filter)?;
    let apply = t.elapsed();
    let mut steps = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        app.update(if i % 10 == 9 { Action::PageDown } else { Action::Down })?;
        steps.push(t.elapsed());
    }
    steps.sort();
    let p95 = steps[steps.len() * 95 / 100];
    let t = Instant::now();
    app.update(Action::Bottom)?;
    let bottom = t.elapsed();
    let t = Instant::now();
    app.reload()?;
    let reload = t.elapsed();
    let matches = if app.filter.is_some() {
        app.filter_matches
    } else {
        app.counts.total
    };
    let (table, window) = store_costs(app, matches)?;
    println!(
        "{label:<24} {matches:>8} {:>9.1} {:>9.2} {:>9.1} {:>9.1} {:>9.1} {:>9.2}",
        ms(apply),
        ms(p95),
        ms(bottom),
        ms(reload),
        ms(table),
        ms(window)
    );
    Ok(())
}

/// The filter's own queries: filling the match table, and a window of 120
/// rows a quarter of the way down the (filtered) inbox.
fn store_costs(app: &App, matches: usize) -> anyhow::Result<(Duration, Duration)> {
    let store = app.store();
    let table = match &app.filter {
        Some(f) => {
            let t = Instant::now();
            store.apply_filter(f, &app.policy, app.now())?;
            t.elapsed()
        }
        None => Duration::ZERO,
    };
    let source = match app.filter {
        Some(_) => ListSource::FilteredInbox,
        None => ListSource::Inbox,
    };
    let t = Instant::now();
    std::hint::black_box(store.list_window(source, &[], matches / 4, 120)?);
    Ok((table, t.elapsed()))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
