//! `loopboard decide` and `loopboard decisions` with an in-memory writer:
//! recording with links, errors naming the flag, filters and both formats.

mod common;

use clap::Parser;
use common::{now, temp_store};
use loopboard::bet_cmd::Context;
use loopboard::cli::{Cli, Command};
use loopboard::decisions_cmd::{decide, decisions};
use loopboard::store::Store;
use loopboard::timefmt::Zone;

fn ctx() -> Context {
    Context {
        now: now(),
        zone: Zone::UTC,
        user: "dana".to_string(),
    }
}

fn run(store: &mut Store, args: &[&str]) -> Result<String, String> {
    let cli =
        Cli::try_parse_from(std::iter::once("loopboard").chain(args.iter().copied())).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let result = match cli.command {
        Some(Command::Decide(a)) => decide(store, a, &mut out, &ctx()),
        Some(Command::Decisions(a)) => decisions(store, &a, &mut out, Zone::UTC),
        other => panic!("not a decision command: {other:?}"),
    };
    result.map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8(out).expect("utf-8"))
}

#[test]
fn decide_records_links_and_decisions_lists_and_filters_them() {
    let (_d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let first = run(
        &mut store,
        &[
            "decide",
            "item:3",
            "accept",
            "--why",
            "Three asked",
            "--evidence",
            "item:4",
            "--revisit",
            "2026-12-01",
        ],
    )
    .expect("decide");
    let first = first.trim().to_string();
    let second = run(
        &mut store,
        &[
            "decide",
            "item:3",
            "decline",
            "--why",
            "Changed course",
            "--supersedes",
            &first,
        ],
    )
    .expect("decide");
    let table = run(&mut store, &["decisions", "--since", "2026-11-21"]).expect("list");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("   ID  AT"), "{table}");
    assert!(
        lines[1].contains("accept") && lines[1].contains(&format!("superseded by {}", second.trim())),
        "{table}"
    );
    assert!(
        lines[1].contains("revisit 2026-12-01 00:00") && lines[1].contains("evidence item:4"),
        "{table}"
    );
    assert!(
        lines[2].contains("dana") && lines[2].contains(&format!("supersedes {first}")),
        "{table}"
    );

    let jsonl = run(
        &mut store,
        &[
            "decisions",
            "--kind",
            "decline",
            "--since",
            "2026-11-21",
            "--format",
            "jsonl",
        ],
    )
    .expect("jsonl");
    assert_eq!(jsonl.lines().count(), 1, "{jsonl}");
    assert!(jsonl.contains(&format!("\"supersedes\":{first}")), "{jsonl}");
    let by = run(&mut store, &["decisions", "--by", "nobody"]).expect("by");
    assert_eq!(by.lines().count(), 1, "only the header: {by}");
}

#[test]
fn refusals_name_what_to_fix() {
    let (_d, mut store) = temp_store();
    loopboard::demo::load(&mut store, now()).expect("demo");
    let cases: [(&[&str], &str); 6] = [
        (
            &["decide", "bet:99", "note", "--why", "x"],
            "SUBJECT: there is no bet 99",
        ),
        (
            &["decide", "item:1", "note", "--why", "  "],
            "--why: a decision needs a rationale",
        ),
        (
            &["decide", "item:1", "note", "--why", "x", "--supersedes", "999"],
            "--supersedes: there is no decision 999",
        ),
        (
            &["decide", "item:1", "note", "--why", "x", "--evidence", "theme:77"],
            "--evidence: there is no theme 77",
        ),
        (&["decide", "item:1", "maybe", "--why", "x"], "unknown decision kind"),
        (&["decisions", "--since", "last week"], "expected a date like"),
    ];
    let before = store.decision_log().expect("log").len();
    for (args, want) in cases {
        let err = run(&mut store, args).expect_err(want);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert_eq!(store.decision_log().expect("log").len(), before);
}
