//! The duplicate-suggestion evaluation as a regression floor: reads
//! ../shared/eval/real-feedback (reworded real issues with confirmed
//! duplicate pairs), prints recall@1, recall@3 and shown-suggestion precision
//! for loopboard and for the plain TF-IDF baseline, and fails if loopboard
//! drops below the figures it reached (see BENCHMARKS.md). Passes with a
//! "skipped" note when the folder is absent (e.g. a clone without shared/).

use std::path::PathBuf;

use loopboard::similar::SHOW_THRESHOLD;
use loopboard::similar::eval::{self, EvalSet, Report};

/// Floors, slightly below the figures reached on the development split.
const FLOOR_RECALL_AT_3: f64 = 0.78;
const FLOOR_ISSUE_RECALL_AT_1: f64 = 0.80;
const FLOOR_ISSUE_RECALL_AT_3: f64 = 0.88;
const FLOOR_PRECISION: f64 = 0.80;

fn load() -> Option<EvalSet> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/real-feedback");
    if !dir.join("issues.json").exists() {
        println!("skipped: ../shared/eval/real-feedback not found");
        return None;
    }
    Some(eval::load(&dir).expect("the evaluation set parses"))
}

fn print(name: &str, r: &Report) {
    println!(
        "{name:<10} recall@1 {:.3} (ceiling {:.3}) recall@3 {:.3} | per issue @1 {:.3} @3 {:.3} | \
         shown precision {:.3} ({}/{})",
        r.recall_at_1,
        r.recall_at_1_ceiling,
        r.recall_at_3,
        r.issue_recall_at_1,
        r.issue_recall_at_3,
        r.precision(),
        r.shown_confirmed,
        r.shown
    );
}

#[test]
fn duplicate_suggestions_stay_above_the_floor() {
    let Some(set) = load() else { return };
    let baseline = eval::evaluate(&set, SHOW_THRESHOLD, eval::baseline_ranker(&set));
    let ours = eval::evaluate_index(&set);
    print("baseline", &baseline);
    print("loopboard", &ours);
    assert!(
        ours.recall_at_3 >= FLOOR_RECALL_AT_3,
        "recall@3 {:.3}",
        ours.recall_at_3
    );
    assert!(
        ours.issue_recall_at_1 >= FLOOR_ISSUE_RECALL_AT_1,
        "per-issue recall@1 {:.3}",
        ours.issue_recall_at_1
    );
    assert!(
        ours.issue_recall_at_3 >= FLOOR_ISSUE_RECALL_AT_3,
        "per-issue recall@3 {:.3}",
        ours.issue_recall_at_3
    );
    assert!(
        ours.precision() >= FLOOR_PRECISION,
        "shown precision {:.3}",
        ours.precision()
    );
    assert!(
        ours.recall_at_1 > baseline.recall_at_1,
        "no better than plain TF-IDF at recall@1"
    );
}

#[test]
fn every_pair_member_is_a_query() {
    let Some(set) = load() else { return };
    let r = eval::evaluate_index(&set);
    assert_eq!(r.rows.len(), 2 * set.pairs.len());
}
