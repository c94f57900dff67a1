//! Duplicate suggestions and theme proposals on the demo data, whose
//! recurring patterns are documented by item id (`eval::DEMO_PATTERNS`):
//! each pattern member's top three suggestions should mostly come from its
//! own pattern, and clustering should recover most patterns.

use loopboard::similar::eval::{self, DEMO_PATTERNS};
use loopboard::similar::{ClusterOptions, Index, ThemeProposal, propose_themes};

fn demo_index() -> (Index, Vec<i64>) {
    let docs = eval::demo_docs().expect("the demo parses");
    (Index::build(&docs), docs.iter().map(|d| d.id).collect())
}

fn demo_proposals() -> Vec<ThemeProposal> {
    let (index, ids) = demo_index();
    propose_themes(&index, &ids, &ClusterOptions::default())
}

#[test]
fn top_three_suggestions_come_from_the_same_pattern() {
    let r = eval::evaluate_demo(&demo_index().0);
    let share = r.top3_same as f64 / r.top3_slots as f64;
    println!(
        "demo: {}/{} top-3 suggestions of pattern members are from the same pattern ({share:.3})",
        r.top3_same, r.top3_slots
    );
    println!(
        "demo: first suggestion from the same pattern {}/{} (shown: {})",
        r.first_same, r.members, r.first_shown
    );
    assert!(share >= 0.80, "only {share:.3} of top-3 suggestions share the pattern");
    assert!(r.first_same + 3 >= r.members, "{r:?}");
}

#[test]
fn suggestions_explain_themselves_with_shared_words() {
    let (index, _) = demo_index();
    let first = &index.suggest(7, 1)[0];
    assert!(
        first.why.iter().any(|w| w.contains("usage") || w.contains("invoice")),
        "{first:?}"
    );
}

#[test]
fn clustering_recovers_most_patterns() {
    let (recovered, lines) = eval::demo_clusters(&demo_proposals());
    for line in &lines {
        println!("demo cluster {line}");
    }
    println!(
        "demo: {recovered}/{} patterns recovered by clustering",
        DEMO_PATTERNS.len()
    );
    assert!(recovered >= 5, "only {recovered} patterns recovered");
}

#[test]
fn invoice_and_usage_export_reports_land_in_one_proposal() {
    let proposals = demo_proposals();
    let home = proposals
        .iter()
        .find(|p| p.members.contains(&7))
        .expect("#7 is proposed");
    let usage = DEMO_PATTERNS[0].1;
    let together = home.members.iter().filter(|m| usage.contains(m)).count();
    assert!(together >= 4, "{home:?}");
    assert!(home.name.contains("usage") && home.name.contains("invoice"), "{home:?}");
}
