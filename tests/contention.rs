//! Two processes on one database, as in a pairing session, at full speed:
//! each performs 5,000 read-then-write actions on the same ten items (read
//! the item as the board does, then escalate it with a reason, which reads
//! and writes the item, the decision log and the undo journal in one
//! transaction). No action may fail (no SQLITE_BUSY reaches anyone), and the
//! final state must be exactly the sum of both: 10,000 decisions, each
//! process's 5,000 present once.
//!
//! The workers are this test binary run again (`--exact worker`) with
//! `LOOPBOARD_CONTENTION_DB` set; without it the worker test does nothing.

mod common;
mod reliability;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{item, now};
use loopboard::domain::ItemId;
use loopboard::store::Store;

const ITEMS: i64 = 10;

#[test]
fn worker() {
    let Ok(db) = std::env::var("LOOPBOARD_CONTENTION_DB") else {
        return;
    };
    let name = std::env::var("LOOPBOARD_CONTENTION_NAME").expect("worker name");
    let actions: usize = std::env::var("LOOPBOARD_CONTENTION_ACTIONS")
        .expect("action count")
        .parse()
        .expect("a number");
    let mut store = Store::open(Path::new(&db)).expect("open");
    // Start together, so the two processes really contend.
    let go = Path::new(&db).with_extension("go");
    while !go.exists() {
        std::thread::sleep(Duration::from_millis(1));
    }
    for k in 0..actions {
        let id = ItemId(1 + (k as i64 % ITEMS));
        let seen = store.get_item(id).expect("read");
        assert_eq!(seen.id, id);
        store
            .escalate(&[id], &format!("{name} #{k}"), &name, now())
            .unwrap_or_else(|e| panic!("{name}: action {k} failed: {e}"));
    }
    println!("{name} done {actions}");
}

fn spawn_worker(db: &Path, name: &str, actions: usize) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "worker", "--nocapture", "--test-threads=1"])
        .env("LOOPBOARD_CONTENTION_DB", db)
        .env("LOOPBOARD_CONTENTION_NAME", name)
        .env("LOOPBOARD_CONTENTION_ACTIONS", actions.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn a worker")
}

#[test]
fn two_processes_5000_actions_each_lose_nothing() {
    let actions = reliability::count("LOOPBOARD_CONTENTION_ACTIONS", 5_000);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("pair.db");
    {
        let mut store = Store::open(&db).expect("open");
        for i in 0..ITEMS {
            store.add_item(&item(&format!("shared {i}"), i), now()).expect("add");
        }
    }
    drop(Store::open(&db).expect("take the daily backup before the race"));
    let workers = [spawn_worker(&db, "alice", actions), spawn_worker(&db, "bob", actions)];
    let started = Instant::now();
    std::fs::write(db.with_extension("go"), "").expect("start");
    for child in workers {
        let out = child.wait_with_output().expect("worker");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains(&format!("done {actions}")),
            "a worker failed ({}):\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!("2 × {actions} actions in {:.1} s", started.elapsed().as_secs_f64());

    let store = Store::open(&db).expect("open");
    let decisions = store.list_decisions().expect("decisions");
    assert_eq!(decisions.len(), 2 * actions, "the sum of both, exactly");
    for name in ["alice", "bob"] {
        let mine: BTreeSet<usize> = decisions
            .iter()
            .filter(|d| d.decided_by == name)
            .filter_map(|d| d.rationale.strip_prefix(&format!("{name} #"))?.parse().ok())
            .collect();
        assert_eq!(mine.len(), actions, "every one of {name}'s actions, once");
        assert_eq!(mine.last().copied(), Some(actions - 1));
    }
    let conn = rusqlite::Connection::open(&db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}
