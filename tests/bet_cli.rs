//! The bet and hypothesis commands as a person types them: parsed by the
//! real clap definitions, run against a temp store with an in-memory writer,
//! in a fixed clock and zone.

mod common;

use clap::Parser;
use common::{feedback, now, temp_store};
use loopboard::bet_cmd::{self, Context};
use loopboard::cli::{Cli, Command};
use loopboard::domain::{BetId, BetStatus, DecisionKind, HypothesisId, HypothesisStatus, SubjectKind};
use loopboard::store::Store;
use loopboard::timefmt::Zone;

fn run_in(store: &mut Store, zone: Zone, args: &[&str]) -> Result<String, String> {
    let argv = std::iter::once("loopboard").chain(args.iter().copied());
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let ctx = Context {
        now: now(),
        zone,
        user: "dana".into(),
    };
    let mut out = Vec::new();
    let result = match cli.command.expect("a command") {
        Command::Bet { action } => bet_cmd::bet(store, action, &mut out, &ctx),
        Command::Bets(args) => bet_cmd::bets(store, args, &mut out, &ctx),
        Command::Hypothesis { action } => bet_cmd::hypothesis(store, action, &mut out, &ctx),
        other => panic!("not a bet command: {other:?}"),
    };
    result.map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8(out).expect("utf-8"))
}

fn run(store: &mut Store, args: &[&str]) -> Result<String, String> {
    run_in(store, Zone::UTC, args)
}

#[test]
fn bet_add_prints_the_id_and_keeps_every_input() {
    let (_d, mut store) = temp_store();
    let out = run(
        &mut store,
        &[
            "bet",
            "add",
            "--title",
            "Self-serve SSO",
            "--reach",
            "12",
            "--impact",
            "2",
            "--confidence",
            "80",
            "--effort",
            "3",
            "--ice-impact",
            "7",
            "--ease",
            "4",
            "--value",
            "8",
            "--time-criticality",
            "5",
            "--risk-reduction",
            "3",
            "--job-size",
            "13",
            "--owner",
            "dana",
            "--metric",
            "activation +5 pp",
        ],
    )
    .expect("add");
    assert_eq!(out, "1\n");
    let bet = store.get_bet(BetId(1)).expect("bet");
    let i = bet.inputs;
    assert_eq!(
        (i.reach, i.impact, i.confidence, i.effort),
        (Some(12.0), Some(2.0), Some(80.0), Some(3.0))
    );
    assert_eq!((i.ice_impact, i.ice_confidence, i.ease), (Some(7.0), None, Some(4.0)));
    assert_eq!(
        (i.value, i.time_criticality, i.risk_reduction, i.job_size),
        (Some(8.0), Some(5.0), Some(3.0), Some(13.0))
    );
    assert_eq!(bet.metric.as_deref(), Some("activation +5 pp"));
}

#[test]
fn invalid_inputs_are_refused_naming_the_flag_and_nothing_is_written() {
    let (_d, mut store) = temp_store();
    for (flag, value, want) in [
        ("--effort", "0", "expected person-weeks above 0"),
        ("--confidence", "120", "expected a percentage from 0 to 100"),
        ("--impact", "1.5", "expected one of 0.25, 0.5, 1, 2, 3"),
        ("--ease", "0", "expected a whole number from 1 to 10"),
        ("--job-size", "4", "expected one of 1, 2, 3, 5, 8, 13, 20"),
        ("--reach", "lots", "expected a number or none"),
        ("--deadline", "15/12/2026", "expected a date like 2026-12-15"),
    ] {
        let err = run(&mut store, &["bet", "add", "--title", "x", flag, value]).expect_err(flag);
        assert!(err.contains(flag) && err.contains(want), "{flag}: {err}");
        run(&mut store, &["bet", "add", "--title", "ok"]).expect("add");
        let err = run(&mut store, &["bet", "set", "1", flag, value]).expect_err(flag);
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let bets = store.list_bets().expect("bets");
    assert!(bets.iter().all(|b| b.title == "ok" && b.inputs == Default::default()));
}

#[test]
fn bet_set_changes_fields_clears_with_none_and_refuses_verdicts() {
    let (_d, mut store) = temp_store();
    run(&mut store, &["bet", "add", "--title", "t", "--reach", "5"]).expect("add");
    let paris = Zone::Fixed(chrono::FixedOffset::east_opt(3600).expect("offset"));
    run_in(
        &mut store,
        paris,
        &[
            "bet",
            "set",
            "1",
            "--deadline",
            "2026-12-15",
            "--confidence",
            "90",
            "--reach",
            "none",
        ],
    )
    .expect("set");
    let bet = store.get_bet(BetId(1)).expect("bet");
    let deadline = bet.deadline.expect("deadline").to_rfc3339();
    assert_eq!(deadline, "2026-12-15T22:59:59+00:00", "the end of the 15th in Paris");
    assert_eq!((bet.inputs.reach, bet.inputs.confidence), (None, Some(90.0)));
    run(
        &mut store,
        &["bet", "set", "1", "--deadline", "none", "--status", "running"],
    )
    .expect("clear");
    let bet = store.get_bet(BetId(1)).expect("bet");
    assert_eq!(
        (bet.deadline, bet.status, bet.started_at),
        (None, BetStatus::Running, Some(now()))
    );
    let err = run(&mut store, &["bet", "set", "1"]).expect_err("empty");
    assert!(err.contains("nothing to change"), "{err}");
    let err = run(&mut store, &["bet", "set", "1", "--status", "won"]).expect_err("verdict");
    assert!(err.starts_with("--status: won is a verdict"), "{err}");
    let err = run(&mut store, &["bet", "set", "7", "--title", "x"]).expect_err("missing");
    assert_eq!(err, "bet #7 does not exist");
}

/// Three bets: one ranked by hand-set reach, one by derived reach, one that
/// cannot be scored.
fn fixture(store: &mut Store) {
    let a = feedback(store, "a", "Acme", Some("enterprise"), 2).0.to_string();
    let b = feedback(store, "b", "Globex", Some("smb"), 5).0.to_string();
    run(
        store,
        &[
            "hypothesis",
            "add",
            "--statement",
            "We believe SSO will cut churn",
            "--item",
            &a,
        ],
    )
    .expect("h");
    run(
        store,
        &[
            "bet",
            "add",
            "--title",
            "Invoice export",
            "--reach",
            "40",
            "--impact",
            "1",
            "--confidence",
            "50",
            "--effort",
            "1",
            "--metric",
            "tickets -20%",
        ],
    )
    .expect("1");
    run(
        store,
        &[
            "bet",
            "add",
            "--title",
            "Self-serve SSO",
            "--hypothesis",
            "1",
            "--item",
            &b,
            "--impact",
            "2",
            "--confidence",
            "80",
            "--effort",
            "2",
            "--owner",
            "dana",
            "--deadline",
            "2026-11-20",
        ],
    )
    .expect("2");
    run(store, &["bet", "add", "--title", "Dark mode", "--impact", "0.5"]).expect("3");
}

#[test]
fn bets_prints_the_ranked_table() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let out = run(&mut store, &["bets"]).expect("bets");
    let want = "\
RANK    ID     SCORE   REACH  IMPACT  CONFIDENCE  EFFORT  STATUS    OWNER         DEADLINE    TITLE                             FLAGS
   1     1        20      40       1          50       1  proposed  -             -           Invoice export                    no owner, no deadline
   2     2       1.6      2*       2          80       2  proposed  dana          2026-11-20  Self-serve SSO                    past deadline, no metric
   -     3         -      0*     0.5           -       -  proposed  -             -           Dark mode                         cannot score, no owner, no metric, no deadline
* reach derived from evidence: distinct customers in the last 90 days, weighted by segment
";
    assert_eq!(out, want);
    let wsjf = run(&mut store, &["bets", "--method", "wsjf"]).expect("wsjf");
    assert!(
        wsjf.lines().next().expect("head").contains("TIME CRITICALITY"),
        "{wsjf}"
    );
    let err = run(&mut store, &["bets", "--method", "moscow"]).expect_err("method");
    assert!(err.contains("rice, ice or wsjf"), "{err}");
}

#[test]
fn bets_as_jsonl_carries_rank_score_and_flags() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let out = run(&mut store, &["bets", "--format", "jsonl"]).expect("jsonl");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (lines[0]["rank"].as_u64(), lines[0]["score"].as_f64()),
        (Some(1), Some(20.0))
    );
    assert_eq!(lines[1]["reach_from"], "evidence");
    assert_eq!(lines[1]["inputs"]["reach"], 2.0);
    assert_eq!(lines[1]["deadline"], "2026-11-20T23:59:59Z");
    assert_eq!(lines[2]["error"], "RICE needs confidence and effort");
    assert!(lines[2]["rank"].is_null());
}

#[test]
fn explain_prints_the_breakdown_term_by_term() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let out = run(&mut store, &["bets", "--explain", "2"]).expect("explain");
    let want = "\
bet #2 \"Self-serve SSO\" · proposed · owner dana · deadline 2026-11-20
RICE = reach × impact × confidence ÷ effort
  term                value   weight   contribution    running
  reach                   2        1              2          2  derived from evidence: 2 customers in the last 90 days (enterprise 1 × 1, smb 1 × 1)
× impact                  2        1              2          4
× confidence             80     0.01            0.8        3.2  percent
÷ effort                  2        1              2        1.6  person-weeks
= total                                                    1.6
flags: past deadline, no metric
";
    assert_eq!(out, want);
    let hand = run(&mut store, &["bets", "--explain", "1"]).expect("explain");
    assert!(
        hand.contains("set by hand") && hand.contains("evidence says: 0 customers"),
        "{hand}"
    );
    let err = run(&mut store, &["bets", "--explain", "3"]).expect_err("unscorable");
    assert_eq!(err, "bet #3 cannot be scored: RICE needs confidence and effort");
    let err = run(&mut store, &["bets", "--explain", "9"]).expect_err("missing");
    assert_eq!(err, "bet #9 does not exist");
}

#[test]
fn a_verdict_logs_its_decision_and_moves_the_hypothesis() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let err = run(
        &mut store,
        &[
            "bet",
            "verdict",
            "2",
            "--outcome",
            "won",
            "--decision",
            "persevere",
            "--rationale",
            "x",
        ],
    )
    .expect_err("not running");
    assert!(err.starts_with("--outcome: bet #2: cannot move"), "{err}");
    run(&mut store, &["bet", "set", "2", "--status", "running"]).expect("run");
    let err = run(
        &mut store,
        &[
            "bet",
            "verdict",
            "2",
            "--outcome",
            "won",
            "--decision",
            "persevere",
            "--rationale",
            " ",
        ],
    )
    .expect_err("no rationale");
    assert_eq!(err, "--rationale: a verdict needs a rationale");
    let err = run(
        &mut store,
        &[
            "bet",
            "verdict",
            "2",
            "--outcome",
            "won",
            "--decision",
            "ship",
            "--rationale",
            "r",
        ],
    )
    .expect_err("bad decision");
    assert!(err.contains("persevere, pivot or stop"), "{err}");
    let out = run(
        &mut store,
        &[
            "bet",
            "verdict",
            "2",
            "--outcome",
            "won",
            "--decision",
            "persevere",
            "--rationale",
            "3 of 4 renewed",
        ],
    )
    .expect("verdict");
    assert_eq!(
        out,
        "bet #2 won; decision 1 (persevere) logged; hypothesis #1 is validated\n"
    );
    let log = store.decisions_about(SubjectKind::Bet, 2).expect("log");
    assert_eq!(
        (log[0].kind, log[0].decided_by.as_str()),
        (DecisionKind::Persevere, "dana")
    );
    assert_eq!(
        store.get_hypothesis(HypothesisId(1)).expect("h").status,
        HypothesisStatus::Validated
    );
    let open = run(&mut store, &["bets"]).expect("bets");
    assert!(!open.contains("Self-serve SSO"), "closed bets leave the list:\n{open}");
    let all = run(&mut store, &["bets", "--all"]).expect("bets --all");
    let closed = all
        .lines()
        .find(|l| l.contains("Self-serve SSO"))
        .expect("closed bet listed");
    assert!(closed.starts_with("   -     2") && closed.contains(" won "), "{all}");
}

#[test]
fn hypotheses_add_link_set_and_list() {
    let (_d, mut store) = temp_store();
    fixture(&mut store);
    let c = feedback(&mut store, "c", "Initech", None, 1).0.to_string();
    run(&mut store, &["hypothesis", "link", "1", "--item", &c]).expect("link");
    run(
        &mut store,
        &[
            "hypothesis",
            "set",
            "1",
            "--status",
            "invalidated",
            "--statement",
            "We believe SSO will not matter",
        ],
    )
    .expect("set");
    let out = run(&mut store, &["hypothesis", "list"]).expect("list");
    let want = concat!(
        "   ID  STATUS       ITEMS  BETS        STATEMENT\n",
        "    1  invalidated      2  2           We believe SSO will not matter\n",
    );
    assert_eq!(out, want);
    let err = run(&mut store, &["hypothesis", "link", "1", "--item", "99"]).expect_err("missing item");
    assert_eq!(err, "item #99 does not exist");
    let err = run(&mut store, &["hypothesis", "add", "--statement", "  "]).expect_err("empty");
    assert!(err.starts_with("--statement: must not be empty"), "{err}");
    let err = run(&mut store, &["bet", "link", "1"]).expect_err("no items");
    assert!(err.contains("--item"), "{err}");
}
