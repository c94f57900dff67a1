//! Prints the duplicate-suggestion evaluation for humans: the per-pair table
//! and the figures, for the engine and for the plain TF-IDF baseline.
//!
//! ```sh
//! cargo run --release --example eval_similar [-- DIR]              # default ../shared/eval/real-feedback
//! cargo run --release --example eval_similar -- --ablation [DIR]   # each signal switched off in turn
//! cargo run --release --example eval_similar -- --thresholds [DIR] # precision by display threshold
//! cargo run --release --example eval_similar -- --clusters         # demo patterns recovered by clustering
//! ```

use std::path::PathBuf;

use loopboard::similar::eval::{self, DemoReport, EvalSet, Report};
use loopboard::similar::{ClusterOptions, Index, propose_themes};
use loopboard::similar::{Params, SHOW_THRESHOLD};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ablation = args.iter().any(|a| a == "--ablation");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/real-feedback"));
    let set = eval::load(&dir)?;
    if ablation {
        ablate(&set);
        return Ok(());
    }
    if args.iter().any(|a| a == "--clusters") {
        clusters()?;
        return Ok(());
    }
    if args.iter().any(|a| a == "--thresholds") {
        sweep(&set)?;
        return Ok(());
    }
    let baseline = eval::evaluate(&set, SHOW_THRESHOLD, eval::baseline_ranker(&set));
    let engine = eval::evaluate_index(&set);
    print_rows(&set, &engine);
    println!();
    println!(
        "{} issues, {} confirmed pairs, display threshold {SHOW_THRESHOLD}",
        set.docs.len(),
        set.pairs.len()
    );
    summary("plain TF-IDF baseline", &baseline);
    summary("loopboard", &engine);
    demo_summary(&eval::evaluate_demo(&Index::build(&eval::demo_docs()?)));
    Ok(())
}

fn print_rows(set: &EvalSet, report: &Report) {
    println!("{:<28} {:<28} {:>4}  TOP 3 (score)", "QUERY", "PARTNER", "RANK");
    for row in &report.rows {
        let top: Vec<String> = row
            .top
            .iter()
            .take(3)
            .map(|(id, s)| format!("{} ({s:.2})", short(set, *id)))
            .collect();
        let rank = row.rank.map_or("-".to_string(), |r| r.to_string());
        println!(
            "{:<28} {:<28} {rank:>4}  {}",
            short(set, row.query),
            short(set, row.partner),
            top.join(", ")
        );
    }
}

/// "metabase#4936" from the issue's URL.
fn short(set: &EvalSet, id: i64) -> String {
    let url = &set.urls[id as usize];
    let mut parts = url.rsplit('/');
    let number = parts.next().unwrap_or("?");
    let _ = parts.next();
    let repo = parts.next().unwrap_or("?");
    format!("{repo}#{number}")
}

fn summary(name: &str, r: &Report) {
    println!(
        "{name:<22} recall@1 {:.3} (ceiling {:.3})  recall@3 {:.3}  | per issue: @1 {:.3} @3 {:.3}  | \
         shown precision {:.3} ({}/{}), all issues {:.3} ({}/{})",
        r.recall_at_1,
        r.recall_at_1_ceiling,
        r.recall_at_3,
        r.issue_recall_at_1,
        r.issue_recall_at_3,
        r.precision(),
        r.shown_confirmed,
        r.shown,
        r.precision_all(),
        r.shown_all_confirmed,
        r.shown_all
    );
}

/// Each signal switched off in turn, against the defaults.
fn ablate(set: &EvalSet) {
    let d = Params::default();
    let variants: Vec<(&str, Params)> = vec![
        ("defaults", d.clone()),
        (
            "title weight 0.1",
            Params {
                w_cosine: 0.9,
                w_title: 0.1,
                ..d.clone()
            },
        ),
        (
            "title weight 0.2",
            Params {
                w_cosine: 0.8,
                w_title: 0.2,
                ..d.clone()
            },
        ),
        (
            "title weight 0.3",
            Params {
                w_cosine: 0.7,
                w_title: 0.3,
                ..d.clone()
            },
        ),
        (
            "cosine only",
            Params {
                w_cosine: 1.0,
                w_title: 0.0,
                ..d.clone()
            },
        ),
        (
            "title only",
            Params {
                w_cosine: 0.0,
                w_title: 1.0,
                ..d.clone()
            },
        ),
        (
            "title: words only",
            Params {
                title_trigram_share: 0.0,
                ..d.clone()
            },
        ),
        (
            "title: trigrams only",
            Params {
                title_trigram_share: 1.0,
                ..d.clone()
            },
        ),
        (
            "no metadata",
            Params {
                meta_span: 0.0,
                ..d.clone()
            },
        ),
        (
            "no title boost",
            Params {
                title_boost: 1.0,
                ..d.clone()
            },
        ),
        (
            "no bigrams",
            Params {
                bigram_weight: 0.0,
                ..d.clone()
            },
        ),
        (
            "no compounds",
            Params {
                compound_weight: 0.0,
                ..d.clone()
            },
        ),
        (
            "no identifiers",
            Params {
                ident_boost: 0.0,
                ..d.clone()
            },
        ),
        (
            "no tags",
            Params {
                tag_weight: 0.0,
                ..d.clone()
            },
        ),
        (
            "no synonyms/stems",
            Params {
                normalize_words: false,
                ..d.clone()
            },
        ),
    ];
    summary(
        "plain TF-IDF baseline",
        &eval::evaluate(set, SHOW_THRESHOLD, eval::baseline_ranker(set)),
    );
    let demo = eval::demo_docs().expect("the demo parses");
    for (name, params) in variants {
        summary(name, &eval::evaluate_with(set, params.clone()));
        let mut index = Index::with_params(params);
        demo.iter().for_each(|d| index.insert(d));
        demo_summary(&eval::evaluate_demo(&index));
    }
}

fn demo_summary(r: &DemoReport) {
    println!(
        "{:<22} demo: top-3 from the same pattern {}/{} ({:.3}); first suggestion same pattern {}/{}, shown {}",
        "",
        r.top3_same,
        r.top3_slots,
        r.top3_same as f64 / r.top3_slots.max(1) as f64,
        r.first_same,
        r.members,
        r.first_shown
    );
}

/// Precision of shown suggestions at each display threshold, on the
/// evaluation set and among the demo's pattern members.
fn sweep(set: &EvalSet) -> anyhow::Result<()> {
    let demo = Index::build(&eval::demo_docs()?);
    let index = Index::build(&set.docs);
    println!("THRESHOLD  EVAL shown precision (n)   all issues (n)   DEMO pattern members: shown precision (n)");
    for step in 0..=10 {
        let t = 0.10 + 0.025 * step as f32;
        let r = eval::evaluate(set, t, |id| {
            index
                .suggest(id, eval::DISPLAY_LIMIT)
                .iter()
                .map(|s| (s.id, s.score))
                .collect()
        });
        let (mut shown, mut right) = (0, 0);
        for (_, members) in eval::DEMO_PATTERNS {
            for &id in *members {
                for s in demo.suggest(id, eval::DISPLAY_LIMIT).iter().filter(|s| s.score >= t) {
                    shown += 1;
                    right += usize::from(members.contains(&s.id));
                }
            }
        }
        println!(
            "{t:>9.3}  {:>8.3} ({:>3})  {:>8.3} ({:>3})   {:>8.3} ({:>3})",
            r.precision(),
            r.shown,
            r.precision_all(),
            r.shown_all,
            right as f64 / shown.max(1) as f64,
            shown
        );
    }
    Ok(())
}

/// Theme proposals over the whole demo at several merge thresholds: how many
/// documented patterns each recovers (the best proposal holds ≥ 60 % of the
/// pattern and is ≥ 60 % pattern members).
fn clusters() -> anyhow::Result<()> {
    let docs = eval::demo_docs()?;
    let index = Index::build(&docs);
    let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    for step in 0..=6 {
        let threshold = 0.08 + 0.02 * step as f32;
        let opts = ClusterOptions {
            threshold,
            ..ClusterOptions::default()
        };
        let proposals = propose_themes(&index, &ids, &opts);
        let (recovered, lines) = eval::demo_clusters(&proposals);
        println!(
            "threshold {threshold:.2}: {recovered}/{} patterns, {} proposals",
            lines.len(),
            proposals.len()
        );
        for line in lines {
            println!("    {line}");
        }
    }
    Ok(())
}
