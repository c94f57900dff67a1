//! The period report on the demo with a fixed clock: golden Markdown files
//! (insta), the figures behind them, and `loopboard report --out` writing a
//! private file.

mod common;

use chrono::Duration;
use common::{now, temp_store};
use loopboard::domain::{BetId, ItemId, NextStep, Outcome, Verdict};
use loopboard::report::{self, Period};
use loopboard::store::Store;

/// The demo, plus a recurring theme (three customers) and a bet verdict
/// inside the last week, so every section of the report has content.
fn demo() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    store
        .set_theme(
            &[ItemId(4), ItemId(16), ItemId(74), ItemId(3)],
            Some("Duplicate Stripe events"),
            now(),
        )
        .expect("theme");
    let verdict = Verdict {
        outcome: Outcome::Won,
        next: NextStep::Persevere,
        rationale: "Mapping errors fell to zero at Castellan".into(),
    };
    store
        .record_verdict(BetId(4), &verdict, "dana", now() - Duration::days(1))
        .expect("verdict");
    (dir, store)
}

fn week() -> Period {
    Period {
        since: now() - Duration::days(7),
        until: now(),
    }
}

#[test]
fn the_weekly_report_on_the_demo() {
    let (_d, store) = demo();
    let md = report::markdown(&store, week(), now()).expect("report");
    insta::assert_snapshot!("weekly_report", md);
}

#[test]
fn the_six_week_report_on_the_demo() {
    let (_d, store) = demo();
    let period = Period {
        since: now() - Duration::days(42),
        until: now(),
    };
    let md = report::markdown(&store, period, now()).expect("report");
    insta::assert_snapshot!("six_week_report", md);
}

#[test]
fn the_figures_agree_with_the_data() {
    let (_d, store) = demo();
    let input = report::load(&store, &Default::default(), now()).expect("load");
    let r = report::compute(&input, week());
    let created = input.items.iter().filter(|i| week().contains(i.created_at)).count();
    assert_eq!(r.headline.new_items, created);
    assert_eq!(r.by_category.iter().map(|c| c.1).sum::<usize>(), created);
    assert_eq!(r.by_severity.iter().map(|c| c.1).sum::<usize>(), created);
    assert_eq!(r.themes.len(), 1, "the recurring theme");
    assert_eq!(r.themes[0].customers, 3);
    assert_eq!(r.learning.1, 1, "one verdict in the week");
    assert!(
        r.decisions
            .iter()
            .any(|d| d.decision.rationale.starts_with("Mapping errors"))
    );
    // The previous period is the week before, of the same length.
    assert_eq!(r.period.previous().until, week().since);
}

#[test]
fn report_out_writes_a_private_file_and_says_where() {
    use clap::Parser;
    let (dir, store) = demo();
    let path = dir.path().join("week.md");
    let cli =
        loopboard::cli::Cli::try_parse_from(["loopboard", "report", "--week", "--out", path.to_str().expect("utf-8")])
            .expect("parse");
    let Some(loopboard::cli::Command::Report(args)) = cli.command else {
        panic!("not report")
    };
    let mut out = Vec::new();
    loopboard::report_cmd::report(&store, &args, &mut out, now(), loopboard::timefmt::Zone::UTC).expect("report");
    assert_eq!(
        String::from_utf8(out).expect("utf-8"),
        format!("wrote {}\n", path.display())
    );
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("# Feedback report: 2026-11-14 12:00 UTC to 2026-11-21 12:00 UTC"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
            0o600
        );
    }
    let both = loopboard::cli::Cli::try_parse_from(["loopboard", "report", "--week", "--since", "2026-11-01"]);
    assert!(both.is_err(), "--week and --since conflict");
}
