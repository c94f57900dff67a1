//! The dashboard's figures on the demo agree with the data and with the
//! report: every recent item counted once, the last breach sample equals
//! the open breaches now, compliance within its bounds.

mod common;

use common::{now, temp_store};
use loopboard::dashboard::{WEEKS, compute};
use loopboard::sla::Policy;
use loopboard::store::ItemFilter;

#[test]
fn the_dashboard_agrees_with_the_data_and_the_report() {
    let (_d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let items = store.list_items(&ItemFilter::default()).expect("items");
    let clocks = store.rows_with_severity().expect("clocks");
    let d = compute(&items, &clocks, &Policy::default(), now());
    assert_eq!(d.intake.len(), WEEKS);
    let recent = items
        .iter()
        .filter(|i| i.created_at >= now() - chrono::Duration::weeks(WEEKS as i64))
        .count();
    assert_eq!(
        d.intake.iter().flatten().sum::<u64>() as usize,
        recent,
        "each recent item once"
    );
    assert!(d.intake.iter().all(|w| w.len() == d.categories.len()));
    assert_eq!(
        d.categories.last().map(String::as_str),
        Some("other"),
        "{:?}",
        d.categories
    );

    let input = loopboard::report::load(&store, &Policy::default(), now()).expect("load");
    let period = loopboard::report::Period {
        since: now() - chrono::Duration::days(7),
        until: now(),
    };
    let report = loopboard::report::compute(&input, period);
    assert_eq!(
        d.breaches.last().copied(),
        Some(report.breaches.len() as u64),
        "now = the report's open breaches"
    );
    assert!(
        d.breaches[0] <= d.breaches[WEEKS - 1],
        "breaches pile up over the demo's six weeks"
    );
    let (hit, of) = d.within_target;
    assert!(of > 0 && hit <= of);
}
