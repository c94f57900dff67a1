//! The `f` filter end to end: the real binary in a pseudo-terminal, a filter
//! typed as a person would, the inbox narrowed on screen to exactly what
//! `loopboard list --filter` prints for the same query, then cleared.

mod pty;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pty::Pty;

const BIN: &str = env!("CARGO_BIN_EXE_loopboard");
const WAIT: Duration = Duration::from_secs(10);

fn cli(db: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LOOPBOARD_DB")
        .env("HOME", home)
        .output()
        .expect("run loopboard");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The item ids in the inbox table rows on screen (`│  35     S2 …`).
fn ids_on_screen(screen: &str) -> Vec<u64> {
    screen
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix('│')?;
            let rest = rest.trim_start_matches(['>', '*', ' ']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[test]
fn typing_a_filter_narrows_the_inbox_and_an_empty_one_clears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("board.db");
    cli(&db, dir.path(), &["demo"]);
    let open = "-status:resolved -status:declined -status:duplicate -status:snoozed";
    let query = "customer:castellan sev:<=2";
    let want: Vec<u64> = cli(
        &db,
        dir.path(),
        &["list", "--filter", &format!("{query} {open}"), "--format", "jsonl"],
    )
    .lines()
    .map(|l| {
        serde_json::from_str::<serde_json::Value>(l).expect("jsonl")["id"]
            .as_u64()
            .expect("id")
    })
    .collect();
    assert!(!want.is_empty() && want.len() < 20, "{want:?}");

    let home = dir.path().to_str().expect("UTF-8 path");
    let env = [("TERM", "xterm-256color"), ("HOME", home), ("USER", "e2e")];
    let mut board = Pty::spawn(BIN, [OsStr::new("--db"), db.as_os_str()], &env, 120, 30);
    board.wait_for("Inbox", WAIT);
    board.send("f");
    board.wait_for("Filter the inbox", WAIT);
    board.send(query);
    board.send("\r");
    board.wait_for("item(s) match", WAIT);
    let shown = board.wait_until("the narrowed inbox", WAIT, |screen| {
        let ids = ids_on_screen(screen);
        (screen.contains(&format!("Inbox 1/{}", want.len())) && ids.len() == want.len()).then_some(ids)
    });
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    let mut expected = want.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "screen:\n{}", board.screen());
    assert!(board.screen().contains("filter: customer:castellan sev:<=2"));

    board.send("f");
    board.wait_for("Filter the inbox", WAIT);
    board.send("\r");
    board.wait_for("filter cleared", WAIT);
    board.send("q");
    assert!(board.wait_exit(WAIT).success());
}

/// Runs `loopboard --db DB --config CONFIG args…` and returns stdout.
fn cli_config(db: &Path, config: &Path, args: &[&str]) -> String {
    let home = db.parent().expect("a directory");
    let mut all = vec!["--config", config.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    cli(db, home, &all)
}

fn ids(jsonl: &str) -> Vec<u64> {
    jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("jsonl")["id"]
                .as_u64()
                .expect("id")
        })
        .collect()
}

#[test]
fn list_filter_and_bets_follow_the_config_like_the_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("board.db");
    cli(&db, dir.path(), &["demo"]);
    let default = dir.path().join("default.toml");
    std::fs::write(&default, "").expect("write config");
    // Targets so long that nothing in the demo is late.
    let lenient = dir.path().join("lenient.toml");
    let mut text = String::from("[severity]\nunrated_ack = \"52w\"\n");
    for s in 1..=4 {
        text.push_str(&format!(
            "[severity.s{s}]\ndefinition = \"d\"\nack = \"52w\"\nresolve = \"52w\"\n"
        ));
    }
    text.push_str("[scoring.segment_weights]\nenterprise = 9.0\nstartup = 0.1\nmid-market = 0.1\n");
    std::fs::write(&lenient, text).expect("write config");

    let args = ["list", "--filter", "sla:breached", "--format", "jsonl"];
    let breached = ids(&cli_config(&db, &default, &args));
    assert!(!breached.is_empty(), "the demo has breaches under the default targets");
    assert!(
        ids(&cli_config(&db, &lenient, &args)).is_empty(),
        "none under 52-week targets"
    );
    let args = ["list", "--sla", "breached", "--format", "jsonl"];
    assert!(ids(&cli_config(&db, &lenient, &args)).is_empty());

    let scores = |config: &Path| -> Vec<(u64, f64)> {
        cli_config(&db, config, &["bets", "--format", "jsonl"])
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("jsonl");
                (v["id"].as_u64().expect("id"), v["score"].as_f64().unwrap_or(f64::NAN))
            })
            .collect()
    };
    let (plain, weighted) = (scores(&default), scores(&lenient));
    assert!(!plain.is_empty());
    assert_ne!(
        plain, weighted,
        "segment weights change RICE reach, so the ranking or scores"
    );
}
